import type { AuditService, CommandMeta } from '../audit/audit.service.js';
import { AppError, invalid } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { CouncilsService } from '../councils/councils.service.js';
import type { Database } from '../db/database.js';
import * as store from './land.store.js';
import { landDb } from './land-db.js';
import type { LandActor, LandSeams } from './land-seams.js';
import type { ParcelView } from './land-views.js';
import { isDate } from './parcel-input.js';
import { checkTransition, type ParcelStatus } from './parcel-transitions.js';
import { landMeta, parcelView } from './parcels.service.js';

/** Body kinds a parcel may be assigned to: base bodies of the people who work the land. */
export const ASSIGNABLE_KINDS = Object.freeze([
  'peasant-committee',
  'community',
  'co-operative',
  'workplace-assembly',
]);

/** A requested status move. */
export interface TransitionInput {
  to: ParcelStatus;
  /** Date YYYY-MM-DD from which the new status holds; not before the current status's date. */
  since: string;
  /** The body that decided the move; the caller must be its chair or secretary. */
  decidingBodyId: string;
  /** The deciding body's adopted motion; required where `PARCEL_TRANSITIONS` says so. */
  motionId?: string | null;
  /** For `assigned`: the base body that will work the parcel. */
  assignedBodyId?: string | null;
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e.code === '23505' || /UNIQUE constraint failed/.test(e.message ?? '');
}

const alreadyAssigned = () =>
  new AppError('parcel-already-assigned', { field: 'body.to', params: { field: 'body.to' } });

/**
 * Status moves of parcels (occupy, expropriate, assign, return) under `PARCEL_TRANSITIONS`.
 * Every move names its deciding body, and only that body's chair or secretary may record it
 * (others get 403, also for unknown bodies). A cited motion must be an adopted motion of that
 * body. The move is a compare-and-set on the parcel's status and an assignment takes the
 * parcel's one UNIQUE active-assignment slot, so of two concurrent assignments exactly one wins
 * and the other gets 409 `parcel-already-assigned`.
 */
export class TransitionsService {
  constructor(
    private readonly database: Database,
    private readonly audit: AuditService,
    private readonly councils: CouncilsService,
    private readonly seams: LandSeams,
  ) {}

  /**
   * Moves a parcel to a new status.
   *
   * @example await land.transitions.move(officer, parcelId, { to: 'expropriated', since: '1971-06-01', decidingBodyId: councilId, motionId });
   */
  async move(
    actor: LandActor,
    parcelId: string,
    input: TransitionInput,
    meta: CommandMeta = landMeta(actor),
  ): Promise<ParcelView> {
    const parcel = await store.findParcel(landDb(this.database.db), parcelId);
    if (!parcel) throw new AppError('not-found', { field: 'params.id', params: { field: 'parcel' } });
    if (actor.kind !== 'system') await this.councils.assertMay(actor, 'body.manage', input.decidingBodyId);
    if (!isDate(input.since))
      throw invalid('body.since', { en: 'must be a date YYYY-MM-DD', es: 'debe ser una fecha AAAA-MM-DD' });
    if (input.since < parcel.status_since)
      throw invalid('body.since', {
        en: `must not be before ${parcel.status_since}, when the current status began`,
        es: `no puede ser anterior a ${parcel.status_since}, cuando comenzó el estado actual`,
      });
    const assignedBodyId = input.assignedBodyId ?? null;
    if (input.to === 'assigned' && assignedBodyId === null)
      throw invalid('body.assignedBodyId', {
        en: 'is required to assign a parcel',
        es: 'es obligatorio para asignar una parcela',
      });
    if (input.to !== 'assigned' && assignedBodyId !== null)
      throw invalid('body.assignedBodyId', {
        en: 'is only given when assigning',
        es: 'solo se indica al asignar',
      });
    const motionId = input.motionId ?? null;
    const from = parcel.status as ParcelStatus;
    if (from === 'assigned' && input.to === 'assigned') throw alreadyAssigned();
    const verdict = checkTransition(from, input.to, motionId !== null);
    if (verdict.status === 'forbidden')
      throw new AppError('parcel-transition-forbidden', {
        field: 'body.to',
        params: { field: 'body.to', from, to: input.to },
      });
    if (verdict.status === 'motion-required')
      throw new AppError('parcel-motion-required', {
        field: 'body.motionId',
        params: { field: 'body.motionId', from, to: input.to },
      });
    if (motionId !== null && actor.kind !== 'system') {
      const motion = await this.seams.motionOf(actor, motionId);
      if (!motion || motion.bodyId !== input.decidingBodyId || !motion.adopted)
        throw new AppError('not-eligible', {
          field: 'body.motionId',
          params: {
            field: 'body.motionId',
            reason: {
              en: 'is not an adopted motion of the deciding body',
              es: 'no es una moción aprobada del órgano que decide',
            },
          },
        });
    }
    if (assignedBodyId !== null) {
      const kind = await this.seams.bodyKindOf(assignedBodyId);
      if (kind === null)
        throw new AppError('not-found', {
          field: 'body.assignedBodyId',
          params: { field: 'body.assignedBodyId' },
        });
      if (!ASSIGNABLE_KINDS.includes(kind))
        throw invalid('body.assignedBodyId', {
          en: `must be a base body that works land (${ASSIGNABLE_KINDS.join(', ')}), not a ${kind}`,
          es: `debe ser un órgano de base que trabaje la tierra (${ASSIGNABLE_KINDS.join(', ')}), no un ${kind}`,
        });
    }
    return this.audit.runCommand(meta, async (c) => {
      const db = landDb(c.trx);
      const to = { status: input.to, since: input.since, assignedBodyId };
      if (!(await store.moveParcel(db, parcel.id, from, to))) {
        // another command moved it between our read and this write
        const now = await store.findParcel(db, parcel.id);
        if (now?.status === 'assigned' && input.to === 'assigned') throw alreadyAssigned();
        throw new AppError('parcel-transition-forbidden', {
          field: 'body.to',
          params: { field: 'body.to', from: now?.status ?? from, to: input.to },
        });
      }
      if (from === 'assigned') await store.endAssignment(db, parcel.id, input.since);
      if (assignedBodyId !== null) {
        try {
          await store.insertAssignment(db, {
            id: newId(),
            parcel_id: parcel.id,
            body_id: assignedBodyId,
            since: input.since,
            until: null,
            active_parcel_id: parcel.id,
            motion_id: motionId,
            recorded_at: c.now,
          });
        } catch (error) {
          if (isUniqueViolation(error)) throw alreadyAssigned();
          throw error;
        }
      }
      await store.addStatus(db, {
        id: newId(),
        parcel_id: parcel.id,
        status: input.to,
        since: input.since,
        deciding_body_id: input.decidingBodyId,
        motion_id: motionId,
        recorded_at: c.now,
      });
      c.record({
        action: `land.parcel-${input.to}`,
        subjectType: 'parcel',
        subjectId: parcel.id,
        payload: {
          from,
          to: input.to,
          since: input.since,
          decidingBodyId: input.decidingBodyId,
          motionId,
          assignedBodyId,
        },
      });
      return parcelView({
        ...parcel,
        status: input.to,
        status_since: input.since,
        assigned_body_id: assignedBodyId,
      });
    });
  }
}
