import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { base64url } from '../src/supply/core/base64url.js';
import { generateCommitteeKeys } from '../src/supply/core/committee-keys.js';
import type { RationCard } from '../src/supply/core/ration-card.js';
import { signCard } from '../src/supply/core/sign-card.js';

// Figure `cards-browser`: time to verify one ration card in Chromium with WebCrypto, by the same
// module the distribution-point page uses (src/supply/core/verify-card-web.ts, bundled here with
// esbuild), importing the committee key once per check as the page does. Target: < 5 ms.

const CHROMIUM = '/usr/bin/chromium';

/** Runs the bench: `npm run bench -- cards-browser [--checks 500]`. */
export default async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { checks: { type: 'string', default: '500' } } });
  const checks = Number(values.checks);
  const bundle = await build({
    entryPoints: [new URL('../src/supply/core/verify-card-web.ts', import.meta.url).pathname],
    bundle: true,
    format: 'iife',
    globalName: 'cordonesCards',
    platform: 'browser',
    write: false,
  });
  const script = bundle.outputFiles[0]!.text;

  const keys = generateCommitteeKeys();
  const card: RationCard = {
    committeeId: '0190f3a2-7c1e-7a4b-8c3d-1e2f3a4b5c6d',
    householdId: '0190f3a2-8000-7abc-9def-0123456789ab',
    period: '2026-11',
    expiresAt: new Date('2026-12-01T03:00:00Z'),
    basketVersion: 3,
    items: [0, 1, 2, 3, 4].map((item) => ({ item, quantity: 1000 * (item + 1) })),
  };
  const token = signCard(card, keys.privateKey);
  const forged = token.slice(0, -6) + (token.at(-6) === 'A' ? 'B' : 'A') + token.slice(-5);

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const server = await blankPageServer();
  try {
    const page = await browser.newPage();
    // WebCrypto needs a secure context: a blank page served from 127.0.0.1 is one, as is the
    // distribution-point page served by Cordones.
    await page.goto(server.url);
    await page.addScriptTag({ content: script });
    const result = (await page.evaluate(
      `(async ({ token, forged, key, checks }) => {
        const raw = Uint8Array.from(atob(key.replace(/-/g, '+').replace(/_/g, '/') + '='), (c) => c.charCodeAt(0));
        const now = new Date('2026-11-15T00:00:00Z');
        const verify = (t) => cordonesCards.verifyCardWeb(t, () => raw, { now, period: '2026-11' });
        const first = performance.now();
        const firstVerdict = (await verify(token)).status;
        const firstMs = performance.now() - first;
        const times = [];
        let valid = 0;
        for (let i = 0; i < checks; i++) {
          const t0 = performance.now();
          if ((await verify(token)).status === 'valid') valid++;
          times.push(performance.now() - t0);
        }
        const forgedVerdict = (await verify(forged)).status;
        times.sort((a, b) => a - b);
        return { firstVerdict, firstMs, valid, forgedVerdict, median: times[Math.floor(times.length / 2)], p99: times[Math.floor(times.length * 0.99)] };
      })(${JSON.stringify({ token, forged, key: keys.publicKeyText, checks })})`,
    )) as {
      firstVerdict: string;
      firstMs: number;
      valid: number;
      forgedVerdict: string;
      median: number;
      p99: number;
    };
    if (result.firstVerdict !== 'valid' || result.valid !== checks || result.forgedVerdict !== 'forged') {
      throw new Error(`wrong verdicts: ${JSON.stringify(result)}`);
    }
    const version = browser.version();
    console.log(
      `cards-browser: Chromium ${version}, ${checks} checks of a ${token.length}-character card (${base64url.decode(token)!.length} bytes): first ${result.firstMs.toFixed(2)} ms, median ${result.median.toFixed(3)} ms, p99 ${result.p99.toFixed(3)} ms; a forged card is refused`,
    );
    console.log('target: < 5 ms per card verification in Chromium');
  } finally {
    await browser.close();
    server.close();
  }
}

async function blankPageServer(): Promise<{ url: string; close: () => void }> {
  const httpServer = createServer((_request, response) => {
    response
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end('<!doctype html><title>cards</title>');
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/`, close: () => httpServer.close() };
}
