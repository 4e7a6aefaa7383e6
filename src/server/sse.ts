import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { canSee } from '../audit/audit.routes.js';
import { CommitListener } from '../audit/commit-listener.js';
import type { LiveEvent } from '../core/event-bus.js';
import { personOf } from './auth.js';
import type { Services } from './services.js';

// Keeps proxies from closing an idle stream; SSE comments are ignored by EventSource.
const HEARTBEAT_MS = 25_000;
// Visibility of a body is re-read this often, so a recalled delegate stops seeing a council quickly.
const VISIBILITY_TTL_MS = 10_000;
// At most this many missed events are replayed after a reconnect; older ones are in /api/audit.
const REPLAY_LIMIT = 1000;

// Events go out unnamed (EventSource type "message") with the action inside the data, so a client
// receives every area's events without having to know their names in advance.
function frame(event: Pick<LiveEvent, 'seq'>, data: unknown): string {
  return `id: ${event.seq}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * `GET /api/events/stream`: server-sent events of committed changes the person may see. The event
 * id is the audit sequence number, so a reconnect with `Last-Event-ID` replays what was missed.
 *
 * On PostgreSQL a listening server also hears the commits of every other instance (and of CLI
 * commands) through LISTEN/NOTIFY, so each instance's stream carries every event exactly once, in
 * seq order. On SQLite there is one server process and nothing more is needed.
 */
export async function sseRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const { services } = opts;
  const open = new Set<() => void>();

  const target = services.config.database;
  if (services.database.kind === 'postgres' && target.kind === 'postgres') {
    const { audit } = services;
    audit.reportDeliveryErrorsTo((err) =>
      app.log.error({ err }, 'reading committed events for the stream failed'),
    );
    const listener = new CommitListener({
      url: target.url,
      channel: audit.channel,
      onCommitted: (seq) => audit.committedUpTo(seq),
      headSeq: () => audit.headSeq(),
      log: app.log,
    });
    app.addHook('onListen', () => listener.start());
    app.addHook('onClose', () => listener.stop());
  }

  app.addHook('preClose', async () => {
    for (const end of open) end();
  });

  app.get(
    '/api/events/stream',
    {
      schema: {
        tags: ['events'],
        summary: 'Server-sent events of changes you may see; reconnect with Last-Event-ID',
        querystring: Type.Object(
          { lastEventId: Type.Optional(Type.Integer({ minimum: 0 })) },
          { additionalProperties: false },
        ),
        headers: Type.Object({ 'last-event-id': Type.Optional(Type.String({ pattern: '^[0-9]{1,15}$' })) }),
      },
    },
    async (request, reply) => {
      const person = personOf(request);
      const headerId = request.headers['last-event-id'];
      const query = request.query as { lastEventId?: number };
      const lastId = typeof headerId === 'string' ? Number(headerId) : (query.lastEventId ?? null);

      let cache = new Map<string, boolean>();
      let cacheAt = Date.now();
      const visible = async (e: LiveEvent) => {
        if (Date.now() - cacheAt > VISIBILITY_TTL_MS) {
          cache = new Map();
          cacheAt = Date.now();
        }
        return canSee(services, person, e, cache);
      };

      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      raw.write('retry: 3000\n\n');

      // Events that arrive while the replay is read are queued, then sent in order without repeats.
      let lastSent = lastId ?? Number.POSITIVE_INFINITY;
      const queue: LiveEvent[] = [];
      let replaying = lastId !== null;
      let chain = Promise.resolve();
      const send = (e: LiveEvent) => {
        chain = chain.then(async () => {
          if (Number.isFinite(lastSent) && e.seq <= lastSent) return;
          if (await visible(e))
            raw.write(
              frame(e, {
                seq: e.seq,
                action: e.action,
                subjectType: e.subjectType,
                subjectId: e.subjectId,
                occurredAt: e.occurredAt,
                payload: e.payload,
              }),
            );
          lastSent = e.seq;
        });
      };
      const unsubscribe = services.bus.subscribe((e) => (replaying ? queue.push(e) : send(e)));
      const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
      const end = () => {
        clearInterval(heartbeat);
        unsubscribe();
        open.delete(end);
        if (!raw.writableEnded) raw.end();
      };
      open.add(end);
      request.raw.on('close', end);

      if (lastId !== null) {
        const missed = await services.audit.after(lastId, REPLAY_LIMIT);
        lastSent = lastId;
        for (const e of missed) send(e);
        replaying = false;
        for (const e of queue.splice(0)) send(e);
      } else {
        lastSent = Number.NEGATIVE_INFINITY;
      }
    },
  );
}
