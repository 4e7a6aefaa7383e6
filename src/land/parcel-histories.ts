import { newId } from '../core/ids.js';
import type { LandTables } from './land.tables.js';
import type { CheckedParcel } from './parcel-input.js';
import { checkTransition, type ParcelStatus } from './parcel-transitions.js';

/** A parcel with a whole history, as a scenario or a migration of old records provides it. */
export interface ParcelHistory {
  readonly parcel: CheckedParcel;
  /** Moves after the parcel's initial status, in date order; each must be allowed by the table. */
  readonly moves: readonly {
    to: ParcelStatus;
    since: string;
    decidingBodyId: string;
    motionId?: string | null;
    assignedBodyId?: string | null;
  }[];
  /** Harvests while assigned (to the body assigned at the time of the last move). */
  readonly harvests: readonly { productCode: string; quantityKg: number; harvestedOn: string }[];
}

/** The rows of many parcel histories, ready for bulk insert. */
export interface HistoryRows {
  parcels: LandTables['parcels'][];
  statuses: LandTables['parcel_statuses'][];
  assignments: LandTables['parcel_assignments'][];
  harvests: LandTables['harvests'][];
  moves: LandTables['harvest_stock_moves'][];
}

/**
 * Turns histories into table rows, holding each to the rules the live service applies: every
 * move allowed by `PARCEL_TRANSITIONS` (motion where required), dates never going back, an
 * assigned body for every assignment, harvests only while assigned. A history that breaks
 * them is a bug of its producer (an exception, not an outcome).
 */
export function historyRows(histories: readonly ParcelHistory[], at: string): HistoryRows {
  const out: HistoryRows = { parcels: [], statuses: [], assignments: [], harvests: [], moves: [] };
  for (const h of histories) {
    const p = h.parcel;
    const id = newId();
    let status: ParcelStatus = p.status;
    let since = p.since;
    let assigned: string | null = null;
    let assignment: LandTables['parcel_assignments'] | null = null;
    let lastBody: string | null = null;
    out.statuses.push({
      id: newId(),
      parcel_id: id,
      status,
      since,
      deciding_body_id: null,
      motion_id: null,
      recorded_at: at,
    });
    for (const m of h.moves) {
      const verdict = checkTransition(status, m.to, (m.motionId ?? null) !== null);
      if (verdict.status !== 'allowed' || m.since < since)
        throw new Error(`${p.name}: ${status} → ${m.to} on ${m.since}`);
      if (assignment) {
        assignment.until = m.since;
        assignment.active_parcel_id = null;
        assignment = null;
      }
      assigned = m.to === 'assigned' ? (m.assignedBodyId ?? null) : null;
      if (m.to === 'assigned') {
        if (assigned === null) throw new Error(`${p.name}: assigned to nobody`);
        assignment = {
          id: newId(),
          parcel_id: id,
          body_id: assigned,
          since: m.since,
          until: null,
          active_parcel_id: id,
          motion_id: m.motionId ?? null,
          recorded_at: at,
        };
        out.assignments.push(assignment);
        lastBody = assigned;
      }
      status = m.to;
      since = m.since;
      out.statuses.push({
        id: newId(),
        parcel_id: id,
        status,
        since,
        deciding_body_id: m.decidingBodyId,
        motion_id: m.motionId ?? null,
        recorded_at: at,
      });
    }
    for (const harvest of h.harvests) {
      const body = lastBody;
      if (body === null) throw new Error(`${p.name}: harvest unassigned`);
      const harvestId = newId();
      out.harvests.push({
        id: harvestId,
        parcel_id: id,
        body_id: body,
        product_code: harvest.productCode,
        quantity_kg: harvest.quantityKg,
        harvested_on: harvest.harvestedOn,
        reported_at: at,
        reported_by: null,
      });
      out.moves.push({
        id: newId(),
        body_id: body,
        product_code: harvest.productCode,
        delta_kg: harvest.quantityKg,
        kind: 'harvest',
        ref_id: harvestId,
        at,
      });
    }
    out.parcels.push({
      id,
      name: p.name,
      region: p.region,
      land_class: p.landClass,
      area_ares: p.areaAres,
      boundary: p.boundary === null ? null : JSON.stringify(p.boundary),
      previous_owner: p.previousOwner,
      status,
      status_since: since,
      assigned_body_id: assigned,
      registered_by_body_id: null,
      created_at: at,
    });
  }
  return out;
}
