import type { CommandMeta } from '../audit/audit.service.js';
import type { BodyRole } from '../councils/permission-policy.js';
import type { PersonPrincipal } from '../identity/principal.js';
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
  // 34 more, so that the city has 40 supply committees (issue 6)
  'JAP Población José María Caro',
  'JAP La Bandera',
  'JAP Lo Hermida',
  'JAP Herminda de la Victoria',
  "JAP Villa O'Higgins",
  'JAP La Pincoya',
  'JAP El Cortijo',
  'JAP Santa Adriana',
  'JAP Población Dávila',
  'JAP Germán Riesco',
  'JAP Santa Julia',
  'JAP Los Nogales',
  'JAP Villa Lenin',
  'JAP Clara Estrella',
  'JAP Villa Sur',
  'JAP Renca',
  'JAP Conchalí',
  'JAP Quinta Normal',
  'JAP Pudahuel',
  'JAP Barrancas',
  'JAP Lo Prado',
  'JAP Cerro Navia',
  'JAP La Granja',
  'JAP La Cisterna',
  'JAP San Miguel',
  'JAP La Florida',
  'JAP Puente Alto',
  'JAP Macul',
  'JAP Ñuñoa',
  'JAP Peñalolén',
  'JAP Estación Central',
  'JAP Maipú',
  'JAP Recoleta',
  'JAP Independencia',
]);

/** Keys in `shared`: body ids by name, for later parts (production, supply…). */
export const BODIES_BY_NAME = 'councils.bodiesByName';

