import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Actor, AuditService } from '../audit/audit.service.js';
import { type Clock, isoTime } from '../core/clock.js';
import { AppError, invalid } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { ReadCoalescer } from '../core/read-coalescer.js';
import type { Database } from '../db/database.js';
import * as store from './identity.store.js';
import { actorOf, type PersonPrincipal, type TokenPrincipal } from './principal.js';
import { isTokenScope, type TokenScope } from './scopes.js';

/** Shortest password accepted, in characters. */
export const MIN_PASSWORD_LENGTH = 10;

// @node-rs/argon2 declares its Algorithm as a const enum, which isolated modules cannot read: 2 is Argon2id.
const ARGON2ID = 2;
// OWASP's argon2id setting: 19 MiB, 2 passes, 1 lane — about 20–40 ms per hash on one core.
const ARGON2 = Object.freeze({ algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 });

// Verifying against this when the user name is unknown keeps sign-in time the same either way,
// so response times do not reveal which user names exist.
const UNKNOWN_USER_HASH = hash('not-a-real-password-for-timing-only', ARGON2);

// A session is renewed at most once an hour of use, so reads do not write on every request.
const RENEW_AFTER_MS = 60 * 60 * 1000;

/** SHA-256 hex of a secret; only this is stored for session cookies and API tokens. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,62}$/;

/** The outcome of a sign-in attempt. */
export type SignInOutcome =
  /** Credentials matched; `sessionToken` goes into the cookie and is never stored. */
  | { status: 'signed-in'; sessionToken: string; principal: PersonPrincipal }
  /** Unknown user or wrong password (deliberately not told apart). */
  | { status: 'invalid-credentials' };

/** An API token as listed (never with its secret). */
export interface ApiTokenView {
  readonly id: string;
  readonly name: string;
  readonly scopes: TokenScope[];
  readonly bodyId: string | null;
  readonly createdAt: string;
  readonly revokedAt: string | null;
  readonly lastUsedAt: string | null;
}

/**
 * People, accounts, sessions and API tokens. Passwords are hashed with argon2id; session and
 * token secrets are stored only as SHA-256 hashes.
 */
export class IdentityService {
  constructor(
    private readonly database: Database,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly options: { sessionTtlHours: number },
  ) {}

  // Bearer tokens arriving together (a distribution point's 200 handovers a second) are looked up
  // in one query, read after each request arrived: revocation stays immediate on every instance.
  private readonly liveTokens = new ReadCoalescer(async (hashes: string[]) => {
    const rows = await store.findLiveTokens(this.database.db, hashes);
    const nowMs = this.clock.now();
    for (const row of rows) {
      // last_used_at is bookkeeping, written at most once a minute per token (once per read here)
      if (!row.last_used_at || nowMs - Date.parse(row.last_used_at) > 60_000) {
        await store.touchToken(this.database.db, row.id, isoTime(nowMs));
      }
    }
    return new Map(rows.map((r) => [r.secret_hash, r]));
  });

  /**
   * Creates a person with an account. Refuses a malformed or taken user name and a short password.
   *
   * @example await identity.createAccount(system, { username: 'ana', password: '…', displayName: 'Ana' });
   */
  async createAccount(
    actor: Actor,
    input: {
      username: string;
      password: string;
      displayName: string;
      isAdmin?: boolean;
      locale?: 'es' | 'en';
    },
  ): Promise<{ accountId: string; personId: string }> {
    const username = input.username.trim().toLowerCase();
    if (!USERNAME.test(username)) {
      throw invalid('username', {
        en: 'must be 2–63 characters: lower-case letters, digits, dot, dash or underscore',
        es: 'debe tener 2–63 caracteres: minúsculas, dígitos, punto, guion o guion bajo',
      });
    }
    if (!input.displayName.trim())
      throw invalid('displayName', { en: 'must not be empty', es: 'no puede estar vacío' });
    checkPassword(input.password, 'password');
    const passwordHash = await hash(input.password, ARGON2);
    return this.audit.runCommand({ actor }, async (c) => {
      if (await store.usernameTaken(c.trx, username)) {
        throw new AppError('conflict', {
          field: 'username',
          params: {
            field: 'username',
            reason: { en: `"${username}" is taken`, es: `"${username}" ya existe` },
          },
        });
      }
      const personId = newId();
      const accountId = newId();
      await store.insertPerson(c.trx, {
        id: personId,
        display_name: input.displayName.trim(),
        locale: input.locale ?? 'es',
        created_at: c.now,
      });
      await store.insertAccount(c.trx, {
        id: accountId,
        person_id: personId,
        username,
        password_hash: passwordHash,
        is_admin: input.isAdmin ? 1 : 0,
        created_at: c.now,
        password_changed_at: c.now,
      });
      c.record({
        action: 'identity.account-created',
        subjectType: 'account',
        subjectId: accountId,
        scopePersonId: personId,
        payload: { username, isAdmin: input.isAdmin === true },
      });
      return { accountId, personId };
    });
  }

