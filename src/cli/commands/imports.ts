import fs from 'node:fs';
import type { Command } from 'commander';
import { importGreenhouse } from '../../modules/imports/greenhouse.ts';
import { type ImportReport, recordTables, scorecardImportColumns } from '../../modules/imports/imports.contract.ts';
import { exportJobRecord } from '../../modules/imports/job-record.ts';
import { importJsonResume } from '../../modules/imports/json-resume.ts';
import { importScorecardsCsv } from '../../modules/imports/scorecards-csv.ts';
import { AppError } from '../../shared/errors.ts';
import { asMember, withDatabase } from '../context.ts';
import { columnMapOption, output, usageError } from '../io.ts';

const member = (c: Command) => c.requiredOption('--org <slug>', 'organization slug').requiredOption('--as <email>', 'act as this member');

function readText(file: string): string {
  try {
    return fs.readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    throw usageError(`cannot read ${file}: ${(e as Error).message}`);
  }
}

function readJson(file: string, what: string): unknown {
  const text = readText(file);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw usageError(`${what} ${file} is not JSON: ${(e as Error).message}`);
  }
}

function formatOf(value: string, allowed: readonly string[]): string {
  if (!allowed.includes(value)) throw usageError(`--format must be one of ${allowed.join(', ')}`);
  return value;
}

/** A command (`jobs`, `scorecards`) another module may already have registered. */
function group(program: Command, name: string, description: string): Command {
  return program.commands.find((c) => c.name() === name) ?? program.command(name).description(description);
}

const where = (i: { line: number | null; path: string | null }) => (i.line !== null ? `line ${i.line}${i.path ? ` (${i.path})` : ''}` : (i.path ?? 'file'));

function printReport(format: string, r: ImportReport) {
  const c = r.counts;
  output(format, r, () =>
    [
      `${r.preview ? 'Preview: would import' : 'Imported'} ${c.candidates} candidate(s) (${c.linkedExisting} linked to existing), ${c.applications} application(s), ${c.interviews} interview(s), ${c.scorecards} scorecard(s) with ${c.ratings} rating(s) from ${r.rows} record(s).`,
      ...r.errors.map((e) => `  error ${where(e)}: ${e.reason}`),
      ...r.warnings.map((w) => `  warning ${where(w)}: ${w.reason}`),
    ].join('\n'),
  );
}

/** Runs an import; on a refused import every problem is printed (JSON on stdout with --format json) and the exit code is 2. */
async function runImport(format: string, run: () => Promise<ImportReport>) {
  formatOf(format, ['json', 'text']);
  try {
    printReport(format, await run());
  } catch (e) {
    if (e instanceof AppError && e.code === 'invalid' && format === 'json') process.stdout.write(`${JSON.stringify({ errors: e.details?.errors ?? e.details?.issues ?? [] }, null, 2)}\n`);
    throw e;
  }
}

