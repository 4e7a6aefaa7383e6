import type { TestApp } from '../../test/factories.js';
import { createBody, createPrincipal } from '../../test/factories.js';
import type { PersonPrincipal } from '../identity/principal.js';

/** A small federation for tests: two workplace assemblies affiliated to a cordón, delegates elected. */
export interface TestFederation {
  readonly a: string;
  readonly b: string;
  readonly cordon: string;
  /** Chair of assembly A. */
  readonly aChair: PersonPrincipal;
  /** The four members of A; m[0] is elected its delegate. */
  readonly m: PersonPrincipal[];
  /** Chair of assembly B. */
  readonly bChair: PersonPrincipal;
  /** The two members of B; bm[0] is elected its delegate. */
  readonly bm: PersonPrincipal[];
  /** The cordón's chair (an officer membership in the council, holding no seat). */
  readonly cordonChair: PersonPrincipal;
  /** Someone in no body at all. */
  readonly outsider: PersonPrincipal;
  readonly electionA: string;
  readonly seatA: string;
  readonly seatB: string;
}

/**
 * Builds the federation through the services: bodies, affiliations (one fixed seat each), an STV
 * election in each assembly electing m[0] and bm[0].
 */
export async function buildFederation(t: TestApp): Promise<TestFederation> {
  const s = t.services;
  const p = (name: string) => createPrincipal(s, { displayName: name });
  const aChair = await p('Ana Chair');
  const m = [await p('Mario Uno'), await p('Marta Dos'), await p('Mateo Tres'), await p('Mónica Cuatro')];
  const bChair = await p('Berta Chair');
  const bm = [await p('Benito Uno'), await p('Blanca Dos')];
  const cordonChair = await p('Carmen Chair');
  const outsider = await p('Óscar Outsider');
  const a = await createBody(s, {
    name: 'Asamblea A',
    members: [
      { personId: aChair.personId, role: 'chair' },
      ...m.map((x) => ({ personId: x.personId, role: 'member' as const })),
    ],
  });
  const b = await createBody(s, {
    name: 'Asamblea B',
    members: [
      { personId: bChair.personId, role: 'chair' },
      ...bm.map((x) => ({ personId: x.personId, role: 'member' as const })),
    ],
  });
  const cordon = await createBody(s, {
    kind: 'cordon',
    name: 'Cordón C',
    members: [{ personId: cordonChair.personId, role: 'chair' }],
  });
  await s.councils.affiliate(aChair, a, { councilId: cordon, rule: { kind: 'fixed', seats: 1 } });
  await s.councils.affiliate(bChair, b, { councilId: cordon, rule: { kind: 'fixed', seats: 1 } });

  const el = s.councils.elections;
  const { electionId: electionA } = await el.open(aChair, a, cordon);
  await el.nominate(m[0]!, electionA);
  await el.nominate(m[1]!, electionA);
  await el.nominate(m[2]!, electionA);
  // First preferences m0 2, m1 2, m2 1; quota 3; m2 is excluded and transfers to m0, elected at stage 2.
  await el.vote(aChair, electionA, [m[0]!.personId]);
  await el.vote(m[0]!, electionA, [m[0]!.personId, m[1]!.personId]);
  await el.vote(m[1]!, electionA, [m[1]!.personId, m[0]!.personId]);
  await el.vote(m[2]!, electionA, [m[2]!.personId, m[0]!.personId]);
  await el.vote(m[3]!, electionA, [m[1]!.personId]);
  await el.close(aChair, electionA);

  const { electionId: electionB } = await el.open(bChair, b, cordon);
  await el.nominate(bm[0]!, electionB);
  await el.vote(bm[0]!, electionB, [bm[0]!.personId]);
  await el.close(bChair, electionB);

  const seats = await s.councils.seats(cordonChair, cordon);
  const seatA = seats.find((x) => x.constituencyId === a)!.seatId;
  const seatB = seats.find((x) => x.constituencyId === b)!.seatId;
  return { a, b, cordon, aChair, m, bChair, bm, cordonChair, outsider, electionA, seatA, seatB };
}
