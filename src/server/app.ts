import { readFileSync } from 'node:fs';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { auditRoutes } from '../audit/audit.routes.js';
import { AppError } from '../core/errors.js';
import { councilsRoutes } from '../councils/councils.routes.js';
import { identityRoutes } from '../identity/identity.routes.js';
import { landRoutes } from '../land/land.routes.js';
import { logisticsRoutes } from '../logistics/logistics.routes.js';
import { overviewRoutes } from '../overview/overview.routes.js';
import { planningRoutes } from '../planning/plans.routes.js';
import { MqttIngest } from '../production/mqtt-ingest.js';
import { productionRoutes } from '../production/production.routes.js';
import { sparePartsRoutes } from '../production/spare-parts.routes.js';
import { resupplyRoutes } from '../supply/resupply.routes.js';
import { supplyRoutes } from '../supply/supply.routes.js';
import { authPlugin } from './auth.js';
import { databaseRateLimitStore } from './database-rate-limit.js';
import { healthRoutes } from './health.routes.js';
import { localeOf } from './locale.js';
import { problemOf, sendProblem, toProblem } from './problem.js';
import type { Services } from './services.js';
import { sseRoutes } from './sse.js';
import { validatorCompiler } from './validation.js';
import { WEB_DIST, webBuilt, webRoutes } from './web.js';

const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** Options of `buildApp`. */
export interface AppOptions {
  readonly services: Services;
  /** pino logger options, or false for none (tests). Defaults to the config's log level. */
  readonly logger?: boolean | { level: string };
}

/**
 * Builds the HTTP application (API, OpenAPI, event stream and web app) without listening, so tests
 * drive it with `app.inject()` and `main` decides where it listens.
 *
 * @example const app = await buildApp({ services }); await app.listen({ port: 8080 });
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { services } = options;
  const { config } = services;
  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel },
    bodyLimit: config.bodyLimitBytes,
    // behind a proxy the sign-in limit must count each client, not the proxy's one address
    trustProxy: config.trustProxy,
    // Keep-alive connections are closed as soon as they are idle when the server closes.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    ajv: { customOptions: { removeAdditional: false } },
  });
  app.setValidatorCompiler(validatorCompiler);

  app.setErrorHandler((error, request, reply) => {
    const problem = toProblem(error, request, config.defaultLocale, config.bodyLimitBytes);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: problem.code, field: problem.field }, 'request refused');
    return sendProblem(reply, problem);
  });
  app.setNotFoundHandler((request, reply) => {
    const locale = localeOf(request, config.defaultLocale);
    const isApi = request.url.startsWith('/api/') || request.url === '/api';
    if (
      !isApi &&
      request.method === 'GET' &&
      webBuilt() &&
      (request.headers.accept ?? '').includes('text/html')
    ) {
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(readFileSync(`${WEB_DIST}/index.html`));
    }
    return sendProblem(
      reply,
      problemOf('route-not-found', locale, { method: request.method, url: request.url.split('?')[0] ?? '' }),
    );
  });

  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    global: false,
    // counted in the database, so several instances share one count per client
    store: databaseRateLimitStore(services.database, services.clock),
    errorResponseBuilder: (_request, context) =>
      new AppError('rate-limited', { params: { seconds: Math.ceil(context.ttl / 1000) } }),
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Cordones API',
        version: VERSION,
        description:
          'Councils of recallable delegates running production, planning and supply. Errors are application/problem+json with a stable `code` and the `field` concerned. Writes made with the session cookie need the X-CSRF-Token header; machines use `Authorization: Bearer <token>`. Send `Idempotency-Key` to make a write safe to retry.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'cordones_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', uiConfig: { deepLinking: true } });
  await app.register(authPlugin, { services });

  app.get('/api/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  await app.register(healthRoutes, { services, version: VERSION });
  await app.register(identityRoutes, { services });
  await app.register(auditRoutes, { services });
  await app.register(productionRoutes, { services });
  await app.register(sparePartsRoutes, { services });
  if (config.mqttUrl) {
    // like the escalation runner: only a listening server takes reports from the broker
    const { reports, register } = services.production;
    const mqttIngest = new MqttIngest(reports, register, {
      url: config.mqttUrl,
      clientId: config.mqttClientId,
      log: app.log,
    });
    app.addHook('onListen', async () => void mqttIngest.start());
    app.addHook('onClose', () => mqttIngest.stop());
  }
  await app.register(councilsRoutes, { services });
  await app.register(supplyRoutes, { services });
  await app.register(resupplyRoutes, { services });
  await app.register(logisticsRoutes, { services });
  await app.register(planningRoutes, { services });
  await app.register(landRoutes, { services });
  await app.register(overviewRoutes, { services });
  await app.register(sseRoutes, { services });
  await app.register(webRoutes);
  return app;
}
