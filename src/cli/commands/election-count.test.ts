import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CliError } from '../cli-error.js';
import { runCli } from '../main.js';
import { register } from './election-count.js';

const dir = mkdtempSync(join(tmpdir(), 'cordones-election-'));
let fileNo = 0;
function file(ext: string, text: string): string {
  const path = join(dir, `ballots-${fileNo++}.${ext}`);
  writeFileSync(path, text);
  return path;
}

/** Runs `election count …` on a program holding only this command; returns stdout or the CliError. */
async function count(args: string[]): Promise<{ out: string; error?: CliError }> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    const program = new Command('cordones').exitOverride();
    register(program);
    await program.parseAsync(['election', 'count', ...args], { from: 'user' });
    return { out };
  } catch (err) {
    if (err instanceof CliError) return { out, error: err };
    throw err;
  } finally {
    spy.mockRestore();
  }
}

interface RoundJson {
  stage: number;
  action: { kind: string; candidate?: string; surplus?: number; transferValue?: number };
  votes: number[];
  exhausted: number;
  lossTotal: number;
  elected: string[];
}
interface ResultJson {
  quota: number;
  validPapers: number;
  elected: Array<{ name: string; stage: number; reason: string }>;
  rounds: RoundJson[];
}

// The Wikipedia food election (20 papers, 3 seats), checked by hand in stv-count.test.ts.
const FOOD = `5 3
4 1 0
2 2 1 0
8 3 4 0
4 3 5 0
1 4 0
1 5 0
0
"Orange" "Pear" "Chocolate" "Strawberry" "Bonbon"
"Food election"
`;

afterEach(() => {
  vi.restoreAllMocks();
});

describe('cordones election count', () => {
  it('prints the elected in order of election and every round as JSON', async () => {
    const { out, error } = await count([file('blt', FOOD), '--json']);
    expect(error).toBeUndefined();
    const r = JSON.parse(out) as ResultJson;
    expect(r.quota).toBe(6);
    expect(r.elected.map((e) => [e.name, e.stage, e.reason])).toEqual([
      ['Chocolate', 1, 'quota'],
      ['Orange', 3, 'quota'],
      ['Strawberry', 4, 'last-vacancies'],
    ]);
    expect(r.rounds.map((s) => s.votes)).toEqual([
      [4, 2, 12, 1, 1],
      [4, 2, 6, 5, 3],
      [6, 0, 6, 5, 3],
      [6, 0, 6, 5, 0],
    ]);
    expect(r.rounds[1]!.action).toEqual({
      kind: 'surplus',
      candidate: 'Chocolate',
      surplus: 6,
      transferValue: 0.5,
    });
    expect(r.rounds[3]!.exhausted).toBe(3);
  });

  it('prints a readable stage table with five-decimal transfers (two surpluses, a rounding loss)', async () => {
    const blt = `5 3\n12 1 2 3 0\n6 2 4 0\n3 3 0\n4 4 0\n3 5 0\n0\n"Ana" "Beto" "Carla" "Diego" "Elena"\n"Cordón Vicuña Mackenna"\n`;
    const { out } = await count([file('blt', blt)]);
    const lines = out.split('\n');
    expect(lines[0]).toBe('Cordón Vicuña Mackenna');
    expect(out).toContain('3 seats, 28 valid papers, quota 8');
    const row = (label: string): string[] =>
      lines
        .find((l) => l.startsWith(label))!
        .trim()
        .split(/\s{2,}/);
    expect(row('Beto')).toEqual(['Beto', '6', '9.99996', '8', '8', '8', 'elected 2']);
    expect(row('Diego')).toEqual(['Diego', '4', '4', '5.19994', '5.19994', '5.19994', 'elected 3']);
    expect(row('Loss')).toEqual(['Loss (rounding)', '0', '0.00004', '0.00014', '0.00014', '0.00014']);
    expect(out).toContain(
      'Elected: 1. Ana (stage 1, quota); 2. Beto (stage 2, quota); 3. Diego (stage 5, last vacancies)',
    );
  });

  it('reads PrefLib .toi with --seats, and names the lot seed when a tie goes to the lot', async () => {
    const toi =
      '# NUMBER ALTERNATIVES: 3\n# ALTERNATIVE NAME 1: Ana\n# ALTERNATIVE NAME 2: Beto\n# ALTERNATIVE NAME 3: Carla\n3: 1\n3: 2\n1: {1,2},3\n';
    const path = file('toi', toi);
    expect((await count([path])).error?.message).toMatch(/give --seats N/);
    const { out } = await count([path, '--seats', '1', '--seed', '7']);
    expect(out).toContain('1 void papers; 1 papers cut where they ranked candidates equally');
    expect(out).toMatch(/Tie at stage 2 \(exclusion\) among Ana, Beto: (Ana|Beto), by lot \(seed 7\)/);
  });

  it('fails on a malformed file with one line naming the file line', async () => {
    const path = file('blt', '3 1\n1 1 2 0\n2 1 4 0\n0\n"A" "B" "C"\n');
    const { error } = await count([path]);
    expect(error?.message).toBe(`${path} line 3: "4" is not a candidate number (1 to 3)`);
    const soi = file('soi', '# NUMBER ALTERNATIVES: 2\n1: 1,{2}\n');
    expect((await count([soi, '--seats', '1'])).error?.message).toMatch(/line 2: ties/);
    expect((await count([file('txt', FOOD)])).error?.message).toMatch(/give --format/);
    expect((await count([file('txt', FOOD), '--format', 'blt', '--seats', 'two'])).error?.message).toMatch(
      /--seats/,
    );
  });

  it('is wired into the cordones program: non-zero exit and one line on stderr', async () => {
    let err = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      err += String(chunk);
      return true;
    });
    const code = await runCli(['election', 'count', file('blt', '2 1\n1 1 2\n0\n"A" "B"\n')]);
    expect(code).toBe(1);
    expect(err).toMatch(/^cordones: .*line 2: a ballot line must end with 0\n$/);
  });

  it('conserves all votes (held + non-transferable + rounding loss) at every round of random counts', async () => {
    const election = fc.integer({ min: 2, max: 6 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        seats: fc.integer({ min: 1, max: n }),
        lines: fc.array(
          fc.record({
            weight: fc.integer({ min: 1, max: 20 }),
            ranking: fc.shuffledSubarray([...Array(n).keys()]),
          }),
          { minLength: 1, maxLength: 25 },
        ),
      }),
    );
    await fc.assert(
      fc.asyncProperty(election, async ({ n, seats, lines }) => {
        const blt = [
          `${n} ${seats}`,
          ...lines.map((l) => [l.weight, ...l.ranking.map((c) => c + 1), 0].join(' ')),
          '0',
          ...[...Array(n).keys()].map((c) => `"C${c}"`),
        ].join('\n');
        const { out } = await count([file('blt', blt), '--json']);
        const r = JSON.parse(out) as ResultJson;
        for (const s of r.rounds) {
          // JSON carries decimals of at most 5 places: compare in 10^-5 units
          const held = s.votes.reduce((a, v) => a + Math.round(v * 1e5), 0);
          expect(held + Math.round(s.exhausted * 1e5) + Math.round(s.lossTotal * 1e5)).toBe(
            r.validPapers * 1e5,
          );
        }
        expect(r.elected.length).toBe(seats);
      }),
      { numRuns: 40 },
    );
  });
});
