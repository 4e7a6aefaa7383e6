import type { Period } from './period.js';

/** Age bands members are registered in. */
export const AGE_BANDS = Object.freeze(['0-4', '5-14', '15-64', '65+'] as const);

/** One age band. */
export type AgeBand = (typeof AGE_BANDS)[number];

/** Categories a rule may apply to; a member may fall in several. */
export const RULE_CATEGORIES = Object.freeze([
  'everyone',
  'child',
  'adult',
  'elderly',
  'pregnant',
  'disability',
  'diet',
] as const);

/** One rule category. */
export type RuleCategory = (typeof RULE_CATEGORIES)[number];

/** What the rules need to know of a member. */
export interface MemberProfile {
  readonly ageBand: string;
  /** Needs, including the derived `child` (under 15) and `elderly` (65 and over). */
  readonly needs: readonly string[];
}

/** An entitlement rule: `quantity` units of a good per person per day or week, for a category. */
export interface EntitlementRule {
  readonly goodId: string;
  readonly category: string;
  /** Units of the good's stated unit per person per `per`. */
  readonly quantity: number;
  readonly per: 'day' | 'week' | string;
  /** Allocation priority group: smaller is served first under scarcity. */
  readonly priority: number;
}

/** What one household is due of one good in a period, split by priority group. */
export interface GoodDue {
  readonly units: number;
  /** Per priority group: units due and persons they are for (persons weigh the max-min). */
  readonly groups: Map<number, { units: number; persons: number }>;
}

/** The needs stored for a member: derived `child`/`elderly` from the age band plus the explicit ones. */
export function needsOf(ageBand: string, explicit: readonly string[]): string[] {
  const needs = new Set(explicit);
  if (ageBand === '0-4' || ageBand === '5-14') needs.add('child');
  if (ageBand === '65+') needs.add('elderly');
  return [...needs].sort();
}

/** True when a rule of `category` applies to the member. */
export function ruleApplies(category: string, member: MemberProfile): boolean {
  if (category === 'everyone') return true;
  if (category === 'adult') return !member.needs.includes('child');
  return member.needs.includes(category);
}

/**
 * Units a rule gives one person over a period: per day × days, or per week × weeks (a month gives
 * days/7 weeks, rounded to the nearest unit).
 *
 * @example unitsOver({ quantity: 500, per: 'day', … }, november) // → 15,000 mL of milk
 */
export function unitsOver(rule: Pick<EntitlementRule, 'quantity' | 'per'>, period: Period): number {
  return rule.per === 'day' ? rule.quantity * period.days : Math.round((rule.quantity * period.days) / 7);
}

/**
 * What a household is due per good in a period under the rules: the sum over members of every rule
 * that applies to them (rules add up: a pregnant adult gets the adult rule and the pregnancy rule).
 *
 * @example householdEntitlement([{ ageBand: '5-14', needs: ['child'] }], [milkForChildren], november)
 */
export function householdEntitlement(
  members: readonly MemberProfile[],
  rules: readonly EntitlementRule[],
  period: Period,
): Map<string, GoodDue> {
  const out = new Map<string, GoodDue>();
  for (const rule of rules) {
    const per = unitsOver(rule, period);
    let persons = 0;
    for (const m of members) if (ruleApplies(rule.category, m)) persons++;
    if (persons === 0) continue;
    let due = out.get(rule.goodId);
    if (!due) {
      due = { units: 0, groups: new Map() };
      out.set(rule.goodId, due);
    }
    (due as { units: number }).units += per * persons;
    const g = due.groups.get(rule.priority) ?? { units: 0, persons: 0 };
    g.units += per * persons;
    g.persons = Math.max(g.persons, persons);
    due.groups.set(rule.priority, g);
  }
  return out;
}
