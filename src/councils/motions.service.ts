import { randomUUID } from 'node:crypto';
import type { AuditService, CommandMeta, CommandScope } from '../audit/audit.service.js';
import { AppError, invalid } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { Database } from '../db/database.js';
import type { Tables } from '../db/tables.js';
import type { Principal } from '../identity/principal.js';
import {
  type MotionChoice,
  type MotionOutcome,
  type MotionThreshold,
  type MotionVote,
  tallyMotion,
} from './core/tally-motion.js';
import type { MandateView, MotionView, VacatedSeat, VoteReceipt } from './council-views.js';
import { COUNCIL_KINDS, type CouncilsService, metaOf } from './councils.service.js';
import * as store from './councils.store.js';
import { minutesHtml } from './minutes-html.js';
import { type MinutesMotion, minutesMarkdown } from './minutes-markdown.js';
import * as motionStore from './motions.store.js';
import { seatWeights } from './seat-weights.js';
import { vacateSeat } from './vacate-seat.js';

// (re-exported: other areas import this area's service only)
export type { MotionView } from './council-views.js';

/** What a new motion says and how it is decided (rules default to the body's). */
export interface MotionInput {
  readonly title: string;
  readonly text: string;
  readonly threshold?: MotionThreshold;
  readonly quorum?: number | null;
  readonly abstentions?: 'excluded' | 'counted';
  /** Secret ballot: base bodies only; councils vote by open roll-call. */
  readonly secret?: boolean;
  readonly meetingId?: string | null;
  /** A recall motion: adopting it recalls the holder of this seat (held for this body). */
  readonly recallSeatId?: string | null;
}

/**
 * The decision on a motion: `tallyMotion`'s outcome (adopted / rejected with the numbers, or
 * no-quorum), the motion id, and — for an adopted recall motion — the vacated seat.
 */
export type MotionDecision = MotionOutcome & { readonly motionId: string; readonly recall?: VacatedSeat };

const motionField = { field: 'params.motionId', params: { field: 'params.motionId' } };

/**
 * Motions: proposals before a body with amendments (each decided before the motion), open
 * roll-call votes (delegates in councils, members in base bodies) or secret votes where a base
 * body's rules say, weighted voting as a council option, mandates and meetings with minutes.
 */
export class MotionsService {
  constructor(
    private readonly database: Database,
    private readonly audit: AuditService,
    private readonly councils: CouncilsService,
  ) {}

  /** Who may vote and propose in a body: its delegates in a council, its members in a base body. */
  private async assertVoter(principal: Principal, bodyId: string): Promise<boolean> {
    const council = await this.councils.isCouncil(bodyId);
    await this.councils.assertMay(principal, council ? 'council.vote' : 'body.vote', bodyId);
    return council;
  }

  private async visibleMotion(principal: Principal, motionId: string): Promise<Tables['motions']> {
    const m = await motionStore.findMotion(this.database.db, motionId);
    if (!m || !(await this.councils.maySee(principal, m.body_id))) throw new AppError('forbidden');
    return m;
  }

  /** Puts a motion before a body (a delegate in a council, a member in a base body). */
  async propose(
    principal: Principal,
    bodyId: string,
    input: MotionInput,
    meta?: CommandMeta,
  ): Promise<{ motionId: string }> {
    const council = await this.assertVoter(principal, bodyId);
    const rules = await this.councils.rules(bodyId);
    const secret = input.secret ?? rules.secretVotes;
    if (secret && council) {
      throw invalid('body.secret', {
        en: 'delegates vote by open roll-call, visible to their constituents',
        es: 'los delegados votan nominalmente, a la vista de sus bases',
      });
    }
    const db = this.database.db;
    if (input.recallSeatId) {
      const seat = await store.findSeat(db, input.recallSeatId);
      if (!seat || seat.constituency_id !== bodyId || seat.vacated_at !== null || !seat.holder_person_id) {
        throw new AppError('not-found', {
          field: 'body.recallSeatId',
          params: { field: 'body.recallSeatId' },
        });
      }
    }
    if (input.meetingId) {
      const meeting = await motionStore.findMeeting(db, input.meetingId);
      if (!meeting || meeting.body_id !== bodyId || meeting.closed_at !== null) {
        throw new AppError('not-found', { field: 'body.meetingId', params: { field: 'body.meetingId' } });
      }
    }
    return this.audit.runCommand(metaOf(principal, meta), async (c) => {
      const motionId = newId();
      await motionStore.insertMotion(c.trx, {
        id: motionId,
        body_id: bodyId,
        meeting_id: input.meetingId ?? null,
        parent_id: null,
        kind: input.recallSeatId ? 'recall' : 'ordinary',
        title: input.title,
        text: input.text,
        recall_seat_id: input.recallSeatId ?? null,
        threshold: input.threshold ?? rules.threshold,
        quorum: input.quorum === undefined ? rules.quorum : input.quorum,
        abstentions: input.abstentions ?? rules.abstentions,
        secret: secret ? 1 : 0,
        status: 'open',
        outcome: null,
        proposed_by: principal.kind === 'person' ? principal.personId : '',
        opened_at: c.now,
        closed_at: null,
      });
      c.record({
        action: 'councils.motion-proposed',
        subjectType: 'motion',
        subjectId: motionId,
        scopeBodyId: bodyId,
        payload: { title: input.title, kind: input.recallSeatId ? 'recall' : 'ordinary' },
      });
      return { motionId };
    });
  }

