/**
 * Risk flags on a transcript (docs/transcripts.md, "Flags"): the shared risk lint
 * (`core/risk/risk-lint.ts`, DECISIONS 26) run on every interviewer turn. The candidate's turns are
 * never linted: a candidate volunteering information is not a flag. Pure.
 */
import { lintRisk, type RiskCategory } from '../risk/risk-lint.ts';
import type { ExchangeDetail } from './exchanges.ts';
import { sentences, timeAt } from './text.ts';
import type { ParticipantRole, Turn } from './types.ts';

export interface Flag {
  category: RiskCategory;
  speaker: string;
  /** The sentence(s) of the turn containing the match. */
  quote: string;
  /** Exactly what the lint matched. */
  match: string;
  /** Proportional to the match's offset within the turn. */
  startMs: number;
  explanation: string;
  alternative: string;
  /** The exchange the turn asks, or the exchange in progress; null before the first one. */
  exchange: number | null;
}

/**
 * Indexes of the interviewer turns that may have findings. The lint builds its expressions on every
 * call, so it first runs once over all interviewer turns joined by line breaks (a line break also
 * ends its sentences); then only the turns a finding touches, and the turns containing a matched
 * phrase elsewhere (the lint reports a repeated sentence once), are linted on their own, which gives
 * exactly the findings of linting every interviewer turn.
 */
function turnsToLint(turns: readonly Turn[], interviewer: readonly number[]): Set<number> {
  const starts: number[] = [];
  let joined = '';
  for (const ti of interviewer) {
    starts.push(joined.length);
    joined += `${turns[ti]!.text}\n`;
  }
  const at = (offset: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const out = new Set<number>();
  const matched = new Set<string>();
  for (const f of lintRisk(joined)) {
    for (let k = at(f.start); k <= at(Math.max(f.start, f.end - 1)); k++) out.add(interviewer[k]!);
    matched.add(f.match.toLowerCase());
  }
  if (matched.size > 0) {
    for (const ti of interviewer) {
      const lower = turns[ti]!.text.toLowerCase();
      for (const m of matched) if (lower.includes(m)) out.add(ti);
    }
  }
  return out;
}

export function findFlags(turns: readonly Turn[], roleOf: (speaker: string | null) => ParticipantRole, exchanges: readonly ExchangeDetail[]): Flag[] {
  const flags: Flag[] = [];
  const interviewer = turns.flatMap((t, i) => (roleOf(t.speaker) === 'interviewer' ? [i] : []));
  const candidates = turnsToLint(turns, interviewer);
  // Exchange in progress at each turn: the last exchange whose first question turn is at or before it.
  const firstTurn = exchanges.map((e) => e.questionTurns[0] ?? Number.POSITIVE_INFINITY);
  const askedIn = new Map<number, number>();
  for (const e of exchanges) for (const t of e.questionTurns) askedIn.set(t, e.index);
  let next = 0;
  let current: number | null = null;
  turns.forEach((turn, ti) => {
    while (next < exchanges.length && firstTurn[next]! <= ti) current = exchanges[next++]!.index;
    if (!candidates.has(ti)) return;
    const findings = lintRisk(turn.text);
    if (findings.length === 0) return;
    const spans = sentences(turn.text);
    for (const f of findings) {
      const inside = spans.filter((s) => s.end > f.start && s.start < f.end);
      const quote = inside.length ? turn.text.slice(inside[0]!.start, inside[inside.length - 1]!.end) : f.match;
      flags.push({
        category: f.category,
        speaker: turn.speaker ?? '',
        quote,
        match: f.match,
        startMs: timeAt(turn.startMs, turn.endMs, f.start, turn.text.length),
        explanation: f.message,
        alternative: f.alternative,
        exchange: askedIn.get(ti) ?? current,
      });
    }
  });
  return flags;
}
