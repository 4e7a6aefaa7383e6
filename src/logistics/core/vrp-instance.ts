/**
 * A capacitated vehicle-routing instance read from a CVRPLIB / TSPLIB `.vrp` file. Nodes are
 * numbered from 0 here (file node id − 1).
 */
export interface VrpInstance {
  /** The NAME line, or '' when absent. */
  readonly name: string;
  /** Number of nodes, depots included (DIMENSION). */
  readonly dimension: number;
  /** Capacity of every vehicle (CAPACITY). */
  readonly capacity: number;
  /** Fleet size: a VEHICLES line, else the `k` of a name like `A-n32-k5`, else null (unlimited). */
  readonly fleetSize: number | null;
  /** Interleaved coordinates `[x0, y0, x1, y1, …]` (NODE_COORD_SECTION), length 2·dimension. */
  readonly coordinates: Float64Array;
  /** Demand of each node (DEMAND_SECTION). */
  readonly demand: Float64Array;
  /** The depot nodes (DEPOT_SECTION), 0-based, at least one. */
  readonly depots: Int32Array;
  /** Longest allowed route, travel plus service (DISTANCE, as in the Christofides instances), or null. */
  readonly maxRouteLength: number | null;
  /** Service time at every stop (SERVICE_TIME), counted against `maxRouteLength`; 0 when absent. */
  readonly serviceTime: number;
}

/** The outcome of `parseVrpInstance`. */
export type VrpParseResult =
  /** The file is a complete EUC_2D CVRP instance. */
  | { readonly status: 'parsed'; readonly instance: VrpInstance }
  /** The file is malformed; `line` is 1-based and points at the offending line (or the last). */
  | { readonly status: 'malformed'; readonly line: number; readonly message: string };

type Section = 'none' | 'coords' | 'demand' | 'depot';

class Malformed {
  constructor(
    readonly line: number,
    readonly message: string,
  ) {}
}

/**
 * Parses the text of a CVRPLIB / TSPLIB `.vrp` file: `KEY : value` lines (NAME, TYPE = CVRP,
 * DIMENSION, EDGE_WEIGHT_TYPE = EUC_2D, CAPACITY, VEHICLES, DISTANCE, SERVICE_TIME; others such as
 * COMMENT are ignored),
 * then NODE_COORD_SECTION, DEMAND_SECTION and DEPOT_SECTION (ended by -1), and an optional EOF.
 * Never throws: a malformed file gives the line and a sentence.
 *
 * @example parseVrpInstance(text) // { status: 'malformed', line: 12, message: 'node 40 is outside 1…32' }
 */
export function parseVrpInstance(text: string): VrpParseResult {
  try {
    return { status: 'parsed', instance: parse(text) };
  } catch (err) {
    if (err instanceof Malformed) return { status: 'malformed', line: err.line, message: err.message };
    throw err;
  }
}

