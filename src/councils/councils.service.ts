import type { Kysely } from 'kysely';
import type { AuditService, CommandMeta, CommandScope } from '../audit/audit.service.js';
import { AppError, invalid } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { VersionedRead } from '../core/versioned-read.js';
import type { Database } from '../db/database.js';
import type { Tables } from '../db/tables.js';
import { actorOf, type Principal } from '../identity/principal.js';
import type { TokenScope } from '../identity/scopes.js';
import { findCycle } from './affiliation-cycle.js';
import type {
  AffiliationView,
  BodyRules,
  BodyView,
  DelegateRecord,
  Federation,
  MemberView,
  SeatView,
  VacatedSeat,
} from './council-views.js';
import * as store from './councils.store.js';
import { ElectionsService } from './elections.service.js';
import { MotionsService } from './motions.service.js';
import * as motionStore from './motions.store.js';
import { type BodyAction, type BodyRole, permits, type Standing } from './permission-policy.js';
import { RecallService } from './recall.service.js';
import { type SeatRule, seatsFor, surplusSeats } from './seat-rule.js';
import { vacateSeat } from './vacate-seat.js';

/** A body as the shell lists it for a person, with what they are there. */
export interface MyBody {
  readonly bodyId: string;
  readonly name: string;
  readonly kind: string;
  /** Roles in a base body, or `delegate` for a seat held in a council. */
  readonly roles: string[];
}

/** Kinds of body whose seats are held by delegates of affiliated bodies. */
export const COUNCIL_KINDS: ReadonlySet<string> = new Set([
  'cordon',
  'regional-council',
  'national-assembly',
]);

/** Every body kind. */
export const BODY_KINDS = Object.freeze([
  'workplace-assembly',
  'supply-committee',
  'peasant-committee',
  'cordon',
  'regional-council',
  'national-assembly',
] as const);

const NO_SCOPES: ReadonlySet<TokenScope> = new Set();

function ruleOf(a: Tables['affiliations']): SeatRule {
  return a.seat_rule === 'fixed'
    ? { kind: 'fixed', seats: a.seats_fixed ?? 1 }
    : { kind: 'per-members', membersPerSeat: a.members_per_seat ?? 1, minSeats: a.min_seats };
}

function affiliationView(a: Tables['affiliations']): AffiliationView {
  return { id: a.id, bodyId: a.body_id, councilId: a.council_id, rule: ruleOf(a), createdAt: a.created_at };
}

function rulesOf(s: Tables['body_settings'] | undefined): BodyRules {
  return {
    recallSharePct: s?.recall_share_pct ?? 50,
    quorum: s?.quorum ?? null,
    threshold: s?.threshold ?? 'majority-of-votes-cast',
    abstentions: s?.abstentions ?? 'excluded',
    weighted: (s?.weighted ?? 0) === 1,
    secretVotes: (s?.secret_votes ?? 0) === 1,
  };
}

/** The command meta of a service call made without an HTTP request (tests, scenario). */
export function metaOf(principal: Principal, meta?: CommandMeta): CommandMeta {
  return meta ?? { actor: actorOf(principal) };
}

/**
 * Councils: bodies, memberships, affiliations, seats and the answer to "may P do X on body B",
 * which every other area asks through `may` / `assertMay`. Elections, recall and motions are
 * its parts `elections`, `recall` and `motions`.
 */
export class CouncilsService {
  /** Elections of delegates with secret ranked ballots. */
  readonly elections: ElectionsService;
  /** Recall petitions and resignations. */
  readonly recall: RecallService;
  /** Motions, amendments, votes, mandates, meetings and minutes. */
  readonly motions: MotionsService;

  constructor(
    private readonly database: Database,
    private readonly audit: AuditService,
  ) {
    this.elections = new ElectionsService(database, audit, this);
    this.recall = new RecallService(database, audit, this);
    this.motions = new MotionsService(database, audit, this);
  }

