import type { CommandMeta } from '../audit/audit.service.js';
import { ManualClock } from '../core/clock.js';
import type { PersonPrincipal } from '../identity/principal.js';
import { solveRoutes } from '../logistics/core/solve-routes.js';
import { createLogisticsArea } from '../logistics/logistics-area.js';
import type { RoutePlanningService } from '../logistics/route-planning.service.js';
import type { Priority } from '../logistics/shipments.service.js';
import { createServices, type Services } from '../server/services.js';
import { loadKg } from '../supply/core/shortfall.js';
import { weekOf } from '../supply/period.js';
import { BODIES_BY_NAME } from './councils.scenario.js';
import { DEMO_PEOPLE } from './identity.scenario.js';
import { LOGISTICS_PLACES } from './logistics.scenario.js';
import { personName } from './names.js';
import type { Rng } from './rng.js';
import type { ScenarioContext, ScenarioPart } from './scenario.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const SYSTEM = { kind: 'system', name: 'scenario' } as const;
/** Scenario people act through the services; the audit records the scenario as the actor. */
const SCENARIO_META: CommandMeta = Object.freeze({ actor: SYSTEM });

/** How many days the part lives through: days −89 … 0, day 0 being the load's own time. */
export const OCTOBER_DAYS = 90;

/**
 * The real chronology mapped onto the days: day −40 is 11 October 1972, when the bosses' lockout
 * joined the truck owners' stoppage (declared the day before); it ended with the cabinet of 2
 * November, the trucks rolling again around 5 November (day −15). Day 0 is 20 November 1972.
 */
export const OCTOBER_1972 = Object.freeze({ stoppageDeclared: -41, lockout: -40, stoppageEnds: -15 });

/** Key in `shared`: the part's chronicle, a `ChronicleEntry[]` in the order the events happened. */
export const OCTOBER_CHRONICLE = 'october.chronicle';

/** One event of the chronicle; its audit events carry the same ids and time. */
export interface ChronicleEntry {
  /** −89 … 0; 0 is the day of the load. */
  readonly day: number;
  /** The event's time (ISO-8601 UTC), the `occurred_at` of its audit events. */
  readonly at: string;
  readonly area: 'logistics' | 'supply' | 'production' | 'councils' | 'identity';
  readonly kind: ChronicleKind;
  /** The records the event touched, by role (`vehicleId`, `shipmentId`, `planId`, …). */
  readonly ids: Readonly<Record<string, string>>;
}

/** What happened; each kind is one or a few service calls. */
export type ChronicleKind =
  /** A cordón's depot for direct distribution (`logistics.place-registered`). */
  | 'depot-opened'
  /** Driver accounts of the pool (`identity.account-created`). */
  | 'driver-joined'
  /** An owner lends a truck to the cordón's pool (`logistics.vehicle-volunteered`). */
  | 'truck-volunteered'
  /** The owner takes it back for the stoppage (`logistics.vehicle-returned`). */
  | 'truck-withdrawn'
  /** The cordón requisitions a withdrawn or idle truck (`logistics.vehicle-requisitioned`). */
  | 'truck-requisitioned'
  /** A truck damaged on the road (`logistics.vehicle-out-of-service`). */
  | 'truck-out-of-service'
  /** Mended, requisitioned again (`logistics.vehicle-requisitioned`). */
  | 'truck-back-in-service'
  /** Drivers given to the trucks (`logistics.driver-assigned`). */
  | 'drivers-assigned'
  /** A shipment asked of the pool (`logistics.shipment-requested`). */
  | 'shipment-requested'
  /** A day plan solved and handed to the drivers (`logistics.plan-started/-completed/-dispatched`). */
  | 'plan-dispatched'
  /** A stop failed on the road: the shipment goes back to requested (`logistics.stop-failed`). */
  | 'stop-failed'
  /** A shipment delivered (`logistics.stop-picked-up`, `logistics.stop-delivered`). */
  | 'shipment-delivered'
  /** A failed shipment delivered by a later plan. */
  | 'shipment-rerouted'
  /** The state distributor's direct delivery to a JAP (`supply.stock-received`). */
  | 'stock-received'
  /** A JAP's shortfall requested (`supply.resupply-requested`, `logistics.shipment-requested`). */
  | 'resupply-requested'
  /** The request's shipment delivered: stock raised, request delivered (`logistics.stop-delivered`). */
  | 'resupply-delivered'
  /** A neighbour's report of overprice or hoarding (`supply.price-reported`). */
  | 'price-reported'
  /** The JAP checks it (`supply.price-report-advanced`, to checked). */
  | 'price-report-checked'
  /** The JAP resolves it (`supply.price-report-advanced`, to resolved). */
  | 'price-report-resolved'
  /** The trucks requisitioned for the stoppage go back to their owners (`logistics.vehicle-returned`). */
  | 'truck-returned'
  /** A workplace's indicator the part reports daily (`production.indicator-added`). */
  | 'indicator-created'
  /** The forecaster raised an alert on a day's report (`production.alert-raised`). */
  | 'alert-raised'
  /** Unanswered past its deadline, the alert climbed to the council above (`production.alert-escalated`). */
  | 'alert-escalated'
  /** An escalated alert taken in hand (`production.alert-acknowledged`). */
  | 'alert-acknowledged'
  /** An alert closed with how it was handled (`production.alert-resolved`). */
  | 'alert-resolved'
  /** Constituents petition to recall their delegate (`councils.petition-opened`, `-signed`). */
  | 'recall-petition'
  /** The signature reaching the threshold (`councils.delegate-recalled`, `councils.by-election-opened`). */
  | 'delegate-recalled'
  /**
   * The by-election's winner holds the seat (`councils.candidate-nominated`, `councils.ballot-cast`,
   * `councils.election-closed`).
   */
  | 'delegate-replaced';

