import { BAD, ByteScanner } from './byte-scanner.js';

/** What {@link parseVector} checks beyond the file format itself. */
export interface VectorFileOptions {
  /** The number of products the vector must have (the matrix order); a longer file names an unknown product. */
  readonly length?: number;
  /** Reject negative values (demands, labour coefficients and capacities are never negative). */
  readonly requireNonNegative?: boolean;
}

/** Outcome of {@link parseVector}. */
export type VectorFileResult =
  /** The file was read: one value per product, in product order. */
  | { status: 'ok'; values: Float64Array }
  /** The file is not an acceptable vector; `line` is 1-based and `message` says what is wrong there. */
  | { status: 'error'; line: number; message: string };

/**
 * Reads a vector from a one-column CSV (an optional non-numeric header on the first line, then
 * one number per line; product `i` is data row `i`) or from a Matrix Market file (`matrix array
 * real general` of size n×1, or `matrix coordinate real general` n×1 where absent entries are 0).
 * The format is recognised by the `%%MatrixMarket` first line.
 *
 * @example parseVector('demand\n10\n0\n2.5\n', { length: 3 }) // → { status: 'ok', values: [10, 0, 2.5] }
 */
export function parseVector(input: string | Uint8Array, options: VectorFileOptions = {}): VectorFileResult {
  const b = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  const s = new ByteScanner(b);
  const first = s.lineText().trim();
  if (first.toLowerCase().startsWith('%%matrixmarket')) return parseMtxVector(s, first, options);
  return parseCsvVector(s, options);
}

function parseCsvVector(s: ByteScanner, options: VectorFileOptions): VectorFileResult {
  const expected = options.length;
  let values = new Float64Array(expected ?? 1024);
  let n = 0;
  s.skipBlankAndComments();
  if (!s.atEnd() && s.line === 1 && !/^[\s]*[-+.\d]/.test(s.lineText())) s.nextLine();
  for (;;) {
    s.skipBlankAndComments();
    if (s.atEnd()) break;
    const line = s.line;
    const v = s.float();
    if (Number.isNaN(v)) return err(line, `"${s.lastToken()}" is not a number`);
    const check = checkValue(v, s, line, n, options);
    if (check) return check;
    if (!s.restOfLineBlank()) return err(line, 'expected one column, one value per line');
    if (expected !== undefined && n >= expected) {
      return err(line, `product ${n + 1} is unknown: the matrix has ${expected} products`);
    }
    if (n === values.length) {
      const grown = new Float64Array(values.length * 2);
      grown.set(values);
      values = grown;
    }
    values[n++] = v;
    s.nextLine();
  }
  if (expected !== undefined && n < expected) {
    return err(s.lastLine(), `only ${n} values, but the matrix has ${expected} products`);
  }
  return { status: 'ok', values: values.length === n ? values : values.slice(0, n) };
}

function parseMtxVector(s: ByteScanner, header: string, options: VectorFileOptions): VectorFileResult {
  const words = header.split(/\s+/).map((w) => w.toLowerCase());
  const layout = words[2];
  if (words[1] !== 'matrix' || (layout !== 'array' && layout !== 'coordinate')) {
    return err(1, 'a vector must be a Matrix Market "matrix array" or "matrix coordinate" file');
  }
  if (words[3] !== 'real' && words[3] !== 'integer') return err(1, 'only real or integer vectors are read');
  if (words[4] !== 'general') return err(1, 'only "general" symmetry is read');
  s.nextLine();
  s.skipBlankAndComments();
  const sizeLine = s.line;
  const n = s.int();
  const one = s.int();
  const nnz = layout === 'coordinate' ? s.int() : n;
  if (n === BAD || one === BAD || nnz === BAD || !s.restOfLineBlank()) {
    return err(sizeLine, `the size line must be "n 1${layout === 'coordinate' ? ' entries' : ''}"`);
  }
  if (one !== 1) return err(sizeLine, `a vector has one column, not ${one}`);
  if (options.length !== undefined && n !== options.length) {
    return err(sizeLine, `the vector has ${n} entries, but the matrix has ${options.length} products`);
  }
  s.nextLine();
  const values = new Float64Array(n);
  const seen = layout === 'coordinate' ? new Int32Array(n) : undefined;
  for (let k = 0; k < nnz; k++) {
    s.skipBlankAndComments();
    if (s.atEnd()) return err(s.lastLine(), `expected ${nnz} entries, found ${k}`);
    const line = s.line;
    let index = k;
    if (seen) {
      const i = s.int();
      const j = s.int();
      if (i === BAD || j !== 1) return err(line, 'an entry must be "index 1 value"');
      if (i < 1 || i > n) return err(line, `product ${i} is unknown: the vector has ${n} products`);
      if (seen[i - 1] !== 0)
        return err(line, `duplicate entry for product ${i}, first given on line ${seen[i - 1]}`);
      seen[i - 1] = line;
      index = i - 1;
    }
    const v = s.float();
    if (Number.isNaN(v)) return err(line, `"${s.lastToken()}" is not a number`);
    const check = checkValue(v, s, line, index, options);
    if (check) return check;
    if (!s.restOfLineBlank()) return err(line, 'expected one value per line');
    values[index] = v;
    s.nextLine();
  }
  s.skipBlankAndComments();
  if (!s.atEnd()) return err(s.line, `more entries than the ${nnz} declared on line ${sizeLine}`);
  return { status: 'ok', values };
}

function checkValue(
  v: number,
  s: ByteScanner,
  line: number,
  index: number,
  options: VectorFileOptions,
): VectorFileResult | undefined {
  if (!Number.isFinite(v)) return err(line, `"${s.lastToken()}" is not finite`);
  if (options.requireNonNegative && v < 0) return err(line, `negative value ${v} for product ${index + 1}`);
  return undefined;
}

function err(line: number, message: string): VectorFileResult {
  return { status: 'error', line, message };
}

/**
 * Writes `values` as a one-column CSV with a header line, in chunks of about 1 MiB, each value in
 * the shortest form that reads back to the same double.
 *
 * @example [...formatVectorCsv(Float64Array.of(1, 2.5), 'x')].join('') // 'x\n1\n2.5\n'
 */
export function* formatVectorCsv(values: ArrayLike<number>, header = 'value'): Generator<string> {
  let chunk = `${header}\n`;
  for (let i = 0; i < values.length; i++) {
    chunk += `${values[i]!}\n`;
    if (chunk.length >= 1 << 20) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk.length > 0) yield chunk;
}
