import type { AuditService } from '../audit/audit.service.js';
import { AppError } from '../core/errors.js';
import type { CouncilsService } from '../councils/councils.service.js';
import type { Database } from '../db/database.js';
import { HarvestsService } from './harvests.service.js';
import type { LandSeams } from './land-seams.js';
import { ParcelsService } from './parcels.service.js';
import { TransitionsService } from './transitions.service.js';

/** The land area's services, as `services.land`. */
export interface LandArea {
  /** The register: parcels, history, ledger, exports, imports. */
  readonly parcels: ParcelsService;
  /** Occupy, expropriate, assign, return. */
  readonly transitions: TransitionsService;
  /** Harvest reports and the harvest stock (`harvestStock`). */
  readonly harvests: HarvestsService;
}

/**
 * The seams onto the councils area, from its public service: a motion through
 * `councils.motions.motion` (a 403 there means "not visible", answered as null) and a body's kind
 * from the public federation graph (councils has no single-body lookup without a principal yet).
 */
export function councilsSeams(councils: CouncilsService): LandSeams {
  return {
    async motionOf(principal, motionId) {
      try {
        const m = await councils.motions.motion(principal, motionId);
        return { bodyId: m.bodyId, adopted: m.outcome?.status === 'adopted' };
      } catch (error) {
        if (error instanceof AppError && (error.code === 'forbidden' || error.code === 'not-found'))
          return null;
        throw error;
      }
    },
    async bodyKindOf(bodyId) {
      const { bodies } = await councils.federation();
      return bodies.find((b) => b.id === bodyId)?.kind ?? null;
    },
  };
}

/**
 * Wires the land services.
 *
 * @example const land = createLandArea(database, audit, councils);
 */
export function createLandArea(database: Database, audit: AuditService, councils: CouncilsService): LandArea {
  const seams = councilsSeams(councils);
  return Object.freeze({
    parcels: new ParcelsService(database, audit, councils),
    transitions: new TransitionsService(database, audit, councils, seams),
    harvests: new HarvestsService(database, audit, councils),
  });
}