/** A person of the scenario acting through the services (with an account id when they have one). */
function actingAs(personId: string, accountId = ''): PersonPrincipal {
  return {
    kind: 'person',
    accountId,
    personId,
    username: '',
    displayName: '',
    isAdmin: false,
    locale: 'es',
    sessionId: '',
    csrfToken: '',
  };
}

/** The cordón that opens a depot for direct distribution, next to the JAP it resupplies. */
const CORDON = 'Cordón Vicuña Mackenna';
const RESUPPLIED_JAP = 'JAP La Legua';
/** The assembly whose delegate voted against its mandate in the councils part, and is recalled. */
const RECALLING_ASSEMBLY = 'Fensa';
const RECALLING_CORDON = 'Cordón Cerrillos-Maipú';
/** The depot: the occupied Madeco plant's yard, 600 m from La Legua's distribution point. */
const DEPOT = {
  name: 'Acopio popular del Cordón Vicuña Mackenna (Madeco)',
  at: [-33.4915, -70.6385] as const,
};
/** A resupply heavier than this is partly covered by the state distributor's own delivery first. */
const RESUPPLY_MAX_KG = 7_000;

const FIRMS = ['Transportes Los Andes', 'Fletes Maipo', 'Camiones del Sur Ltda.', 'Transportes Aconcagua'];

const LOADS: readonly { good: string; unit: string; priority: Priority; kg: [number, number] }[] = [
  { good: 'harina', unit: 'kg', priority: 'food', kg: [800, 2500] },
  { good: 'azúcar', unit: 'kg', priority: 'food', kg: [400, 1500] },
  { good: 'aceite', unit: 'l', priority: 'food', kg: [300, 1200] },
  { good: 'parafina', unit: 'l', priority: 'fuel', kg: [1000, 3000] },
];

/** Price and hoarding reports: what neighbours saw, with the official price (centésimos) it beat. */
const REPORT_KINDS = [
  { kind: 'overprice', goodCode: 'oil', official: 4_500, what: 'el litro de aceite' },
  { kind: 'overprice', goodCode: 'sugar', official: 800, what: 'el kilo de azúcar' },
  { kind: 'overprice', goodCode: 'milk', official: 350, what: 'la leche en polvo' },
  { kind: 'hoarding', goodCode: 'sugar', official: 0, what: 'sacos de azúcar' },
  { kind: 'hoarding', goodCode: 'oil', official: 0, what: 'cajas de aceite' },
] as const;
const SHOPS = [
  'Almacén de la esquina',
  'Emporio del pasaje',
  'Distribuidora mayorista',
  'Puesto de la feria',
  'Bodega del comerciante',
];

/** One scheduled event: its day, hour and what it does (run in time order, the clock set first). */
interface Step {
  readonly day: number;
  readonly hour: number;
  readonly order: number;
  readonly run: () => Promise<void>;
}

/**
 * The agenda of the 90 days: steps are scheduled in any order and run in time order against the
 * part's own services, whose `ManualClock` is set to each step's time, so every audit event and
 * every stored time says when it happened. Days before 0 fall at `hour` UTC of their date; day 0
 * steps run one second apart after the load's own time (earlier parts wrote at that time, and what
 * day 0 touches — seats, alerts — must come after it).
 */
class Agenda {
  private readonly steps: Step[] = [];
  private tick = 0;

  constructor(
    private readonly clock: ManualClock,
    private readonly now0: number,
  ) {}

  at(day: number, hour: number, run: () => Promise<void>): void {
    this.steps.push({ day, hour, order: this.steps.length, run });
  }

  /** The time of `day` at `hour`, in ms since the epoch. */
  timeOf(day: number, hour: number): number {
    if (day >= 0) return this.now0 + ++this.tick * 1000;
    const midnight = Math.floor((this.now0 + day * DAY_MS) / DAY_MS) * DAY_MS;
    return midnight + Math.round(hour * HOUR_MS);
  }

  /** YYYY-MM-DD of a day. */
  dateOf(day: number): string {
    return new Date(this.now0 + day * DAY_MS).toISOString().slice(0, 10);
  }

  /** Moves the clock on to `day` at `hour` (never back), for the steps of a long step. */
  moveTo(day: number, hour: number): void {
    this.clock.set(Math.max(this.clock.now(), this.timeOf(day, hour)));
  }

  /** Runs every step in time order, reporting steps done of steps known so far. */
  async run(progress: (done: number, total: number) => void): Promise<void> {
    let done = 0;
    // Steps may schedule later steps while running; keep taking the earliest.
    while (this.steps.length > 0) {
      this.steps.sort((a, b) => a.day - b.day || a.hour - b.hour || a.order - b.order);
      const step = this.steps.shift()!;
      this.moveTo(step.day, step.hour);
      await step.run();
      progress(++done, done + this.steps.length);
    }
  }
}

