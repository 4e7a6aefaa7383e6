import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { AuditService, CommandMeta } from '../audit/audit.service.js';
import { AppError, invalid } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { Database } from '../db/database.js';
import type { Tables } from '../db/tables.js';
import type { Principal } from '../identity/principal.js';
import { countStv } from './core/stv-count.js';
import type { ElectionResult, ElectionView, ReceiptList } from './council-views.js';
import { type CouncilsService, metaOf } from './councils.service.js';
import * as store from './councils.store.js';
import * as electionStore from './elections.store.js';

const electionField = { field: 'params.electionId', params: { field: 'params.electionId' } };
const RECEIPT_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A receipt code: 12 characters from an unambiguous alphabet, 60 random bits, grouped by 4. */
function receiptCode(): string {
  const bytes = randomBytes(12);
  let code = '';
  for (let i = 0; i < 12; i++) {
    code += RECEIPT_ALPHABET[bytes[i]! & 31];
    if (i === 3 || i === 7) code += '-';
  }
  return code;
}

/**
 * Elections of delegates: a constituency elects the holders of its vacant seats in a council by
 * secret ranked ballot, counted by single transferable vote (instant-runoff for one seat) under
 * the Scottish STV rules (`countStv`). A ballot row holds a random UUIDv4 id, the ranking and the
 * receipt — no voter, no time, no sequence; who voted is recorded in a separate table.
 */
export class ElectionsService {
  constructor(
    private readonly database: Database,
    private readonly audit: AuditService,
    private readonly councils: CouncilsService,
  ) {}

  /** Opens an election for the body's vacant seats in a council it is affiliated to (chair or secretary). */
  async open(
    principal: Principal,
    bodyId: string,
    councilId: string,
    meta?: CommandMeta,
  ): Promise<{ electionId: string; seats: number }> {
    await this.councils.assertMay(principal, 'body.manage', bodyId);
    return this.audit.runCommand(metaOf(principal, meta), async (c) => {
      const affiliated = await store.activeAffiliations(c.trx, { bodyId, councilId });
      if (affiliated.length === 0) {
        throw new AppError('not-eligible', {
          field: 'body.councilId',
          params: {
            reason: {
              en: 'the body is not affiliated to this council',
              es: 'el organismo no está afiliado a este consejo',
            },
          },
        });
      }
      const vacant = (await store.liveSeats(c.trx, councilId, bodyId)).filter(
        (s) => !s.holder_person_id,
      ).length;
      const open = (await electionStore.electionsOf(c.trx, bodyId)).filter(
        (e) => e.status === 'open' && e.council_id === councilId,
      );
      if (open.length > 0) {
        throw new AppError('conflict', {
          field: 'body.councilId',
          params: {
            reason: {
              en: `an election is already open (${open[0]!.id})`,
              es: `ya hay una elección abierta (${open[0]!.id})`,
            },
          },
        });
      }
      if (vacant === 0) {
        throw new AppError('not-eligible', {
          field: 'body.councilId',
          params: {
            reason: {
              en: 'the body has no vacant seat in this council',
              es: 'el organismo no tiene escaños vacantes en este consejo',
            },
          },
        });
      }
      const electionId = newId();
      await electionStore.insertElection(c.trx, {
        id: electionId,
        body_id: bodyId,
        council_id: councilId,
        seats: vacant,
        kind: 'election',
        status: 'open',
        ballots_cast: 0,
        lot_seed: randomInt(0, 2 ** 31 - 1),
        opened_at: c.now,
        closed_at: null,
        result: null,
      });
      c.record({
        action: 'councils.election-opened',
        subjectType: 'election',
        subjectId: electionId,
        scopeBodyId: bodyId,
        payload: { councilId, seats: vacant },
      });
      return { electionId, seats: vacant };
    });
  }

  /** An election with its candidates, for members of the electing body. */
  async election(principal: Principal, electionId: string): Promise<ElectionView> {
    const e = await this.visible(principal, electionId, 'body.view');
    const db = this.database.db;
    const candidates = await electionStore.candidatesOf(db, electionId);
    const names = await store.displayNames(
      db,
      candidates.map((x) => x.person_id),
    );
    return {
      id: e.id,
      bodyId: e.body_id,
      councilId: e.council_id,
      seats: e.seats,
      kind: e.kind,
      status: e.status,
      openedAt: e.opened_at,
      closedAt: e.closed_at,
      ballotsCast: Number(e.ballots_cast),
      standingClosed: Number(e.ballots_cast) > 0 || e.status !== 'open',
      candidates: candidates.map((x) => ({
        personId: x.person_id,
        displayName: names.get(x.person_id) ?? x.person_id,
        status: x.status,
      })),
      votedByMe:
        principal.kind === 'person' && (await electionStore.hasVoted(db, electionId, principal.personId)),
    };
  }

