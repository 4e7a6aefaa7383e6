import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBody, createTestApp, signedInPerson, type TestApp } from '../../test/factories.js';
import { openTestDatabase, type TestDatabase } from '../db/test-databases.js';

interface SseEvent {
  id: string;
  data: { seq: number; action: string; subjectId: string };
}

/** Reads SSE frames from a streaming response until `until` holds or the time runs out. */
async function collect(
  res: Response,
  until: (events: SseEvent[]) => boolean,
  ms = 5000,
): Promise<SseEvent[]> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const events: SseEvent[] = [];
  let buffer = '';
  const deadline = Date.now() + ms;
  while (!until(events) && Date.now() < deadline) {
    const chunk = await Promise.race([
      reader.read(),
      new Promise<null>((r) => setTimeout(() => r(null), deadline - Date.now())),
    ]);
    if (!chunk || chunk.done) break;
    buffer += decoder.decode(chunk.value, { stream: true });
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const fields = Object.fromEntries(
        frame
          .split('\n')
          .filter((l) => !l.startsWith(':') && l.includes(': '))
          .map((l) => [l.slice(0, l.indexOf(': ')), l.slice(l.indexOf(': ') + 2)]),
      );
      if (fields.data) events.push({ id: fields.id ?? '', data: JSON.parse(fields.data) });
      end = buffer.indexOf('\n\n');
    }
  }
  await reader.cancel();
  return events;
}

describe('event stream', () => {
  let db: TestDatabase;
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    db = await openTestDatabase('sqlite');
    t = await createTestApp(db.database);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await t.app.close();
    await db.dispose();
  });

  it('delivers only events the person may see, and replays missed ones after Last-Event-ID', async () => {
    const ana = await signedInPerson(t);
    const luis = await signedInPerson(t);
    const theirs = await createBody(t.services, {
      name: 'JAP La Legua',
      members: [{ personId: luis.personId, role: 'chair' }],
    });
    const mine = await createBody(t.services, {
      name: 'Asamblea Sumar',
      members: [{ personId: ana.personId, role: 'member' }],
    });

    const stream = await fetch(`${base}/api/events/stream`, {
      headers: { cookie: ana.cookie, 'last-event-id': '0' },
    });
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const replayed = await collect(stream, (events) => events.some((e) => e.data.subjectId === mine));
    const subjects = replayed.map((e) => e.data.subjectId);
    expect(subjects).toContain(mine);
    expect(subjects).not.toContain(theirs);
    expect(subjects).not.toContain(luis.accountId);
    const ids = replayed.map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));

    // live: a new body of Ana's arrives; one of Luis's does not
    const live = await fetch(`${base}/api/events/stream`, { headers: { cookie: ana.cookie } });
    const pending = collect(live, (events) =>
      events.some((e) => e.data.action === 'councils.body-founded' && e.data.subjectId !== mine),
    );
    await new Promise((r) => setTimeout(r, 100));
    const hidden = await createBody(t.services, {
      name: 'JAP Lo Valledor',
      members: [{ personId: luis.personId, role: 'chair' }],
    });
    const shown = await createBody(t.services, {
      name: 'Asamblea Madeco',
      members: [{ personId: ana.personId, role: 'member' }],
    });
    const got = await pending;
    expect(got.map((e) => e.data.subjectId)).toContain(shown);
    expect(got.map((e) => e.data.subjectId)).not.toContain(hidden);

    const resumed = await fetch(`${base}/api/events/stream`, {
      headers: { cookie: ana.cookie, 'last-event-id': String(Math.max(...ids)) },
    });
    const missed = await collect(resumed, (events) => events.some((e) => e.data.subjectId === shown));
    expect(missed.map((e) => e.data.subjectId)).toContain(shown);
    expect(missed.every((e) => Number(e.id) > Math.max(...ids))).toBe(true);
  });

  it('refuses a visitor without a session', async () => {
    const res = await fetch(`${base}/api/events/stream`);
    expect(res.status).toBe(401);
  });
});
