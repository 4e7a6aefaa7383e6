import { E5 } from './stv-count.js';

/**
 * Writes a vote total held in units of 10^-5 vote (see `E5`) as a decimal without trailing zeros,
 * exactly: no float rounding is involved.
 *
 * @example formatVotes(1_218_176) // '12.18176'; formatVotes(600_000) // '6'
 */
export function formatVotes(e5: number): string {
  if (!Number.isSafeInteger(e5)) throw new RangeError(`not a whole number of 10^-5 votes: ${e5}`);
  const sign = e5 < 0 ? '-' : '';
  const abs = Math.abs(e5);
  const whole = Math.floor(abs / E5);
  const frac = String(abs % E5)
    .padStart(5, '0')
    .replace(/0+$/, '');
  return frac === '' ? `${sign}${whole}` : `${sign}${whole}.${frac}`;
}
