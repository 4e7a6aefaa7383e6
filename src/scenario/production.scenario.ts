import type { SparePartCapability } from '../production/spare-parts.service.js';
import { BODIES_BY_NAME } from './councils.scenario.js';
import { loadProductionCountry } from './production.country.js';
import type { Rng } from './rng.js';
import type { ScenarioContext, ScenarioPart } from './scenario.js';

const DAY_MS = 86_400_000;
const HISTORY_DAYS = 90;
const SYSTEM = { kind: 'system', name: 'scenario' } as const;

/** The products of the city scenario (Santiago, 1972). Units: kg, m (cloth), unit, caja (24 tins). */
const PRODUCTS = [
  { code: 'ALI-CONS', name: 'Conservas de durazno', unit: 'caja', category: 'alimentos', basicGood: true },
  { code: 'ALI-FIDEO', name: 'Fideos', unit: 'kg', category: 'alimentos', basicGood: true },
  { code: 'MP-TRIGO', name: 'Trigo', unit: 'kg', category: 'materias primas', basicGood: false },
  { code: 'MP-ALGOD', name: 'Algodón', unit: 'kg', category: 'materias primas', basicGood: false },
  {
    code: 'MP-COBRE',
    name: 'Cobre electrolítico',
    unit: 'kg',
    category: 'materias primas',
    basicGood: false,
  },
  { code: 'TEX-TELA', name: 'Tela de algodón', unit: 'm', category: 'textiles', basicGood: true },
  { code: 'TEX-POLI', name: 'Hilado de poliéster', unit: 'kg', category: 'textiles', basicGood: false },
  { code: 'MET-CABLE', name: 'Cable de cobre', unit: 'kg', category: 'metalurgia', basicGood: false },
  {
    code: 'MET-PIEZA',
    name: 'Piezas de acero fundido',
    unit: 'kg',
    category: 'metalurgia',
    basicGood: false,
  },
  { code: 'MET-ELEC', name: 'Electrodos de soldadura', unit: 'kg', category: 'metalurgia', basicGood: false },
  { code: 'ENV-ALU', name: 'Envases de aluminio', unit: 'unit', category: 'envases', basicGood: false },
  { code: 'VID-BOT', name: 'Botellas de vidrio', unit: 'unit', category: 'envases', basicGood: false },
  { code: 'HOG-REFR', name: 'Refrigeradores', unit: 'unit', category: 'línea blanca', basicGood: true },
  { code: 'HOG-COC', name: 'Cocinas a gas', unit: 'unit', category: 'línea blanca', basicGood: true },
  { code: 'CON-LOZA', name: 'Loza sanitaria', unit: 'unit', category: 'construcción', basicGood: false },
] as const;

type ProductCode = (typeof PRODUCTS)[number]['code'];

/** Each city workplace: what it makes, how much a day, where, and how many work there. */
const WORKPLACES: Record<
  string,
  { sector: string; product: ProductCode; daily: number; workforce: number; at: [number, number] }
> = {
  Perlak: { sector: 'alimentos', product: 'ALI-CONS', daily: 2400, workforce: 650, at: [-33.5062, -70.7194] },
  Fensa: {
    sector: 'línea blanca',
    product: 'HOG-REFR',
    daily: 180,
    workforce: 1100,
    at: [-33.5098, -70.7151],
  },
  Alusa: { sector: 'envases', product: 'ENV-ALU', daily: 52000, workforce: 420, at: [-33.5145, -70.7233] },
  Polycron: {
    sector: 'textiles',
    product: 'TEX-POLI',
    daily: 8600,
    workforce: 380,
    at: [-33.5021, -70.7302],
  },
  'Cristalerías Chile': {
    sector: 'vidrio',
    product: 'VID-BOT',
    daily: 96000,
    workforce: 1500,
    at: [-33.5177, -70.7089],
  },
  'Textil Sumar': {
    sector: 'textiles',
    product: 'TEX-TELA',
    daily: 41000,
    workforce: 2300,
    at: [-33.4902, -70.6127],
  },
  Madeco: {
    sector: 'metalurgia',
    product: 'MET-CABLE',
    daily: 27000,
    workforce: 1700,
    at: [-33.4968, -70.6088],
  },
  Elecmetal: {
    sector: 'metalurgia',
    product: 'MET-PIEZA',
    daily: 15000,
    workforce: 900,
    at: [-33.5033, -70.6049],
  },
  'Textil Progreso': {
    sector: 'textiles',
    product: 'TEX-TELA',
    daily: 12000,
    workforce: 600,
    at: [-33.5101, -70.6112],
  },
  Mademsa: {
    sector: 'línea blanca',
    product: 'HOG-COC',
    daily: 240,
    workforce: 950,
    at: [-33.5169, -70.6021],
  },
  Indura: {
    sector: 'metalurgia',
    product: 'MET-ELEC',
    daily: 6400,
    workforce: 700,
    at: [-33.4721, -70.6893],
  },
  Carozzi: {
    sector: 'alimentos',
    product: 'ALI-FIDEO',
    daily: 64000,
    workforce: 1300,
    at: [-33.4688, -70.6952],
  },
  Lucchetti: {
    sector: 'alimentos',
    product: 'ALI-FIDEO',
    daily: 48000,
    workforce: 1000,
    at: [-33.4655, -70.6811],
  },
  Fanaloza: {
    sector: 'construcción',
    product: 'CON-LOZA',
    daily: 1300,
    workforce: 800,
    at: [-33.4599, -70.6903],
  },
  'Textil Comandari': {
    sector: 'textiles',
    product: 'TEX-TELA',
    daily: 18000,
    workforce: 750,
    at: [-33.4634, -70.6755],
  },
};

