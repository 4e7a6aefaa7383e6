import type { ScenarioPart } from './scenario.js';

/** The demo accounts: who they are in the scenario. Their passwords are random and printed at start. */
export const DEMO_ACCOUNTS = Object.freeze([
  {
    username: 'admin',
    displayName: 'Administración',
    isAdmin: true,
    description: 'deployment administrator (accounts and tokens; no vote anywhere)',
  },
  {
    username: 'ana',
    displayName: 'Ana Rojas Fuentes',
    isAdmin: false,
    description: 'secretary of the Textil Sumar assembly, its delegate to the Cordón Vicuña Mackenna',
  },
  {
    username: 'carmen',
    displayName: 'Carmen Soto Araya',
    isAdmin: false,
    description: 'delegate of the Cordón Cerrillos-Maipú to the regional council',
  },
  {
    username: 'luis',
    displayName: 'Luis Muñoz Tapia',
    isAdmin: false,
    description: 'chair of the JAP Población La Victoria',
  },
  {
    username: 'jorge',
    displayName: 'Jorge Díaz Reyes',
    isAdmin: false,
    description: 'worker at Perlak, member of its assembly',
  },
] as const);

/** Key in `shared` of the map from demo user name to person id. */
export const DEMO_PEOPLE = 'identity.demoPeople';

/** Creates the demo accounts. */
export const identityScenario: ScenarioPart = {
  name: 'identity',
  async load(context) {
    const people = new Map<string, string>();
    let done = 0;
    for (const account of DEMO_ACCOUNTS) {
      const created = await context.services.identity.createDemoAccount(account);
      people.set(account.username, created.personId);
      context.progress(++done, DEMO_ACCOUNTS.length);
    }
    context.shared.set(DEMO_PEOPLE, people);
  },
};
