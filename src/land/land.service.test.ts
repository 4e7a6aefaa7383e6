import { beforeAll, describe, expect, it } from 'vitest';
import { createTestServices } from '../../test/factories.js';
import { AppError } from '../core/errors.js';
import { migrateDown, migrateUp } from '../db/migrator.js';
import { describeEachDialect } from '../db/test-databases.js';
import type { Services } from '../server/services.js';
import { agrarianLedger, ledgerDates } from './agrarian-ledger.js';
import { adoptedMotion, createLandFixture, type LandFixture } from './land.fixture.js';
import { checkTransition, PARCEL_STATUSES } from './parcel-transitions.js';

const square = (x: number, y: number, d = 0.01) => ({
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

async function refusal(promise: Promise<unknown>): Promise<{ code: string; field: string | undefined }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, field: error.field };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('parcel transitions table', () => {
  it('forbids returned → assigned without a motion and every unlisted move', () => {
    expect(checkTransition('returned', 'assigned', false).status).toBe('motion-required');
    expect(checkTransition('returned', 'assigned', true).status).toBe('allowed');
    expect(checkTransition('private', 'assigned', true).status).toBe('forbidden');
    expect(checkTransition('assigned', 'assigned', true).status).toBe('forbidden');
    expect(checkTransition('occupied', 'expropriated', false).status).toBe('motion-required');
    for (const s of PARCEL_STATUSES) expect(checkTransition(s, s, true).status).toBe('forbidden');
  });
});

describe('agrarian ledger', () => {
  it('reads the status in force on each date and sums ares by status, region and class', () => {
    const rows = agrarianLedger(
      [
        { id: 'a', region: 'Maule', landClass: 'dry', areaAres: 10_050 },
        { id: 'b', region: 'Maule', landClass: 'dry', areaAres: 20_000 },
        { id: 'c', region: 'Ñuble', landClass: 'forest', areaAres: 500 },
      ],
      [
        { parcelId: 'a', status: 'private', since: '1970-01-01' },
        { parcelId: 'a', status: 'expropriated', since: '1971-06-01' },
        { parcelId: 'b', status: 'occupied', since: '1971-02-01' },
        { parcelId: 'c', status: 'private', since: '1972-03-01' },
      ],
      ['1970-12-31', '1971-12-31', '1972-12-31'],
    );
    expect(rows).toEqual([
      {
        date: '1970-12-31',
        status: 'private',
        region: 'Maule',
        landClass: 'dry',
        hectares: 100.5,
        parcels: 1,
      },
      {
        date: '1971-12-31',
        status: 'occupied',
        region: 'Maule',
        landClass: 'dry',
        hectares: 200,
        parcels: 1,
      },
      {
        date: '1971-12-31',
        status: 'expropriated',
        region: 'Maule',
        landClass: 'dry',
        hectares: 100.5,
        parcels: 1,
      },
      {
        date: '1972-12-31',
        status: 'private',
        region: 'Ñuble',
        landClass: 'forest',
        hectares: 5,
        parcels: 1,
      },
      {
        date: '1972-12-31',
        status: 'occupied',
        region: 'Maule',
        landClass: 'dry',
        hectares: 200,
        parcels: 1,
      },
      {
        date: '1972-12-31',
        status: 'expropriated',
        region: 'Maule',
        landClass: 'dry',
        hectares: 100.5,
        parcels: 1,
      },
    ]);
    expect(ledgerDates('1970-06-01', '1972-03-15', 'year')).toEqual([
      '1970-12-31',
      '1971-12-31',
      '1972-03-15',
    ]);
    expect(ledgerDates('1972-01-10', '1972-03-31', 'month')).toEqual([
      '1972-01-31',
      '1972-02-29',
      '1972-03-31',
    ]);
  });
});

describeEachDialect('land register, transitions and harvests', (database) => {
  let services: Services;
  let f: LandFixture;
  const input = (name: string, extra: Record<string, unknown> = {}) => ({
    name,
    region: 'Maule',
    landClass: 'irrigated',
    areaHectares: 120.5,
    since: '1970-05-01',
    previousOwner: 'Sucesión Larraín',
    boundary: square(-71.6, -35.4),
    ...extra,
  });

  beforeAll(async () => {
    services = await createTestServices(database());
    f = await createLandFixture(services);
  });

  it('registers parcels for the registering body officers and administrators, refusing others with 403', async () => {
    const { parcels } = services.land;
    const p = await parcels.create(f.people.councilChair, {
      ...input('Fundo San Miguel'),
      bodyId: f.bodies.council,
    });
    expect(p).toMatchObject({
      name: 'Fundo San Miguel',
      areaHectares: 120.5,
      status: 'private',
      statusSince: '1970-05-01',
    });
    expect(p.boundary?.type).toBe('Polygon');
    expect((await parcels.create(f.people.admin, input('Hijuela 3'))).status).toBe('private');
    for (const who of [f.people.outsider, f.people.councilMember])
      expect(await refusal(parcels.create(who, { ...input('X'), bodyId: f.bodies.council }))).toEqual({
        code: 'forbidden',
        field: undefined,
      });
    expect((await refusal(parcels.create(f.people.outsider, input('Y')))).code).toBe('forbidden');
  });

  it('refuses zero or negative area, a bad class and invalid or self-intersecting boundaries, naming the field', async () => {
    const { parcels } = services.land;
    const chair = f.people.councilChair;
    const body = { bodyId: f.bodies.council };
    expect(await refusal(parcels.create(chair, { ...input('Z', { areaHectares: 0 }), ...body }))).toEqual({
      code: 'validation',
      field: 'body.areaHectares',
    });
    expect(
      (await refusal(parcels.create(chair, { ...input('Z', { areaHectares: -3 }), ...body }))).field,
    ).toBe('body.areaHectares');
    expect(
      (await refusal(parcels.create(chair, { ...input('Z', { landClass: 'swamp' }), ...body }))).field,
    ).toBe('body.landClass');
    const bowTie = {
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
    };
    expect(await refusal(parcels.create(chair, { ...input('Z', { boundary: bowTie }), ...body }))).toEqual({
      code: 'invalid-geometry',
      field: 'body.boundary.coordinates[0][2]',
    });
    const open = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
        ],
      ],
    };
    expect((await refusal(parcels.create(chair, { ...input('Z', { boundary: open }), ...body }))).field).toBe(
      'body.boundary.coordinates[0]',
    );
  });

  it('walks occupy → expropriate by an adopted motion → assign → return, with the history', async () => {
    const { parcels, transitions } = services.land;
    const chair = f.people.councilChair;
    const { id } = await parcels.create(chair, { ...input('Fundo El Huique'), bodyId: f.bodies.council });
    const move = (to: string, extra: Record<string, unknown> = {}) =>
      transitions.move(chair, id, {
        to: to as 'occupied',
        since: '1971-03-01',
        decidingBodyId: f.bodies.council,
        ...extra,
      });
    expect((await move('occupied')).status).toBe('occupied');
    expect(await refusal(move('expropriated'))).toEqual({
      code: 'parcel-motion-required',
      field: 'body.motionId',
    });
    const rejected = await adoptedMotion(services, f, 'No expropiar', 'against');
    expect(await refusal(move('expropriated', { motionId: rejected }))).toEqual({
      code: 'not-eligible',
      field: 'body.motionId',
    });
    const motionId = await adoptedMotion(services, f, 'Expropiar el fundo El Huique');
    expect((await move('expropriated', { motionId, since: '1971-06-01' })).status).toBe('expropriated');
    expect(
      (await refusal(move('assigned', { since: '1971-07-01', assignedBodyId: f.bodies.cordon }))).field,
    ).toBe('body.assignedBodyId');
    expect(
      await refusal(move('assigned', { since: '1971-05-01', assignedBodyId: f.bodies.committee })),
    ).toEqual({
      code: 'validation',
      field: 'body.since',
    });
    const assigned = await move('assigned', { since: '1971-07-01', assignedBodyId: f.bodies.committee });
    expect(assigned).toMatchObject({ status: 'assigned', assignedBodyId: f.bodies.committee });
    expect(
      await refusal(move('assigned', { since: '1971-08-01', assignedBodyId: f.bodies.otherCommittee })),
    ).toEqual({
      code: 'parcel-already-assigned',
      field: 'body.to',
    });
    expect((await move('returned', { since: '1973-10-01' })).assignedBodyId).toBeNull();
    expect(
      await refusal(move('assigned', { since: '1973-11-01', assignedBodyId: f.bodies.committee })),
    ).toEqual({
      code: 'parcel-motion-required',
      field: 'body.motionId',
    });
    const detail = await parcels.parcel(id);
    expect(detail.history.map((h) => h.status)).toEqual([
      'private',
      'occupied',
      'expropriated',
      'assigned',
      'returned',
    ]);
    expect(detail.history[2]).toMatchObject({ motionId, decidingBodyId: f.bodies.council });
    expect(detail.assignments).toEqual([
      { bodyId: f.bodies.committee, since: '1971-07-01', until: '1973-10-01', motionId: null },
    ]);
  });

  it('refuses forbidden jumps, outsiders and plain members of the deciding body', async () => {
    const { parcels, transitions } = services.land;
    const { id } = await parcels.create(f.people.admin, input('Fundo Los Cristales'));
    const to = { to: 'assigned' as const, since: '1971-03-01', decidingBodyId: f.bodies.council };
    expect(
      await refusal(
        transitions.move(f.people.councilChair, id, { ...to, assignedBodyId: f.bodies.committee }),
      ),
    ).toEqual({
      code: 'parcel-transition-forbidden',
      field: 'body.to',
    });
    const occupy = { to: 'occupied' as const, since: '1971-03-01', decidingBodyId: f.bodies.council };
    for (const who of [
      f.people.outsider,
      f.people.councilMember,
      f.people.committeeSecretary,
      f.people.admin,
    ])
      expect((await refusal(transitions.move(who, id, occupy))).code).toBe('forbidden');
    expect((await parcels.parcel(id)).status).toBe('private');
  });

  it('assigns a parcel to only one of two committees asked at once', async () => {
    const { parcels, transitions } = services.land;
    const chair = f.people.councilChair;
    const { id } = await parcels.create(
      f.people.admin,
      input('Fundo Rucamanque', { status: 'expropriated' }),
    );
    const assign = (body: string) =>
      transitions.move(chair, id, {
        to: 'assigned',
        since: '1971-09-01',
        decidingBodyId: f.bodies.council,
        assignedBodyId: body,
      });
    const results = await Promise.allSettled([assign(f.bodies.committee), assign(f.bodies.otherCommittee)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((r) => r.status === 'rejected');
    expect(failed?.status === 'rejected' && (failed.reason as AppError).code).toBe('parcel-already-assigned');
    expect((await parcels.parcel(id)).assignments).toHaveLength(1);
  });

  it('turns harvests of assigned parcels into stock of the committee, for its officers only', async () => {
    const { parcels, transitions, harvests } = services.land;
    const { id } = await parcels.create(
      f.people.admin,
      input('Fundo La Esperanza', { status: 'expropriated' }),
    );
    const harvest = { productCode: 'wheat-harvest', quantityKg: 12_000, harvestedOn: '1972-01-20' };
    expect((await refusal(harvests.report(f.people.committeeSecretary, id, harvest))).code).toBe(
      'parcel-not-assigned',
    );
    await transitions.move(f.people.councilChair, id, {
      to: 'assigned',
      since: '1971-09-01',
      decidingBodyId: f.bodies.council,
      assignedBodyId: f.bodies.committee,
    });
    for (const who of [
      f.people.outsider,
      f.people.committeeMember,
      f.people.otherSecretary,
      f.people.councilChair,
    ])
      expect((await refusal(harvests.report(who, id, harvest))).code).toBe('forbidden');
    expect(
      (await refusal(harvests.report(f.people.committeeSecretary, id, { ...harvest, quantityKg: 0 }))).field,
    ).toBe('body.quantityKg');
    expect(
      (await refusal(harvests.report(f.people.committeeSecretary, id, { ...harvest, productCode: 'Trigo!' })))
        .field,
    ).toBe('body.productCode');
    await harvests.report(f.people.committeeSecretary, id, harvest);
    await harvests.report(f.people.committeeSecretary, id, { ...harvest, quantityKg: 3_500 });
    expect(await harvests.harvestStock({ product: 'wheat-harvest', bodyId: f.bodies.committee })).toEqual({
      product: 'wheat-harvest',
      bodyId: f.bodies.committee,
      quantityKg: 15_500,
    });
    expect((await harvests.harvestStock({ product: 'wheat-harvest' })).quantityKg).toBe(15_500);
    expect(
      (await harvests.harvestStock({ product: 'wheat-harvest', bodyId: f.bodies.otherCommittee })).quantityKg,
    ).toBe(0);
    expect((await parcels.parcel(id)).harvests.map((h) => h.quantityKg).sort()).toEqual(
      [12_000, 3_500].sort(),
    );
  });

  it('lets deliveries draw harvest stock once per reference, never below zero, also when two draw at once', async () => {
    const { parcels, transitions, harvests } = services.land;
    const { id } = await parcels.create(
      f.people.admin,
      input('Fundo Santa Amalia', { status: 'expropriated' }),
    );
    await transitions.move(f.people.councilChair, id, {
      to: 'assigned',
      since: '1971-09-01',
      decidingBodyId: f.bodies.council,
      assignedBodyId: f.bodies.otherCommittee,
    });
    await harvests.report(f.people.otherSecretary, id, {
      productCode: 'potato',
      quantityKg: 15_000,
      harvestedOn: '1972-03-01',
    });
    const system = { kind: 'system' as const, name: 'test' };
    const draw = (quantityKg: number, refId: string) =>
      harvests.drawStock(system, { bodyId: f.bodies.otherCommittee, product: 'potato', quantityKg, refId });
    expect(await draw(4_000, 'delivery-1')).toMatchObject({
      status: 'drawn',
      quantityKg: 4_000,
      remainingKg: 11_000,
    });
    expect(await draw(4_000, 'delivery-1')).toMatchObject({
      status: 'drawn',
      quantityKg: 4_000,
      remainingKg: 11_000,
    });
    expect(await draw(20_000, 'delivery-2')).toMatchObject({ status: 'short', availableKg: 11_000 });
    const both = await Promise.all([draw(7_000, 'delivery-3'), draw(7_000, 'delivery-4')]);
    expect(both.map((d) => d.status).sort()).toEqual(['drawn', 'short']);
    expect(
      (await harvests.harvestStock({ product: 'potato', bodyId: f.bodies.otherCommittee })).quantityKg,
    ).toBe(4_000);
    for (const who of [f.people.outsider, f.people.committeeSecretary])
      expect(
        (
          await refusal(
            harvests.drawStock(who, {
              bodyId: f.bodies.otherCommittee,
              product: 'potato',
              quantityKg: 1,
              refId: 'x',
            }),
          )
        ).code,
      ).toBe('forbidden');
    expect((await refusal(draw(0, 'delivery-5'))).field).toBe('body.quantityKg');
  });

  it('lists with filters, exports everything and keeps the ledger equal to the register', async () => {
    const { parcels } = services.land;
    await parcels.create(
      f.people.admin,
      input('Fundo Ñuble', { region: 'Ñuble', landClass: 'forest', areaHectares: 10 }),
    );
    const all = await parcels.list();
    expect(all.total).toBe(all.parcels.length);
    expect(all.regions).toEqual(['Maule', 'Ñuble']);
    const forest = await parcels.list({ landClass: 'forest' });
    expect(forest.parcels.map((p) => p.name)).toEqual(['Fundo Ñuble']);
    expect((await parcels.list({ status: 'assigned' })).parcels.every((p) => p.status === 'assigned')).toBe(
      true,
    );
    expect((await parcels.exportParcels()).length).toBe(all.total);
    const ledger = await parcels.ledger({ to: '1980-12-31' });
    const last = ledger.rows.filter((r) => r.date === '1980-12-31');
    const totalHa = all.parcels.reduce((s, p) => s + p.areaHectares, 0);
    expect(last.reduce((s, r) => s + r.hectares, 0)).toBeCloseTo(totalHa, 6);
    for (const p of all.parcels)
      expect(
        last.some((r) => r.status === p.status && r.region === p.region && r.landClass === p.landClass),
      ).toBe(true);
    // the ledger's inputs are kept between calls, and read again once a parcel is added
    await parcels.create(
      f.people.admin,
      input('Fundo Itata', { region: 'Ñuble', landClass: 'forest', areaHectares: 5 }),
    );
    const after = (await parcels.ledger({ to: '1980-12-31' })).rows.filter((r) => r.date === '1980-12-31');
    expect(after.reduce((s, r) => s + r.hectares, 0)).toBeCloseTo(totalHa + 5, 6);
    expect((await refusal(parcels.ledger({ from: '1972-13-01' }))).field).toBe('query.from');
    expect(
      (await refusal(parcels.ledger({ step: 'month', from: '1900-01-01', to: '2020-12-31' }))).field,
    ).toBe('query.from');
  });

  it('migrates the land tables down and up again', async () => {
    const db = database().db;
    const down = await migrateDown(db);
    expect(down.status).toBe('ok');
    const up = await migrateUp(db);
    expect(up.status).toBe('ok');
  });
});