function plate(rng: Rng, taken: Set<string>): string {
  for (;;) {
    const p = `${String.fromCharCode(65 + rng.int(0, 25), 65 + rng.int(0, 25))}-${rng.int(1000, 9999)}`;
    if (!taken.has(p)) {
      taken.add(p);
      return p;
    }
  }
}

/**
 * "Santiago, October 1972": the city lives through the 90 days ending at the load, as real service
 * calls each at its own date — the truck owners' stoppage and the bosses' lockout from day −41
 * (owners withdraw their trucks from the Cordón Vicuña Mackenna's pool; the cordón requisitions
 * them and idle ones), a day's deliveries where a road is cut and the shipment is delivered by the
 * next day's plan, Textil Sumar's cotton running out and its alert climbing to the cordón, which
 * handles it, JAP La Legua's shortfall requested and delivered by the cordón's trucks, price
 * and hoarding reports rising during the stoppage and handled by the JAPs, the trucks returned when
 * it ends, and on the last day escalated alerts taken in hand (one left climbing) and Fensa's
 * delegate (who voted against the assembly's mandate) recalled by petition and replaced in a
 * by-election.
 *
 * The events run through a second `Services` over the same database with a `ManualClock`: the
 * audit chain's head is read and locked inside each command's transaction, so two service sets
 * append to one chain (no service keeps state in memory that these writes would leave stale, beyond
 * supply's cache of goods, points and rules, which this part never changes). Its live events go to
 * its own bus: a load runs before the server listens. Leaves a `ChronicleEntry[]` under
 * `OCTOBER_CHRONICLE`. City scale only.
 *
 * Earlier parts' rows (bodies, people, places, households, supply points) are dated at the load's
 * own time; events before day 0 act on them as if they had existed all along, so a report can be
 * older than its JAP's founding row. Seats and alerts, whose pages show their dates side by side
 * (since/vacated, raised/acknowledged), are touched only on day 0, after they exist.
 */
export const octoberScenario: ScenarioPart = {
  name: 'octubre-1972',
  async load(context: ScenarioContext) {
    if (context.scale !== 'city') return;
    const bodies = context.shared.get(BODIES_BY_NAME) as Map<string, string> | undefined;
    const places = context.shared.get(LOGISTICS_PLACES) as Map<string, string> | undefined;
    const demo = context.shared.get(DEMO_PEOPLE) as Map<string, string> | undefined;
    if (!bodies || !places || !demo)
      throw new Error('the October scenario needs the identity, councils and logistics parts first');
    const now0 = context.services.clock.now();
    const clock = new ManualClock(now0 - (OCTOBER_DAYS - 1) * DAY_MS);
    const services = await createServices(context.services.database, context.services.config, clock);
    const agenda = new Agenda(clock, now0);
    // The part's day plans hold one to six shipments: solved in this thread with an iteration cap
    // they come out the same for a seed on any machine, and no worker is started for each (the
    // deployment's planner spends its whole 1 s budget in a fresh worker per plan).
    const planner = createLogisticsArea(services.database, services.audit, services.councils, {
      seconds: 10,
      maxIterations: 2000,
      solver: async (problem, options) => solveRoutes(problem, options),
    }).planning;
    const chronicle: ChronicleEntry[] = [];
    const note = (
      day: number,
      area: ChronicleEntry['area'],
      kind: ChronicleKind,
      ids: Record<string, string>,
    ) => chronicle.push({ day, at: new Date(clock.now()).toISOString(), area, kind, ids });
    const story = {
      services,
      planner,
      agenda,
      note,
      rng: context.rng,
      bodies,
      places,
      demo,
      depot: { id: '' },
    };

    await scheduleTrucksAndDeliveries(story);
    await scheduleCottonAlert(story);
    await schedulePriceReports(story);
    scheduleLastDay(story);
    await agenda.run((done, total) => context.progress(done, total));
    await planner.idle();
    context.shared.set(OCTOBER_CHRONICLE, chronicle);
  },
};

interface Story {
  readonly services: Services;
  /** Starts and solves the part's day plans (dispatch and deliveries go through `services`). */
  readonly planner: RoutePlanningService;
  readonly agenda: Agenda;
  readonly note: (
    day: number,
    area: ChronicleEntry['area'],
    kind: ChronicleKind,
    ids: Record<string, string>,
  ) => void;
  readonly rng: Rng;
  readonly bodies: Map<string, string>;
  readonly places: Map<string, string>;
  readonly demo: Map<string, string>;
  /** The cordón's new depot, once opened (day −88). */
  readonly depot: { id: string };
}

/** JAP chairs' person ids by committee id, from the regional council's seats (each chair holds one). */
async function japChairs(story: Story): Promise<Map<string, string>> {
  const regional = story.bodies.get('Consejo Regional Metropolitano');
  const carmen = story.demo.get('carmen');
  if (!regional || !carmen) return new Map();
  const seats = await story.services.councils.seats(actingAs(carmen), regional);
  return new Map(seats.flatMap((s) => (s.holderPersonId ? [[s.constituencyId, s.holderPersonId]] : [])));
}

