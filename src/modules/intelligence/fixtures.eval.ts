import fs from 'node:fs';
import path from 'node:path';
import { analyzeTranscript, type TranscriptAnalysis } from '../../core/transcript/analyze.ts';
import { parseTranscript } from '../../core/transcript/parse.ts';
import { roundInput } from '../../core/transcript/round.ts';
import { mapSpeakers } from '../../core/transcript/speakers.ts';
import { toTurns } from '../../core/transcript/turns.ts';
import { findPackageRoot } from '../../server/db/connect.ts';
import { guideFor } from '../plans/plans.service.ts';
import { library } from '../roles/roles.library.ts';

/**
 * Scores the analysis against the hand-labelled fixtures (src/core/transcript/fixtures, labelled
 * independently before the detector existed; DECISIONS 28). Used by the evaluation test and the
 * benchmark. Matching rules:
 * - a flag is correct when its speaker and category equal a label's and either its quote and the
 *   label's quote overlap (one contains the other) or the label's quote contains the risky phrase the
 *   detector matched (quotes are sentence-level, labels may span two sentences);
 * - coverage compares the sets of planned-question indices marked asked;
 * - exchanges are compared by count (absolute error).
 */

export interface FixtureLabels {
  file: string;
  format: string;
  role: 'cto' | 'cpo';
  roundId: string;
  split: 'tune' | 'holdout';
  participants: { interviewers: string[]; candidate: string };
  exchanges: number;
  coverage: { asked: number[]; skipped: number[]; unplanned: string[] };
  flags: { category: string; speaker: string; quote: string }[];
  notFlags: { kind: string; speaker: string; quote: string }[];
}

export interface Fixture {
  name: string;
  labels: FixtureLabels;
  bytes: Buffer;
}

export const fixturesDir = () => path.join(findPackageRoot(), 'src', 'core', 'transcript', 'fixtures');

export function loadFixtures(): Fixture[] {
  const dir = fixturesDir();
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.labels.json'))
    .sort()
    .map((f) => {
      const labels = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as FixtureLabels;
      return { name: labels.file, labels, bytes: fs.readFileSync(path.join(dir, labels.file)) };
    });
}

export function analyzeFixture(fx: Fixture): TranscriptAnalysis {
  const parsed = parseTranscript(fx.bytes, { fileName: fx.labels.file });
  const turns = toTurns(parsed.cues);
  const labels = [...new Set(turns.map((t) => t.speaker).filter((s): s is string => s !== null))];
  const bySpeaker = new Map<string, { text: string }[]>();
  for (const t of turns) if (t.speaker !== null) bySpeaker.set(t.speaker, [...(bySpeaker.get(t.speaker) ?? []), t]);
  const p = fx.labels.participants;
  const mapping = mapSpeakers(labels, { interviewers: p.interviewers.map((name, i) => ({ id: `i${i}`, name })), candidate: { id: 'c', name: p.candidate } }, bySpeaker);
  const round = roundInput(guideFor(fx.labels.role).plan, fx.labels.roundId, library().competencies);
  return analyzeTranscript({ turns, mapping, round, candidateName: p.candidate });
}

const norm = (s: string) => s.toLowerCase().replace(/[’']/g, "'").replace(/\s+/g, ' ').trim();
const overlaps = (a: string, b: string) => norm(a).includes(norm(b)) || norm(b).includes(norm(a));

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface FixtureScore {
  name: string;
  split: 'tune' | 'holdout';
  flags: Counts;
  coverage: Counts;
  exchangeError: number;
  missedFlags: string[];
  wrongFlags: string[];
  /** Flags raised on the candidate's own words (must be none). */
  candidateFlags: number;
  /** Flags on a labelled lawful neighbour or volunteered remark. */
  notFlagHits: number;
}

export function scoreFixture(fx: Fixture, a: TranscriptAnalysis): FixtureScore {
  const used = new Set<number>();
  let tp = 0;
  const wrong: string[] = [];
  for (const f of a.flags) {
    const i = fx.labels.flags.findIndex((l, k) => !used.has(k) && l.category === f.category && l.speaker === f.speaker && (overlaps(l.quote, f.quote) || norm(l.quote).includes(norm(f.match))));
    if (i >= 0) {
      used.add(i);
      tp++;
    } else wrong.push(`${f.category} @ ${f.speaker}: "${f.quote}"`);
  }
  const missed = fx.labels.flags.filter((_, k) => !used.has(k)).map((l) => `${l.category} @ ${l.speaker}: "${l.quote}"`);
  const predicted = new Set(a.coverage.asked.map((x) => x.index));
  const truth = new Set(fx.labels.coverage.asked);
  const ctp = [...predicted].filter((x) => truth.has(x)).length;
  return {
    name: fx.name,
    split: fx.labels.split,
    flags: { tp, fp: a.flags.length - tp, fn: fx.labels.flags.length - tp },
    coverage: { tp: ctp, fp: predicted.size - ctp, fn: truth.size - ctp },
    exchangeError: Math.abs(a.exchanges.length - fx.labels.exchanges),
    missedFlags: missed,
    wrongFlags: wrong,
    candidateFlags: a.flags.filter((f) => f.speaker === fx.labels.participants.candidate).length,
    notFlagHits: a.flags.filter((f) => fx.labels.notFlags.some((n) => n.speaker === f.speaker && (overlaps(n.quote, f.quote) || norm(n.quote).includes(norm(f.match))))).length,
  };
}

export function sum(scores: FixtureScore[], key: 'flags' | 'coverage'): Counts & { precision: number; recall: number } {
  const c = scores.reduce((s, x) => ({ tp: s.tp + x[key].tp, fp: s.fp + x[key].fp, fn: s.fn + x[key].fn }), { tp: 0, fp: 0, fn: 0 });
  return { ...c, precision: c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp), recall: c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn) };
}

/** Every fixture analysed and scored, with totals per split. */
export function evaluateFixtures() {
  const scores = loadFixtures().map((fx) => scoreFixture(fx, analyzeFixture(fx)));
  const split = (s: 'tune' | 'holdout') => scores.filter((x) => x.split === s);
  const report = (xs: FixtureScore[]) => ({
    transcripts: xs.length,
    flags: sum(xs, 'flags'),
    coverage: sum(xs, 'coverage'),
    exchangeMeanAbsError: xs.length ? xs.reduce((s, x) => s + x.exchangeError, 0) / xs.length : 0,
  });
  return { scores, tune: report(split('tune')), holdout: report(split('holdout')), all: report(scores) };
}
