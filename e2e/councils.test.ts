import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonPrincipal } from '../src/identity/principal.js';
import { createBody, createPrincipal, TEST_PASSWORD } from '../test/factories.js';
import { axeViolations } from './axe-violations.js';
import { chromiumMissing, DESKTOP, type E2e, PHONE, startE2e } from './browser.js';

// Set CORDONES_SCREENSHOTS=<folder> to keep a PNG of every councils page checked.
const SHOTS = process.env.CORDONES_SCREENSHOTS;
// Generous: the machine running the tests may be busy.
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 100 });

/**
 * The councils area walked in Chromium by several people, each in their own browser context:
 * a workplace assembly elects its delegate to the cordón by STV (members rank in the UI, the
 * secretary closes), the delegate votes in the cordón against the assembly's mandate, members
 * sign a recall until the threshold vacates the seat and opens a by-election — seen live on
 * the secretary's open page — and an outsider is refused. Then axe on every councils page.
 */
describe.skipIf(chromiumMissing !== null)('councils pages in Chromium', () => {
  let e2e: E2e;
  // Asamblea Madeco: secretary Sonia and members Mario, Marta, Mateo, Mónica (5 members: a
  // recall needs more than half, 3 signatures). Asamblea Yarur sends Benito. Both sit in the cordón.
  let sonia: PersonPrincipal;
  let m: PersonPrincipal[];
  let benito: PersonPrincipal;
  let outsider: PersonPrincipal;
  let assembly: string;
  let cordon: string;
  let electionId: string;
  let motionId: string;
  let assemblyMotionId: string;
  // The secretary's page on the assembly, opened in the mandate test and left open for the recall.
  let secretaryPage: Page;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  /** A page signed in as `person` (session cookie from the API; the sign-in form is the shell test's). */
  async function pageOf(
    person: PersonPrincipal,
    viewport: { width: number; height: number } = DESKTOP,
  ): Promise<Page> {
    const response = await fetch(`${e2e.baseUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: person.username, password: TEST_PASSWORD }),
    });
    expect(response.status).toBe(200);
    const cookie = /cordones_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
    if (!cookie) throw new Error('no session cookie');
    const { context, page } = await e2e.newPage(viewport);
    await context.addCookies([{ name: 'cordones_session', value: cookie, url: e2e.baseUrl }]);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    contexts.push(context);
    return page;
  }

  async function shot(page: Page, name: string): Promise<void> {
    if (!SHOTS) return;
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, `councils-${name}.png`), fullPage: true });
  }

  beforeAll(async () => {
    e2e = await startE2e();
    const s = e2e.services;
    const p = (displayName: string) => createPrincipal(s, { displayName });
    sonia = await p('Sonia Secretaria');
    m = [await p('Mario Uno'), await p('Marta Dos'), await p('Mateo Tres'), await p('Mónica Cuatro')];
    benito = await p('Benito Yarur');
    const yarurChair = await p('Berta Yarur');
    const cordonChair = await p('Carmen Cordón');
    outsider = await p('Óscar Afuera');
    assembly = await createBody(s, {
      name: 'Asamblea Madeco',
      members: [
        { personId: sonia.personId, role: 'secretary' },
        ...m.map((x) => ({ personId: x.personId, role: 'member' as const })),
      ],
    });
    const yarur = await createBody(s, {
      name: 'Asamblea Yarur',
      members: [
        { personId: yarurChair.personId, role: 'chair' },
        { personId: benito.personId, role: 'member' },
      ],
    });
    cordon = await createBody(s, {
      kind: 'cordon',
      name: 'Cordón Cerrillos-Maipú',
      members: [{ personId: cordonChair.personId, role: 'chair' }],
    });
    await s.councils.affiliate(sonia, assembly, { councilId: cordon, rule: { kind: 'fixed', seats: 1 } });
    await s.councils.affiliate(yarurChair, yarur, { councilId: cordon, rule: { kind: 'fixed', seats: 1 } });
    // The rest of the federation above and beside: regional council, national assembly, and a
    // row of supply committees long enough to wrap in the drawing.
    const regional = await createBody(s, {
      kind: 'regional-council',
      name: 'Consejo Regional Santiago',
      members: [{ personId: cordonChair.personId, role: 'chair' }],
    });
    const national = await createBody(s, {
      kind: 'national-assembly',
      name: 'Asamblea Popular Nacional',
      members: [{ personId: cordonChair.personId, role: 'chair' }],
    });
    await s.councils.affiliate(cordonChair, cordon, {
      councilId: regional,
      rule: { kind: 'fixed', seats: 1 },
    });
    await s.councils.affiliate(cordonChair, regional, {
      councilId: national,
      rule: { kind: 'fixed', seats: 1 },
    });
    for (let i = 1; i <= 11; i++) {
      const jap = await createBody(s, {
        kind: 'supply-committee',
        name: `JAP Población ${i}`,
        members: [{ personId: yarurChair.personId, role: 'chair' }],
      });
      await s.councils.affiliate(yarurChair, jap, { councilId: cordon, rule: { kind: 'fixed', seats: 1 } });
    }
    const el = s.councils.elections;
    const yarurElection = (await el.open(yarurChair, yarur, cordon)).electionId;
    await el.nominate(benito, yarurElection);
    await el.vote(benito, yarurElection, [benito.personId]);
    await el.close(yarurChair, yarurElection);
    // The assembly's election: Mario, Marta and Mateo stand.
    electionId = (await el.open(sonia, assembly, cordon)).electionId;
    for (const c of m.slice(0, 3)) await el.nominate(c, electionId);
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await e2e?.close();
  });

  it('elects the delegate by STV: members rank and vote in the UI, the secretary closes', async () => {
    const [mario, marta, mateo, monica] = m as [
      PersonPrincipal,
      PersonPrincipal,
      PersonPrincipal,
      PersonPrincipal,
    ];
    const cast = async (voter: PersonPrincipal, ranking: string[], raise?: string) => {
      const page = await pageOf(voter);
      await page.goto(`/councils/elections/${electionId}`);
      await poll(() => page.locator('main h1').textContent()).toBe('Elección: Cordón Cerrillos-Maipú');
      for (const name of ranking) {
        await page.getByRole('button', { name: `Agregar a ${name} a mi orden` }).click();
      }
      if (raise) await page.getByRole('button', { name: `Subir a ${raise}` }).click();
      const ranked = await page.locator('ol.ranking .rank-name').allTextContents();
      const receipt = page.locator('.receipt');
      await page.getByRole('button', { name: 'Emitir mi voto' }).click();
      await poll(() => receipt.textContent()).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      await page.close();
      return ranked;
    };
    // Mario ranks Marta first, then raises himself with the keyboard-operable "move up" button.
    expect(await cast(mario, ['Marta Dos', 'Mario Uno'], 'Mario Uno')).toEqual([
      '1. Mario Uno',
      '2. Marta Dos',
    ]);
    await cast(mateo, ['Mateo Tres', 'Mario Uno']);
    await cast(monica, ['Marta Dos']);
    // Two more ballots through the service: first preferences Mario 2, Marta 2, Mateo 1 (quota 3).
    await e2e.services.councils.elections.vote(sonia, electionId, [mario.personId]);
    await e2e.services.councils.elections.vote(marta, electionId, [marta.personId, mario.personId]);

    // Mario watches the councils page while the secretary closes the ballot.
    const marioPage = await pageOf(mario);
    await marioPage.goto('/councils');
    await marioPage.locator('.fed-node').first().waitFor();
    expect(await marioPage.locator('.bodies').textContent()).not.toContain('Cordón Cerrillos-Maipú');

    const page = await pageOf(sonia);
    await page.goto(`/councils/elections/${electionId}`);
    await page.getByRole('button', { name: 'Cerrar la votación y escrutar' }).click();
    const verdict = page.locator('.verdict');
    await poll(() => verdict.textContent()).toBe('Electas/os: Mario Uno');
    // Mateo is excluded at stage 2 and his paper goes to Mario, who reaches the quota.
    const table = page.locator('table.stv-table');
    expect(await table.locator('thead th').count()).toBe(3);
    expect(await table.locator('thead').textContent()).toContain('exclusión de Mateo Tres');
    const marioRow = await table
      .locator('tbody tr', { hasText: 'Mario Uno' })
      .locator('td')
      .allTextContents();
    expect(marioRow[0]).toBe('2');
    expect(marioRow[1]).toContain('3');
    expect(await page.locator('.receipts li').count()).toBe(5);
    await page.close();
    // Live, his bodies now include the cordón, where he holds the seat.
    await poll(() =>
      marioPage.locator('.bodies li', { hasText: 'Cordón Cerrillos-Maipú' }).textContent(),
    ).toContain('delegada/o');
    await marioPage.close();
  });

  it('the elected delegate votes in the cordón; a vote against the mandate is flagged', async () => {
    const mario = m[0] as PersonPrincipal;
    ({ motionId } = await e2e.services.councils.motions.propose(benito, cordon, {
      title: 'Requisar los camiones de la Papelera',
      text: 'El cordón requisa los camiones parados para llevar harina a las JAP.',
    }));
    // The secretary instructs the assembly's delegate to vote against, on the assembly's page.
    const sec = await pageOf(sonia);
    secretaryPage = sec;
    await sec.goto(`/councils/bodies/${assembly}`);
    const mandates = sec.locator('.council-mandates');
    await mandates.getByLabel('Instrucción').selectOption('against');
    await mandates.getByRole('button', { name: 'Fijar mandato' }).click();
    await poll(() => mandates.locator('.body-kind').textContent()).toBe('Mandato: En contra');

    const page = await pageOf(mario);
    await page.goto(`/councils/motions/${motionId}`);
    await page.getByRole('button', { name: 'A favor' }).click();
    const receipt = page.getByRole('status').filter({ hasText: 'Voto registrado' });
    await poll(() => receipt.textContent()).toContain('Va contra el mandato de su base (En contra)');
    await poll(() => page.locator('.vote-label').first().textContent()).toBe('Usted votó: A favor.');

    // On the assembly's page the delegate's record shows the vote, flagged. (The vote itself is
    // the cordón's event; the assembly hears of its own business live, so read the page again.)
    await sec.reload();
    const flagged = sec.locator('tr.against-mandate');
    await poll(() => flagged.count()).toBe(1);
    expect(await flagged.textContent()).toContain('Requisar los camiones de la Papelera');
    expect(await flagged.textContent()).toContain('contra el mandato');
  });

  it('constituents sign a recall; at the threshold the seat is vacated and a by-election opens, live', async () => {
    const [, marta, mateo, monica] = m as [
      PersonPrincipal,
      PersonPrincipal,
      PersonPrincipal,
      PersonPrincipal,
    ];
    // The secretary's page stays open from the last test, without reloading.
    const sec = secretaryPage;
    expect(sec.url()).toContain(`/councils/bodies/${assembly}`);

    const opener = await pageOf(marta);
    await opener.goto(`/councils/bodies/${assembly}`);
    await opener.getByRole('button', { name: 'Abrir petición para revocar a Mario Uno' }).click();
    await poll(() => opener.locator('.progress-text').textContent()).toBe('1 de 3 firmas necesarias');
    expect(await opener.locator('.petitions').textContent()).toContain('Usted firmó.');

    const second = await pageOf(mateo);
    await second.goto(`/councils/bodies/${assembly}`);
    await second.getByRole('button', { name: 'Firmar la petición' }).click();
    await poll(() => second.locator('.progress-text').textContent()).toBe('2 de 3 firmas necesarias');
    // The open pages follow live.
    await poll(() => sec.locator('.progress-text').textContent()).toBe('2 de 3 firmas necesarias');
    expect(await sec.locator('progress').getAttribute('value')).toBe('2');

    const third = await pageOf(monica);
    await third.goto(`/councils/bodies/${assembly}`);
    await third.getByRole('button', { name: 'Firmar la petición' }).click();
    await poll(() => third.locator('.success-box').textContent()).toContain('Su firma alcanzó el umbral');

    // At once on the secretary's open page: announced, the seat vacated, the by-election listed,
    // the delegate's vote on the still-open cordón motion withdrawn.
    await poll(() => sec.locator('.live-notice [data-action="councils.delegate-recalled"]').count()).toBe(1);
    await poll(() => sec.locator('.petitions .tag').first().textContent()).toBe('revocación cumplida');
    await poll(() => sec.locator('.delegates .delegate.former .tag').first().textContent()).toBe(
      'revocada/o',
    );
    await poll(() => sec.locator('[data-election]').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('Elección complementaria: Cordón Cerrillos-Maipú')]),
    );
    expect(await sec.locator('tr.against-mandate').textContent()).toContain('retirado');
    // The by-election takes candidates at once: Marta stands from the assembly's page.
    await opener
      .locator('[data-election]', { hasText: 'Elección complementaria' })
      .getByRole('button', { name: 'Presentarme como candidata/o' })
      .click();
    await poll(() =>
      sec.locator('[data-election]', { hasText: 'Elección complementaria' }).textContent(),
    ).toContain('1 candidatura');
    // No page crashed.
    expect(pageErrors).toEqual([]);
    await shot(sec, 'body-after-recall');
  });

  it('an outsider who visits a body’s address sees the refusal, not the content', async () => {
    const page = await pageOf(outsider);
    await page.goto(`/councils/bodies/${assembly}`);
    await poll(() => page.locator('main h1').textContent()).toBe('No puede ver este cuerpo');
    expect(await page.getByRole('alert').textContent()).toBeTruthy();
    expect(await page.locator('main').textContent()).not.toContain('Mario Uno');
    // The ballot too.
    await page.goto(`/councils/elections/${electionId}`);
    await poll(() => page.locator('main h1').textContent()).toBe('No puede ver esta elección');
  });

  it('a motion in the assembly: proposed, amended first, voted and decided with its numbers', async () => {
    const [, marta, mateo, monica] = m as [
      PersonPrincipal,
      PersonPrincipal,
      PersonPrincipal,
      PersonPrincipal,
    ];
    const motions = e2e.services.councils.motions;
    const sec = secretaryPage;
    await sec.goto(`/councils/bodies/${assembly}`);
    await sec.getByText('Proponer una moción').click();
    await sec.getByLabel('Título').fill('Turnos de vigilancia de la planta');
    await sec.getByLabel('Texto', { exact: true }).fill('Cada sección cubre una noche por semana.');
    await sec.getByRole('button', { name: 'Presentar la moción' }).click();
    const link = sec.getByRole('link', { name: 'Turnos de vigilancia de la planta' });
    await link.click();
    await poll(() => sec.locator('main h1').textContent()).toBe('Turnos de vigilancia de la planta');
    assemblyMotionId = sec.url().split('/').at(-1) ?? '';

    // Marta amends it from her own page; the amendment is decided first.
    const page = await pageOf(marta);
    await page.goto(`/councils/motions/${assemblyMotionId}`);
    await page.getByText('Proponer una enmienda').click();
    await page
      .getByLabel('Texto que reemplaza al de la moción')
      .fill('Cada sección cubre dos noches por semana.');
    await page.getByRole('button', { name: 'Presentar la enmienda' }).click();
    const amendment = page.locator('.amendment');
    await poll(() => amendment.count()).toBe(1);
    await amendment.getByRole('button', { name: 'A favor' }).click();
    await poll(() => amendment.locator('.vote-label').textContent()).toBe('Usted votó: A favor.');
    const amendmentId = (await amendment.locator('[data-motion]').getAttribute('data-motion')) ?? '';
    await motions.vote(mateo, amendmentId, 'for');
    await motions.vote(monica, amendmentId, 'against');
    // Closing the motion before its amendment is refused, with the server's sentence.
    const main = sec.locator('.motion').first();
    await sec.reload();
    await main.getByRole('button', { name: 'Cerrar la votación' }).click();
    await poll(() => sec.locator('.error-box').count()).toBe(1);
    await sec.locator('.amendment').getByRole('button', { name: 'Cerrar la votación' }).click();
    await poll(() => sec.locator('.amendment .tag').textContent()).toBe('aprobada');
    // The adopted amendment replaced the text.
    await poll(() => sec.locator('.motion-text').first().textContent()).toBe(
      'Cada sección cubre dos noches por semana.',
    );

    await main.getByRole('button', { name: 'A favor' }).click();
    await motions.vote(marta, assemblyMotionId, 'for');
    await motions.vote(mateo, assemblyMotionId, 'against');
    await motions.vote(monica, assemblyMotionId, 'abstain');
    await main.getByRole('button', { name: 'Cerrar la votación' }).click();
    await poll(() => main.locator('.tag').first().textContent()).toBe('aprobada');
    const facts = Object.fromEntries(
      await main
        .locator('dl.outcome > div')
        .evaluateAll((divs) =>
          divs.map((d) => [
            d.querySelector('dt')?.textContent ?? '',
            d.querySelector('dd')?.textContent ?? '',
          ]),
        ),
    );
    // 5 members: quorum 3; 4 voted; abstentions are not votes cast, so 3 cast and 2 needed.
    expect(facts).toEqual({
      Quórum: '3',
      Presentes: '4',
      'A favor': '2',
      'En contra': '1',
      Abstenciones: '1',
      'Votos emitidos': '3',
      'Necesarios para aprobar': '2',
    });
    expect(await main.locator('.verdict').textContent()).toBe(
      'aprobada: 2 votos a favor; se necesitaban 2 (mayoría de los votos emitidos).',
    );
    await page.close();
  });

  it('the by-election takes a nomination, elects Marta, and a recall motion adopted in the assembly recalls her', async () => {
    const [mario, marta, mateo, monica] = m as [
      PersonPrincipal,
      PersonPrincipal,
      PersonPrincipal,
      PersonPrincipal,
    ];
    const s = e2e.services.councils;
    const sec = secretaryPage;
    await sec.goto(`/councils/bodies/${assembly}`);
    await sec.getByRole('link', { name: 'Elección complementaria: Cordón Cerrillos-Maipú' }).click();
    await sec.getByLabel('Nominar a otra/o integrante').selectOption({ label: 'Mónica Cuatro' });
    await sec.getByRole('button', { name: 'Nominar', exact: true }).click();
    await poll(() => sec.locator('.bodies li', { hasText: 'Mónica Cuatro' }).textContent()).toContain(
      'nominada/o, falta aceptar',
    );
    const byElection = sec.url().split('/').at(-1) ?? '';
    await s.elections.accept(monica, byElection);
    await s.elections.vote(marta, byElection, [marta.personId]);
    await s.elections.vote(mateo, byElection, [marta.personId, monica.personId]);
    await s.elections.vote(monica, byElection, [monica.personId]);
    await sec.reload();
    await sec.getByRole('button', { name: 'Cerrar la votación y escrutar' }).click();
    await poll(() => sec.locator('.verdict').textContent()).toBe('Electas/os: Marta Dos');

    // A recall motion instead of a petition: proposed on the assembly's page, adopted by vote.
    await sec.goto(`/councils/bodies/${assembly}`);
    await sec.getByText('Proponer una moción').click();
    await sec.getByLabel('Título').fill('Revocar a la delegada');
    await sec.getByLabel('Texto', { exact: true }).fill('La asamblea revoca el mandato de Marta Dos.');
    await sec
      .getByLabel('¿Moción de revocación?')
      .selectOption({ label: 'Revocar a Marta Dos (Cordón Cerrillos-Maipú)' });
    await sec.getByRole('button', { name: 'Presentar la moción' }).click();
    await sec.getByRole('link', { name: 'Revocar a la delegada' }).click();
    await poll(() => sec.locator('main h1').textContent()).toBe('Revocar a la delegada');
    const recallMotion = sec.url().split('/').at(-1) ?? '';
    for (const voter of [mario, mateo, monica]) await s.motions.vote(voter, recallMotion, 'for');
    await sec.getByRole('button', { name: 'Cerrar la votación' }).click();
    await poll(() => sec.locator('.motion .tag').first().textContent()).toBe('aprobada');
    await poll(() => sec.locator('.live-notice [data-action="councils.delegate-recalled"]').count()).toBe(1);
    await sec.goto(`/councils/bodies/${assembly}`);
    await poll(() => sec.locator('.delegates .delegate.former h3').allTextContents()).toEqual(
      expect.arrayContaining(['Mario Uno', 'Marta Dos']),
    );
    expect(
      await sec
        .locator('[data-election]', { hasText: 'Elección complementaria' })
        .filter({ hasText: 'votación abierta' })
        .count(),
    ).toBe(1);
  });

  for (const [label, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`federation, body, motion and ballot pages pass axe at ${label} width (${viewport.width} px)`, async () => {
      const page = await pageOf(sonia, viewport);
      const targets = [
        { name: 'federation', path: '/councils', ready: '.fed-node' },
        { name: 'body', path: `/councils/bodies/${assembly}`, ready: '.petitions li' },
        { name: 'council', path: `/councils/bodies/${cordon}`, ready: '.data-table' },
        { name: 'motion', path: `/councils/motions/${motionId}`, ready: '.motion-text' },
        { name: 'motion-decided', path: `/councils/motions/${assemblyMotionId}`, ready: 'dl.outcome' },
        { name: 'ballot', path: `/councils/elections/${electionId}`, ready: 'table.stv-table' },
      ];
      for (const target of targets) {
        await page.goto(target.path);
        await page.locator(target.ready).first().waitFor();
        await shot(page, `${label}-${target.name}`);
        expect(await axeViolations(page), `${target.name} at ${label}`).toEqual([]);
        const overflow = await page.evaluate(() => {
          const root = (
            globalThis as unknown as {
              document: { documentElement: { scrollWidth: number; clientWidth: number } };
            }
          ).document.documentElement;
          return root.scrollWidth - root.clientWidth;
        });
        expect(overflow, `${target.name} scrolls sideways at ${label}`).toBeLessThanOrEqual(0);
      }
      // An open ballot with a ranking being built (the second by-election; Mateo and Mónica stand).
      const open = (await e2e.services.councils.elections.elections(sonia, assembly)).find(
        (e) => e.status === 'open',
      );
      if (!open) throw new Error('no open by-election');
      if (open.candidates.length === 0) {
        await e2e.services.councils.elections.nominate(m[2] as PersonPrincipal, open.id);
        await e2e.services.councils.elections.nominate(m[3] as PersonPrincipal, open.id);
      }
      await page.goto(`/councils/elections/${open.id}`);
      await page.getByRole('button', { name: 'Agregar a Mónica Cuatro a mi orden' }).click();
      await page.getByRole('button', { name: 'Agregar a Mateo Tres a mi orden' }).click();
      await page.getByRole('button', { name: 'Subir a Mateo Tres' }).waitFor();
      await shot(page, `${label}-ballot-open`);
      expect(await axeViolations(page), `open ballot at ${label}`).toEqual([]);

      // The federation graph is drawn in layers, the national assembly on top, and is operable
      // by keyboard: a focused node opens its body's page on Enter.
      await page.goto('/councils');
      const top = (name: string) =>
        page.locator('a.fed-node', { hasText: name }).locator('rect').first().getAttribute('y').then(Number);
      const [nationalY, regionalY, cordonY, assemblyY] = [
        await top('Asamblea Popular Nacional'),
        await top('Consejo Regional Santiago'),
        await top('Cordón Cerrillos-Maipú'),
        await top('Asamblea Madeco'),
      ];
      expect(nationalY).toBeLessThan(regionalY);
      expect(regionalY).toBeLessThan(cordonY);
      expect(cordonY).toBeLessThan(assemblyY);
      expect(await page.locator('a.fed-node').count()).toBe(16);
      expect(await page.locator('.fed-edge').count()).toBe(15);
      const node = page.locator('a.fed-node', { hasText: 'Asamblea Madeco' });
      await node.focus();
      await page.keyboard.press('Enter');
      await poll(() => page.locator('main h1').textContent()).toBe('Asamblea Madeco');
      // The same pages in English.
      await page.getByRole('button', { name: 'English' }).click();
      await page.locator('html[lang="en"]').waitFor();
      await page.goto(`/councils/elections/${electionId}`);
      await poll(() => page.locator('main h1').textContent()).toBe('Election: Cordón Cerrillos-Maipú');
      expect(await page.locator('.verdict').textContent()).toBe('Elected: Mario Uno');
      await shot(page, `${label}-ballot-english`);
      expect(await axeViolations(page), `ballot in English at ${label}`).toEqual([]);
      await page.goto(`/councils/bodies/${assembly}`);
      await poll(() => page.locator('.progress-text').textContent()).toBe('3 of 3 signatures needed');
      await shot(page, `${label}-body-english`);
      expect(await axeViolations(page), `body in English at ${label}`).toEqual([]);
    });
  }
});
