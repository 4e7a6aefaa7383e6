import { type Compilable, CompiledQuery, type Kysely } from 'kysely';

// Placeholder values that cannot occur in real data mark where each argument lands.
const SENTINEL = '\u0000cordones-arg-';

/**
 * A query built once per database and re-run with new arguments, skipping Kysely's builder and
 * compiler on hot paths (session lookup, permission checks). `build` receives placeholder
 * arguments and must use each one as a query parameter (in `where`, `values`…), never in SQL text.
 *
 * @example
 * const findSession = preparedQuery((db: Kysely<Tables>, id: string, now: string) =>
 *   db.selectFrom('sessions').selectAll().where('id', '=', id).where('expires_at', '>', now));
 * const rows = await findSession(db, sessionId, nowIso);
 */
export function preparedQuery<DB, A extends string[], R>(
  build: (db: Kysely<DB>, ...args: A) => Compilable<R>,
): (db: Kysely<DB>, ...args: A) => Promise<R[]> {
  const compiled = new WeakMap<Kysely<DB>, { sql: string; slots: (number | { value: unknown })[] }>();
  return async (db, ...args) => {
    let plan = compiled.get(db);
    if (!plan) {
      const placeholders = args.map((_, i) => `${SENTINEL}${i}`) as A;
      const query = build(db, ...placeholders).compile();
      const slots = query.parameters.map((p) =>
        typeof p === 'string' && p.startsWith(SENTINEL) ? Number(p.slice(SENTINEL.length)) : { value: p },
      );
      const used = new Set(slots.filter((s): s is number => typeof s === 'number'));
      if (used.size !== args.length)
        throw new Error('preparedQuery: every argument must be used as a parameter');
      plan = { sql: query.sql, slots };
      compiled.set(db, plan);
    }
    const parameters = plan.slots.map((s) => (typeof s === 'number' ? args[s] : s.value));
    const result = await db.executeQuery<R>(CompiledQuery.raw(plan.sql, parameters));
    return result.rows;
  };
}
