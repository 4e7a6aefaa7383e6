import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { problemFromVrp } from './problem-from-vrp.js';
import { evaluateRoutePlan } from './route-plan.js';
import { solveRoutes } from './solve-routes.js';
import { parseVrpInstance } from './vrp-instance.js';

const aN32k5 = readFileSync(new URL('./fixtures/A-n32-k5.vrp', import.meta.url), 'utf8');

const small = [
  'NAME : tiny-k2',
  'TYPE : CVRP',
  'DIMENSION : 4',
  'EDGE_WEIGHT_TYPE : EUC_2D',
  'CAPACITY : 10',
  'NODE_COORD_SECTION',
  '1 0 0',
  '2 3 4',
  '3 -3 4',
  '4 0 -2.5',
  'DEMAND_SECTION',
  '1 0',
  '2 5',
  '3 5',
  '4 7',
  'DEPOT_SECTION',
  ' 1',
  ' -1',
  'EOF',
];

function malformed(lines: string[]): { line: number; message: string } {
  const result = parseVrpInstance(lines.join('\n'));
  if (result.status !== 'malformed') throw new Error('expected a malformed result');
  return { line: result.line, message: result.message };
}

describe('parseVrpInstance', () => {
  it('reads an Augerat instance: dimension, capacity, fleet from the name, coordinates, demands, depot', () => {
    const result = parseVrpInstance(aN32k5);
    expect(result.status).toBe('parsed');
    if (result.status !== 'parsed') return;
    const instance = result.instance;
    expect(instance.name).toBe('A-n32-k5');
    expect(instance.dimension).toBe(32);
    expect(instance.capacity).toBe(100);
    expect(instance.fleetSize).toBe(5);
    expect(Array.from(instance.depots)).toEqual([0]);
    expect([instance.coordinates[0], instance.coordinates[1]]).toEqual([82, 76]);
    expect([instance.coordinates[62], instance.coordinates[63]]).toEqual([98, 5]);
    expect(instance.demand.reduce((a, b) => a + b, 0)).toBe(410);
  });

  it('builds the problem with rounded Euclidean costs and the fleet of the name', () => {
    const result = parseVrpInstance(small.join('\n'));
    if (result.status !== 'parsed') throw new Error(JSON.stringify(result));
    expect(result.instance.fleetSize).toBe(2);
    const problem = problemFromVrp(result.instance);
    expect(Array.from(problem.stops)).toEqual([1, 2, 3]);
    expect(problem.distance[0 * 4 + 1]).toBe(5);
    expect(problem.distance[1 * 4 + 2]).toBe(6);
    expect(problem.distance[0 * 4 + 3]).toBe(3); // 2.5 rounds half up
    expect(Array.from(problem.vehicleCapacity)).toEqual([10, 10]);
    expect(Array.from(problem.vehicleDepot)).toEqual([0, 0]);
  });

  it('prefers a VEHICLES line, accepts CRLF and "KEY: value" without a space', () => {
    const lines = [...small];
    lines.splice(4, 0, 'VEHICLES: 3');
    const result = parseVrpInstance(lines.join('\r\n'));
    expect(result.status === 'parsed' && result.instance.fleetSize).toBe(3);
  });

  it('leaves the fleet unlimited without VEHICLES or a k in the name', () => {
    const lines = ['NAME : tiny', ...small.slice(1)];
    const result = parseVrpInstance(lines.join('\n'));
    if (result.status !== 'parsed') throw new Error(JSON.stringify(result));
    expect(result.instance.fleetSize).toBeNull();
    expect(problemFromVrp(result.instance).vehicleDepot.length).toBe(3);
  });

  it('spreads the fleet over several depots', () => {
    const lines = [...small];
    lines.splice(17, 0, ' 4');
    const result = parseVrpInstance(lines.join('\n'));
    if (result.status !== 'parsed') throw new Error(JSON.stringify(result));
    const problem = problemFromVrp(result.instance);
    expect(Array.from(problem.stops)).toEqual([1, 2]);
    expect(Array.from(problem.vehicleDepot)).toEqual([0, 3]);
  });

  it('turns DISTANCE and SERVICE_TIME into a route-length limit the solver keeps', () => {
    const lines = ['NAME : tiny', ...small.slice(1)];
    lines.splice(4, 0, 'DISTANCE : 19', 'SERVICE_TIME : 2');
    const result = parseVrpInstance(lines.join('\n'));
    if (result.status !== 'parsed') throw new Error(JSON.stringify(result));
    expect([result.instance.maxRouteLength, result.instance.serviceTime]).toEqual([19, 2]);
    const problem = problemFromVrp(result.instance);
    expect(Array.from(problem.timeWindows!.service)).toEqual([0, 2, 2, 2]);
    // one truck could carry nodes 2 and 3 (5 + 5 ≤ 10) but 5 + 6 + 5 travel + 2 · 2 service = 20 > 19
    const plan = solveRoutes(problem, { maxIterations: 200, seconds: 1e6 });
    if (plan.status !== 'solved') throw new Error(plan.status);
    expect(evaluateRoutePlan(problem, plan.routes).violations).toEqual([]);
    expect(plan.routes.map((r) => r.stops.length).sort()).toEqual([1, 1, 1]);
  });

  it('names the line of a node outside the dimension', () => {
    const lines = [...small];
    lines[8] = '5 -3 4';
    expect(malformed(lines)).toEqual({ line: 9, message: 'node 5 is outside 1…4' });
  });

  it('names the line of a non-numeric coordinate, demand or capacity', () => {
    const coord = [...small];
    coord[7] = '2 3 abc';
    expect(malformed(coord).line).toBe(8);
    const demand = [...small];
    demand[13] = '3 five';
    expect(malformed(demand)).toEqual({ line: 14, message: 'demand "five" is not a number' });
    const capacity = [...small];
    capacity[4] = 'CAPACITY : -1';
    expect(malformed(capacity).line).toBe(5);
  });

  it('names the line of a wrong field count, a duplicate node and an unsupported edge weight', () => {
    const fields = [...small];
    fields[9] = '4 0';
    expect(malformed(fields).line).toBe(10);
    const twice = [...small];
    twice[9] = '3 1 1';
    expect(malformed(twice)).toEqual({ line: 10, message: 'node 3 has two coordinates' });
    const geo = [...small];
    geo[3] = 'EDGE_WEIGHT_TYPE : GEO';
    expect(malformed(geo)).toEqual({
      line: 4,
      message: 'EDGE_WEIGHT_TYPE GEO is not supported (only EUC_2D)',
    });
  });

  it('reports a section before DIMENSION and stray text', () => {
    expect(malformed(['NAME : x', 'NODE_COORD_SECTION', '1 0 0'])).toEqual({
      line: 2,
      message: 'NODE_COORD_SECTION before DIMENSION',
    });
    const stray = [...small];
    stray[5] = 'NODE COORDS';
    expect(malformed(stray).line).toBe(6);
  });

  it('reports missing nodes, demands and depots at the last line', () => {
    const noDemand = small.filter((_, i) => i !== 14);
    expect(malformed(noDemand)).toEqual({ line: noDemand.length, message: 'node 4 has no demand' });
    const noDepot = small.slice(0, 15);
    expect(malformed(noDepot)).toEqual({ line: 15, message: 'DEPOT_SECTION is missing or empty' });
    expect(malformed([]).message).toBe('DIMENSION is missing');
  });
});