/** Inputs per unit of output in thousandths of the input's unit, and labour in milli-hours. */
const TECHNIQUES: Partial<Record<ProductCode, { labour: number; inputs: [ProductCode, number][] }>> = {
  'ALI-FIDEO': { labour: 12, inputs: [['MP-TRIGO', 1150]] },
  'TEX-TELA': { labour: 45, inputs: [['MP-ALGOD', 160]] },
  'MET-CABLE': { labour: 30, inputs: [['MP-COBRE', 1020]] },
};

/** What some workplaces can make for others (spare parts), with details. */
const CAPABILITIES: Record<string, [SparePartCapability, string][]> = {
  Elecmetal: [
    ['foundry', 'acero al manganeso y bronce, piezas hasta 2 t'],
    ['machining', 'fresadora universal, cepilladora'],
  ],
  Madeco: [
    ['electrical-rewinding', 'motores hasta 75 kW, transformadores de distribución'],
    ['turning', 'tornos paralelos de 3 m'],
  ],
  Indura: [
    ['welding', 'arco, oxiacetileno y TIG'],
    ['machining', 'torno y fresa de precisión'],
  ],
  Fensa: [
    ['sheet-metal', 'plegadora y cizalla de 3 m'],
    ['electrical-rewinding', 'motores monofásicos y compresores'],
  ],
  Mademsa: [['sheet-metal', 'prensas de estampado de 200 t']],
  'Cristalerías Chile': [
    ['machining', 'taller de moldes, fresado de fundición gris'],
    ['woodwork', 'modelos para fundición'],
  ],
  Fanaloza: [['woodwork', 'modelos y cajas de noyos']],
  Carozzi: [['turning', 'torno de taller de mantención']],
};

/** Spare-part needs of the scenario and how far each got: a few matched into orders in several states. */
const NEEDS: {
  workplace: string;
  part: string;
  specification: string;
  quantity: number;
  urgency: 'low' | 'normal' | 'high' | 'critical';
  machine: string;
  capability: SparePartCapability;
  /** The moves made after proposing to the best-ranked maker; null: not proposed yet. */
  moves: ('accepted' | 'in-production' | 'shipped' | 'received' | 'declined')[] | null;
}[] = [
  {
    workplace: 'Textil Sumar',
    part: 'Engranaje de telar',
    specification: 'Z=48, módulo 2,5, acero SAE 1045 bonificado',
    quantity: 6,
    urgency: 'high',
    machine: 'Telar Sulzer P7100 n.º 14',
    capability: 'machining',
    moves: ['accepted', 'in-production'],
  },
  {
    workplace: 'Carozzi',
    part: 'Rebobinado de motor de amasadora',
    specification: '15 kW, 1.450 rpm, 380 V, clase F',
    quantity: 1,
    urgency: 'critical',
    machine: 'Amasadora continua línea 2',
    capability: 'electrical-rewinding',
    moves: ['accepted', 'in-production', 'shipped'],
  },
  {
    workplace: 'Perlak',
    part: 'Rodillo de cerradora de latas',
    specification: 'según plano PK-112, acero templado',
    quantity: 4,
    urgency: 'normal',
    machine: 'Cerradora Angelus 60L',
    capability: 'turning',
    moves: ['accepted', 'in-production', 'shipped', 'received'],
  },
  {
    workplace: 'Lucchetti',
    part: 'Matriz de trefilado',
    specification: 'bronce, 120 orificios de 1,6 mm',
    quantity: 2,
    urgency: 'high',
    machine: 'Prensa de pasta larga Braibanti',
    capability: 'foundry',
    moves: [],
  },
  {
    workplace: 'Alusa',
    part: 'Carcasa de ventilador',
    specification: 'chapa de 2 mm, 600 mm de diámetro',
    quantity: 2,
    urgency: 'low',
    machine: 'Horno de secado de laca',
    capability: 'sheet-metal',
    moves: ['declined'],
  },
  {
    workplace: 'Polycron',
    part: 'Tarjeta de control de temperatura',
    specification: 'reemplazo de la tarjeta importada, 4 zonas',
    quantity: 1,
    urgency: 'critical',
    machine: 'Extrusora de hilado 3',
    capability: 'electronics',
    moves: null,
  },
];

