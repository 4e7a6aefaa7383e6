import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  as,
  createBody,
  createPerson,
  createTestApp,
  problem,
  signedInPerson,
  signIn,
  TEST_PASSWORD,
  type TestApp,
} from '../../test/factories.js';
import { describeEachDialect } from '../db/test-databases.js';

describeEachDialect('identity over HTTP', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(database());
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('signs in, shows the person with their bodies, and signs out', async () => {
    const person = await createPerson(t.services, { displayName: 'Ana Rojas' });
    const bodyId = await createBody(t.services, {
      name: 'Asamblea Sumar',
      members: [{ personId: person.personId, role: 'secretary' }],
    });
    const session = await signIn(t.app, person.username);
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: session.cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      displayName: 'Ana Rojas',
      bodies: [{ bodyId, name: 'Asamblea Sumar', roles: ['secretary'] }],
    });

    const out = await t.app.inject({ method: 'DELETE', url: '/api/session', headers: as(session) });
    expect(out.statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: session.cookie } });
    expect(after.statusCode).toBe(401);
    expect(problem(after).code).toBe('unauthenticated');
  });

  it('sets an HTTP-only SameSite session cookie', async () => {
    const person = await createPerson(t.services);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: person.username, password: TEST_PASSWORD },
    });
    const cookie = res.cookies.find((c) => c.name === 'cordones_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
  });

  it('refuses a wrong password and an unknown user alike', async () => {
    const person = await createPerson(t.services);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: person.username, password: 'not the password' },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'nobody-here', password: 'whatever123' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(problem(wrong)).toMatchObject({ code: 'invalid-credentials' });
    expect(problem(unknown).detail).toBe(problem(wrong).detail);
  });

  it('requires the CSRF token on cookie-authenticated writes', async () => {
    const session = await signedInPerson(t);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: { cookie: session.cookie },
      payload: { name: 'x', scopes: ['audit:read'] },
    });
    expect(res.statusCode).toBe(403);
    expect(problem(res)).toMatchObject({ code: 'csrf-failed', field: 'header.x-csrf-token' });
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: { cookie: session.cookie, 'x-csrf-token': 'guess' },
      payload: { name: 'x', scopes: ['audit:read'] },
    });
    expect(problem(wrong).code).toBe('csrf-failed');
  });

  it('changes the password, ending other sessions', async () => {
    const person = await createPerson(t.services);
    const first = await signIn(t.app, person.username);
    const second = await signIn(t.app, person.username);
    const short = await t.app.inject({
      method: 'POST',
      url: '/api/me/password',
      headers: as(first),
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'short' },
    });
    expect(problem(short)).toMatchObject({ code: 'weak-password', field: 'newPassword' });
    const wrongCurrent = await t.app.inject({
      method: 'POST',
      url: '/api/me/password',
      headers: as(first),
      payload: { currentPassword: 'not it at all', newPassword: 'a brand new passphrase' },
    });
    expect(problem(wrongCurrent)).toMatchObject({ code: 'validation', field: 'currentPassword' });
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/me/password',
      headers: as(first),
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'a brand new passphrase' },
    });
    expect(ok.statusCode).toBe(204);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: first.cookie } })).statusCode,
    ).toBe(200);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: second.cookie } })).statusCode,
    ).toBe(401);
    await expect(signIn(t.app, person.username)).rejects.toThrow();
    await signIn(t.app, person.username, 'a brand new passphrase');
  });

  it('expires sessions after the configured time without use', async () => {
    const session = await signedInPerson(t);
    t.clock.advance(73 * 3600_000);
    const res = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: session.cookie } });
    expect(res.statusCode).toBe(401);
  });

  it('creates an API token shown once, stores only its hash, and revokes it', async () => {
    const session = await signedInPerson(t);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: as(session),
      payload: { name: 'verifier', scopes: ['audit:read'] },
    });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json<{ id: string; token: string }>();
    expect(token).toMatch(/^cdt_/);
    const rows = await database().db.selectFrom('api_tokens').selectAll().where('id', '=', id).execute();
    expect(JSON.stringify(rows)).not.toContain(token.slice(4));

    const listed = await t.app.inject({ method: 'GET', url: '/api/tokens', headers: as(session) });
    expect(listed.json().tokens).toEqual([
      expect.objectContaining({ id, name: 'verifier', scopes: ['audit:read'], revokedAt: null }),
    ]);
    expect(listed.body).not.toContain(token);

    const read = await t.app.inject({
      method: 'GET',
      url: '/api/audit?limit=5',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(read.statusCode).toBe(200);
    // a machine token may not act as a person
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(problem(me).code).toBe('forbidden');

    const revoke = await t.app.inject({ method: 'DELETE', url: `/api/tokens/${id}`, headers: as(session) });
    expect(revoke.statusCode).toBe(204);
    const after = await t.app.inject({
      method: 'GET',
      url: '/api/audit',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(problem(after).code).toBe('invalid-token');
  });

  it('refuses a token on another instance as soon as it is revoked, every request of a burst alike', async () => {
    // a second instance of the server on the same database (lookups of arriving requests are shared)
    const other = await createTestApp(database());
    try {
      const session = await signedInPerson(t);
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/tokens',
        headers: as(session),
        payload: { name: 'lector', scopes: ['audit:read'] },
      });
      const { id, token } = created.json<{ id: string; token: string }>();
      const burst = () =>
        Promise.all(
          Array.from({ length: 20 }, () =>
            other.app.inject({
              method: 'GET',
              url: '/api/audit?limit=1',
              headers: { authorization: `Bearer ${token}` },
            }),
          ),
        );
      expect((await burst()).map((r) => r.statusCode)).toEqual(Array(20).fill(200));
      const revoke = await t.app.inject({ method: 'DELETE', url: `/api/tokens/${id}`, headers: as(session) });
      expect(revoke.statusCode).toBe(204);
      expect((await burst()).map((r) => problem(r).code)).toEqual(Array(20).fill('invalid-token'));
    } finally {
      await other.app.close();
    }
  });

  it("answers another person's token as not found, and refuses tokens for bodies one does not manage", async () => {
    const owner = await signedInPerson(t);
    const other = await signedInPerson(t);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: as(owner),
      payload: { name: 'mine', scopes: ['audit:read'] },
    });
    const { id } = created.json<{ id: string }>();
    const res = await t.app.inject({ method: 'DELETE', url: `/api/tokens/${id}`, headers: as(other) });
    expect(problem(res)).toMatchObject({ status: 404, code: 'not-found' });

    const bodyId = await createBody(t.services, {
      members: [
        { personId: owner.personId, role: 'secretary' },
        { personId: other.personId, role: 'member' },
      ],
    });
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: as(other),
      payload: { name: 'lathe', scopes: ['production:report'], bodyId },
    });
    expect(problem(refused).code).toBe('forbidden');
    const allowed = await t.app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: as(owner),
      payload: { name: 'lathe', scopes: ['production:report'], bodyId },
    });
    expect(allowed.statusCode).toBe(201);
  });

  it('limits sign-in attempts per client', async () => {
    const person = await createPerson(t.services);
    const limited = await createTestApp(database(), { signInPerMinute: 3 });
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await limited.app.inject({
        method: 'POST',
        url: '/api/session',
        // the count is kept in the database, shared with this file's other apps: a client of its own
        remoteAddress: '192.0.2.3',
        payload: { username: person.username, password: 'wrong password' },
      });
      codes.push(res.statusCode);
    }
    expect(codes).toEqual([401, 401, 401, 429, 429]);
    await limited.app.close();
  });
});
