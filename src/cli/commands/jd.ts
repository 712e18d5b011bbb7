import fs from 'node:fs';
import type { Command } from 'commander';
import { analyzeJobDescription } from '../../core/language/analyze.ts';
import type { Finding, JobDescriptionAnalysis } from '../../core/language/types.ts';
import { output, usageError } from '../io.ts';

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

/** Offline job-description commands: no database. */
export function registerJdCommands(program: Command): void {
  const jd = program.command('jd').description('Job descriptions (offline)');
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
