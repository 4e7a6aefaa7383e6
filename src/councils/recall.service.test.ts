import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBody, createPrincipal, createTestApp, type TestApp } from '../../test/factories.js';
import type { LiveEvent } from '../core/event-bus.js';
import { describeEachDialect } from '../db/test-databases.js';
import { buildFederation, type TestFederation } from './councils.fixture.js';
import { recallThreshold } from './recall-threshold.js';

describeEachDialect('recall', (database) => {
  let t: TestApp;
  let f: TestFederation;
  beforeAll(async () => {
    t = await createTestApp(database());
    f = await buildFederation(t);
  });

  it('walks the recall: elected by STV, votes in the council, recalled at the threshold, by-election opens', async () => {
    const { councils } = t.services;
    const delegate = f.m[0]!;
    const seats = await councils.seats(f.cordonChair, f.cordon);
    expect(seats.find((x) => x.seatId === f.seatA)?.holderPersonId).toBe(delegate.personId);
    const result = await councils.elections.results(f.aChair, f.electionA);
    expect(result.status).toBe('counted');
    if (result.status === 'counted') expect(result.count.stages.length).toBeGreaterThan(1);

    const { motionId } = await councils.motions.propose(delegate, f.cordon, {
      title: 'Requisar camiones',
      text: 'El cordón requisa los camiones parados.',
    });
    await councils.motions.vote(delegate, motionId, 'for');
    await councils.motions.vote(f.bm[0]!, motionId, 'against');
    await councils.motions.setMandate(f.aChair, f.a, motionId, 'against');

    const events: LiveEvent[] = [];
    const unsubscribe = t.services.bus.subscribe((e) => events.push(e));
    // 5 members in A: more than half is 3 signatures.
    const first = await councils.recall.open(f.m[1]!, f.a, f.seatA);
    expect(first).toMatchObject({ status: 'signature-recorded', signatures: 1, needed: 3 });
    const second = await councils.recall.sign(f.m[2]!, first.petitionId);
    expect(second).toMatchObject({ status: 'signature-recorded', signatures: 2, needed: 3 });
    await expect(councils.recall.sign(f.m[2]!, first.petitionId)).rejects.toMatchObject({
      code: 'already-signed',
    });
    await expect(councils.recall.sign(f.bm[1]!, first.petitionId)).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(councils.recall.sign(f.outsider, first.petitionId)).rejects.toMatchObject({
      code: 'forbidden',
    });
    const third = await councils.recall.sign(f.m[3]!, first.petitionId);
    unsubscribe();
    expect(third.status).toBe('recalled');
    if (third.status !== 'recalled') return;
    expect(third.vacated).toMatchObject({
      seatId: f.seatA,
      delegatePersonId: delegate.personId,
      withdrawnVotes: [motionId],
    });

    // The seat is vacant at once, the delegate may no longer act in the council.
    expect(await councils.may(delegate, 'council.vote', f.cordon)).toBe(false);
    await expect(councils.motions.vote(delegate, motionId, 'abstain')).rejects.toMatchObject({
      code: 'forbidden',
    });
    const live = await councils.seats(f.cordonChair, f.cordon);
    expect(live.find((x) => x.constituencyId === f.a)).toMatchObject({ holderPersonId: null });
    // The open vote was withdrawn (and stays in the record, marked).
    const motion = await councils.motions.motion(f.cordonChair, motionId);
    expect(motion.votes.find((v) => v.personId === delegate.personId)?.withdrawnReason).toBe('recalled');
    expect(motion.votesCast).toBe(1);
    // A by-election is open in the constituency.
    const elections = await councils.elections.elections(f.aChair, f.a);
    expect(elections[0]).toMatchObject({
      kind: 'by-election',
      status: 'open',
      seats: 1,
      id: third.vacated.byElectionId,
    });
    // The constituency and the council were told live.
    const recalled = events.filter((e) => e.action === 'councils.delegate-recalled');
    expect(recalled.map((e) => e.scopeBodyId).sort()).toEqual([f.a, f.cordon].sort());
    expect(events.some((e) => e.action === 'councils.by-election-opened' && e.scopeBodyId === f.a)).toBe(
      true,
    );
    // The record stays visible: votes cast and the mandate broken.
    const record = await councils.delegates(f.m[4 - 1]!, f.a);
    const tenure = record.find((r) => r.holderPersonId === delegate.personId)!;
    expect(tenure).toMatchObject({ vacateReason: 'recalled' });
    expect(tenure.votes).toEqual([
      expect.objectContaining({
        motionId,
        choice: 'for',
        mandate: 'against',
        againstMandate: true,
        withdrawnReason: 'recalled',
      }),
    ]);
    // Nothing more can be signed.
    await expect(councils.recall.sign(f.aChair, first.petitionId)).rejects.toMatchObject({
      code: 'petition-closed',
    });
    const view = await councils.recall.petition(f.aChair, first.petitionId);
    expect(view).toMatchObject({ status: 'recalled', signatures: 3 });
  });

  it('lets a signer withdraw while the petition is open, and no one sign twice', async () => {
    const { councils } = t.services;
    const petition = await councils.recall.open(f.bm[1]!, f.b, f.seatB);
    // B has 3 members: 2 signatures needed.
    expect(petition).toMatchObject({ status: 'signature-recorded', signatures: 1, needed: 2 });
    const withdrawn = await councils.recall.withdraw(f.bm[1]!, petition.petitionId);
    expect(withdrawn).toMatchObject({ status: 'signature-withdrawn', signatures: 0, needed: 2 });
    await expect(councils.recall.withdraw(f.bm[1]!, petition.petitionId)).rejects.toMatchObject({
      code: 'not-found',
    });
    await expect(councils.recall.withdraw(f.m[1]!, petition.petitionId)).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect((await councils.recall.petition(f.bChair, petition.petitionId)).signatures).toBe(0);
  });

  it('lets a delegate resign, and a recall motion carried in the constituency recall', async () => {
    const { councils } = t.services;
    const d = await createPrincipal(t.services);
    const members = [await createPrincipal(t.services), await createPrincipal(t.services)];
    const body = await createBody(t.services, {
      members: [
        { personId: d.personId, role: 'chair' },
        ...members.map((x) => ({ personId: x.personId, role: 'member' as const })),
      ],
    });
    await councils.affiliate(d, body, { councilId: f.cordon, rule: { kind: 'fixed', seats: 1 } });
    const { electionId } = await councils.elections.open(d, body, f.cordon);
    await councils.elections.nominate(d, electionId);
    await councils.elections.vote(d, electionId, [d.personId]);
    await councils.elections.close(d, electionId);
    const seat = (await councils.seats(d, f.cordon)).find((s) => s.holderPersonId === d.personId)!;
    const { motionId } = await councils.motions.propose(members[0]!, body, {
      title: 'Revocar al delegado',
      text: 'La asamblea revoca a su delegado.',
      recallSeatId: seat.seatId,
    });
    for (const who of [d, ...members])
      await councils.motions.vote(who, motionId, who === d ? 'against' : 'for');
    const decision = await councils.motions.close(d, motionId);
    expect(decision).toMatchObject({
      status: 'adopted',
      recall: { seatId: seat.seatId, reason: 'recalled' },
    });
    expect(await councils.may(d, 'council.vote', f.cordon)).toBe(false);

    // The by-election elects a member, who then resigns.
    const byElection = decision.recall!.byElectionId!;
    await councils.elections.nominate(members[0]!, byElection);
    await councils.elections.vote(members[1]!, byElection, [members[0]!.personId]);
    await councils.elections.close(d, byElection);
    const newSeat = (await councils.seats(d, f.cordon)).find(
      (s) => s.holderPersonId === members[0]!.personId,
    )!;
    await expect(councils.recall.resign(members[1]!, newSeat.seatId)).rejects.toMatchObject({
      code: 'forbidden',
    });
    const resigned = await councils.recall.resign(members[0]!, newSeat.seatId);
    expect(resigned).toMatchObject({ reason: 'resigned', newSeatId: expect.any(String) });
  });

  const plainMembers = async (n: number) => {
    const ids = await t.services.identity.registerPeople(
      { kind: 'system', name: 'test' },
      Array.from({ length: n }, (_, i) => ({ displayName: `Socio ${i}` })),
    );
    const principals = ids.map((personId) => ({ ...f.outsider, personId }));
    const body = await createBody(t.services, {
      members: ids.map((personId, i) => ({
        personId,
        role: i === 0 ? ('chair' as const) : ('member' as const),
      })),
    });
    const council = await createBody(t.services, {
      kind: 'cordon',
      seats: [{ constituencyId: body, holderPersonId: ids[0]! }],
    });
    const [seat] = await t.services.councils.seats(principals[0]!, council);
    return { principals, body, seatId: seat!.seatId };
  };

  it('keeps the count equal to the signatures and recalls exactly at the threshold (property)', async () => {
    const { recall } = t.services.councils;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 6 }),
        fc.array(fc.tuple(fc.boolean(), fc.nat({ max: 5 })), { maxLength: 14 }),
        async (n, ops) => {
          const { principals, body, seatId } = await plainMembers(n);
          const needed = Math.floor(n / 2) + 1;
          const signed = new Set<number>([1 % n]);
          let open = true;
          const first = await recall.open(principals[1 % n]!, body, seatId);
          if (needed === 1) open = false;
          expect(first.status).toBe(open ? 'signature-recorded' : 'recalled');
          for (const [sign, k] of ops) {
            const who = k % n;
            const attempt = sign
              ? recall.sign(principals[who]!, first.petitionId)
              : recall.withdraw(principals[who]!, first.petitionId);
            if (!open) {
              await expect(attempt).rejects.toMatchObject({ code: 'petition-closed' });
            } else if (sign && signed.has(who)) {
              await expect(attempt).rejects.toMatchObject({ code: 'already-signed' });
            } else if (!sign && !signed.has(who)) {
              await expect(attempt).rejects.toMatchObject({ code: 'not-found' });
            } else {
              if (sign) signed.add(who);
              else signed.delete(who);
              const outcome = await attempt;
              expect(outcome.signatures).toBe(signed.size);
              if (signed.size >= needed) {
                expect(outcome.status).toBe('recalled');
                open = false;
              }
            }
          }
          const { db } = database();
          const rows = await db
            .selectFrom('recall_signatures')
            .select('person_id')
            .where('petition_id', '=', first.petitionId)
            .execute();
          const view = await recall.petition(principals[0]!, first.petitionId);
          expect(view.signatures).toBe(rows.length);
          expect(view.signatures).toBe(signed.size);
          expect(view.signatures).toBeLessThanOrEqual(n);
          expect(view.status).toBe(open ? 'open' : 'recalled');
        },
      ),
      { numRuns: 12 },
    );
  });

  it('recalls once when the last signatures arrive at the same moment', async () => {
    const { recall } = t.services.councils;
    const { principals, body, seatId } = await plainMembers(6);
    // 6 members: 4 signatures needed; one is there, five more arrive together.
    const first = await recall.open(principals[0]!, body, seatId);
    const results = await Promise.allSettled(
      principals.slice(1).map((p) => recall.sign(p, first.petitionId)),
    );
    const outcomes = results.map((r) =>
      r.status === 'fulfilled' ? r.value.status : (r.reason as { code: string }).code,
    );
    expect(outcomes.filter((o) => o === 'recalled')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'signature-recorded')).toHaveLength(2);
    expect(outcomes.filter((o) => o === 'petition-closed')).toHaveLength(2);
    const { db } = database();
    const seats = await db
      .selectFrom('seats')
      .select(['id', 'vacated_at'])
      .where('constituency_id', '=', body)
      .execute();
    expect(seats.filter((s) => s.vacated_at !== null)).toHaveLength(1);
    const byElections = await db.selectFrom('elections').select('id').where('body_id', '=', body).execute();
    expect(byElections).toHaveLength(1);
  });
});

describe('recall threshold', () => {
  it('needs more than the share of the constituency, and never more than it when the share is below 100 %', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 99 }), (members, pct) => {
        const needed = recallThreshold(members, pct);
        // more than pct %: needed·100 > members·pct, and one fewer is not
        expect(needed * 100).toBeGreaterThan(members * pct);
        expect((needed - 1) * 100).toBeLessThanOrEqual(members * pct);
        expect(needed).toBeLessThanOrEqual(members);
      }),
    );
    expect(recallThreshold(5, 50)).toBe(3);
    expect(recallThreshold(4, 50)).toBe(3);
  });
});