  /** Elections of a body, newest first. */
  async elections(principal: Principal, bodyId: string): Promise<ElectionView[]> {
    await this.councils.assertMay(principal, 'body.view', bodyId);
    const rows = await electionStore.electionsOf(this.database.db, bodyId);
    return Promise.all(rows.map((e) => this.election(principal, e.id)));
  }

  /**
   * A member stands (`personId` omitted or their own: accepted at once) or nominates another
   * member (who must accept). Candidates must be active members of the electing body (for a
   * council: holders of its seats); standing closes when the first ballot is cast.
   */
  async nominate(
    principal: Principal,
    electionId: string,
    personId?: string,
    meta?: CommandMeta,
  ): Promise<{ personId: string; status: 'accepted' | 'nominated' }> {
    const e = await this.visible(principal, electionId, 'body.vote');
    if (principal.kind !== 'person') throw new AppError('forbidden');
    const candidate = personId ?? principal.personId;
    return this.audit.runCommand(metaOf(principal, meta), async (c) => {
      const current = await electionStore.findElection(c.trx, electionId);
      if (current?.status !== 'open' || Number(current.ballots_cast) > 0) {
        throw new AppError('voting-closed', { field: 'params.electionId', params: { field: 'standing' } });
      }
      // A base body elects among its members; a council among the delegates who hold its seats.
      const eligible =
        (await store.activeMembership(c.trx, e.body_id, candidate)) !== undefined ||
        (await store.seatsHeld(c.trx, candidate, e.body_id)) > 0;
      if (!eligible) {
        throw new AppError('not-eligible', {
          field: 'body.personId',
          params: {
            reason: {
              en: 'the candidate is not a member of the electing body',
              es: 'la candidatura no es miembro del organismo que elige',
            },
          },
        });
      }
      const status = candidate === principal.personId ? 'accepted' : 'nominated';
      if (
        !(await electionStore.insertCandidate(c.trx, {
          election_id: electionId,
          person_id: candidate,
          status,
          nominated_by: principal.personId,
        }))
      ) {
        throw new AppError('conflict', {
          field: 'body.personId',
          params: { reason: { en: 'already stands', es: 'ya es candidatura' } },
        });
      }
      c.record({
        action: 'councils.candidate-nominated',
        subjectType: 'election',
        subjectId: electionId,
        scopeBodyId: e.body_id,
        payload: { personId: candidate, status },
      });
      return { personId: candidate, status };
    });
  }

  /** The nominee accepts their nomination. */
  async accept(principal: Principal, electionId: string, meta?: CommandMeta): Promise<void> {
    const e = await this.visible(principal, electionId, 'body.vote');
    if (principal.kind !== 'person') throw new AppError('forbidden');
    await this.audit.runCommand(metaOf(principal, meta), async (c) => {
      const current = await electionStore.findElection(c.trx, electionId);
      if (current?.status !== 'open' || Number(current.ballots_cast) > 0) {
        throw new AppError('voting-closed', { field: 'params.electionId', params: { field: 'standing' } });
      }
      if (!(await electionStore.acceptCandidate(c.trx, electionId, principal.personId))) {
        throw new AppError('not-found', { field: 'nomination', params: { field: 'nomination' } });
      }
      c.record({
        action: 'councils.candidate-accepted',
        subjectType: 'election',
        subjectId: electionId,
        scopeBodyId: e.body_id,
        payload: { personId: principal.personId },
      });
    });
  }

  /**
   * Casts a secret ranked ballot (person ids of accepted candidates, most preferred first). The
   * voter's participation and the ballot go to separate tables; the receipt is returned once.
   */
  async vote(
    principal: Principal,
    electionId: string,
    ranking: readonly string[],
    meta?: CommandMeta,
  ): Promise<{ receipt: string }> {
    const e = await this.visible(principal, electionId, 'body.vote');
    if (principal.kind !== 'person') throw new AppError('forbidden');
    return this.audit.runCommand(metaOf(principal, meta), async (c) => {
      const accepted = new Set(
        (await electionStore.candidatesOf(c.trx, electionId))
          .filter((x) => x.status === 'accepted')
          .map((x) => x.person_id),
      );
      if (new Set(ranking).size !== ranking.length) {
        throw invalid('body.ranking', {
          en: 'a candidate is ranked twice',
          es: 'una candidatura aparece dos veces',
        });
      }
      ranking.forEach((id, i) => {
        if (!accepted.has(id)) {
          throw invalid(`body.ranking.${i}`, {
            en: 'is not a candidate of this election',
            es: 'no es candidatura de esta elección',
          });
        }
      });
      if (!(await electionStore.bumpBallotsCast(c.trx, electionId))) {
        throw new AppError('voting-closed', electionField);
      }
      if (!(await electionStore.recordParticipation(c.trx, electionId, principal.personId))) {
        throw new AppError('already-voted', electionField);
      }
      const receipt = receiptCode();
      // randomUUID is a version-4 UUID: 122 random bits, no clock, so ids say nothing of arrival.
      await electionStore.insertBallot(c.trx, {
        id: randomUUID(),
        election_id: electionId,
        ranking: JSON.stringify(ranking),
        receipt,
      });
      c.record({
        action: 'councils.ballot-cast',
        subjectType: 'election',
        subjectId: electionId,
        scopeBodyId: e.body_id,
        payload: {},
      });
      return { receipt };
    });
  }