/**
 * The Cordón Vicuña Mackenna's depot and trucks through the stoppage: trucks volunteered, then
 * withdrawn by their owners (day −41), requisitioned (day −40), a day of deliveries with a road
 * cut (day −38) and the failed shipment delivered by the next plan (day −37), JAP La Legua's
 * resupply (day −33), and trucks returned to their owners when the stoppage ends (day −15).
 */
async function scheduleTrucksAndDeliveries(story: Story): Promise<void> {
  const { services, agenda, note, bodies, places } = story;
  const { logistics, supply, identity } = services;
  const rng = story.rng.fork('trucks');
  const cordonId = bodies.get(CORDON);
  if (!cordonId) return;
  const taken = new Set((await logistics.pool.list()).map((v) => v.plate));
  const drivers: { accountId: string; personId: string }[] = [];
  const volunteered: string[] = [];
  const inService: string[] = [];
  const requisitioned: string[] = [];

  agenda.at(-88, 9, async () => {
    const depot = await logistics.places.create(SYSTEM, {
      name: DEPOT.name,
      kind: 'depot',
      latitude: DEPOT.at[0],
      longitude: DEPOT.at[1],
      bodyId: cordonId,
    });
    story.depot.id = depot.id;
    note(-88, 'logistics', 'depot-opened', { placeId: depot.id, bodyId: cordonId });
  });
  agenda.at(-86, 10, async () => {
    for (const d of [
      { username: 'pedro', displayName: 'Pedro Contreras Vidal' },
      { username: 'rosa', displayName: 'Rosa Henríquez Lagos' },
    ]) {
      const made = await identity.createDemoAccount({
        ...d,
        description: `volunteer driver of the ${CORDON}'s trucks in the October stoppage (sees their routes)`,
      });
      drivers.push(made);
      note(-86, 'identity', 'driver-joined', { accountId: made.accountId, personId: made.personId });
    }
  });
  // Owners lend trucks to the cordón's pool in August and September.
  for (let k = 0; k < 6; k++) {
    const day = -84 + k * 4 + rng.int(0, 2);
    const spec = {
      plate: plate(rng, taken),
      capacityKg: rng.int(5, 9) * 1000,
      capacityM3: rng.int(15, 30),
      owner: rng.next() < 0.5 ? rng.pick(FIRMS) : personName(rng),
    };
    agenda.at(day, rng.int(8, 17), async () => {
      const v = await logistics.pool.register(SYSTEM, {
        ...spec,
        status: 'volunteered',
        bodyId: cordonId,
        depotPlaceId: story.depot.id,
        note: 'cedido por su dueño al cordón',
      });
      volunteered.push(v.id);
      note(day, 'logistics', 'truck-volunteered', { vehicleId: v.id, bodyId: cordonId });
    });
  }
  // 10 October: the truck owners' confederation declares its stoppage; four owners withdraw.
  agenda.at(OCTOBER_1972.stoppageDeclared, 18, async () => {
    for (const id of volunteered.slice(0, 4)) {
      await logistics.pool.decide(SYSTEM, id, {
        status: 'returned',
        bodyId: cordonId,
        note: 'Paro de la Confederación de Dueños de Camiones: el dueño retira su camión',
      });
      note(OCTOBER_1972.stoppageDeclared, 'logistics', 'truck-withdrawn', {
        vehicleId: id,
        bodyId: cordonId,
      });
    }
  });
  // 11 October: the bosses' lockout; the cordón's delegates requisition three of them and three idle trucks.
  const idle = Array.from({ length: 3 }, (_, k) => ({
    plate: plate(rng, taken),
    capacityKg: k === 0 ? 12_000 : k === 1 ? 10_000 : rng.int(5, 8) * 1000,
    capacityM3: rng.int(20, 40),
    owner: rng.pick(FIRMS),
  }));
  agenda.at(OCTOBER_1972.lockout, 7, async () => {
    for (const id of volunteered.slice(0, 3)) {
      await logistics.pool.decide(SYSTEM, id, {
        status: 'requisitioned',
        bodyId: cordonId,
        note: 'Requisado por el cordón: camión parado por el paro patronal',
      });
      requisitioned.push(id);
      note(OCTOBER_1972.lockout, 'logistics', 'truck-requisitioned', { vehicleId: id, bodyId: cordonId });
    }
    for (const spec of idle) {
      const v = await logistics.pool.register(SYSTEM, {
        ...spec,
        status: 'requisitioned',
        bodyId: cordonId,
        depotPlaceId: story.depot.id,
        note: 'Requisado en el patio de la empresa, parado por el paro patronal',
      });
      requisitioned.push(v.id);
      note(OCTOBER_1972.lockout, 'logistics', 'truck-requisitioned', { vehicleId: v.id, bodyId: cordonId });
    }
    inService.push(...volunteered.slice(4), ...requisitioned);
  });
  agenda.at(OCTOBER_1972.lockout, 9, async () => {
    // every truck of the depot gets a driver, so whichever the router uses can be driven
    for (const [i, id] of inService.entries())
      await logistics.pool.assignDriver(SYSTEM, id, drivers[i % drivers.length]!.accountId);
    note(OCTOBER_1972.lockout, 'logistics', 'drivers-assigned', { bodyId: cordonId });
  });

  // 12 October: the day's requests from the depot to JAPs and popular stores.
  const targets = [RESUPPLIED_JAP, 'JAP San Gregorio', 'JAP Población La Victoria']
    .concat([...places.keys()].filter((n) => n.startsWith('Almacén del Pueblo')).slice(0, 3))
    .filter((n) => places.has(n));
  const loads = targets.map((name) => {
    const load = rng.pick(LOADS);
    return { name, load, kg: rng.int(load.kg[0] / 100, load.kg[1] / 100) * 100 };
  });
  const shipmentIds: string[] = [];
  const deliverDay = -38;
  agenda.at(deliverDay - 1, 16, async () => {
    for (const { name, load, kg } of loads) {
      const s = await logistics.shipments.requestShipment(SYSTEM, {
        bodyId: cordonId,
        requestedByBodyId: bodies.get(name) ?? null,
        fromPlaceId: story.depot.id,
        toPlaceId: places.get(name)!,
        priority: load.priority,
        weightKg: kg,
        dueDate: agenda.dateOf(deliverDay),
        goods: [{ good: load.good, quantity: kg, unit: load.unit }],
      });
      shipmentIds.push(s.id);
      note(deliverDay - 1, 'logistics', 'shipment-requested', { shipmentId: s.id, bodyId: cordonId });
    }
  });
  // The first shipment's road is cut on the 13th; the next day's plan takes it again.
  let failedPlanId = '';
  agenda.at(deliverDay, 6, async () => {
    const rerouted = shipmentIds[0];
    failedPlanId = await planAndDeliver(story, cordonId, deliverDay, drivers, (shipmentId) =>
      shipmentId === rerouted
        ? 'Camino cortado con miguelitos en Avenida Departamental; el camión volvió al acopio'
        : null,
    );
    // the truck came back on slashed tyres: out of service until the Madeco workshop mends it
    const route = (await logistics.planning.get(failedPlanId)).routes.find((r) =>
      r.stops.some((stop) => stop.shipmentId === rerouted),
    );
    if (!route) return;
    agenda.at(deliverDay, 19, async () => {
      await logistics.pool.decide(SYSTEM, route.vehicleId, {
        status: 'out-of-service',
        bodyId: cordonId,
        note: 'Neumáticos rajados por los miguelitos',
      });
      note(deliverDay, 'logistics', 'truck-out-of-service', { vehicleId: route.vehicleId, bodyId: cordonId });
    });
    agenda.at(deliverDay + 2, 8, async () => {
      await logistics.pool.decide(SYSTEM, route.vehicleId, {
        status: 'requisitioned',
        bodyId: cordonId,
        note: 'Reparado en la maestranza de Madeco; vuelve a la flota del cordón',
      });
      note(deliverDay + 2, 'logistics', 'truck-back-in-service', {
        vehicleId: route.vehicleId,
        bodyId: cordonId,
      });
    });
  });
  agenda.at(deliverDay + 1, 6, async () => {
    const planId = await planAndDeliver(story, cordonId, deliverDay + 1, drivers, () => null);
    note(deliverDay + 1, 'logistics', 'shipment-rerouted', {
      shipmentId: shipmentIds[0]!,
      failedPlanId,
      planId,
    });
  });

  // 17 October: JAP La Legua asks for what the week still lacks; the cordón's trucks bring it.
  const resupplyDay = -33;
  const japId = bodies.get(RESUPPLIED_JAP);
  if (japId && places.has(RESUPPLIED_JAP))
    agenda.at(resupplyDay, 8, async () => {
      const chair = (await japChairs(story)).get(japId);
      const [pointId] = await supply.resupply.pointIdsOf(japId);
      if (!chair || !pointId) return;
      const officer = actingAs(chair);
      const period = weekOf(agenda.timeOf(resupplyDay, 8));
      const short = (await supply.resupply.shortfall(officer, japId, period)).filter((l) => l.short > 0);
      const kg = loadKg(short.map((l) => ({ unit: l.unit, quantity: l.short })));
      if (kg > RESUPPLY_MAX_KG) {
        // DINAC's own trucks kept running for part of the week; the cordón carries the rest.
        const share = 1 - RESUPPLY_MAX_KG / kg;
        for (const l of short) {
          const units = Math.floor(l.short * share);
          if (units <= 0) continue;
          await supply.claims.receiveStock(officer, pointId, l.goodId, units, SCENARIO_META);
          note(resupplyDay, 'supply', 'stock-received', { pointId, goodId: l.goodId, committeeId: japId });
        }
      }
      const outcome = await supply.resupply.request(officer, japId, { period, pointId }, SCENARIO_META);
      if (outcome.status !== 'requested' || !outcome.request.shipmentId) return;
      const shipment = await logistics.shipments.get(outcome.request.shipmentId);
      if (shipment.fromPlaceId !== story.depot.id)
        throw new Error('the October scenario expects La Legua to be resupplied from the cordón’s new depot');
      note(resupplyDay, 'supply', 'resupply-requested', {
        requestId: outcome.request.id,
        shipmentId: shipment.id,
        committeeId: japId,
      });
      agenda.at(resupplyDay, 10, async () => {
        const planId = await planAndDeliver(story, cordonId, resupplyDay, drivers, () => null);
        note(resupplyDay, 'supply', 'resupply-delivered', {
          requestId: outcome.request.id,
          shipmentId: shipment.id,
          planId,
          pointId,
        });
      });
    });

  // 5 November: the stoppage is over; two requisitioned trucks go back to their owners.
  agenda.at(OCTOBER_1972.stoppageEnds, 11, async () => {
    for (const id of requisitioned.slice(0, 2)) {
      await logistics.pool.decide(SYSTEM, id, {
        status: 'returned',
        bodyId: cordonId,
        note: 'Fin del paro: devuelto a su dueño por acuerdo del cordón',
      });
      note(OCTOBER_1972.stoppageEnds, 'logistics', 'truck-returned', { vehicleId: id, bodyId: cordonId });
    }
  });
}

