import type { MemberInput } from '../supply/households.service.js';
import { weekOf } from '../supply/period.js';
import { BODIES_BY_NAME } from './councils.scenario.js';
import type { Rng } from './rng.js';
import type { ScenarioContext, ScenarioPart } from './scenario.js';

/**
 * Households registered per supply committee unless the load says otherwise: 40 JAPs × 7,500 =
 * 300,000 households in the city (Santiago 1972), 400 × 7,500 = 3,000,000 in the country.
 */
export const HOUSEHOLDS_PER_JAP = 7_500;

// Households go to the database in commands of this many (one audit event each): large enough
// for few, big statements, small enough that the country's 3 million never sit in memory at once.
const BATCH = 2_500;

const ACTOR = 'scenario';
const DAY_MS = 86_400_000;

// A whole count drawn from a small distribution: weights[i] is the probability of i.
function draw(rng: Rng, weights: readonly number[]): number {
  let u = rng.next();
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i]!;
    if (u < 0) return i;
  }
  return weights.length - 1;
}

// The 1970 census shape for Chile (INE): about 4.9 persons per household; of all persons about
// 13 % aged 0–4, 26 % aged 5–14, 56 % aged 15–64 and 5 % aged 65 or over. Per household: one
// head (15 %) or a couple, 0.9 further adults on average (grown children, relatives), 0.65
// small children, 1.3 of school age and 0.25 elderly — means of the distributions below.
const EXTRA_ADULTS = [0.45, 0.3, 0.15, 0.1];
const SMALL_CHILDREN = [0.5, 0.35, 0.15];
const SCHOOL_CHILDREN = [0.32, 0.27, 0.24, 0.11, 0.06];
const ELDERLY = [0.8, 0.15, 0.05];

