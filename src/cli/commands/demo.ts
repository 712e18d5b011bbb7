import type { Command } from 'commander';
import { writeSyntheticHistory } from '../../modules/analytics/generate.service.ts';
import { DEMO_ORG } from '../../modules/demo/demo.service.ts';
import { AppError } from '../../shared/errors.ts';
import { withDatabase } from '../context.ts';
import { CliExit, EXIT, usageError } from '../io.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function wholeNumber(name: string, v: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!/^-?\d+$/.test(v.trim())) throw usageError(`${name} must be a whole number (got ${v})`);
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < min || n > max) throw usageError(`${name} must be a whole number from ${min} to ${max} (got ${v})`);
  return n;
}

function date(name: string, v: string): string {
  if (!DATE.test(v) || Number.isNaN(Date.parse(v)) || new Date(v).toISOString().slice(0, 10) !== v) throw usageError(`${name} must be a date as YYYY-MM-DD (got ${v})`);
  return v;
}

/** Demo data: the seeded synthetic hiring history written into an organization. */
export function registerDemoCommands(program: Command): void {
  const demo = program.command('demo').description('Demo and benchmark data');
  demo
    .command('generate')
    .description(
      'Write the seeded synthetic hiring history (jobs, candidates, interviews, scorecards, decisions, outcomes, demographics) into an organization; prints the counts as JSON',
    )
    .requiredOption('--candidates <n>', 'number of candidates (one application each)')
    .requiredOption('--seed <s>', 'seed (a whole number): the same seed gives the same history')
    .option('--org <slug>', 'organization slug', DEMO_ORG.slug)
    .option('--start <date>', 'first day of the application window, YYYY-MM-DD (default 2025-01-01)')
    .option('--months <m>', 'length of the application window in months, 1–120 (default 18)')
    .option('--as-of <date>', "observation date YYYY-MM-DD: nothing after it exists (default: today)")
    .action(async (opts: { candidates: string; seed: string; org: string; start?: string; months?: string; asOf?: string }) => {
      const candidates = wholeNumber('--candidates', opts.candidates, 1, 5_000_000);
      const seed = wholeNumber('--seed', opts.seed, Number.MIN_SAFE_INTEGER);
      const months = opts.months === undefined ? undefined : wholeNumber('--months', opts.months, 1, 120);
      const start = opts.start === undefined ? undefined : date('--start', opts.start);
      const asOf = opts.asOf === undefined ? undefined : date('--as-of', opts.asOf);
      const counts = await withDatabase(async (ctx) => {
        const org = await ctx.db.selectFrom('organizations').select('id').where('slug', '=', opts.org).executeTakeFirst();
        if (!org) throw usageError(`no organization with the slug "${opts.org}"`);
        try {
          return await writeSyntheticHistory(ctx, {
            orgId: org.id,
            candidates,
            seed,
            ...(start ? { start } : {}),
            ...(months ? { months } : {}),
            asOf: asOf ?? ctx.clock.now().toISOString().slice(0, 10),
          });
        } catch (e) {
          // Same seed twice into one organization: a usage problem, not an internal failure.
          if (e instanceof AppError && e.code === 'conflict') throw new CliExit(EXIT.usage, `conflict: ${e.message}`);
          throw e;
        }
      });
      process.stdout.write(JSON.stringify(counts, null, 2) + '\n');
    });
}