/** Textil Sumar's cotton in store (kg) on an ordinary day, and what a day of weaving uses. */
const COTTON = { workplace: 'Textil Sumar', normalKg: 18_000, usedPerDayKg: 2_200, deliveredKg: 6_000 };

/**
 * Textil Sumar's cotton in store, reported every evening: the stoppage stops deliveries from day
 * −41 and the stock runs down; the forecaster's alert goes unanswered at the assembly and climbs
 * to the cordón (the escalation runs each evening at 21:00), whose delegates take it in hand; the
 * cordón's requisitioned trucks bring cotton on day −37 and the alert is resolved on day −35.
 */
async function scheduleCottonAlert(story: Story): Promise<void> {
  const { services, agenda, note, places } = story;
  const { production, logistics } = services;
  const rng = story.rng.fork('cotton');
  const workplace = (await production.register.listWorkplaces()).find((w) => w.name === COTTON.workplace);
  const cordonId = story.bodies.get(CORDON);
  if (!workplace || !cordonId) return;
  let indicatorId = '';
  const seen = new Set<string>();
  const ours = async (statuses: ('open' | 'acknowledged')[]) =>
    (await production.alerts.ofWorkplaceForSystem(workplace.id, statuses)).filter(
      (a) => a.indicatorId === indicatorId,
    );

  agenda.at(-(OCTOBER_DAYS - 1), 7, async () => {
    const [indicator] = await production.register.createIndicators(SYSTEM, workplace.id, [
      { name: 'Algodón en bodega', kind: 'stock', unit: 'kg', goodDirection: 'up' },
    ]);
    indicatorId = indicator!.id;
    note(-(OCTOBER_DAYS - 1), 'production', 'indicator-created', { indicatorId, workplaceId: workplace.id });
  });
  for (let day = -(OCTOBER_DAYS - 1); day < 0; day++) {
    const starved = Math.min(Math.max(0, day - OCTOBER_1972.stoppageDeclared + 1), 4);
    const refilled = day >= -37 ? Math.min(day + 38, 3) * 0.33 : 0;
    const kg =
      day >= -37
        ? COTTON.normalKg * Math.min(1, 0.5 + refilled)
        : COTTON.normalKg - starved * COTTON.usedPerDayKg;
    const value = Math.round(kg * (1 + 0.02 * (rng.next() * 2 - 1)));
    agenda.at(day, 20, async () => {
      const out = await production.reports.ingest(SYSTEM, [
        { indicatorId, period: agenda.dateOf(day), value },
      ]);
      if (out.alertsRaised === 0) return;
      for (const a of await ours(['open']))
        if (!seen.has(a.id)) {
          seen.add(a.id);
          note(day, 'production', 'alert-raised', { alertId: a.id, indicatorId, bodyId: a.bodyId });
        }
    });
  }
  for (let day = OCTOBER_1972.stoppageDeclared; day <= -36; day++)
    agenda.at(day, 21, async () => {
      if ((await production.escalation.escalateDue()).escalated === 0) return;
      for (const a of await ours(['open']))
        if (a.level > 0) {
          note(day, 'production', 'alert-escalated', { alertId: a.id, bodyId: a.bodyId });
          // the cordón's delegates on duty that night take it in hand
          agenda.moveTo(day, 21.5);
          await production.alerts.acknowledge(SYSTEM, a.id);
          note(day, 'production', 'alert-acknowledged', { alertId: a.id, bodyId: a.bodyId });
        }
    });
  agenda.at(-38, 17, async () => {
    const s = await logistics.shipments.requestShipment(SYSTEM, {
      bodyId: cordonId,
      requestedByBodyId: workplace.bodyId,
      fromPlaceId: story.depot.id,
      toPlaceId: places.get(COTTON.workplace)!,
      priority: 'raw-material',
      weightKg: COTTON.deliveredKg,
      dueDate: agenda.dateOf(-37),
      goods: [{ good: 'algodón en rama', quantity: COTTON.deliveredKg, unit: 'kg' }],
    });
    note(-38, 'logistics', 'shipment-requested', { shipmentId: s.id, bodyId: cordonId });
  });
  agenda.at(-35, 10, async () => {
    for (const a of await ours(['open', 'acknowledged'])) {
      if (a.status === 'open') {
        await production.alerts.acknowledge(SYSTEM, a.id);
        note(-35, 'production', 'alert-acknowledged', { alertId: a.id, bodyId: a.bodyId });
      }
      await production.alerts.resolve(
        SYSTEM,
        a.id,
        'Llegó algodón en los camiones requisados por el cordón; los telares vuelven a su turno completo.',
      );
      note(-35, 'production', 'alert-resolved', { alertId: a.id, bodyId: a.bodyId });
    }
  });
}

