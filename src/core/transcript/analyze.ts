/**
 * Interview intelligence (issue 8, docs/transcripts.md): the analysis of a transcript's turns against
 * the interview round — talk time, question–answer exchanges, question coverage, evidence per
 * competency, STAR shape, risk flags, draft ratings and an extractive summary. Pure, deterministic
 * and explainable: no I/O, no clock, no randomness; every number comes with the rule behind it.
 *
 * Speakers: `mapping` gives each label's role; labels it does not list (and turns without a speaker)
 * are `other`, which neither ask nor answer. When the mapping names neither an interviewer nor the
 * candidate, roles are inferred by behaviour (`mapSpeakers`, with `candidateName` for name matching).
 */
import { analyzeCoverage, buildCoverageIndex, type CoverageIndex, type CoverageResult } from './coverage.ts';
import { buildCompetencyIndex, type CompetencyIndex, type Evidence, findEvidence, type Star, starOf } from './evidence.ts';
import { type Exchange, segmentExchanges } from './exchanges.ts';
import { findFlags, type Flag } from './flags.ts';
import { type SpeakerStats, type TalkMetrics, talkMetrics } from './metrics.ts';
import { type DraftRating, draftRatings } from './ratings.ts';
import { mapSpeakers } from './speakers.ts';
import { type Summary, summarize } from './summary.ts';
import type { ParticipantRole, SpeakerMapping, Turn } from './types.ts';
import { toTurns } from './turns.ts';

export interface RoundInput {
  questions: { index: number; text: string; probes: string[]; competencies: string[] }[];
  competencies: {
    id: string;
    name: string;
    definition: string;
    positiveSignals: string[];
    redFlags: string[];
    anchors: Record<'1' | '2' | '3' | '4', string[]>;
  }[];
}

export interface AnalyzeInput {
  turns: Turn[];
  mapping: SpeakerMapping[];
  round: RoundInput | null;
  candidateName?: string | null;
}

export const ENGINE_VERSION = 'rubric-intel/1';

export type { CoverageResult, DraftRating, Evidence, Exchange, Flag, SpeakerStats, Star, Summary, TalkMetrics };

export interface TranscriptAnalysis {
  engineVersion: string;
  speakers: SpeakerStats[];
  talk: TalkMetrics;
  exchanges: Exchange[];
  coverage: CoverageResult;
  evidence: Evidence[];
  star: Star[];
  flags: Flag[];
  suggestions: DraftRating[];
  summary: Summary;
}

export interface RoundIndex {
  coverage: CoverageIndex;
  competencies: CompetencyIndex;
}

const roundIndexes = new WeakMap<RoundInput, RoundIndex>();

/** The round's question and competency indexes, built once per round object and reused. */
export function roundIndex(round: RoundInput): RoundIndex {
  let index = roundIndexes.get(round);
  if (!index) {
    index = { coverage: buildCoverageIndex(round.questions), competencies: buildCompetencyIndex(round.competencies) };
    roundIndexes.set(round, index);
  }
  return index;
}

function resolveMapping(input: AnalyzeInput): Map<string, SpeakerMapping> {
  const byLabel = new Map(input.mapping.map((m) => [m.speaker, m]));
  if (input.mapping.some((m) => m.role === 'interviewer' || m.role === 'candidate')) return byLabel;
  const labels: string[] = [];
  const turnsBySpeaker = new Map<string, Turn[]>();
  for (const t of input.turns) {
    if (t.speaker === null) continue;
    let list = turnsBySpeaker.get(t.speaker);
    if (!list) {
      turnsBySpeaker.set(t.speaker, (list = []));
      labels.push(t.speaker);
    }
    list.push(t);
  }
  const inferred = mapSpeakers(labels, { interviewers: [], candidate: { id: '', name: input.candidateName ?? '' } }, turnsBySpeaker);
  return new Map(inferred.map((m) => [m.speaker, { ...m, participantId: m.participantId || null, name: m.name || null }]));
}

export function analyzeTranscript(input: AnalyzeInput): TranscriptAnalysis {
  const mapping = resolveMapping(input);
  const mappingOf = (speaker: string | null): SpeakerMapping | null => (speaker === null ? null : (mapping.get(speaker) ?? null));
  const roleOf = (speaker: string | null): ParticipantRole => mappingOf(speaker)?.role ?? 'other';
  const turns = input.turns;

  const details = segmentExchanges(turns, roleOf);
  const index = input.round ? roundIndex(input.round) : null;
  const { coverage, planned } = analyzeCoverage(index?.coverage ?? null, details);
  const targeted = planned.map((p) => (p === null || !input.round ? [] : (input.round.questions[p]?.competencies ?? [])));
  const exclude = new Set(
    (input.candidateName ?? '')
      .toLowerCase()
      .split(/[^\p{L}]+/u)
      .filter((p) => p.length >= 2),
  );
  const evidence = index ? findEvidence(index.competencies, details, targeted, exclude) : [];
  const { speakers, talk } = talkMetrics(turns, mappingOf, details);

  return {
    engineVersion: ENGINE_VERSION,
    speakers,
    talk,
    exchanges: details.map(({ segments: _s, questionTurns: _q, ...e }) => e),
    coverage,
    evidence,
    star: details.filter((e) => e.answer.trim() !== '').map((e) => ({ exchange: e.index, ...starOf(e.answer) })),
    flags: findFlags(turns, roleOf, details),
    suggestions: input.round ? draftRatings(input.round.competencies, evidence) : [],
    summary: summarize(input.round, evidence, coverage),
  };
}

/**
 * The offline analysis of a parsed transcript (the CLI's `transcript analyze` and the MCP tool):
 * turns from the cues, speakers mapped by the names given (else by behaviour), then the analysis.
 * Nothing is stored; the result is what both print.
 */
export function analyzeParsedTranscript(
  parsed: { format: string; cues: Parameters<typeof toTurns>[0]; warnings: readonly { line: number; message: string }[] },
  opts: { round: RoundInput | null; candidate?: string | undefined; interviewers?: readonly string[] | undefined },
) {
  const turns = toTurns(parsed.cues);
  const labels = [...new Set(turns.map((t) => t.speaker).filter((s): s is string => s !== null))];
  const bySpeaker = new Map<string, { text: string }[]>();
  for (const t of turns) if (t.speaker !== null) bySpeaker.set(t.speaker, [...(bySpeaker.get(t.speaker) ?? []), t]);
  const mapping = mapSpeakers(
    labels,
    { interviewers: (opts.interviewers ?? []).map((name, i) => ({ id: `interviewer-${i + 1}`, name })), candidate: { id: 'candidate', name: opts.candidate ?? '' } },
    bySpeaker,
  );
  const a = analyzeTranscript({ turns, mapping, round: opts.round, candidateName: opts.candidate ?? null });
  return {
    turns: turns.length,
    result: {
      format: parsed.format,
      warnings: parsed.warnings,
      speakers: a.speakers,
      talk: a.talk,
      exchanges: a.exchanges,
      coverage: a.coverage,
      evidence: a.evidence,
      star: a.star,
      flags: a.flags,
      suggestions: a.suggestions,
      summary: a.summary,
      engineVersion: a.engineVersion,
    },
  };
}
