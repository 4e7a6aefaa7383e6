import { createBody, createPerson, uniqueUsername } from '../../test/factories.js';
import type { Services } from '../server/services.js';

type Person = { accountId: string; personId: string; username: string };

/**
 * A small world for planning tests: two workplaces (A makes pasta from wheat, B makes milk) in
 * one cordón → regional council → national assembly (a delegate and a chair), a supply committee
 * with 10 households of one adult and one child (milk 500 mL a day per child, sugar 250 g a week
 * per person; sugar has no product in the catalogue), and the people who act.
 *
 * Capacities (every month from 1972-09): pasta 800 kg at A, milk 100 l at B; wheat has no
 * registered maker (uncapped). Pasta's technique: 1.15 kg of wheat and 12 milli-hours per kg.
 */
export async function createPlanningWorld(services: Services) {
  const names = [
    'secretaryA',
    'secretaryB',
    'cordonDelegate',
    'regionDelegate',
    'nationDelegate',
    'nationChair',
    'outsider',
  ] as const;
  const people = {} as Record<(typeof names)[number], Person>;
  for (const n of names) people[n] = await createPerson(services);
  const assemblyA = await createBody(services, {
    name: uniqueUsername('Asamblea Carozzi'),
    members: [{ personId: people.secretaryA.personId, role: 'secretary' }],
  });
  const assemblyB = await createBody(services, {
    name: uniqueUsername('Asamblea Lechera'),
    members: [{ personId: people.secretaryB.personId, role: 'secretary' }],
  });
  const cordon = await createBody(services, {
    kind: 'cordon',
    name: uniqueUsername("Cordón O'Higgins"),
    seats: [
      { constituencyId: assemblyA, holderPersonId: people.cordonDelegate.personId },
      { constituencyId: assemblyB, holderPersonId: null },
    ],
  });
  const region = await createBody(services, {
    kind: 'regional-council',
    name: uniqueUsername('Consejo Regional'),
    seats: [{ constituencyId: cordon, holderPersonId: people.regionDelegate.personId }],
  });
  const nation = await createBody(services, {
    kind: 'national-assembly',
    name: uniqueUsername('Asamblea Popular Nacional'),
    members: [{ personId: people.nationChair.personId, role: 'chair' }],
    seats: [{ constituencyId: region, holderPersonId: people.nationDelegate.personId }],
  });
  const committee = await createBody(services, {
    kind: 'supply-committee',
    name: uniqueUsername('JAP La Victoria'),
  });

  const system = { kind: 'system', name: 'test' } as const;
  const { register } = services.production;
  const suffix = uniqueUsername('');
  const product = async (code: string, name: string, unit: string) =>
    (await register.createProduct(system, { code, name, unit, category: 'alimentos', basicGood: true })).id;
  // the milk product's code is the supply good's code, so the committee's milk becomes its target
  const products = {
    wheat: await product(`TRIGO${suffix}`, 'Trigo', 'kg'),
    pasta: await product(`FIDEO${suffix}`, 'Fideos', 'kg'),
    milk: await product(`milk${suffix}`, 'Leche', 'l'),
  };
  const workplace = async (bodyId: string, name: string) =>
    (
      await register.createWorkplace(system, {
        bodyId,
        name,
        sector: 'alimentos',
        latitude: -33.47,
        longitude: -70.69,
        workforce: 300,
        status: 'social-area',
        since: '1972-01-01',
      })
    ).id;
  const workplaces = {
    a: await workplace(assemblyA, 'Carozzi'),
    b: await workplace(assemblyB, 'Lechera Central'),
  };
  await register.setCapacities(system, workplaces.a, [
    { productId: products.pasta, period: '1972-09', quantity: 800 },
  ]);
  await register.setCapacities(system, workplaces.b, [
    { productId: products.milk, period: '1972-09', quantity: 100 },
  ]);
  await register.setTechnique(system, workplaces.a, {
    productId: products.pasta,
    labourMilliHours: 12,
    inputs: [{ productId: products.wheat, quantityMilli: 1150 }],
  });

  let registry = 9_000_000 + Math.floor(Math.random() * 900_000) * 10;
  const next = () => {
    registry += 1;
    return String(registry);
  };
  await services.supply.households.registerMany(
    committee,
    Array.from({ length: 10 }, (_, i) => ({
      address: `Pasaje ${i + 1}`,
      members: [
        { registryNumber: next(), ageBand: '15-64' as const },
        { registryNumber: next(), ageBand: '5-14' as const },
      ],
    })),
    'test',
  );
  await services.supply.entitlements.importBasket(
    committee,
    {
      goods: [
        { code: `milk${suffix}`, name: 'Leche', unit: 'mL' },
        { code: `sugar${suffix}`, name: 'Azúcar', unit: 'g' },
      ],
      rules: [
        { goodCode: `milk${suffix}`, category: 'child', quantity: 500, per: 'day', priority: 0 },
        { goodCode: `sugar${suffix}`, category: 'everyone', quantity: 250, per: 'week', priority: 1 },
      ],
      motionId: null,
    },
    'test',
  );
  return {
    people,
    bodies: { assemblyA, assemblyB, cordon, region, nation, committee },
    products,
    workplaces,
    sugarCode: `sugar${suffix}`,
  };
}