/**
 * Plans the cordón's requested shipments of `day`, dispatches the plan and has the drivers pick up
 * and deliver every stop — or fail the stops `failure` gives a reason for. Returns the plan id.
 */
async function planAndDeliver(
  story: Story,
  cordonId: string,
  day: number,
  drivers: readonly { accountId: string; personId: string }[],
  failure: (shipmentId: string) => string | null,
): Promise<string> {
  const { logistics } = story.services;
  const { agenda, note } = story;
  const started = await story.planner.start(SYSTEM, { bodyId: cordonId, date: agenda.dateOf(day) });
  await story.planner.settled(started.id);
  const plan = await logistics.dispatch.dispatch(SYSTEM, started.id);
  if (plan.unplaced.length > 0)
    throw new Error(`the October plan of day ${day} left ${plan.unplaced.length} shipments unplaced`);
  note(day, 'logistics', 'plan-dispatched', { planId: plan.id, bodyId: cordonId });
  const byAccount = new Map(drivers.map((d) => [d.accountId, d]));
  let hour = 7;
  for (const route of plan.routes) {
    const driver = route.driverAccountId ? byAccount.get(route.driverAccountId) : undefined;
    if (!driver) throw new Error(`route ${route.number} of the October plan has no driver`);
    const principal = actingAs(driver.personId, driver.accountId);
    for (const stop of route.stops) {
      await logistics.dispatch.record(principal, stop.id, 'picked-up');
    }
    for (const stop of route.stops) {
      hour += 0.5;
      agenda.moveTo(day, hour);
      const reason = failure(stop.shipmentId);
      if (reason !== null) {
        await logistics.dispatch.record(principal, stop.id, 'failed', { reason });
        note(day, 'logistics', 'stop-failed', {
          shipmentId: stop.shipmentId,
          planId: plan.id,
          stopId: stop.id,
        });
      } else {
        await logistics.dispatch.record(principal, stop.id, 'delivered');
        note(day, 'logistics', 'shipment-delivered', {
          shipmentId: stop.shipmentId,
          planId: plan.id,
          stopId: stop.id,
        });
      }
    }
  }
  return plan.id;
}

