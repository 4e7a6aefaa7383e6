// The planning API's views, as the service returns them and the web app reads them (type-only
// imports from web/src/planning): no runtime imports here, so the browser bundle takes none.

/** A stage of a solve, reported as progress. */
export type PlanSolvePhase = 'assembling' | 'fulfilment' | 'labour' | 'done';

/** Kinds of final-demand target. */
export const TARGET_KINDS = Object.freeze(['consumption', 'investment', 'reserves'] as const);
/** A kind of final-demand target: household consumption (from entitlements), investment, reserves. */
export type TargetKind = (typeof TARGET_KINDS)[number];
/** Kinds a council enters by hand (consumption comes from the supply committees). */
export const COUNCIL_TARGET_KINDS = Object.freeze(['investment', 'reserves'] as const);

/** draft → before-assembly → adopting → adopted | rejected */
export type PlanStatus = 'draft' | 'before-assembly' | 'adopting' | 'adopted' | 'rejected';

/** A new quantity for one (product, kind) target; whole units of the product per plan period. */
export interface TargetChange {
  readonly productId: string;
  readonly kind: TargetKind;
  readonly quantity: number;
}

/** A product's targets, whole units per plan period. */
export interface TargetRow {
  readonly productId: string;
  readonly consumption: number;
  readonly investment: number;
  readonly reserves: number;
}

/** A supply good no catalogue product stands for: shown, not planned. */
export interface UnmappedGood {
  readonly code: string;
  readonly name: string;
  readonly unit: string;
  /** Units due over the period, summed over every supply committee. */
  readonly units: number;
}

/** A binding capacity. */
export interface BottleneckView {
  readonly productId: string;
  /** Share of the targets met when it binds (0…1). */
  readonly level: number;
  /** Rise of that share per extra unit of this product's capacity. */
  readonly shadowPrice: number;
}

/** What a solve found, products named by id. */
export type PlanOutcome =
  | {
      readonly status: 'planned';
      /**
       * Largest θ with θ·d producible within capacities (≥ 1: every target can be met); null
       * when no capacity limits the targets at all.
       */
      readonly theta: number | null;
      /** Labour needed, hours per plan period. */
      readonly labourHours: number;
      readonly products: {
        productId: string;
        /** Final demand, units per period. */
        target: number;
        /** Share of the target met. */
        level: number;
        /** Gross output, units per period. */
        output: number;
        /** null: no workplace registers a capacity (made outside the register). */
        capacity: number | null;
        /** Hours per unit (direct labour of the techniques). */
        labourPerUnit: number;
      }[];
      readonly bottlenecks: BottleneckView[];
    }
  /** The techniques use more than they make in a cycle: no plan exists. */
  | { readonly status: 'non-productive'; readonly productIds: string[]; readonly reason: string }
  | { readonly status: 'not-converged'; readonly reason: string }
  | { readonly status: 'invalid-input'; readonly productId: string | null; readonly message: string };

/** A solve job. */
export interface SolveView {
  readonly id: string;
  readonly planId: string;
  readonly status: 'solving' | 'solved' | 'failed';
  /** While solving in this process: the stage and fraction done. */
  readonly progress: { phase: PlanSolvePhase; fraction: number } | null;
  readonly outcome: PlanOutcome | null;
  readonly error: string | null;
  readonly solveMs: number | null;
  readonly startedAt: string;
  readonly finishedAt: string | null;
}

/** What an amendment changes, against the plan it amends: both solved before the vote. */
export interface Consequences {
  /** Hours per plan period, amended minus current. */
  readonly labourHoursDelta: number;
  readonly thetaBefore: number | null;
  readonly thetaAfter: number | null;
  readonly newBottlenecks: BottleneckView[];
  readonly removedBottlenecks: BottleneckView[];
  /** Gross outputs that change by more than half a unit. */
  readonly outputChanges: { productId: string; before: number; after: number }[];
}

/** An amendment to the plan's targets. */
export interface AmendmentView {
  readonly id: string;
  readonly motionId: string;
  readonly changes: TargetChange[];
  readonly solve: SolveView;
  /** null until both solves are done (or one of them found no plan). */
  readonly consequences: Consequences | null;
  readonly createdAt: string;
}

/** A workplace's quota in an adopted plan. */
export interface QuotaView {
  readonly workplaceId: string;
  readonly productId: string;
  /** Whole units per plan period. */
  readonly quantity: number;
  readonly capacity: number;
}

/** A plan as presented. */
export interface PlanView {
  readonly id: string;
  readonly bodyId: string;
  readonly period: string;
  readonly title: string;
  readonly status: PlanStatus;
  readonly motionId: string | null;
  readonly targets: TargetRow[];
  readonly unmappedGoods: UnmappedGood[];
  /** The solve of the current targets (the adopted one once adopted). */
  readonly solve: SolveView | null;
  readonly amendments: AmendmentView[];
  readonly quotas: QuotaView[];
  readonly error: string | null;
  readonly createdAt: string;
  readonly adoptedAt: string | null;
}

/** A plan in a list: the plan without its targets, solve, amendments and quotas. */
export type PlanHead = Omit<PlanView, 'targets' | 'amendments' | 'quotas' | 'solve' | 'unmappedGoods'>;

/** A workplace's quota in an adopted plan, with the plan it comes from. */
export interface WorkplaceQuotaView {
  readonly planId: string;
  readonly period: string;
  readonly title: string;
  readonly productId: string;
  /** Whole units per plan period. */
  readonly quantity: number;
  readonly capacity: number;
}

/** Reports against quotas. */
export interface FulfilmentView {
  readonly planId: string;
  readonly period: string;
  readonly from: string;
  readonly to: string;
  /** Share of the period's days gone by (0…1): where a steady pace would stand today. */
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
