import type { MemberInput } from '../supply/households.service.js';
import { weekOf } from '../supply/period.js';
import { BODIES_BY_NAME } from './councils.scenario.js';
import type { Rng } from './rng.js';
import type { ScenarioPart } from './scenario.js';

/** Households registered per supply committee at city scale: 6 JAPs × 500 = 3,000 households. */
export const HOUSEHOLDS_PER_JAP = 500;

const ACTOR = 'scenario';
const DAY_MS = 86_400_000;

// Santiago around 1970: about 5 persons per household; of all persons about 12 % under 5,
// 27 % aged 5–14, 56 % aged 15–64 and 5 % 65 or over.
function household(rng: Rng, nextRegistry: () => string): MemberInput[] {
  const members: MemberInput[] = [];
  const adults = rng.next() < 0.15 ? 1 : rng.next() < 0.8 ? 2 : 3;
  for (let a = 0; a < adults; a++)
    members.push({
      registryNumber: nextRegistry(),
      ageBand: '15-64',
      pregnant: a === 1 && rng.next() < 0.08,
    });
  const small = rng.next() < 0.45 ? rng.int(1, 2) : 0;
  for (let c = 0; c < small; c++) members.push({ registryNumber: nextRegistry(), ageBand: '0-4' });
  const school = rng.int(0, 3);
  for (let c = 0; c < school; c++) members.push({ registryNumber: nextRegistry(), ageBand: '5-14' });
  if (rng.next() < 0.22)
    members.push({ registryNumber: nextRegistry(), ageBand: '65+', disability: rng.next() < 0.2 });
  return members;
}

const BASKET = {
  goods: [
    { code: 'milk', name: 'Leche', unit: 'mL' },
    { code: 'sugar', name: 'Azúcar', unit: 'g' },
    { code: 'oil', name: 'Aceite', unit: 'mL' },
  ],
  rules: [
    // the Unidad Popular's half litre of milk a day for every child under 15, and for pregnant women
    { goodCode: 'milk', category: 'child', quantity: 500, per: 'day', priority: 0 },
    { goodCode: 'milk', category: 'pregnant', quantity: 500, per: 'day', priority: 0 },
    { goodCode: 'sugar', category: 'everyone', quantity: 250, per: 'week', priority: 1 },
    { goodCode: 'oil', category: 'everyone', quantity: 200, per: 'week', priority: 1 },
  ] as const,
  motionId: null,
};

const REPORTS = [
  {
    kind: 'overprice',
    goodCode: 'oil',
    place: 'Almacén El Sol, Pasaje 4',
    priceCentesimos: 9_000,
    description: 'Vende el litro de aceite al doble del precio oficial.',
  },
  {
    kind: 'hoarding',
    goodCode: 'sugar',
    place: 'Bodega de la esquina de Avenida Central',
    priceCentesimos: null,
    description: 'Sacos de azúcar guardados en la trastienda; dice que no tiene.',
  },
  {
    kind: 'overprice',
    goodCode: 'milk',
    place: 'Feria del sábado, puesto 12',
    priceCentesimos: 700,
    description: 'Leche en polvo a precio de mercado negro.',
  },
] as const;

/**
 * Supply: in each JAP of the city (from the councils part), 500 households with a realistic age
 * distribution, the basket with the milk rule, a distribution point stocked for the week, last
 * week's claims (and three doubles from an offline sync, flagged for the committee), and three
 * price reports. 3,000 households in all; the country scale has no JAPs yet and loads none.
 */
export const supplyScenario: ScenarioPart = {
  name: 'supply',
  async load(context) {
    const { supply, clock } = context.services;
    const bodies =
      (context.shared.get(BODIES_BY_NAME) as Map<string, string> | undefined) ?? new Map<string, string>();
    const japs = [...bodies.entries()].filter(([name]) => name.startsWith('JAP '));
    const lastWeek = weekOf(clock.now() - 7 * DAY_MS);
    const weekStart = Date.parse(
      `${new Date(clock.now() - 7 * DAY_MS).toISOString().slice(0, 10)}T00:00:00Z`,
    );
    let registry = 4_000_000;
    const nextRegistry = () => {
      registry += 1;
      return `${registry}-${registry % 10}`;
    };
    let done = 0;
    for (const [name, committeeId] of japs) {
      const rng = context.rng.fork(name);
      const households = Array.from({ length: HOUSEHOLDS_PER_JAP }, () => ({
        address: `${name.slice(4)}, pasaje ${rng.int(1, 40)} nº ${rng.int(1, 1200)}`,
        members: household(rng, nextRegistry),
      }));
      const ids = await supply.households.registerMany(committeeId, households, ACTOR);
      const goods = await supply.entitlements.importBasket(
        committeeId,
        { ...BASKET, rules: [...BASKET.rules] },
        ACTOR,
      );
      const totals = await supply.entitlements.committeeTotals(committeeId, lastWeek);
      const pointId = await supply.claims.importPoint(
        committeeId,
        `Sede ${name}`,
        totals.map((g) => ({ goodId: g.goodId, units: Math.ceil(g.units * 1.1) })),
        ACTOR,
      );
      const claims: {
        key: string;
        goodId: string;
        period: string;
        householdId: string;
        quantity: number;
        claimedAt: string;
      }[] = [];
      const milk = goods.get('milk')!;
      ids.forEach((householdId, h) => {
        if (rng.next() > 0.85) return; // some households have not come by yet
        const at = new Date(weekStart + rng.int(0, 6) * DAY_MS + rng.int(9, 18) * 3_600_000).toISOString();
        const members = households[h]!.members;
        const children = members.filter((m) => m.ageBand === '0-4' || m.ageBand === '5-14').length;
        const pregnant = members.filter((m) => m.pregnant).length;
        const due = new Map([
          [milk, (children + pregnant) * 500 * 7],
          [goods.get('sugar')!, members.length * 250],
          [goods.get('oil')!, members.length * 200],
        ]);
        for (const [goodId, quantity] of due) {
          if (quantity > 0)
            claims.push({
              key: `scenario-${householdId}-${goodId}`,
              goodId,
              period: lastWeek,
              householdId,
              quantity,
              claimedAt: at,
            });
        }
      });
      await supply.claims.importClaims(
        committeeId,
        claims.map((c) => ({ ...c, pointId })),
        ACTOR,
      );
      // a few households came twice while the point was offline: kept and flagged at sync
      await supply.claims.importOffline(
        committeeId,
        pointId,
        claims.slice(0, 3).map((c) => ({
          ...c,
          key: `${c.key}-again`,
          claimedAt: new Date(Date.parse(c.claimedAt) + 3_600_000).toISOString(),
        })),
        ACTOR,
      );
      await supply.prices.importReports(committeeId, [...REPORTS], ACTOR);
      context.progress(++done, japs.length);
    }
    context.shared.set(SUPPLY_SCENARIO_WEEK, lastWeek);
  },
};

/** Key in `shared`: the period (ISO week) of the scenario's claims. */
export const SUPPLY_SCENARIO_WEEK = 'supply.claimsWeek';