  /** The standing of a principal in a body, from memberships, seats and the token's grant. */
  async standing(principal: Principal, bodyId: string): Promise<Standing> {
    if (principal.kind === 'token') {
      // A token acts only for the body it was issued for, and only within its scopes.
      return {
        roles: new Set(),
        seatsHeld: 0,
        tokenScopes: principal.bodyId === bodyId ? new Set(principal.scopes) : NO_SCOPES,
      };
    }
    const [roles, seats] = await Promise.all([
      store.activeRoles(this.database.db, principal.personId, bodyId),
      store.seatsHeld(this.database.db, principal.personId, bodyId),
    ]);
    return { roles: new Set(roles as BodyRole[]), seatsHeld: seats, tokenScopes: NO_SCOPES };
  }

  /**
   * The bodies among `bodyIds` on which `principal` may do `action` — the same answers as `may`
   * body by body, in one query whatever their number (a production report batch spans many
   * workplaces).
   *
   * @example const allowed = await councils.mayEach(principal, 'body.report', bodyIds);
   */
  async mayEach(principal: Principal, action: BodyAction, bodyIds: readonly string[]): Promise<Set<string>> {
    const allowed = new Set<string>();
    if (principal.kind === 'token') {
      for (const bodyId of new Set(bodyIds))
        if (permits(action, await this.standing(principal, bodyId))) allowed.add(bodyId);
      return allowed;
    }
    const wanted = new Set(bodyIds);
    const roles = new Map<string, Set<BodyRole>>();
    const seats = new Map<string, number>();
    for (const row of await store.standingsOf(this.database.db, principal.personId)) {
      if (!wanted.has(row.bodyId)) continue;
      if (row.role === 'delegate') seats.set(row.bodyId, (seats.get(row.bodyId) ?? 0) + 1);
      else roles.set(row.bodyId, (roles.get(row.bodyId) ?? new Set()).add(row.role as BodyRole));
    }
    for (const bodyId of wanted) {
      const standing = {
        roles: roles.get(bodyId) ?? new Set<BodyRole>(),
        seatsHeld: seats.get(bodyId) ?? 0,
        tokenScopes: NO_SCOPES,
      };
      if (permits(action, standing)) allowed.add(bodyId);
    }
    return allowed;
  }

  /**
   * May `principal` do `action` on body `bodyId`? Answered from memberships and delegate seats.
   *
   * @example if (await councils.may(principal, 'body.vote', councilId)) { … }
   */
  async may(principal: Principal, action: BodyAction, bodyId: string): Promise<boolean> {
    return permits(action, await this.standing(principal, bodyId));
  }

  /**
   * Throws 403 `forbidden` unless allowed. An unknown body answers the same 403, so a refusal never
   * reveals whether another body's resource exists.
   */
  async assertMay(principal: Principal, action: BodyAction, bodyId: string): Promise<void> {
    if (!(await this.may(principal, action, bodyId))) throw new AppError('forbidden');
  }

  /**
   * May `principal` see the body's pages? Its members and delegates may, and for a council also the
   * members of its affiliated bodies: delegates' votes are visible to their constituents.
   */
  async maySee(principal: Principal, bodyId: string): Promise<boolean> {
    if (await this.may(principal, 'body.view', bodyId)) return true;
    return principal.kind === 'person' && store.isConstituentOf(this.database.db, principal.personId, bodyId);
  }

  /** Throws 403 unless `maySee`. */
  async assertSees(principal: Principal, bodyId: string): Promise<void> {
    if (!(await this.maySee(principal, bodyId))) throw new AppError('forbidden');
  }

  /** The kind of a body (`cordon`, `peasant-committee`, …), or null when unknown; read through `db` when given. */
  async kindOf(bodyId: string, db: Kysely<Tables> = this.database.db): Promise<string | null> {
    return (await store.findBody(db, bodyId))?.kind ?? null;
  }

  /** True when the body is a council (its seats are held by delegates). */
  async isCouncil(bodyId: string): Promise<boolean> {
    const body = await store.findBody(this.database.db, bodyId);
    return body !== undefined && COUNCIL_KINDS.has(body.kind);
  }

  /**
   * The council a body sends delegates to (one step up the federation: workplace assembly →
   * cordón → regional council → national assembly), from its active affiliations; null at the
   * top. With several, the oldest affiliation's council is the one. (Added for production's alert
   * escalation.)
   *
   * Read through `db` when given (a caller's transaction: on SQLite an open transaction holds the
   * one connection).
   *
   * @example const cordonId = await councils.councilAbove(assemblyId);
   */
  async councilAbove(bodyId: string, db: Kysely<Tables> = this.database.db): Promise<string | null> {
    const [first] = await store.activeAffiliations(db, { bodyId });
    return first?.council_id ?? null;
  }

