/**
 * The final fallback of the tie rules: a deterministic "lot" drawn from a seeded stream, so that a
 * count can be repeated by anyone who knows the seed (publish it with the result, or draw it in
 * the meeting before counting). The stream is splitmix32; each draw consumes one 32-bit number
 * `u` and picks `candidates[floor(u · n / 2^32)]` from the tied candidates sorted by index.
 *
 * @example new SeededLot(42).pick([3, 7]) // always the same one of 3 and 7 for seed 42
 */
export class SeededLot {
  private state: number;
  /** Number of lots drawn so far. */
  draws = 0;

  constructor(readonly seed: number) {
    if (!Number.isInteger(seed)) throw new RangeError(`lot seed must be an integer, got ${seed}`);
    this.state = seed >>> 0;
  }

  /** Next 32-bit unsigned number of the stream (splitmix32). */
  private next(): number {
    this.state = (this.state + 0x9e3779b9) >>> 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  }

  /** Draws one of `candidates` (at least one); the order of the argument does not matter. */
  pick(candidates: readonly number[]): number {
    if (candidates.length === 0) throw new RangeError('cannot draw a lot among no candidates');
    const sorted = [...candidates].sort((a, b) => a - b);
    this.draws++;
    const index = Math.floor((this.next() * sorted.length) / 2 ** 32);
    return sorted[index]!;
  }
}
