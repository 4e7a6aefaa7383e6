import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agrarianLedger, ledgerDates } from './agrarian-ledger.js';
import { PARCEL_STATUSES } from './parcel-transitions.js';

const day = fc
  .integer({ min: 0, max: 3000 })
  .map((n) => new Date(Date.UTC(1966, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));

const parcelWithHistory = fc.record({
  region: fc.constantFrom('Maule', 'Ñuble', 'Biobío'),
  landClass: fc.constantFrom('irrigated', 'dry'),
  areaAres: fc.integer({ min: 1, max: 500_000 }),
  history: fc.array(fc.record({ status: fc.constantFrom(...PARCEL_STATUSES), since: day }), {
    minLength: 0,
    maxLength: 5,
  }),
});

describe('agrarianLedger (properties)', () => {
  it('on every date counts each parcel once, in the status of its latest entry on or before the date', () => {
    fc.assert(
      fc.property(
        fc.array(parcelWithHistory, { maxLength: 30 }),
        fc.array(day, { minLength: 1, maxLength: 6 }),
        (ps, dates) => {
          const parcels = ps.map((p, i) => ({
            id: `p${i}`,
            region: p.region,
            landClass: p.landClass,
            areaAres: p.areaAres,
          }));
          const history = ps.flatMap((p, i) => p.history.map((h) => ({ parcelId: `p${i}`, ...h })));
          const rows = agrarianLedger(parcels, history, dates);
          for (const date of new Set(dates)) {
            const expected = new Map<string, number>();
            ps.forEach((p) => {
              const inForce = [...p.history]
                .sort((a, b) => a.since.localeCompare(b.since))
                .filter((h) => h.since <= date);
              const last = inForce.at(-1);
              if (last) expected.set(last.status, (expected.get(last.status) ?? 0) + p.areaAres);
            });
            const got = new Map<string, number>();
            for (const r of rows.filter((r) => r.date === date))
              got.set(r.status, (got.get(r.status) ?? 0) + Math.round(r.hectares * 100));
            expect(got).toEqual(expected);
          }
        },
      ),
    );
  });

  it('gives dates that ascend, end on `to` and are month ends in between', () => {
    fc.assert(
      fc.property(day, day, fc.constantFrom('year' as const, 'month' as const), (a, b, step) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const dates = ledgerDates(from, to, step);
        expect(dates.at(-1)).toBe(to);
        for (let i = 1; i < dates.length; i++) expect(dates[i]! > dates[i - 1]!).toBe(true);
        for (const d of dates.slice(0, -1)) {
          const next = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000);
          expect(next.getUTCDate()).toBe(1);
          if (step === 'year') expect(next.getUTCMonth()).toBe(0);
        }
      }),
    );
  });
});