/**
 * Neighbours' price and hoarding reports: a few after the shopkeepers' strike of late August, many
 * during the stoppage (days −41 … −15), few after; each JAP checks a report in 1–3 days and
 * resolves it 2–6 days later (those not yet due stay open or checked).
 */
async function schedulePriceReports(story: Story): Promise<void> {
  const { services, agenda, note, bodies } = story;
  const rng = story.rng.fork('prices');
  const japs = [...bodies.entries()].filter(([name]) => name.startsWith('JAP '));
  if (japs.length === 0) return;
  let chairs: Map<string, string> | undefined;
  const chairOf = async (japId: string) => {
    chairs ??= await japChairs(story);
    return chairs.get(japId);
  };
  for (let day = -(OCTOBER_DAYS - 1); day < 0; day++) {
    const inStoppage = day >= OCTOBER_1972.stoppageDeclared && day <= OCTOBER_1972.stoppageEnds;
    const rate = inStoppage ? 0.7 : day < -80 ? 0.25 : 0.1;
    if (rng.next() >= rate) continue;
    const [, japId] = rng.pick(japs);
    const what = rng.pick(REPORT_KINDS);
    // prices climb with the black market during the stoppage: 1.5× before, up to 4× at its height
    const factor = inStoppage ? 2 + 2 * rng.next() : 1.3 + 0.5 * rng.next();
    const shop = `${rng.pick(SHOPS)}, pasaje ${rng.int(1, 40)}`;
    const checkDay = day + rng.int(1, 3);
    const resolveDay = checkDay + rng.int(2, 6);
    let reportId = '';
    agenda.at(day, rng.int(9, 20), async () => {
      const { id } = await services.supply.prices.report(actingAs(''), japId, {
        kind: what.kind,
        goodCode: what.goodCode,
        place: shop,
        priceCentesimos: what.kind === 'overprice' ? Math.round(what.official * factor) : null,
        description:
          what.kind === 'overprice'
            ? `Vende ${what.what} a ${factor.toFixed(1)} veces el precio oficial.`
            : `Tiene ${what.what} guardados en la trastienda y dice que no le llega.`,
        anonymous: true,
      });
      reportId = id;
      note(day, 'supply', 'price-reported', { reportId: id, committeeId: japId });
    });
    if (checkDay < 0)
      agenda.at(checkDay, 11, async () => {
        const chair = await chairOf(japId);
        if (!chair) return;
        await services.supply.prices.advance(
          actingAs(chair),
          reportId,
          { to: 'checked', notes: 'La JAP fue a ver con un inspector de DIRINCO: es efectivo.' },
          SCENARIO_META,
        );
        note(checkDay, 'supply', 'price-report-checked', { reportId, committeeId: japId });
      });
    if (resolveDay < 0)
      agenda.at(resolveDay, 12, async () => {
        const chair = await chairOf(japId);
        if (!chair) return;
        await services.supply.prices.advance(
          actingAs(chair),
          reportId,
          {
            to: 'resolved',
            notes:
              what.kind === 'overprice'
                ? 'Multado por DIRINCO; vende al precio oficial bajo control de la JAP.'
                : 'Mercadería requisada y vendida por la JAP al precio oficial.',
          },
          SCENARIO_META,
        );
        note(resolveDay, 'supply', 'price-report-resolved', { reportId, committeeId: japId });
      });
  }
}

