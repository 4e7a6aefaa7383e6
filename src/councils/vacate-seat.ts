import { randomInt } from 'node:crypto';
import type { CommandScope } from '../audit/audit.service.js';
import { newId } from '../core/ids.js';
import type { Tables } from '../db/tables.js';
import type { VacatedSeat, VacateReason } from './council-views.js';
import * as store from './councils.store.js';
import * as elections from './elections.store.js';
import * as motions from './motions.store.js';
import * as recall from './recall.store.js';

/**
 * Ends a seat tenure inside a running command, at once: the holder's votes on the council's open
 * motions are withdrawn (the rows stay, marked, for the record), open petitions against the seat
 * close, and — unless the seat is a surplus one — a vacant seat replaces it and a by-election opens
 * in the constituency. Audit events go to the constituency and to the council, so both are told
 * live. Returns null when the seat was no longer live (nothing changed).
 */
export async function vacateSeat(
  c: CommandScope,
  seat: Tables['seats'],
  reason: VacateReason,
): Promise<VacatedSeat | null> {
  if (!(await store.endSeat(c.trx, seat.id, c.now, reason))) return null;
  const holder = seat.holder_person_id;
  const withdrawnVotes = holder
    ? await motions.withdrawOpenVotes(c.trx, holder, seat.council_id, c.now, reason)
    : [];
  const closedPetitions = await recall.closePetitions(
    c.trx,
    seat.id,
    reason === 'recalled' ? 'recalled' : 'lapsed',
    c.now,
  );
  let newSeatId: string | null = null;
  let byElectionId: string | null = null;
  if (reason !== 'surplus') {
    newSeatId = newId();
    await store.insertSeats(c.trx, [
      {
        id: newSeatId,
        council_id: seat.council_id,
        constituency_id: seat.constituency_id,
        holder_person_id: null,
        since: null,
        vacated_at: null,
        vacate_reason: null,
      },
    ]);
    byElectionId = newId();
    await elections.insertElection(c.trx, {
      id: byElectionId,
      body_id: seat.constituency_id,
      council_id: seat.council_id,
      seats: 1,
      kind: 'by-election',
      status: 'open',
      ballots_cast: 0,
      lot_seed: randomInt(0, 2 ** 31 - 1),
      opened_at: c.now,
      closed_at: null,
      result: null,
    });
  }
  const payload = {
    seatId: seat.id,
    councilId: seat.council_id,
    constituencyId: seat.constituency_id,
    delegatePersonId: holder,
    reason,
    withdrawnVotes,
    closedPetitions,
    newSeatId,
    byElectionId,
  };
  for (const scope of [seat.constituency_id, seat.council_id]) {
    c.record({
      action: reason === 'recalled' ? 'councils.delegate-recalled' : 'councils.seat-vacated',
      subjectType: 'seat',
      subjectId: seat.id,
      scopeBodyId: scope,
      payload,
    });
  }
  if (byElectionId) {
    c.record({
      action: 'councils.by-election-opened',
      subjectType: 'election',
      subjectId: byElectionId,
      scopeBodyId: seat.constituency_id,
      payload: { councilId: seat.council_id, seats: 1, vacatedSeatId: seat.id },
    });
  }
  return {
    seatId: seat.id,
    councilId: seat.council_id,
    constituencyId: seat.constituency_id,
    delegatePersonId: holder,
    reason,
    withdrawnVotes,
    newSeatId,
    byElectionId,
  };
}