function parse(text: string): VrpInstance {
  const lines = text.split(/\r?\n/);
  let name = '';
  let dimension = -1;
  let capacity = -1;
  let vehicles: number | null = null;
  let maxRouteLength: number | null = null;
  let serviceTime = 0;
  let section: Section = 'none';
  let coordinates = new Float64Array(0);
  let demand = new Float64Array(0);
  let hasCoord = new Uint8Array(0);
  let hasDemand = new Uint8Array(0);
  const depots: number[] = [];
  let depotEnded = false;
  let lastLine = 1;
  let seenCoords = false;
  let seenDemand = false;
  let seenDepot = false;

  const needDimension = (line: number, header: string): void => {
    if (dimension < 0) throw new Malformed(line, `${header} before DIMENSION`);
  };
  const nodeId = (token: string, line: number): number => {
    const id = integer(token, line, 'node id');
    if (id < 1 || id > dimension) throw new Malformed(line, `node ${id} is outside 1…${dimension}`);
    return id - 1;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    const raw = lines[i]!.trim();
    if (raw === '') continue;
    lastLine = line;
    if (raw === 'EOF') break;
    const tokens = raw.split(/\s+/);
    const first = tokens[0]!;
    if (/^-?[0-9]/.test(first)) {
      if (section === 'coords') {
        if (tokens.length !== 3) throw new Malformed(line, `expected "id x y", got "${raw}"`);
        const id = nodeId(first, line);
        if (hasCoord[id]) throw new Malformed(line, `node ${id + 1} has two coordinates`);
        hasCoord[id] = 1;
        coordinates[2 * id] = real(tokens[1]!, line, 'x');
        coordinates[2 * id + 1] = real(tokens[2]!, line, 'y');
      } else if (section === 'demand') {
        if (tokens.length !== 2) throw new Malformed(line, `expected "id demand", got "${raw}"`);
        const id = nodeId(first, line);
        if (hasDemand[id]) throw new Malformed(line, `node ${id + 1} has two demands`);
        hasDemand[id] = 1;
        const d = real(tokens[1]!, line, 'demand');
        if (d < 0) throw new Malformed(line, `demand ${d} is negative`);
        demand[id] = d;
      } else if (section === 'depot') {
        if (depotEnded) throw new Malformed(line, 'DEPOT_SECTION continues after -1');
        for (const token of tokens) {
          if (token === '-1') {
            depotEnded = true;
            continue;
          }
          if (depotEnded) throw new Malformed(line, 'DEPOT_SECTION continues after -1');
          const id = nodeId(token, line);
          if (depots.includes(id)) throw new Malformed(line, `depot ${id + 1} is listed twice`);
          depots.push(id);
        }
      } else {
        throw new Malformed(line, `a number outside any section: "${raw}"`);
      }
      continue;
    }
    if (/_SECTION$/.test(first)) {
      if (tokens.length > 1) throw new Malformed(line, `unexpected text after ${first}`);
      needDimension(line, first);
      if (first === 'NODE_COORD_SECTION') {
        if (seenCoords) throw new Malformed(line, 'NODE_COORD_SECTION appears twice');
        seenCoords = true;
        section = 'coords';
      } else if (first === 'DEMAND_SECTION') {
        if (seenDemand) throw new Malformed(line, 'DEMAND_SECTION appears twice');
        seenDemand = true;
        section = 'demand';
      } else if (first === 'DEPOT_SECTION') {
        if (seenDepot) throw new Malformed(line, 'DEPOT_SECTION appears twice');
        seenDepot = true;
        section = 'depot';
      } else {
        throw new Malformed(line, `unsupported section ${first}`);
      }
      continue;
    }
    const colon = raw.indexOf(':');
    if (colon < 0) throw new Malformed(line, `expected "KEY : value" or a section, got "${raw}"`);
    const key = raw.slice(0, colon).trim().toUpperCase();
    const value = raw.slice(colon + 1).trim();
    section = 'none';
    switch (key) {
      case 'NAME':
        name = value;
        break;
      case 'TYPE':
        if (value.toUpperCase() !== 'CVRP') throw new Malformed(line, `TYPE ${value} is not CVRP`);
        break;
      case 'DIMENSION':
        if (dimension >= 0) throw new Malformed(line, 'DIMENSION appears twice');
        dimension = integer(value, line, 'DIMENSION');
        if (dimension < 1) throw new Malformed(line, `DIMENSION ${dimension} is not positive`);
        coordinates = new Float64Array(2 * dimension);
        demand = new Float64Array(dimension);
        hasCoord = new Uint8Array(dimension);
        hasDemand = new Uint8Array(dimension);
        break;
      case 'EDGE_WEIGHT_TYPE':
        if (value.toUpperCase() !== 'EUC_2D') {
          throw new Malformed(line, `EDGE_WEIGHT_TYPE ${value} is not supported (only EUC_2D)`);
        }
        break;
      case 'CAPACITY':
        capacity = real(value, line, 'CAPACITY');
        if (capacity <= 0) throw new Malformed(line, `CAPACITY ${capacity} is not positive`);
        break;
      case 'VEHICLES':
        vehicles = integer(value, line, 'VEHICLES');
        if (vehicles < 1) throw new Malformed(line, `VEHICLES ${vehicles} is not positive`);
        break;
      case 'DISTANCE':
        maxRouteLength = real(value, line, 'DISTANCE');
        if (maxRouteLength <= 0) throw new Malformed(line, `DISTANCE ${maxRouteLength} is not positive`);
        break;
      case 'SERVICE_TIME':
        serviceTime = real(value, line, 'SERVICE_TIME');
        if (serviceTime < 0) throw new Malformed(line, `SERVICE_TIME ${serviceTime} is negative`);
        break;
      default:
        // COMMENT and other specification keys carry nothing the router needs
        break;
    }
  }

  if (dimension < 0) throw new Malformed(lastLine, 'DIMENSION is missing');
  if (capacity < 0) throw new Malformed(lastLine, 'CAPACITY is missing');
  if (!seenCoords) throw new Malformed(lastLine, 'NODE_COORD_SECTION is missing');
  if (!seenDemand) throw new Malformed(lastLine, 'DEMAND_SECTION is missing');
  if (!seenDepot || depots.length === 0) throw new Malformed(lastLine, 'DEPOT_SECTION is missing or empty');
  const noCoord = hasCoord.indexOf(0);
  if (noCoord >= 0) throw new Malformed(lastLine, `node ${noCoord + 1} has no coordinates`);
  const noDemand = hasDemand.indexOf(0);
  if (noDemand >= 0) throw new Malformed(lastLine, `node ${noDemand + 1} has no demand`);
  const fromName = /-k(\d+)(?:\D|$)/.exec(name);
  const fleetSize = vehicles ?? (fromName ? Number(fromName[1]) : null);
  return {
    name,
    dimension,
    capacity,
    fleetSize,
    coordinates,
    demand,
    depots: Int32Array.from(depots),
    maxRouteLength,
    serviceTime,
  };
}

function integer(token: string, line: number, what: string): number {
  if (!/^[+-]?\d+$/.test(token)) throw new Malformed(line, `${what} "${token}" is not an integer`);
  return Number(token);
}

function real(token: string, line: number, what: string): number {
  const x = Number(token);
  if (token === '' || !Number.isFinite(x)) throw new Malformed(line, `${what} "${token}" is not a number`);
  return x;
}
