import { refreshStatistics } from '../db/refresh-statistics.js';
import type { Services } from '../server/services.js';
import { councilsScenario } from './councils.scenario.js';
import { identityScenario } from './identity.scenario.js';
import { landScenario } from './land.scenario.js';
import { logisticsScenario } from './logistics.scenario.js';
import { octoberScenario } from './october.scenario.js';
import { planningScenario } from './planning.scenario.js';
import { productionScenario } from './production.scenario.js';
import { Rng } from './rng.js';
import { supplyScenario } from './supply.scenario.js';

/** How large a world to generate: a city (Santiago 1972) or a country. */
export type ScenarioScale = 'city' | 'country';

/** What one part of the scenario receives. */
export interface ScenarioContext {
  readonly services: Services;
  /** A generator private to this part, derived from the seed and the part's name. */
  readonly rng: Rng;
  readonly scale: ScenarioScale;
  /** Values earlier parts leave for later ones (e.g. the demo people's ids). */
  readonly shared: Map<string, unknown>;
  /** Households per supply committee when the load sets it (tests load a few dozen). */
  readonly householdsPerCommittee?: number;
  /**
   * Reports progress of this part: `done` of `total` units, of a named `step` of it when given
   * (the bar then reads e.g. `supply (indexes)`).
   */
  progress(done: number, total: number, step?: string): void;
}

/** One area's contribution to the scenario; parts run in the order of `SCENARIO_PARTS`. */
export interface ScenarioPart {
  readonly name: string;
  load(context: ScenarioContext): Promise<void>;
}

/**
 * Every part, in order. Each later area adds its own `<area>.scenario.ts` here; parts read what
 * earlier parts left in `shared`.
 */
export const SCENARIO_PARTS: readonly ScenarioPart[] = Object.freeze([
  identityScenario,
  councilsScenario,
  productionScenario,
  supplyScenario,
  planningScenario,
  logisticsScenario,
  landScenario,
  // last: it lives through the 90 days on what every other part loaded
  octoberScenario,
]);

/** Options of a scenario load. */
export interface LoadOptions {
  readonly seed: number;
  readonly scale: ScenarioScale;
  /** Households per supply committee instead of the scale's 7,500 (tests keep it small). */
  readonly householdsPerCommittee?: number;
  /** Progress callback: part name, done and total units of that part. */
  readonly onProgress?: (part: string, done: number, total: number) => void;
}

/**
 * Loads the demo scenario into an empty, migrated database. Deterministic for a seed: the same
 * seed gives the same names, bodies and memberships (ids and passwords differ, being random).
 * Returns the parts loaded and the seconds each took.
 */
export async function loadScenario(
  services: Services,
  options: LoadOptions,
): Promise<{ parts: string[]; seconds: Record<string, number> }> {
  const root = new Rng(options.seed);
  const shared = new Map<string, unknown>();
  const seconds: Record<string, number> = {};
  for (const part of SCENARIO_PARTS) {
    const started = performance.now();
    await part.load({
      services,
      rng: root.fork(part.name),
      scale: options.scale,
      shared,
      ...(options.householdsPerCommittee === undefined
        ? {}
        : { householdsPerCommittee: options.householdsPerCommittee }),
      progress: (done, total, step) =>
        options.onProgress?.(step ? `${part.name} (${step})` : part.name, done, total),
    });
    seconds[part.name] = (performance.now() - started) / 1000;
  }
  // The planner must know the tables' new sizes before the first page is served.
  const started = performance.now();
  await refreshStatistics(services.database);
  seconds.analyze = (performance.now() - started) / 1000;
  return { parts: SCENARIO_PARTS.map((p) => p.name), seconds };
}
