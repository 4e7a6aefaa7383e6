import type { PersonPrincipal } from '../identity/principal.js';
import { nextQuarter, quarterOf } from '../planning/plan-period.js';
import { BODIES_BY_NAME } from './councils.scenario.js';
import { DEMO_PEOPLE } from './identity.scenario.js';
import type { ScenarioPart } from './scenario.js';

const SYSTEM = { kind: 'system', name: 'scenario' } as const;

/**
 * Products standing for the JAP basket's goods (same codes as the supply part's goods, so the
 * entitlements become consumption targets). No registered workplace makes them yet: the plan
 * treats them as made outside the register (uncapped, no labour recorded).
 */
const BASKET_PRODUCTS = [
  { code: 'milk', name: 'Leche', unit: 'l', category: 'alimentos', basicGood: true },
  { code: 'sugar', name: 'Azúcar', unit: 'kg', category: 'alimentos', basicGood: true },
  { code: 'oil', name: 'Aceite', unit: 'l', category: 'alimentos', basicGood: true },
] as const;

/**
 * Investment and reserve targets of the regional council for a quarter, as a share of the
 * products' quarterly capacity (daily output × 26 days × 1.15 × 3 months in the production part):
 * pasta and cloth slightly above it, so that they bind.
 */
const COUNCIL_TARGETS: { code: string; kind: 'investment' | 'reserves'; share: number }[] = [
  { code: 'ALI-FIDEO', kind: 'reserves', share: 1.04 },
  { code: 'ALI-CONS', kind: 'reserves', share: 0.8 },
  { code: 'TEX-TELA', kind: 'investment', share: 1.02 },
  { code: 'MET-CABLE', kind: 'investment', share: 0.9 },
  { code: 'MET-PIEZA', kind: 'investment', share: 0.85 },
  { code: 'CON-LOZA', kind: 'investment', share: 0.7 },
  { code: 'HOG-COC', kind: 'investment', share: 0.6 },
];

function actingAs(personId: string): PersonPrincipal {
  return {
    kind: 'person',
    accountId: '',
    personId,
    username: '',
    displayName: '',
    isAdmin: false,
    locale: 'es',
    sessionId: '',
    csrfToken: '',
  };
}

/**
 * Planning: an adopted plan for the past quarter, with quotas issued to the workplaces (the
 * regional delegate drafts it from the JAPs' entitlements, enters the council's targets, proposes
 * it, votes and — as chair of the assembly — closes the vote), and a draft for the next quarter
 * before the assembly with one open amendment, solved. City scale only: the country has no JAPs.
 */
export const planningScenario: ScenarioPart = {
  name: 'planning',
  async load(context) {
    if (context.scale === 'country') return;
    const { planning, production, councils, clock } = context.services;
    const bodies = context.shared.get(BODIES_BY_NAME) as Map<string, string> | undefined;
    const demo = context.shared.get(DEMO_PEOPLE) as Map<string, string> | undefined;
    const nation = bodies?.get('Asamblea Popular Nacional');
    const region = bodies?.get('Consejo Regional Metropolitano');
    const carmenId = demo?.get('carmen');
    if (!nation || !region || !carmenId) return;
    const carmen = actingAs(carmenId);
    const total = 6;
    let done = 0;
    const step = () => context.progress(++done, total);

    const existing = new Set((await production.register.listProducts()).map((p) => p.code));
    for (const p of BASKET_PRODUCTS)
      if (!existing.has(p.code)) await production.register.createProduct(SYSTEM, p);
    const products = new Map((await production.register.listProducts()).map((p) => [p.code, p.id]));
    // the production part records one month of capacity per workplace: their sum per product
    const monthly = new Map<string, number>();
    for (const w of await production.register.listWorkplaces())
      for (const c of await production.register.capacities(w.id))
        monthly.set(c.productId, (monthly.get(c.productId) ?? 0) + c.quantity);
    const items = COUNCIL_TARGETS.flatMap((t) => {
      const productId = products.get(t.code);
      const cap = productId ? monthly.get(productId) : undefined;
      return productId && cap ? [{ productId, kind: t.kind, quantity: Math.round(cap * 3 * t.share) }] : [];
    });
    step();

    const current = quarterOf(clock.now());
    const [y, q] = current.split('-Q').map(Number) as [number, number];
    const past = q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`;
    const plans = planning.plans;

    const adopted = await plans.draftFromEntitlements(carmen, {
      bodyId: nation,
      period: past,
      title: `Plan del trimestre ${past}`,
    });
    await plans.setTargets(carmen, adopted.id, { bodyId: region, items });
    await plans.idle();
    const { motionId } = await plans.propose(carmen, adopted.id);
    await councils.motions.vote(carmen, motionId!, 'for');
    await councils.motions.close(carmen, motionId!);
    await plans.adopt(carmen, adopted.id);
    await plans.idle();
    step();

    const next = nextQuarter(current);
    const draft = await plans.draftFromEntitlements(carmen, {
      bodyId: nation,
      period: next,
      title: `Plan del trimestre ${next}`,
    });
    await plans.setTargets(carmen, draft.id, { bodyId: region, items });
    await plans.idle();
    step();
    await plans.propose(carmen, draft.id);
    step();
    // an amendment raising the copper cable investment past capacity: more labour, a new bottleneck
    const cable = items.find((i) => i.productId === products.get('MET-CABLE'));
    if (cable)
      await plans.amend(carmen, draft.id, {
        title: 'Enmienda: más cable de cobre para la electrificación rural',
        changes: [{ ...cable, quantity: Math.round(cable.quantity * 1.25) }],
      });
    await plans.idle();
    step();
    step();
  },
};
