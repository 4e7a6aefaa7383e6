import { beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/factories.js';
import { describeEachDialect } from '../db/test-databases.js';

// The country scenario's bulk paths: many bodies founded in one command (each still audited),
// and a register of products and workplaces imported with one audit event.
describeEachDialect('bulk register import', (database) => {
  let t: TestApp;
  let assemblies: string[] = [];

  beforeAll(async () => {
    t = await createTestApp(database());
    const people = await t.services.identity.registerPeople(
      { kind: 'system', name: 'test' },
      Array.from({ length: 40 }, (_, i) => ({ displayName: `Persona ${i}` })),
    );
    assemblies = await t.services.councils.foundBodies(
      people.map((personId, i) => ({
        kind: 'workplace-assembly',
        name: `Asamblea ${i}`,
        members: [{ personId, role: 'chair' as const }],
      })),
      { actorName: 'test' },
    );
  });

  it('founds many bodies in one command, one audit event per body', async () => {
    expect(assemblies).toHaveLength(40);
    const { bodies } = await t.services.councils.federation();
    expect(
      bodies
        .filter((b) => b.name.startsWith('Asamblea '))
        .map((b) => b.id)
        .sort(),
    ).toEqual([...assemblies].sort());
    const founded = await database()
      .db.selectFrom('audit_events')
      .select('subject_id')
      .where('action', '=', 'councils.body-founded')
      .execute();
    expect(founded.map((e) => e.subject_id).sort()).toEqual([...assemblies].sort());
  });

  it('reads the federation again only when it changed', async () => {
    const first = await t.services.councils.federation();
    const again = await t.services.councils.federation();
    // the same frozen bodies, in arrays of its own that a caller may sort
    expect(again.bodies[0]).toBe(first.bodies[0]);
    again.bodies.sort((a, b) => b.name.localeCompare(a.name));
    expect((await t.services.councils.federation()).bodies).toEqual(first.bodies);
    const id = await t.services.councils.foundBody(
      { kind: 'cordon', name: 'Cordón nuevo' },
      { actorName: 'test' },
    );
    const second = await t.services.councils.federation();
    expect(second.bodies.map((b) => b.id)).toContain(id);
    expect(() => {
      (second.bodies[0] as { name: string }).name = 'x';
    }).toThrow();
  });

  it('imports products and workplaces with statuses, capacities and indicators', async () => {
    const { register } = t.services.production;
    const catalogue = await register.importRegister('test', {
      products: Array.from({ length: 5_000 }, (_, i) => ({
        code: `P${i}`,
        name: `Producto ${i}`,
        unit: 'kg',
        category: 'alimentos',
        basicGood: i % 2 === 0,
      })),
      workplaces: [],
    });
    expect(catalogue.products.size).toBe(5_000);
    const productId = catalogue.products.get('P42')!;
    const loaded = await register.importRegister('test', {
      products: [],
      workplaces: assemblies.map((bodyId, i) => ({
        bodyId,
        name: `Taller ${i}`,
        sector: 'alimentos',
        latitude: -33.5,
        longitude: -70.6,
        workforce: 100 + i,
        status: 'social-area' as const,
        since: '1972-10-11',
        capacity: { productId, period: '1972-10', quantity: 1_000 },
        indicators: [
          { name: 'Producción', kind: 'output', productId, unit: 'kg' },
          {
            name: 'Ausentismo',
            kind: 'absenteeism',
            productId: null,
            unit: 'personas',
            goodDirection: 'down' as const,
          },
        ],
      })),
    });
    expect(loaded.workplaces).toHaveLength(40);
    const w = await register.workplace(loaded.workplaces[3]!);
    expect(w).toMatchObject({
      name: 'Taller 3',
      workforce: 103,
      status: 'social-area',
      bodyId: assemblies[3],
    });
    expect(w.statusHistory.map((h) => h.since)).toEqual(['1972-10-11']);
    expect(await register.capacities(w.id)).toMatchObject([
      { productId, period: '1972-10', quantity: 1_000 },
    ]);
    expect((await register.listProducts()).find((p) => p.code === 'P42')).toMatchObject({
      id: productId,
      basicGood: true,
    });
    const events = await database()
      .db.selectFrom('audit_events')
      .select('payload')
      .where('action', '=', 'production.register-imported')
      .execute();
    expect(events.map((e) => JSON.parse(e.payload))).toEqual([
      { products: 5_000, workplaces: 0, capacities: 0, indicators: 0 },
      { products: 0, workplaces: 40, capacities: 40, indicators: 80 },
    ]);
  });

  it('refuses a second workplace for an assembly, loading nothing of that call', async () => {
    await expect(
      t.services.production.register.importRegister('test', {
        products: [{ code: 'NEW', name: 'Nuevo', unit: 'kg', category: 'x', basicGood: false }],
        workplaces: [
          {
            bodyId: assemblies[0]!,
            name: 'Otro taller',
            sector: 'x',
            latitude: 0,
            longitude: 0,
            workforce: 1,
            status: 'occupied',
            since: '1972-10-11',
            indicators: [],
          },
        ],
      }),
    ).rejects.toThrow();
    expect((await t.services.production.register.listProducts()).some((p) => p.code === 'NEW')).toBe(false);
  });
});
