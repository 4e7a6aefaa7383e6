#!/usr/bin/env node
// The `cordones` command: TypeScript sources are run through tsx, so no build step stands
// between a fresh clone and a working CLI.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
