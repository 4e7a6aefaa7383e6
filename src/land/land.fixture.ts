import { createBody, createPrincipal } from '../../test/factories.js';
import type { PersonPrincipal } from '../identity/principal.js';
import type { Services } from '../server/services.js';

/** People and bodies for land tests. */
export interface LandFixture {
  readonly people: Record<
    | 'councilChair'
    | 'councilMember'
    | 'committeeSecretary'
    | 'committeeMember'
    | 'otherSecretary'
    | 'outsider'
    | 'admin',
    PersonPrincipal
  >;
  readonly bodies: {
    /** A communal peasant council (a base body with a chair and a plain member) that decides moves. */
    council: string;
    /** The peasant committee that receives parcels. */
    committee: string;
    /** A second peasant committee. */
    otherCommittee: string;
    /** A cordón: not a body land can be assigned to. */
    cordon: string;
  };
}

/**
 * A communal peasant council with a chair and a plain member, two peasant committees with a
 * secretary each (the first also with a plain member), a cordón, an outsider and an administrator.
 */
export async function createLandFixture(services: Services): Promise<LandFixture> {
  const p = async (isAdmin = false) => createPrincipal(services, { isAdmin });
  const people = {
    councilChair: await p(),
    councilMember: await p(),
    committeeSecretary: await p(),
    committeeMember: await p(),
    otherSecretary: await p(),
    outsider: await p(),
    admin: await p(true),
  };
  const council = await createBody(services, {
    kind: 'peasant-committee',
    name: `Consejo Comunal Campesino ${people.councilChair.username}`,
    members: [
      { personId: people.councilChair.personId, role: 'chair' },
      { personId: people.councilMember.personId, role: 'member' },
    ],
  });
  const committee = await createBody(services, {
    kind: 'peasant-committee',
    name: `Comité Campesino ${people.committeeSecretary.username}`,
    members: [
      { personId: people.committeeSecretary.personId, role: 'secretary' },
      { personId: people.committeeMember.personId, role: 'member' },
    ],
  });
  const otherCommittee = await createBody(services, {
    kind: 'peasant-committee',
    name: `Comité Campesino ${people.otherSecretary.username}`,
    members: [{ personId: people.otherSecretary.personId, role: 'secretary' }],
  });
  const cordon = await createBody(services, { kind: 'cordon', name: `Cordón ${people.outsider.username}` });
  return { people, bodies: { council, committee, otherCommittee, cordon } };
}

/** A motion of the council, adopted by its chair and member voting for it; returns its id. */
export async function adoptedMotion(
  services: Services,
  f: LandFixture,
  title: string,
  choice: 'for' | 'against' = 'for',
): Promise<string> {
  const { motionId } = await services.councils.motions.propose(f.people.councilChair, f.bodies.council, {
    title,
    text: title,
  });
  await services.councils.motions.vote(f.people.councilChair, motionId, choice);
  await services.councils.motions.vote(f.people.councilMember, motionId, choice);
  await services.councils.motions.close(f.people.councilChair, motionId);
  return motionId;
}
