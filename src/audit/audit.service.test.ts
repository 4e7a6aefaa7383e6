import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { ManualClock } from '../core/clock.js';
import { EventBus, type LiveEvent } from '../core/event-bus.js';
import { describeEachDialect } from '../db/test-databases.js';
import { type Actor, AuditService } from './audit.service.js';

const system: Actor = { kind: 'system', name: 'test' };

describeEachDialect('audit service', (database) => {
  const clock = new ManualClock(Date.parse('1972-10-11T08:00:00Z'));
  const bus = new EventBus();

  it('appends events in the command transaction, chains them and publishes after commit', async () => {
    const audit = await AuditService.create(database(), clock, bus);
    const seen: LiveEvent[] = [];
    const stop = bus.subscribe((e) => seen.push(e));
    const result = await audit.runCommand({ actor: system }, async (c) => {
      await c.trx
        .insertInto('bodies')
        .values({ id: 'b1', kind: 'cordon', name: 'Cerrillos', created_at: c.now })
        .execute();
      c.record({
        action: 'councils.body-created',
        subjectType: 'body',
        subjectId: 'b1',
        payload: { name: 'Cerrillos' },
      });
      c.record({
        action: 'councils.body-renamed',
        subjectType: 'body',
        subjectId: 'b1',
        payload: { name: 'Cerrillos-Maipú' },
      });
      return { id: 'b1' };
    });
    stop();
    expect(result).toEqual({ id: 'b1' });
    expect(seen.map((e) => [e.seq, e.action])).toEqual([
      [1, 'councils.body-created'],
      [2, 'councils.body-renamed'],
    ]);
    expect(await audit.verify()).toMatchObject({ status: 'intact', count: 2 });
    const page = await audit.list({ limit: 10, subjectId: 'b1' });
    expect(page.events.map((e) => e.seq)).toEqual([2, 1]);
    expect(page.events[0]?.payload).toEqual({ name: 'Cerrillos-Maipú' });
  });

  it('rolls back both the change and its events when the command fails', async () => {
    const audit = await AuditService.create(database(), clock, bus);
    const seen: LiveEvent[] = [];
    const stop = bus.subscribe((e) => seen.push(e));
    await expect(
      audit.runCommand({ actor: system }, async (c) => {
        await c.trx
          .insertInto('bodies')
          .values({ id: 'b2', kind: 'cordon', name: 'Vicuña Mackenna', created_at: c.now })
          .execute();
        c.record({ action: 'councils.body-created', subjectType: 'body', subjectId: 'b2' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    stop();
    expect(seen).toEqual([]);
    const { db } = database();
    expect(await db.selectFrom('bodies').where('id', '=', 'b2').selectAll().execute()).toEqual([]);
    expect(await audit.verify()).toMatchObject({ status: 'intact', count: 2 });
  });

  it('replays a retried command once and refuses its id for another command', async () => {
    const audit = await AuditService.create(database(), clock, bus);
    let runs = 0;
    const work = async (c: Parameters<Parameters<AuditService['runCommand']>[1]>[0]) => {
      runs += 1;
      c.record({ action: 'test.counted', subjectType: 'counter', subjectId: 'c' });
      return { runs };
    };
    const meta = { actor: system, commandId: '0193a000-0000-7000-8000-000000000001', fingerprint: 'count' };
    const [a, b] = await Promise.all([audit.runCommand(meta, work), audit.runCommand(meta, work)]);
    expect(a).toEqual({ runs: 1 });
    expect(b).toEqual({ runs: 1 });
    expect(runs).toBe(1);
    await expect(audit.runCommand({ ...meta, fingerprint: 'other' }, work)).rejects.toMatchObject({
      code: 'idempotency-key-reused',
    });
  });

  it('keeps the chain whole under concurrent commands', async () => {
    const audit = await AuditService.create(database(), clock, bus);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        audit.runCommand({ actor: system }, async (c) => {
          c.record({ action: 'test.parallel', subjectType: 'n', subjectId: String(i) });
        }),
      ),
    );
    expect(await audit.verify()).toMatchObject({ status: 'intact', count: 23 });
  });

  it('reports the first tampered row', async () => {
    const audit = await AuditService.create(database(), clock, bus);
    const { db } = database();
    await sql`update audit_events set payload = ${'{"name":"forged"}'} where seq = 2`.execute(db);
    expect(await audit.verify()).toMatchObject({
      status: 'broken',
      seq: 2,
      reason: 'hash-mismatch',
      checked: 1,
    });
  });
});
