/** One data line of a report CSV, before names are resolved. */
export interface ReportCsvLine {
  /** 1-based line number in the file. */
  readonly line: number;
  /** Workplace id or name; null when the indicator is given by flag. */
  readonly workplace: string | null;
  /** Indicator id or name; null when given by flag. */
  readonly indicator: string | null;
  readonly period: string;
  /** A safe integer, or the raw text (the ingest rejects it with its reason). */
  readonly value: number | string;
}

/** The outcome of reading a report CSV. */
export type ReportCsv =
  /** Lines read; `problems` are lines that could not be read at all (wrong number of fields). */
  | { status: 'ok'; lines: ReportCsvLine[]; problems: { line: number; reason: string }[] }
  /** The header is missing or names other columns. */
  | { status: 'malformed'; line: number; message: string };

const INTEGER = /^-?\d+$/;

/** Splits one CSV line (RFC 4180 quotes, no line breaks inside fields). */
function fields(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    let value = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          value += text.slice(i);
          i = text.length;
          break;
        }
        value += text.slice(i, q);
        i = q + 1;
        if (text[i] === '"') {
          value += '"';
          i++;
        } else break;
      }
      const comma = text.indexOf(',', i);
      i = comma < 0 ? text.length : comma;
    } else {
      const comma = text.indexOf(',', i);
      value = text.slice(i, comma < 0 ? text.length : comma);
      i = comma < 0 ? text.length : comma;
    }
    out.push(value.trim());
    if (i >= text.length) return out;
    i++; // past the comma
  }
}

/**
 * Reads a report CSV. With the header `workplace,indicator,period,value` every line names its
 * indicator (workplace by id or name, indicator by id or name within it). With `period,value`
 * (or `timestamp,value`, the series format) the indicator comes from the command's flags
 * (`perIndicator`). Periods are dates YYYY-MM-DD; a timestamp's date part is used.
 *
 * @example parseReportCsv('workplace,indicator,period,value\nSumar,Tela,1972-10-11,412\n', false)
 */
export function parseReportCsv(text: string, perIndicator: boolean): ReportCsv {
  const rows = text.split(/\r?\n/);
  const header = fields(rows[0]?.replace(/^\uFEFF/, '') ?? '').map((h) => h.toLowerCase());
  const full = ['workplace', 'indicator', 'period', 'value'];
  const isFull = header.join(',') === full.join(',');
  const isShort =
    header.length === 2 && (header[0] === 'period' || header[0] === 'timestamp') && header[1] === 'value';
  if (perIndicator ? !isShort : !isFull)
    return {
      status: 'malformed',
      line: 1,
      message: perIndicator
        ? 'with --indicator the header must be period,value (or timestamp,value)'
        : 'the header must be workplace,indicator,period,value (or give --indicator and use period,value)',
    };
  const lines: ReportCsvLine[] = [];
  const problems: { line: number; reason: string }[] = [];
  for (let n = 1; n < rows.length; n++) {
    const raw = rows[n]!;
    if (raw.trim() === '') continue;
    const f = fields(raw);
    if (f.length !== header.length) {
      problems.push({ line: n + 1, reason: `expected ${header.length} fields, found ${f.length}` });
      continue;
    }
    const [period, value] = perIndicator ? [f[0]!, f[1]!] : [f[2]!, f[3]!];
    lines.push({
      line: n + 1,
      workplace: perIndicator ? null : f[0]!,
      indicator: perIndicator ? null : f[1]!,
      period: period.length > 10 && /^\d{4}-\d{2}-\d{2}[T ]/.test(period) ? period.slice(0, 10) : period,
      value: INTEGER.test(value) && Number.isSafeInteger(Number(value)) ? Number(value) : value,
    });
  }
  return { status: 'ok', lines, problems };
}
