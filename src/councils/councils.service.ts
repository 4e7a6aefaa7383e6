import type { AuditService } from '../audit/audit.service.js';
import { AppError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { Database } from '../db/database.js';
import type { Principal } from '../identity/principal.js';
import type { TokenScope } from '../identity/scopes.js';
import * as store from './councils.store.js';
import { type BodyAction, type BodyRole, permits, type Standing } from './permission-policy.js';

/** A body as the shell lists it for a person, with what they are there. */
export interface MyBody {
  readonly bodyId: string;
  readonly name: string;
  readonly kind: string;
  /** Roles in a base body, or `delegate` for a seat held in a council. */
  readonly roles: string[];
}

const NO_SCOPES: ReadonlySet<TokenScope> = new Set();

/**
 * Councils: bodies, memberships, seats and the answer to "may P do X on body B", which every
 * other area asks through `may` / `assertMay`.
 */
export class CouncilsService {
  constructor(
    private readonly database: Database,
    private readonly audit: AuditService,
  ) {}

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
   * The council a body sends delegates to (one step up the federation: workplace assembly →
   * cordón → regional council → national assembly), read from the body's live seats; null at the
   * top or for a body with no seat anywhere. With several, the oldest seat's council is the one.
   *
   * @example const cordonId = await councils.councilAbove(assemblyId);
   */
  async councilAbove(bodyId: string): Promise<string | null> {
    // Kept here rather than in councils.store.ts while the councils store is being reworked
    // (affiliations); move it to the store with that change.
    const row = await this.database.db
      .selectFrom('seats')
      .select('council_id')
      .where('constituency_id', '=', bodyId)
      .where('vacated_at', 'is', null)
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    return row?.council_id ?? null;
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
   * Creates a body with its founding members and, for councils, seats of their constituencies.
   * Used by the scenario loader until the councils area brings its full workflows.
   */
  async foundBody(
    input: {
      kind: string;
      name: string;
      members?: { personId: string; role: BodyRole }[];
      seats?: { constituencyId: string; holderPersonId: string | null }[];
    },
    meta: { actorName: string },
  ): Promise<string> {
    return this.audit.runCommand({ actor: { kind: 'system', name: meta.actorName } }, async (c) => {
      const bodyId = newId();
      await store.insertBody(c.trx, { id: bodyId, kind: input.kind, name: input.name, created_at: c.now });
      await store.insertMemberships(
        c.trx,
        (input.members ?? []).map((m) => ({
          id: newId(),
          body_id: bodyId,
          person_id: m.personId,
          role: m.role,
          joined_at: c.now,
          left_at: null,
        })),
      );
      await store.insertSeats(
        c.trx,
        (input.seats ?? []).map((s) => ({
          id: newId(),
          council_id: bodyId,
          constituency_id: s.constituencyId,
          holder_person_id: s.holderPersonId,
          since: s.holderPersonId ? c.now : null,
          vacated_at: null,
        })),
      );
      c.record({
        action: 'councils.body-founded',
        subjectType: 'body',
        subjectId: bodyId,
        scopeBodyId: bodyId,
        payload: {
          kind: input.kind,
          name: input.name,
          members: input.members?.length ?? 0,
          seats: input.seats?.length ?? 0,
        },
      });
      return bodyId;
    });
  }
}
