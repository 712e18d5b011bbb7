/**
 * Coverage analysis of an interview plan: which rounds assess which competencies, and the
 * warnings a structured-interview designer cares about. Pure; structural types.
 */

export interface CoveragePlan {
  competencies: { id: string; name: string; weight: number }[];
  rounds: {
    id: string;
    name: string;
    minutes: number;
    interviewers: number;
    focus: string[];
    questions: { type: string; minutes: number; competencies: string[] }[];
  }[];
  scorecard: { rounds: { roundId: string; competencies: string[] }[] };
}

export type CoverageWarningCode = 'under_assessed' | 'single_interviewer' | 'round_overloaded' | 'round_overtime' | 'no_behavioural';

export interface CoverageWarning {
  code: CoverageWarningCode;
  message: string;
  competencyId?: string;
  roundId?: string;
}

export interface CoverageCell {
  /** The round rates the competency on its scorecard (or focuses on it when it has no scorecard entry). */
  assessed: boolean;
  questions: number;
}

export interface CoverageRow {
  competencyId: string;
  name: string;
  weight: number;
  cells: Record<string, CoverageCell>;
  /** Rounds that assess it. */
  assessments: number;
  /** Interviewers across those rounds. */
  interviewers: number;
  behaviouralQuestions: number;
}

export interface Coverage {
  rows: CoverageRow[];
  warnings: CoverageWarning[];
}

/** Limits behind the warnings. */
export const coverageRules = {
  minAssessments: 2,
  maxFocusPerRound: 4,
  /** A competency with at least this weight (of 100) needs a behavioural question. */
  highWeight: 15,
} as const;

/**
 * Builds the competency × round matrix and the warnings: a competency assessed fewer than 2 times
 * or by only one interviewer; a round with more than 4 focus competencies; question minutes over a
 * round's duration; a high-weight competency without a behavioural question.
 */
export function analyzeCoverage(plan: CoveragePlan): Coverage {
  const rated = new Map(plan.scorecard.rounds.map((s) => [s.roundId, new Set(s.competencies)]));
  const rows: CoverageRow[] = plan.competencies.map((c) => {
    const cells: Record<string, CoverageCell> = {};
    let assessments = 0;
    let interviewers = 0;
    let behaviouralQuestions = 0;
    for (const r of plan.rounds) {
      const assessed = rated.has(r.id) ? rated.get(r.id)!.has(c.id) : r.focus.includes(c.id);
      const qs = r.questions.filter((q) => q.competencies.includes(c.id));
      behaviouralQuestions += qs.filter((q) => q.type === 'behavioural').length;
      cells[r.id] = { assessed, questions: qs.length };
      if (assessed) {
        assessments++;
        interviewers += r.interviewers;
      }
    }
    return { competencyId: c.id, name: c.name, weight: c.weight, cells, assessments, interviewers, behaviouralQuestions };
  });

  const warnings: CoverageWarning[] = [];
  for (const row of rows) {
    if (row.assessments < coverageRules.minAssessments) {
      warnings.push({
        code: 'under_assessed',
        competencyId: row.competencyId,
        message: `${row.name} is assessed in ${row.assessments} round${row.assessments === 1 ? '' : 's'}; assess it at least ${coverageRules.minAssessments} times`,
      });
    }
    if (row.interviewers === 1) {
      warnings.push({ code: 'single_interviewer', competencyId: row.competencyId, message: `${row.name} is judged by only one interviewer` });
    }
    if (row.weight >= coverageRules.highWeight && row.behaviouralQuestions === 0) {
      warnings.push({
        code: 'no_behavioural',
        competencyId: row.competencyId,
        message: `${row.name} weighs ${row.weight} but no behavioural question asks for evidence of it`,
      });
    }
  }
  for (const r of plan.rounds) {
    if (r.focus.length > coverageRules.maxFocusPerRound) {
      warnings.push({ code: 'round_overloaded', roundId: r.id, message: `${r.name} focuses on ${r.focus.length} competencies; keep it to ${coverageRules.maxFocusPerRound} or fewer` });
    }
    const minutes = r.questions.reduce((s, q) => s + q.minutes, 0);
    if (minutes > r.minutes) {
      warnings.push({ code: 'round_overtime', roundId: r.id, message: `${r.name} has ${minutes} minutes of questions in a ${r.minutes}-minute round` });
    }
  }
  return { rows, warnings };
}
