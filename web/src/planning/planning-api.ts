/** Shapes of the planning API (`src/planning/plans.schema.ts`). Quantities: whole units of the product per plan period. */

export interface Bottleneck {
  readonly productId: string;
  readonly level: number;
  readonly shadowPrice: number;
}

export type Outcome =
  | {
      readonly status: 'planned';
      readonly theta: number | null;
      readonly labourHours: number;
      readonly products: {
        productId: string;
        target: number;
        level: number;
        output: number;
        capacity: number | null;
        labourPerUnit: number;
      }[];
      readonly bottlenecks: Bottleneck[];
    }
  | { readonly status: 'non-productive'; readonly productIds: string[]; readonly reason: string }
  | { readonly status: 'not-converged'; readonly reason: string }
  | { readonly status: 'invalid-input'; readonly productId: string | null; readonly message: string };

export interface Solve {
  readonly id: string;
  readonly status: 'solving' | 'solved' | 'failed';
  readonly progress: { phase: string; fraction: number } | null;
  readonly outcome: Outcome | null;
  readonly error: string | null;
  readonly solveMs: number | null;
}

export interface TargetChange {
  readonly productId: string;
  readonly kind: 'consumption' | 'investment' | 'reserves';
  readonly quantity: number;
}

export interface Amendment {
  readonly id: string;
  readonly motionId: string;
  readonly changes: TargetChange[];
  readonly solve: Solve;
  readonly consequences: {
    labourHoursDelta: number;
    thetaBefore: number | null;
    thetaAfter: number | null;
    newBottlenecks: Bottleneck[];
    removedBottlenecks: Bottleneck[];
    outputChanges: { productId: string; before: number; after: number }[];
  } | null;
}

export interface PlanHead {
  readonly id: string;
  readonly bodyId: string;
  readonly period: string;
  readonly title: string;
  readonly status: 'draft' | 'before-assembly' | 'adopting' | 'adopted' | 'rejected';
  readonly motionId: string | null;
  readonly error: string | null;
  readonly createdAt: string;
  readonly adoptedAt: string | null;
}

export interface Plan extends PlanHead {
  readonly targets: { productId: string; consumption: number; investment: number; reserves: number }[];
  readonly unmappedGoods: { code: string; name: string; unit: string; units: number }[];
  readonly solve: Solve | null;
  readonly amendments: Amendment[];
  readonly quotas: { workplaceId: string; productId: string; quantity: number; capacity: number }[];
}

export interface Fulfilment {
  readonly period: string;
  readonly elapsed: number;
  readonly workplaces: {
    workplaceId: string;
    name: string;
    cordonId: string | null;
    productId: string;
    quota: number;
    reported: number;
  }[];
  readonly cordones: {
    cordonId: string | null;
    name: string;
    productId: string;
    quota: number;
    reported: number;
  }[];
  readonly products: { productId: string; quota: number; reported: number }[];
}

/** A motion as the councils API gives it (only what the plan page reads). */
export interface MotionState {
  readonly id: string;
  readonly status: string;
  readonly outcome: { status: string } | null;
  readonly amendments: { id: string; status: string; outcome: { status: string } | null }[];
}

export interface Product {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly unit: string;
}

export interface WorkplaceQuota {
  readonly planId: string;
  readonly period: string;
  readonly title: string;
  readonly productId: string;
  readonly quantity: number;
  readonly capacity: number;
}
