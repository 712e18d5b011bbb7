import fs from 'node:fs';
import type { Command } from 'commander';
import { searchBank } from '../../core/questions/search.ts';
import { exportGuide, guideExportFormats, type GuideExportFormat } from '../../modules/plans/guide.render.ts';
import { createPlan, guideFor, lintPlan } from '../../modules/plans/plans.service.ts';
import { questionBank } from '../../modules/questions/questions.library.ts';
import { questionTypes } from '../../modules/questions/questions.content.ts';
import { roleIdSchema } from '../../modules/roles/roles.contract.ts';
import { AppError, issuesFromZod } from '../../shared/errors.ts';
import { asMember, withDatabase } from '../context.ts';
import { output, readJsonFile, usageError } from '../io.ts';

export function registerPlanCommands(program: Command): void {
  const questions = program.command('questions').description('The question bank (offline)');
  questions
    .command('search <text>')
    .description('Search the question library, e.g. `rubric questions search "roadmap trade-offs" --competency product-lifecycle-roadmapping`')
    .option('--competency <id>', 'only questions evidencing this competency')
    .option('--type <type>', `one of ${questionTypes.join(', ')}`)
    .option('--role <id>', 'only questions marked apt for this role')
    .option('--limit <n>', 'at most this many results', '20')
    .option('--format <format>', 'json or text', 'text')
    .action((text: string, opts: { competency?: string; type?: string; role?: string; limit: string; format: string }) => {
      if (opts.format !== 'json' && opts.format !== 'text') throw usageError('--format must be json or text');
      if (opts.type && !(questionTypes as readonly string[]).includes(opts.type)) throw usageError(`--type must be one of ${questionTypes.join(', ')}`);
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw usageError('--limit must be a whole number from 1 to 500');
      const hits = searchBank(questionBank(), text, opts).slice(0, limit);
      const items = hits.map((h) => ({ ...h.question, score: h.score }));
      output(opts.format, { items }, () => (items.length ? items.map((q) => `${q.id}  [${q.type}, ${q.minutes} min]\n  ${q.text}`).join('\n') : 'No questions match.'));
    });

  program
    .command('guide <role>')
    .description('The complete interview guide for a library role')
    .option('--format <format>', 'md, html, json (the portable plan) or pdf', 'md')
    .option('--out <file>', 'write to a file instead of standard output (PDF needs it unless stdout is redirected)')
    .action(async (role: string, opts: { format: string; out?: string }) => {
      if (!(guideExportFormats as readonly string[]).includes(opts.format)) throw usageError(`--format must be one of ${guideExportFormats.join(', ')}`);
      const id = roleIdSchema.safeParse(role);
      if (!id.success) throw AppError.invalid('Invalid role id', issuesFromZod(id.error));
      const file = await exportGuide(guideFor(id.data), opts.format as GuideExportFormat);
      if (opts.out) fs.writeFileSync(opts.out, file.body);
      else process.stdout.write(file.body);
    });

  const plan = program.command('plan').description('Interview plans (rubric.plan/v1 files)');
  plan
    .command('lint <file>')
    .description('Validate a plan file and report coverage and risk findings; an invalid file lists every problem with its JSON path (exit 2)')
    .option('--format <format>', 'json or text', 'json')
    .action((file: string, opts: { format: string }) => {
      if (opts.format !== 'json' && opts.format !== 'text') throw usageError('--format must be json or text');
      const findings = lintPlan(readJsonFile(file));
      output(opts.format, findings, () =>
        [
          `${findings.coverage.warnings.length} coverage warning(s), ${findings.risk.length} risk finding(s)`,
          ...findings.coverage.warnings.map((w) => `  coverage: ${w.message}`),
          ...findings.risk.map((r) => `  risk (${r.category}) at ${r.path}: "${r.match}" — ${r.alternative}`),
        ].join('\n'),
      );
    });
  plan
    .command('import <file>')
    .description('Import a plan file into an organization (nothing is saved when the file is invalid)')
    .requiredOption('--org <slug>', 'organization slug')
    .requiredOption('--as <email>', 'act as this member')
    .option('--format <format>', 'json or text', 'text')
    .action(async (file: string, opts: { org: string; as: string; format: string }) => {
      if (opts.format !== 'json' && opts.format !== 'text') throw usageError('--format must be json or text');
      const raw = readJsonFile(file);
      lintPlan(raw); // validate before opening the database
      const created = await withDatabase(async (ctx) => createPlan(await asMember(ctx, opts.org, opts.as), { plan: raw }));
      output(opts.format, created, () => `Imported "${created.title}" as plan ${created.id} (version ${created.currentVersion.number}).`);
    });
}
