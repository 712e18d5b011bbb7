import fs from 'node:fs';
import path from 'node:path';
import { findPackageRoot } from '../../server/db/connect.ts';
import type { IndividualAnswersInput } from './advisor.contract.ts';
import { adviseIndividual, adviseOrg } from './advisor.service.ts';

/**
 * Measures how often the advisors agree with the labelled scenarios in content/advisor/scenarios
 * (written by someone who had not seen the weights; a third held out from tuning).
 */
export interface ScenarioOutcome {
  id: string;
  split: 'tuning' | 'holdout';
  expectedTop: string[];
  notTop: string[];
  actualTop: string;
  ranking: string[];
  /** The top answer is one the label accepts. */
  agrees: boolean;
  /** The top answer is one the label calls clearly wrong. */
  clearlyWrong: boolean;
  gapRecall?: number;
}

interface OrgScenario {
  id: string;
  split: 'tuning' | 'holdout';
  answers: Record<string, string | string[]>;
  expected: { top: string[]; notTop: string[] };
}
interface IndividualScenario {
  id: string;
  split: 'tuning' | 'holdout';
  answers: IndividualAnswersInput;
  expected: { top: string[]; notTop: string[]; gaps: string[] };
}

function read<T>(name: string): T {
  return JSON.parse(fs.readFileSync(path.join(findPackageRoot(), 'content', 'advisor', 'scenarios', name), 'utf8')) as T;
}

export function evaluateOrganizationScenarios(): ScenarioOutcome[] {
  return read<OrgScenario[]>('organization.json').map((s) => {
    const ranking = adviseOrg(s.answers).ranking.map((r) => r.outcome);
    const top = ranking[0]!;
    return { id: s.id, split: s.split, expectedTop: s.expected.top, notTop: s.expected.notTop, actualTop: top, ranking, agrees: s.expected.top.includes(top), clearlyWrong: s.expected.notTop.includes(top) };
  });
}

export function evaluateIndividualScenarios(): ScenarioOutcome[] {
  return read<IndividualScenario[]>('individual.json').map((s) => {
    const fits = adviseIndividual(s.answers).fits;
    const top = fits[0]!;
    const gapIds = new Set(top.gaps.map((g) => g.competencyId));
    const expectedGaps = s.expected.gaps;
    return {
      id: s.id,
      split: s.split,
      expectedTop: s.expected.top,
      notTop: s.expected.notTop,
      actualTop: top.roleId,
      ranking: fits.map((f) => f.roleId),
      agrees: s.expected.top.includes(top.roleId),
      clearlyWrong: s.expected.notTop.includes(top.roleId),
      gapRecall: expectedGaps.length ? expectedGaps.filter((g) => gapIds.has(g)).length / expectedGaps.length : 1,
    };
  });
}

export function summarize(outcomes: ScenarioOutcome[]) {
  const part = (split: 'tuning' | 'holdout') => {
    const xs = outcomes.filter((o) => o.split === split);
    const gap = xs.filter((o) => o.gapRecall !== undefined);
    return {
      n: xs.length,
      agreement: xs.length ? xs.filter((o) => o.agrees).length / xs.length : 0,
      clearlyWrong: xs.filter((o) => o.clearlyWrong).length,
      ...(gap.length ? { meanGapRecall: gap.reduce((s, o) => s + o.gapRecall!, 0) / gap.length } : {}),
      misses: xs.filter((o) => !o.agrees).map((o) => `${o.id}: expected ${o.expectedTop.join('|')}, got ${o.actualTop}`),
    };
  };
  return { tuning: part('tuning'), holdout: part('holdout') };
}
