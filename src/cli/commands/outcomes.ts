import fs from 'node:fs';
import type { Command } from 'commander';
import { importOutcomes } from '../../modules/outcomes/outcomes.import.ts';
import { OUTCOME_IMPORT_COLUMNS } from '../../modules/outcomes/outcomes.contract.ts';
import { AppError } from '../../shared/errors.ts';
import { asMember, withDatabase } from '../context.ts';
import { columnMapOption, output, usageError } from '../io.ts';

function readText(file: string): string {
  try {
    return fs.readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    throw usageError(`cannot read ${file}: ${(e as Error).message}`);
  }
}

/** Post-hire outcomes: the same import service, policies and checks as the app. */
export function registerOutcomesCommands(program: Command): void {
  const outcomes = program.command('outcomes').description('Post-hire outcomes of hired candidates');
  outcomes
    .command('import <file>')
    .description(
      'Import outcomes from CSV (header: application_id, or candidate_email and job_id; then checkpoint [3m|6m|12m|24m], performance_rating, retained, ramp_days, regretted_attrition, manager_satisfaction, note)',
    )
    .requiredOption('--org <slug>', 'organization slug')
    .requiredOption('--as <email>', 'act as this member')
    .option('--preview', 'validate and report without writing')
    .option('--skip-invalid', 'import the good rows and report the bad ones (default: any bad row imports nothing, exit 2)')
    .option('--map <column=header...>', "read our column from the file's header, e.g. --map performance_rating=Rating")
    .option('--format <format>', 'json or text', 'text')
    .action(async (file: string, opts: { org: string; as: string; preview?: boolean; skipInvalid?: boolean; map?: string[]; format: string }) => {
      if (!['json', 'text'].includes(opts.format)) throw usageError('--format must be one of json, text');
      const mapping = columnMapOption(opts.map, OUTCOME_IMPORT_COLUMNS);
      const csv = readText(file);
      try {
        const result = await withDatabase(async (ctx) => importOutcomes(await asMember(ctx, opts.org, opts.as), { csv, preview: !!opts.preview, skipInvalid: !!opts.skipInvalid, mapping }));
        output(opts.format, result, () =>
          [
            `${result.preview ? 'Preview: would import' : 'Imported'} ${result.imported} of ${result.rows} row(s): ${result.created} new, ${result.updated} updated.`,
            ...result.errors.map((e) => `  line ${e.line}${e.column ? ` (${e.column})` : ''}: ${e.reason}`),
          ].join('\n'),
        );
      } catch (e) {
        // Every bad row goes to stderr with its line, then exit 2 (nothing was imported).
        if (e instanceof AppError && e.code === 'invalid' && Array.isArray(e.details?.errors) && opts.format === 'json') process.stdout.write(`${JSON.stringify({ errors: e.details.errors }, null, 2)}\n`);
        throw e;
      }
    });
}
