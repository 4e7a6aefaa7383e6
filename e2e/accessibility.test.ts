import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe-violations.js';
import { chromiumMissing, DESKTOP, type E2e, type E2ePerson, PHONE, startE2e } from './browser.js';

// Set CORDONES_SCREENSHOTS=<folder> to keep a PNG of every page checked, for a look at the layout.
const SHOTS = process.env.CORDONES_SCREENSHOTS;

// Generous: the machine running the tests may be busy.
const WAIT = { timeout: 15_000, interval: 100 };

const VIEWPORTS = [
  { name: 'desktop', size: DESKTOP },
  { name: 'phone', size: PHONE },
] as const;

// Each page the web shell has, and what shows that it finished loading.
const PAGES = [
  { name: 'home', path: '/', ready: '.loop-figures' },
  { name: 'tour', path: '/tour', ready: '.tour li' },
  { name: 'audit', path: '/audit', ready: '.event-list .event' },
  { name: 'account', path: '/account', ready: '.tokens li' },
  { name: 'councils', path: '/councils', ready: '.federation-graph' },
] as const;

describe.skipIf(chromiumMissing !== null)(
  'accessibility (axe-core: no serious or critical violations)',
  () => {
    let e2e: E2e;
    let person: E2ePerson;

    async function check(page: Page, shot: string): Promise<void> {
      if (SHOTS) {
        mkdirSync(SHOTS, { recursive: true });
        await page.screenshot({ path: join(SHOTS, `${shot}.png`), fullPage: true });
      }
      expect(await axeViolations(page), shot).toEqual([]);
    }

    beforeAll(async () => {
      e2e = await startE2e();
      person = await e2e.createPerson({
        displayName: 'Luis Figueroa Contreras',
        bodies: [
          { name: 'Asamblea Cristalerías Chile', kind: 'workplace-assembly', role: 'secretary' },
          { name: 'JAP Población La Victoria', kind: 'supply-committee', role: 'member' },
        ],
      });
      // Something to show in the token list and the audit log.
      const outcome = await e2e.services.identity.signIn(person.username, person.password);
      if (outcome.status !== 'signed-in') throw new Error('sign-in failed');
      await e2e.services.identity.createApiToken(outcome.principal, {
        name: 'Lector de auditoría',
        scopes: ['audit:read'],
      });
    });

    afterAll(async () => {
      await e2e?.close();
    });

    for (const viewport of VIEWPORTS) {
      it(`every page at ${viewport.name} width (${viewport.size.width} px)`, async () => {
        const { context, page } = await e2e.newPage(viewport.size);
        try {
          await page.goto('/sign-in');
          await page.locator('#sign-in-username').waitFor();
          await check(page, `${viewport.name}-sign-in`);
          // The refused sign-in, with its error shown.
          await page.getByLabel('Nombre de usuario').fill(person.username);
          await page.getByLabel('Contraseña').fill('wrong password');
          await page.getByRole('button', { name: 'Iniciar sesión' }).click();
          await page.locator('.error-box').waitFor();
          await check(page, `${viewport.name}-sign-in-error`);

          await page.getByLabel('Contraseña').fill(person.password);
          await page.getByRole('button', { name: 'Iniciar sesión' }).click();
          await page.locator('.bodies').waitFor();
          for (const target of PAGES) {
            await page.goto(target.path);
            await page.locator(target.ready).first().waitFor();
            await check(page, `${viewport.name}-${target.name}`);
            // Nothing sticks out sideways, down to the phone width.
            const overflow = await page.evaluate(() => {
              const root = (
                globalThis as unknown as {
                  document: { documentElement: { scrollWidth: number; clientWidth: number } };
                }
              ).document.documentElement;
              return root.scrollWidth - root.clientWidth;
            });
            expect(overflow, `${target.name} scrolls sideways`).toBeLessThanOrEqual(0);
          }
          // The account page with a new token's secret on show.
          await page.goto('/account');
          await page.getByLabel('Nombre', { exact: true }).fill(`Telar ${viewport.name}`);
          await page.getByRole('checkbox', { name: /production:report/ }).check();
          await page.getByRole('button', { name: 'Crear token' }).click();
          await page.locator('#token-secret').waitFor();
          await check(page, `${viewport.name}-account-secret`);
          if (viewport.name === 'phone') {
            // The navigation hides behind the menu button, which opens it; Escape closes it again.
            const menu = page.getByRole('button', { name: 'Menú' });
            const councils = page.getByRole('link', { name: 'Consejos' });
            expect(await councils.isVisible()).toBe(false);
            await menu.click();
            await expect.poll(() => menu.getAttribute('aria-expanded'), WAIT).toBe('true');
            await councils.waitFor();
            await check(page, 'phone-menu-open');
            await councils.focus();
            await page.keyboard.press('Escape');
            await expect.poll(() => menu.getAttribute('aria-expanded'), WAIT).toBe('false');
            await expect.poll(() => councils.isVisible(), WAIT).toBe(false);
          }
          await page.getByRole('button', { name: 'English' }).click();
          await page.locator('html[lang="en"]').waitFor();
          await check(page, `${viewport.name}-english`);
        } finally {
          await context.close();
        }
      });
    }
  },
);