  /** Proposes an amendment: new text for an open motion, decided before it under the same rules. */
  async amend(
    principal: Principal,
    motionId: string,
    input: { title?: string; text: string },
    meta?: CommandMeta,
  ): Promise<{ motionId: string }> {
    const parent = await this.visibleMotion(principal, motionId);
    await this.assertVoter(principal, parent.body_id);
    if (parent.parent_id !== null)
      throw invalid('params.motionId', {
        en: 'an amendment cannot be amended',
        es: 'una enmienda no se enmienda',
      });
    return this.audit.runCommand(metaOf(principal, meta), async (c) => {
      const current = await motionStore.findMotion(c.trx, motionId);
      if (current?.status !== 'open') throw new AppError('voting-closed', motionField);
      const id = newId();
      await motionStore.insertMotion(c.trx, {
        ...current,
        id,
        parent_id: motionId,
        kind: 'amendment',
        recall_seat_id: null,
        title: input.title ?? `Enmienda: ${current.title}`,
        text: input.text,
        proposed_by: principal.kind === 'person' ? principal.personId : '',
        opened_at: c.now,
        outcome: null,
        closed_at: null,
      });
      c.record({
        action: 'councils.amendment-proposed',
        subjectType: 'motion',
        subjectId: id,
        scopeBodyId: current.body_id,
        payload: { motionId },
      });
      return { motionId: id };
    });
  }

  /**
   * Votes on an open motion or amendment, once. Councils: open roll-call by delegates, answered
   * with the constituency's mandate and whether the vote goes against it. Secret motions: the
   * participation and the choice go to separate tables.
   */
  async vote(
    principal: Principal,
    motionId: string,
    choice: MotionChoice,
    meta?: CommandMeta,
  ): Promise<VoteReceipt> {
    const m = await this.visibleMotion(principal, motionId);
    const council = await this.assertVoter(principal, m.body_id);
    if (principal.kind !== 'person') throw new AppError('forbidden');
    const mandate = council ? await this.mandateFor(principal.personId, m) : null;
    return this.audit.runCommand(metaOf(principal, meta), async (c) => {
      const current = await motionStore.findMotion(c.trx, motionId);
      if (current?.status !== 'open') throw new AppError('voting-closed', motionField);
      const secret = current.secret === 1;
      const fresh = secret
        ? await motionStore.insertParticipation(c.trx, motionId, principal.personId)
        : await motionStore.insertVote(c.trx, {
            motion_id: motionId,
            person_id: principal.personId,
            choice,
            cast_at: c.now,
            withdrawn_at: null,
            withdrawn_reason: null,
          });
      if (!fresh) throw new AppError('already-voted', motionField);
      if (secret)
        await motionStore.insertSecretVote(c.trx, { id: randomUUID(), motion_id: motionId, choice });
      const againstMandate = mandate !== null && mandate !== 'free' && mandate !== choice;
      c.record({
        action: 'councils.motion-vote-cast',
        subjectType: 'motion',
        subjectId: motionId,
        scopeBodyId: current.body_id,
        payload: secret ? {} : { personId: principal.personId, choice, mandate, againstMandate },
      });
      return { status: 'recorded', motionId, choice, secret, mandate, againstMandate };
    });
  }

  /** The mandate of the constituency whose seat in the motion's council the person holds. */
  private async mandateFor(personId: string, m: Tables['motions']): Promise<string | null> {
    const db = this.database.db;
    const seats = (await store.liveSeats(db, m.body_id)).filter((s) => s.holder_person_id === personId);
    const mandates = await motionStore.mandatesOf(db, { motionId: m.parent_id ?? m.id });
    for (const s of seats) {
      const found = mandates.find((x) => x.body_id === s.constituency_id);
      if (found) return found.instruction;
    }
    return null;
  }

