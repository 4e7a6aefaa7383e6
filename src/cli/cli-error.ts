/**
 * An expected failure of a CLI command (bad file, bad flag, refused operation). The CLI prints
 * `cordones: <message>` on one line and exits with `exitCode` — never a stack trace.
 *
 * @example throw new CliError('demand.csv line 4: "abc" is not a number');
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
