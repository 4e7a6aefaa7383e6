import type { PlaceInput } from '../logistics/places.service.js';
import type { VehicleStatus } from '../logistics/pool.service.js';
import type { Priority, ShipmentInput } from '../logistics/shipments.service.js';
import { BODIES_BY_NAME, CITY_CORDONES, CITY_JAPS } from './councils.scenario.js';
import { personName } from './names.js';
import type { Rng } from './rng.js';
import type { ScenarioContext, ScenarioPart } from './scenario.js';

const SYSTEM = { kind: 'system', name: 'scenario' } as const;

/** One depot per cordón, near its industrial belt (degrees, WGS 84). */
const DEPOTS: Readonly<Record<string, readonly [number, number]>> = Object.freeze({
  'Cordón Cerrillos-Maipú': [-33.5043, -70.7128],
  'Cordón Vicuña Mackenna': [-33.4985, -70.6105],
  "Cordón O'Higgins": [-33.4662, -70.6857],
});

/** The JAPs' distribution points (plausible places in their poblaciones). */
const JAP_POINTS: Readonly<Record<string, readonly [number, number]>> = Object.freeze({
  'JAP Población La Victoria': [-33.4903, -70.6654],
  'JAP Villa Francia': [-33.4562, -70.7148],
  'JAP La Legua': [-33.4941, -70.6331],
  'JAP Lo Valledor': [-33.4832, -70.6931],
  'JAP San Gregorio': [-33.5371, -70.6222],
  'JAP Nueva Habana': [-33.5088, -70.5806],
});

/** More popular stores in the comunas around, as further distribution points. */
const COMUNAS = [
  'San Miguel',
  'La Cisterna',
  'La Granja',
  'Conchalí',
  'Renca',
  'Quinta Normal',
  'Pudahuel',
  'Ñuñoa',
  'Macul',
  'La Florida',
  'Puente Alto',
  'San Bernardo',
  'Independencia',
  'Recoleta',
  'Estación Central',
  'Lo Espejo',
  'Cerro Navia',
  'Peñalolén',
] as const;

const FIRMS = [
  'Transportes Los Andes',
  'Camiones del Sur Ltda.',
  'Fletes Maipo',
  'Transportes Aconcagua',
  'Sociedad de Transportes Mapocho',
  'Cooperativa de Camioneros Unidos',
] as const;

const LOADS: readonly {
  good: string;
  unit: string;
  priority: Priority;
  kgPerUnit: number;
  units: [number, number];
}[] = [
  { good: 'harina', unit: 'kg', priority: 'food', kgPerUnit: 1, units: [400, 3000] },
  { good: 'azúcar', unit: 'kg', priority: 'food', kgPerUnit: 1, units: [200, 1500] },
  { good: 'aceite', unit: 'l', priority: 'food', kgPerUnit: 1, units: [100, 800] },
  { good: 'leche en polvo', unit: 'kg', priority: 'food', kgPerUnit: 1, units: [100, 600] },
  { good: 'parafina', unit: 'l', priority: 'fuel', kgPerUnit: 1, units: [500, 4000] },
  { good: 'penicilina', unit: 'caja', priority: 'medicine', kgPerUnit: 2, units: [10, 80] },
];

/** How many trucks the city pool holds (about 200, Santiago, October 1972). */
export const CITY_TRUCKS = 200;

/** Key in `shared`: logistics place ids by name. */
export const LOGISTICS_PLACES = 'logistics.placesByName';

function plate(rng: Rng, taken: Set<string>): string {
  for (;;) {
    const letters = String.fromCharCode(65 + rng.int(0, 25), 65 + rng.int(0, 25));
    const p = `${letters}-${rng.int(1000, 9999)}`;
    if (!taken.has(p)) {
      taken.add(p);
      return p;
    }
  }
}

/**
 * The October 1972 vehicle pool: during the owners' lockout (the *paro de octubre*) the cordones
 * requisitioned idle trucks and drivers volunteered theirs. Loads a depot per cordón, the
 * workplaces and the JAPs' distribution points as places, about 200 trucks (most requisitioned,
 * some volunteered, some returned to their owners, a few out of service) and today's requested
 * shipments from each cordón's depot, among them one too heavy for any truck and one with a
 * delivery window no truck can reach, so the first plan shows what a partial plan names. Bulk
 * inserts: five commands in all. The same pool is loaded at the country scale.
 */