  /**
   * Closes the vote and decides (chair or secretary of the body). Open amendments must be decided
   * first. An adopted amendment replaces the motion's text; an adopted recall motion recalls the
   * delegate at once, as a petition would.
   */
  async close(principal: Principal, motionId: string, meta?: CommandMeta): Promise<MotionDecision> {
    const m = await this.visibleMotion(principal, motionId);
    await this.councils.assertMay(principal, 'body.manage', m.body_id);
    return this.audit.runCommand(metaOf(principal, meta), async (c) => {
      const current = await motionStore.findMotion(c.trx, motionId);
      if (current?.status !== 'open') throw new AppError('voting-closed', motionField);
      const pending = await motionStore.openAmendments(c.trx, motionId);
      if (pending > 0)
        throw new AppError('amendments-pending', {
          ...motionField,
          params: { ...motionField.params, count: pending },
        });
      const outcome = await this.tally(c, current);
      await motionStore.closeMotion(c.trx, motionId, c.now, JSON.stringify(outcome));
      let recall: VacatedSeat | undefined;
      if (outcome.status === 'adopted' && current.parent_id) {
        await motionStore.setMotionText(c.trx, current.parent_id, current.text);
      }
      if (outcome.status === 'adopted' && current.kind === 'recall' && current.recall_seat_id) {
        const seat = await store.findSeat(c.trx, current.recall_seat_id);
        recall = (seat && (await vacateSeat(c, seat, 'recalled'))) || undefined;
      }
      c.record({
        action: 'councils.motion-decided',
        subjectType: 'motion',
        subjectId: motionId,
        scopeBodyId: current.body_id,
        payload: { outcome: outcome.status, parentId: current.parent_id },
      });
      return { ...outcome, motionId, ...(recall ? { recall } : {}) };
    });
  }

  private async tally(c: CommandScope, m: Tables['motions']): Promise<MotionOutcome> {
    const body = await store.findBody(c.trx, m.body_id);
    const council = body !== undefined && COUNCIL_KINDS.has(body.kind);
    const settings = await store.settingsOf(c.trx, m.body_id);
    const votes: MotionVote[] = [];
    let seats: number;
    let weighted: { totalWeight: number } | undefined;
    if (m.secret === 1) {
      for (const choice of await motionStore.secretChoices(c.trx, m.id))
        votes.push({ choice: choice as MotionChoice });
    } else {
      const open = (await motionStore.votesOn(c.trx, m.id)).filter((v) => v.withdrawn_at === null);
      if (council) {
        const live = await store.liveSeats(c.trx, m.body_id);
        const useWeights = settings?.weighted === 1;
        const w = useWeights
          ? seatWeights(
              live.map((s) => ({ id: s.id, constituencyId: s.constituency_id })),
              await store.memberCounts(
                c.trx,
                live.map((s) => s.constituency_id),
              ),
            )
          : null;
        if (w) weighted = { totalWeight: w.total };
        for (const v of open) {
          const held = live.filter((s) => s.holder_person_id === v.person_id);
          // A vote counts only while its caster holds a seat; withdrawn votes were marked already.
          if (held.length === 0) continue;
          votes.push({
            choice: v.choice as MotionChoice,
            weight: w ? held.reduce((n, s) => n + (w.bySeat.get(s.id) ?? 1), 0) : 1,
          });
        }
      } else {
        for (const v of open) votes.push({ choice: v.choice as MotionChoice });
      }
    }
    if (council) seats = Math.max(1, (await store.liveSeats(c.trx, m.body_id)).length);
    else seats = Math.max(1, Number(settings?.member_count ?? 0), votes.length);
    let present = votes.length;
    if (m.meeting_id) {
      const attending = (await motionStore.attendanceOf(c.trx, m.meeting_id)).length;
      present = Math.min(seats, Math.max(present, attending));
    }
    const quorum = m.quorum === null ? undefined : Math.min(m.quorum, seats);
    return tallyMotion(
      votes,
      {
        seats,
        threshold: m.threshold as MotionThreshold,
        abstentions: m.abstentions as 'excluded' | 'counted',
        ...(quorum !== undefined ? { quorum } : {}),
        ...(weighted ? { weighted } : {}),
      },
      present,
    );
  }

  /** A motion with its amendments, votes and mandates, for the body and (councils) its constituents. */
  async motion(principal: Principal, motionId: string): Promise<MotionView> {
    const m = await this.visibleMotion(principal, motionId);
    return this.view(m, true);
  }

