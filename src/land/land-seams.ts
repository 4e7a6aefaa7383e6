import type { Principal } from '../identity/principal.js';

/**
 * What the land area needs from the councils area that its public service does not offer yet
 * in this shape; wired in `land-area.ts` from `CouncilsService`, replaced by fakes in no test.
 */
export interface LandSeams {
  /** The body and outcome of a motion the principal may see; null when unknown or not visible. */
  motionOf(principal: Principal, motionId: string): Promise<{ bodyId: string; adopted: boolean } | null>;
  /** The kind of a body (`peasant-committee`, `cordon`…), or null when there is no such body. */
  bodyKindOf(bodyId: string): Promise<string | null>;
}

/** Who acts on the land register: a principal, or the system (CLI import, scenario) by name. */
export type LandActor = Principal | { readonly kind: 'system'; readonly name: string };
