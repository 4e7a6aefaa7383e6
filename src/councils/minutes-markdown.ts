import type { MotionOutcome } from './core/tally-motion.js';

/** Everything the minutes of one meeting show. */
export interface MinutesData {
  readonly bodyName: string;
  readonly title: string;
  readonly openedAt: string;
  readonly closedAt: string | null;
  readonly attendance: readonly string[];
  readonly motions: readonly MinutesMotion[];
}

/** A motion in the minutes, with its amendments (decided before it). */
export interface MinutesMotion {
  readonly title: string;
  readonly text: string;
  readonly kind: string;
  readonly status: string;
  readonly outcome: MotionOutcome | null;
  /** Roll-call: name and choice; empty for secret votes. */
  readonly rollCall: readonly { name: string; choice: string; withdrawn: boolean }[];
  readonly amendments: readonly MinutesMotion[];
}

const CHOICE_ES: Record<string, string> = { for: 'a favor', against: 'en contra', abstain: 'abstención' };

function escapeMd(text: string): string {
  return text.replace(/([\\`*_[\]#|<>])/g, '\\$1');
}

function outcomeLine(o: MotionOutcome | null, status: string): string {
  if (status === 'open' || !o) return 'Pendiente / Pending';
  if (o.status === 'no-quorum')
    return `**Sin quórum / No quorum** — presentes ${o.present}, se necesitaban ${o.needed}`;
  const word = o.status === 'adopted' ? 'Aprobada / Adopted' : 'Rechazada / Rejected';
  return `**${word}** — a favor ${o.votes.for}, en contra ${o.votes.against}, abstenciones ${o.votes.abstain}; se necesitaban ${o.needed} de ${o.base}; presentes ${o.present}, quórum ${o.quorum}${o.weighted ? ' (voto ponderado)' : ''}`;
}

function motionLines(m: MinutesMotion, heading: string): string[] {
  const lines = [
    `${heading} ${escapeMd(m.title)}${m.kind === 'recall' ? ' (revocación / recall)' : ''}`,
    '',
    escapeMd(m.text),
    '',
  ];
  for (const [i, a] of m.amendments.entries()) {
    lines.push(...motionLines(a, `${heading}# Enmienda ${i + 1}:`));
  }
  lines.push(`Resultado / Result: ${outcomeLine(m.outcome, m.status)}`, '');
  if (m.rollCall.length > 0) {
    lines.push('| Nombre | Voto |', '|---|---|');
    for (const v of m.rollCall) {
      lines.push(
        `| ${escapeMd(v.name)} | ${CHOICE_ES[v.choice] ?? v.choice}${v.withdrawn ? ' (retirado / withdrawn)' : ''} |`,
      );
    }
    lines.push('');
  }
  return lines;
}

/**
 * The minutes of a meeting as Markdown (Spanish first, English after a slash): attendance, every
 * motion with its amendments before it is decided, the result with the numbers, and the
 * roll-call of open votes. Pure: the same data gives the same text.
 *
 * @example minutesMarkdown({ bodyName: 'Cordón Cerrillos-Maipú', title: 'Sesión', openedAt: '…', closedAt: null, attendance: ['Ana'], motions: [] })
 */
export function minutesMarkdown(data: MinutesData): string {
  const lines = [
    `# Acta / Minutes — ${escapeMd(data.bodyName)}`,
    '',
    `## ${escapeMd(data.title)}`,
    '',
    `- Apertura / Opened: ${data.openedAt}`,
    `- Cierre / Closed: ${data.closedAt ?? 'en curso / in session'}`,
    '',
    `## Asistencia / Attendance (${data.attendance.length})`,
    '',
    ...data.attendance.map((n) => `- ${escapeMd(n)}`),
    '',
    '## Mociones / Motions',
    '',
  ];
  if (data.motions.length === 0) lines.push('Sin mociones / No motions', '');
  for (const m of data.motions) lines.push(...motionLines(m, '###'));
  return `${lines.join('\n').trimEnd()}\n`;
}
