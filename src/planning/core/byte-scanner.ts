const NL = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const PERCENT = 37;

/** What {@link ByteScanner.int} returns when the token is not a non-negative integer. */
export const BAD = -1;
// Powers of ten exactly representable as doubles (10^0 … 10^22).
const POW10 = Array.from({ length: 23 }, (_, e) => 10 ** e);

/**
 * A cursor over the ASCII bytes of a text data file that tracks the 1-based line number and reads
 * integers and decimal numbers without building strings (fast enough for 10⁸ tokens).
 *
 * @example const s = new ByteScanner(bytes); const n = s.int(); s.nextLine();
 */
export class ByteScanner {
  pos = 0;
  line = 1;
  private tokenStart = 0;
  constructor(private readonly b: Uint8Array) {}

  /** The number of the last line that has content (for errors found at the end of the file). */
  lastLine(): number {
    return this.atEnd() && this.b.length > 0 && this.b[this.b.length - 1] === NL ? this.line - 1 : this.line;
  }

  atEnd(): boolean {
    return this.pos >= this.b.length;
  }

  lineText(): string {
    let end = this.pos;
    while (end < this.b.length && this.b[end] !== NL) end++;
    return new TextDecoder().decode(this.b.subarray(this.pos, end));
  }

  nextLine(): void {
    const b = this.b;
    while (this.pos < b.length && b[this.pos] !== NL) this.pos++;
    if (this.pos < b.length) {
      this.pos++;
      this.line++;
    }
  }

  skipBlankAndComments(): void {
    const b = this.b;
    while (this.pos < b.length) {
      let p = this.pos;
      while (p < b.length && (b[p] === SPACE || b[p] === TAB || b[p] === CR)) p++;
      if (p < b.length && b[p] !== NL && b[p] !== PERCENT) {
        this.pos = p;
        return;
      }
      this.pos = p;
      if (p >= b.length) return;
      this.nextLine();
    }
  }

  private skipSpaces(): void {
    const b = this.b;
    while (this.pos < b.length && (b[this.pos] === SPACE || b[this.pos] === TAB)) this.pos++;
  }

  restOfLineBlank(): boolean {
    this.skipSpaces();
    const c = this.b[this.pos];
    return c === undefined || c === NL || c === CR;
  }

  /** A non-negative decimal integer, or BAD. */
  int(): number {
    this.skipSpaces();
    const b = this.b;
    let p = this.pos;
    let v = 0;
    while (p < b.length && b[p]! >= 48 && b[p]! <= 57) {
      v = v * 10 + (b[p]! - 48);
      p++;
    }
    if (p === this.pos || (p < b.length && !isSeparator(b[p]!)) || v > 2 ** 31 - 1) return BAD;
    this.pos = p;
    return v;
  }

  lastToken(): string {
    return new TextDecoder().decode(this.b.subarray(this.tokenStart, this.pos));
  }

  /** A decimal number; NaN when the token is not one. Exact (correctly rounded) in every case. */
  float(): number {
    this.skipSpaces();
    const b = this.b;
    const start = this.pos;
    this.tokenStart = start;
    let p = start;
    while (p < b.length && !isSeparator(b[p]!)) p++;
    this.pos = p;
    if (p === start) return Number.NaN;
    // Fast path (Clinger): at most 15 significant digits and |exponent| ≤ 22 make
    // mantissa and power of ten exact doubles, so one division or product rounds correctly.
    let q = start;
    let neg = false;
    if (b[q] === 45 || b[q] === 43) {
      neg = b[q] === 45;
      q++;
    }
    let mant = 0;
    let digits = 0;
    let exp = 0;
    let any = false;
    while (q < p && b[q]! >= 48 && b[q]! <= 57) {
      if (mant !== 0 || b[q] !== 48) digits++;
      mant = mant * 10 + (b[q]! - 48);
      q++;
      any = true;
    }
    if (q < p && b[q] === 46) {
      q++;
      while (q < p && b[q]! >= 48 && b[q]! <= 57) {
        if (mant !== 0 || b[q] !== 48) digits++;
        mant = mant * 10 + (b[q]! - 48);
        exp--;
        q++;
        any = true;
      }
    }
    if (any && q < p && (b[q] === 101 || b[q] === 69)) {
      q++;
      let eneg = false;
      if (b[q] === 45 || b[q] === 43) {
        eneg = b[q] === 45;
        q++;
      }
      let e = 0;
      const es = q;
      while (q < p && b[q]! >= 48 && b[q]! <= 57 && e < 100000) {
        e = e * 10 + (b[q]! - 48);
        q++;
      }
      if (q === es) any = false;
      exp += eneg ? -e : e;
    }
    if (any && q === p && digits <= 15 && exp >= -22 && exp <= 22) {
      const v = exp < 0 ? mant / POW10[-exp]! : mant * POW10[exp]!;
      return neg ? -v : v;
    }
    const text = this.lastToken();
    // Number() accepts forms a data file should not ("0x1f", "Infinity" is allowed to report as non-finite).
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$|^[+-]?(inf|infinity)$/i.test(text)) return Number.NaN;
    if (/inf/i.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
    return Number(text);
  }
}

function isSeparator(c: number): boolean {
  return c === SPACE || c === TAB || c === NL || c === CR || c === 44;
}
