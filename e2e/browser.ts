import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { defaultConfig } from '../src/core/config.js';
import type { BodyRole } from '../src/councils/permission-policy.js';
import { openTestDatabase, STRICT, type TestDatabase } from '../src/db/test-databases.js';
import { buildApp } from '../src/server/app.js';
import { createServices, type Services } from '../src/server/services.js';
import { buildWeb, webBuildStale } from '../src/server/web-build.js';
import { createBody, createPerson, TEST_PASSWORD } from '../test/factories.js';

/** The system Chromium the browser tests drive; never a downloaded one. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Why the browser tests cannot run here (no Chromium at CHROMIUM_PATH), or null when they can.
 * In strict mode (`CORDONES_STRICT=1`, CI) a missing Chromium fails the run on import instead.
 */
export const chromiumMissing: string | null = existsSync(CHROMIUM_PATH)
  ? null
  : `no Chromium at ${CHROMIUM_PATH} (install the chromium package)`;

if (chromiumMissing) {
  if (STRICT) throw new Error(`Browser tests are required in strict mode but there is ${chromiumMissing}`);
  console.warn(`Skipping browser tests: ${chromiumMissing}`);
}

/** A phone-sized viewport (CSS pixels), the narrowest the web app is built for. */
export const PHONE = Object.freeze({ width: 360, height: 740 });
/** A laptop-sized viewport. */
export const DESKTOP = Object.freeze({ width: 1280, height: 800 });

/** A person with an account, created for a test. */
export interface E2ePerson {
  readonly personId: string;
  readonly username: string;
  readonly password: string;
  readonly displayName: string;
}

/** A running server over a fresh SQLite database, and a Chromium to drive it. */
export interface E2e {
  /** `http://127.0.0.1:<port>` of the server. */
  readonly baseUrl: string;
  readonly services: Services;
  readonly app: FastifyInstance;
  readonly browser: Browser;
  /** Creates a person with an account and, optionally, memberships in new bodies. */
  createPerson(options?: {
    displayName?: string;
    bodies?: { name: string; kind: string; role: BodyRole }[];
  }): Promise<E2ePerson>;
  /** A fresh browser context (own cookies) and page at `viewport`, in Spanish unless told. */
  newPage(viewport?: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }>;
  /** Closes the browser, the server and the database. */
  close(): Promise<void>;
}

/**
 * Signs in through the sign-in page, as a person does, and waits until the app leaves it (the
 * password of every `createPerson` is TEST_PASSWORD).
 *
 * @example await signInAs(page, person.username);
 */
export async function signInAs(page: Page, username: string, password = TEST_PASSWORD): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Nombre de usuario').fill(username);
  await page.getByLabel('Contraseña').fill(password);
  await page.getByRole('button', { name: 'Iniciar sesión' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

// Two test files may start at once; only one of them builds, the other waits for it.
const LOCK = join(tmpdir(), 'cordones-web-build.lock');
const LOCK_STALE_MS = 180_000;

async function ensureWebBuilt(): Promise<void> {
  for (;;) {
    try {
      mkdirSync(LOCK);
    } catch {
      const age = Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > LOCK_STALE_MS) rmSync(LOCK, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 250));
      continue;
    }
    try {
      if (webBuildStale()) {
        // The Vite config switches NODE_ENV to production for the build; the tests keep theirs.
        const nodeEnv = process.env.NODE_ENV;
        try {
          await buildWeb();
        } finally {
          process.env.NODE_ENV = nodeEnv;
        }
      }
      return;
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
}

/** Options of `startE2e`. */
export interface E2eOptions {
  /**
   * More Chromium switches, e.g. a fake camera fed from a file (FAKE_CAMERA_ARGS). Chromium opens
   * that file when a page starts the camera, so a test may write it after starting.
   */
  readonly chromiumArgs?: readonly string[];
}

/**
 * Switches that give Chromium a fake camera showing `file` (a Y4M or MJPEG video, looped) and
 * accept camera prompts without asking.
 */
export function fakeCameraArgs(file: string): string[] {
  return [
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    `--use-file-for-fake-video-capture=${file}`,
  ];
}

/**
 * Builds the web app if web/dist is stale, starts a real server on 127.0.0.1 (a free port) over an
 * in-memory SQLite database, and launches the system Chromium headless.
 *
 * @example const e2e = await startE2e(); const { page } = await e2e.newPage(); await page.goto(e2e.baseUrl);
 */
export async function startE2e(options: E2eOptions = {}): Promise<E2e> {
  await ensureWebBuilt();
  const database: TestDatabase = await openTestDatabase('sqlite');
  const config = defaultConfig({ logLevel: 'silent', demo: false, signInPerMinute: 10_000 });
  const services = await createServices(database.database, config);
  const app = await buildApp({ services, logger: false });
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, ...(options.chromiumArgs ?? [])],
    headless: true,
  });

  return {
    baseUrl,
    services,
    app,
    browser,
    async createPerson(options = {}) {
      const person = await createPerson(services, {
        displayName: options.displayName ?? 'Persona de prueba',
      });
      for (const body of options.bodies ?? []) {
        await createBody(services, {
          name: body.name,
          kind: body.kind,
          members: [{ personId: person.personId, role: body.role }],
        });
      }
      return {
        personId: person.personId,
        username: person.username,
        password: TEST_PASSWORD,
        displayName: options.displayName ?? 'Persona de prueba',
      };
    },
    async newPage(viewport = DESKTOP) {
      const context = await browser.newContext({ viewport, locale: 'es-CL', baseURL: baseUrl });
      const page = await context.newPage();
      return { context, page };
    },
    async close() {
      await browser.close();
      await app.close();
      await database.dispose();
    },
  };
}
