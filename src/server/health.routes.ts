import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { migrationStatus } from '../db/migrator.js';
import type { Services } from './services.js';

const HealthResponse = Type.Object({
  status: Type.Literal('ok'),
  database: Type.Union([Type.Literal('sqlite'), Type.Literal('postgres')]),
  migration: Type.Union([Type.String(), Type.Null()]),
  pendingMigrations: Type.Integer(),
  uptimeSeconds: Type.Number(),
  version: Type.String(),
});

/** `GET /api/health`: database kind, migration version and uptime. Public, for load balancers. */
export async function healthRoutes(
  app: FastifyInstance,
  opts: { services: Services; version: string },
): Promise<void> {
  const started = process.hrtime.bigint();
  app.get(
    '/api/health',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['operations'],
        summary: 'Liveness and database state',
        response: { 200: HealthResponse },
      },
    },
    async () => {
      const status = await migrationStatus(opts.services.database.db);
      return {
        status: 'ok' as const,
        database: opts.services.database.kind,
        migration: status.current,
        pendingMigrations: status.pending.length,
        uptimeSeconds: Number(process.hrtime.bigint() - started) / 1e9,
        version: opts.version,
      };
    },
  );
}
