import type { BodyRole } from '../councils/permission-policy.js';
import { DEMO_PEOPLE } from './identity.scenario.js';
import { personName } from './names.js';
import type { ScenarioContext, ScenarioPart } from './scenario.js';

/** The three cordones of the city scenario and their workplaces (Santiago, 1972). */
export const CITY_CORDONES = Object.freeze([
  {
    name: 'Cordón Cerrillos-Maipú',
    workplaces: ['Perlak', 'Fensa', 'Alusa', 'Polycron', 'Cristalerías Chile'],
  },
  {
    name: 'Cordón Vicuña Mackenna',
    workplaces: ['Textil Sumar', 'Madeco', 'Elecmetal', 'Textil Progreso', 'Mademsa'],
  },
  {
    name: "Cordón O'Higgins",
    workplaces: ['Indura', 'Carozzi', 'Lucchetti', 'Fanaloza', 'Textil Comandari'],
  },
]);

/** The supply committees (JAP) of the city scenario. */
export const CITY_JAPS = Object.freeze([
  'JAP Población La Victoria',
  'JAP Villa Francia',
  'JAP La Legua',
  'JAP Lo Valledor',
  'JAP San Gregorio',
  'JAP Nueva Habana',
]);

/** Keys in `shared`: body ids by name, for later parts (production, supply…). */
export const BODIES_BY_NAME = 'councils.bodiesByName';

// Country scale: Chile's 16 regions, each with cordones of workplaces, 30,000 workplaces in all.
const COUNTRY = { regions: 16, cordonesPerRegion: 20, workplacesPerCordon: 94, membersPerAssembly: 3 };
const CITY_MEMBERS_PER_ASSEMBLY = 12;

interface Member {
  personId: string;
  role: BodyRole;
}

/** Bodies of the federation: workplace assemblies → cordones → regional council → national assembly, and JAPs. */
export const councilsScenario: ScenarioPart = {
  name: 'councils',
  async load(context) {
    if (context.scale === 'country') await loadCountry(context);
    else await loadCity(context);
  },
};

async function newMembers(context: ScenarioContext, count: number): Promise<Member[]> {
  const names = Array.from({ length: count }, () => ({ displayName: personName(context.rng) }));
  const ids = await context.services.identity.registerPeople({ kind: 'system', name: 'scenario' }, names);
  return ids.map((personId, i) => ({ personId, role: i === 0 ? 'chair' : i === 1 ? 'secretary' : 'member' }));
}

async function loadCity(context: ScenarioContext): Promise<void> {
  const { councils } = context.services;
  const demo =
    (context.shared.get(DEMO_PEOPLE) as Map<string, string> | undefined) ?? new Map<string, string>();
  const found = (
    kind: string,
    name: string,
    members: Member[],
    seats: { constituencyId: string; holderPersonId: string | null }[] = [],
  ) => councils.foundBody({ kind, name, members, seats }, { actorName: 'scenario' });
  const byName = new Map<string, string>();
  const total = CITY_CORDONES.reduce((n, c) => n + c.workplaces.length + 1, 0) + CITY_JAPS.length + 2;
  let done = 0;
  const step = () => context.progress(++done, total);

  const cordonSeats: { cordonId: string; holder: string }[] = [];
  for (const cordon of CITY_CORDONES) {
    const seats: { constituencyId: string; holderPersonId: string }[] = [];
    for (const workplace of cordon.workplaces) {
      const members = await newMembers(context, CITY_MEMBERS_PER_ASSEMBLY);
      if (workplace === 'Textil Sumar' && demo.get('ana'))
        members[1] = { personId: demo.get('ana')!, role: 'secretary' };
      if (workplace === 'Perlak' && demo.get('jorge'))
        members.push({ personId: demo.get('jorge')!, role: 'member' });
      const assemblyId = await found('workplace-assembly', `Asamblea de ${workplace}`, members);
      byName.set(workplace, assemblyId);
      // The assembly's secretary is its delegate to the cordón in the demo.
      seats.push({ constituencyId: assemblyId, holderPersonId: members[1]!.personId });
      step();
    }
    const cordonId = await found('cordon', cordon.name, [], seats);
    byName.set(cordon.name, cordonId);
    cordonSeats.push({
      cordonId,
      holder:
        cordon.name === 'Cordón Cerrillos-Maipú' && demo.get('carmen')
          ? demo.get('carmen')!
          : seats[0]!.holderPersonId,
    });
    step();
  }

  const japSeats: { constituencyId: string; holderPersonId: string }[] = [];
  for (const jap of CITY_JAPS) {
    const members = await newMembers(context, CITY_MEMBERS_PER_ASSEMBLY);
    if (jap === 'JAP Población La Victoria' && demo.get('luis'))
      members[0] = { personId: demo.get('luis')!, role: 'chair' };
    const japId = await found('supply-committee', jap, members);
    byName.set(jap, japId);
    japSeats.push({ constituencyId: japId, holderPersonId: members[0]!.personId });
    step();
  }

  const regionalId = await found(
    'regional-council',
    'Consejo Regional Metropolitano',
    [],
    [...cordonSeats.map((s) => ({ constituencyId: s.cordonId, holderPersonId: s.holder })), ...japSeats],
  );
  byName.set('Consejo Regional Metropolitano', regionalId);
  step();
  const nationalId = await found(
    'national-assembly',
    'Asamblea Popular Nacional',
    [],
    [{ constituencyId: regionalId, holderPersonId: cordonSeats[0]!.holder }],
  );
  byName.set('Asamblea Popular Nacional', nationalId);
  step();
  context.shared.set(BODIES_BY_NAME, byName);
}

async function loadCountry(context: ScenarioContext): Promise<void> {
  const { councils } = context.services;
  const total =
    COUNTRY.regions * COUNTRY.cordonesPerRegion * (COUNTRY.workplacesPerCordon + 1) + COUNTRY.regions + 1;
  let done = 0;
  const regionSeats: { constituencyId: string; holderPersonId: string | null }[] = [];
  for (let r = 1; r <= COUNTRY.regions; r++) {
    const cordonSeats: { constituencyId: string; holderPersonId: string | null }[] = [];
    for (let c = 1; c <= COUNTRY.cordonesPerRegion; c++) {
      const seats: { constituencyId: string; holderPersonId: string | null }[] = [];
      for (let w = 1; w <= COUNTRY.workplacesPerCordon; w++) {
        const members = await newMembers(context, COUNTRY.membersPerAssembly);
        const id = await councils.foundBody(
          { kind: 'workplace-assembly', name: `Asamblea R${r}-C${c}-T${w}`, members },
          { actorName: 'scenario' },
        );
        seats.push({ constituencyId: id, holderPersonId: members[1]!.personId });
        context.progress(++done, total);
      }
      const cordonId = await councils.foundBody(
        { kind: 'cordon', name: `Cordón R${r}-C${c}`, seats },
        { actorName: 'scenario' },
      );
      cordonSeats.push({ constituencyId: cordonId, holderPersonId: seats[0]!.holderPersonId });
      context.progress(++done, total);
    }
    const regionId = await councils.foundBody(
      { kind: 'regional-council', name: `Consejo Regional ${r}`, seats: cordonSeats },
      { actorName: 'scenario' },
    );
    regionSeats.push({ constituencyId: regionId, holderPersonId: cordonSeats[0]!.holderPersonId });
    context.progress(++done, total);
  }
  await councils.foundBody(
    { kind: 'national-assembly', name: 'Asamblea Popular Nacional', seats: regionSeats },
    { actorName: 'scenario' },
  );
  context.progress(++done, total);
}
