import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Command, CommanderError } from 'commander';
import { CliError } from './cli-error.js';

/**
 * A CLI command file in `src/cli/commands/`: it registers its verbs on the program. Heavy modules
 * (solvers, the database) are imported lazily inside the action so that `--help` stays instant.
 */
export interface CliCommandModule {
  register(program: Command): void;
}

const commandsDir = join(dirname(fileURLToPath(import.meta.url)), 'commands');

/** Builds the `cordones` program with every command file registered. */
export async function buildProgram(): Promise<Command> {
  const program = new Command('cordones')
    .description('Cordones: councils of recallable delegates running production, planning and supply')
    .exitOverride()
    .showHelpAfterError();
  const files = readdirSync(commandsDir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .sort();
  for (const file of files) {
    const mod = (await import(pathToFileURL(join(commandsDir, file)).href)) as Partial<CliCommandModule>;
    if (typeof mod.register !== 'function') throw new Error(`${file} does not export register(program)`);
    mod.register(program);
  }
  return program;
}

/** Runs the CLI with `argv` (without node and script); resolves to the process exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const program = await buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and version exit through here with code 0
      return err.exitCode;
    }
    if (err instanceof CliError) {
      process.stderr.write(`cordones: ${err.message}\n`);
      return err.exitCode;
    }
    throw err;
  }
}
