// The overview API's view, as the service returns it and the web app reads it (type-only imports
// from web/src/overview: nothing here imports runtime code).

/** The whole deployment at a glance: one figure per turning point of the loop. */
export interface Overview {
  readonly at: string;
  readonly councils: {
    readonly bodies: Record<string, number>;
    readonly seatedDelegates: number;
    readonly petitions: Record<string, number>;
  };
  readonly production: {
    readonly workplaces: Record<string, number>;
    readonly alerts: Record<string, number>;
    /** Unresolved alerts by level: "0" workplace, "1" cordón, "2" region, "3" nation. */
    readonly openAlertsByLevel: Record<string, number>;
  };
  readonly supply: {
    readonly households: number;
    readonly week: string;
    readonly claimsThisWeek: number;
    readonly lastWeek: string;
    readonly claimsLastWeek: number;
    readonly priceReports: Record<string, number>;
    readonly resupply: Record<string, number>;
  };
  readonly logistics: {
    readonly vehicles: Record<string, number>;
    readonly shipments: Record<string, number>;
  };
  readonly land: { readonly parcels: Record<string, number> };
  /** Plans per status (draft, before-assembly, adopting, adopted, rejected). */
  readonly planning: { readonly plans: Record<string, number> };
  readonly tour: TourAnchors;
}

/** Ids the guided tour links to: one interesting record of each kind, or null when there is none. */
export interface TourAnchors {
  /** The workplace whose open alert climbed highest. */
  readonly alertWorkplaceId: string | null;
  /** The body whose board holds that alert now. */
  readonly alertBodyId: string | null;
  /** A cordón (the first by name). */
  readonly cordonId: string | null;
  /** A supply committee with households (the first by name). */
  readonly committeeId: string | null;
  /** The latest route plan. */
  readonly routePlanId: string | null;
  /** The plan before the assembly now, else the latest adopted one. */
  readonly planId: string | null;
  /** The body of the latest recall petition that recalled a delegate. */
  readonly recallBodyId: string | null;
}
