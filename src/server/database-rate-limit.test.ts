import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPerson, createTestApp, problem, type TestApp } from '../../test/factories.js';
import { describeEachDialect } from '../db/test-databases.js';

describeEachDialect('sign-in rate limit shared by instances', (database) => {
  let one: TestApp;
  let two: TestApp;
  beforeAll(async () => {
    // two instances of the server on one database, as behind a proxy
    one = await createTestApp(database(), { signInPerMinute: 3 });
    two = await createTestApp(database(), { signInPerMinute: 3 });
  });
  afterAll(async () => {
    await one.app.close();
    await two.app.close();
  });

  const attempt = (t: TestApp, username: string, remoteAddress: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/session',
      remoteAddress,
      payload: { username, password: 'wrong password' },
    });

  it('counts the attempts of one client on every instance together', async () => {
    const { username } = await createPerson(one.services);
    const codes: number[] = [];
    for (const t of [one, two, one, two, one])
      codes.push((await attempt(t, username, '192.0.2.10')).statusCode);
    expect(codes).toEqual([401, 401, 401, 429, 429]);
    const refused = await attempt(two, username, '192.0.2.10');
    expect(problem(refused).code).toBe('rate-limited');
    // another client is not held back by the first one's attempts
    expect((await attempt(two, username, '192.0.2.11')).statusCode).toBe(401);
  });

  it('starts a new window once the minute has passed', async () => {
    const { username } = await createPerson(one.services);
    for (let i = 0; i < 4; i++) await attempt(one, username, '192.0.2.20');
    expect((await attempt(two, username, '192.0.2.20')).statusCode).toBe(429);
    one.clock.advance(60_000);
    two.clock.advance(60_000);
    expect((await attempt(two, username, '192.0.2.20')).statusCode).toBe(401);
  });

  it('counts each client behind a trusted proxy, not the proxy', async () => {
    const proxied = await createTestApp(database(), { signInPerMinute: 3, trustProxy: true });
    try {
      const { username } = await createPerson(one.services);
      const from = (client: string) =>
        proxied.app.inject({
          method: 'POST',
          url: '/api/session',
          remoteAddress: '192.0.2.30',
          headers: { 'x-forwarded-for': client },
          payload: { username, password: 'wrong password' },
        });
      for (let i = 0; i < 3; i++) expect((await from('198.51.100.1')).statusCode).toBe(401);
      expect((await from('198.51.100.1')).statusCode).toBe(429);
      expect((await from('198.51.100.2')).statusCode).toBe(401);
    } finally {
      await proxied.app.close();
    }
  });
});