  /** Motions of a body (amendments inside each), oldest first; `status` filters open or closed. */
  async motions(principal: Principal, bodyId: string, status?: 'open' | 'closed'): Promise<MotionView[]> {
    await this.councils.assertSees(principal, bodyId);
    const rows = await motionStore.motionsOf(this.database.db, { bodyId, ...(status ? { status } : {}) });
    return Promise.all(rows.map((m) => this.view(m, true)));
  }

  private async view(m: Tables['motions'], withAmendments: boolean): Promise<MotionView> {
    const db = this.database.db;
    const votes = m.secret === 1 ? [] : await motionStore.votesOn(db, m.id);
    const names = await store.displayNames(
      db,
      votes.map((v) => v.person_id),
    );
    const amendments = withAmendments
      ? await Promise.all(
          (await motionStore.motionsOf(db, { parentId: m.id })).map((a) => this.view(a, false)),
        )
      : [];
    const votesCast =
      m.secret === 1
        ? (await motionStore.secretChoices(db, m.id)).length
        : votes.filter((v) => !v.withdrawn_at).length;
    return {
      id: m.id,
      bodyId: m.body_id,
      meetingId: m.meeting_id,
      parentId: m.parent_id,
      kind: m.kind,
      title: m.title,
      text: m.text,
      recallSeatId: m.recall_seat_id,
      threshold: m.threshold,
      quorum: m.quorum,
      abstentions: m.abstentions,
      secret: m.secret === 1,
      status: m.status,
      outcome: m.outcome ? (JSON.parse(m.outcome) as MotionOutcome) : null,
      openedAt: m.opened_at,
      closedAt: m.closed_at,
      votes: votes.map((v) => ({
        personId: v.person_id,
        displayName: names.get(v.person_id) ?? v.person_id,
        choice: v.choice,
        castAt: v.cast_at,
        withdrawnReason: v.withdrawn_reason,
      })),
      votesCast,
      amendments,
      mandates: (await motionStore.mandatesOf(db, { motionId: m.id })).map((x) => ({
        bodyId: x.body_id,
        instruction: x.instruction,
      })),
    };
  }

  /**
   * Records the body's mandate to its delegates on a motion pending in a council it is affiliated
   * to (chair or secretary record what the body voted). Replaces an earlier mandate.
   */
  async setMandate(
    principal: Principal,
    bodyId: string,
    motionId: string,
    instruction: 'for' | 'against' | 'abstain' | 'free',
    meta?: CommandMeta,
  ): Promise<{ bodyId: string; motionId: string; instruction: string }> {
    await this.councils.assertMay(principal, 'body.manage', bodyId);
    const db = this.database.db;
    const m = await motionStore.findMotion(db, motionId);
    const affiliated = m ? await store.activeAffiliations(db, { bodyId, councilId: m.body_id }) : [];
    // A motion of a council the body is not affiliated to answers like an unknown one.
    if (!m || affiliated.length === 0) throw new AppError('forbidden');
    return this.audit.runCommand(metaOf(principal, meta), async (c) => {
      const current = await motionStore.findMotion(c.trx, motionId);
      if (current?.status !== 'open') throw new AppError('voting-closed', motionField);
      await motionStore.upsertMandate(c.trx, {
        id: newId(),
        body_id: bodyId,
        motion_id: motionId,
        instruction,
        decided_at: c.now,
      });
      for (const scope of [bodyId, current.body_id]) {
        c.record({
          action: 'councils.mandate-given',
          subjectType: 'motion',
          subjectId: motionId,
          scopeBodyId: scope,
          payload: { bodyId, instruction },
        });
      }
      return { bodyId, motionId, instruction };
    });
  }

  /** The mandates a body has given. */
  async mandates(principal: Principal, bodyId: string): Promise<MandateView[]> {
    await this.councils.assertMay(principal, 'body.view', bodyId);
    return (await motionStore.mandatesOf(this.database.db, { bodyId })).map((m) => ({
      motionId: m.motion_id,
      instruction: m.instruction,
      decidedAt: m.decided_at,
    }));
  }

