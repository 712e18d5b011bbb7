import fs from 'node:fs';
import type { Command } from 'commander';
import { analyzeJobDescription } from '../../core/language/analyze.ts';
import type { Finding, JobDescriptionAnalysis } from '../../core/language/types.ts';
import { toJobPosting } from '../../core/generation/jobposting.ts';
import { AppError, issuesFromZod } from '../../shared/errors.ts';
import { jdSettingsSchema } from '../../modules/jd/jd.contract.ts';
import { generatePreview } from '../../modules/jd/jd.service.ts';
import { findLibraryRole } from '../../modules/roles/roles.service.ts';
import { output, readJsonFile, usageError } from '../io.ts';

function readText(file: string): string {
  try {
    return fs.readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    throw usageError(`cannot read ${file}: ${(e as Error).message}`);
  }
}

/** 1-based line and column (UTF-16 code units) of an offset. */
function position(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return `${line}:${offset - lineStart + 1}`;
}

function toText(text: string, r: JobDescriptionAnalysis): string {
  const words = (list: { word: string; count: number }[]) => (list.length ? list.map((w) => (w.count > 1 ? `${w.word} ×${w.count}` : w.word)).join(', ') : 'none');
  const read = r.readability;
  const req = r.requirements;
  const lost = Object.entries(r.breakdown)
    .filter(([, points]) => points > 0)
    .map(([category, points]) => `${category} −${points}`);
  const finding = (f: Finding) => `  ${position(text, f.start)}  ${f.kind}  "${f.text}"\n    ${f.message}${f.suggestion ? `\n    → ${f.suggestion}` : ''}`;
  return [
    `Score ${r.score}/100${lost.length ? ` (${lost.join(', ')})` : ''}`,
    `Gender: ${r.gender.verdict}; masculine-coded: ${words(r.gender.masculine)}; feminine-coded: ${words(r.gender.feminine)}`,
    read.fleschReadingEase === null
      ? 'Readability: no words'
      : `Readability: Flesch reading ease ${read.fleschReadingEase}, grade ${read.gradeLevel}, ${read.averageSentenceLength} words per sentence (${read.words} words, ${read.sentences} sentences)`,
    `Requirements: ${req.mustHaves} must-have(s); years demanded: ${req.yearsDemanded ?? 'none'}; degree required: ${req.degreeRequired ? 'yes' : 'no'}`,
    r.findings.length ? `Findings (${r.findings.length}):\n${r.findings.map(finding).join('\n')}` : 'No findings.',
  ].join('\n');
}

/**
 * Reads generator settings from a context file: `{company, tone?, length?, language?}` or just the
 * company object; command-line tone/length win. Invalid settings exit 2 naming every field.
 */
function readSettings(file: string, opts: { tone?: string; length?: string }) {
  const raw = readJsonFile(file);
  const obj = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const settings = { tone: 'warm', length: 'standard', language: 'en', ...('company' in obj ? obj : { company: raw }), ...(opts.tone ? { tone: opts.tone } : {}), ...(opts.length ? { length: opts.length } : {}) };
  const parsed = jdSettingsSchema.safeParse(settings);
  if (!parsed.success) throw AppError.invalid(`${file} is not a usable company context`, issuesFromZod(parsed.error));
  return parsed.data;
}

/** Offline job-description commands: no database. */
export function registerJdCommands(program: Command): void {
  const jd = program.command('jd').description('Job descriptions (offline)');
  jd.command('generate')
    .description("Generate a job description from a library role and a company context file (see docs/examples/jd-context.json); 'how we hire' comes from the role's interview guide")
    .requiredOption('--role <id>', 'library role id, e.g. cto or cpo')
    .requiredOption('--context <file>', 'company context JSON ({company, tone, length, language}), or - for standard input')
    .option('--tone <tone>', 'formal, warm or startup (default: the file, else warm)')
    .option('--length <length>', 'short, standard or long (default: the file, else standard)')
    .option('--format <format>', 'md, json (title, markdown, html, text and the lint) or jsonld (schema.org JobPosting)', 'md')
    .action(async (opts: { role: string; context: string; tone?: string; length?: string; format: string }) => {
      if (!['md', 'json', 'jsonld'].includes(opts.format)) throw usageError('--format must be md, json or jsonld');
      const settings = readSettings(opts.context, opts);
      const result = await generatePreview(null, { roleId: opts.role, settings });
      if (opts.format === 'md') return output('md', null, () => result.markdown);
      if (opts.format === 'json') return output('json', result, () => '');
      const c = settings.company;
      const posting = toJobPosting({
        title: result.title,
        descriptionHtml: result.html,
        datePosted: new Date().toISOString().slice(0, 10),
        validThrough: null,
        employmentType: 'FULL_TIME',
        organization: { name: c.name },
        locations: c.locations,
        remotePolicy: c.remotePolicy,
        salary: c.salary ?? null,
        directApply: false,
        occupationalCategory: findLibraryRole(opts.role).occupationCodes.onet?.code ?? null,
      });
      output('json', posting, () => '');
    });
  jd.command('lint <file>')
    .description('Check a job description (a text file, or - for standard input) for gender-coded wording, exclusionary phrases, requirement inflation, readability and pay transparency; exits 0 whatever it finds')
    .option('--location <text>', 'where the job is, for the pay-transparency check (default: a "Location:" line in the text)')
    .option('--seniority <level>', 'senior or other (default: from the title line)')
    .option('--format <format>', 'json or text', 'json')
    .action((file: string, opts: { location?: string; seniority?: string; format: string }) => {
      if (opts.format !== 'json' && opts.format !== 'text') throw usageError('--format must be json or text');
      if (opts.seniority !== undefined && opts.seniority !== 'senior' && opts.seniority !== 'other') throw usageError('--seniority must be senior or other');
      const text = readText(file);
      const result = analyzeJobDescription(text, {
        ...(opts.location !== undefined ? { location: opts.location } : {}),
        ...(opts.seniority !== undefined ? { seniority: opts.seniority as 'senior' | 'other' } : {}),
      });
      output(opts.format, result, () => toText(text, result));
    });
}