  /**
   * Registers people who have no account (members of bodies who do not sign in). Returns their
   * ids in the order given.
   */
  async registerPeople(
    actor: Actor,
    people: { displayName: string; locale?: 'es' | 'en' }[],
  ): Promise<string[]> {
    return this.audit.runCommand({ actor }, async (c) => {
      const rows = people.map((p) => ({
        id: newId(),
        display_name: p.displayName,
        locale: p.locale ?? 'es',
        created_at: c.now,
      }));
      await store.insertPeople(c.trx, rows);
      c.record({
        action: 'identity.people-registered',
        subjectType: 'people',
        subjectId: rows[0]?.id ?? 'none',
        payload: { count: rows.length },
      });
      return rows.map((r) => r.id);
    });
  }

  /** Checks a user name and password and opens a session. */
  async signIn(usernameInput: string, password: string): Promise<SignInOutcome> {
    const username = usernameInput.trim().toLowerCase();
    const account = await store.findAccountByUsername(this.database.db, username);
    const matches = await verify(account?.passwordHash ?? (await UNKNOWN_USER_HASH), password);
    if (!account || !matches) return { status: 'invalid-credentials' };
    const sessionToken = randomSecret();
    const sessionId = secretHash(sessionToken);
    const csrfToken = randomSecret(24);
    await this.audit.runCommand(
      { actor: { kind: 'person', accountId: account.accountId, personId: account.personId } },
      async (c) => {
        await store.insertSession(c.trx, {
          id: sessionId,
          account_id: account.accountId,
          csrf_token: csrfToken,
          created_at: c.now,
          expires_at: isoTime(c.nowMs + this.ttlMs()),
        });
        c.record({
          action: 'identity.signed-in',
          subjectType: 'account',
          subjectId: account.accountId,
          scopePersonId: account.personId,
        });
      },
    );
    return {
      status: 'signed-in',
      sessionToken,
      principal: {
        kind: 'person',
        accountId: account.accountId,
        personId: account.personId,
        username: account.username,
        displayName: account.displayName,
        isAdmin: account.isAdmin,
        locale: account.locale,
        sessionId,
        csrfToken,
      },
    };
  }

  /** The person behind a session cookie token, or null when unknown or expired. Renews sliding expiry. */
  async authenticateSession(sessionToken: string): Promise<PersonPrincipal | null> {
    const nowMs = this.clock.now();
    const sessionId = secretHash(sessionToken);
    const session = await store.findLiveSession(this.database.db, sessionId, isoTime(nowMs));
    if (!session) return null;
    const expiresMs = Date.parse(session.expiresAt);
    if (nowMs + this.ttlMs() - expiresMs > RENEW_AFTER_MS) {
      await store.extendSession(this.database.db, sessionId, isoTime(nowMs + this.ttlMs()));
    }
    return {
      kind: 'person',
      accountId: session.accountId,
      personId: session.personId,
      username: session.username,
      displayName: session.displayName,
      isAdmin: session.isAdmin,
      locale: session.locale,
      sessionId,
      csrfToken: session.csrfToken,
    };
  }

  /** Ends a session. */
  async signOut(principal: PersonPrincipal): Promise<void> {
    await this.audit.runCommand({ actor: actorOf(principal) }, async (c) => {
      await store.deleteSession(c.trx, principal.sessionId);
      c.record({
        action: 'identity.signed-out',
        subjectType: 'account',
        subjectId: principal.accountId,
        scopePersonId: principal.personId,
      });
    });
  }

  /** Changes the password after checking the current one; every other session of the account ends. */
  async changePassword(principal: PersonPrincipal, current: string, next: string): Promise<void> {
    checkPassword(next, 'newPassword');
    const account = await store.findAccountById(this.database.db, principal.accountId);
    if (!account || !(await verify(account.passwordHash, current))) {
      throw invalid('currentPassword', {
        en: 'is not your current password',
        es: 'no es su contraseña actual',
      });
    }
    const nextHash = await hash(next, ARGON2);
    await this.audit.runCommand({ actor: actorOf(principal) }, async (c) => {
      await store.updatePasswordHash(c.trx, principal.accountId, nextHash, c.now);
      await store.deleteOtherSessions(c.trx, principal.accountId, principal.sessionId);
      c.record({
        action: 'identity.password-changed',
        subjectType: 'account',
        subjectId: principal.accountId,
        scopePersonId: principal.personId,
      });
    });
  }

