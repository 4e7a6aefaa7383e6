import type { WorkplaceStatus } from '../production/production.service.js';
import { BODIES_BY_NAME } from './councils.scenario.js';
import type { ScenarioContext } from './scenario.js';

/** Products in the country's catalogue (issue 9: 100,000 products in the plan). */
export const COUNTRY_PRODUCTS = 100_000;

const SECTORS = [
  { sector: 'alimentos', unit: 'kg', basic: true },
  { sector: 'textiles', unit: 'm', basic: true },
  { sector: 'metalurgia', unit: 'kg', basic: false },
  { sector: 'minería', unit: 't', basic: false },
  { sector: 'química', unit: 'kg', basic: false },
  { sector: 'construcción', unit: 'unit', basic: false },
  { sector: 'línea blanca', unit: 'unit', basic: true },
  { sector: 'envases', unit: 'unit', basic: false },
  { sector: 'madera', unit: 'm3', basic: false },
  { sector: 'agricultura', unit: 'kg', basic: true },
] as const;

const STATUSES: readonly WorkplaceStatus[] = ['social-area', 'intervened', 'occupied', 'private'];

// Products are written in commands of this many, workplaces a region (about 1,900) at a time.
const PRODUCT_BATCH = 20_000;

/**
 * The production part at country scale: a catalogue of 100,000 products over ten sectors, and a
 * workplace for every workplace assembly of the councils part (30,080), placed in its region
 * along Chile (latitude −18° to −53°), each making one product with a month's capacity and three
 * indicators (output, absenteeism, energy). No reports: 90 days of history for 30,000 workplaces
 * (8 million reports through the forecaster) is not what a first look at the country needs, so
 * indicators start empty and no alerts are raised. Bulk through `production.importRegister`.
 */
export async function loadProductionCountry(context: ScenarioContext): Promise<void> {
  const { production, clock } = context.services;
  const bodies = context.shared.get(BODIES_BY_NAME) as Map<string, string> | undefined;
  if (!bodies) throw new Error('the production scenario needs the councils scenario first');
  const rng = context.rng;
  const assemblies = [...bodies].filter(([name]) => name.startsWith('Asamblea R'));
  const regions = new Map<number, [string, string][]>();
  for (const entry of assemblies) {
    const r = Number(/^Asamblea R(\d+)-/.exec(entry[0])![1]);
    regions.set(r, [...(regions.get(r) ?? []), entry]);
  }
  const total = COUNTRY_PRODUCTS / PRODUCT_BATCH + regions.size;
  let done = 0;

  const products: { id: string; sector: (typeof SECTORS)[number] }[] = [];
  for (let from = 0; from < COUNTRY_PRODUCTS; from += PRODUCT_BATCH) {
    const batch = Array.from({ length: Math.min(PRODUCT_BATCH, COUNTRY_PRODUCTS - from) }, (_, i) => {
      const n = from + i + 1;
      const s = SECTORS[n % SECTORS.length]!;
      return {
        code: `P${String(n).padStart(6, '0')}`,
        name: `Producto ${n} (${s.sector})`,
        unit: s.unit,
        category: s.sector,
        basicGood: s.basic && n % 7 === 0,
      };
    });
    const { products: ids } = await production.register.importRegister('scenario', {
      products: batch,
      workplaces: [],
    });
    for (const p of batch)
      products.push({
        id: ids.get(p.code)!,
        sector: SECTORS[SECTORS.findIndex((s) => s.sector === p.category)]!,
      });
    context.progress(++done, total);
  }

  const month = new Date(clock.now()).toISOString().slice(0, 7);
  const since = new Date(clock.now() - 400 * 86_400_000).toISOString().slice(0, 10);
  for (const [r, list] of [...regions].sort((a, b) => a[0] - b[0])) {
    // Region r of 16 lies in a band of latitude from the north (−18°) to the south (−53°).
    const north = -18 - ((r - 1) * 35) / regions.size;
    const workplaces = list.map(([name, bodyId]) => {
      const product = products[rng.int(0, products.length - 1)]!;
      const workforce = rng.int(20, 2500);
      return {
        bodyId,
        name: name.replace(
          'Asamblea',
          product.sector.sector[0]!.toUpperCase() + product.sector.sector.slice(1),
        ),
        sector: product.sector.sector,
        latitude: north - rng.next() * (35 / regions.size),
        longitude: -70 - rng.next() * 3,
        workforce,
        status: rng.pick(STATUSES),
        since,
        capacity: { productId: product.id, period: month, quantity: workforce * rng.int(10, 400) },
        indicators: [
          { name: 'Producción', kind: 'output', productId: product.id, unit: product.sector.unit },
          {
            name: 'Ausentismo',
            kind: 'absenteeism',
            productId: null,
            unit: 'personas',
            goodDirection: 'down' as const,
          },
          { name: 'Energía', kind: 'energy', productId: null, unit: 'kWh', goodDirection: 'none' as const },
        ],
      };
    });
    await production.register.importRegister('scenario', { products: [], workplaces });
    context.progress(++done, total);
  }
}
