import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { ManualClock } from '../src/core/clock.js';
import { type Config, defaultConfig } from '../src/core/config.js';
import type { BodyRole } from '../src/councils/permission-policy.js';
import type { Database } from '../src/db/database.js';
import type { PersonPrincipal, TokenPrincipal } from '../src/identity/principal.js';
import { periodIndex, periodOf } from '../src/production/report-period.js';
import { buildApp } from '../src/server/app.js';
import { createServices, type Services } from '../src/server/services.js';

/** The time every test starts at: the first day of the October 1972 stoppage. */
export const TEST_EPOCH = Date.parse('1972-10-11T08:00:00.000Z');

/** A running app over a test database, with a clock the test moves. */
export interface TestApp {
  readonly app: FastifyInstance;
  readonly services: Services;
  readonly clock: ManualClock;
}

/** Builds services and the app over `database` with test settings (no logging, manual clock). */
export async function createTestApp(database: Database, overrides: Partial<Config> = {}): Promise<TestApp> {
  const clock = new ManualClock(TEST_EPOCH);
  // Many sign-ins come from one test client; the rate-limit test sets its own low limit.
  const config = defaultConfig({ logLevel: 'silent', demo: false, signInPerMinute: 10_000, ...overrides });
  const services = await createServices(database, config, clock);
  const app = await buildApp({ services, logger: false });
  await app.ready();
  return { app, services, clock };
}

/** Index of 1 July 1972, the first day of the production tests' daily reports (before TEST_EPOCH). */
export const FIRST_REPORT_DAY = periodIndex('1972-07-01', 'daily')!;

/** The daily report period `d` days after FIRST_REPORT_DAY: '1972-07-01' for 0. */
export function reportDay(d: number): string {
  return periodOf(FIRST_REPORT_DAY + d, 'daily');
}

/** Services over `database` with test settings (no logging) and a manual clock, by default at TEST_EPOCH. */
export async function createTestServices(
  database: Database,
  clock: ManualClock = new ManualClock(TEST_EPOCH),
): Promise<Services> {
  return createServices(database, defaultConfig({ logLevel: 'silent' }), clock);
}

let counter = 0;