  /** Opens a meeting of the body (chair or secretary). */
  async openMeeting(
    principal: Principal,
    bodyId: string,
    title: string,
    meta?: CommandMeta,
  ): Promise<{ meetingId: string }> {
    await this.councils.assertMay(principal, 'body.manage', bodyId);
    return this.audit.runCommand(metaOf(principal, meta), async (c) => {
      const meetingId = newId();
      await motionStore.insertMeeting(c.trx, {
        id: meetingId,
        body_id: bodyId,
        title,
        opened_by: principal.kind === 'person' ? principal.personId : '',
        opened_at: c.now,
        closed_at: null,
      });
      c.record({
        action: 'councils.meeting-opened',
        subjectType: 'meeting',
        subjectId: meetingId,
        scopeBodyId: bodyId,
        payload: { title },
      });
      return { meetingId };
    });
  }

  /**
   * Records a person present at an open meeting: themselves (a member, or a delegate in a
   * council), or anyone eligible when the chair or secretary records it.
   */
  async attend(
    principal: Principal,
    meetingId: string,
    personId?: string,
    meta?: CommandMeta,
  ): Promise<{ present: number }> {
    const meeting = await motionStore.findMeeting(this.database.db, meetingId);
    if (!meeting || !(await this.councils.may(principal, 'body.view', meeting.body_id)))
      throw new AppError('forbidden');
    if (principal.kind !== 'person') throw new AppError('forbidden');
    const who = personId ?? principal.personId;
    if (who !== principal.personId) await this.councils.assertMay(principal, 'body.manage', meeting.body_id);
    else await this.assertVoter(principal, meeting.body_id);
    return this.audit.runCommand(metaOf(principal, meta), async (c) => {
      const current = await motionStore.findMeeting(c.trx, meetingId);
      if (!current || current.closed_at !== null)
        throw new AppError('voting-closed', {
          field: 'params.meetingId',
          params: { field: 'params.meetingId' },
        });
      await motionStore.insertAttendance(c.trx, { meeting_id: meetingId, person_id: who, arrived_at: c.now });
      c.record({
        action: 'councils.attendance-recorded',
        subjectType: 'meeting',
        subjectId: meetingId,
        scopeBodyId: meeting.body_id,
        payload: { personId: who },
      });
      return { present: (await motionStore.attendanceOf(c.trx, meetingId)).length };
    });
  }

  /** Closes a meeting (chair or secretary). */
  async closeMeeting(principal: Principal, meetingId: string, meta?: CommandMeta): Promise<void> {
    const meeting = await motionStore.findMeeting(this.database.db, meetingId);
    if (!meeting || !(await this.councils.may(principal, 'body.manage', meeting.body_id)))
      throw new AppError('forbidden');
    await this.audit.runCommand(metaOf(principal, meta), async (c) => {
      if (!(await motionStore.closeMeeting(c.trx, meetingId, c.now))) {
        throw new AppError('voting-closed', {
          field: 'params.meetingId',
          params: { field: 'params.meetingId' },
        });
      }
      c.record({
        action: 'councils.meeting-closed',
        subjectType: 'meeting',
        subjectId: meetingId,
        scopeBodyId: meeting.body_id,
        payload: {},
      });
    });
  }

  /**
   * The minutes of a meeting as Markdown (or a standalone HTML document): attendance, motions,
   * amendments, results, roll-calls. Visible to the body and, for a council, its constituents.
   */
  async minutes(
    principal: Principal,
    meetingId: string,
    format: 'markdown' | 'html' = 'markdown',
  ): Promise<string> {
    const db = this.database.db;
    const meeting = await motionStore.findMeeting(db, meetingId);
    if (!meeting || !(await this.councils.maySee(principal, meeting.body_id)))
      throw new AppError('forbidden');
    const body = await store.findBody(db, meeting.body_id);
    const attendance = await motionStore.attendanceOf(db, meetingId);
    const names = await store.displayNames(
      db,
      attendance.map((a) => a.person_id),
    );
    const toMinutes = (v: MotionView): MinutesMotion => ({
      title: v.title,
      text: v.text,
      kind: v.kind,
      status: v.status,
      outcome: v.outcome,
      rollCall: v.votes.map((x) => ({
        name: x.displayName,
        choice: x.choice,
        withdrawn: x.withdrawnReason !== null,
      })),
      amendments: v.amendments.map(toMinutes),
    });
    const motions = await motionStore.motionsOf(db, { meetingId });
    const views = await Promise.all(motions.map((m) => this.view(m, true)));
    return (format === 'html' ? minutesHtml : minutesMarkdown)({
      bodyName: body?.name ?? '',
      title: meeting.title,
      openedAt: meeting.opened_at,
      closedAt: meeting.closed_at,
      attendance: attendance
        .map((a) => names.get(a.person_id) ?? a.person_id)
        .sort((a, b) => a.localeCompare(b)),
      motions: views.map(toMinutes),
    });
  }
}
