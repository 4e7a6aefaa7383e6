/** Shapes of the planning API: the server's own views (`src/planning/plan-views.ts`), by the names the pages use. */
export type {
  AmendmentView as Amendment,
  BottleneckView as Bottleneck,
  FulfilmentView as Fulfilment,
  PlanHead,
  PlanOutcome as Outcome,
  PlanView as Plan,
  SolveView as Solve,
  WorkplaceQuotaView as WorkplaceQuota,
} from '../../../src/planning/plan-views.js';

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
