import { beforeAll, expect, it } from 'vitest';
import { createBody, createPerson, createTestApp, type TestApp } from '../../test/factories.js';
import { describeEachDialect } from '../db/test-databases.js';
import type { PersonPrincipal, TokenPrincipal } from '../identity/principal.js';
import type { BodyAction } from './permission-policy.js';

const ACTIONS: BodyAction[] = [
  'body.view',
  'body.vote',
  'body.sign-petition',
  'body.manage',
  'body.report',
  'body.claim',
];

describeEachDialect('who may do what', (database) => {
  let t: TestApp;
  const people: Record<string, PersonPrincipal> = {};
  let assembly = '';
  let cordon = '';
  let otherAssembly = '';

  const principal = async (name: string, isAdmin = false): Promise<PersonPrincipal> => {
    const p = await createPerson(t.services, { isAdmin });
    return {
      kind: 'person',
      accountId: p.accountId,
      personId: p.personId,
      username: p.username,
      displayName: name,
      isAdmin,
      locale: 'es',
      sessionId: 's',
      csrfToken: 'c',
    };
  };

  const allowed = async (who: PersonPrincipal | TokenPrincipal, body: string) => {
    const result: string[] = [];
    for (const action of ACTIONS) if (await t.services.councils.may(who, action, body)) result.push(action);
    return result;
  };

  beforeAll(async () => {
    t = await createTestApp(database());
    for (const name of ['member', 'secretary', 'chair', 'delegate', 'recalled', 'outsider', 'left'])
      people[name] = await principal(name);
    people.admin = await principal('admin', true);
    assembly = await createBody(t.services, {
      name: 'Asamblea de Perlak',
      members: [
        { personId: people.member!.personId, role: 'member' },
        { personId: people.secretary!.personId, role: 'secretary' },
        { personId: people.chair!.personId, role: 'chair' },
        { personId: people.delegate!.personId, role: 'member' },
        { personId: people.left!.personId, role: 'member' },
      ],
    });
    otherAssembly = await createBody(t.services, { name: 'Asamblea de Fensa' });
    cordon = await createBody(t.services, {
      kind: 'cordon',
      name: 'Cordón Cerrillos-Maipú',
      seats: [
        { constituencyId: assembly, holderPersonId: people.delegate!.personId },
        { constituencyId: assembly, holderPersonId: people.recalled!.personId },
      ],
    });
    const { db } = database();
    await db
      .updateTable('seats')
      .set({ vacated_at: '1972-10-12T00:00:00.000Z' })
      .where('holder_person_id', '=', people.recalled!.personId)
      .execute();
    await db
      .updateTable('memberships')
      .set({ left_at: '1972-10-12T00:00:00.000Z' })
      .where('person_id', '=', people.left!.personId)
      .execute();
  });

  it('lets members view, vote and sign in their base body; officers manage and report', async () => {
    expect(await allowed(people.member!, assembly)).toEqual(['body.view', 'body.vote', 'body.sign-petition']);
    expect(await allowed(people.secretary!, assembly)).toEqual(ACTIONS);
    expect(await allowed(people.chair!, assembly)).toEqual(ACTIONS);
  });

  it('gives delegates the council, and nothing to a recalled delegate or a former member', async () => {
    expect(await allowed(people.delegate!, cordon)).toEqual(['body.view', 'body.vote']);
    expect(await allowed(people.recalled!, cordon)).toEqual([]);
    expect(await allowed(people.left!, assembly)).toEqual([]);
    expect(await allowed(people.member!, cordon)).toEqual([]);
  });

  it('gives outsiders and administrators nothing in a body, and answers an unknown body with 403', async () => {
    expect(await allowed(people.outsider!, assembly)).toEqual([]);
    expect(await allowed(people.admin!, assembly)).toEqual([]);
    await expect(
      t.services.councils.assertMay(people.outsider!, 'body.view', assembly),
    ).rejects.toMatchObject({ code: 'forbidden', status: 403 });
    await expect(
      t.services.councils.assertMay(people.outsider!, 'body.view', '0193c000-0000-7000-8000-000000000000'),
    ).rejects.toMatchObject({ code: 'forbidden', status: 403 });
  });

  it('lets a token act only for its own body and within its scopes', async () => {
    const token: TokenPrincipal = {
      kind: 'token',
      tokenId: 't',
      accountId: people.secretary!.accountId,
      scopes: ['production:report'],
      bodyId: assembly,
    };
    expect(await allowed(token, assembly)).toEqual(['body.report']);
    expect(await allowed(token, otherAssembly)).toEqual([]);
    expect(await allowed({ ...token, scopes: ['supply:claim'] }, assembly)).toEqual(['body.claim']);
  });

  it('lists a person’s bodies with roles and delegate seats', async () => {
    const bodies = await t.services.councils.bodiesOf(people.delegate!.personId);
    expect(bodies.map((b) => [b.name, b.roles])).toEqual([
      ['Asamblea de Perlak', ['member']],
      ['Cordón Cerrillos-Maipú', ['delegate']],
    ]);
    expect(await t.services.councils.bodiesOf(people.recalled!.personId)).toEqual([]);
  });
});
