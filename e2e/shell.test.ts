import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, type E2e, type E2ePerson, startE2e } from './browser.js';

// Generous: the machine running the tests may be busy, and sign-in hashes with argon2id.
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 100 });

// One server, one browser and one page for the whole walk through the shell, in order.
describe.skipIf(chromiumMissing !== null)('web shell in Chromium', () => {
  let e2e: E2e;
  let page: Page;
  let person: E2ePerson;
  const pageErrors: string[] = [];

  const heading = () => page.locator('main h1');
  const signIn = async (password: string) => {
    await page.getByLabel('Nombre de usuario').fill(person.username);
    await page.getByLabel('Contraseña').fill(password);
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
  };

  beforeAll(async () => {
    e2e = await startE2e();
    person = await e2e.createPerson({
      displayName: 'Rosa Ramírez',
      bodies: [
        { name: 'Asamblea Textil Sumar', kind: 'workplace-assembly', role: 'chair' },
        { name: 'JAP Villa Francia', kind: 'supply-committee', role: 'member' },
      ],
    });
    ({ page } = await e2e.newPage());
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await e2e?.close();
  });

  it('sends a signed-out visitor to the sign-in page, in Spanish by default', async () => {
    await page.goto('/audit');
    await poll(() => page.url()).toMatch(/\/sign-in$/);
    expect(await heading().textContent()).toBe('Iniciar sesión');
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    // Focus starts in the user-name field.
    expect(
      await page.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement
            .id,
      ),
    ).toBe('sign-in-username');
  });

  it('shows the server error for a wrong password and keeps the visitor on the page', async () => {
    await signIn('not the password');
    const alert = page.getByRole('alert');
    await poll(() => alert.textContent()).toBe('Nombre de usuario o contraseña incorrectos');
    expect(page.url()).toMatch(/\/sign-in$/);
  });

  it('signs in and shows the shell with the person, their bodies and roles', async () => {
    await signIn(person.password);
    // Back to the page that was asked for before sign-in.
    await poll(() => heading().textContent()).toBe('Registro de auditoría');
    await page.getByRole('navigation', { name: 'Áreas' }).getByRole('link', { name: 'Inicio' }).click();
    await poll(() => heading().textContent()).toBe('Bienvenida/o, Rosa Ramírez');
    const bodies = page.locator('.bodies li');
    expect(await bodies.count()).toBe(2);
    const texts = await bodies.allTextContents();
    expect(texts[0]).toContain('Asamblea Textil Sumar');
    expect(texts[0]).toContain('Asamblea de trabajadores');
    expect(texts[0]).toContain('presidencia');
    expect(texts[1]).toContain('JAP Villa Francia');
    expect(texts[1]).toContain('Junta de abastecimiento (JAP)');
    expect(texts[1]).toContain('integrante');
    expect(await page.locator('.account-link').textContent()).toContain('Rosa Ramírez');
  });

  it('delivers an action made through the API to the live feed, also across a reconnect', async () => {
    const status = page.locator('.stream-status');
    await poll(() => status.textContent()).toBe('En vivo');
    const signIns = page.locator('.feed li[data-action="identity.signed-in"]');
    const before = await signIns.count();
    // A second session of the same person, opened through the HTTP API from outside the browser.
    const signInFromOutside = async () => {
      const response = await fetch(`${e2e.baseUrl}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: person.username, password: person.password }),
      });
      expect(response.status).toBe(200);
    };
    await signInFromOutside();
    await poll(() => signIns.count()).toBe(before + 1);
    expect(await page.locator('.feed li').first().getAttribute('data-action')).toBe('identity.signed-in');
    expect(await page.locator('.feed li').first().textContent()).toContain('Inicio de sesión');

    // The server drops every connection; an event happens while the stream is down. The browser
    // reconnects with Last-Event-ID and the missed event is replayed.
    e2e.app.server.closeAllConnections();
    await poll(() => status.textContent()).toBe('Reconectando…');
    await signInFromOutside();
    await poll(() => status.textContent()).toBe('En vivo');
    await poll(() => signIns.count()).toBe(before + 2);
  });

  it('navigates to every area; none is left unbuilt', async () => {
    const nav = page.getByRole('navigation', { name: 'Áreas' });
    // Every area is built now (NOT_BUILT_AREAS is empty): Planning, the last one, opens its page.
    const area = 'Planificación';
    await nav.getByRole('link', { name: area, exact: true }).click();
    await poll(() => heading().textContent()).toBe(area);
    expect(await page.getByText('Esta área aún no está construida.').count()).toBe(0);
    expect(await nav.getByRole('link', { name: area, exact: true }).getAttribute('aria-current')).toBe(
      'page',
    );
    // Focus follows navigation to the new page's heading.
    expect(
      await page.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement: { tagName: string } } }).document
            .activeElement.tagName,
      ),
    ).toBe('H1');
  });

  it('pages the audit log, filters it by subject and verifies the chain', async () => {
    // Enough events for two pages (25 each): tokens made through the service as this person.
    const session = await e2e.services.identity.signIn(person.username, person.password);
    if (session.status !== 'signed-in') throw new Error('service sign-in failed');
    const tokenIds: string[] = [];
    for (let i = 1; i <= 30; i++) {
      const created = await e2e.services.identity.createApiToken(session.principal, {
        name: `Telar ${i}`,
        scopes: ['production:report'],
      });
      tokenIds.push(created.id);
    }
    const total = (await e2e.services.audit.list({ limit: 500 })).events.length;
    expect(total).toBeGreaterThan(25);

    await page.getByRole('navigation', { name: 'Áreas' }).getByRole('link', { name: 'Auditoría' }).click();
    const events = page.locator('.event-list .event');
    await poll(() => events.count()).toBe(25);
    expect(await events.first().textContent()).toContain('Token de API creado');
    await page.getByRole('button', { name: 'Cargar eventos anteriores' }).click();
    await poll(() => events.count()).toBe(total);
    expect(await events.last().textContent()).toContain('Evento n.º 1');
    expect(await events.last().textContent()).toContain('Cuenta creada');
    expect(await page.getByText('Este es el primer evento del registro.').count()).toBe(1);

    await page.getByLabel('Solo eventos sobre el sujeto (id)').fill(tokenIds[6] ?? '');
    await page.getByRole('button', { name: 'Filtrar' }).click();
    await poll(() => events.count()).toBe(1);
    expect(await events.first().textContent()).toContain('Token de API creado');
    await page.getByRole('button', { name: 'Mostrar todo' }).click();
    await poll(() => events.count()).toBe(25);

    await page.getByRole('button', { name: 'Verificar cadena' }).click();
    const verdict = page.locator('[data-verdict]');
    await poll(() => verdict.getAttribute('data-verdict')).toBe('intact');
    const head = await e2e.services.audit.verify();
    if (head.status !== 'intact') throw new Error('chain broken before the test broke it');
    expect(await verdict.textContent()).toBe(
      `La cadena está intacta. Eventos verificados: ${total}. Hash final: ${head.headHash.slice(0, 16)}.`,
    );

    // Someone edits a stored event behind the server's back; the check names that event.
    await sql`update audit_events set payload = ${'{"forged":true}'} where seq = 2`.execute(
      e2e.services.database.db,
    );
    await page.getByRole('button', { name: 'Verificar cadena' }).click();
    await poll(() => verdict.getAttribute('data-verdict')).toBe('broken');
    expect(await verdict.textContent()).toBe(
      'La cadena está rota en el evento n.º 2: su contenido ya no coincide con su hash, así que fue alterado. Eventos verificados antes: 1.',
    );
  });

  it('creates an API token, shows its secret once, lists it and revokes it', async () => {
    await page.getByRole('navigation', { name: 'Áreas' }).getByRole('link', { name: 'Cuenta' }).click();
    await poll(() => heading().textContent()).toBe('Cuenta');
    await page.getByLabel('Nombre', { exact: true }).fill('Verificador externo');
    await page.getByRole('checkbox', { name: /audit:read/ }).check();
    await page.getByRole('button', { name: 'Crear token' }).click();
    const secret = page.getByLabel('Secreto de «Verificador externo»');
    await poll(() => secret.inputValue()).toMatch(/^\S{20,}$/);
    const token = await secret.inputValue();
    // The secret works as a bearer token with the scope it was given.
    const audit = await fetch(`${e2e.baseUrl}/api/audit?limit=1`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(audit.status).toBe(200);
    await page.getByRole('button', { name: 'Ya lo guardé' }).click();
    await poll(() => secret.count()).toBe(0);
    const item = page.locator('.tokens li', { hasText: 'Verificador externo' });
    expect(await item.textContent()).toContain('audit:read');
    await item.getByRole('button', { name: 'Revocar: Verificador externo' }).click();
    await item.getByRole('button', { name: 'Sí, revocar' }).click();
    await poll(() => page.getByText('Token «Verificador externo» revocado.').count()).toBe(1);
    const after = await fetch(`${e2e.baseUrl}/api/audit?limit=1`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(after.status).toBe(401);
  });

  it('switches to English and back; API errors follow the language', async () => {
    const wrongPassword = async () => {
      await page.locator('#current-password').fill('not my password');
      await page.locator('#new-password').fill('a brand new password');
      await page.locator('#confirm-password').fill('a brand new password');
      await page.locator('#password-title ~ form button[type=submit]').click();
      return page.locator('#password-outcome .error-box');
    };
    await page.getByRole('button', { name: 'English' }).click();
    await poll(() => heading().textContent()).toBe('Account');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(
      await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Councils' }).count(),
    ).toBe(1);
    const english = await wrongPassword();
    await poll(() => english.textContent()).toBe('currentPassword: is not your current password');

    await page.getByRole('button', { name: 'Español' }).click();
    await poll(() => heading().textContent()).toBe('Cuenta');
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    const spanish = await wrongPassword();
    await poll(() => spanish.textContent()).toBe('currentPassword: no es su contraseña actual');
  });

  it('reaches the skip link and the navigation with the keyboard', async () => {
    await page.goto('/');
    await poll(() => heading().textContent()).toBe('Bienvenida/o, Rosa Ramírez');
    const active = () =>
      page.evaluate(() => {
        const el = (
          globalThis as unknown as {
            document: { activeElement: { tagName: string; textContent: string | null; id: string } | null };
          }
        ).document.activeElement;
        return el ? { tag: el.tagName, text: el.textContent?.trim() ?? '', id: el.id } : null;
      });
    await page.keyboard.press('Tab');
    expect(await active()).toMatchObject({ tag: 'A', text: 'Saltar al contenido' });
    await page.keyboard.press('Enter');
    await poll(async () => (await active())?.id).toBe('main');
    // From the top, Tab walks through the bar into the navigation.
    await page.goto('/');
    await poll(() => heading().textContent()).toBe('Bienvenida/o, Rosa Ramírez');
    const seen: string[] = [];
    for (let i = 0; i < 15 && !seen.includes('Consejos'); i++) {
      await page.keyboard.press('Tab');
      seen.push((await active())?.text ?? '');
    }
    expect(seen).toContain('Consejos');
    await page.keyboard.press('Enter');
    await poll(() => heading().textContent()).toBe('Consejos');
  });

  it('signs out back to the sign-in page, and the session is gone', async () => {
    await page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await poll(() => heading().textContent()).toBe('Iniciar sesión');
    await page.goto('/');
    await poll(() => page.url()).toMatch(/\/sign-in$/);
    expect(pageErrors).toEqual([]);
  });
});