/**
 * Day 0, after the earlier parts: the cordones take their escalated alerts in hand (they were
 * raised at the load) — all but one per workplace, which stays open and climbing — and Fensa's assembly recalls the delegate who voted against its mandate in
 * the councils part, and elects a replacement.
 */
function scheduleLastDay(story: Story): void {
  const { services, agenda, note, bodies, demo } = story;
  agenda.at(0, 0, async () => {
    const { production } = services;
    const workplaces = (await production.register.listWorkplaces()).sort((a, b) =>
      a.name.localeCompare(b.name),
    );
    for (const w of workplaces) {
      const escalated = (await production.alerts.ofWorkplaceForSystem(w.id, ['open']))
        .filter((a) => a.level > 0)
        .sort(
          (a, b) => a.period.localeCompare(b.period) || a.kind.localeCompare(b.kind) || b.error - a.error,
        );
      // All but the last are taken in hand: one stays open at the council, so its board still
      // shows an alert that climbed unanswered.
      for (const alert of escalated.slice(0, -1)) {
        await production.alerts.acknowledge(SYSTEM, alert.id);
        note(0, 'production', 'alert-acknowledged', { alertId: alert.id, bodyId: alert.bodyId });
        await production.alerts.resolve(
          SYSTEM,
          alert.id,
          w.name === 'Perlak'
            ? 'Los trabajadores ocuparon la planta durante el paro patronal; el cordón aseguró materias primas y la producción se reanuda bajo administración obrera.'
            : 'El cordón revisó la caída con la asamblea: causa identificada durante el paro, producción normalizada.',
        );
        note(0, 'production', 'alert-resolved', { alertId: alert.id, bodyId: alert.bodyId });
      }
    }
  });

  agenda.at(0, 0, async () => {
    const assemblyId = bodies.get(RECALLING_ASSEMBLY);
    const cordonId = bodies.get(RECALLING_CORDON);
    const jorge = demo.get('jorge');
    if (!assemblyId || !cordonId || !jorge) return;
    const { councils } = services;
    // jorge (Perlak) is a constituent of the cordón, so he may read its seats
    const seat = (await councils.seats(actingAs(jorge), cordonId)).find(
      (s) => s.constituencyId === assemblyId && s.holderPersonId !== null,
    );
    if (!seat) return;
    const delegate = seat.holderPersonId!;
    const members = (await councils.members(actingAs(delegate), assemblyId))
      .filter((m) => m.leftAt === null)
      .sort((a, b) => a.displayName.localeCompare(b.displayName) || a.personId.localeCompare(b.personId));
    const chair = members.find((m) => m.role === 'chair');
    const constituents = members.filter((m) => m.personId !== delegate && m.role !== 'chair');
    if (!chair) return;
    let outcome = await councils.recall.open(
      actingAs(constituents[0]!.personId),
      assemblyId,
      seat.seatId,
      SCENARIO_META,
    );
    note(0, 'councils', 'recall-petition', { petitionId: outcome.petitionId, seatId: seat.seatId });
    for (const signer of constituents.slice(1)) {
      if (outcome.status === 'recalled') break;
      outcome = await councils.recall.sign(actingAs(signer.personId), outcome.petitionId, SCENARIO_META);
    }
    if (outcome.status !== 'recalled' || !outcome.vacated.byElectionId) return;
    const { byElectionId, newSeatId } = outcome.vacated;
    note(0, 'councils', 'delegate-recalled', {
      petitionId: outcome.petitionId,
      seatId: seat.seatId,
      personId: delegate,
      electionId: byElectionId,
    });
    const [first, second] = constituents;
    for (const c of [first!, second!])
      await councils.elections.nominate(actingAs(c.personId), byElectionId, undefined, SCENARIO_META);
    for (const [i, voter] of members.filter((m) => m.personId !== delegate).entries()) {
      const ranking = i % 3 === 2 ? [second!.personId, first!.personId] : [first!.personId, second!.personId];
      await councils.elections.vote(actingAs(voter.personId), byElectionId, ranking, SCENARIO_META);
    }
    const result = await councils.elections.close(actingAs(chair.personId), byElectionId, SCENARIO_META);
    if (result.status !== 'counted' || result.elected.length === 0) return;
    note(0, 'councils', 'delegate-replaced', {
      electionId: byElectionId,
      seatId: newSeatId ?? '',
      personId: result.elected[0]!.personId,
    });
  });
}
