import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../core/config.js';
import { openTestDatabase, type TestDatabase } from '../db/test-databases.js';
import { createServices, type Services } from '../server/services.js';
import { FARM_SECTOR } from './land.scenario.js';
import { productionScenario } from './production.scenario.js';
import { loadScenario, SCENARIO_PARTS } from './scenario.js';

describe('production scenario (city)', () => {
  let test: TestDatabase;
  let services: Services;
  beforeAll(async () => {
    test = await openTestDatabase('sqlite');
    services = await createServices(test.database, defaultConfig({ logLevel: 'silent' }));
    await loadScenario(services, { seed: 1972, scale: 'city', householdsPerCommittee: 20 });
  }, 60_000);
  afterAll(async () => {
    await test.dispose();
  });

  it('runs after councils', () => {
    const names = SCENARIO_PARTS.map((p) => p.name);
    expect(names.indexOf(productionScenario.name)).toBeGreaterThan(names.indexOf('councils'));
  });

  it('registers the 15 workplaces with 90 days of history and the incidents’ alerts', async () => {
    // the land part adds the peasant committees' farms; the city's industry is these 15
    const workplaces = (await services.production.register.listWorkplaces()).filter(
      (w) => w.sector !== FARM_SECTOR,
    );
    expect(workplaces).toHaveLength(15);
    const byName = new Map(workplaces.map((w) => [w.name, w]));
    const perlak = byName.get('Perlak')!;
    const lockout = await services.production.alerts.ofWorkplaceForSystem(perlak.id, ['open']);
    // the lockout's alert was not answered at the workplace: it climbed to the cordón
    const cordonId = (await services.councils.councilAbove(perlak.bodyId))!;
    expect(lockout.some((a) => a.level === 1 && a.bodyId === cordonId)).toBe(true);
    const carozzi = await services.production.alerts.ofWorkplaceForSystem(byName.get('Carozzi')!.id, [
      'resolved',
    ]);
    expect(carozzi.length).toBeGreaterThan(0);
    expect(carozzi[0]!.resolution).toContain('trigo');
    const madeco = await services.production.alerts.ofWorkplaceForSystem(byName.get('Madeco')!.id, [
      'acknowledged',
    ]);
    expect(madeco.length).toBeGreaterThan(0);
    // one alert per episode: no storms from 4,050 reports of mostly quiet series
    let all = 0;
    for (const w of workplaces)
      all += (
        await services.production.alerts.ofWorkplaceForSystem(w.id, ['open', 'acknowledged', 'resolved'])
      ).length;
    expect(all).toBeLessThan(30);
  });

  it('posts spare-part capabilities and needs, some matched into orders in several states', async () => {
    const workplaces = await services.production.register.listWorkplaces();
    const byName = new Map(workplaces.map((w) => [w.name, w]));
    const elecmetal = await services.production.spareParts.ofWorkplace(byName.get('Elecmetal')!.id);
    expect(elecmetal.capabilities.map((c) => c.capability)).toEqual(['foundry', 'machining']);
    const cordonId = (await services.councils.councilAbove(byName.get('Perlak')!.bodyId))!;
    const nationBoard = await services.production.spareParts.board(
      (await services.councils.councilAbove((await services.councils.councilAbove(cordonId))!))!,
      ['open', 'ordered', 'fulfilled', 'withdrawn'],
    );
    expect(nationBoard).toHaveLength(6);
    const states = nationBoard.flatMap((n) => n.orders.map((o) => o.status)).sort();
    expect(states).toEqual(['declined', 'in-production', 'proposed', 'received', 'shipped']);
    expect(nationBoard.map((n) => n.status).sort()).toEqual([
      'fulfilled',
      'open',
      'open',
      'open',
      'ordered',
      'ordered',
    ]);
    // critical needs come first on a board
    expect(nationBoard[0]!.urgency).toBe('critical');
  });
});
