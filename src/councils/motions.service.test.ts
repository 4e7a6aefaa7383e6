import { beforeAll, expect, it } from 'vitest';
import { createBody, createPrincipal, createTestApp, type TestApp } from '../../test/factories.js';
import { describeEachDialect } from '../db/test-databases.js';
import { buildFederation, type TestFederation } from './councils.fixture.js';

describeEachDialect('motions', (database) => {
  let t: TestApp;
  let f: TestFederation;
  beforeAll(async () => {
    t = await createTestApp(database());
    f = await buildFederation(t);
  });

  it('decides amendments before the motion, refuses second and late votes, and writes the minutes', async () => {
    const { motions } = t.services.councils;
    const { meetingId } = await motions.openMeeting(
      f.cordonChair,
      f.cordon,
      'Sesión extraordinaria del 12 de octubre',
    );
    await motions.attend(f.m[0]!, meetingId);
    await motions.attend(f.bm[0]!, meetingId);
    await expect(motions.attend(f.outsider, meetingId)).rejects.toMatchObject({ code: 'forbidden' });
    const { motionId } = await motions.propose(f.m[0]!, f.cordon, {
      title: 'Abastecimiento directo',
      text: 'El cordón abastece directamente a las JAP.',
      meetingId,
    });
    const { motionId: amendmentId } = await motions.amend(f.bm[0]!, motionId, {
      text: 'El cordón abastece directamente a las JAP y a los almacenes populares.',
    });
    await motions.setMandate(f.aChair, f.a, motionId, 'for');
    const receipt = await motions.vote(f.m[0]!, motionId, 'for');
    expect(receipt).toMatchObject({ status: 'recorded', mandate: 'for', againstMandate: false });
    await expect(motions.vote(f.m[0]!, motionId, 'against')).rejects.toMatchObject({ code: 'already-voted' });
    await motions.vote(f.bm[0]!, motionId, 'for');
    await expect(motions.close(f.cordonChair, motionId)).rejects.toMatchObject({
      code: 'amendments-pending',
    });
    await expect(motions.close(f.m[0]!, amendmentId)).rejects.toMatchObject({ code: 'forbidden' });
    await motions.vote(f.m[0]!, amendmentId, 'for');
    await motions.vote(f.bm[0]!, amendmentId, 'for');
    expect(await motions.close(f.cordonChair, amendmentId)).toMatchObject({
      status: 'adopted',
      votes: { for: 2 },
    });
    const decision = await motions.close(f.cordonChair, motionId);
    expect(decision).toMatchObject({
      status: 'adopted',
      present: 2,
      quorum: 2,
      votes: { for: 2, against: 0 },
    });
    await expect(motions.vote(f.bm[0]!, motionId, 'abstain')).rejects.toMatchObject({
      code: 'voting-closed',
    });
    const view = await motions.motion(f.m[1]!, motionId);
    expect(view.text).toContain('almacenes populares');
    await motions.closeMeeting(f.cordonChair, meetingId);
    const minutes = await motions.minutes(f.m[2]!, meetingId);
    expect(minutes).toContain('# Acta / Minutes — Cordón C');
    expect(minutes).toContain('## Asistencia / Attendance (2)');
    expect(minutes).toContain('Enmienda 1');
    expect(minutes).toMatch(/Aprobada \/ Adopted\*\* — a favor 2, en contra 0/);
    expect(minutes).toContain('| Mario Uno | a favor |');
    await expect(motions.minutes(f.outsider, meetingId)).rejects.toMatchObject({ code: 'forbidden' });
    const html = await motions.minutes(f.m[2]!, meetingId, 'html');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<td>Mario Uno</td><td>a favor</td>');
    expect(html).not.toContain('<script');
  });

  it('answers no-quorum, weighs votes by membership when the council says so, and flags votes against the mandate', async () => {
    const { councils } = t.services;
    const { motions } = councils;
    const lonely = await motions.propose(f.m[0]!, f.cordon, { title: 'Sin quórum', text: '…' });
    await motions.vote(f.m[0]!, lonely.motionId, 'for');
    expect(await motions.close(f.cordonChair, lonely.motionId)).toEqual({
      status: 'no-quorum',
      present: 1,
      needed: 2,
      motionId: lonely.motionId,
    });
    await councils.setRules(f.cordonChair, f.cordon, { weighted: true });
    const weighed = await motions.propose(f.m[0]!, f.cordon, { title: 'Ponderada', text: '…' });
    await motions.setMandate(f.bChair, f.b, weighed.motionId, 'for');
    // A represents 5 members, B 3: 5 against 3.
    await motions.vote(f.m[0]!, weighed.motionId, 'for');
    expect(await motions.vote(f.bm[0]!, weighed.motionId, 'against')).toMatchObject({
      mandate: 'for',
      againstMandate: true,
    });
    expect(await motions.close(f.cordonChair, weighed.motionId)).toMatchObject({
      status: 'adopted',
      weighted: true,
      votes: { for: 5, against: 3 },
    });
    const record = await councils.delegates(f.bm[1]!, f.b);
    expect(record[0]!.votes.find((v) => v.motionId === weighed.motionId)).toMatchObject({
      againstMandate: true,
    });
    await councils.setRules(f.cordonChair, f.cordon, { weighted: false });
  });

  it('keeps councils to open roll-call and lets a base body vote in secret', async () => {
    const { councils } = t.services;
    const { motions } = councils;
    await expect(
      motions.propose(f.m[0]!, f.cordon, { title: 'x', text: 'y', secret: true }),
    ).rejects.toMatchObject({
      code: 'validation',
      field: 'body.secret',
    });
    const chair = await createPrincipal(t.services);
    const others = [await createPrincipal(t.services), await createPrincipal(t.services)];
    const body = await createBody(t.services, {
      members: [
        { personId: chair.personId, role: 'chair' },
        ...others.map((o) => ({ personId: o.personId, role: 'member' as const })),
      ],
    });
    const { motionId } = await motions.propose(chair, body, {
      title: 'Secreta',
      text: '…',
      secret: true,
      threshold: 'two-thirds-of-votes-cast',
    });
    await motions.vote(chair, motionId, 'for');
    await motions.vote(others[0]!, motionId, 'for');
    await motions.vote(others[1]!, motionId, 'against');
    await expect(motions.vote(others[1]!, motionId, 'for')).rejects.toMatchObject({ code: 'already-voted' });
    const open = await motions.motion(chair, motionId);
    expect(open).toMatchObject({ secret: true, votes: [], votesCast: 3 });
    expect(await motions.close(chair, motionId)).toMatchObject({ status: 'adopted', cast: 3, needed: 2 });
    await expect(motions.motion(f.outsider, motionId)).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('lets constituents see council motions but not vote, and refuses a mandate on another council', async () => {
    const { motions } = t.services.councils;
    const { motionId } = await motions.propose(f.bm[0]!, f.cordon, { title: 'Visible', text: '…' });
    expect((await motions.motion(f.m[3]!, motionId)).title).toBe('Visible');
    await expect(motions.vote(f.m[3]!, motionId, 'for')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(motions.vote(f.cordonChair, motionId, 'for')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(motions.motion(f.outsider, motionId)).rejects.toMatchObject({ code: 'forbidden' });
    const other = await createBody(t.services, {
      members: [{ personId: f.outsider.personId, role: 'chair' }],
    });
    await expect(motions.setMandate(f.outsider, other, motionId, 'for')).rejects.toMatchObject({
      code: 'forbidden',
    });
  });
});
