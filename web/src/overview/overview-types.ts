/** `GET /api/overview`: counts per status or kind, as the server sends them. */
export interface Overview {
  at: string;
  councils: { bodies: Record<string, number>; seatedDelegates: number; petitions: Record<string, number> };
  production: {
    workplaces: Record<string, number>;
    alerts: Record<string, number>;
    openAlertsByLevel: Record<string, number>;
  };
  supply: {
    households: number;
    week: string;
    claimsThisWeek: number;
    lastWeek: string;
    claimsLastWeek: number;
    priceReports: Record<string, number>;
    resupply: Record<string, number>;
  };
  logistics: { vehicles: Record<string, number>; shipments: Record<string, number> };
  land: { parcels: Record<string, number> };
  planning: { plans: Record<string, number> };
  tour: {
    alertWorkplaceId: string | null;
    alertBodyId: string | null;
    cordonId: string | null;
    committeeId: string | null;
    routePlanId: string | null;
    recallBodyId: string | null;
    planId: string | null;
  };
}

/** One event of `GET /api/overview/chronicle`. */
export interface ChronicleEvent {
  seq: number;
  occurredAt: string;
  action: string;
  subjectType: string;
  subjectId: string;
  scopeBodyId: string | null;
  payload: Record<string, unknown>;
}

/** The sum of a record's counts. */
export function total(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}