  /**
   * Closes the ballot (chair or secretary), counts it and gives the elected the vacant seats in
   * order of election. Returns the result, now public to the body.
   */
  async close(principal: Principal, electionId: string, meta?: CommandMeta): Promise<ElectionResult> {
    const e = await this.visible(principal, electionId, 'body.manage');
    return this.audit.runCommand(metaOf(principal, meta), async (c) => {
      const current = await electionStore.findElection(c.trx, electionId);
      if (current?.status !== 'open') throw new AppError('voting-closed', electionField);
      const result = await this.count(c.trx, current);
      const seatsToFill: { seatId: string; personId: string }[] = [];
      await electionStore.closeElection(c.trx, electionId, c.now, JSON.stringify(result));
      if (result.status === 'counted') {
        const vacant = (await store.liveSeats(c.trx, e.council_id, e.body_id)).filter(
          (s) => !s.holder_person_id,
        );
        result.elected.forEach((person, i) => {
          const seat = vacant[i];
          if (seat) seatsToFill.push({ seatId: seat.id, personId: person.personId });
        });
      }
      for (const fill of seatsToFill) await store.fillSeat(c.trx, fill.seatId, fill.personId, c.now);
      for (const scope of [e.body_id, e.council_id]) {
        c.record({
          action: 'councils.election-closed',
          subjectType: 'election',
          subjectId: electionId,
          scopeBodyId: scope,
          payload: {
            status: result.status,
            elected: result.status === 'counted' ? result.elected.map((x) => x.personId) : [],
            seats: seatsToFill.map((f) => f.seatId),
          },
        });
      }
      return result;
    });
  }

  private async count(
    db: Parameters<typeof electionStore.ballotsOf>[0],
    e: Tables['elections'],
  ): Promise<ElectionResult> {
    const candidates = (await electionStore.candidatesOf(db, e.id)).filter((x) => x.status === 'accepted');
    if (candidates.length === 0) return { status: 'invalid', reason: 'no candidate accepted' };
    const index = new Map(candidates.map((x, i) => [x.person_id, i]));
    const ballots = (await electionStore.ballotsOf(db, e.id)).map((b) => ({
      weight: 1,
      ranking: (JSON.parse(b.ranking) as string[]).flatMap((id) => {
        const i = index.get(id);
        return i === undefined ? [] : [i];
      }),
    }));
    const outcome = countStv(
      { candidates: candidates.map((x) => x.person_id), withdrawn: [], ballots },
      { seats: e.seats, lotSeed: Number(e.lot_seed) },
    );
    if (outcome.status !== 'counted') return { status: 'invalid', reason: outcome.reason };
    const names = await store.displayNames(db, outcome.candidates);
    return {
      status: 'counted',
      elected: outcome.elected.map((x) => {
        const personId = outcome.candidates[x.candidate]!;
        return { personId, displayName: names.get(personId) ?? personId };
      }),
      names: Object.fromEntries(names),
      count: outcome,
    };
  }

  /** The result: hidden while the ballot is open, then the full count with every stage. */
  async results(principal: Principal, electionId: string): Promise<ElectionResult> {
    const e = await this.visible(principal, electionId, 'body.view');
    if (e.status === 'open' || !e.result) return { status: 'hidden', ballotsCast: Number(e.ballots_cast) };
    return JSON.parse(e.result) as ElectionResult;
  }

  /** The published receipts of the counted ballots (after close). */
  async receipts(principal: Principal, electionId: string): Promise<ReceiptList> {
    const e = await this.visible(principal, electionId, 'body.view');
    if (e.status === 'open') return { status: 'hidden', ballotsCast: Number(e.ballots_cast) };
    const ballots = await electionStore.ballotsOf(this.database.db, electionId);
    return { status: 'published', receipts: ballots.map((b) => b.receipt).sort() };
  }

  private async visible(
    principal: Principal,
    electionId: string,
    action: 'body.view' | 'body.vote' | 'body.manage',
  ): Promise<Tables['elections']> {
    const e = await electionStore.findElection(this.database.db, electionId);
    // An unknown election and another body's election answer alike.
    if (!e || !(await this.councils.may(principal, action, e.body_id))) throw new AppError('forbidden');
    return e;
  }
}