// The incidents, in days from the start of the history (0 = 90 days ago).
const LOCKOUT = { workplace: 'Perlak', from: 62, to: 67 };
const SHORTAGE = { workplace: 'Carozzi', from: 76 };
const POWER_SURGE = { workplace: 'Madeco', day: 83 };

// about N(0, 1): the sum of four uniforms, rescaled (variance 4/12)
function noise(rng: Rng): number {
  return (rng.next() + rng.next() + rng.next() + rng.next() - 2) * Math.sqrt(3);
}

/**
 * The production part of the city scenario: the 15 workplaces of the three cordones with their
 * products, capacities, a few techniques and three indicators each (output, absenteeism,
 * energy), 90 days of daily reports up to yesterday through the real ingest path (forecasts and
 * alerts included), and three incidents: an owners' lockout at Perlak (its alert escalates to
 * the cordón), a wheat shortage at Carozzi (its alert is resolved) and a power surge at Madeco
 * (its alert is acknowledged). Any other alert the forecaster raises stays open and escalates
 * like the lockout. Spare parts: capabilities at eight workplaces and six needs, five of them
 * proposed to their best-ranked maker and moved to different states (accepted and in production,
 * shipped, received, awaiting an answer, declined), one with no maker for its capability. The
 * country scale loads its own register without history or spare parts (`production.country.ts`).
 */
