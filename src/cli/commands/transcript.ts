import fs from 'node:fs';
import type { Command } from 'commander';
import { analyzeParsedTranscript } from '../../core/transcript/analyze.ts';
import { parseTranscript, TranscriptTooLargeError } from '../../core/transcript/parse.ts';
import { roundInput } from '../../core/transcript/round.ts';
import { transcriptFormats, type TranscriptFormat } from '../../core/transcript/types.ts';
import { parsePlan, guideFor } from '../../modules/plans/plans.service.ts';
import { library } from '../../modules/roles/roles.library.ts';
import { output, readJsonFile, usageError } from '../io.ts';

function readBytes(file: string): Uint8Array {
  try {
    return fs.readFileSync(file === '-' ? 0 : file);
  } catch (e) {
    throw usageError(`cannot read ${file}: ${(e as Error).message}`);
  }
}

function parseFile(file: string, format: string | undefined) {
  if (format !== undefined && !(transcriptFormats as readonly string[]).includes(format)) throw usageError(`--input must be one of ${transcriptFormats.join(', ')}`);
  let parsed;
  try {
    parsed = parseTranscript(readBytes(file), { fileName: file, ...(format ? { format: format as TranscriptFormat } : {}) });
  } catch (e) {
    if (e instanceof TranscriptTooLargeError) throw usageError(`${file} is ${(e.size / 1024 / 1024).toFixed(1)} MB; transcripts are limited to ${e.limit / 1024 / 1024} MB`);
    throw e;
  }
  if (parsed.cues.length === 0) {
    const why = parsed.warnings
      .slice(0, 5)
      .map((w) => `\n  line ${w.line}: ${w.message}`)
      .join('');
    throw usageError(`${file}: no transcript cues found (read as ${parsed.format})${why}`);
  }
  return parsed;
}

const clock = (ms: number) => {
  const s = Math.floor(ms / 1000);
  return `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
};

/** Offline transcript commands: no database. */
export function registerTranscriptCommands(program: Command): void {
  const transcript = program.command('transcript').description('Interview transcripts (offline): parse and analyse VTT, SRT, text or JSON exports');
  transcript
    .command('parse <file>')
    .description('Parse a transcript into cues in file order: {format, cues:[{startMs, endMs, speaker, text}], warnings:[{line, message}]}')
    .option('--input <format>', `force the input format (${transcriptFormats.join(', ')}); detected otherwise`)
    .option('--format <format>', 'json or text', 'json')
    .action((file: string, opts: { input?: string; format: string }) => {
      if (opts.format !== 'json' && opts.format !== 'text') throw usageError('--format must be json or text');
      const parsed = parseFile(file, opts.input);
      output(opts.format, parsed, () =>
        [
          `${parsed.format}: ${parsed.cues.length} cue(s), ${parsed.warnings.length} warning(s)`,
          ...parsed.cues.map((c) => `[${clock(c.startMs)}] ${c.speaker ?? '?'}: ${c.text}`),
          ...parsed.warnings.map((w) => `warning line ${w.line}: ${w.message}`),
        ].join('\n'),
      );
    });
  transcript
    .command('analyze <file>')
    .description('Analyse a transcript: speakers, talk time, exchanges, coverage of a round’s planned questions, evidence, risk flags, draft ratings')
    .option('--input <format>', `force the input format (${transcriptFormats.join(', ')})`)
    .option('--plan <file>', 'a rubric.plan/v1 file whose round is compared')
    .option('--role <id>', "or a library role whose guide's round is compared (e.g. cto)")
    .option('--round <id|name>', 'the round, by id or name (needs --plan or --role)')
    .option('--candidate <name>', "the candidate's name, to tell the candidate from the interviewers")
    .option('--interviewer <name...>', "the interviewers' names")
    .option('--format <format>', 'json or text', 'json')
    .action((file: string, opts: { input?: string; plan?: string; role?: string; round?: string; candidate?: string; interviewer?: string[]; format: string }) => {
      if (opts.format !== 'json' && opts.format !== 'text') throw usageError('--format must be json or text');
      if (opts.plan && opts.role) throw usageError('give --plan or --role, not both');
      if ((opts.plan || opts.role) && !opts.round) throw usageError('--round is needed with --plan or --role');
      if (opts.round && !opts.plan && !opts.role) throw usageError('--round needs --plan or --role');
      const plan = opts.plan ? parsePlan(readJsonFile(opts.plan)) : opts.role ? guideFor(opts.role).plan : null;
      const round = plan ? roundInput(plan, opts.round!, library().competencies) : null;
      if (plan && !round) throw usageError(`the plan has no round "${opts.round}" (rounds: ${plan.rounds.map((r) => r.id).join(', ')})`);
      const parsed = parseFile(file, opts.input);
      const { turns, result: a } = analyzeParsedTranscript(parsed, { round, candidate: opts.candidate, interviewers: opts.interviewer });
      output(opts.format, a, () =>
        [
          `${parsed.format}: ${turns} turn(s); ${a.exchanges.length} exchange(s); candidate talk ${a.talk.candidateShare === null ? '—' : `${Math.round(a.talk.candidateShare * 100)}%`}`,
          round ? `Coverage: ${a.coverage.asked.length} planned question(s) asked, ${a.coverage.skipped.length} skipped, ${a.coverage.unplanned.length} unplanned` : 'Coverage: no round given',
          ...a.flags.map((f) => `FLAG ${f.category} [${clock(f.startMs)}] ${f.speaker ?? '?'}: "${f.quote}"\n  ${f.explanation}\n  → ${f.alternative}`),
          ...a.suggestions.map((s) => `Draft ${s.competencyId}: ${s.rating ?? '—'} (confidence ${s.confidence.toFixed(2)})`),
        ].join('\n'),
      );
    });
}