// Country scale: Chile's 16 regions, each with cordones of workplaces, 30,000 workplaces in all,
// and supply committees.
const COUNTRY = {
  regions: 16,
  cordonesPerRegion: 20,
  workplacesPerCordon: 94,
  membersPerAssembly: 3,
  // 400 supply committees of 7,500 households: 3 million households (issue 9)
  japsPerRegion: 25,
};
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
  const total = CITY_CORDONES.reduce((n, c) => n + 2 * c.workplaces.length + 1, 0) + CITY_JAPS.length + 3;
  let done = 0;
  const step = () => context.progress(++done, total);

  const cordonSeats: { cordonId: string; holder: string }[] = [];
  const cordones: CityCordon[] = [];
  for (const cordon of CITY_CORDONES) {
    const assemblies: CityAssembly[] = [];
    for (const workplace of cordon.workplaces) {
      const members = await newMembers(context, CITY_MEMBERS_PER_ASSEMBLY);
      if (workplace === 'Textil Sumar' && demo.get('ana'))
        members[1] = { personId: demo.get('ana')!, role: 'secretary' };
      if (workplace === 'Perlak' && demo.get('jorge'))
        members.push({ personId: demo.get('jorge')!, role: 'member' });
      const assemblyId = await found('workplace-assembly', `Asamblea de ${workplace}`, members);
      byName.set(workplace, assemblyId);
      assemblies.push({ id: assemblyId, members: members.map((m) => m.personId) });
      step();
    }
    // The cordón's seats start vacant; each assembly elects its delegate by a counted ballot. The
    // delegate of the last workplace chairs the cordón.
    const chair = assemblies.at(-1)!.members[1]!;
    const cordonId = await found(
      'cordon',
      cordon.name,
      [{ personId: chair, role: 'chair' }],
      assemblies.map((a) => ({ constituencyId: a.id, holderPersonId: null })),
    );
    byName.set(cordon.name, cordonId);
    for (const assembly of assemblies) {
      await electDelegate(context, assembly, cordonId);
      step();
    }
    cordones.push({ id: cordonId, chair, assemblies });
    cordonSeats.push({
      cordonId,
      holder:
        cordon.name === 'Cordón Cerrillos-Maipú' && demo.get('carmen')
          ? demo.get('carmen')!
          : assemblies[0]!.members[1]!,
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

  // Councils delegate to councils: those seats are assigned at founding in the demo (a cordón's
  // delegates hold seats, not memberships, so they cannot stand in the cordón's own elections yet).
  const regionalId = await found(
    'regional-council',
    'Consejo Regional Metropolitano',
    [],
    [...cordonSeats.map((s) => ({ constituencyId: s.cordonId, holderPersonId: s.holder })), ...japSeats],
  );
  byName.set('Consejo Regional Metropolitano', regionalId);
  step();
  // The regional delegate also chairs the national assembly in the demo, so that its motions (the
  // plan) can be closed and decided.
  const nationalId = await found(
    'national-assembly',
    'Asamblea Popular Nacional',
    [{ personId: cordonSeats[0]!.holder, role: 'chair' }],
    [{ constituencyId: regionalId, holderPersonId: cordonSeats[0]!.holder }],
  );
  byName.set('Asamblea Popular Nacional', nationalId);
  step();
  await decideMotions(context, cordones[0]!);
  await openRecall(context, cordones[0]!.id, cordones[0]!.assemblies[0]!);
  step();
  context.shared.set(BODIES_BY_NAME, byName);
}

interface CityAssembly {
  id: string;
  /** Person ids: [0] chair, [1] secretary (the delegate-to-be), then members. */
  members: string[];
}

interface CityCordon {
  id: string;
  chair: string;
  assemblies: CityAssembly[];
}

const SCENARIO_META: CommandMeta = Object.freeze({ actor: { kind: 'system' as const, name: 'scenario' } });

/** A scenario person acting through the services; the audit records the scenario as actor. */
function actingAs(personId: string): PersonPrincipal {
  return {
    kind: 'person',
    accountId: '',
    personId,
    username: '',
    displayName: '',
    isAdmin: false,
    locale: 'es',
    sessionId: '',
    csrfToken: '',
  };
}

/**
 * Elects an assembly's delegate by a real ballot counted under the Scottish STV rules: the
 * secretary and two members stand; first preferences split so that the third candidate is
 * excluded and their votes transfer, electing the secretary at the second stage.
 */
async function electDelegate(
  context: ScenarioContext,
  assembly: CityAssembly,
  cordonId: string,
): Promise<void> {
  const { elections } = context.services.councils;
  const [chair, delegate, second, third] = assembly.members as [string, string, string, string];
  const { electionId } = await elections.open(actingAs(chair), assembly.id, cordonId, SCENARIO_META);
  for (const candidate of [delegate, second, third])
    await elections.nominate(actingAs(candidate), electionId, undefined, SCENARIO_META);
  const n = assembly.members.length;
  const others = assembly.members.filter((m) => m !== delegate && m !== second && m !== third);
  const voters = [
    delegate,
    ...others.slice(0, n - 8),
    second,
    ...others.slice(n - 8, n - 5),
    third,
    ...others.slice(n - 5),
  ];
  for (const [i, voter] of voters.entries()) {
    const ranking = i < n - 7 ? [delegate, second] : i < n - 3 ? [second, third] : [third, delegate];
    await elections.vote(actingAs(voter), electionId, ranking, SCENARIO_META);
  }
  await elections.close(actingAs(chair), electionId, SCENARIO_META);
}

/**
 * A session of the Cordón Cerrillos-Maipú with two motions decided (one amended and adopted,
 * one rejected), and a third pending on which an assembly mandated its delegate, who voted
 * against the mandate.
 */
async function decideMotions(context: ScenarioContext, cordon: CityCordon): Promise<void> {
  const { motions } = context.services.councils;
  const delegates = cordon.assemblies.map((a) => a.members[1]!);
  const chair = actingAs(cordon.chair);
  const { meetingId } = await motions.openMeeting(
    chair,
    cordon.id,
    'Sesión del 12 de octubre de 1972',
    SCENARIO_META,
  );
  for (const d of delegates) await motions.attend(actingAs(d), meetingId, undefined, SCENARIO_META);
  const trucks = await motions.propose(
    actingAs(delegates[1]!),
    cordon.id,
    {
      title: 'Requisar los camiones parados',
      text: 'El cordón requisa los camiones de los transportistas en paro para llevar materias primas a las fábricas.',
      meetingId,
    },
    SCENARIO_META,
  );
  const amendment = await motions.amend(
    actingAs(delegates[2]!),
    trucks.motionId,
    {
      text: 'El cordón requisa los camiones de los transportistas en paro para llevar materias primas a las fábricas y alimentos a las JAP.',
    },
    SCENARIO_META,
  );
  for (const [i, d] of delegates.entries())
    await motions.vote(actingAs(d), amendment.motionId, i === 4 ? 'against' : 'for', SCENARIO_META);
  await motions.close(chair, amendment.motionId, SCENARIO_META);
  for (const [i, d] of delegates.entries())
    await motions.vote(actingAs(d), trucks.motionId, i === 3 ? 'abstain' : 'for', SCENARIO_META);
  await motions.close(chair, trucks.motionId, SCENARIO_META);
  const stop = await motions.propose(
    actingAs(delegates[4]!),
    cordon.id,
    {
      title: 'Suspender turnos de noche',
      text: 'Suspender los turnos de noche mientras dure el paro patronal.',
      meetingId,
    },
    SCENARIO_META,
  );
  for (const [i, d] of delegates.entries())
    await motions.vote(actingAs(d), stop.motionId, i === 4 ? 'for' : 'against', SCENARIO_META);
  await motions.close(chair, stop.motionId, SCENARIO_META);
  await motions.closeMeeting(chair, meetingId, SCENARIO_META);

  const pending = await motions.propose(
    actingAs(delegates[0]!),
    cordon.id,
    {
      title: 'Distribución directa con el Cordón Vicuña Mackenna',
      text: 'Coordinar con el Cordón Vicuña Mackenna la distribución directa de envases a las JAP.',
    },
    SCENARIO_META,
  );
  const fensa = cordon.assemblies[1]!;
  await motions.setMandate(actingAs(fensa.members[0]!), fensa.id, pending.motionId, 'for', SCENARIO_META);
  await motions.vote(actingAs(fensa.members[1]!), pending.motionId, 'against', SCENARIO_META);
  await motions.vote(actingAs(delegates[2]!), pending.motionId, 'for', SCENARIO_META);
}

/** A recall petition in progress against an assembly's delegate: four signatures, seven needed. */
async function openRecall(context: ScenarioContext, cordonId: string, assembly: CityAssembly): Promise<void> {
  const { councils } = context.services;
  const seats = await councils.seats(actingAs(assembly.members[1]!), cordonId);
  const seat = seats.find(
    (s) => s.constituencyId === assembly.id && s.holderPersonId === assembly.members[1],
  );
  if (!seat) return;
  const signers = assembly.members.slice(4, 8);
  const { petitionId } = await councils.recall.open(
    actingAs(signers[0]!),
    assembly.id,
    seat.seatId,
    SCENARIO_META,
  );
  for (const s of signers.slice(1)) await councils.recall.sign(actingAs(s), petitionId, SCENARIO_META);
}
/**
 * The country: 16 regions of 20 cordones of 94 workplace assemblies (30,080 workplaces) and 25
 * JAPs per region (400), regional councils and the national assembly. Bodies are founded a cordón
 * (or a region's JAPs) per command, their members registered likewise, so the 30,000 assemblies
 * take about a thousand commands rather than sixty thousand. Every body is in `BODIES_BY_NAME`.
 */
async function loadCountry(context: ScenarioContext): Promise<void> {
  const { councils } = context.services;
  const demo =
    (context.shared.get(DEMO_PEOPLE) as Map<string, string> | undefined) ?? new Map<string, string>();
  // The demo accounts take the same places as in the city, in the first region's first bodies.
  const demoPlaces: Record<string, { person: string; index: number; role: BodyRole }> = {
    'Asamblea R1-C1-T1': { person: 'ana', index: 1, role: 'secretary' },
    'Asamblea R1-C1-T2': { person: 'jorge', index: COUNTRY.membersPerAssembly, role: 'member' },
    'JAP R1-1': { person: 'luis', index: 0, role: 'chair' },
  };
  const byName = new Map<string, string>();
  const total =
    COUNTRY.regions *
      (COUNTRY.cordonesPerRegion * (COUNTRY.workplacesPerCordon + 1) + COUNTRY.japsPerRegion + 1) +
    1;
  let done = 0;
  const step = (n: number) => {
    done += n;
    context.progress(done, total);
  };
  // Base bodies of `count` with three members each; their secretaries are the delegates-to-be.
  const foundBase = async (kind: string, names: string[]) => {
    const people = await newMembers(context, names.length * COUNTRY.membersPerAssembly);
    const members = names.map((name, i) => {
      const list = people
        .slice(i * COUNTRY.membersPerAssembly, (i + 1) * COUNTRY.membersPerAssembly)
        .map((m, j) => ({
          personId: m.personId,
          role: (j === 0 ? 'chair' : j === 1 ? 'secretary' : 'member') as BodyRole,
        }));
      const place = demoPlaces[name];
      const personId = place && demo.get(place.person);
      if (place && personId) list[place.index] = { personId, role: place.role };
      return list;
    });
    const ids = await councils.foundBodies(
      names.map((name, i) => ({ kind, name, members: members[i]! })),
      { actorName: 'scenario' },
    );
    for (const [i, name] of names.entries()) byName.set(name, ids[i]!);
    step(names.length);
    return ids.map((id, i) => ({ constituencyId: id, holderPersonId: members[i]![1]!.personId }));
  };
  const regionSeats: { constituencyId: string; holderPersonId: string | null }[] = [];
  for (let r = 1; r <= COUNTRY.regions; r++) {
    const regionalSeats: { constituencyId: string; holderPersonId: string | null }[] = [];
    for (let c = 1; c <= COUNTRY.cordonesPerRegion; c++) {
      const names = Array.from(
        { length: COUNTRY.workplacesPerCordon },
        (_, w) => `Asamblea R${r}-C${c}-T${w + 1}`,
      );
      const seats = await foundBase('workplace-assembly', names);
      const name = `Cordón R${r}-C${c}`;
      const cordonId = await councils.foundBody({ kind: 'cordon', name, seats }, { actorName: 'scenario' });
      byName.set(name, cordonId);
      // as in the city, carmen holds the first cordón's seat in the regional council
      const holder =
        r === 1 && c === 1 && demo.get('carmen') ? demo.get('carmen')! : seats[0]!.holderPersonId;
      regionalSeats.push({ constituencyId: cordonId, holderPersonId: holder });
      step(1);
    }
    const japs = Array.from({ length: COUNTRY.japsPerRegion }, (_, j) => `JAP R${r}-${j + 1}`);
    regionalSeats.push(...(await foundBase('supply-committee', japs)));
    const name = `Consejo Regional ${r}`;
    const regionId = await councils.foundBody(
      { kind: 'regional-council', name, seats: regionalSeats },
      { actorName: 'scenario' },
    );
    byName.set(name, regionId);
    regionSeats.push({ constituencyId: regionId, holderPersonId: regionalSeats[0]!.holderPersonId });
    step(1);
  }
  const nationalId = await councils.foundBody(
    { kind: 'national-assembly', name: 'Asamblea Popular Nacional', seats: regionSeats },
    { actorName: 'scenario' },
  );
  byName.set('Asamblea Popular Nacional', nationalId);
  step(1);
  context.shared.set(BODIES_BY_NAME, byName);
}
