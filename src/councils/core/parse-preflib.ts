import type { BallotParseResult, RankedBallot } from './ballot-profile.js';

/**
 * Reads a PrefLib election file (https://preflib.org/format): `soi` (strict orders, incomplete)
 * or `toi` (orders with ties, incomplete):
 *
 * ```
 * # NUMBER ALTERNATIVES: 3
 * # ALTERNATIVE NAME 1: Ana
 * # ALTERNATIVE NAME 2: Beto
 * # ALTERNATIVE NAME 3: Carla
 * # NUMBER VOTERS: 7
 * 4: 1,3
 * 3: 2,{1,3}         toi only: braces rank alternatives equally
 * ```
 *
 * Metadata lines start with `#`; `NUMBER ALTERNATIVES` (or at least the names) is required,
 * a missing name becomes "Alternative i"; `NUMBER VOTERS` and `NUMBER UNIQUE ORDERS`, when given,
 * must agree with the data. Each data line is `count: ranking` with a positive whole count. Braces
 * in a `soi` file, a repeated alternative or a number out of range is `malformed` with its line.
 * The counter cuts a ranking at its first tie (see `countStv`).
 *
 * @example parsePreflib('# NUMBER ALTERNATIVES: 2\n3: 1,2\n2: 2\n', 'soi') // 5 papers
 */
export function parsePreflib(text: string, kind: 'soi' | 'toi'): BallotParseResult {
  const lines = text.split(/\r?\n/);
  const malformed = (line: number, reason: string): BallotParseResult => ({
    status: 'malformed',
    line,
    reason,
  });

  let n = -1;
  let nLine = 0;
  let voters: { value: number; line: number } | null = null;
  let unique: { value: number; line: number } | null = null;
  let title: string | undefined;
  const named = new Map<number, string>();
  let maxNamed = 0;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (!raw.startsWith('#')) continue;
    const m = /^#\s*([^:]+?)\s*:\s*(.*)$/.exec(raw);
    if (!m) continue;
    const key = m[1]!.toUpperCase();
    const value = m[2]!.trim();
    const whole = (): number | null => (/^\d+$/.test(value) ? Number(value) : null);
    const nameKey = /^ALTERNATIVE NAME (\d+)$/.exec(key);
    if (key === 'NUMBER ALTERNATIVES') {
      const v = whole();
      if (v === null || v < 1) return malformed(i + 1, `NUMBER ALTERNATIVES must be a positive whole number`);
      n = v;
      nLine = i + 1;
    } else if (key === 'NUMBER VOTERS') {
      const v = whole();
      if (v === null) return malformed(i + 1, 'NUMBER VOTERS must be a whole number');
      voters = { value: v, line: i + 1 };
    } else if (key === 'NUMBER UNIQUE ORDERS') {
      const v = whole();
      if (v === null) return malformed(i + 1, 'NUMBER UNIQUE ORDERS must be a whole number');
      unique = { value: v, line: i + 1 };
    } else if (key === 'TITLE') {
      title = value;
    } else if (nameKey) {
      const k = Number(nameKey[1]);
      if (k < 1) return malformed(i + 1, 'alternatives are numbered from 1');
      if (named.has(k)) return malformed(i + 1, `alternative ${k} is named twice`);
      named.set(k, value);
      maxNamed = Math.max(maxNamed, k);
    }
  }
  if (n < 0) {
    if (maxNamed === 0) return malformed(1, 'missing "# NUMBER ALTERNATIVES: n" (and no alternative names)');
    n = maxNamed;
  } else if (maxNamed > n) {
    return malformed(nLine, `NUMBER ALTERNATIVES is ${n} but alternative ${maxNamed} is named`);
  }

  const ballots: RankedBallot[] = [];
  let total = 0;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw === '' || raw.startsWith('#')) continue;
    const line = i + 1;
    const colon = raw.indexOf(':');
    if (colon < 0) return malformed(line, 'expected "count: ranking"');
    const countText = raw.slice(0, colon).trim();
    if (!/^\d+$/.test(countText) || Number(countText) < 1) {
      return malformed(line, `count "${countText}" is not a positive whole number`);
    }
    const weight = Number(countText);
    if (!Number.isSafeInteger(weight)) return malformed(line, `count ${countText} is too large`);
    const body = raw.slice(colon + 1).replace(/\s+/g, '');
    const ranking: Array<number | number[]> = [];
    const seen = new Set<number>();
    let j = 0;
    const alternative = (textOf: string): number | string => {
      const a = /^\d+$/.test(textOf) ? Number(textOf) : Number.NaN;
      if (!(a >= 1 && a <= n)) return `"${textOf}" is not an alternative (1 to ${n})`;
      if (seen.has(a)) return `alternative ${a} is ranked twice`;
      seen.add(a);
      return a - 1;
    };
    while (j < body.length) {
      if (body[j] === '{') {
        if (kind === 'soi') return malformed(line, 'ties {…} are not allowed in a .soi file (use .toi)');
        const close = body.indexOf('}', j);
        if (close < 0) return malformed(line, 'a tie "{" is not closed');
        const inner = body.slice(j + 1, close);
        if (inner === '' || inner.includes('{'))
          return malformed(line, 'a tie must list alternatives: {a,b}');
        const group: number[] = [];
        for (const part of inner.split(',')) {
          const a = alternative(part);
          if (typeof a === 'string') return malformed(line, a);
          group.push(a);
        }
        ranking.push(group.length === 1 ? group[0]! : group);
        j = close + 1;
      } else {
        let k = j;
        while (k < body.length && body[k] !== ',') k++;
        const part = body.slice(j, k);
        if (part.includes('}')) return malformed(line, 'a "}" without its "{"');
        const a = alternative(part);
        if (typeof a === 'string') return malformed(line, a);
        ranking.push(a);
        j = k;
      }
      if (j < body.length) {
        if (body[j] !== ',') return malformed(line, 'expected "," between ranked alternatives');
        j++;
        if (j === body.length) return malformed(line, 'the ranking ends with ","');
      }
    }
    ballots.push({ weight, ranking });
    total += weight;
  }
  if (voters && voters.value !== total) {
    return malformed(voters.line, `NUMBER VOTERS is ${voters.value} but the counts add up to ${total}`);
  }
  if (unique && unique.value !== ballots.length) {
    return malformed(unique.line, `NUMBER UNIQUE ORDERS is ${unique.value} but there are ${ballots.length}`);
  }
  const candidates: string[] = [];
  for (let k = 1; k <= n; k++) candidates.push(named.get(k) ?? `Alternative ${k}`);
  return {
    status: 'parsed',
    profile: { candidates, withdrawn: [], ballots, ...(title === undefined ? {} : { title }) },
  };
}
