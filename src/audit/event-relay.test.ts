import { describe, expect, it } from 'vitest';
import type { LiveEvent } from '../core/event-bus.js';
import { EventRelay } from './event-relay.js';

function event(seq: number): LiveEvent {
  return {
    seq,
    action: 'test.happened',
    subjectType: 'thing',
    subjectId: `t${seq}`,
    scopeBodyId: null,
    scopePersonId: null,
    occurredAt: '1972-10-11T08:00:00.000Z',
    payload: {},
  };
}

/** A relay over a fake audit table holding seqs 1..head, recording what it publishes and reads. */
function relayOver(head: () => number) {
  const published: number[] = [];
  const reads: number[] = [];
  const relay = new EventRelay(
    { publish: (events) => published.push(...events.map((e) => e.seq)) },
    async (after, limit) => {
      reads.push(after);
      const rows: LiveEvent[] = [];
      for (let s = after + 1; s <= Math.min(head(), after + limit); s++) rows.push(event(s));
      return rows;
    },
  );
  return { relay, published, reads };
}

describe('event relay', () => {
  it('publishes local commits at once, without reading, when nothing is missing', () => {
    const { relay, published, reads } = relayOver(() => 3);
    relay.committed([event(1), event(2)]);
    relay.committed([event(3)]);
    expect(published).toEqual([1, 2, 3]);
    expect(reads).toEqual([]);
  });

  it('reads the events another instance committed in between before publishing its own', async () => {
    const { relay, published } = relayOver(() => 6);
    relay.committed([event(1)]);
    relay.committed([event(5), event(6)]);
    await relay.settled();
    expect(published).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('publishes each seq once however often and in whatever order it is announced', async () => {
    let head = 0;
    const { relay, published } = relayOver(() => head);
    await relay.reached(0); // start listening at an empty log
    head = 4;
    relay.committed([event(3), event(4)]);
    await relay.reached(2);
    await relay.reached(4);
    head = 7;
    await relay.reached(7);
    await relay.reached(5);
    relay.committed([event(6)]);
    await relay.settled();
    expect(published).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('treats what was committed before it started listening as history', async () => {
    const { relay, published } = relayOver(() => 12);
    await relay.reached(10);
    await relay.reached(12);
    expect(published).toEqual([11, 12]);
  });

  it('keeps its cursor when a read fails, so the next announcement delivers the events', async () => {
    let fail = true;
    const published: number[] = [];
    const errors: unknown[] = [];
    const relay = new EventRelay(
      { publish: (events) => published.push(...events.map((e) => e.seq)) },
      async (after) => {
        if (fail) throw new Error('connection lost');
        return [event(after + 1), event(after + 2)].filter((e) => e.seq <= 3);
      },
      (error) => errors.push(error),
    );
    await relay.reached(1);
    await relay.reached(3);
    expect(published).toEqual([]);
    expect(errors).toHaveLength(1);
    fail = false;
    await relay.reached(3);
    expect(published).toEqual([2, 3]);
  });

  it('serves a burst of announcements with few reads', async () => {
    const { relay, published, reads } = relayOver(() => 100);
    await relay.reached(0);
    await Promise.all(Array.from({ length: 100 }, (_, i) => relay.reached(i + 1)));
    expect(published).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(reads.length).toBeLessThanOrEqual(2);
  });
});
