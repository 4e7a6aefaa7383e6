import type { Services } from '../src/server/services.js';

/**
 * A workplace of the bench in assembly `bodyId` with `indicators` custom indicators named by
 * `indicatorName` (by default `I0`, `I1`, …), registered by the system; returns the ids.
 *
 * @example const { indicatorIds } = await benchWorkplace(services, bodyId, 'Fábrica 1', 20);
 */
export async function benchWorkplace(
  services: Services,
  bodyId: string,
  name: string,
  indicators: number,
  indicatorName: (i: number) => string = (i) => `I${i}`,
): Promise<{ workplaceId: string; indicatorIds: string[] }> {
  const system = { kind: 'system', name: 'bench' } as const;
  const workplace = await services.production.register.createWorkplace(system, {
    bodyId,
    name,
    sector: 'bench',
    latitude: -33.45,
    longitude: -70.66,
    workforce: 500,
    status: 'social-area',
    since: '1970-01-01',
  });
  const created = await services.production.register.createIndicators(
    system,
    workplace.id,
    Array.from({ length: indicators }, (_, i) => ({
      name: indicatorName(i),
      kind: 'custom' as const,
      unit: 'unit',
    })),
  );
  return { workplaceId: workplace.id, indicatorIds: created.map((i) => i.id) };
}
