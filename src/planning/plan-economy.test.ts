import { describe, expect, it } from 'vitest';
import { periodCapacity, planEconomy } from './plan-economy.js';
import { nextQuarter, parsePlanPeriod, quarterOf } from './plan-period.js';

describe('plan periods', () => {
  it('reads months and quarters, and nothing else', () => {
    expect(parsePlanPeriod('1972-Q4')).toEqual({
      text: '1972-Q4',
      months: ['1972-10', '1972-11', '1972-12'],
      from: '1972-10-01',
      to: '1972-12-31',
    });
    expect(parsePlanPeriod('1972-02')).toMatchObject({ months: ['1972-02'], to: '1972-02-29' });
    for (const bad of ['1972-13', '1972-Q5', '1972-W42', '72-Q1']) expect(parsePlanPeriod(bad)).toBeNull();
    expect(quarterOf(Date.UTC(1972, 9, 11))).toBe('1972-Q4');
    expect(nextQuarter('1972-Q4')).toBe('1973-Q1');
  });

  it('takes a month without a capacity of its own from the nearest recorded month', () => {
    const q4 = parsePlanPeriod('1972-Q4')!;
    expect(periodCapacity([{ period: '1972-11', quantity: 10 }], q4)).toBe(30);
    expect(
      periodCapacity(
        [
          { period: '1972-10', quantity: 10 },
          { period: '1972-12', quantity: 40 },
          { period: '1972-W50', quantity: 999 },
        ],
        q4,
      ),
    ).toBe(10 + 10 + 40);
    expect(periodCapacity([], q4)).toBe(0);
  });
});

describe('planEconomy', () => {
  it('weights techniques by capacity, converts units, and leaves unregistered products uncapped', () => {
    const period = parsePlanPeriod('1972-10')!;
    const e = planEconomy(
      ['wheat', 'pasta'],
      [
        {
          workplaceId: 'carozzi',
          capacities: [{ productId: 'pasta', period: '1972-10', quantity: 300 }],
          techniques: [
            {
              productId: 'pasta',
              labourMilliHours: 10,
              inputs: [{ productId: 'wheat', quantityMilli: 1000 }],
            },
          ],
        },
        {
          workplaceId: 'lucchetti',
          capacities: [{ productId: 'pasta', period: '1972-10', quantity: 100 }],
          techniques: [
            {
              productId: 'pasta',
              labourMilliHours: 30,
              inputs: [{ productId: 'wheat', quantityMilli: 1400 }],
            },
          ],
        },
      ],
      period,
    );
    // (300·1.0 + 100·1.4) / 400 kg of wheat per kg; (300·0.01 + 100·0.03) / 400 h per kg
    expect([...e.rows]).toEqual([0]);
    expect([...e.cols]).toEqual([1]);
    expect(e.values[0]).toBeCloseTo(1.1, 12);
    expect(e.labour[1]).toBeCloseTo(0.015, 12);
    expect([...e.capacity]).toEqual([Number.POSITIVE_INFINITY, 400]);
    expect(e.withoutTechnique).toEqual(['wheat']);
    expect(e.makers).toEqual([
      { workplaceId: 'carozzi', product: 1, capacity: 300, labourPerUnit: 0.01 },
      { workplaceId: 'lucchetti', product: 1, capacity: 100, labourPerUnit: 0.03 },
    ]);
  });

  it('weights by reported output where a workplace reported some, else by capacity', () => {
    const registers = [
      {
        workplaceId: 'carozzi',
        capacities: [{ productId: 'pasta', period: '1972-10', quantity: 300 }],
        techniques: [{ productId: 'pasta', labourMilliHours: 10, inputs: [] }],
      },
      {
        workplaceId: 'lucchetti',
        capacities: [{ productId: 'pasta', period: '1972-10', quantity: 100 }],
        techniques: [{ productId: 'pasta', labourMilliHours: 30, inputs: [] }],
      },
    ];
    // Carozzi reported 100 kg, Lucchetti nothing (its capacity, 100, stands in): equal weights
    const e = planEconomy(
      ['pasta'],
      registers,
      parsePlanPeriod('1972-10')!,
      new Map([['carozzi/pasta', 100]]),
    );
    expect(e.labour[0]).toBeCloseTo(0.02, 12);
    expect([...e.capacity]).toEqual([400]);
  });
});
