/** One row of an indicator series file. */
export interface SeriesRow {
  /** The timestamp exactly as written. */
  readonly timestamp: string;
  /** The value; null where the file leaves it empty (or writes NA, NaN, null). */
  readonly value: number | null;
  /** The value as written, for echoing back. */
  readonly raw: string;
  /** Whole periods missing between the previous row and this one (rows absent from the file). */
  readonly gapBefore: number;
  /** 1-based line number in the file. */
  readonly line: number;
}

/** The outcome of reading a series file. */
export type SeriesCsv =
  /** Rows in file order. `period` is the inferred spacing (ms or units), null when not inferred. */
  | { readonly status: 'ok'; readonly rows: SeriesRow[]; readonly period: number | null }
  /** The file breaks the format at `line` (1-based); `message` says how. */
  | { readonly status: 'malformed'; readonly line: number; readonly message: string };

const MISSING = new Set(['', 'na', 'nan', 'null', 'none']);
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Reads a `timestamp,value` CSV (header required, columns in any order, other columns ignored,
 * double-quoted fields allowed). Timestamps must increase; when they all parse (as numbers or as
 * dates) the usual spacing is taken as one period, and a larger step counts the periods skipped, so
 * a day absent from a daily file is a missing day.
 *
 * @example parseSeriesCsv('timestamp,value\n2026-01-01,4\n2026-01-02,\n')
 */
export function parseSeriesCsv(text: string): SeriesCsv {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let headerLine = -1;
  for (let k = 0; k < lines.length; k++)
    if (lines[k]!.trim() !== '') {
      headerLine = k;
      break;
    }
  if (headerLine < 0)
    return { status: 'malformed', line: 1, message: 'empty file, expected a "timestamp,value" header' };
  const header = splitCsv(lines[headerLine]!);
  if (header === null)
    return { status: 'malformed', line: headerLine + 1, message: 'unterminated quote in the header' };
  const names = header.map((h) => h.trim().toLowerCase());
  const ti = names.indexOf('timestamp');
  const vi = names.indexOf('value');
  if (ti < 0 || vi < 0)
    return {
      status: 'malformed',
      line: headerLine + 1,
      message: `header must name "timestamp" and "value" columns, got "${lines[headerLine]!.trim()}"`,
    };

  const stamps: string[] = [];
  const values: (number | null)[] = [];
  const raws: string[] = [];
  const lineNos: number[] = [];
  for (let k = headerLine + 1; k < lines.length; k++) {
    const text = lines[k]!;
    if (text.trim() === '') continue;
    const fields = splitCsv(text);
    if (fields === null) return { status: 'malformed', line: k + 1, message: 'unterminated quote' };
    if (fields.length !== header.length)
      return {
        status: 'malformed',
        line: k + 1,
        message: `${fields.length} fields, the header has ${header.length}`,
      };
    const stamp = fields[ti]!.trim();
    if (stamp === '') return { status: 'malformed', line: k + 1, message: 'empty timestamp' };
    const raw = fields[vi]!.trim();
    let value: number | null = null;
    if (!MISSING.has(raw.toLowerCase())) {
      if (!NUMBER.test(raw))
        return { status: 'malformed', line: k + 1, message: `value "${raw}" is not a number` };
      value = Number(raw);
      if (!Number.isFinite(value))
        return { status: 'malformed', line: k + 1, message: `value "${raw}" is out of range` };
    }
    stamps.push(stamp);
    values.push(value);
    raws.push(raw);
    lineNos.push(k + 1);
  }

  const times = stamps.every((s) => NUMBER.test(s)) ? stamps.map(Number) : stamps.map((s) => Date.parse(s));
  const parsed = times.every((t) => Number.isFinite(t));
  let period: number | null = null;
  if (parsed) {
    for (let k = 1; k < times.length; k++)
      if (!(times[k]! > times[k - 1]!))
        return {
          status: 'malformed',
          line: lineNos[k]!,
          message: `timestamp "${stamps[k]}" does not come after "${stamps[k - 1]}"`,
        };
    const steps: number[] = [];
    for (let k = 1; k < times.length; k++) steps.push(times[k]! - times[k - 1]!);
    steps.sort((a, b) => a - b);
    period = steps.length > 0 ? steps[Math.floor((steps.length - 1) / 2)]! : null;
  }
  const rows: SeriesRow[] = stamps.map((timestamp, k) => {
    // a step of about m periods leaves m − 1 periods out (capped: a long outage is not a million updates)
    const gap =
      period !== null && k > 0
        ? Math.min(10_000, Math.max(0, Math.round((times[k]! - times[k - 1]!) / period) - 1))
        : 0;
    return { timestamp, value: values[k]!, raw: raws[k]!, gapBefore: gap, line: lineNos[k]! };
  });
  return { status: 'ok', rows, period };
}

/** Splits one CSV line; double quotes may wrap a field and "" is a quote inside one. Null: unterminated. */
function splitCsv(line: string): string[] | null {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let k = 0; k < line.length; k++) {
    const c = line[k]!;
    if (quoted) {
      if (c === '"' && line[k + 1] === '"') {
        field += '"';
        k++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(field);
      field = '';
    } else field += c;
  }
  if (quoted) return null;
  out.push(field);
  return out;
}
