import type { AuditService, CommandMeta, CommandScope } from '../audit/audit.service.js';
import { AppError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { Database } from '../db/database.js';
import type { Tables } from '../db/tables.js';
import type { Principal } from '../identity/principal.js';
import type { PetitionView, SignOutcome, VacatedSeat, WithdrawOutcome } from './council-views.js';
import { type CouncilsService, metaOf } from './councils.service.js';
import * as store from './councils.store.js';
import * as recallStore from './recall.store.js';
import { recallThreshold } from './recall-threshold.js';
import { vacateSeat } from './vacate-seat.js';

const petitionField = { field: 'params.petitionId', params: { field: 'params.petitionId' } };

/**
 * Recall: any constituent opens a petition against a delegate of their body; constituents sign
 * once each and may withdraw while it is open; the signature that reaches the threshold vacates
 * the seat at once (see `vacateSeat`). Delegates may resign.
 */
export class RecallService {
  constructor(
    private readonly database: Database,
    private readonly audit: AuditService,
    private readonly councils: CouncilsService,
  ) {}

  /**
   * Opens a petition against the holder of `seatId` (a live seat held for `bodyId`) and signs it
   * for the opener. Where one is already open against the seat, signs that one.
   */
  async open(principal: Principal, bodyId: string, seatId: string, meta?: CommandMeta): Promise<SignOutcome> {
    await this.councils.assertMay(principal, 'body.sign-petition', bodyId);
    const seat = await store.findSeat(this.database.db, seatId);
    if (!seat || seat.constituency_id !== bodyId || seat.vacated_at !== null || !seat.holder_person_id) {
      throw new AppError('not-found', { field: 'body.seatId', params: { field: 'body.seatId' } });
    }
    return this.audit.runCommand(metaOf(principal, meta), async (c) => {
      let petition = await recallStore.openPetitionFor(c.trx, seatId);
      if (!petition) {
        petition = {
          id: newId(),
          body_id: bodyId,
          council_id: seat.council_id,
          seat_id: seatId,
          delegate_person_id: seat.holder_person_id!,
          opened_by: principal.kind === 'person' ? principal.personId : '',
          opened_at: c.now,
          status: 'open',
          signature_count: 0,
          closed_at: null,
        };
        await recallStore.insertPetition(c.trx, petition);
        c.record({
          action: 'councils.petition-opened',
          subjectType: 'petition',
          subjectId: petition.id,
          scopeBodyId: bodyId,
          payload: { seatId, delegatePersonId: seat.holder_person_id },
        });
      }
      return this.signIn(c, principal, petition);
    });
  }

  /** Signs an open petition; at the threshold the delegate is recalled in the same command. */
  async sign(principal: Principal, petitionId: string, meta?: CommandMeta): Promise<SignOutcome> {
    const petition = await this.visiblePetition(principal, petitionId, 'body.sign-petition');
    return this.audit.runCommand(metaOf(principal, meta), async (c) => this.signIn(c, principal, petition));
  }

  private async signIn(
    c: CommandScope,
    principal: Principal,
    petition: Tables['recall_petitions'],
  ): Promise<SignOutcome> {
    if (principal.kind !== 'person') throw new AppError('forbidden');
    const fresh = await recallStore.insertSignature(c.trx, {
      petition_id: petition.id,
      person_id: principal.personId,
      signed_at: c.now,
    });
    // Every step below is a primary-key lookup or update: signing costs the same in a body of 100
    // as of 100,000 (the member count is kept, never counted).
    const signatures = await recallStore.bumpSignatures(c.trx, petition.id, fresh ? 1 : 0);
    if (signatures === null) throw new AppError('petition-closed', petitionField);
    if (!fresh) throw new AppError('already-signed', petitionField);
    const settings = await store.settingsOf(c.trx, petition.body_id);
    const needed = recallThreshold(Number(settings?.member_count ?? 0), settings?.recall_share_pct ?? 50);
    c.record({
      action: 'councils.petition-signed',
      subjectType: 'petition',
      subjectId: petition.id,
      scopeBodyId: petition.body_id,
      payload: { signatures, needed },
    });
    if (signatures < needed)
      return { status: 'signature-recorded', petitionId: petition.id, signatures, needed };
    const seat = await store.findSeat(c.trx, petition.seat_id);
    const vacated = seat ? await vacateSeat(c, seat, 'recalled') : null;
    if (!vacated) throw new AppError('petition-closed', petitionField);
    return { status: 'recalled', petitionId: petition.id, signatures, needed, vacated };
  }

  /** Withdraws the person's signature from an open petition. */
  async withdraw(principal: Principal, petitionId: string, meta?: CommandMeta): Promise<WithdrawOutcome> {
    const petition = await this.visiblePetition(principal, petitionId, 'body.sign-petition');
    if (principal.kind !== 'person') throw new AppError('forbidden');
    return this.audit.runCommand(metaOf(principal, meta), async (c) => {
      const removed = await recallStore.deleteSignature(c.trx, petitionId, principal.personId);
      const signatures = await recallStore.bumpSignatures(c.trx, petitionId, removed ? -1 : 0);
      if (signatures === null) throw new AppError('petition-closed', petitionField);
      if (!removed) throw new AppError('not-found', { field: 'signature', params: { field: 'signature' } });
      const settings = await store.settingsOf(c.trx, petition.body_id);
      const needed = recallThreshold(Number(settings?.member_count ?? 0), settings?.recall_share_pct ?? 50);
      c.record({
        action: 'councils.petition-signature-withdrawn',
        subjectType: 'petition',
        subjectId: petitionId,
        scopeBodyId: petition.body_id,
        payload: { signatures, needed },
      });
      return { status: 'signature-withdrawn', petitionId, signatures, needed };
    });
  }

  /** A petition's state, for members of its body. */
  async petition(principal: Principal, petitionId: string): Promise<PetitionView> {
    const petition = await this.visiblePetition(principal, petitionId, 'body.view');
    return this.view(principal, petition);
  }

  /** Petitions of a body, newest first. */
  async petitions(principal: Principal, bodyId: string): Promise<PetitionView[]> {
    await this.councils.assertMay(principal, 'body.view', bodyId);
    const rows = await recallStore.petitionsOf(this.database.db, bodyId);
    return Promise.all(rows.map((p) => this.view(principal, p)));
  }

  /** The delegate gives up their seat; a by-election opens. Only the holder may. */
  async resign(principal: Principal, seatId: string, meta?: CommandMeta): Promise<VacatedSeat> {
    const seat = await store.findSeat(this.database.db, seatId);
    if (
      principal.kind !== 'person' ||
      !seat ||
      seat.holder_person_id !== principal.personId ||
      seat.vacated_at !== null
    ) {
      throw new AppError('forbidden');
    }
    return this.audit.runCommand(metaOf(principal, meta), async (c) => {
      const vacated = await vacateSeat(c, seat, 'resigned');
      if (!vacated) throw new AppError('forbidden');
      return vacated;
    });
  }

  private async visiblePetition(
    principal: Principal,
    petitionId: string,
    action: 'body.view' | 'body.sign-petition',
  ): Promise<Tables['recall_petitions']> {
    const petition = await recallStore.findPetition(this.database.db, petitionId);
    // An unknown petition and another body's petition answer alike.
    if (!petition || !(await this.councils.may(principal, action, petition.body_id))) {
      throw new AppError('forbidden');
    }
    return petition;
  }

  private async view(principal: Principal, p: Tables['recall_petitions']): Promise<PetitionView> {
    const db = this.database.db;
    const settings = await store.settingsOf(db, p.body_id);
    return {
      id: p.id,
      bodyId: p.body_id,
      councilId: p.council_id,
      seatId: p.seat_id,
      delegatePersonId: p.delegate_person_id,
      openedAt: p.opened_at,
      status: p.status,
      signatures: Number(p.signature_count),
      needed: recallThreshold(Number(settings?.member_count ?? 0), settings?.recall_share_pct ?? 50),
      closedAt: p.closed_at,
      signedByMe: principal.kind === 'person' && (await recallStore.hasSigned(db, p.id, principal.personId)),
    };
  }
}
