import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPackageRoot } from '../../server/db/connect.ts';
import { evaluateIndividualScenarios, evaluateOrganizationScenarios, summarize } from './advisor.evaluation.ts';
import { adviseIndividual, adviseOrg } from './advisor.service.ts';

const scenarios = JSON.parse(fs.readFileSync(path.join(findPackageRoot(), 'content/advisor/scenarios/organization.json'), 'utf8')) as {
  id: string;
  answers: Record<string, string | string[]>;
}[];
const answersOf = (id: string) => scenarios.find((s) => s.id === id)!.answers;

describe('organization advisor on the acceptance scenarios', () => {
  it('seed-stage company, technical founder-CEO, no product-market fit → product leadership, not a CTO', () => {
    const advice = adviseOrg(answersOf('seed-technical-founder-searching-for-fit'));
    const order = advice.ranking.map((r) => r.outcome);
    expect(['head-of-product', 'cpo']).toContain(order[0]);
    expect(order.indexOf('cto')).toBeGreaterThan(order.indexOf('head-of-product'));
    const reasons = advice.drivers.map((d) => d.optionId);
    expect(reasons).toEqual(expect.arrayContaining(['pre-fit', 'unclear-fit']));
    const cto = advice.ranking.find((r) => r.outcome === 'cto')!;
    expect(cto.contributions.find((c) => c.optionId === 'technical-founder-ceo')!.points).toBeLessThan(0);
  });

  it('scale-up with reliability incidents and a strong product organization → CTO, not CPO', () => {
    const advice = adviseOrg(answersOf('scaleup-reliability-strong-product'));
    expect(advice.ranking[0]!.outcome).toBe('cto');
    const order = advice.ranking.map((r) => r.outcome);
    expect(order.indexOf('cpo')).toBeGreaterThan(2);
    expect(advice.drivers.map((d) => d.optionId)).toEqual(expect.arrayContaining(['reliability', 'strong-product-leader']));
  });

  it('regulated enterprise modernizing its IT → CIO (or CDO), not a head of product', () => {
    const advice = adviseOrg(answersOf('regulated-enterprise-it-modernization'));
    expect(['cio', 'cdo']).toContain(advice.ranking[0]!.outcome);
    expect(advice.ranking.at(-1)!.outcome === 'head-of-product' || advice.ranking.findIndex((r) => r.outcome === 'head-of-product') > 4).toBe(true);
    expect(advice.drivers.map((d) => d.optionId)).toEqual(expect.arrayContaining(['legacy-systems']));
  });
});

describe('agreement with the labelled scenarios (labels written without seeing the weights)', () => {
  // Measured when the weights were committed; these floors catch regressions. See README.
  it('organization: ≥ 85% on the tuning part, ≥ 75% held out, never a clearly wrong top answer held out', () => {
    const s = summarize(evaluateOrganizationScenarios());
    expect(s.tuning.n).toBe(16);
    expect(s.holdout.n).toBe(8);
    expect(s.tuning.agreement).toBeGreaterThanOrEqual(0.85);
    expect(s.holdout.agreement).toBeGreaterThanOrEqual(0.75);
    expect(s.holdout.clearlyWrong).toBe(0);
  });

  it('individual: ≥ 85% on the tuning part, ≥ 50% held out, no clearly wrong top role', () => {
    const s = summarize(evaluateIndividualScenarios());
    expect(s.tuning.agreement).toBeGreaterThanOrEqual(0.85);
    expect(s.holdout.agreement).toBeGreaterThanOrEqual(0.5);
    expect(s.tuning.clearlyWrong + s.holdout.clearlyWrong).toBe(0);
  });
});

describe('advisor determinism and validation', () => {
  it('gives the same result for the same answers', () => {
    const a = answersOf('retailer-digital-transformation');
    expect(adviseOrg(a)).toEqual(adviseOrg(structuredClone(a)));
  });

  it('names every bad answer', () => {
    expect(() => adviseOrg({ stage: 'galactic', painPoints: ['boredom'] })).toThrowError(/missing or invalid/);
    try {
      adviseOrg({ stage: 'galactic', painPoints: ['boredom'] });
    } catch (e) {
      const paths = ((e as { details: { issues: { path: string }[] } }).details.issues).map((i) => i.path);
      expect(paths).toEqual(expect.arrayContaining(['answers.stage', 'answers.painPoints.0', 'answers.headcount']));
    }
    expect(() => adviseIndividual({ currentRole: 'astronaut', yearsOfExperience: 3, enjoys: 0, peopleLeadership: 2, ratings: { juggling: 3 } })).toThrowError(
      /missing or invalid/,
    );
  });
});
