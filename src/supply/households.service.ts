import type { CommandMeta } from '../audit/audit.service.js';
import { AppError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { metaOf } from '../councils/councils.service.js';
import { dropIndexes, restoreIndexes } from '../db/deferred-indexes.js';
import type { Principal } from '../identity/principal.js';
import { needsOf } from './household-entitlement.js';
import { identityHash } from './identity-hash.js';
import { CARD_CODE_MARK, cardCode, parseSearch } from './search-terms.js';
import * as store from './supply.store.js';
import type { SupplyTables } from './supply.tables.js';
import type { SupplyContext } from './supply-context.js';
import { supplyDb } from './supply-db.js';
import type { HouseholdView } from './supply-views.js';

/** Most terms counted per fragment when choosing which fragment drives a search. */
const DRIVER_COUNT_CAP = 5_000;

/** A member as registered: the registry number is hashed and never stored. */
export interface MemberInput {
  readonly registryNumber: string;
  readonly ageBand: '0-4' | '5-14' | '15-64' | '65+';
  readonly pregnant?: boolean;
  readonly disability?: boolean;
  /** A special diet, e.g. `celiac`. */
  readonly diet?: string | null;
}

/** A household as registered. */
export interface HouseholdInput {
  readonly address: string;
  /** How the household is called at the point, e.g. "Familia Rojas Pérez"; optional. */
  readonly name?: string | null;
  readonly members: readonly MemberInput[];
}

/** One member already registered elsewhere (or twice in the request). */
export interface DuplicateMember {
  /** Index of the member in the request. */
  readonly index: number;
  /** `same-request`, `this-committee` (with the household) or `another-committee` (no ids given). */
  readonly where: 'same-request' | 'this-committee' | 'another-committee';
  readonly householdId: string | null;
}

/** The outcome of registering a household. */
export type RegisterOutcome =
  /** Registered with its members. */
  | { readonly status: 'registered'; readonly householdId: string }
  /** Nothing registered: some members are already in a household. */
  | { readonly status: 'duplicate'; readonly duplicates: DuplicateMember[] };

/** A move of a household between committees. */
export interface MoveView {
  readonly fromCommitteeId: string;
  readonly toCommitteeId: string;
  readonly fromAddress: string;
  readonly toAddress: string;
  readonly movedAt: string;
}

/** True for a unique-constraint violation on SQLite or PostgreSQL. */
function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** One committee's households for `importMany`. */
export interface HouseholdBatch {
  readonly committeeId: string;
  readonly households: readonly HouseholdInput[];
}

/** The tables a household registration fills (`importMany` drops and rebuilds their indexes). */
const HOUSEHOLD_TABLES = ['supply_households', 'supply_members', 'supply_household_terms'] as const;

/** A batch of households as rows: ids in input order, the households' rows and all their members'. */
function bulkRows(committeeId: string, households: readonly HouseholdInput[], now: string) {
  const ids: string[] = [];
  const rows: SupplyTables['supply_households'][] = [];
  const members: SupplyTables['supply_members'][] = [];
  for (const h of households) {
    const id = newId();
    ids.push(id);
    rows.push({
      id,
      committee_id: committeeId,
      address: h.address,
      name: h.name ?? null,
      registered_at: now,
      updated_at: now,
    });
    members.push(...memberRows(id, h.members));
  }
  return { ids, households: rows, members };
}

function importedEvent(committeeId: string, batch: ReturnType<typeof bulkRows>) {
  return {
    action: 'supply.households-imported',
    subjectType: 'body',
    subjectId: committeeId,
    scopeBodyId: committeeId,
    payload: { households: batch.households.length, members: batch.members.length },
  };
}

function memberRows(householdId: string, members: readonly MemberInput[]): SupplyTables['supply_members'][] {
  return members.map((m) => ({
    id: newId(),
    household_id: householdId,
    identity_hash: identityHash(m.registryNumber),
    age_band: m.ageBand,
    needs: needsOf(m.ageBand, [
      ...(m.pregnant ? ['pregnant'] : []),
      ...(m.disability ? ['disability'] : []),
      ...(m.diet ? ['diet'] : []),
    ]).join(' '),
    diet: m.diet ?? null,
  }));
}

/**
 * Households of supply committees: registration with deduplication of persons by registry
 * number, moves between committees with their history, and the committee's list.
 */
export class HouseholdsService {
  constructor(private readonly ctx: SupplyContext) {}

  /**
   * Registers a household with its members at a committee; its officers may. A person already in
   * a household (here or at another committee) or listed twice makes the whole registration a
   * `duplicate` outcome naming each such member; another committee's household is not named.
   */
  async register(
    principal: Principal,
    committeeId: string,
    input: HouseholdInput,
    meta?: CommandMeta,
  ): Promise<RegisterOutcome> {
    await this.ctx.assertManagesCommittee(principal, committeeId);
    try {
      return await this.registerIn(principal, committeeId, input, meta);
    } catch (err) {
      // Two registrations of the same person at once: the unique constraint stopped the second;
      // answer it as the check inside the transaction would have.
      if (!isUniqueViolation(err)) throw err;
      return this.registerIn(principal, committeeId, input, meta);
    }
  }

  private async registerIn(
    principal: Principal,
    committeeId: string,
    input: HouseholdInput,
    meta?: CommandMeta,
  ): Promise<RegisterOutcome> {
    return this.ctx.audit.runCommand(metaOf(principal, meta), async (c) => {
      const sdb = supplyDb(c.trx);
      const householdId = newId();
      const rows = memberRows(householdId, input.members);
      const duplicates: DuplicateMember[] = [];
      const seen = new Map<string, number>();
      rows.forEach((r, i) => {
        if (seen.has(r.identity_hash))
          duplicates.push({ index: i, where: 'same-request', householdId: null });
        seen.set(r.identity_hash, i);
      });
      for (const hit of await store.membersByIdentity(sdb, [...seen.keys()])) {
        const same = hit.committee_id === committeeId;
        duplicates.push({
          index: seen.get(hit.identity_hash) ?? 0,
          where: same ? 'this-committee' : 'another-committee',
          householdId: same ? hit.household_id : null,
        });
      }
      if (duplicates.length > 0) {
        duplicates.sort((a, b) => a.index - b.index);
        return { status: 'duplicate', duplicates } as const;
      }
      await store.insertHouseholds(
        sdb,
        [
          {
            id: householdId,
            committee_id: committeeId,
            address: input.address,
            name: input.name ?? null,
            registered_at: c.now,
            updated_at: c.now,
          },
        ],
        rows,
      );
      c.record({
        action: 'supply.household-registered',
        subjectType: 'household',
        subjectId: householdId,
        scopeBodyId: committeeId,
        payload: { members: rows.map((r) => ({ ageBand: r.age_band, needs: r.needs })) },
      });
      return { status: 'registered', householdId } as const;
    });
  }

  /**
   * Registers many households at once without per-person checks beyond the unique constraint
   * (scenario loads and imports by the system): one command, one audit event with the count.
   */
  async registerMany(
    committeeId: string,
    households: readonly HouseholdInput[],
    actorName: string,
  ): Promise<string[]> {
    return this.ctx.audit.runCommand({ actor: { kind: 'system', name: actorName } }, async (c) => {
      const batch = bulkRows(committeeId, households, c.now);
      await store.insertHouseholdsBulk(
        supplyDb(c.trx),
        this.ctx.database.kind,
        batch.households,
        batch.members,
      );
      c.record(importedEvent(committeeId, batch));
      return batch.ids;
    });
  }

  /**
   * Registers the households of many committees, batch after batch as `batches` yields them (so
   * that millions never sit in memory at once), for scenario loads: the same rows and the same
   * audit event per batch as `registerMany` for each batch. `onImported` hears of each batch with
   * its new household ids once it is written.
   *
   * On PostgreSQL the whole import is one command, all or nothing, and when the household tables
   * are empty (a first load) their indexes and keys are dropped first and built once at the end
   * (`dropIndexes`): a member costs a heap append instead of a random write into the identity-hash
   * index and a foreign-key lookup. Until it commits, other sessions wait on those three tables;
   * a duplicate person fails the whole import when the unique index is built. `onRestoring` hears
   * of that last step (`done` of `total` indexes and keys). On SQLite (one connection, tables kept
   * indexed) each batch is its own `registerMany` command.
   */
  async importMany<B extends HouseholdBatch>(
    batches: AsyncIterable<B> | Iterable<B>,
    actorName: string,
    listeners: {
      onImported?: (batch: B, ids: readonly string[]) => void;
      onRestoring?: (done: number, total: number) => void;
    } = {},
  ): Promise<void> {
    if (this.ctx.database.kind !== 'postgres') {
      for await (const batch of batches) {
        const ids = await this.registerMany(batch.committeeId, batch.households, actorName);
        listeners.onImported?.(batch, ids);
      }
      return;
    }
    await this.ctx.audit.runCommand({ actor: { kind: 'system', name: actorName } }, async (c) => {
      const db = supplyDb(c.trx);
      const dropped = (await store.hasHouseholds(db)) ? null : await dropIndexes(c.trx, HOUSEHOLD_TABLES);
      // While one batch is written, the next is generated and hashed: the database and this
      // process each keep a CPU busy.
      let writing: Promise<void> = Promise.resolve();
      for await (const batch of batches) {
        const rows = bulkRows(batch.committeeId, batch.households, c.now);
        await writing;
        writing = store.insertHouseholdsBulk(db, 'postgres', rows.households, rows.members).then(() => {
          c.record(importedEvent(batch.committeeId, rows));
          listeners.onImported?.(batch, rows.ids);
        });
        // A failed write is thrown by the `await` above; until then it must not count as unhandled.
        writing.catch(() => undefined);
      }
      await writing;
      if (dropped) await restoreIndexes(c.trx, dropped, listeners.onRestoring);
    });
  }

  /**
   * Moves a household to another supply committee and address; the officers of its present
   * committee may. An unknown household answers 403 like another committee's, and so does a target
   * that is not a supply committee.
   */
  async move(
    principal: Principal,
    householdId: string,
    input: { toCommitteeId: string; address: string },
    meta?: CommandMeta,
  ): Promise<MoveView> {
    const household = await store.findHousehold(this.ctx.db, householdId);
    if (!household) throw new AppError('forbidden');
    await this.ctx.assertManagesCommittee(principal, household.committee_id);
    if (!(await this.ctx.isCommittee(input.toCommitteeId))) {
      throw new AppError('not-found', {
        field: 'body.toCommitteeId',
        params: { field: 'body.toCommitteeId' },
      });
    }
    return this.ctx.audit.runCommand(metaOf(principal, meta), async (c) => {
      const db = supplyDb(c.trx);
      const current = await store.findHousehold(db, householdId);
      if (!current || current.committee_id !== household.committee_id) throw new AppError('forbidden');
      const move = {
        id: newId(),
        household_id: householdId,
        from_committee_id: current.committee_id,
        to_committee_id: input.toCommitteeId,
        from_address: current.address,
        to_address: input.address,
        moved_at: c.now,
      };
      await store.moveHousehold(db, move);
      c.record({
        action: 'supply.household-moved',
        subjectType: 'household',
        subjectId: householdId,
        scopeBodyId: current.committee_id,
        payload: { from: current.committee_id, to: input.toCommitteeId },
      });
      return moveView(move);
    });
  }

  /** A page of the committee's households with members, in id order; its officers may. */
  async list(
    principal: Principal,
    committeeId: string,
    options: { limit: number; after?: string },
  ): Promise<{ households: HouseholdView[]; total: number; nextAfter: string | null }> {
    await this.ctx.councils.assertMay(principal, 'body.manage', committeeId);
    const rows = await store.listHouseholds(this.ctx.db, committeeId, options);
    const last = rows.at(-1);
    return {
      households: await this.views(rows),
      total: await store.countHouseholds(this.ctx.db, committeeId),
      nextAfter: rows.length === options.limit && last ? last.id : null,
    };
  }

  /**
   * A page of the committee's households found by what the point's search box was given, in id
   * order; its officers and its distribution points (claim tokens) may. The text is tried as a
   * registry number first (the member's household, if at this committee), then as a card code
   * (`#4b5c6d7e` or 8 hex digits), then as word fragments of name and address, each of which must
   * begin a word ("roj nub" finds "Familia Rojas, Pasaje Ñuble 1245"). `tooShort` says nothing was
   * searched (fragments of fewer than 2 characters).
   */
  async search(
    principal: Principal,
    committeeId: string,
    options: { q: string; limit: number; after?: string },
  ): Promise<{ households: HouseholdView[]; nextAfter: string | null; tooShort: boolean }> {
    await this.ctx.councils.assertMay(principal, 'body.claim', committeeId);
    const page = { limit: options.limit, ...(options.after !== undefined ? { after: options.after } : {}) };
    const done = async (rows: SupplyTables['supply_households'][], tooShort = false) => {
      const last = rows.at(-1);
      return {
        households: await this.views(rows),
        nextAfter: rows.length === options.limit && last ? last.id : null,
        tooShort,
      };
    };
    const text = options.q.trim();
    // A RUT: 7–9 digits (dots, spaces and a dash allowed) and a check digit or K.
    if (options.after === undefined && /^[\d.\s]{6,12}-?\s*[\dkK]$/.test(text)) {
      const hit = await store.householdByIdentity(this.ctx.db, committeeId, identityHash(text));
      if (hit) return done([hit]);
    }
    const query = parseSearch(text);
    if (query.kind === 'card-code') {
      const rows = await store.searchHouseholds(
        this.ctx.db,
        committeeId,
        [`${CARD_CODE_MARK}${query.code}`],
        {
          ...page,
          exact: true,
        },
      );
      // Eight digits may also be the start of a street number or the like.
      if (rows.length > 0 || text.startsWith(CARD_CODE_MARK)) return done(rows);
      return done(await store.searchHouseholds(this.ctx.db, committeeId, [query.code], page));
    }
    if (query.kind === 'too-short') return done([], true);
    const rows = await store.searchHouseholds(
      this.ctx.db,
      committeeId,
      await this.bySelectivity(committeeId, query.words),
      page,
    );
    // A card code of letters only ("deadbeef") reads as a word: try it as a code when no word matched.
    const lettersOnlyCode = /^[0-9a-f]{8}$/i.test(text) ? text.toLowerCase() : null;
    if (rows.length === 0 && lettersOnlyCode && options.after === undefined)
      return done(
        await store.searchHouseholds(this.ctx.db, committeeId, [`${CARD_CODE_MARK}${lettersOnlyCode}`], {
          ...page,
          exact: true,
        }),
      );
    return done(rows);
  }

  /**
   * The fragments with the rarest first: the first drives the search and every household it finds
   * is sorted, so "pasaje roj" must start from "roj". Counting stops at DRIVER_COUNT_CAP per fragment.
   */
  private async bySelectivity(committeeId: string, words: readonly string[]): Promise<string[]> {
    if (words.length < 2) return [...words];
    const counts = await Promise.all(
      words.map((w) => store.countTermMatches(this.ctx.db, committeeId, w, DRIVER_COUNT_CAP)),
    );
    return words
      .map((w, i) => ({ w, n: counts[i] ?? 0 }))
      .sort((a, b) => a.n - b.n)
      .map((x) => x.w);
  }

  private async views(rows: readonly SupplyTables['supply_households'][]): Promise<HouseholdView[]> {
    const members = await store.membersOf(
      this.ctx.db,
      rows.map((r) => r.id),
    );
    const byHousehold = new Map<string, HouseholdView['members']>();
    for (const m of members) {
      const list = byHousehold.get(m.household_id) ?? [];
      list.push({ id: m.id, ageBand: m.age_band, needs: m.needs.split(' ').filter(Boolean), diet: m.diet });
      byHousehold.set(m.household_id, list);
    }
    return rows.map((r) => ({
      id: r.id,
      committeeId: r.committee_id,
      address: r.address,
      name: r.name,
      cardCode: cardCode(r.id),
      registeredAt: r.registered_at,
      members: byHousehold.get(r.id) ?? [],
    }));
  }

  /** A household's moves, oldest first; the officers of its present committee may. */
  async history(principal: Principal, householdId: string): Promise<MoveView[]> {
    const household = await store.findHousehold(this.ctx.db, householdId);
    if (!household) throw new AppError('forbidden');
    await this.ctx.councils.assertMay(principal, 'body.manage', household.committee_id);
    return (await store.movesOf(this.ctx.db, householdId)).map(moveView);
  }
}

function moveView(m: SupplyTables['supply_household_moves']): MoveView {
  return {
    fromCommitteeId: m.from_committee_id,
    toCommitteeId: m.to_committee_id,
    fromAddress: m.from_address,
    toAddress: m.to_address,
    movedAt: m.moved_at,
  };
}
