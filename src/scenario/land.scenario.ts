import type { CommandMeta } from '../audit/audit.service.js';
import type { PersonPrincipal } from '../identity/principal.js';
import type { ParcelHistory } from '../land/parcel-histories.js';
import { checkParcelInput } from '../land/parcel-input.js';
import { BODIES_BY_NAME } from './councils.scenario.js';
import { personName } from './names.js';
import type { Rng } from './rng.js';
import type { ScenarioContext, ScenarioPart } from './scenario.js';

/** Central Chile's agrarian regions with the box (degrees) their farmland lies in and their share of parcels. */
export const LAND_REGIONS = Object.freeze([
  { name: 'Valparaíso', lat: [-33.1, -32.4], lon: [-71.4, -70.6], share: 0.12 },
  { name: 'Metropolitana', lat: [-33.9, -33.2], lon: [-71.2, -70.55], share: 0.15 },
  { name: "O'Higgins", lat: [-34.9, -34.0], lon: [-71.8, -70.7], share: 0.2 },
  { name: 'Maule', lat: [-36.0, -34.9], lon: [-72.2, -71.0], share: 0.23 },
  { name: 'Ñuble', lat: [-37.0, -36.1], lon: [-72.4, -71.4], share: 0.13 },
  { name: 'Biobío', lat: [-38.0, -37.0], lon: [-73.0, -71.6], share: 0.17 },
] as const);

/** Parcels and peasant committees per region share, by scale. */
export const LAND_SIZES = Object.freeze({
  city: { parcels: 3000, committeesPerRegion: 8 },
  country: { parcels: 20_000, committeesPerRegion: 25 },
});

/** Key in `shared`: the provincial peasant councils by region name. */
export const LAND_COUNCILS = 'land.councilsByRegion';

const PLACES = [
  'San José',
  'Santa Rosa',
  'El Huique',
  'Los Cristales',
  'La Esperanza',
  'Las Pataguas',
  'El Peumo',
  'Los Maitenes',
  'San Miguel',
  'Santa Inés',
  'El Retiro',
  'La Rinconada',
  'Lo Vicuña',
  'Culiprán',
  'Rucamanque',
  'El Carmen',
  'Los Quillayes',
  'San Vicente',
  'Las Mercedes',
  'El Molino',
  'Santa Amalia',
  'La Compañía',
  'Quilapilún',
  'Chacabuco',
  'Nilahue',
  'Pumanque',
  'Cunaco',
  'Lolol',
  'Panquehue',
  'Longaví',
  'Parral',
  'Coihueco',
  'Yumbel',
  'Santa Fe',
  'Los Ángeles',
  'Pencahue',
  'Talcarehue',
  'Quinta',
  'Codegua',
];
const OWNERS = [
  'Larraín',
  'Errázuriz',
  'Ossa',
  'Matte',
  'Echenique',
  'Irarrázaval',
  'Subercaseaux',
  'Correa',
  'Valdés',
  'Ovalle',
  'Vial',
  'Undurraga',
  'Letelier',
  'Cousiño',
  'Concha',
  'Lyon',
  'Prieto',
  'Balmaceda',
];
// Products by land class with yields in kg per hectare sown (Chile around 1970).
const CROPS: Record<string, { code: string; kgPerHa: number }[]> = {
  irrigated: [
    { code: 'wheat', kgPerHa: 2_000 },
    { code: 'maize', kgPerHa: 3_500 },
    { code: 'potato', kgPerHa: 10_000 },
    { code: 'beans', kgPerHa: 1_100 },
    { code: 'sugar-beet', kgPerHa: 35_000 },
  ],
  dry: [
    { code: 'wheat', kgPerHa: 1_200 },
    { code: 'oats', kgPerHa: 1_000 },
  ],
};

const META: CommandMeta = Object.freeze({ actor: { kind: 'system' as const, name: 'scenario' } });
const SYSTEM = Object.freeze({ kind: 'system' as const, name: 'scenario' });
const DAY_MS = 86_400_000;

