import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { createBody, createPrincipal, createTestApp, type TestApp } from '../../test/factories.js';
import { describeEachDialect } from '../db/test-databases.js';
import type { PersonPrincipal } from '../identity/principal.js';
import { buildFederation } from './councils.fixture.js';

describeEachDialect('elections', (database, kind) => {
  let t: TestApp;
  let chair: PersonPrincipal;
  let members: PersonPrincipal[];
  let stranger: PersonPrincipal;
  let body = '';
  let council = '';

  beforeAll(async () => {
    t = await createTestApp(database());
    chair = await createPrincipal(t.services, { displayName: 'Chair' });
    members = [];
    for (let i = 0; i < 6; i++)
      members.push(await createPrincipal(t.services, { displayName: `Miembro ${i}` }));
    stranger = await createPrincipal(t.services);
    body = await createBody(t.services, {
      name: 'Asamblea de Madeco',
      members: [
        { personId: chair.personId, role: 'chair' },
        ...members.map((m) => ({ personId: m.personId, role: 'member' as const })),
      ],
    });
    await createBody(t.services, {
      name: 'Asamblea de Fensa',
      members: [{ personId: stranger.personId, role: 'chair' }],
    });
    council = await createBody(t.services, { kind: 'cordon', name: 'Cordón Vicuña Mackenna' });
    // 7 members, one seat per 2 members, at least 1: 3 seats.
    const affiliated = await t.services.councils.affiliate(chair, body, {
      councilId: council,
      rule: { kind: 'per-members', membersPerSeat: 2, minSeats: 1 },
    });
    expect(affiliated.seats).toBe(3);
  });

  it('elects three delegates by STV, keeps results and receipts hidden until close, refuses bad votes', async () => {
    const el = t.services.councils.elections;
    const { electionId, seats } = await el.open(chair, body, council);
    expect(seats).toBe(3);
    for (const m of members.slice(0, 4)) await el.nominate(m, electionId);
    await expect(el.nominate(chair, electionId, stranger.personId)).rejects.toMatchObject({
      code: 'not-eligible',
      field: 'body.personId',
    });
    await expect(el.nominate(stranger, electionId)).rejects.toMatchObject({ code: 'forbidden' });
    const c = members.slice(0, 4).map((m) => m.personId);
    const receipts: string[] = [];
    const rankings = [
      [c[0], c[1]],
      [c[0], c[2]],
      [c[0], c[1], c[2]],
      [c[1], c[0]],
      [c[2], c[3]],
      [c[3], c[2]],
      [c[1]],
    ] as string[][];
    const voters = [chair, ...members];
    for (const [i, v] of voters.entries())
      receipts.push((await el.vote(v, electionId, rankings[i]!)).receipt);
    await expect(el.vote(members[0]!, electionId, [c[1]!])).rejects.toMatchObject({ code: 'already-voted' });
    await expect(el.vote(stranger, electionId, [c[1]!])).rejects.toMatchObject({ code: 'forbidden' });
    await expect(el.nominate(members[5]!, electionId)).rejects.toMatchObject({ code: 'voting-closed' });
    expect(await el.results(members[0]!, electionId)).toEqual({ status: 'hidden', ballotsCast: 7 });
    expect(await el.receipts(members[0]!, electionId)).toEqual({ status: 'hidden', ballotsCast: 7 });

    const result = await el.close(chair, electionId);
    expect(result.status).toBe('counted');
    if (result.status !== 'counted') return;
    expect(result.count.quota).toBe(2);
    expect(result.elected).toHaveLength(3);
    expect(result.elected[0]!.personId).toBe(c[0]);
    const held = (await t.services.councils.seats(chair, council)).map((s) => s.holderPersonId).sort();
    expect(held).toEqual(result.elected.map((e) => e.personId).sort());
    await expect(el.vote(members[5]!, electionId, [c[1]!])).rejects.toMatchObject({ code: 'voting-closed' });
    await expect(el.close(chair, electionId)).rejects.toMatchObject({ code: 'voting-closed' });
    const published = await el.receipts(members[0]!, electionId);
    expect(published).toEqual({ status: 'published', receipts: [...receipts].sort() });
    expect((await el.results(members[3]!, electionId)).status).toBe('counted');
    await expect(el.results(stranger, electionId)).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('vacates the most recently filled surplus seat when membership falls', async () => {
    const { councils } = t.services;
    // 7 → 5 members: 2 seats. The seat to go is the newest tenure (all equal here: highest id).
    await councils.removeMember(chair, body, members[5]!.personId);
    const out = await councils.removeMember(chair, body, members[4]!.personId);
    expect(out.memberCount).toBe(5);
    const live = await councils.seats(chair, council);
    expect(live).toHaveLength(2);
    expect(out.vacated.map((v) => v.reason)).toEqual(['surplus']);
  });

  it('stores ballots so that no join from voter to ballot exists', async () => {
    const { db } = database();
    const columns = async (table: string): Promise<string[]> => {
      if (kind === 'sqlite') {
        const r = await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db);
        return r.rows.map((x) => x.name).sort();
      }
      const r = await sql<{ column_name: string }>`select column_name from information_schema.columns
        where table_schema = current_schema() and table_name = ${table}`.execute(db);
      return r.rows.map((x) => x.column_name).sort();
    };
    const ballot = await columns('ballots');
    const participation = await columns('election_participation');
    expect(ballot).toEqual(['election_id', 'id', 'ranking', 'receipt']);
    expect(participation).toEqual(['election_id', 'person_id']);
    // The only shared column is the election: it says which election, never which voter.
    expect(ballot.filter((c) => participation.includes(c))).toEqual(['election_id']);
    // No other table refers to a ballot.
    for (const table of ['audit_events', 'elections', 'election_candidates', 'motions', 'motion_votes']) {
      expect((await columns(table)).filter((c) => /ballot_?id|receipt/.test(c))).toEqual([]);
    }
    const rows = await db.selectFrom('ballots').select(['id', 'receipt']).execute();
    expect(rows.length).toBeGreaterThan(0);
    // Ids are version-4 UUIDs: random, with no clock in them (UUIDv7 would be time-ordered).
    for (const r of rows)
      expect(r.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    if (kind === 'sqlite') {
      // WITHOUT ROWID: no hidden counter of insertion order exists to join on.
      await expect(sql`select rowid from ballots`.execute(db)).rejects.toThrow(/rowid/);
      await expect(sql`select rowid from election_participation`.execute(db)).rejects.toThrow(/rowid/);
    }
    // The audit trail of a cast ballot names the election only.
    const cast = await db
      .selectFrom('audit_events')
      .select('payload')
      .where('action', '=', 'councils.ballot-cast')
      .execute();
    expect(cast.length).toBeGreaterThan(0);
    for (const e of cast) expect(e.payload).toBe('{}');
  });
});

describeEachDialect('elections in a council', (database) => {
  it('lets a cordón elect one of its delegates to the council above', async () => {
    const t = await createTestApp(database());
    const f = await buildFederation(t);
    const { councils } = t.services;
    const region = await createBody(t.services, { kind: 'regional-council', name: 'Consejo Regional' });
    await councils.affiliate(f.cordonChair, f.cordon, {
      councilId: region,
      rule: { kind: 'fixed', seats: 1 },
    });
    const { electionId } = await councils.elections.open(f.cordonChair, f.cordon, region);
    await councils.elections.nominate(f.m[0]!, electionId);
    await expect(councils.elections.nominate(f.m[1]!, electionId)).rejects.toMatchObject({
      code: 'forbidden',
    });
    await councils.elections.vote(f.m[0]!, electionId, [f.m[0]!.personId]);
    await councils.elections.vote(f.bm[0]!, electionId, [f.m[0]!.personId]);
    const result = await councils.elections.close(f.cordonChair, electionId);
    expect(result).toMatchObject({ status: 'counted', elected: [{ personId: f.m[0]!.personId }] });
    expect(await councils.may(f.m[0]!, 'council.vote', region)).toBe(true);
  });
});
