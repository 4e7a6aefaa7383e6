import { BAD, ByteScanner } from './byte-scanner.js';
import type { CsrMatrix } from './csr-matrix.js';

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
  const dataStart = s.pos;
  const dataLine = s.line;

  // Pass 1: indices only — counts per row, order, and the first index problem. Pass 2 then reads
  // the values straight into the CSR arrays, so the peak memory is the text plus one CSR matrix
  // (no triplet copy): what lets a 10⁶-product file (≈ 560 MiB) load within 1 GiB.
  const rowPtr = new Int32Array(rows + 1);
  let sorted = true;
  let prevRow = -1;
  let prevCol = -1;
  let firstBad: { entry: number; line: number; message: string } | undefined;
  let entries = 0;
  for (; entries < nnz; entries++) {
    s.skipBlankAndComments();
    if (s.atEnd()) break;
    const line = s.line;
    const i = s.int();
    const j = s.int();
    let message: string | undefined;
    if (i === BAD || j === BAD) message = 'an entry must be "row column value" with integer indices';
    else if (i < 1 || i > rows) message = `row index ${i} is outside 1..${rows}`;
    else if (j < 1 || j > cols) message = `column index ${j} is outside 1..${cols}`;
    if (message) {
      firstBad = { entry: entries, line, message };
      break;
    }
    rowPtr[i]!++;
    if (i < prevRow || (i === prevRow && j <= prevCol)) sorted = false;
    prevRow = i;
    prevCol = j;
    s.nextLine();
  }
  if (!firstBad) {
    if (entries < nnz) return err(s.lastLine(), `expected ${nnz} entries, found ${entries}`);
    s.skipBlankAndComments();
    if (!s.atEnd()) return err(s.line, `more entries than the ${nnz} declared on line ${sizeLine}`);
  }
  for (let i = 0; i < rows; i++) rowPtr[i + 1]! += rowPtr[i]!;

  // Pass 2: values, checked, placed row by row (entries before a bad index are still checked
  // first, so the earliest problem in the file is the one reported)
  const colIdx = new Int32Array(firstBad ? 0 : nnz);
  const values = new Float64Array(firstBad ? 0 : nnz);
  const next = firstBad ? new Int32Array(0) : rowPtr.slice(0, rows);
  s.pos = dataStart;
  s.line = dataLine;
  const limit = firstBad ? firstBad.entry : nnz;
  for (let k = 0; k < limit; k++) {
    s.skipBlankAndComments();
    const line = s.line;
    const i = s.int();
    const j = s.int();
    const v = s.float();
    if (Number.isNaN(v)) return err(line, `the value "${s.lastToken()}" is not a number`);
    if (!Number.isFinite(v)) return err(line, `the value "${s.lastToken()}" is not finite`);
    if (!s.restOfLineBlank()) return err(line, 'an entry must be exactly "row column value"');
    if (options.requireNonNegative && v < 0) {
      return err(line, `negative coefficient ${v} at (${i}, ${j}); coefficients must be ≥ 0`);
    }
    if (!firstBad) {
      const q = next[i - 1]!++;
      colIdx[q] = j - 1;
      values[q] = v;
    }
    s.nextLine();
  }
  if (firstBad) return err(firstBad.line, firstBad.message);
  if (!sorted) {
    for (let i = 0; i < rows; i++) {
      const start = rowPtr[i]!;
      const end = rowPtr[i + 1]!;
      if (end - start > 1) sortRow(colIdx, values, start, end);
      for (let q = start + 1; q < end; q++) {
        if (colIdx[q] === colIdx[q - 1]) return duplicate(b, dataStart, dataLine, i + 1, colIdx[q]! + 1);
      }
    }
  }
  return { status: 'ok', matrix: { rows, cols, rowPtr, colIdx, values } };
}

// Sorts one row by column; equal columns (duplicates) end up adjacent.
function sortRow(col: Int32Array, val: Float64Array, start: number, end: number): void {
  if (end - start <= 32) {
    for (let p = start + 1; p < end; p++) {
      const c = col[p]!;
      const v = val[p]!;
      let q = p - 1;
      while (q >= start && col[q]! > c) {
        col[q + 1] = col[q]!;
        val[q + 1] = val[q]!;
        q--;
      }
      col[q + 1] = c;
      val[q + 1] = v;
    }
    return;
  }
  const order = Array.from({ length: end - start }, (_, t) => start + t).sort((p, q) => col[p]! - col[q]!);
  const c2 = Int32Array.from(order, (p) => col[p]!);
  const v2 = Float64Array.from(order, (p) => val[p]!);
  col.set(c2, start);
  val.set(v2, start);
}

// The error for a cell given twice, naming both lines (found by a third pass, only on error).
function duplicate(
  b: Uint8Array,
  dataStart: number,
  dataLine: number,
  row: number,
  col: number,
): MatrixMarketResult {
  const s = new ByteScanner(b);
  s.pos = dataStart;
  s.line = dataLine;
  let first = 0;
  for (;;) {
    s.skipBlankAndComments();
    if (s.atEnd()) break;
    const line = s.line;
    if (s.int() === row && s.int() === col) {
      if (first) return err(line, `duplicate entry (${row}, ${col}), first given on line ${first}`);
      first = line;
    }
    s.nextLine();
  }
  throw new Error('matrix-market: duplicate not found again (parser bug)');
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
