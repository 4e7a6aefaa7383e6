import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, problem, signedInPerson, type TestApp } from '../../test/factories.js';
import { MIGRATIONS } from '../db/migrations/index.js';
import { openTestDatabase, type TestDatabase } from '../db/test-databases.js';
import { commandMeta } from './command-meta.js';
import { sendProblem, toProblem } from './problem.js';

const LAST_MIGRATION = Object.keys(MIGRATIONS).at(-1);

describe('HTTP edges', () => {
  let db: TestDatabase;
  let t: TestApp;
  beforeAll(async () => {
    db = await openTestDatabase('sqlite');
    t = await createTestApp(db.database, { bodyLimitBytes: 4096 });
  });
  afterAll(async () => {
    await t.app.close();
    await db.dispose();
  });

  it('reports health with the database kind and migration', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.json()).toMatchObject({
      status: 'ok',
      database: 'sqlite',
      migration: LAST_MIGRATION,
      pendingMigrations: 0,
    });
  });

  it('serves OpenAPI 3 generated from the route schemas, and a docs page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/session', '/api/me', '/api/tokens', '/api/audit', '/api/health']),
    );
    expect(doc.paths['/api/session'].post.requestBody.content['application/json'].schema.required).toEqual([
      'username',
      'password',
    ]);
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('names malformed JSON', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": "a",',
    });
    expect(res.statusCode).toBe(400);
    expect(problem(res)).toMatchObject({ code: 'malformed-json', field: 'body' });
  });

  it('names a wrong type, a missing field and an unknown field, without coercion', async () => {
    const wrongType = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 42, password: 'x' },
    });
    expect(problem(wrongType)).toMatchObject({ status: 400, code: 'validation', field: 'body.username' });
    const missing = await t.app.inject({ method: 'POST', url: '/api/session', payload: { username: 'a' } });
    expect(problem(missing)).toMatchObject({ code: 'validation', field: 'body.password' });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'a', password: 'b', admin: true },
    });
    expect(problem(unknown)).toMatchObject({ code: 'unknown-field', field: 'body.admin' });
  });

  it('refuses bodies over the limit with 413 and other media types with 415', async () => {
    const big = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'a', password: 'x'.repeat(5000) },
    });
    expect(problem(big)).toMatchObject({ status: 413, code: 'body-too-large' });
    const form = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'username=a&password=b',
    });
    expect(problem(form)).toMatchObject({ status: 415, code: 'unsupported-media-type' });
  });

  it('answers in Spanish or English as the client asks', async () => {
    const es = await t.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { 'accept-language': 'es-CL,es;q=0.9' },
    });
    expect(problem(es).detail).toBe('Primero inicie sesión');
    const en = await t.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { 'accept-language': 'en-GB,en;q=0.8' },
    });
    expect(problem(en).detail).toBe('Sign in first');
    const cookie = await t.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { 'accept-language': 'es', cookie: 'cordones_lang=en' },
    });
    expect(problem(cookie).detail).toBe('Sign in first');
    const field = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'accept-language': 'es' },
      payload: { username: 'a' },
    });
    expect(problem(field).detail).toBe('body.password: es obligatorio');
  });

  it('answers unknown API routes with a problem, never a stack trace', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(problem(res)).toMatchObject({ status: 404, code: 'route-not-found' });
    expect(res.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('pages the audit log, showing each person only what they may see', async () => {
    const a = await signedInPerson(t);
    const b = await signedInPerson(t);
    const page = await t.app.inject({
      method: 'GET',
      url: '/api/audit?limit=100',
      headers: { cookie: a.cookie },
    });
    expect(page.statusCode).toBe(200);
    const events = page.json<{ events: { action: string; subjectId: string }[] }>().events;
    expect(events.some((e) => e.action === 'identity.signed-in' && e.subjectId === a.accountId)).toBe(true);
    expect(events.some((e) => e.subjectId === b.accountId)).toBe(false);
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/audit?limit=abc',
      headers: { cookie: a.cookie },
    });
    expect(problem(bad)).toMatchObject({ code: 'validation', field: 'querystring.limit' });
    const verification = await t.app.inject({
      method: 'GET',
      url: '/api/audit/verification',
      headers: { cookie: a.cookie },
    });
    expect(verification.json()).toMatchObject({ status: 'intact' });
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/audit' });
    expect(problem(anonymous).status).toBe(401);
  });
});

describe('idempotent writes over HTTP', () => {
  it('returns the first result for a retried Idempotency-Key and refuses the key for another body', async () => {
    const db = await openTestDatabase('sqlite');
    const t = await createTestApp(db.database);
    const session = await signedInPerson(t);
    const app = Fastify();
    app.setErrorHandler((error, request, reply) => sendProblem(reply, toProblem(error, request, 'en', 1024)));
    let runs = 0;
    app.post('/count', async (request) => {
      request.principal = await t.services.identity.authenticateSession(session.cookie.split('=')[1]!);
      return t.services.audit.runCommand(commandMeta(request), async (c) => {
        runs += 1;
        c.record({ action: 'test.counted', subjectType: 'counter', subjectId: 'c' });
        return { runs };
      });
    });
    const headers = { 'idempotency-key': 'retry-me-0001' };
    const first = await app.inject({ method: 'POST', url: '/count', headers, payload: { n: 1 } });
    const retry = await app.inject({ method: 'POST', url: '/count', headers, payload: { n: 1 } });
    expect(first.json()).toEqual({ runs: 1 });
    expect(retry.json()).toEqual({ runs: 1 });
    expect(runs).toBe(1);
    const reused = await app.inject({ method: 'POST', url: '/count', headers, payload: { n: 2 } });
    expect(problem(reused)).toMatchObject({ status: 422, code: 'idempotency-key-reused' });
    const malformed = await app.inject({
      method: 'POST',
      url: '/count',
      headers: { 'idempotency-key': 'x' },
      payload: {},
    });
    expect(problem(malformed)).toMatchObject({ code: 'validation', field: 'header.idempotency-key' });
    await app.close();
    await t.app.close();
    await db.dispose();
  });
});
