import { describe, expect, it } from 'vitest';
import { routingProblemDefects } from './core/routing-problem.js';
import { PLANNING_ASSUMPTIONS, routingProblemsOf } from './routing-problems-of.js';

const places = new Map([
  ['depot-a', { latMicro: -33_498_500, lonMicro: -70_610_500 }],
  ['depot-b', { latMicro: -33_504_300, lonMicro: -70_712_800 }],
  ['point-1', { latMicro: -33_494_100, lonMicro: -70_633_100 }],
  ['point-2', { latMicro: -33_537_100, lonMicro: -70_622_200 }],
]);

describe('routingProblemsOf', () => {
  it('builds one problem per origin with trucks, one place per shipment, great-circle metres', () => {
    const { problems, noVehicle } = routingProblemsOf(
      [
        { id: 's1', fromPlaceId: 'depot-a', toPlaceId: 'point-1', weightKg: 1200, window: null },
        { id: 's2', fromPlaceId: 'depot-a', toPlaceId: 'point-1', weightKg: 800, window: null },
        { id: 's3', fromPlaceId: 'depot-a', toPlaceId: 'point-2', weightKg: 500, window: null },
        { id: 's4', fromPlaceId: 'depot-b', toPlaceId: 'point-2', weightKg: 500, window: null },
      ],
      [
        { id: 'v1', depotPlaceId: 'depot-a', capacityKg: 3000 },
        { id: 'v2', depotPlaceId: 'depot-a', capacityKg: 8000 },
      ],
      places,
    );
    expect(noVehicle).toEqual(['s4']);
    expect(problems).toHaveLength(1);
    const [origin] = problems;
    const p = origin!.problem;
    expect(routingProblemDefects(p)).toEqual([]);
    expect(origin!.shipmentOfPlace).toEqual(['', 's1', 's2', 's3']);
    expect(origin!.vehicleIds).toEqual(['v1', 'v2']);
    expect([...p.demand]).toEqual([0, 1200, 800, 500]);
    expect([...p.vehicleCapacity]).toEqual([3000, 8000]);
    expect([...p.vehicleDepot]).toEqual([0, 0]);
    // two shipments to one place are two places at distance 0; distances are whole, symmetric metres
    expect(p.distance[1 * 4 + 2]).toBe(0);
    expect(p.distance[0 * 4 + 1]).toBe(p.distance[1 * 4 + 0]);
    expect(Number.isInteger(p.distance[0 * 4 + 3])).toBe(true);
    expect(p.distance[0 * 4 + 1]).toBeGreaterThan(2000);
    expect(p.timeWindows).toBeUndefined();
  });

  it('adds time windows in seconds of the day when a shipment has one', () => {
    const { problems } = routingProblemsOf(
      [
        {
          id: 's1',
          fromPlaceId: 'depot-a',
          toPlaceId: 'point-1',
          weightKg: 100,
          window: { start: 3600, end: 7200 },
        },
        { id: 's2', fromPlaceId: 'depot-a', toPlaceId: 'point-2', weightKg: 100, window: null },
      ],
      [{ id: 'v1', depotPlaceId: 'depot-a', capacityKg: 3000 }],
      places,
    );
    const tw = problems[0]!.problem.timeWindows!;
    expect([...tw.ready]).toEqual([0, 3600, 0]);
    expect([...tw.due]).toEqual([86_400, 7200, 86_400]);
    expect([...tw.service]).toEqual([0, 600, 600]);
    const d = problems[0]!.problem.distance[1]!;
    expect(tw.travelTime![1]).toBeCloseTo(d / PLANNING_ASSUMPTIONS.speedMetresPerSecond, 9);
  });
});
