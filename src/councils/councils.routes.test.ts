import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  as,
  createBody,
  createPrincipal,
  createTestApp,
  problem,
  signedInPerson,
  signIn,
  type TestApp,
  type TestSession,
} from '../../test/factories.js';
import type { LiveEvent } from '../core/event-bus.js';
import { describeEachDialect } from '../db/test-databases.js';
import type { PersonPrincipal } from '../identity/principal.js';
import { buildFederation, type TestFederation } from './councils.fixture.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

describeEachDialect('councils over HTTP', (database) => {
  let t: TestApp;
  let f: TestFederation;
  let region = '';
  let newcomer: PersonPrincipal;
  const sessions = new Map<string, TestSession>();
  const session = async (p: PersonPrincipal): Promise<TestSession> => {
    let s = sessions.get(p.personId);
    if (!s) {
      s = await signIn(t.app, p.username);
      sessions.set(p.personId, s);
    }
    return s;
  };
  const call = async (who: PersonPrincipal | TestSession, method: Method, url: string, payload?: unknown) => {
    const s = 'cookie' in who ? who : await session(who);
    return t.app.inject({
      method,
      url,
      headers: as(s),
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  };

  beforeAll(async () => {
    t = await createTestApp(database());
    f = await buildFederation(t);
    newcomer = await createPrincipal(t.services);
    region = await createBody(t.services, {
      kind: 'regional-council',
      name: 'Consejo Regional Metropolitano',
    });
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('GET /api/bodies: the federation as JSON with an ETag, 304 while unchanged, the new version after a write', async () => {
    const first = await call(f.outsider, 'GET', '/api/bodies');
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toContain('application/json');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"federation-.+"$/);
    const body = first.json<{
      bodies: { id: string; kind: string; name: string }[];
      affiliations: unknown[];
    }>();
    expect(body.bodies.map((b) => b.id)).toEqual(expect.arrayContaining([f.a, f.b, f.cordon]));
    expect(Object.keys(body.bodies[0]!).sort()).toEqual(['id', 'kind', 'name']);
    expect(body.affiliations.length).toBeGreaterThan(0);
    const s = await session(f.outsider);
    const again = await t.app.inject({
      method: 'GET',
      url: '/api/bodies',
      headers: { ...as(s), 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const added = await createBody(t.services, { kind: 'cordon', name: 'Cordón Vicuña Mackenna' });
    const changed = await t.app.inject({
      method: 'GET',
      url: '/api/bodies',
      headers: { ...as(s), 'if-none-match': etag },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.json<{ bodies: { id: string }[] }>().bodies.map((b) => b.id)).toContain(added);
  });

  it('walks a recall over HTTP: the delegate votes, constituents sign, the seat is vacated and the vote withdrawn', async () => {
    const delegate = f.bm[0]!;
    const motion = await call(delegate, 'POST', `/api/bodies/${f.cordon}/motions`, {
      title: 'Tomar Fensa',
      text: '…',
    });
    expect(motion.statusCode).toBe(201);
    const motionId = motion.json<{ motionId: string }>().motionId;
    expect(
      (await call(delegate, 'POST', `/api/motions/${motionId}/votes`, { choice: 'for' })).statusCode,
    ).toBe(201);
    const again = await call(delegate, 'POST', `/api/motions/${motionId}/votes`, { choice: 'against' });
    expect(again.statusCode).toBe(409);
    expect(problem(again)).toMatchObject({ code: 'already-voted', field: 'params.motionId' });

    const events: LiveEvent[] = [];
    const unsubscribe = t.services.bus.subscribe((e) => events.push(e));
    const opened = await call(f.bm[1]!, 'POST', `/api/bodies/${f.b}/petitions`, { seatId: f.seatB });
    expect(opened.statusCode).toBe(201);
    expect(opened.json()).toMatchObject({ status: 'signature-recorded', signatures: 1, needed: 2 });
    const petitionId = opened.json<{ petitionId: string }>().petitionId;
    const stranger = await call(f.m[1]!, 'POST', `/api/petitions/${petitionId}/signatures`);
    expect(stranger.statusCode).toBe(403);
    expect(problem(stranger).code).toBe('forbidden');
    const signed = await call(f.bChair, 'POST', `/api/petitions/${petitionId}/signatures`);
    unsubscribe();
    expect(signed.statusCode).toBe(200);
    expect(signed.json()).toMatchObject({
      status: 'recalled',
      signatures: 2,
      vacated: { seatId: f.seatB, reason: 'recalled', withdrawnVotes: [motionId] },
    });
    expect(
      events
        .filter((e) => e.action === 'councils.delegate-recalled')
        .map((e) => e.scopeBodyId)
        .sort(),
    ).toEqual([f.b, f.cordon].sort());
    const late = await call(delegate, 'POST', `/api/motions/${motionId}/votes`, { choice: 'for' });
    expect(late.statusCode).toBe(403);
    const view = await call(f.bm[1]!, 'GET', `/api/motions/${motionId}`);
    expect(view.json<{ votes: { withdrawnReason: string }[] }>().votes[0]!.withdrawnReason).toBe('recalled');
    const elections = await call(f.bChair, 'GET', `/api/bodies/${f.b}/elections`);
    expect(elections.json<{ elections: { kind: string; status: string }[] }>().elections[0]).toMatchObject({
      kind: 'by-election',
      status: 'open',
    });
    const record = await call(f.bm[1]!, 'GET', `/api/bodies/${f.b}/delegates`);
    expect(
      record.json<{ delegates: { holderPersonId: string; vacateReason: string }[] }>().delegates,
    ).toEqual([expect.objectContaining({ holderPersonId: delegate.personId, vacateReason: 'recalled' })]);
  });

  it('answers every route for the right person, and 403 to an outsider and to a recalled delegate', async () => {
    const admin = await signedInPerson(t, { isAdmin: true });
    const recalled = f.bm[0]!;
    const ids: Record<string, string> = {};
    // [who, method, url, body, expected status for the right person, for the recalled delegate]
    // The recalled delegate is still a member of B, hence a constituent of the cordón: they may read
    // the cordón's pages (votes are visible to constituents) but act there no more.
    type Step = [
      PersonPrincipal | TestSession,
      Method,
      () => string,
      (() => unknown) | null,
      number,
      number,
      ((body: unknown) => void)?,
    ];
    const steps: Step[] = [
      [f.outsider, 'GET', () => '/api/bodies', null, 200, 200],
      [
        admin,
        'POST',
        () => '/api/bodies',
        () => ({ kind: 'workplace-assembly', name: 'Asamblea de Alusa', chairPersonId: newcomer.personId }),
        201,
        403,
      ],
      [f.aChair, 'GET', () => `/api/bodies/${f.a}`, null, 200, 403],
      [f.aChair, 'PATCH', () => `/api/bodies/${f.a}/rules`, () => ({ recallSharePct: 50 }), 200, 403],
      [f.m[1]!, 'GET', () => `/api/bodies/${f.a}/members`, null, 200, 403],
      [
        f.aChair,
        'POST',
        () => `/api/bodies/${f.a}/members`,
        () => ({ personId: newcomer.personId, role: 'member' }),
        201,
        403,
      ],
      [
        f.aChair,
        'PATCH',
        () => `/api/bodies/${f.a}/members/${newcomer.personId}`,
        () => ({ role: 'secretary' }),
        204,
        403,
      ],
      [f.aChair, 'DELETE', () => `/api/bodies/${f.a}/members/${newcomer.personId}`, null, 200, 403],
      [
        f.aChair,
        'POST',
        () => `/api/bodies/${f.a}/affiliations`,
        () => ({ councilId: region, rule: { kind: 'fixed', seats: 1 } }),
        201,
        403,
      ],
      [f.cordonChair, 'GET', () => `/api/bodies/${f.cordon}/seats`, null, 200, 200],
      [f.m[1]!, 'GET', () => `/api/bodies/${f.a}/delegates`, null, 200, 403],
      [
        f.aChair,
        'POST',
        () => `/api/bodies/${f.a}/elections`,
        () => ({ councilId: region }),
        201,
        403,
        (b) => {
          ids.election = (b as { electionId: string }).electionId;
        },
      ],
      [f.m[1]!, 'GET', () => `/api/bodies/${f.a}/elections`, null, 200, 403],
      [f.m[1]!, 'GET', () => `/api/elections/${ids.election}`, null, 200, 403],
      [f.m[1]!, 'POST', () => `/api/elections/${ids.election}/candidates`, () => ({}), 201, 403],
      [
        f.m[1]!,
        'POST',
        () => `/api/elections/${ids.election}/candidates`,
        () => ({ personId: f.m[2]!.personId }),
        201,
        403,
      ],
      [f.m[2]!, 'POST', () => `/api/elections/${ids.election}/acceptance`, null, 204, 403],
      [
        f.m[3]!,
        'POST',
        () => `/api/elections/${ids.election}/ballots`,
        () => ({ ranking: [f.m[1]!.personId] }),
        201,
        403,
      ],
      [
        f.m[1]!,
        'GET',
        () => `/api/elections/${ids.election}/results`,
        null,
        200,
        403,
        (b) => {
          expect(b).toEqual({ status: 'hidden', ballotsCast: 1 });
        },
      ],
      [
        f.aChair,
        'POST',
        () => `/api/elections/${ids.election}/close`,
        null,
        200,
        403,
        (b) => {
          expect(b).toMatchObject({ status: 'counted', elected: [{ personId: f.m[1]!.personId }] });
        },
      ],
      [f.m[1]!, 'GET', () => `/api/elections/${ids.election}/receipts`, null, 200, 403],
      [f.m[1]!, 'GET', () => `/api/bodies/${f.a}/petitions`, null, 200, 403],
      [
        f.m[2]!,
        'POST',
        () => `/api/bodies/${f.a}/petitions`,
        () => ({ seatId: f.seatA }),
        201,
        403,
        (b) => {
          ids.petition = (b as { petitionId: string }).petitionId;
        },
      ],
      [f.m[2]!, 'GET', () => `/api/petitions/${ids.petition}`, null, 200, 403],
      [f.m[3]!, 'POST', () => `/api/petitions/${ids.petition}/signatures`, null, 200, 403],
      [f.m[3]!, 'DELETE', () => `/api/petitions/${ids.petition}/signatures`, null, 200, 403],
      [f.cordonChair, 'GET', () => `/api/bodies/${f.cordon}/motions`, null, 200, 200],
      [
        f.m[0]!,
        'POST',
        () => `/api/bodies/${f.cordon}/motions`,
        () => ({ title: 'Control obrero', text: '…' }),
        201,
        403,
        (b) => {
          ids.motion = (b as { motionId: string }).motionId;
        },
      ],
      [f.m[1]!, 'GET', () => `/api/motions/${ids.motion}`, null, 200, 200],
      [
        f.m[0]!,
        'POST',
        () => `/api/motions/${ids.motion}/amendments`,
        () => ({ text: 'Control obrero de la producción' }),
        201,
        403,
        (b) => {
          ids.amendment = (b as { motionId: string }).motionId;
        },
      ],
      [f.m[0]!, 'POST', () => `/api/motions/${ids.amendment}/votes`, () => ({ choice: 'for' }), 201, 403],
      [
        f.cordonChair,
        'POST',
        () => `/api/motions/${ids.amendment}/close`,
        null,
        200,
        403,
        (b) => {
          expect(b).toMatchObject({ status: 'no-quorum' });
        },
      ],
      [f.m[1]!, 'GET', () => `/api/bodies/${f.a}/mandates`, null, 200, 403],
      [
        f.aChair,
        'PUT',
        () => `/api/bodies/${f.a}/mandates/${ids.motion}`,
        () => ({ instruction: 'for' }),
        200,
        403,
      ],
      [
        f.cordonChair,
        'POST',
        () => `/api/bodies/${f.cordon}/meetings`,
        () => ({ title: 'Sesión' }),
        201,
        403,
        (b) => {
          ids.meeting = (b as { meetingId: string }).meetingId;
        },
      ],
      [f.m[0]!, 'POST', () => `/api/meetings/${ids.meeting}/attendance`, () => ({}), 200, 403],
      [f.cordonChair, 'POST', () => `/api/meetings/${ids.meeting}/close`, null, 204, 403],
      [f.m[1]!, 'GET', () => `/api/meetings/${ids.meeting}/minutes`, null, 200, 200],
      [f.m[0]!, 'POST', () => `/api/seats/${f.seatA}/resignation`, null, 200, 403],
    ];
    const covered = new Set<string>();
    for (const [who, method, url, body, expected, forRecalled, check] of steps) {
      const payload = body?.();
      const asOutsider = await call(f.outsider, method, url(), payload);
      const wanted = url() === '/api/bodies' && method === 'GET' ? 200 : 403;
      expect(asOutsider.statusCode, `outsider ${method} ${url()}`).toBe(wanted);
      if (wanted === 403) expect(problem(asOutsider).code).toBe('forbidden');
      const asRecalled = await call(recalled, method, url(), payload);
      expect(asRecalled.statusCode, `recalled ${method} ${url()}`).toBe(forRecalled);
      const res = await call(who, method, url(), payload);
      expect(res.statusCode, `${method} ${url()}: ${res.body}`).toBe(expected);
      check?.(res.statusCode === 204 ? null : res.json());
      covered.add(`${method} ${url().replace(/[0-9a-f-]{36}/g, ':id')}`);
    }
    const minutes = await call(f.m[1]!, 'GET', `/api/meetings/${ids.meeting}/minutes`);
    expect(minutes.headers['content-type']).toMatch(/^text\/markdown/);
    expect(minutes.body).toContain('## Asistencia / Attendance (1)');
    const html = await call(f.m[1]!, 'GET', `/api/meetings/${ids.meeting}/minutes?format=html`);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.body).toContain('<h2>Asistencia / Attendance (1)</h2>');
    // Every councils route was exercised: as many distinct method + path as the plugin declares.
    const source = readFileSync(new URL('./councils.routes.ts', import.meta.url), 'utf8');
    const declared = source.match(/app\.(get|post|put|patch|delete)\(/g) ?? [];
    expect(covered.size).toBe(declared.length);
  });

  it('refuses bad input with a problem naming the field, and changes nothing', async () => {
    const unknown = await call(f.aChair, 'PATCH', `/api/bodies/${f.a}/rules`, {
      recallSharePct: 50,
      color: 'red',
    });
    expect(unknown.statusCode).toBe(400);
    expect(problem(unknown)).toMatchObject({ code: 'unknown-field', field: 'body.color' });
    const share = await call(f.aChair, 'PATCH', `/api/bodies/${f.a}/rules`, { recallSharePct: 100 });
    expect(problem(share)).toMatchObject({ code: 'validation', field: 'body.recallSharePct' });
    const chair = await createPrincipal(t.services);
    const nation = await createBody(t.services, {
      kind: 'national-assembly',
      name: 'Asamblea Popular',
      members: [{ personId: chair.personId, role: 'chair' }],
    });
    const regionChair = await createPrincipal(t.services);
    const region2 = await createBody(t.services, {
      kind: 'regional-council',
      name: 'Consejo Regional Sur',
      members: [{ personId: regionChair.personId, role: 'chair' }],
    });
    expect(
      (
        await call(regionChair, 'POST', `/api/bodies/${region2}/affiliations`, {
          councilId: nation,
          rule: { kind: 'fixed', seats: 1 },
        })
      ).statusCode,
    ).toBe(201);
    const cycle = await call(chair, 'POST', `/api/bodies/${nation}/affiliations`, {
      councilId: region2,
      rule: { kind: 'fixed', seats: 1 },
    });
    expect(cycle.statusCode).toBe(409);
    expect(problem(cycle)).toMatchObject({ code: 'affiliation-cycle', field: 'body.councilId' });
    expect(problem(cycle).detail).toContain('Asamblea Popular → Consejo Regional Sur → Asamblea Popular');
    const open = await call(f.bChair, 'GET', `/api/bodies/${f.b}/elections`);
    const byElection = open.json<{ elections: { id: string }[] }>().elections[0]!.id;
    const foreign = await call(f.bm[1]!, 'POST', `/api/elections/${byElection}/candidates`, {
      personId: f.m[1]!.personId,
    });
    expect(foreign.statusCode).toBe(422);
    expect(problem(foreign)).toMatchObject({ code: 'not-eligible', field: 'body.personId' });
    await call(f.bm[1]!, 'POST', `/api/elections/${byElection}/candidates`, {});
    const notCandidate = await call(f.bChair, 'POST', `/api/elections/${byElection}/ballots`, {
      ranking: [f.bChair.personId],
    });
    expect(problem(notCandidate)).toMatchObject({ code: 'validation', field: 'body.ranking.0' });
    expect(
      (await call(f.bChair, 'POST', `/api/elections/${byElection}/ballots`, { ranking: [f.bm[1]!.personId] }))
        .statusCode,
    ).toBe(201);
    const twice = await call(f.bChair, 'POST', `/api/elections/${byElection}/ballots`, {
      ranking: [f.bm[1]!.personId],
    });
    expect(problem(twice)).toMatchObject({ code: 'already-voted', field: 'params.electionId' });
    expect((await call(f.bChair, 'POST', `/api/elections/${byElection}/close`)).statusCode).toBe(200);
    const late = await call(f.bm[1]!, 'POST', `/api/elections/${byElection}/ballots`, {
      ranking: [f.bm[1]!.personId],
    });
    expect(problem(late)).toMatchObject({ code: 'voting-closed', field: 'params.electionId' });
    const receipts = await call(f.bm[1]!, 'GET', `/api/elections/${byElection}/receipts`);
    expect(receipts.json<{ receipts: string[] }>().receipts).toHaveLength(1);
    // A retried signature with the same Idempotency-Key returns the first answer, not a refusal.
    const seats = await call(f.bChair, 'GET', `/api/bodies/${f.cordon}/seats`);
    const seat = seats
      .json<{ seats: { seatId: string; holderPersonId: string | null }[] }>()
      .seats.find((x) => x.holderPersonId === f.bm[1]!.personId)!;
    const opened = await call(f.bChair, 'POST', `/api/bodies/${f.b}/petitions`, { seatId: seat.seatId });
    const petitionId = opened.json<{ petitionId: string }>().petitionId;
    const headers = { ...as(await session(f.bm[1]!)), 'idempotency-key': `sign-${petitionId}` };
    const first = await t.app.inject({
      method: 'POST',
      url: `/api/petitions/${petitionId}/signatures`,
      headers,
    });
    const retry = await t.app.inject({
      method: 'POST',
      url: `/api/petitions/${petitionId}/signatures`,
      headers,
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ status: 'recalled', signatures: 2 });
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual(first.json());
    const badId = await call(f.aChair, 'GET', '/api/bodies/not-a-uuid');
    expect(problem(badId)).toMatchObject({ code: 'validation', field: 'params.bodyId' });
    const unknownBody = await call(f.aChair, 'GET', '/api/bodies/0193c000-0000-7000-8000-000000000000');
    expect(problem(unknownBody).code).toBe('forbidden');
  });
});