/** One household's members, drawn to the census shape above. */
export function censusHousehold(rng: Rng, nextRegistry: () => string): MemberInput[] {
  const members: MemberInput[] = [];
  const adults = (rng.next() < 0.15 ? 1 : 2) + draw(rng, EXTRA_ADULTS);
  for (let a = 0; a < adults; a++)
    members.push({
      registryNumber: nextRegistry(),
      ageBand: '15-64',
      pregnant: a === 1 && rng.next() < 0.08,
      disability: rng.next() < 0.01,
      diet: rng.next() < 0.01 ? 'celiac' : null,
    });
  const small = draw(rng, SMALL_CHILDREN);
  for (let c = 0; c < small; c++) members.push({ registryNumber: nextRegistry(), ageBand: '0-4' });
  const school = draw(rng, SCHOOL_CHILDREN);
  for (let c = 0; c < school; c++)
    members.push({ registryNumber: nextRegistry(), ageBand: '5-14', disability: rng.next() < 0.01 });
  const elderly = draw(rng, ELDERLY);
  for (let e = 0; e < elderly; e++)
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

/** A household's week under BASKET's rules, by good code (mL, g, mL); the import checks it again. */
function weekDue(members: readonly MemberInput[]): [string, number][] {
  const milkers = members.filter((m) => m.ageBand === '0-4' || m.ageBand === '5-14' || m.pregnant).length;
  return [
    ['milk', milkers * 500 * 7],
    ['sugar', members.length * 250],
    ['oil', members.length * 200],
  ];
}

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

interface PastClaim {
  key: string;
  goodId: string;
  period: string;
  householdId: string;
  quantity: number;
  claimedAt: string;
}

/** A JAP being loaded: its generator, registry numbers, goods, and what its households are due and claimed. */
interface Committee {
  readonly name: string;
  readonly committeeId: string;
  readonly rng: Rng;
  readonly nextRegistry: () => string;
  goods: Map<string, string>;
  /** Units of each good (by code) the JAP's households are due in a week. */
  readonly due: Map<string, number>;
  readonly claims: PastClaim[];
}

/** A batch of a JAP's households, with when each came for last week's goods (city; null: not yet). */
interface Batch {
  readonly committeeId: string;
  readonly households: { address: string; members: MemberInput[] }[];
  readonly committee: Committee;
  readonly visits: ({ day: number; hour: number } | null)[];
}

/**
 * Supply: in each JAP (from the councils part; 40 in the city, 400 in the country) 7,500
 * households drawn to the 1970 census shape (many children), the basket with the milk rule, a
 * distribution point stocked for last week with a tenth to spare, and three price reports. In
 * the city also last week's claims (about 85 % of households came, every good they were due)
 * and three doubles from an offline sync per JAP, flagged for the committee. The country loads no
 * claims: a week of them would be 7 million rows that no page needs.
 *
 * First every JAP's basket, then every household through `households.importMany` (batches of
 * 2,500, one audit event each; on PostgreSQL one command whose indexes are built at the end),
 * then each JAP's point, past claims (`claims.importHistory`, checked against entitlements, one
 * audit event per JAP) and price reports. `householdsPerCommittee` in the load options shrinks
 * the load for tests.
 */
export const supplyScenario: ScenarioPart = {
  name: 'supply',
  async load(context) {
    const { supply, clock } = context.services;
    const bodies =
      (context.shared.get(BODIES_BY_NAME) as Map<string, string> | undefined) ?? new Map<string, string>();
    const japs = [...bodies.entries()].filter(([name]) => name.startsWith('JAP '));
    const perJap = context.householdsPerCommittee ?? HOUSEHOLDS_PER_JAP;
    const lastWeek = weekOf(clock.now() - 7 * DAY_MS);
    const withClaims = context.scale === 'city';
    const weekStart = Date.parse(
      `${new Date(clock.now() - 7 * DAY_MS).toISOString().slice(0, 10)}T00:00:00Z`,
    );
    // Each JAP gets its own generator and its own range of registry numbers (at most 13 persons
    // a household), so a seed gives the same data whatever the order JAPs are loaded in.
    const committees: Committee[] = japs.map(([name, committeeId], index) => {
      let registry = 4_000_000 + index * perJap * 14;
      return {
        name,
        committeeId,
        rng: context.rng.fork(name),
        nextRegistry: () => {
          registry += 1;
          return `${registry}-${registry % 10}`;
        },
        goods: new Map(),
        due: new Map(),
        claims: [],
      };
    });
    for (const c of committees)
      c.goods = await supply.entitlements.importBasket(
        c.committeeId,
        { ...BASKET, rules: [...BASKET.rules] },
        ACTOR,
      );

    const total = japs.length * perJap;
    let done = 0;
    function* batches(): Generator<Batch> {
      for (const committee of committees)
        for (let from = 0; from < perJap; from += BATCH) {
          const { rng, name } = committee;
          const households = Array.from({ length: Math.min(BATCH, perJap - from) }, () => ({
            address: `${name.slice(4)}, pasaje ${rng.int(1, 40)} nº ${rng.int(1, 1200)}`,
            members: censusHousehold(rng, committee.nextRegistry),
          }));
          // some households have not come by yet; the draws follow the batch's, as they always have
          const visits = households.map(() =>
            !withClaims || rng.next() > 0.85 ? null : { day: rng.int(0, 6), hour: rng.int(9, 18) },
          );
          yield { committeeId: committee.committeeId, households, committee, visits };
        }
    }
    await supply.households.importMany(batches(), ACTOR, {
      onImported: (batch, ids) => {
        const { committee } = batch;
        ids.forEach((householdId, h) => {
          const week = weekDue(batch.households[h]!.members);
          for (const [code, units] of week) committee.due.set(code, (committee.due.get(code) ?? 0) + units);
          const visit = batch.visits[h];
          if (!visit) return;
          const at = new Date(weekStart + visit.day * DAY_MS + visit.hour * 3_600_000).toISOString();
          for (const [code, quantity] of week) {
            const goodId = committee.goods.get(code)!;
            if (quantity > 0)
              committee.claims.push({
                key: `scenario-${householdId}-${goodId}`,
                goodId,
                period: lastWeek,
                householdId,
                quantity,
                claimedAt: at,
              });
          }
        });
        done += batch.households.length;
        context.progress(done, total);
      },
      onRestoring: (built, indexes) => context.progress(built, indexes, 'indexes'),
    });

    for (const committee of committees) await finishCommittee(context, committee, withClaims);
    context.shared.set(SUPPLY_SCENARIO_WEEK, lastWeek);
  },
};

/** A JAP's point stocked for its households' week, its past claims (city) and price reports. */
async function finishCommittee(context: ScenarioContext, committee: Committee, withClaims: boolean) {
  const { supply } = context.services;
  const { committeeId, goods, claims } = committee;
  const pointId = await supply.claims.importPoint(
    committeeId,
    `Sede ${committee.name}`,
    [...committee.due].map(([code, units]) => ({ goodId: goods.get(code)!, units: Math.ceil(units * 1.1) })),
    ACTOR,
  );
  if (withClaims) {
    await supply.claims.importHistory(committeeId, pointId, claims, ACTOR);
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
  }
  await supply.prices.importReports(committeeId, [...REPORTS], ACTOR);
}

/** Key in `shared`: the period (ISO week) of the scenario's claims. */
export const SUPPLY_SCENARIO_WEEK = 'supply.claimsWeek';
