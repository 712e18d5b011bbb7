import type { TranscriptView } from '../../../modules/intelligence/intelligence.contract.ts';
import {
  locateQuotes,
  type QuoteTarget,
  riskCategoryLabel,
  type SpeakerInfo,
  speakerInfos,
  type TurnLike,
  type TurnMark,
  turnAtTime,
} from './transcript-format.ts';

/** What the transcript page derives from a view once: speakers, competency names and the marks in the turns. */
export interface TranscriptModel {
  speakers: Map<string | null, SpeakerInfo>;
  competencyName: (id: string) => string;
  /** Turn index → marks in its text. */
  marks: Map<number, TurnMark[]>;
  /** The turn of a flag (by its position in `analysis.flags`). */
  flagTurn: (i: number) => number;
  /** The turn of an evidence passage (by its position in `analysis.evidence`). */
  evidenceTurn: (i: number) => number;
  /** The turn at a moment of the recording. */
  turnAt: (ms: number) => number;
}

export const flagKey = (i: number) => `flag-${i}`;
export const evidenceKey = (i: number) => `evidence-${i}`;

export function buildTranscriptModel(view: TranscriptView): TranscriptModel {
  const turns: TurnLike[] = view.turns;
  const speakers = speakerInfos(turns, view.speakers);
  const names = new Map(view.competencies.map((c) => [c.id, c.name]));
  const competencyName = (id: string) => names.get(id) ?? id.replaceAll('-', ' ');
  const roleOf = (label: string | null) => (label === null ? 'other' : (speakers.get(label)?.role ?? 'other'));

  const candidateTurn = (t: TurnLike) => roleOf(t.speaker) === 'candidate';
  const bySpeaker = new Map<string, (t: TurnLike) => boolean>();
  const spokenBy = (speaker: string | null) => {
    const key = speaker ?? '';
    let fn = bySpeaker.get(key);
    if (!fn) bySpeaker.set(key, (fn = (t: TurnLike) => (t.speaker ?? '') === key));
    return fn;
  };

  const flagTargets: QuoteTarget[] = view.analysis.flags.map((f, i) => ({
    key: flagKey(i),
    kind: 'flag',
    quote: f.quote || f.match,
    startMs: f.startMs,
    label: `Risk flag: ${riskCategoryLabel(f.category)}`,
    eligible: spokenBy(f.speaker),
  }));
  const evidenceTargets: QuoteTarget[] = view.analysis.evidence.map((e, i) => ({
    key: evidenceKey(i),
    kind: 'evidence',
    quote: e.quote,
    startMs: e.startMs,
    label: `Evidence for ${competencyName(e.competencyId)}${e.negative ? ' (a concern)' : ''}`,
    eligible: candidateTurn,
  }));
  const located = locateQuotes(turns, [...flagTargets, ...evidenceTargets]);
  // A flag whose sentence is not found (the text differs) still marks what the lint matched.
  const missing = flagTargets.filter((t, i) => !located.turnOf.has(t.key) && view.analysis.flags[i]!.match);
  if (missing.length) {
    const again = locateQuotes(
      turns,
      missing.map((t) => ({ ...t, quote: view.analysis.flags[Number(t.key.slice(5))]!.match })),
    );
    for (const [turn, list] of again.byTurn) located.byTurn.set(turn, [...(located.byTurn.get(turn) ?? []), ...list]);
    for (const [key, turn] of again.turnOf) located.turnOf.set(key, turn);
  }
  const turnAt = (ms: number) => turnAtTime(turns, ms);
  return {
    speakers,
    competencyName,
    marks: located.byTurn,
    flagTurn: (i) => located.turnOf.get(flagKey(i)) ?? turnAt(view.analysis.flags[i]?.startMs ?? 0),
    evidenceTurn: (i) => located.turnOf.get(evidenceKey(i)) ?? turnAt(view.analysis.evidence[i]?.startMs ?? 0),
    turnAt,
  };
}
