import { beforeAll, expect, it } from 'vitest';
import {
  as,
  createBody,
  createTestApp,
  personPrincipal,
  problem,
  signedInPerson,
  type TestApp,
  type TestSession,
} from '../../test/factories.js';
import { describeEachDialect } from '../db/test-databases.js';

const square = (x: number, y: number, d = 0.02) => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + d, y],
      [x + d, y + d],
      [x, y + d],
      [x, y],
    ],
  ],
});

describeEachDialect('land HTTP API', (database) => {
  let t: TestApp;
  type Who = TestSession & { accountId: string; username: string };
  let chair: Who;
  let member: Who;
  let secretary: Who;
  let otherSecretary: Who;
  let outsider: Who;
  let council: string;
  let committee: string;
  let otherCommittee: string;

  beforeAll(async () => {
    t = await createTestApp(database());
    [chair, member, secretary, otherSecretary, outsider] = [
      await signedInPerson(t),
      await signedInPerson(t),
      await signedInPerson(t),
      await signedInPerson(t),
      await signedInPerson(t),
    ];
    council = await createBody(t.services, {
      kind: 'peasant-committee',
      name: 'Consejo Comunal Campesino de Melipilla',
      members: [
        { personId: chair.personId, role: 'chair' },
        { personId: member.personId, role: 'member' },
      ],
    });
    committee = await createBody(t.services, {
      kind: 'peasant-committee',
      name: 'Comité Campesino Culiprán',
      members: [{ personId: secretary.personId, role: 'secretary' }],
    });
    otherCommittee = await createBody(t.services, {
      kind: 'peasant-committee',
      name: 'Comité Campesino Codigua',
      members: [{ personId: otherSecretary.personId, role: 'secretary' }],
    });
  });

  const post = (who: TestSession, url: string, payload: unknown) =>
    t.app.inject({ method: 'POST', url, headers: as(who), payload: payload as object });
  const get = (who: TestSession, url: string) => t.app.inject({ method: 'GET', url, headers: as(who) });
  const parcel = (name: string, extra: Record<string, unknown> = {}) => ({
    bodyId: council,
    name,
    region: 'Metropolitana',
    landClass: 'irrigated',
    areaHectares: 310.25,
    since: '1970-11-04',
    boundary: square(-71.2, -33.7),
    ...extra,
  });

  async function adoptedMotion(title: string): Promise<string> {
    const m = t.services.councils.motions;
    const c = personPrincipal(chair);
    const { motionId } = await m.propose(c, council, { title, text: title });
    await m.vote(c, motionId, 'for');
    await m.vote(personPrincipal(member), motionId, 'for');
    await m.close(c, motionId);
    return motionId;
  }

  it('registers a parcel for the council chair; 403 for an outsider and a plain member; 401 signed out', async () => {
    const res = await post(chair, '/api/parcels', parcel('Fundo Culiprán'));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: 'Fundo Culiprán', areaHectares: 310.25, status: 'private' });
    for (const who of [outsider, member]) {
      const refused = await post(who, '/api/parcels', parcel('Fundo X'));
      expect(refused.statusCode).toBe(403);
      expect(problem(refused).code).toBe('forbidden');
    }
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/parcels', payload: parcel('Y') });
    expect(anonymous.statusCode).toBe(401);
  });

  it.each([
    ['zero area', { areaHectares: 0 }, 400, 'validation', 'body.areaHectares'],
    ['negative area', { areaHectares: -12 }, 400, 'validation', 'body.areaHectares'],
    ['an unknown land class', { landClass: 'swamp' }, 400, 'validation', 'body.landClass'],
    [
      'a self-intersecting boundary',
      {
        boundary: {
          type: 'Polygon',
          coordinates: [
            [
              [0, 0],
              [1, 1],
              [1, 0],
              [0, 1],
              [0, 0],
            ],
          ],
        },
      },
      422,
      'invalid-geometry',
      'body.boundary.coordinates[0][2]',
    ],
    [
      'an unclosed ring',
      {
        boundary: {
          type: 'Polygon',
          coordinates: [
            [
              [0, 0],
              [1, 0],
              [1, 1],
              [0, 1],
            ],
          ],
        },
      },
      422,
      'invalid-geometry',
      'body.boundary.coordinates[0]',
    ],
    [
      'a point',
      { boundary: { type: 'Point', coordinates: [0, 0] } },
      422,
      'invalid-geometry',
      'body.boundary.type',
    ],
    ['an unknown field', { hectares: 3 }, 400, 'unknown-field', undefined],
  ])('refuses %s with a clear problem', async (_, extra, status, code, field) => {
    const res = await post(chair, '/api/parcels', parcel('Fundo Malo', extra));
    expect(res.statusCode).toBe(status);
    const p = problem(res);
    expect(p.code).toBe(code);
    if (field) expect(p.field).toBe(field);
  });

  it('occupy → expropriate by a motion → assign → harvest → stock, with wrong callers refused', async () => {
    const { id } = (await post(chair, '/api/parcels', parcel('Fundo San Manuel'))).json<{ id: string }>();
    const move = (who: TestSession, body: Record<string, unknown>) =>
      post(who, `/api/parcels/${id}/transitions`, { decidingBodyId: council, since: '1971-01-10', ...body });

    expect((await move(outsider, { to: 'occupied' })).statusCode).toBe(403);
    expect((await move(member, { to: 'occupied' })).statusCode).toBe(403);
    expect((await move(chair, { to: 'occupied' })).json()).toMatchObject({ status: 'occupied' });

    const noMotion = await move(chair, { to: 'expropriated', since: '1971-04-01' });
    expect(noMotion.statusCode).toBe(422);
    expect(problem(noMotion)).toMatchObject({ code: 'parcel-motion-required', field: 'body.motionId' });
    const motionId = await adoptedMotion('Expropiar el fundo San Manuel');
    const expropriated = await move(chair, { to: 'expropriated', since: '1971-04-01', motionId });
    expect(expropriated.statusCode).toBe(200);

    const assigned = await move(chair, { to: 'assigned', since: '1971-05-01', assignedBodyId: committee });
    expect(assigned.json()).toMatchObject({ status: 'assigned', assignedBodyId: committee });
    const again = await move(chair, { to: 'assigned', since: '1971-06-01', assignedBodyId: otherCommittee });
    expect(again.statusCode).toBe(409);
    expect(problem(again).code).toBe('parcel-already-assigned');

    const harvest = { productCode: 'wheat', quantityKg: 8_400, harvestedOn: '1972-01-15' };
    for (const who of [outsider, otherSecretary, chair])
      expect((await post(who, `/api/parcels/${id}/harvests`, harvest)).statusCode).toBe(403);
    const zero = await post(secretary, `/api/parcels/${id}/harvests`, { ...harvest, quantityKg: 0 });
    expect(problem(zero)).toMatchObject({ code: 'validation', field: 'body.quantityKg' });
    const reported = await post(secretary, `/api/parcels/${id}/harvests`, harvest);
    expect(reported.statusCode).toBe(201);
    expect(reported.json()).toMatchObject({ bodyId: committee, quantityKg: 8_400 });

    // a retried report with the same Idempotency-Key is answered again, not stored twice
    const retry = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/parcels/${id}/harvests`,
        headers: { ...as(secretary), 'idempotency-key': 'harvest-1972-san-manuel' },
        payload: { ...harvest, productCode: 'maize', quantityKg: 1_000 },
      });
    const [once, twice] = [await retry(), await retry()];
    expect(twice.json()).toEqual(once.json());
    const maize = await get(outsider, `/api/land/stock?bodyId=${committee}&product=maize`);
    expect(maize.json()).toEqual({ stock: [{ bodyId: committee, product: 'maize', quantityKg: 1_000 }] });

    const stock = await get(outsider, `/api/land/stock?bodyId=${committee}&product=wheat`);
    expect(stock.json()).toEqual({ stock: [{ bodyId: committee, product: 'wheat', quantityKg: 8_400 }] });
    const detail = (await get(outsider, `/api/parcels/${id}`)).json<{
      history: { status: string; motionId: string | null }[];
    }>();
    expect(detail.history.map((h) => h.status)).toEqual(['private', 'occupied', 'expropriated', 'assigned']);
    expect(detail.history[2]?.motionId).toBe(motionId);
  });

  it('refuses returned → assigned without a motion and a private → assigned jump', async () => {
    const { id } = (
      await post(chair, '/api/parcels', parcel('Fundo Los Quillayes', { status: 'returned' }))
    ).json<{
      id: string;
    }>();
    const jump = await post(chair, `/api/parcels/${id}/transitions`, {
      to: 'assigned',
      since: '1973-01-01',
      decidingBodyId: council,
      assignedBodyId: committee,
    });
    expect(jump.statusCode).toBe(422);
    expect(problem(jump)).toMatchObject({ code: 'parcel-motion-required', field: 'body.motionId' });
    const fresh = (await post(chair, '/api/parcels', parcel('Fundo Nuevo'))).json<{ id: string }>();
    const forbidden = await post(chair, `/api/parcels/${fresh.id}/transitions`, {
      to: 'assigned',
      since: '1973-01-01',
      decidingBodyId: council,
      assignedBodyId: committee,
    });
    expect(forbidden.statusCode).toBe(409);
    expect(problem(forbidden)).toMatchObject({ code: 'parcel-transition-forbidden', field: 'body.to' });
  });

  it('lets exactly one of two simultaneous assignments through', async () => {
    const { id } = (
      await post(chair, '/api/parcels', parcel('Fundo Chocalán', { status: 'expropriated' }))
    ).json<{
      id: string;
    }>();
    const assign = (body: string) =>
      post(chair, `/api/parcels/${id}/transitions`, {
        to: 'assigned',
        since: '1971-08-01',
        decidingBodyId: council,
        assignedBodyId: body,
      });
    const [a, b] = await Promise.all([assign(committee), assign(otherCommittee)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(problem(loser).code).toBe('parcel-already-assigned');
    const detail = (await get(chair, `/api/parcels/${id}`)).json<{ assignments: unknown[] }>();
    expect(detail.assignments).toHaveLength(1);
  });

  it('filters the register, serves the ledger and exports CSV and GeoJSON', async () => {
    await post(
      chair,
      '/api/parcels',
      parcel('Fundo Ñuble', { region: 'Ñuble', landClass: 'dry', boundary: null }),
    );
    const list = (await get(outsider, '/api/parcels?region=%C3%91uble')).json<{
      parcels: { name: string }[];
      total: number;
      regions: string[];
    }>();
    expect(list.parcels.map((p) => p.name)).toEqual(['Fundo Ñuble']);
    expect(list.regions).toEqual(['Metropolitana', 'Ñuble']);
    const bad = await get(outsider, '/api/parcels?status=stolen');
    expect(bad.statusCode).toBe(400);

    const ledger = (await get(outsider, '/api/land/ledger?to=1973-12-31')).json<{
      dates: string[];
      rows: { date: string; status: string; hectares: number }[];
    }>();
    expect(ledger.dates.at(-1)).toBe('1973-12-31');
    expect(ledger.rows.some((r) => r.status === 'assigned' && r.hectares > 0)).toBe(true);

    const csv = await get(outsider, '/api/land/export?format=csv&region=Metropolitana');
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe(
      'id,name,region,land_class,area_hectares,status,since,assigned_body_id,previous_owner',
    );
    expect(lines.slice(1).every((l) => l.includes(',Metropolitana,'))).toBe(true);
    const geo = await get(outsider, '/api/land/export?format=geojson');
    expect(geo.headers['content-type']).toMatch(/^application\/geo\+json/);
    const fc = JSON.parse(geo.body) as { type: string; features: { geometry: { type: string } | null }[] };
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.length).toBe(lines.length);
    expect(fc.features.filter((f) => f.geometry === null)).toHaveLength(1);
  });
});