/** A unique user name for this test process. */
export function uniqueUsername(prefix = 'user'): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}`;
}

/** The password every factory account gets. */
export const TEST_PASSWORD = 'correct horse battery staple';

/** Creates a person with an account. */
export async function createPerson(
  services: Services,
  options: { username?: string; displayName?: string; isAdmin?: boolean } = {},
): Promise<{ accountId: string; personId: string; username: string }> {
  const username = options.username ?? uniqueUsername();
  const ids = await services.identity.createAccount(
    { kind: 'system', name: 'test' },
    {
      username,
      password: TEST_PASSWORD,
      displayName: options.displayName ?? username,
      isAdmin: options.isAdmin ?? false,
    },
  );
  return { ...ids, username };
}

/** A signed-in session: the cookie header and CSRF token to send. */
export interface TestSession {
  readonly cookie: string;
  readonly csrf: string;
  readonly personId: string;
}

/** Signs in through the API and returns the session cookie and CSRF token. */
export async function signIn(
  app: FastifyInstance,
  username: string,
  password = TEST_PASSWORD,
): Promise<TestSession> {
  const res = await app.inject({ method: 'POST', url: '/api/session', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'cordones_session');
  if (!cookie) throw new Error('no session cookie');
  const body = res.json<{ csrfToken: string; personId: string }>();
  return { cookie: `cordones_session=${cookie.value}`, csrf: body.csrfToken, personId: body.personId };
}

/** Creates a person and signs them in. */
export async function signedInPerson(
  test: TestApp,
  options: { isAdmin?: boolean } = {},
): Promise<TestSession & { accountId: string; username: string }> {
  const person = await createPerson(test.services, options);
  return { ...person, ...(await signIn(test.app, person.username)) };
}

/** Founds a body with the given members. */
export async function createBody(
  services: Services,
  options: {
    kind?: string;
    name?: string;
    members?: { personId: string; role: BodyRole }[];
    seats?: { constituencyId: string; holderPersonId: string | null }[];
  } = {},
): Promise<string> {
  return services.councils.foundBody(
    {
      kind: options.kind ?? 'workplace-assembly',
      name: options.name ?? uniqueUsername('body'),
      members: options.members ?? [],
      seats: options.seats ?? [],
    },
    { actorName: 'test' },
  );
}

/** Headers for a request as the signed-in person (with CSRF for writes). */
export function as(session: TestSession): Record<string, string> {
  return { cookie: session.cookie, 'x-csrf-token': session.csrf };
}

/** The problem document of a response, checking its content type. */
export function problem(res: LightMyRequestResponse): {
  code: string;
  field?: string;
  detail: string;
  status: number;
} {
  if (!String(res.headers['content-type']).startsWith('application/problem+json')) {
    throw new Error(`expected problem+json, got ${res.headers['content-type']}: ${res.body}`);
  }
  return res.json();
}

/** Creates a person and returns them as a principal (for service-level tests, no HTTP session). */
export async function createPrincipal(
  services: Services,
  options: { displayName?: string; isAdmin?: boolean } = {},
): Promise<PersonPrincipal> {
  const p = await createPerson(services, options);
  return {
    kind: 'person',
    accountId: p.accountId,
    personId: p.personId,
    username: p.username,
    displayName: options.displayName ?? p.username,
    isAdmin: options.isAdmin ?? false,
    locale: 'es',
    sessionId: 'test',
    csrfToken: 'test',
  };
}

/** A person principal for calling services directly (no session behind it). */
export function personPrincipal(
  person: { accountId: string; personId: string; username: string },
  options: { isAdmin?: boolean } = {},
): PersonPrincipal {
  return {
    kind: 'person',
    accountId: person.accountId,
    personId: person.personId,
    username: person.username,
    displayName: person.username,
    isAdmin: options.isAdmin ?? false,
    locale: 'en',
    sessionId: 'test',
    csrfToken: 'test',
  };
}

/**
 * A textile workplace registered by the system in assembly `bodyId` (an occupied factory of the
 * Cordón Vicuña Mackenna), for production tests that need one and do not care which.
 *
 * @example const workplace = await createTestWorkplace(services, fed.bodies.assemblyA);
 */
export async function createTestWorkplace(
  services: Services,
  bodyId: string,
  name = 'Textil Sumar',
): Promise<{ id: string }> {
  return services.production.register.createWorkplace(
    { kind: 'system', name: 'test' },
    {
      bodyId,
      name,
      sector: 'textiles',
      latitude: -33.49,
      longitude: -70.62,
      workforce: 1200,
      status: 'occupied',
      since: '1972-01-01',
    },
  );
}

/**
 * A small federation for production tests: two workplace assemblies (A with a secretary and a
 * plain member, B with a secretary) → a cordón → a regional council → the national assembly, each
 * council with one delegate, and an outsider.
 */
export async function createFederation(services: Services): Promise<{
  people: Record<
    | 'secretaryA'
    | 'memberA'
    | 'secretaryB'
    | 'cordonDelegate'
    | 'regionDelegate'
    | 'nationDelegate'
    | 'outsider'
    | 'admin',
    { accountId: string; personId: string; username: string }
  >;
  bodies: { assemblyA: string; assemblyB: string; cordon: string; region: string; nation: string };
}> {
  const names = [
    'secretaryA',
    'memberA',
    'secretaryB',
    'cordonDelegate',
    'regionDelegate',
    'nationDelegate',
    'outsider',
    'admin',
  ] as const;
  const people = {} as Record<
    (typeof names)[number],
    { accountId: string; personId: string; username: string }
  >;
  for (const name of names) people[name] = await createPerson(services, { isAdmin: name === 'admin' });
  const assemblyA = await createBody(services, {
    name: uniqueUsername('Asamblea A'),
    members: [
      { personId: people.secretaryA.personId, role: 'secretary' },
      { personId: people.memberA.personId, role: 'member' },
    ],
  });
  const assemblyB = await createBody(services, {
    name: uniqueUsername('Asamblea B'),
    members: [{ personId: people.secretaryB.personId, role: 'secretary' }],
  });
  const cordon = await createBody(services, {
    kind: 'cordon',
    name: uniqueUsername('Cordón'),
    seats: [
      { constituencyId: assemblyA, holderPersonId: people.cordonDelegate.personId },
      { constituencyId: assemblyB, holderPersonId: null },
    ],
  });
  const region = await createBody(services, {
    kind: 'regional-council',
    name: uniqueUsername('Consejo Regional'),
    seats: [{ constituencyId: cordon, holderPersonId: people.regionDelegate.personId }],
  });
  const nation = await createBody(services, {
    kind: 'national-assembly',
    name: uniqueUsername('Asamblea Nacional'),
    seats: [{ constituencyId: region, holderPersonId: people.nationDelegate.personId }],
  });
  return { people, bodies: { assemblyA, assemblyB, cordon, region, nation } };
}

/**
 * Two supply committees for supply tests: committee A with a chair (officer) and a plain member,
 * committee B with its own chair, and an outsider; all as principals, plus claim-token principals
 * for each committee (as a distribution point's device would hold).
 */
export async function createSupplyCommittees(services: Services): Promise<{
  committeeA: string;
  committeeB: string;
  chairA: PersonPrincipal;
  memberA: PersonPrincipal;
  chairB: PersonPrincipal;
  outsider: PersonPrincipal;
  tokenA: TokenPrincipal;
  tokenB: TokenPrincipal;
}> {
  const [chairA, memberA, chairB, outsider] = [
    await createPrincipal(services),
    await createPrincipal(services),
    await createPrincipal(services),
    await createPrincipal(services),
  ];
  const committeeA = await createBody(services, {
    kind: 'supply-committee',
    name: uniqueUsername('JAP A'),
    members: [
      { personId: chairA.personId, role: 'chair' },
      { personId: memberA.personId, role: 'member' },
    ],
  });
  const committeeB = await createBody(services, {
    kind: 'supply-committee',
    name: uniqueUsername('JAP B'),
    members: [{ personId: chairB.personId, role: 'chair' }],
  });
  const token = (bodyId: string, accountId: string): TokenPrincipal => ({
    kind: 'token',
    tokenId: `supply-token-${bodyId}`,
    accountId,
    scopes: ['supply:claim'],
    bodyId,
  });
  return {
    committeeA,
    committeeB,
    chairA,
    memberA,
    chairB,
    outsider,
    tokenA: token(committeeA, chairA.accountId),
    tokenB: token(committeeB, chairB.accountId),
  };
}