export const logisticsScenario: ScenarioPart = {
  name: 'logistics',
  async load(context: ScenarioContext) {
    const { logistics, production, supply, clock } = context.services;
    const bodies = context.shared.get(BODIES_BY_NAME) as Map<string, string> | undefined;
    if (!bodies) throw new Error('the logistics scenario needs the councils scenario first');
    const rng = context.rng;
    const cordones = CITY_CORDONES.map((c) => c.name).filter((n) => bodies.has(n) && DEPOTS[n]);
    if (cordones.length === 0) return;
    const total = 3;
    let done = 0;
    const step = () => context.progress(++done, total);

    const places: PlaceInput[] = [];
    for (const name of cordones) {
      const [latitude, longitude] = DEPOTS[name]!;
      places.push({
        name: `Bodega ${name.slice(7)}`,
        kind: 'depot',
        latitude,
        longitude,
        bodyId: bodies.get(name)!,
      });
    }
    for (const name of CITY_JAPS) {
      const at = JAP_POINTS[name];
      if (!at) continue;
      const japId = bodies.get(name) ?? null;
      // The committee's first point is this place: deliveries here raise its stock, and the
      // committee's resupply requests are routed here.
      const [pointId] = japId === null ? [] : await supply.resupply.pointIdsOf(japId);
      places.push({
        name,
        kind: 'distribution-point',
        latitude: at[0],
        longitude: at[1],
        bodyId: japId,
        supplyPointId: pointId ?? null,
      });
    }
    for (const comuna of COMUNAS) {
      const [latitude, longitude] = [-33.42 - rng.next() * 0.16, -70.57 - rng.next() * 0.19];
      places.push({ name: `Almacén del Pueblo ${comuna}`, kind: 'distribution-point', latitude, longitude });
    }
    for (const w of await production.register.listWorkplaces())
      places.push({
        name: w.name,
        kind: 'workplace',
        latitude: w.latitude,
        longitude: w.longitude,
        bodyId: w.bodyId,
      });
    const placeIds = await logistics.places.importMany(SYSTEM, places);
    const byName = new Map(places.map((p, i) => [p.name, placeIds[i]!]));
    context.shared.set(LOGISTICS_PLACES, byName);
    step();

    const taken = new Set<string>();
    const trucks = Array.from({ length: CITY_TRUCKS }, (_, i) => {
      const cordon = cordones[i % cordones.length]!;
      const bodyId = bodies.get(cordon)!;
      const roll = rng.next();
      const day = (d: number) =>
        `1972-10-${String(d).padStart(2, '0')}T${String(rng.int(8, 19)).padStart(2, '0')}:00:00.000Z`;
      const history: { status: VehicleStatus; bodyId: string; note?: string; at: string }[] = [];
      if (roll < 0.55)
        history.push({
          status: 'requisitioned',
          bodyId,
          note: 'camión parado por el paro patronal',
          at: day(rng.int(11, 14)),
        });
      else history.push({ status: 'volunteered', bodyId, at: day(rng.int(11, 14)) });
      if (roll >= 0.85 && roll < 0.95)
        history.push({ status: 'returned', bodyId, note: 'devuelto a su dueño', at: day(rng.int(16, 19)) });
      else if (roll >= 0.95)
        history.push({ status: 'out-of-service', bodyId, note: 'en panne', at: day(rng.int(16, 19)) });
      const big = rng.next() < 0.3;
      return {
        plate: plate(rng, taken),
        capacityKg: big ? rng.int(8, 12) * 1000 : rng.int(3, 7) * 1000,
        capacityM3: big ? rng.int(30, 45) : rng.int(12, 28),
        owner: rng.next() < 0.6 ? rng.pick(FIRMS) : personName(rng),
        depotPlaceId: byName.get(`Bodega ${cordon.slice(7)}`)!,
        history,
      };
    });
    await logistics.pool.importMany(SYSTEM, trucks);
    step();

    const today = new Date(clock.now()).toISOString().slice(0, 10);
    const points = places.filter((p) => p.kind === 'distribution-point');
    const workplaces = places.filter((p) => p.kind === 'workplace');
    const shipments: ShipmentInput[] = [];
    cordones.forEach((cordon, c) => {
      const bodyId = bodies.get(cordon)!;
      const depot = byName.get(`Bodega ${cordon.slice(7)}`)!;
      for (let k = 0; k < 40; k++) {
        const load = rng.pick(LOADS);
        const units = rng.int(load.units[0], load.units[1]);
        const to = rng.pick(points);
        shipments.push({
          bodyId,
          requestedByBodyId: to.bodyId ?? null,
          fromPlaceId: depot,
          toPlaceId: byName.get(to.name)!,
          priority: load.priority,
          weightKg: units * load.kgPerUnit,
          dueDate: today,
          goods: [{ good: load.good, quantity: units, unit: load.unit }],
        });
      }
      for (let k = 0; k < 5 && workplaces.length > 0; k++) {
        const to = rng.pick(workplaces);
        const kg = rng.int(5, 40) * 50;
        shipments.push({
          bodyId,
          requestedByBodyId: to.bodyId ?? null,
          fromPlaceId: depot,
          toPlaceId: byName.get(to.name)!,
          priority: k % 2 === 0 ? 'spare-parts' : 'raw-material',
          weightKg: kg,
          dueDate: today,
          goods: [{ good: k % 2 === 0 ? 'repuestos de telar' : 'algodón en rama', quantity: kg, unit: 'kg' }],
        });
      }
      if (c === 0) {
        const to = byName.get(points[0]!.name)!;
        shipments.push({
          bodyId,
          fromPlaceId: depot,
          toPlaceId: to,
          priority: 'raw-material',
          weightKg: 15_000,
          dueDate: today,
          goods: [{ good: 'carbón', quantity: 15_000, unit: 'kg' }],
        });
        shipments.push({
          bodyId,
          fromPlaceId: depot,
          toPlaceId: byName.get(points.at(-1)!.name)!,
          priority: 'medicine',
          weightKg: 60,
          dueDate: today,
          window: { start: `${today}T00:00:00.000Z`, end: `${today}T00:01:00.000Z` },
          goods: [{ good: 'insulina', quantity: 30, unit: 'caja' }],
        });
      }
    });
    await logistics.shipments.importMany(SYSTEM, shipments);
    step();
  },
};
