import { beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/factories.js';
import { describeEachDialect } from '../db/test-databases.js';
import { FARM_SECTOR, LAND_COUNCILS, LAND_REGIONS, LAND_SIZES, landScenario } from './land.scenario.js';
import { Rng } from './rng.js';

describeEachDialect('land scenario', (database) => {
  let t: TestApp;
  let councils: Map<string, string>;
  beforeAll(async () => {
    t = await createTestApp(database());
    const shared = new Map<string, unknown>();
    await landScenario.load({
      services: t.services,
      rng: new Rng(1972).fork('land'),
      scale: 'city',
      shared,
      progress: () => {},
    });
    councils = shared.get(LAND_COUNCILS) as Map<string, string>;
  }, 60_000);

  it('registers a few thousand parcels across the six central regions', async () => {
    const all = await t.services.land.parcels.list({}, { limit: 1 });
    expect(all.total).toBe(
      LAND_REGIONS.reduce((n, r) => n + Math.round(LAND_SIZES.city.parcels * r.share), 0),
    );
    expect(all.regions.sort()).toEqual(LAND_REGIONS.map((r) => r.name).sort());
    for (const status of ['private', 'occupied', 'expropriated', 'assigned', 'returned'] as const)
      expect((await t.services.land.parcels.list({ status }, { limit: 1 })).total).toBeGreaterThan(0);
  });

  it('registers each peasant committee’s farm as a workplace of the production register', async () => {
    const farms = (await t.services.production.register.listWorkplaces()).filter(
      (w) => w.sector === FARM_SECTOR,
    );
    expect(farms).toHaveLength(LAND_REGIONS.length * LAND_SIZES.city.committeesPerRegion);
    const federation = await t.services.councils.federation();
    const kinds = new Map(federation.bodies.map((b) => [b.id, b.kind]));
    expect(farms.every((w) => kinds.get(w.bodyId) === 'peasant-committee')).toBe(true);
  });

  it('gives histories that start private or Frei-expropriated and expropriate only by an adopted motion', async () => {
    const { parcels } = t.services.land;
    const { parcels: assigned } = await parcels.list({ status: 'assigned', region: 'Maule' }, { limit: 20 });
    for (const p of assigned) {
      const detail = await parcels.parcel(p.id);
      expect(['private', 'expropriated']).toContain(detail.history[0]?.status);
      expect(detail.boundary?.type).toBe('Polygon');
      for (const h of detail.history.filter((x, i) => i > 0 && x.status === 'expropriated'))
        expect(h.motionId).not.toBeNull();
      expect(detail.assignments.at(-1)?.until).toBeNull();
      expect(detail.history.at(-1)?.decidingBodyId).toBe(councils.get('Maule'));
    }
  });

  it('turns summer harvests into committee stock and keeps the ledger equal to the register', async () => {
    const wheat = await t.services.land.harvests.harvestStock({ product: 'wheat' });
    expect(wheat.quantityKg).toBeGreaterThan(0);
    const ledger = await t.services.land.parcels.ledger({ to: '1973-12-31' });
    expect(ledger.dates).toEqual([
      '1965-12-31',
      '1966-12-31',
      '1967-12-31',
      '1968-12-31',
      '1969-12-31',
      '1970-12-31',
      '1971-12-31',
      '1972-12-31',
      '1973-12-31',
    ]);
    const end = ledger.rows.filter((r) => r.date === '1973-12-31');
    const exported = await t.services.land.parcels.exportParcels();
    const totalAres = exported.reduce((s, p) => s + Math.round(p.areaHectares * 100), 0);
    expect(Math.round(end.reduce((s, r) => s + r.hectares, 0) * 100)).toBe(totalAres);
    const expropriated1970 = ledger.rows.filter(
      (r) => r.date === '1970-12-31' && r.status === 'expropriated',
    );
    const expropriated1972 = ledger.rows.filter((r) => r.date === '1972-12-31' && r.status !== 'private');
    const ha = (rows: { hectares: number }[]) => rows.reduce((s, r) => s + r.hectares, 0);
    expect(ha(expropriated1972)).toBeGreaterThan(ha(expropriated1970));
  });
});
