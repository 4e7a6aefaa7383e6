import type { Command } from 'commander';

/**
 * Returns the sub-command `name` of `program`, creating it on first use, so that several command
 * files can add verbs to one noun (`plan solve`, `plan show`, …) without knowing about each other.
 *
 * @example commandGroup(program, 'plan', 'Plans: solve, amend, adopt').command('solve')
 */
export function commandGroup(program: Command, name: string, description: string): Command {
  const existing = program.commands.find((c) => c.name() === name);
  if (existing) return existing;
  return program.command(name).description(description);
}
