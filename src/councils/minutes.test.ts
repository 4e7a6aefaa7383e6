import { describe, expect, it } from 'vitest';
import { minutesHtml } from './minutes-html.js';
import { type MinutesData, minutesMarkdown } from './minutes-markdown.js';

const data: MinutesData = {
  bodyName: 'Cordón <Cerrillos>',
  title: 'Sesión | *urgente*',
  openedAt: '1972-10-12T18:00:00.000Z',
  closedAt: '1972-10-12T21:00:00.000Z',
  attendance: ['Ana', 'Jorge <script>alert(1)</script>'],
  motions: [
    {
      title: 'Requisar camiones',
      text: 'Texto',
      kind: 'ordinary',
      status: 'closed',
      outcome: {
        status: 'adopted',
        votes: { for: 4, against: 0, abstain: 1 },
        heads: { for: 4, against: 0, abstain: 1 },
        cast: 4,
        base: 4,
        needed: 3,
        present: 5,
        quorum: 3,
        weighted: false,
      },
      rollCall: [{ name: 'Ana', choice: 'for', withdrawn: false }],
      amendments: [
        {
          title: 'Enmienda',
          text: 'y alimentos',
          kind: 'amendment',
          status: 'closed',
          outcome: { status: 'no-quorum', present: 1, needed: 3 },
          rollCall: [],
          amendments: [],
        },
      ],
    },
  ],
};

describe('minutes', () => {
  it('writes Markdown with attendance, amendments before the result, and escapes markup', () => {
    const md = minutesMarkdown(data);
    expect(md).toContain('# Acta / Minutes — Cordón \\<Cerrillos\\>');
    expect(md).toContain('## Sesión \\| \\*urgente\\*');
    expect(md).toContain('## Asistencia / Attendance (2)');
    expect(md.indexOf('Enmienda 1')).toBeLessThan(md.indexOf('**Aprobada / Adopted**'));
    expect(md).toContain('**Sin quórum / No quorum** — presentes 1, se necesitaban 3');
    expect(md).toContain('| Ana | a favor |');
    expect(minutesMarkdown(data)).toBe(md);
  });

  it('writes an HTML document with every text escaped', () => {
    const html = minutesHtml(data);
    expect(html).not.toContain('<script>');
    expect(html).toContain('Jorge &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<h1>Acta / Minutes — Cordón &lt;Cerrillos&gt;</h1>');
    expect(html).toContain('<strong>Aprobada / Adopted</strong> — a favor 4, en contra 0, abstenciones 1');
  });
});
