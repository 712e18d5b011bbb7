import type { Command } from 'commander';
import { individualAnswersSchema, orgAnswersSchema } from '../../modules/advisor/advisor.contract.ts';
import { adviseIndividual, adviseOrg } from '../../modules/advisor/advisor.service.ts';
import { roleIdSchema } from '../../modules/roles/roles.contract.ts';
import { library } from '../../modules/roles/roles.library.ts';
import { roleToMarkdown } from '../../modules/roles/roles.markdown.ts';
import { compareLibraryRoles, getLibraryRole, summarizeRole } from '../../modules/roles/roles.service.ts';
import { AppError, issuesFromZod } from '../../shared/errors.ts';
import type { z } from 'zod';
import { type Format, output, readJsonFile, usageError } from '../io.ts';

function formatOf(v: string, allowed: Format[] = ['json', 'md']): Format {
  if (!allowed.includes(v as Format)) throw usageError(`--format must be ${allowed.join(' or ')} (got ${v})`);
  return v as Format;
}

function parseWith<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const r = schema.safeParse(value);
  if (!r.success) throw AppError.invalid(`Invalid ${what}`, issuesFromZod(r.error));
  return r.data;
}

/** Reads a JSON answers file: either the answers object or `{ "answers": { … } }` as the API takes it. */
function readAnswers(file: string): unknown {
  const parsed = readJsonFile(file);
  return parsed && typeof parsed === 'object' && 'answers' in parsed ? (parsed as { answers: unknown }).answers : parsed;
}

/** Offline commands over the knowledge base: no database, no server. */
export function registerLibraryCommands(program: Command): void {
  const roles = program.command('roles').description('The role library (offline)');
  roles
    .command('list')
    .description('List the leadership roles in the library')
    .option('--format <format>', 'json or text', 'text')
    .action((opts: { format: string }) => {
      const format = formatOf(opts.format, ['json', 'text']);
      const items = library().roles.map(summarizeRole);
      output(format, { items }, () => items.map((r) => `${r.id.padEnd(20)} ${r.title} (${r.abbreviation}) — ${r.level}`).join('\n'));
    });
  roles
    .command('show <role>')
    .description('Show one role profile (every dimension) with its competency weights')
    .option('--format <format>', 'json or md', 'md')
    .action((role: string, opts: { format: string }) => {
      const format = formatOf(opts.format);
      const id = parseWith(roleIdSchema, role, 'role id');
      const r = getLibraryRole(id);
      output(format, r, () => roleToMarkdown(r.profile, library().competencies));
    });
  roles
    .command('compare <roles...>')
    .description('Compare 2–3 roles dimension by dimension, e.g. `rubric roles compare cpo cto`')
    .option('--format <format>', 'json or md', 'md')
    .action((ids: string[], opts: { format: string }) => {
      const format = formatOf(opts.format);
      if (ids.length < 2 || ids.length > 3) throw usageError('compare 2 or 3 roles');
      ids.forEach((id) => parseWith(roleIdSchema, id, 'role id'));
      const result = compareLibraryRoles(ids);
      output(format, { comparison: result.comparison }, () => result.markdown);
    });

  const advise = program.command('advise').description('The role advisors (offline)');
  advise
    .command('org')
    .description('Which leader does an organization need? Answers as in content/advisor/organization.json')
    .requiredOption('--answers <file>', 'JSON answers file (or - for standard input)')
    .option('--format <format>', 'json or md', 'md')
    .action((opts: { answers: string; format: string }) => {
      const format = formatOf(opts.format);
      const answers = parseWith(orgAnswersSchema, readAnswers(opts.answers), 'answers');
      const advice = adviseOrg(answers);
      const { markdown, ...json } = advice;
      output(format, json, () => markdown);
    });
  advise
    .command('me')
    .description('Which path fits me? Answers: currentRole, yearsOfExperience, enjoys, peopleLeadership, ratings')
    .requiredOption('--answers <file>', 'JSON answers file (or - for standard input)')
    .option('--format <format>', 'json or md', 'md')
    .action((opts: { answers: string; format: string }) => {
      const format = formatOf(opts.format);
      const answers = parseWith(individualAnswersSchema, readAnswers(opts.answers), 'answers');
      const advice = adviseIndividual(answers);
      const { markdown, ...json } = advice;
      output(format, json, () => markdown);
    });
}
