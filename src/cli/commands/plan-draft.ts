import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import { commandGroup } from '../command-group.js';

interface DraftFlags {
  period: string;
  body?: string;
  title?: string;
  json?: boolean;
}

/**
 * `cordones plan draft --period P [--body ID] [--title T] [--json]`: a draft plan for a month
 * (`YYYY-MM`) or a quarter (`YYYY-Qn`) before the national assembly (`--body`, or the one national
 * assembly of the deployment), its consumption targets from every supply committee's
 * entitlements; waits for its solve (in a worker thread) and prints θ, labour and bottlenecks.
 * Runs as the system, with the database's own credentials, and is recorded so in the audit log;
 * councils then add targets, propose and amend it in the web app or the API.
 */
export function register(program: Command): void {
  commandGroup(program, 'plan', 'Plans: solve input-output systems, generate synthetic economies')
    .command('draft')
    .description("Draft a plan from the supply committees' entitlements and solve it")
    .requiredOption('--period <period>', 'a month YYYY-MM or a quarter YYYY-Qn')
    .option('--body <id>', 'the national assembly (default: the only one)')
    .option('--title <title>', 'the plan title (default "Plan <period>")')
    .option('--json', 'print the plan as JSON')
    .action(async (flags: DraftFlags) => {
      const { parsePlanPeriod } = await import('../../planning/plan-period.js');
      if (!parsePlanPeriod(flags.period))
        throw new CliError(`--period must be a month YYYY-MM or a quarter YYYY-Qn, not "${flags.period}"`);
      const { configFromEnv, openDeployment } = await import('../open-deployment.js');
      const services = await openDeployment(configFromEnv());
      try {
        let bodyId = flags.body;
        if (bodyId === undefined) {
          const nations = (await services.councils.federation()).bodies.filter(
            (b) => b.kind === 'national-assembly',
          );
          if (nations.length !== 1)
            throw new CliError(`--body is needed: the deployment has ${nations.length} national assemblies`);
          bodyId = nations[0]!.id;
        }
        const { plans } = services.planning;
        const { AppError } = await import('../../core/errors.js');
        let draft: Awaited<ReturnType<typeof plans.draftFromEntitlements>>;
        try {
          draft = await plans.draftFromEntitlements(
            { kind: 'system', name: 'cli' },
            { bodyId, period: flags.period, ...(flags.title ? { title: flags.title } : {}) },
          );
        } catch (err) {
          if (err instanceof AppError) throw new CliError(err.message);
          throw err;
        }
        await plans.idle();
        const plan = await plans.get(draft.id);
        if (flags.json) {
          process.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
          return;
        }
        const products = new Map((await services.production.register.listProducts()).map((p) => [p.id, p]));
        const name = (id: string) => products.get(id)?.name ?? id;
        const outcome = plan.solve?.outcome;
        process.stdout.write(
          `plan ${plan.id} (${plan.period}): ${plan.targets.length} products with targets\n`,
        );
        for (const g of plan.unmappedGoods)
          process.stdout.write(
            `not planned (no product with code ${g.code}): ${g.units} ${g.unit} of ${g.name}\n`,
          );
        if (!outcome) throw new CliError(`the solve failed: ${plan.solve?.error ?? 'unknown'}`);
        if (outcome.status !== 'planned')
          throw new CliError(
            outcome.status === 'non-productive'
              ? `non-productive: ${outcome.productIds.map(name).join(', ')}`
              : `${outcome.status}: ${'reason' in outcome ? outcome.reason : outcome.message}`,
          );
        process.stdout.write(
          `θ ${outcome.theta === null ? '∞ (no capacity binds)' : outcome.theta.toFixed(4)}, labour ${outcome.labourHours.toFixed(1)} h, solved in ${plan.solve?.solveMs} ms\n`,
        );
        for (const b of outcome.bottlenecks)
          process.stdout.write(
            `bottleneck ${name(b.productId)} at level ${b.level.toFixed(4)}, shadow price ${b.shadowPrice.toPrecision(3)} per unit\n`,
          );
      } finally {
        await services.database.close();
      }
    });
}
