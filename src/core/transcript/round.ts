import type { RoundInput } from './analyze.ts';

/**
 * The analysis input for one interview round: the round's planned questions (with probes) and its
 * competencies — the plan's own anchors plus the library's definition and signals where the plan
 * uses a library competency. Structural types, so plans and the library fit as they are.
 */
export interface PlanLike {
  competencies: { id: string; name: string; anchors: Record<'1' | '2' | '3' | '4', string> }[];
  rounds: { id: string; name: string; focus: string[]; questions: { text: string; probes: string[]; competencies: string[] }[] }[];
  /** Which competencies each round's scorecard rates; when given, those are the round's competencies. */
  scorecard?: { rounds: { roundId: string; competencies: string[] }[] };
}

export interface LibraryCompetencyLike {
  id: string;
  definition: string;
  positiveSignals: string[];
  redFlags: string[];
  anchors: Record<'1' | '2' | '3' | '4', { behaviours: string[] }>;
}

/** Finds a round by id, or by name (case-insensitive); null when the plan has none such. */
export function findRound<P extends PlanLike>(plan: P, key: string): P['rounds'][number] | null {
  const k = key.trim().toLowerCase();
  return plan.rounds.find((r) => r.id === key) ?? plan.rounds.find((r) => r.name.toLowerCase() === k) ?? null;
}

export function roundInput(plan: PlanLike, roundId: string, library: readonly LibraryCompetencyLike[]): RoundInput | null {
  const round = findRound(plan, roundId);
  if (!round) return null;
  const lib = new Map(library.map((c) => [c.id, c]));
  // The competencies the round's scorecard rates, so evidence and draft ratings line up with the
  // interviewer's form; without a scorecard section, the round's focus and its questions' competencies.
  const rated = plan.scorecard?.rounds.find((r) => r.roundId === round.id)?.competencies;
  const ids = rated?.length ? [...new Set(rated)] : [...new Set([...round.focus, ...round.questions.flatMap((q) => q.competencies)])];
  const competencies = ids
    .map((id) => plan.competencies.find((c) => c.id === id))
    .filter((c): c is PlanLike['competencies'][number] => !!c)
    .map((c) => {
      const l = lib.get(c.id);
      const levels = ['1', '2', '3', '4'] as const;
      return {
        id: c.id,
        name: c.name,
        definition: l?.definition ?? '',
        positiveSignals: l?.positiveSignals ?? [],
        redFlags: l?.redFlags ?? [],
        anchors: Object.fromEntries(levels.map((k) => [k, [c.anchors[k], ...(l?.anchors[k]?.behaviours ?? [])]])) as Record<'1' | '2' | '3' | '4', string[]>,
      };
    });
  return {
    questions: round.questions.map((q, index) => ({ index, text: q.text, probes: q.probes, competencies: q.competencies })),
    competencies,
  };
}
