import fs from 'node:fs';
import type { Command } from 'commander';
import { importCandidates } from '../../modules/candidates/candidates.import.ts';
import { exportScorecards } from '../../modules/feedback/feedback.service.ts';
import { jobStatuses, remotePolicies } from '../../modules/openings/openings.contract.ts';
import { candidateImportColumns } from '../../modules/candidates/candidates.contract.ts';
import { createJob, listJobs } from '../../modules/openings/openings.service.ts';
import { AppError } from '../../shared/errors.ts';
import { asMember, withDatabase } from '../context.ts';
import { columnMapOption, output, usageError } from '../io.ts';

const member = (c: Command) => c.requiredOption('--org <slug>', 'organization slug').requiredOption('--as <email>', 'act as this member');

function formatOf(value: string, allowed: readonly string[]): string {
  if (!allowed.includes(value)) throw usageError(`--format must be one of ${allowed.join(', ')}`);
  return value;
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    throw usageError(`cannot read ${file}: ${(e as Error).message}`);
  }
}

/** Jobs, candidate imports and scorecard exports: the same services and blind rule as the app. */
export function registerHiringCommands(program: Command): void {
  const jobs = program.command('jobs').description('Hiring jobs');
  member(jobs.command('list').description('Jobs you can see'))
    .option('--status <status>', `one of ${jobStatuses.join(', ')}`)
    .option('--archived', 'list archived jobs instead')
    .option('--format <format>', 'json or text', 'text')
    .action(async (opts: { org: string; as: string; status?: string; archived?: boolean; format: string }) => {
      formatOf(opts.format, ['json', 'text']);
      if (opts.status && !(jobStatuses as readonly string[]).includes(opts.status)) throw usageError(`--status must be one of ${jobStatuses.join(', ')}`);
      const page = await withDatabase(async (ctx) => listJobs(await asMember(ctx, opts.org, opts.as), { limit: 200, ...(opts.status ? { status: opts.status } : {}), archived: opts.archived ? 'true' : 'false' }));
      output(opts.format, page, () => (page.items.length ? page.items.map((j) => `${j.id}  ${j.title}  [${j.status}]  ${j.counts.active} active candidate(s)`).join('\n') : 'No jobs.'));
    });
  member(jobs.command('create').description('Open a job for a library role; the interview plan starts from the role guide'))
    .requiredOption('--role <id>', 'library role id, e.g. cto')
    .option('--title <title>', 'job title (default: the role title)')
    .option('--location <text>', 'location', '')
    .option('--remote <policy>', `one of ${remotePolicies.join(', ')}`, 'hybrid')
    .option('--status <status>', `one of ${jobStatuses.join(', ')}`, 'open')
    .option('--format <format>', 'json or text', 'text')
    .action(async (opts: { org: string; as: string; role: string; title?: string; location: string; remote: string; status: string; format: string }) => {
      formatOf(opts.format, ['json', 'text']);
      if (!(remotePolicies as readonly string[]).includes(opts.remote)) throw usageError(`--remote must be one of ${remotePolicies.join(', ')}`);
      if (!(jobStatuses as readonly string[]).includes(opts.status)) throw usageError(`--status must be one of ${jobStatuses.join(', ')}`);
      const job = await withDatabase(async (ctx) =>
        createJob(await asMember(ctx, opts.org, opts.as), {
          roleId: opts.role,
          ...(opts.title ? { title: opts.title } : {}),
          location: opts.location,
          remotePolicy: opts.remote as 'hybrid',
          status: opts.status as 'open',
          team: [],
        }),
      );
      output(opts.format, job, () => `Created job ${job.id}: ${job.title} (${job.stages.length} stages, plan ${job.planId}).`);
    });

  const candidates = program.command('candidates').description('Candidates');
  member(candidates.command('import <file>').description('Import candidates from CSV (header: name,email[,phone,links,source,notes]) into a job'))
    .requiredOption('--job <id>', 'job id')
    .option('--skip-invalid', 'import the good rows and report the bad ones (default: any bad row imports nothing, exit 2)')
    .option('--preview', 'validate and report without writing')
    .option('--map <column=header...>', "read our column from the file's header, e.g. --map email='E-mail address' name=Candidate")
    .option('--format <format>', 'json or text', 'text')
    .action(async (file: string, opts: { org: string; as: string; job: string; skipInvalid?: boolean; preview?: boolean; map?: string[]; format: string }) => {
      formatOf(opts.format, ['json', 'text']);
      const mapping = columnMapOption(opts.map, candidateImportColumns);
      const csv = readText(file);
      try {
        const result = await withDatabase(async (ctx) => importCandidates(await asMember(ctx, opts.org, opts.as), opts.job, { csv, skipInvalid: !!opts.skipInvalid, preview: !!opts.preview, mapping }));
        output(opts.format, result, () =>
          [
            `${result.preview ? 'Preview: would import' : 'Imported'} ${result.imported} of ${result.rows} row(s) (${result.linkedExisting} linked to existing candidates).`,
            ...result.errors.map((e) => `  line ${e.line}${e.column ? ` (${e.column})` : ''}: ${e.reason}`),
          ].join('\n'),
        );
      } catch (e) {
        // Every bad row goes to stderr with its line, then exit 2 (nothing was imported).
        if (e instanceof AppError && e.code === 'invalid' && Array.isArray(e.details?.errors) && opts.format === 'json') process.stdout.write(`${JSON.stringify({ errors: e.details.errors }, null, 2)}\n`);
        throw e;
      }
    });

  const scorecards = program.command('scorecards').description('Scorecards');
  member(scorecards.command('export').description("Export a job's submitted scorecards you may see (the blind rule applies)"))
    .requiredOption('--job <id>', 'job id')
    .option('--format <format>', 'csv or json', 'csv')
    .option('--out <file>', 'write to a file instead of standard output')
    .action(async (opts: { org: string; as: string; job: string; format: string; out?: string }) => {
      const format = formatOf(opts.format, ['csv', 'json']) as 'csv' | 'json';
      const file = await withDatabase(async (ctx) => exportScorecards(await asMember(ctx, opts.org, opts.as), opts.job, format));
      if (opts.out) fs.writeFileSync(opts.out, file.body);
      else process.stdout.write(file.body);
    });
}
