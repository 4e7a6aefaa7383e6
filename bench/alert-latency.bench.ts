import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { defaultConfig } from '../src/core/config.js';
import { openDatabase } from '../src/db/database.js';
import { migrateUp } from '../src/db/migrator.js';
import { createServices } from '../src/server/services.js';
import { buildWeb, webBuildStale } from '../src/server/web-build.js';
import { benchDatabase, startBenchServer } from './bench-server.js';

// Figure `alert-latency`: report-to-alert-on-screen. The server runs in its own process
// (`cordones serve`, as in production); a real Chromium (/usr/bin/chromium, playwright-core) has the
// production page open, signed in as the workplace assembly's secretary, its alert board loaded and
// its event stream live. Each repetition posts one anomalous report of another indicator over HTTP
// (POST /api/reports, as a workplace's sender would) and the clock runs from just before the request
// until a new `.alert-item` is in the board's DOM: ingest, forecast, alert, commit, SSE to the page,
// the board's reload (GET /api/alerts) and React's render. Target: < 1 s.

const CHROMIUM = '/usr/bin/chromium';
const PASSWORD = 'bench password 1972';
const DAY_MS = 86_400_000;
const STEADY_DAYS = 40;

/** The UTC day `daysAgo` days before now, as a daily report period. */
function day(daysAgo: number): string {
  return new Date(Date.now() - daysAgo * DAY_MS).toISOString().slice(0, 10);
}

/** Percentile `q` (0–1) of sorted values, nearest rank. */
function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

/**
 * One workplace assembly with its secretary, and `count` indicators, each with a steady history up
 * to two days ago and a first collapsed value yesterday: the forecaster is past its warm-up and a
 * second collapsed value (today) confirms the step and raises the alert.
 */
async function prepare(
  target: Parameters<typeof openDatabase>[0],
  count: number,
): Promise<{ bodyId: string; indicators: string[] }> {
  const database = await openDatabase(target);
  const migrated = await migrateUp(database.db);
  if (migrated.status !== 'ok') throw new Error(`migration failed: ${migrated.error}`);
  const services = await createServices(database, defaultConfig());
  const system = { kind: 'system', name: 'bench' } as const;
  const { personId } = await services.identity.createAccount(system, {
    username: 'latency',
    password: PASSWORD,
    displayName: 'Secretaria',
  });
  const bodyId = await services.councils.foundBody(
    { kind: 'workplace-assembly', name: 'Asamblea Textil Sumar', members: [{ personId, role: 'secretary' }] },
    { actorName: 'bench' },
  );
  const workplace = await services.production.register.createWorkplace(system, {
    bodyId,
    name: 'Textil Sumar',
    sector: 'textiles',
    latitude: -33.4895,
    longitude: -70.6156,
    workforce: 1200,
    status: 'occupied',
    since: '1972-01-01',
  });
  const created = await services.production.register.createIndicators(
    system,
    workplace.id,
    Array.from({ length: count }, (_, i) => ({
      name: `Telares ${i + 1}`,
      kind: 'custom' as const,
      unit: 'looms',
    })),
  );
  const indicators = created.map((i) => i.id);
  let seed = 12345;
  const items = indicators.flatMap((indicatorId) => [
    ...Array.from({ length: STEADY_DAYS }, (_, k) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return {
        indicatorId,
        period: day(STEADY_DAYS + 1 - k),
        value: Math.round(1000 + ((seed / 2147483648) * 2 - 1) * 8),
      };
    }),
    { indicatorId, period: day(1), value: 300 },
  ]);
  const history = await services.production.reports.ingest(system, items);
  if (history.rejected.length > 0 || history.alertsRaised > 0)
    throw new Error(`history not as planned: ${JSON.stringify(history).slice(0, 300)}`);
  await database.close();
  return { bodyId, indicators };
}

/** Runs the bench: `npm run bench -- alert-latency [--repeat 20] [--dialect sqlite|postgres]`. */
export default async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      repeat: { type: 'string', default: '20' },
      dialect: { type: 'string', default: 'sqlite' },
    },
  });
  const repeat = Number(values.repeat);
  if (webBuildStale()) {
    console.log('alert-latency: building the web app first');
    await buildWeb();
  }
  const database = await benchDatabase(values.dialect, 'cordones_bench_alert_latency');
  if (!database) return;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-sync',
    ],
  });
  try {
    const { bodyId, indicators } = await prepare(database.target, repeat);
    const server = await startBenchServer(database.url);
    try {
      // the sender: its own session, as a workplace's reporting machine would have
      const signIn = await fetch(`${server.url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'latency', password: PASSWORD }),
      });
      if (signIn.status !== 200) throw new Error(`sign-in failed: ${signIn.status}`);
      const headers = {
        cookie: (signIn.headers.get('set-cookie') ?? '').split(';')[0]!,
        'x-csrf-token': ((await signIn.json()) as { csrfToken: string }).csrfToken,
        'content-type': 'application/json',
      };

      const context = await browser.newContext({
        locale: 'es-CL',
        baseURL: server.url,
        viewport: { width: 1280, height: 800 },
      });
      const page = await context.newPage();
      await page.goto('/sign-in');
      await page.getByLabel('Nombre de usuario').fill('latency');
      await page.getByLabel('Contraseña').fill(PASSWORD);
      await page.getByRole('button', { name: 'Iniciar sesión' }).click();
      await page.locator('.bodies').waitFor();
      await page.goto('/production');
      const board = `.alert-board[data-body-id="${bodyId}"]`;
      await page.locator(`${board} >> text=No hay alertas abiertas.`).waitFor();
      await page.locator('.stream-status', { hasText: 'En vivo' }).waitFor();

      // the page notes, by the same wall clock as this process, when each new alert item appears
      await page.evaluate(`(() => {
        const selector = ${JSON.stringify(`${board} .alert-item`)};
        window.__shown = [];
        new MutationObserver(() => {
          const n = document.querySelectorAll(selector).length;
          while (window.__shown.length < n) window.__shown.push(performance.timeOrigin + performance.now());
        }).observe(document.body, { childList: true, subtree: true });
      })()`);
      const latencies: number[] = [];
      for (const [i, indicatorId] of indicators.entries()) {
        const start = performance.timeOrigin + performance.now();
        const res = await fetch(`${server.url}/api/reports`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ items: [{ indicatorId, period: day(0), value: 300 }] }),
        });
        const outcome = (await res.json()) as { alertsRaised?: number };
        if (res.status !== 200 || outcome.alertsRaised !== 1)
          throw new Error(`the report raised no alert: ${res.status} ${JSON.stringify(outcome)}`);
        await page.waitForFunction(`window.__shown.length >= ${i + 1}`, undefined, { timeout: 30_000 });
        const shownAt = (await page.evaluate(`window.__shown[${i}]`)) as number;
        latencies.push(shownAt - start);
        // a pause between reports, so each is measured on a quiet page
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      await context.close();
      const sorted = [...latencies].sort((a, b) => a - b);
      const ms = (v: number) => `${v.toFixed(0)} ms`;
      console.log(
        `alert-latency ${values.dialect}: ${repeat} anomalous reports over HTTP → alert on the production board in Chromium: ` +
          `p50 ${ms(percentile(sorted, 0.5))}, p95 ${ms(percentile(sorted, 0.95))}, max ${ms(sorted.at(-1)!)} (target < 1 s; server in its own process)`,
      );
    } finally {
      await server.stop();
    }
  } finally {
    await browser.close();
    await database.cleanup();
  }
}