  /** The bodies a person belongs to and the councils where they hold a seat. */
  async bodiesOf(personId: string): Promise<MyBody[]> {
    const byId = new Map<string, MyBody>();
    for (const row of await store.standingsOf(this.database.db, personId)) {
      const entry = byId.get(row.bodyId) ?? { bodyId: row.bodyId, name: row.name, kind: row.kind, roles: [] };
      if (!entry.roles.includes(row.role)) entry.roles.push(row.role);
      byId.set(row.bodyId, entry);
    }
    return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /**
   * Creates a body with its founding members and, for councils, seats of their constituencies
   * (each constituency is affiliated with a fixed rule of the seats given). Used by the scenario
   * loader, tests and `createBody`.
   */
  async foundBody(
    input: {
      kind: string;
      name: string;
      members?: { personId: string; role: BodyRole }[];
      seats?: { constituencyId: string; holderPersonId: string | null }[];
    },
    meta: { actorName: string } | CommandMeta,
  ): Promise<string> {
    const commandMeta: CommandMeta =
      'actorName' in meta ? { actor: { kind: 'system', name: meta.actorName } } : meta;
    return this.audit.runCommand(commandMeta, async (c) => this.foundIn(c, input));
  }

  /**
   * Founds many bodies in one command, each as `foundBody` would (with its own audit event), for
   * loads of thousands of bodies (the country scenario's 30,000 assemblies). Ids in input order.
   */
  async foundBodies(
    inputs: readonly {
      kind: string;
      name: string;
      members?: { personId: string; role: BodyRole }[];
      seats?: { constituencyId: string; holderPersonId: string | null }[];
    }[],
    meta: { actorName: string },
  ): Promise<string[]> {
    return this.audit.runCommand({ actor: { kind: 'system', name: meta.actorName } }, async (c) => {
      const ids: string[] = [];
      for (const input of inputs) ids.push(await this.foundIn(c, input));
      return ids;
    });
  }

  private async foundIn(
    c: CommandScope,
    input: {
      kind: string;
      name: string;
      members?: { personId: string; role: BodyRole }[];
      seats?: { constituencyId: string; holderPersonId: string | null }[];
    },
  ): Promise<string> {
    const bodyId = newId();
    const members = input.members ?? [];
    await store.insertBody(c.trx, { id: bodyId, kind: input.kind, name: input.name, created_at: c.now });
    await store.insertSettings(c.trx, {
      body_id: bodyId,
      member_count: members.length,
      recall_share_pct: 50,
      quorum: null,
      threshold: 'majority-of-votes-cast',
      abstentions: 'excluded',
      weighted: 0,
      secret_votes: 0,
    });
    await store.insertMemberships(
      c.trx,
      members.map((m) => ({
        id: newId(),
        body_id: bodyId,
        person_id: m.personId,
        role: m.role,
        joined_at: c.now,
        left_at: null,
      })),
    );
    const seats = input.seats ?? [];
    await store.insertSeats(
      c.trx,
      seats.map((s) => ({
        id: newId(),
        council_id: bodyId,
        constituency_id: s.constituencyId,
        holder_person_id: s.holderPersonId,
        since: s.holderPersonId ? c.now : null,
        vacated_at: null,
        vacate_reason: null,
      })),
    );
    const perConstituency = new Map<string, number>();
    for (const s of seats)
      perConstituency.set(s.constituencyId, (perConstituency.get(s.constituencyId) ?? 0) + 1);
    await store.insertAffiliations(
      c.trx,
      [...perConstituency].map(([constituencyId, n]) => ({
        id: newId(),
        body_id: constituencyId,
        council_id: bodyId,
        seat_rule: 'fixed',
        seats_fixed: n,
        members_per_seat: null,
        min_seats: n,
        created_at: c.now,
        ended_at: null,
      })),
    );
    c.record({
      action: 'councils.body-founded',
      subjectType: 'body',
      subjectId: bodyId,
      scopeBodyId: bodyId,
      payload: { kind: input.kind, name: input.name, members: members.length, seats: seats.length },
    });
    return bodyId;
  }

  /**
   * Registers a new body with its founding chair. Only a deployment administrator may: it is
   * setting up the deployment, like creating accounts, and gives the administrator no standing in
   * the body — the founding chair and the members they register run it from then on.
   */
  async createBody(
    principal: Principal,
    input: { kind: string; name: string; chairPersonId: string },
    meta?: CommandMeta,
  ): Promise<{ bodyId: string }> {
    if (principal.kind !== 'person' || !principal.isAdmin) throw new AppError('forbidden');
    const people = await store.displayNames(this.database.db, [input.chairPersonId]);
    if (!people.has(input.chairPersonId)) {
      throw new AppError('not-found', {
        field: 'body.chairPersonId',
        params: { field: 'body.chairPersonId' },
      });
    }
    return this.audit.runCommand(metaOf(principal, meta), async (c) => ({
      bodyId: await this.foundIn(c, {
        kind: input.kind,
        name: input.name,
        members: [{ personId: input.chairPersonId, role: 'chair' }],
      }),
    }));
  }

  // The federation as last read, frozen against an accidental change, with its JSON text made
  // once per version (see `federationJson`); versions from `federationVersion` (three counts).
  private readonly federationRead = new VersionedRead(
    () => store.federationVersion(this.database.db),
    async () => {
      const [bodies, affiliations] = await Promise.all([
        store.allBodies(this.database.db),
        store.activeAffiliations(this.database.db),
      ]);
      const value = Object.freeze({
        bodies: Object.freeze(bodies.map((b) => Object.freeze({ id: b.id, kind: b.kind, name: b.name }))),
        affiliations: Object.freeze(affiliations.map((a) => Object.freeze(affiliationView(a)))),
      }) as Federation;
      let json: string | null = null;
      return { value, json: () => (json ??= JSON.stringify(value)) };
    },
  );

  /**
   * Every body and active affiliation: the federation graph, public to every signed-in person.
   * At country scale it is 31,000 bodies (10 MB of JSON) that every page asks for and that rarely
   * changes, so it is read again only when its version in the database changed.
   */
  async federation(): Promise<Federation> {
    const { value } = (await this.federationRead.get()).value;
    // fresh arrays each call (callers may sort them); the bodies and affiliations are frozen
    return { bodies: [...value.bodies], affiliations: [...value.affiliations] };
  }

  /**
   * The federation as JSON text, with the version it describes: serialised once per version,
   * since at country scale stringifying its 10 MB on every request cost about 100 ms of CPU each
   * (the route sends the text as it is, and the version as its ETag).
   */
  async federationJson(): Promise<{ version: string; json: string }> {
    const { version, value } = await this.federationRead.get();
    return { version, json: value.json() };
  }

  /** A body's page, for those who may see it. */
  async body(principal: Principal, bodyId: string): Promise<BodyView> {
    await this.assertSees(principal, bodyId);
    const db = this.database.db;
    const body = await store.findBody(db, bodyId);
    if (!body) throw new AppError('forbidden');
    const [settings, seats, affiliations] = await Promise.all([
      store.settingsOf(db, bodyId),
      store.liveSeats(db, bodyId),
      store.activeAffiliations(db, { bodyId }),
    ]);
    return {
      id: body.id,
      kind: body.kind,
      name: body.name,
      isCouncil: COUNCIL_KINDS.has(body.kind),
      memberCount: Number(settings?.member_count ?? 0),
      rules: rulesOf(settings),
      seats: await this.seatViews(seats),
      affiliations: affiliations.map(affiliationView),
    };
  }

  /** A body's rules (recall share, motion defaults, weighted and secret voting). */
  async rules(bodyId: string): Promise<BodyRules & { memberCount: number }> {
    const s = await store.settingsOf(this.database.db, bodyId);
    return { ...rulesOf(s), memberCount: Number(s?.member_count ?? 0) };
  }

  /** Changes a body's rules; chair or secretary. Weighted voting is for councils, secret votes for base bodies. */
  async setRules(
    principal: Principal,
    bodyId: string,
    patch: Partial<BodyRules>,
    meta?: CommandMeta,
  ): Promise<BodyRules> {
    await this.assertMay(principal, 'body.manage', bodyId);
    const council = await this.isCouncil(bodyId);
    if (patch.weighted && !council)
      throw invalid('body.weighted', {
        en: 'only councils weigh votes',
        es: 'solo los consejos ponderan votos',
      });
    if (patch.secretVotes && council) {
      throw invalid('body.secretVotes', {
        en: 'delegates vote by open roll-call, visible to their constituents',
        es: 'los delegados votan nominalmente, a la vista de sus bases',
      });
    }
    return this.audit.runCommand(metaOf(principal, meta), async (c) => {
      await store.updateSettings(c.trx, bodyId, {
        ...(patch.recallSharePct !== undefined ? { recall_share_pct: patch.recallSharePct } : {}),
        ...(patch.quorum !== undefined ? { quorum: patch.quorum } : {}),
        ...(patch.threshold !== undefined ? { threshold: patch.threshold } : {}),
        ...(patch.abstentions !== undefined ? { abstentions: patch.abstentions } : {}),
        ...(patch.weighted !== undefined ? { weighted: patch.weighted ? 1 : 0 } : {}),
        ...(patch.secretVotes !== undefined ? { secret_votes: patch.secretVotes ? 1 : 0 } : {}),
      });
      c.record({
        action: 'councils.rules-changed',
        subjectType: 'body',
        subjectId: bodyId,
        scopeBodyId: bodyId,
        payload: patch,
      });
      return rulesOf(await store.settingsOf(c.trx, bodyId));
    });
  }

  /** Members of a body (former members with `includeFormer`), for those who may see it. */
  async members(principal: Principal, bodyId: string, includeFormer = false): Promise<MemberView[]> {
    await this.assertMay(principal, 'body.view', bodyId);
    return store.membersOf(this.database.db, bodyId, includeFormer);
  }

  /**
   * Registers a member (chair or secretary only). The member count and the body's seats in every
   * council it is affiliated to are recomputed in the same command.
   */
  async addMember(
    principal: Principal,
    bodyId: string,
    input: { personId: string; role: BodyRole },
    meta?: CommandMeta,
  ): Promise<{ membershipId: string; memberCount: number }> {
    await this.assertMay(principal, 'body.manage', bodyId);
    const db = this.database.db;
    if ((await store.displayNames(db, [input.personId])).size === 0) {
      throw new AppError('not-found', { field: 'body.personId', params: { field: 'body.personId' } });
    }
    return this.audit.runCommand(metaOf(principal, meta), async (c) => {
      if (await store.activeMembership(c.trx, bodyId, input.personId)) {
        throw new AppError('conflict', {
          field: 'body.personId',
          params: { reason: { en: 'is already a member', es: 'ya es miembro' } },
        });
      }
      const membershipId = newId();
      await store.insertMemberships(c.trx, [
        {
          id: membershipId,
          body_id: bodyId,
          person_id: input.personId,
          role: input.role,
          joined_at: c.now,
          left_at: null,
        },
      ]);
      await store.bumpMemberCount(c.trx, bodyId, 1);
      await this.recomputeSeats(c, bodyId);
      c.record({
        action: 'councils.member-joined',
        subjectType: 'body',
        subjectId: bodyId,
        scopeBodyId: bodyId,
        payload: { personId: input.personId, role: input.role },
      });
      return {
        membershipId,
        memberCount: Number((await store.settingsOf(c.trx, bodyId))?.member_count ?? 0),
      };
    });
  }

  /** Changes a member's role (chair or secretary only). */
  async setMemberRole(
    principal: Principal,
    bodyId: string,
    personId: string,
    role: BodyRole,
    meta?: CommandMeta,
  ): Promise<void> {
    await this.assertMay(principal, 'body.manage', bodyId);
    await this.audit.runCommand(metaOf(principal, meta), async (c) => {
      const membership = await store.activeMembership(c.trx, bodyId, personId);
      if (!membership)
        throw new AppError('not-found', { field: 'params.personId', params: { field: 'params.personId' } });
      await store.setRole(c.trx, membership.id, role);
      c.record({
        action: 'councils.member-role-changed',
        subjectType: 'body',
        subjectId: bodyId,
        scopeBodyId: bodyId,
        payload: { personId, role },
      });
    });
  }

  /**
   * Ends a membership: the member leaves, or the chair or secretary records it. A delegate who
   * leaves the body loses the seats they held for it (a by-election opens), and the body's seats
   * are recomputed (a surplus seat is vacated by the rule of `surplusSeats`).
   */
  async removeMember(
    principal: Principal,
    bodyId: string,
    personId: string,
    meta?: CommandMeta,
  ): Promise<{ memberCount: number; vacated: VacatedSeat[] }> {
    const self = principal.kind === 'person' && principal.personId === personId;
    if (!self || !(await this.may(principal, 'body.view', bodyId)))
      await this.assertMay(principal, 'body.manage', bodyId);
    return this.audit.runCommand(metaOf(principal, meta), async (c) => {
      const membership = await store.activeMembership(c.trx, bodyId, personId);
      if (!membership)
        throw new AppError('not-found', { field: 'params.personId', params: { field: 'params.personId' } });
      await store.endMembership(c.trx, membership.id, c.now);
      await store.bumpMemberCount(c.trx, bodyId, -1);
      const vacated: VacatedSeat[] = [];
      for (const seat of await store.seatHistory(c.trx, { constituencyId: bodyId })) {
        if (seat.vacated_at === null && seat.holder_person_id === personId) {
          const v = await vacateSeat(c, seat, 'resigned');
          if (v) vacated.push(v);
        }
      }
      vacated.push(...(await this.recomputeSeats(c, bodyId)));
      c.record({
        action: 'councils.member-left',
        subjectType: 'body',
        subjectId: bodyId,
        scopeBodyId: bodyId,
        payload: { personId },
      });
      return { memberCount: Number((await store.settingsOf(c.trx, bodyId))?.member_count ?? 0), vacated };
    });
  }

  /**
   * Brings a body's live seats in each council it is affiliated to in line with the seat rule:
   * missing seats are added vacant; surplus ones are vacated (vacant first, then the most recently
   * filled: see `surplusSeats`). Runs inside the command that changed the membership.
   */
  async recomputeSeats(c: CommandScope, bodyId: string): Promise<VacatedSeat[]> {
    const settings = await store.settingsOf(c.trx, bodyId);
    const members = Number(settings?.member_count ?? 0);
    const vacated: VacatedSeat[] = [];
    for (const affiliation of await store.activeAffiliations(c.trx, { bodyId })) {
      const wanted = seatsFor(ruleOf(affiliation), members);
      const live = await store.liveSeats(c.trx, affiliation.council_id, bodyId);
      if (live.length < wanted) {
        await store.insertSeats(
          c.trx,
          Array.from({ length: wanted - live.length }, () => ({
            id: newId(),
            council_id: affiliation.council_id,
            constituency_id: bodyId,
            holder_person_id: null,
            since: null,
            vacated_at: null,
            vacate_reason: null,
          })),
        );
      } else if (live.length > wanted) {
        const ids = new Set(
          surplusSeats(
            live.map((s) => ({ id: s.id, holderPersonId: s.holder_person_id, since: s.since })),
            wanted,
          ),
        );
        for (const seat of live) {
          if (!ids.has(seat.id)) continue;
          const v = await vacateSeat(c, seat, 'surplus');
          if (v) vacated.push(v);
        }
      }
    }
    return vacated;
  }

  /**
   * Affiliates body B to council C under a seat rule (B's chair or secretary decides). The graph
   * must stay acyclic: a cycle is refused with `affiliation-cycle` naming its bodies in order.
   * The seats the rule gives are created vacant; an election fills them.
   */
  async affiliate(
    principal: Principal,
    bodyId: string,
    input: { councilId: string; rule: SeatRule },
    meta?: CommandMeta,
  ): Promise<{ affiliationId: string; seats: number }> {
    await this.assertMay(principal, 'body.manage', bodyId);
    const db = this.database.db;
    const council = await store.findBody(db, input.councilId);
    if (!council || !COUNCIL_KINDS.has(council.kind)) {
      throw new AppError('not-found', { field: 'body.councilId', params: { field: 'body.councilId' } });
    }
    return this.audit.runCommand(metaOf(principal, meta), async (c) => {
      const edges = (await store.activeAffiliations(c.trx)).map((a) => ({
        bodyId: a.body_id,
        councilId: a.council_id,
      }));
      if (edges.some((e) => e.bodyId === bodyId && e.councilId === input.councilId)) {
        throw new AppError('conflict', {
          field: 'body.councilId',
          params: {
            reason: {
              en: 'the body is already affiliated to this council',
              es: 'el organismo ya está afiliado a este consejo',
            },
          },
        });
      }
      const cycle = findCycle(edges, bodyId, input.councilId);
      if (cycle) {
        const names = new Map((await store.bodiesByIds(c.trx, cycle)).map((b) => [b.id, b.name]));
        throw new AppError('affiliation-cycle', {
          field: 'body.councilId',
          params: { cycle: cycle.map((id) => names.get(id) ?? id).join(' → ') },
        });
      }
      const affiliationId = newId();
      const rule = input.rule;
      await store.insertAffiliations(c.trx, [
        {
          id: affiliationId,
          body_id: bodyId,
          council_id: input.councilId,
          seat_rule: rule.kind,
          seats_fixed: rule.kind === 'fixed' ? rule.seats : null,
          members_per_seat: rule.kind === 'per-members' ? rule.membersPerSeat : null,
          min_seats: rule.kind === 'per-members' ? rule.minSeats : rule.seats,
          created_at: c.now,
          ended_at: null,
        },
      ]);
      await this.recomputeSeats(c, bodyId);
      for (const scope of [bodyId, input.councilId]) {
        c.record({
          action: 'councils.affiliated',
          subjectType: 'affiliation',
          subjectId: affiliationId,
          scopeBodyId: scope,
          payload: { bodyId, councilId: input.councilId, rule },
        });
      }
      return { affiliationId, seats: (await store.liveSeats(c.trx, input.councilId, bodyId)).length };
    });
  }

  /** Seats of a council, live ones or (with `history`) every tenure, for those who may see it. */
  async seats(principal: Principal, councilId: string, history = false): Promise<SeatView[]> {
    await this.assertSees(principal, councilId);
    const rows = history
      ? await store.seatHistory(this.database.db, { councilId })
      : await store.liveSeats(this.database.db, councilId);
    return this.seatViews(rows);
  }

  private async seatViews(rows: Tables['seats'][]): Promise<SeatView[]> {
    const names = await store.displayNames(
      this.database.db,
      rows.flatMap((r) => (r.holder_person_id ? [r.holder_person_id] : [])),
    );
    return rows.map((r) => ({
      seatId: r.id,
      councilId: r.council_id,
      constituencyId: r.constituency_id,
      holderPersonId: r.holder_person_id,
      holderName: r.holder_person_id ? (names.get(r.holder_person_id) ?? null) : null,
      since: r.since,
      vacatedAt: r.vacated_at,
      vacateReason: r.vacate_reason ?? null,
    }));
  }

  /**
   * Every delegate the body has sent, past (recalled, resigned) and present, with their votes in
   * the council and whether each followed the body's mandate. A recalled delegate's record stays.
   */
  async delegates(principal: Principal, bodyId: string): Promise<DelegateRecord[]> {
    await this.assertMay(principal, 'body.view', bodyId);
    const db = this.database.db;
    const tenures = (await store.seatHistory(db, { constituencyId: bodyId })).filter(
      (s) => s.holder_person_id,
    );
    const views = await this.seatViews(tenures);
    const mandates = new Map(
      (await motionStore.mandatesOf(db, { bodyId })).map((m) => [m.motion_id, m.instruction]),
    );
    const records: DelegateRecord[] = [];
    for (const view of views) {
      const votes = await motionStore.votesBy(db, view.holderPersonId!, view.councilId);
      records.push({
        ...view,
        votes: votes
          .filter(
            (v) =>
              v.cast_at >= (view.since ?? '') && (view.vacatedAt === null || v.cast_at <= view.vacatedAt),
          )
          .map((v) => {
            const mandate = mandates.get(v.motion_id) ?? null;
            return {
              motionId: v.motion_id,
              title: v.title,
              choice: v.choice,
              castAt: v.cast_at,
              withdrawnAt: v.withdrawn_at,
              withdrawnReason: v.withdrawn_reason,
              mandate,
              againstMandate: mandate !== null && mandate !== 'free' && mandate !== v.choice,
            };
          }),
      });
    }
    return records;
  }
}