function actingAs(personId: string): PersonPrincipal {
  return {
    kind: 'person',
    accountId: '',
    personId,
    username: '',
    displayName: '',
    isAdmin: false,
    locale: 'es',
    sessionId: '',
    csrfToken: '',
  };
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function dayBetween(rng: Rng, from: string, to: string): string {
  const span = Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
  return addDays(from, rng.int(0, span));
}

function min(a: string, b: string): string {
  return a < b ? a : b;
}

// A star-shaped hexagon around the centre whose area is close to `hectares`; star-shaped with
// angles in order, so it never intersects itself.
function boundary(rng: Rng, lat: number, lon: number, hectares: number): unknown {
  const radiusM = Math.sqrt((hectares * 10_000) / 2.598);
  const ring: [number, number][] = [];
  for (let k = 0; k < 6; k++) {
    const angle = (k * Math.PI) / 3 + (rng.next() - 0.5) * 0.4;
    const r = radiusM * (0.8 + rng.next() * 0.4);
    const dLat = (r * Math.sin(angle)) / 111_320;
    const dLon = (r * Math.cos(angle)) / (111_320 * Math.cos((lat * Math.PI) / 180));
    ring.push([Math.round((lon + dLon) * 1e6) / 1e6, Math.round((lat + dLat) * 1e6) / 1e6]);
  }
  ring.push([ring[0]![0], ring[0]![1]]);
  return { type: 'Polygon', coordinates: [ring] };
}

interface RegionBodies {
  council: string;
  committees: string[];
  /** The committees' names, in the order of `committees`. */
  names: string[];
  /** Adopted expropriation motions of the council: the 1971 list and the 1972 list. */
  motions: { y1971: string; y1972: string };
}

async function regionBodies(
  context: ScenarioContext,
  region: string,
  committees: number,
): Promise<RegionBodies> {
  const { councils, identity } = context.services;
  const people = await identity.registerPeople(
    SYSTEM,
    Array.from({ length: 3 + committees * 3 }, () => ({ displayName: personName(context.rng) })),
  );
  const [chair, secretary, member] = people as [string, string, string];
  const council = await councils.foundBody(
    {
      kind: 'peasant-committee',
      name: `Consejo Provincial Campesino de ${region}`,
      members: [
        { personId: chair, role: 'chair' },
        { personId: secretary, role: 'secretary' },
        { personId: member, role: 'member' },
      ],
    },
    META,
  );
  const ids: string[] = [];
  const names: string[] = [];
  for (let i = 0; i < committees; i++) {
    const place = PLACES[(i * 7 + region.length) % PLACES.length]!;
    const kind = i % 3 === 0 ? 'Asentamiento' : i % 3 === 1 ? 'Comité Campesino' : 'Cooperativa Campesina';
    const [c, s, m] = people.slice(3 + i * 3, 6 + i * 3) as [string, string, string];
    names.push(`${kind} ${place} (${region})`);
    ids.push(
      await councils.foundBody(
        {
          kind: 'peasant-committee',
          name: `${kind} ${place} (${region})`,
          members: [
            { personId: c, role: 'chair' },
            { personId: s, role: 'secretary' },
            { personId: m, role: 'member' },
          ],
        },
        META,
      ),
    );
  }
  const { motions } = councils;
  const adopt = async (title: string) => {
    const { motionId } = await motions.propose(actingAs(chair), council, { title, text: title }, META);
    for (const p of [chair, secretary, member]) await motions.vote(actingAs(p), motionId, 'for', META);
    await motions.close(actingAs(chair), motionId, META);
    return motionId;
  };
  return {
    council,
    committees: ids,
    names,
    motions: {
      y1971: await adopt(`Acuerdo de expropiación de fundos de ${region}, 1971`),
      y1972: await adopt(`Acuerdo de expropiación de fundos de ${region}, 1972–73`),
    },
  };
}

/** One parcel's plausible 1967–73 history in a region. */
function history(
  rng: Rng,
  region: (typeof LAND_REGIONS)[number],
  bodies: RegionBodies,
  n: number,
): ParcelHistory {
  const landClass =
    rng.next() < 0.35 ? 'irrigated' : rng.next() < 0.75 ? 'dry' : rng.next() < 0.6 ? 'forest' : 'other';
  // log-uniform between 5 and 4,000 ha; irrigated land came in smaller holdings
  const top = landClass === 'irrigated' ? 1_500 : 4_000;
  const hectares = Math.round(Math.exp(Math.log(5) + rng.next() * (Math.log(top) - Math.log(5))) * 100) / 100;
  const lat = region.lat[0] + rng.next() * (region.lat[1] - region.lat[0]);
  const lon = region.lon[0] + rng.next() * (region.lon[1] - region.lon[0]);
  const place = rng.pick(PLACES);
  const name = rng.next() < 0.25 ? `Hijuela ${rng.int(1, 9)} de ${place}` : `Fundo ${place} ${n}`;
  const owner =
    rng.next() < 0.5
      ? `Sucesión ${rng.pick(OWNERS)}`
      : `Sociedad Agrícola ${rng.pick(OWNERS)} y ${rng.pick(OWNERS)}`;
  const council = bodies.council;
  const motionOf = (date: string) => (date < '1972-01-01' ? bodies.motions.y1971 : bodies.motions.y1972);
  const committee = () => rng.pick(bodies.committees);
  const moves: ParcelHistory['moves'][number][] = [];
  let status: 'private' | 'expropriated' = 'private';
  let since = dayBetween(rng, '1965-01-01', '1970-01-01');
  let assignedOn: string | null = null;
  const roll = rng.next();
  if (roll < 0.1) {
    // expropriated under the Frei reform, most already worked as asentamientos
    status = 'expropriated';
    since = dayBetween(rng, '1967-07-28', '1970-10-31');
    if (rng.next() < 0.85) {
      assignedOn = addDays(since, rng.int(30, 300));
      moves.push({ to: 'assigned', since: assignedOn, decidingBodyId: council, assignedBodyId: committee() });
    }
  } else if (roll < 0.42) {
    const occupied = dayBetween(rng, '1970-11-04', '1973-08-31');
    moves.push({ to: 'occupied', since: occupied, decidingBodyId: council });
    if (rng.next() < 0.75 && occupied < '1973-06-01') {
      const expropriated = min(addDays(occupied, rng.int(20, 270)), '1973-09-10');
      moves.push({
        to: 'expropriated',
        since: expropriated,
        decidingBodyId: council,
        motionId: motionOf(expropriated),
      });
      if (rng.next() < 0.8 && expropriated < '1973-07-01') {
        assignedOn = min(addDays(expropriated, rng.int(15, 180)), '1973-09-10');
        moves.push({
          to: 'assigned',
          since: assignedOn,
          decidingBodyId: council,
          assignedBodyId: committee(),
        });
      }
    } else if (rng.next() < 0.7) {
      // taken back after the coup
      moves.push({
        to: 'returned',
        since: dayBetween(rng, '1973-09-20', '1973-12-31'),
        decidingBodyId: council,
      });
    }
  } else if (roll < 0.67) {
    const expropriated = dayBetween(rng, '1971-01-04', '1973-06-30');
    moves.push({
      to: 'expropriated',
      since: expropriated,
      decidingBodyId: council,
      motionId: motionOf(expropriated),
    });
    if (rng.next() < 0.8) {
      assignedOn = min(addDays(expropriated, rng.int(15, 180)), '1973-09-10');
      moves.push({ to: 'assigned', since: assignedOn, decidingBodyId: council, assignedBodyId: committee() });
    }
  }
  const harvests: ParcelHistory['harvests'][number][] = [];
  const crops = CROPS[landClass];
  if (assignedOn !== null && crops) {
    // one harvest in each summer (January–April) after the assignment and before the coup
    for (let year = Number(assignedOn.slice(0, 4)) + 1; year <= 1973; year++) {
      const crop = rng.pick(crops);
      const sown = 0.2 + rng.next() * 0.4;
      harvests.push({
        productCode: crop.code,
        quantityKg: Math.max(1, Math.round(hectares * sown * crop.kgPerHa * (0.7 + rng.next() * 0.5))),
        harvestedOn: dayBetween(rng, `${year}-01-10`, `${year}-04-30`),
      });
    }
    if (rng.next() < 0.15)
      moves.push({
        to: 'returned',
        since: dayBetween(rng, '1973-10-01', '1973-12-31'),
        decidingBodyId: council,
      });
  }
  const check = checkParcelInput({
    name,
    region: region.name,
    landClass,
    areaHectares: hectares,
    previousOwner: owner,
    boundary: boundary(rng, lat, lon, hectares),
    status,
    since,
  });
  if (check.status === 'invalid')
    throw new Error(`scenario parcel ${name}: ${check.field}: ${check.reason.en}`);
  return { parcel: check.parcel, moves, harvests };
}

/**
 * Each peasant committee's farm is a workplace of the production register, linked to the committee
 * as its assembly, so indicators, plan quotas and alerts apply to farms unchanged.
 */
async function registerFarms(
  context: ScenarioContext,
  region: (typeof LAND_REGIONS)[number],
  bodies: RegionBodies,
): Promise<void> {
  for (const [i, bodyId] of bodies.committees.entries()) {
    await context.services.production.register.createWorkplace(
      SYSTEM,
      {
        bodyId,
        name: `Predio de ${bodies.names[i] ?? bodyId}`,
        sector: FARM_SECTOR,
        latitude: region.lat[0] + context.rng.next() * (region.lat[1] - region.lat[0]),
        longitude: region.lon[0] + context.rng.next() * (region.lon[1] - region.lon[0]),
        workforce: context.rng.int(12, 80),
        status: 'occupied',
        since: '1971-05-01',
      },
      META,
    );
  }
}

/** The production sector of the peasant committees' farms. */
export const FARM_SECTOR = 'agricultura';

/**
 * The agrarian reform in central Chile, 1967–73: for each region a provincial peasant council
 * (with two adopted expropriation motions, 1971 and 1972–73) and peasant committees, asentamientos
 * and co-operatives; a few thousand parcels (city scale 3,000, country 20,000) with boundaries and
 * histories — Frei-era expropriations and asentamientos, land occupations from November 1970,
 * expropriations by the councils' motions, assignments to committees, summer harvests into
 * stock, and land returned after 11 September 1973 — all loaded in one bulk transaction.
 */
export const landScenario: ScenarioPart = {
  name: 'land',
  async load(context) {
    const size = LAND_SIZES[context.scale];
    const byName =
      (context.shared.get(BODIES_BY_NAME) as Map<string, string> | undefined) ?? new Map<string, string>();
    const councils = new Map<string, string>();
    const histories: ParcelHistory[] = [];
    let done = 0;
    const total = LAND_REGIONS.length + 1;
    for (const region of LAND_REGIONS) {
      const bodies = await regionBodies(context, region.name, size.committeesPerRegion);
      await registerFarms(context, region, bodies);
      councils.set(region.name, bodies.council);
      byName.set(`Consejo Provincial Campesino de ${region.name}`, bodies.council);
      const count = Math.round(size.parcels * region.share);
      for (let i = 0; i < count; i++)
        histories.push(history(context.rng, region, bodies, histories.length + 1));
      context.progress(++done, total);
    }
    await context.services.land.parcels.loadHistories(SYSTEM, histories, META);
    context.shared.set(LAND_COUNCILS, councils);
    context.progress(++done, total);
  },
};
