import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Command } from 'commander';
import type { BallotParseResult } from '../../councils/core/ballot-profile.js';
import type { StvResult } from '../../councils/core/stv-count.js';
import { CliError } from '../cli-error.js';
import { commandGroup } from '../command-group.js';

type BallotFormat = 'blt' | 'soi' | 'toi';
const FORMATS: readonly BallotFormat[] = ['blt', 'soi', 'toi'];

interface CountFlags {
  seats?: string;
  format?: string;
  seed: string;
  json?: boolean;
}

/**
 * `cordones election count <ballots> [--seats N] [--format blt|soi|toi] [--seed S] [--json]`:
 * counts a BLT or PrefLib ballot file under the Scottish STV rules (one seat: instant-runoff) and
 * prints a stage table, or with `--json` the elected in order of election and every stage. A
 * malformed file fails with one line naming the file line.
 */
export function register(program: Command): void {
  commandGroup(program, 'election', 'Elections of delegates: count ranked ballots')
    .command('count')
    .description(
      'Count ranked ballots by STV under the Scottish rules (SSI 2007/42); one seat is instant-runoff',
    )
    .argument('<ballots>', 'ballot file: BLT (.blt) or PrefLib (.soi, .toi)')
    .option('--seats <n>', 'seats to fill (default: the BLT header; required for PrefLib files)')
    .option('--format <format>', 'blt, soi or toi (default: from the file extension)')
    .option('--seed <n>', 'seed of the lot for ties equal at every stage (publish it with the result)', '0')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, flags: CountFlags) => {
      const format = (flags.format ?? extname(file).slice(1)).toLowerCase();
      if (!FORMATS.includes(format as BallotFormat)) {
        throw new CliError(
          flags.format
            ? `--format must be blt, soi or toi, not "${flags.format}"`
            : `${file}: cannot tell the format from the extension; give --format blt|soi|toi`,
        );
      }
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (err) {
        throw new CliError(`${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
      }
      let parsed: BallotParseResult;
      if (format === 'blt') {
        const { parseBlt } = await import('../../councils/core/parse-blt.js');
        parsed = parseBlt(text);
      } else {
        const { parsePreflib } = await import('../../councils/core/parse-preflib.js');
        parsed = parsePreflib(text, format as 'soi' | 'toi');
      }
      if (parsed.status === 'malformed') throw new CliError(`${file} line ${parsed.line}: ${parsed.reason}`);
      const profile = parsed.profile;

      const seatsText = flags.seats ?? (profile.seats === undefined ? undefined : String(profile.seats));
      if (seatsText === undefined)
        throw new CliError(`${file}: a PrefLib file does not say the seats; give --seats N`);
      if (!/^\d+$/.test(seatsText) || Number(seatsText) < 1) {
        throw new CliError(`--seats must be a whole number of at least 1, not "${seatsText}"`);
      }
      if (!/^-?\d+$/.test(flags.seed))
        throw new CliError(`--seed must be a whole number, not "${flags.seed}"`);

      const { countStv } = await import('../../councils/core/stv-count.js');
      const result = countStv(profile, { seats: Number(seatsText), lotSeed: Number(flags.seed) });
      if (result.status === 'invalid') throw new CliError(`${file}: ${result.reason}`);
      const { formatVotes } = await import('../../councils/core/format-votes.js');
      const out = flags.json
        ? `${JSON.stringify(resultJson(result, profile.title, profile.withdrawn), null, 2)}\n`
        : stageTable(result, profile.title, profile.withdrawn, formatVotes);
      process.stdout.write(out);
    });
}

/** A vote total of the count (integer 10^-5 votes) as a JSON number with at most 5 decimals. */
const votes = (e5: number): number => e5 / 100_000;

function resultJson(r: StvResult, title: string | undefined, withdrawn: readonly number[]): unknown {
  const name = (c: number): string => r.candidates[c]!;
  return {
    title: title ?? null,
    rules: r.rules,
    method: r.method,
    seats: r.seats,
    quota: r.quota,
    validPapers: r.validPapers,
    voidPapers: r.voidPapers,
    papersCutAtTie: r.papersCutAtTie,
    lotSeed: r.lotSeed,
    lotsDrawn: r.lotsDrawn,
    candidates: r.candidates,
    withdrawn: withdrawn.map(name),
    elected: r.elected.map((e) => ({
      name: name(e.candidate),
      candidate: e.candidate,
      stage: e.stage,
      reason: e.reason,
    })),
    excluded: r.excluded.map(name),
    unfilledSeats: r.unfilledSeats,
    rounds: r.stages.map((s) => ({
      stage: s.stage,
      action:
        s.action.kind === 'first-preferences'
          ? { kind: s.action.kind }
          : s.action.kind === 'surplus'
            ? {
                kind: s.action.kind,
                candidate: name(s.action.candidate),
                surplus: votes(s.action.surplusE5),
                transferValue: votes(s.action.transferValueE5),
              }
            : { kind: s.action.kind, candidate: name(s.action.candidate) },
      votes: s.votesE5.map(votes),
      transfers: s.changeE5.map(votes),
      nonTransferable: votes(s.nonTransferableE5),
      nonTransferablePapers: s.nonTransferablePapers,
      exhausted: votes(s.exhaustedE5),
      exhaustedPapers: s.exhaustedPapers,
      loss: votes(s.lossE5),
      lossTotal: votes(s.lossTotalE5),
      elected: s.elected.map(name),
      tieBreaks: s.tieBreaks.map((t) => ({
        purpose: t.purpose,
        tied: t.tied.map(name),
        chosen: name(t.chosen),
        method: t.method,
        ...(t.stage === undefined ? {} : { stage: t.stage }),
      })),
    })),
  };
}

function stageTable(
  r: StvResult,
  title: string | undefined,
  withdrawn: readonly number[],
  formatVotes: (e5: number) => string,
): string {
  const name = (c: number): string => r.candidates[c]!;
  const lines: string[] = [];
  if (title) lines.push(title);
  const method = r.method === 'instant-runoff' ? 'instant-runoff' : 'single transferable vote';
  lines.push(
    `Scottish STV rules (SSI 2007/42 Sch. 1 rr. 45–52), ${method}: ${r.seats} seat${r.seats === 1 ? '' : 's'}, ` +
      `${r.validPapers} valid papers, quota ${r.quota}`,
  );
  if (r.voidPapers > 0 || r.papersCutAtTie > 0) {
    lines.push(
      `${r.voidPapers} void papers; ${r.papersCutAtTie} papers cut where they ranked candidates equally`,
    );
  }
  if (withdrawn.length > 0) lines.push(`withdrawn: ${withdrawn.map(name).join(', ')}`);
  lines.push('');

  const head1 = ['', ...r.stages.map((s) => `Stage ${s.stage}`), ''];
  const head2 = [
    '',
    ...r.stages.map((s) =>
      s.action.kind === 'first-preferences'
        ? 'first prefs'
        : s.action.kind === 'surplus'
          ? `surplus ${name(s.action.candidate)}`
          : `excl. ${name(s.action.candidate)}`,
    ),
    '',
  ];
  const rows: string[][] = [head1, head2];
  const electedAt = new Map(r.elected.map((e, i) => [e.candidate, `elected ${i + 1}`]));
  const excludedAt = new Map<number, number>();
  for (const s of r.stages) if (s.action.kind === 'exclusion') excludedAt.set(s.action.candidate, s.stage);
  for (let c = 0; c < r.candidates.length; c++) {
    if (withdrawn.includes(c)) continue;
    const gone = excludedAt.get(c) ?? Number.POSITIVE_INFINITY;
    rows.push([
      name(c),
      ...r.stages.map((s) => (s.stage > gone ? '' : formatVotes(s.votesE5[c]!))),
      electedAt.get(c) ?? (excludedAt.has(c) ? 'excluded' : ''),
    ]);
  }
  rows.push(['Non-transferable', ...r.stages.map((s) => formatVotes(s.exhaustedE5)), '']);
  rows.push(['Loss (rounding)', ...r.stages.map((s) => formatVotes(s.lossTotalE5)), '']);
  const widths = rows[0]!.map((_, j) => Math.max(...rows.map((row) => row[j]!.length)));
  for (const row of rows) {
    lines.push(
      row
        .map((cell, j) =>
          j === 0 || j === row.length - 1 ? cell.padEnd(widths[j]!) : cell.padStart(widths[j]!),
        )
        .join('  ')
        .trimEnd(),
    );
  }
  lines.push('');
  lines.push(
    `Elected: ${r.elected.map((e, i) => `${i + 1}. ${name(e.candidate)} (stage ${e.stage}, ${e.reason === 'quota' ? 'quota' : 'last vacancies'})`).join('; ')}`,
  );
  if (r.unfilledSeats > 0) lines.push(`Seats left empty: ${r.unfilledSeats} (fewer candidates than seats)`);
  for (const s of r.stages) {
    for (const t of s.tieBreaks) {
      const how =
        t.method === 'earlier-stage'
          ? `by the votes at stage ${t.stage}`
          : t.method === 'lot'
            ? `by lot (seed ${r.lotSeed})`
            : 'by the order of election';
      lines.push(
        `Tie at stage ${s.stage} (${t.purpose}) among ${t.tied.map(name).join(', ')}: ${name(t.chosen)}, ${how}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