export const productionScenario: ScenarioPart = {
  name: 'production',
  async load(context: ScenarioContext) {
    if (context.scale === 'country') return loadProductionCountry(context);
    const { production, clock } = context.services;
    const bodies = context.shared.get(BODIES_BY_NAME) as Map<string, string> | undefined;
    if (!bodies) throw new Error('the production scenario needs the councils scenario first');
    const names = Object.keys(WORKPLACES).filter((n) => bodies.has(n));
    const total = PRODUCTS.length + names.length + 4;
    let done = 0;
    const step = (n = 1) => {
      done += n;
      context.progress(done, total);
    };

    const productIds = new Map<string, string>();
    for (const p of PRODUCTS) productIds.set(p.code, (await production.register.createProduct(SYSTEM, p)).id);
    step(PRODUCTS.length);

    const today = Math.floor(clock.now() / DAY_MS);
    const firstDay = today - HISTORY_DAYS;
    const since = new Date((firstDay - 200) * DAY_MS).toISOString().slice(0, 10);
    const month = new Date(clock.now()).toISOString().slice(0, 7);
    const items: { indicatorId: string; period: string; value: number }[] = [];
    const workplaceIds = new Map<string, string>();
    for (const name of names) {
      const spec = WORKPLACES[name]!;
      const rng = context.rng.fork(name);
      const w = await production.register.createWorkplace(SYSTEM, {
        bodyId: bodies.get(name)!,
        name,
        sector: spec.sector,
        latitude: spec.at[0],
        longitude: spec.at[1],
        workforce: spec.workforce,
        status:
          name === 'Textil Sumar' || name === 'Madeco' ? 'social-area' : rng.pick(['occupied', 'intervened']),
        since,
      });
      workplaceIds.set(name, w.id);
      const productId = productIds.get(spec.product)!;
      await production.register.setCapacities(SYSTEM, w.id, [
        { productId, period: month, quantity: Math.round(spec.daily * 26 * 1.15) },
      ]);
      const technique = TECHNIQUES[spec.product];
      if (technique)
        await production.register.setTechnique(SYSTEM, w.id, {
          productId,
          labourMilliHours: technique.labour,
          inputs: technique.inputs.map(([code, q]) => ({
            productId: productIds.get(code)!,
            quantityMilli: q,
          })),
        });
      const [output, absent, energy] = await production.register.createIndicators(SYSTEM, w.id, [
        {
          name: 'Producción',
          kind: 'output',
          productId,
          unit: PRODUCTS.find((p) => p.code === spec.product)!.unit,
        },
        { name: 'Ausentismo', kind: 'absenteeism', unit: 'personas', goodDirection: 'down' },
        { name: 'Energía', kind: 'energy', unit: 'kWh', goodDirection: 'none' },
      ]);
      for (let d = 0; d < HISTORY_DAYS; d++) {
        const period = new Date((firstDay + d) * DAY_MS).toISOString().slice(0, 10);
        // Sundays are a half shift
        const weekly = new Date((firstDay + d) * DAY_MS).getUTCDay() === 0 ? 0.5 : 1;
        let level = spec.daily * weekly;
        let absentLevel = spec.workforce * 0.06 * weekly;
        if (name === LOCKOUT.workplace && d >= LOCKOUT.from && d <= LOCKOUT.to) level *= 0.04;
        if (name === SHORTAGE.workplace && d >= SHORTAGE.from) level *= 0.55;
        if (name === LOCKOUT.workplace && d >= LOCKOUT.from && d <= LOCKOUT.to)
          absentLevel = spec.workforce * 0.6;
        let energyLevel = spec.workforce * 40 * weekly;
        if (name === POWER_SURGE.workplace && d === POWER_SURGE.day) energyLevel *= 3;
        items.push(
          {
            indicatorId: output!.id,
            period,
            value: Math.max(0, Math.round(level * (1 + 0.02 * noise(rng)))),
          },
          {
            indicatorId: absent!.id,
            period,
            value: Math.max(0, Math.round(absentLevel * (1 + 0.08 * noise(rng)))),
          },
          {
            indicatorId: energy!.id,
            period,
            value: Math.max(0, Math.round(energyLevel * (1 + 0.02 * noise(rng)))),
          },
        );
      }
      step();
    }

    const ingested = await production.reports.ingest(SYSTEM, items);
    if (ingested.rejected.length > 0)
      throw new Error(`scenario reports refused: ${ingested.rejected[0]!.reason}`);
    step();

    const shortage = workplaceIds.get(SHORTAGE.workplace);
    if (shortage)
      for (const a of await production.alerts.ofWorkplaceForSystem(shortage, ['open']))
        await production.alerts.resolve(
          SYSTEM,
          a.id,
          'Falta de trigo: la JAP y el cordón consiguieron un envío de la ENAC; se repone el turno de noche.',
        );
    const surge = workplaceIds.get(POWER_SURGE.workplace);
    if (surge)
      for (const a of await production.alerts.ofWorkplaceForSystem(surge, ['open']))
        await production.alerts.acknowledge(SYSTEM, a.id);
    step();

    // Two days pass without an answer from the other workplaces: their alerts climb to the cordón.
    await production.escalation.escalateDue(clock.now() + 49 * 3_600_000);
    step();

    for (const [name, capabilities] of Object.entries(CAPABILITIES)) {
      const id = workplaceIds.get(name);
      if (id)
        await production.spareParts.setCapabilities(
          SYSTEM,
          id,
          capabilities.map(([capability, detail]) => ({ capability, detail })),
        );
    }
    for (const need of NEEDS) {
      const id = workplaceIds.get(need.workplace);
      if (!id) continue;
      const { moves, ...input } = need;
      const posted = await production.spareParts.postNeed(SYSTEM, id, input);
      if (moves === null) continue;
      const [best] = await production.spareParts.proposals(posted.id, 1);
      if (!best) throw new Error(`scenario: no maker for ${need.capability}`);
      const order = await production.spareParts.propose(SYSTEM, posted.id, best.workplaceId);
      for (const to of moves) await production.spareParts.move(SYSTEM, order.id, to);
    }
    step();
  },
};
