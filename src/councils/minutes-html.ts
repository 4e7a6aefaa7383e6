import type { MotionOutcome } from './core/tally-motion.js';
import type { MinutesData, MinutesMotion } from './minutes-markdown.js';

const CHOICE_ES: Record<string, string> = { for: 'a favor', against: 'en contra', abstain: 'abstención' };

function esc(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function outcomeHtml(o: MotionOutcome | null, status: string): string {
  if (status === 'open' || !o) return 'Pendiente / Pending';
  if (o.status === 'no-quorum') {
    return `<strong>Sin quórum / No quorum</strong> — presentes ${o.present}, se necesitaban ${o.needed}`;
  }
  const word = o.status === 'adopted' ? 'Aprobada / Adopted' : 'Rechazada / Rejected';
  return `<strong>${word}</strong> — a favor ${o.votes.for}, en contra ${o.votes.against}, abstenciones ${o.votes.abstain}; se necesitaban ${o.needed} de ${o.base}; presentes ${o.present}, quórum ${o.quorum}${o.weighted ? ' (voto ponderado)' : ''}`;
}

function motionHtml(m: MinutesMotion, level: number, label: string): string {
  const h = `h${Math.min(6, level)}`;
  const parts = [
    `<section><${h}>${esc(label)}${esc(m.title)}${m.kind === 'recall' ? ' (revocación / recall)' : ''}</${h}>`,
    `<p>${esc(m.text)}</p>`,
    ...m.amendments.map((a, i) => motionHtml(a, level + 1, `Enmienda ${i + 1}: `)),
    `<p>Resultado / Result: ${outcomeHtml(m.outcome, m.status)}</p>`,
  ];
  if (m.rollCall.length > 0) {
    parts.push(
      '<table><thead><tr><th>Nombre</th><th>Voto</th></tr></thead><tbody>',
      ...m.rollCall.map(
        (v) =>
          `<tr><td>${esc(v.name)}</td><td>${esc(CHOICE_ES[v.choice] ?? v.choice)}${v.withdrawn ? ' (retirado / withdrawn)' : ''}</td></tr>`,
      ),
      '</tbody></table>',
    );
  }
  parts.push('</section>');
  return parts.join('\n');
}

/**
 * The minutes of a meeting as a standalone HTML document (the same content as `minutesMarkdown`),
 * every text escaped. Pure: the same data gives the same text.
 *
 * @example minutesHtml({ bodyName: 'Cordón Cerrillos-Maipú', title: 'Sesión', openedAt: '…', closedAt: null, attendance: [], motions: [] })
 */
export function minutesHtml(data: MinutesData): string {
  return [
    '<!doctype html>',
    '<html lang="es"><head><meta charset="utf-8">',
    `<title>Acta — ${esc(data.bodyName)} — ${esc(data.title)}</title>`,
    '</head><body>',
    `<h1>Acta / Minutes — ${esc(data.bodyName)}</h1>`,
    `<h2>${esc(data.title)}</h2>`,
    `<ul><li>Apertura / Opened: ${esc(data.openedAt)}</li><li>Cierre / Closed: ${esc(data.closedAt ?? 'en curso / in session')}</li></ul>`,
    `<h2>Asistencia / Attendance (${data.attendance.length})</h2>`,
    `<ul>${data.attendance.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>`,
    '<h2>Mociones / Motions</h2>',
    data.motions.length === 0
      ? '<p>Sin mociones / No motions</p>'
      : data.motions.map((m) => motionHtml(m, 3, '')).join('\n'),
    '</body></html>',
    '',
  ].join('\n');
}