  /**
   * Creates an API token for a machine. The returned `token` is shown once; only its hash is kept.
   *
   * @example const { token } = await identity.createApiToken(p, { name: 'Sumar lathe 3', scopes: ['production:report'], bodyId });
   */
  async createApiToken(
    principal: PersonPrincipal,
    input: { name: string; scopes: string[]; bodyId?: string | null },
  ): Promise<{ id: string; token: string }> {
    if (!input.name.trim())
      throw invalid('body.name', { en: 'must not be empty', es: 'no puede estar vacío' });
    if (input.scopes.length === 0)
      throw invalid('body.scopes', {
        en: 'must name at least one scope',
        es: 'debe nombrar al menos un alcance',
      });
    for (const [i, scope] of input.scopes.entries()) {
      if (!isTokenScope(scope))
        throw invalid(`body.scopes.${i}`, {
          en: `"${scope}" is not a scope`,
          es: `"${scope}" no es un alcance`,
        });
    }
    const id = newId();
    const token = `cdt_${randomSecret()}`;
    await this.audit.runCommand({ actor: actorOf(principal) }, async (c) => {
      await store.insertApiToken(c.trx, {
        id,
        name: input.name.trim(),
        secret_hash: secretHash(token),
        scopes: [...new Set(input.scopes)].sort().join(' '),
        body_id: input.bodyId ?? null,
        created_by: principal.accountId,
        created_at: c.now,
        revoked_at: null,
        last_used_at: null,
      });
      c.record({
        action: 'identity.token-created',
        subjectType: 'api-token',
        subjectId: id,
        scopePersonId: principal.personId,
        payload: { name: input.name.trim(), scopes: input.scopes, bodyId: input.bodyId ?? null },
      });
    });
    return { id, token };
  }

  /** The machine behind a bearer token, or null when unknown or revoked. */
  async authenticateToken(token: string): Promise<TokenPrincipal | null> {
    const row = await this.liveTokens.get(secretHash(token));
    if (!row) return null;
    return {
      kind: 'token',
      tokenId: row.id,
      accountId: row.created_by,
      scopes: row.scopes.split(' ').filter(isTokenScope),
      bodyId: row.body_id,
    };
  }

  /** Tokens the person created (all tokens for an administrator). */
  async listApiTokens(principal: PersonPrincipal): Promise<ApiTokenView[]> {
    const rows = await store.listTokens(this.database.db, principal.isAdmin ? null : principal.accountId);
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      scopes: r.scopes.split(' ').filter(isTokenScope),
      bodyId: r.body_id,
      createdAt: r.created_at,
      revokedAt: r.revoked_at,
      lastUsedAt: r.last_used_at,
    }));
  }

  /** Revokes a token the person created (any token for an administrator). Revoking twice is harmless. */
  async revokeApiToken(principal: PersonPrincipal, tokenId: string): Promise<void> {
    const row = await store.findToken(this.database.db, tokenId);
    // Someone else's token answers as "not found", so token ids of others are not confirmed.
    if (!row || (!principal.isAdmin && row.created_by !== principal.accountId)) {
      throw new AppError('not-found', { field: 'tokenId', params: { field: 'tokenId' } });
    }
    if (row.revoked_at) return;
    await this.audit.runCommand({ actor: actorOf(principal) }, async (c) => {
      await store.revokeToken(c.trx, tokenId, c.now);
      c.record({
        action: 'identity.token-revoked',
        subjectType: 'api-token',
        subjectId: tokenId,
        scopePersonId: principal.personId,
      });
    });
  }

  /** Number of accounts (0 on a new deployment). */
  async accountCount(): Promise<number> {
    return store.countAccounts(this.database.db);
  }

  /** Demo accounts and passwords (demo mode only). */
  async demoCredentials(): Promise<{ username: string; password: string; description: string }[]> {
    return store.listDemoCredentials(this.database.db);
  }

  /** Creates a demo account whose password is kept so it can be printed at start (demo mode only). */
  async createDemoAccount(input: {
    username: string;
    displayName: string;
    description: string;
    isAdmin?: boolean;
  }): Promise<{ accountId: string; personId: string; password: string }> {
    const password = randomSecret(12);
    const ids = await this.createAccount({ kind: 'system', name: 'scenario' }, { ...input, password });
    await store.insertDemoCredential(this.database.db, {
      username: input.username,
      password,
      description: input.description,
    });
    return { ...ids, password };
  }

  private ttlMs(): number {
    return this.options.sessionTtlHours * 3600_000;
  }
}

function checkPassword(password: string, field: string): void {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw new AppError('weak-password', { field, params: { min: MIN_PASSWORD_LENGTH } });
  }
}
