import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { PARCEL_TRANSITIONS } from '../land/parcel-transitions.js';
import type { StopEvent } from '../logistics/dispatch.service.js';
import { VEHICLE_STATUSES } from '../logistics/logistics-views.js';
import { ORDER_STATUSES } from '../production/spare-part-views.js';

const SRC = fileURLToPath(new URL('..', import.meta.url));
const LOCALES = fileURLToPath(new URL('../../web/src/locales', import.meta.url));

// A driver's events at a stop (the `StopEvent` type has no list at run time; `satisfies` keeps the
// two together).
const STOP_EVENTS = ['picked-up', 'delivered', 'failed'] as const satisfies readonly StopEvent[];

// Actions named by a template: the values each placeholder takes.
const TEMPLATED: Readonly<Record<string, readonly string[]>> = {
  'production.spare-part-order-${status}': ORDER_STATUSES.map((s) => `production.spare-part-order-${s}`),
  // a parcel's move names the status it moves to: every target of the transition table
  'land.parcel-${input.to}': [
    ...new Set(
      Object.values(PARCEL_TRANSITIONS).flatMap((to) => Object.keys(to).map((s) => `land.parcel-${s}`)),
    ),
  ],
  'logistics.stop-${event}': STOP_EVENTS.map((e) => `logistics.stop-${e}`),
  'logistics.vehicle-${input.status}': VEHICLE_STATUSES.map((v) => `logistics.vehicle-${v}`),
};

/** Every audit action the server records: `action: 'area.name'` in the areas' sources. */
function recordedActions(): Set<string> {
  const areas = new Set(
    readdirSync(SRC, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name),
  );
  const actions = new Set<string>();
  for (const file of readdirSync(SRC, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
    const text = readFileSync(join(SRC, file), 'utf8');
    for (const m of text.matchAll(/action: '([a-z]+)\.([a-z-]+)'/g))
      if (areas.has(m[1]!)) actions.add(`${m[1]}.${m[2]}`);
    for (const m of text.matchAll(/action: `([^`]+)`/g)) {
      const expanded = TEMPLATED[m[1]!];
      expect(expanded, `${file}: the values of ${m[1]} (add them to TEMPLATED)`).toBeDefined();
      for (const a of expanded!) actions.add(a);
    }
  }
  return actions;
}

// The audit page shows `actions.<area>.<name>` and falls back to the raw name: every action the
// server records needs its words in each language, or a reader sees `councils.motion-vote-cast`.
it('has a label in every language for every action the server records', () => {
  const actions = recordedActions();
  expect(actions.size).toBeGreaterThan(90);
  for (const locale of ['en', 'es']) {
    const labels = JSON.parse(readFileSync(join(LOCALES, `${locale}.json`), 'utf8')).actions as Record<
      string,
      Record<string, string>
    >;
    const missing = [...actions].filter((a) => {
      const [area, name] = a.split('.') as [string, string];
      return typeof labels[area]?.[name] !== 'string';
    });
    expect(missing, locale).toEqual([]);
  }
});
