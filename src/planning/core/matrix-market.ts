import { BAD, ByteScanner } from './byte-scanner.js';
import { type CsrMatrix, csrFromTriplets } from './csr-matrix.js';

/** What {@link parseMatrixMarket} checks beyond the file format itself. */
export interface MatrixMarketOptions {
  /** Reject a matrix whose row and column counts differ (a coefficient matrix must be square). */
  readonly requireSquare?: boolean;
  /** Reject negative entries (technical coefficients are quantities used, never negative). */
  readonly requireNonNegative?: boolean;
}

/** Outcome of {@link parseMatrixMarket}. */
export type MatrixMarketResult =
  /** The file was read; entries are in CSR form, zero-based. */
  | { status: 'ok'; matrix: CsrMatrix }
  /** The file is not an acceptable matrix; `line` is 1-based and `message` says what is wrong there. */
  | { status: 'error'; line: number; message: string };

/**
 * Reads a Matrix Market file of the kind `matrix coordinate real general` (also `integer`) from
 * its text or its bytes (ASCII/UTF-8), one-based indices, and returns a CSR matrix or the first
 * problem with its line number: bad header, bad size line, index out of range, a value that is
 * not a finite number, a negative or duplicate entry, too few or too many entries. Bytes are
 * accepted so that files larger than a JavaScript string (≈ 512 MiB) can be read.
 *
 * @example
 * parseMatrixMarket('%%MatrixMarket matrix coordinate real general\n2 2 1\n1 2 0.5\n')
 * // → { status: 'ok', matrix: { rows: 2, cols: 2, … } }
 */
export function parseMatrixMarket(
  input: string | Uint8Array,
  options: MatrixMarketOptions = {},
): MatrixMarketResult {
  const b = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  const s = new ByteScanner(b);
  const header = s.lineText().trim();
  const words = header.split(/\s+/).map((w) => w.toLowerCase());
  if (words[0] !== '%%matrixmarket') {
    return err(1, 'not a Matrix Market file (the first line must start with %%MatrixMarket)');
  }
  if (words[1] !== 'matrix' || words[2] !== 'coordinate') {
    return err(1, `only "matrix coordinate" files are read, not "${words.slice(1, 3).join(' ')}"`);
  }
  if (words[3] !== 'real' && words[3] !== 'integer') {
    return err(1, `only real or integer entries are read, not "${words[3] ?? ''}"`);
  }
  if (words[4] !== 'general') return err(1, `only "general" symmetry is read, not "${words[4] ?? ''}"`);
  s.nextLine();
  s.skipBlankAndComments();
  if (s.atEnd()) return err(s.lastLine(), 'missing the size line "rows columns entries"');
  const sizeLine = s.line;
  const rows = s.int();
  const cols = s.int();
  const nnz = s.int();
  if (rows < 0 || cols < 0 || nnz < 0 || !s.restOfLineBlank()) {
    return err(sizeLine, 'the size line must be three non-negative integers "rows columns entries"');
  }
  if (options.requireSquare && rows !== cols) {
    return err(sizeLine, `the matrix must be square, but it is ${rows}×${cols}`);
  }
  if (nnz > rows * cols) return err(sizeLine, `${nnz} entries cannot fit in a ${rows}×${cols} matrix`);
  s.nextLine();
  const ri = new Int32Array(nnz);
  const ci = new Int32Array(nnz);
  const vv = new Float64Array(nnz);
  for (let k = 0; k < nnz; k++) {
    s.skipBlankAndComments();
    if (s.atEnd()) return err(s.lastLine(), `expected ${nnz} entries, found ${k}`);
    const line = s.line;
    const i = s.int();
    const j = s.int();
    if (i === BAD || j === BAD) return err(line, 'an entry must be "row column value" with integer indices');
    if (i < 1 || i > rows) return err(line, `row index ${i} is outside 1..${rows}`);
    if (j < 1 || j > cols) return err(line, `column index ${j} is outside 1..${cols}`);
    const v = s.float();
    if (Number.isNaN(v)) return err(line, `the value "${s.lastToken()}" is not a number`);
    if (!Number.isFinite(v)) return err(line, `the value "${s.lastToken()}" is not finite`);
    if (!s.restOfLineBlank()) return err(line, 'an entry must be exactly "row column value"');
    if (options.requireNonNegative && v < 0) {
      return err(line, `negative coefficient ${v} at (${i}, ${j}); coefficients must be ≥ 0`);
    }
    ri[k] = i - 1;
    ci[k] = j - 1;
    vv[k] = v;
    s.nextLine();
  }
  s.skipBlankAndComments();
  if (!s.atEnd()) return err(s.line, `more entries than the ${nnz} declared on line ${sizeLine}`);
  const built = csrFromTriplets(rows, cols, ri, ci, vv, nnz);
  if (built.status === 'duplicate') {
    const firstLine = entryLine(b, built.first);
    return err(
      entryLine(b, built.second),
      `duplicate entry (${built.row + 1}, ${built.col + 1}), first given on line ${firstLine}`,
    );
  }
  return { status: 'ok', matrix: built.matrix };
}

/**
 * Writes `a` as a Matrix Market `coordinate real general` file, yielded in chunks of about 1 MiB
 * so that a million-product matrix never has to fit in one string. Values are written in the
 * shortest form that reads back to the same double.
 *
 * @example const text = [...formatMatrixMarket(a)].join('');
 */
export function* formatMatrixMarket(a: CsrMatrix, comment?: string): Generator<string> {
  const nnz = a.rowPtr[a.rows]!;
  let chunk = '%%MatrixMarket matrix coordinate real general\n';
  if (comment) for (const c of comment.split('\n')) chunk += `% ${c}\n`;
  chunk += `${a.rows} ${a.cols} ${nnz}\n`;
  for (let i = 0; i < a.rows; i++) {
    const row = `${i + 1} `;
    for (let k = a.rowPtr[i]!; k < a.rowPtr[i + 1]!; k++) {
      chunk += `${row}${a.colIdx[k]! + 1} ${a.values[k]!}\n`;
    }
    if (chunk.length >= 1 << 20) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk.length > 0) yield chunk;
}

function err(line: number, message: string): MatrixMarketResult {
  return { status: 'error', line, message };
}

// 1-based line of the zero-based entry `k`: found again by a second pass, only on error.
function entryLine(b: Uint8Array, k: number): number {
  const s = new ByteScanner(b);
  s.nextLine();
  s.skipBlankAndComments();
  s.nextLine();
  for (let e = 0; e < k; e++) {
    s.skipBlankAndComments();
    s.nextLine();
  }
  s.skipBlankAndComments();
  return s.line;
}
