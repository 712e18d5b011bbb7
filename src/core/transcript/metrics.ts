/**
 * Talk-time metrics (docs/transcripts.md, "Talk time"). Pure.
 *
 * A speaker's talk time is the sum of their turns' durations (end − start, never negative); shares are
 * of the total talk time of all speakers (so overlapping speech counts for both). The longest
 * monologue is the longest single turn. An interruption is a turn marked `interrupts` (it started
 * before the previous speaker's turn ended), counted for the speaker who interrupted.
 */
import type { ExchangeDetail } from './exchanges.ts';
import { round, wordCount } from './text.ts';
import type { ParticipantRole, SpeakerMapping, Turn } from './types.ts';

export interface SpeakerStats {
  speaker: string | null;
  role: ParticipantRole;
  name: string | null;
  talkMs: number;
  /** Share of all talk time, 0–1. */
  share: number;
  turns: number;
  words: number;
}

export interface TalkMetrics {
  candidateShare: number;
  interviewerShare: number;
  candidateMs: number;
  /** Sum of all speakers' talk time. */
  totalMs: number;
  longestMonologue: { speaker: string | null; ms: number; startMs: number };
  /** Every speaker, in order of first appearance. */
  interruptions: { speaker: string | null; count: number }[];
  /** Job questions asked: the exchanges, follow-ups included. */
  questionsAsked: number;
  closedQuestions: number;
  leadingQuestions: number;
}

export function talkMetrics(
  turns: readonly Turn[],
  mappingOf: (speaker: string | null) => SpeakerMapping | null,
  exchanges: readonly ExchangeDetail[],
): { speakers: SpeakerStats[]; talk: TalkMetrics } {
  const stats = new Map<string | null, SpeakerStats & { interruptions: number }>();
  let totalMs = 0;
  let longest: TalkMetrics['longestMonologue'] = { speaker: null, ms: 0, startMs: 0 };
  for (const t of turns) {
    let s = stats.get(t.speaker);
    if (!s) {
      const m = mappingOf(t.speaker);
      s = { speaker: t.speaker, role: m?.role ?? 'other', name: m?.name ?? null, talkMs: 0, share: 0, turns: 0, words: 0, interruptions: 0 };
      stats.set(t.speaker, s);
    }
    const ms = Math.max(0, t.endMs - t.startMs);
    s.talkMs += ms;
    s.turns++;
    s.words += wordCount(t.text);
    if (t.interrupts) s.interruptions++;
    totalMs += ms;
    if (ms > longest.ms) longest = { speaker: t.speaker, ms, startMs: t.startMs };
  }
  const list = [...stats.values()];
  const share = (ms: number): number => (totalMs > 0 ? round(ms / totalMs) : 0);
  const sum = (role: ParticipantRole): number => list.filter((s) => s.role === role).reduce((a, s) => a + s.talkMs, 0);
  const candidateMs = sum('candidate');
  return {
    speakers: list.map(({ interruptions: _i, ...s }) => ({ ...s, share: share(s.talkMs) })),
    talk: {
      candidateShare: share(candidateMs),
      interviewerShare: share(sum('interviewer')),
      candidateMs,
      totalMs,
      longestMonologue: longest,
      interruptions: list.map((s) => ({ speaker: s.speaker, count: s.interruptions })),
      questionsAsked: exchanges.length,
      closedQuestions: exchanges.filter((e) => e.closed).length,
      leadingQuestions: exchanges.filter((e) => e.leading).length,
    },
  };
}
