import { vi } from 'vitest';
import { runCli } from '../src/cli/main.js';

/** What a CLI run printed and its exit code. */
export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/**
 * Runs the `cordones` CLI in this process with `argv`, capturing what it writes to stdout and
 * stderr, so command tests need no child process.
 *
 * @example const { code, out } = await runCliCaptured(['plan', 'solve', '--coefficients', a, '--demand', d]);
 */
export async function runCliCaptured(argv: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    err += String(chunk);
    return true;
  });
  try {
    return { code: await runCli(argv), out, err };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}