/** Imports (Greenhouse, JSON Resume, scorecards CSV) and the job record export: the same services and policies as the app. */
export function registerImportCommands(program: Command): void {
  const imports = program.command('import').description('Import hiring history into a job');
  member(imports.command('greenhouse <file>').description('Import a Greenhouse Harvest export ({candidates, applications, scorecards, scheduled_interviews} or a candidates array) into a job'))
    .requiredOption('--job <id>', 'job id')
    .option('--attribute-map <file>', 'JSON file mapping Greenhouse attribute names to competency ids of the job\'s plan')
    .option('--greenhouse-job <id>', 'only applications to this Greenhouse job id')
    .option('--preview', 'validate and report without writing')
    .option('--skip-invalid', 'import the good records and report the bad ones (default: any bad record imports nothing, exit 2)')
    .option('--format <format>', 'json or text', 'text')
    .action(async (file: string, opts: { org: string; as: string; job: string; attributeMap?: string; greenhouseJob?: string; preview?: boolean; skipInvalid?: boolean; format: string }) => {
      const data = readJson(file, 'the export');
      if (typeof data !== 'object' || data === null) throw usageError('the export must be a JSON object or array');
      const map = opts.attributeMap ? readJson(opts.attributeMap, 'the attribute map') : {};
      if (typeof map !== 'object' || map === null || Array.isArray(map) || Object.values(map).some((v) => typeof v !== 'string')) throw usageError('--attribute-map must be a JSON object of attribute name → competency id');
      await runImport(opts.format, () =>
        withDatabase(async (ctx) =>
          importGreenhouse(await asMember(ctx, opts.org, opts.as), opts.job, {
            data: data as Record<string, unknown>,
            attributeMap: map as Record<string, string>,
            ...(opts.greenhouseJob ? { greenhouseJobId: opts.greenhouseJob } : {}),
            preview: !!opts.preview,
            skipInvalid: !!opts.skipInvalid,
          }),
        ),
      );
    });
  member(imports.command('json-resume <file>').description('Add a candidate from a JSON Resume (jsonresume.org v1) to a job'))
    .requiredOption('--job <id>', 'job id')
    .option('--source <source>', 'candidate source (default "JSON Resume")')
    .option('--preview', 'validate and report without writing')
    .option('--format <format>', 'json or text', 'text')
    .action(async (file: string, opts: { org: string; as: string; job: string; source?: string; preview?: boolean; format: string }) => {
      const resume = readJson(file, 'the résumé');
      await runImport(opts.format, () => withDatabase(async (ctx) => importJsonResume(await asMember(ctx, opts.org, opts.as), opts.job, { resume, source: opts.source, preview: !!opts.preview })));
    });

  const scorecards = group(program, 'scorecards', 'Scorecards');
  member(scorecards.command('import <file>').description(`Import historical scorecards from CSV (columns: ${scorecardImportColumns.join(', ')})`))
    .option('--map <column=header...>', 'read our column from the file\'s header, e.g. --map rating=Score interviewer_email=Interviewer')
    .option('--preview', 'validate and report without writing')
    .option('--skip-invalid', 'import the good scorecards and report the bad rows (default: any bad row imports nothing, exit 2)')
    .option('--format <format>', 'json or text', 'text')
    .action(async (file: string, opts: { org: string; as: string; map?: string[]; preview?: boolean; skipInvalid?: boolean; format: string }) => {
      const mapping = columnMapOption(opts.map, scorecardImportColumns);
      const csv = readText(file);
      await runImport(opts.format, () => withDatabase(async (ctx) => importScorecardsCsv(await asMember(ctx, opts.org, opts.as), { csv, mapping, preview: !!opts.preview, skipInvalid: !!opts.skipInvalid })));
    });

  const jobs = group(program, 'jobs', 'Hiring jobs');
  member(jobs.command('record <id>').description("Export a job's whole hiring record (plan versions, applications with stage history, scorecards under the blind rule, decisions)"))
    .option('--format <format>', 'json or csv', 'json')
    .option('--table <table>', `with csv: ${recordTables.join(', ')}`)
    .option('--out <file>', 'write to a file instead of standard output')
    .action(async (id: string, opts: { org: string; as: string; format: string; table?: string; out?: string }) => {
      const format = formatOf(opts.format, ['json', 'csv']) as 'json' | 'csv';
      if (opts.table && !(recordTables as readonly string[]).includes(opts.table)) throw usageError(`--table must be one of ${recordTables.join(', ')}`);
      if (format === 'csv' && !opts.table) throw usageError(`--format csv needs --table (${recordTables.join(', ')})`);
      const file = await withDatabase(async (ctx) => exportJobRecord(await asMember(ctx, opts.org, opts.as), id, format, opts.table as (typeof recordTables)[number] | undefined));
      if (opts.out) fs.writeFileSync(opts.out, file.body);
      else process.stdout.write(file.body);
    });
}
