// @vitest-environment happy-dom
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import {
  adverseImpactReportSchema,
  calibrationReportSchema,
  funnelReportSchema,
  type Rate,
  recommendationsReportSchema,
  reliabilityReportSchema,
  validityReportSchema,
} from '../../../modules/analytics/analytics.contract.ts';
import type { OrgRole } from '../../../shared/common.ts';
import { createQueryClient } from '../../lib/query-client.ts';
import { sessionQueryKey } from '../../lib/session.ts';
import { json, useFakeApi } from '../../testing/fake-api.ts';
import { AnalyticsPage } from './analytics-page.tsx';

const JOB = '11111111-1111-4111-8111-111111111111';
const PLAN = '22222222-2222-4222-8222-222222222222';
const VERSION = '33333333-3333-4333-8333-333333333333';

const rate = (count: number, n: number, lower: number, upper: number): Rate => ({ value: count / n, lower, upper, n, count, suppressed: false });
const suppressed: Rate = { value: null, lower: null, upper: null, n: null, count: null, suppressed: true };
const meta = (applications: number, reading: string[] = []) => ({ filter: {}, generatedAt: '2026-11-28T09:00:00.000Z', applications, reading });

const funnel = funnelReportSchema.parse({
  ...meta(120, ['Most candidates leave at the screen: 40% pass it.']),
  stages: [
    { id: 'screen', name: 'Screen', entered: 120, passed: 40, exited: 60, active: 20, rate: rate(40, 100, 0.31, 0.5), medianDays: 4, daysN: 100 },
    { id: 'onsite', name: 'Onsite', entered: 40, passed: 12, exited: 24, active: 4, rate: rate(12, 36, 0.2, 0.49), medianDays: 9.5, daysN: 36 },
    { id: 'offer', name: 'Offer', entered: 12, passed: 3, exited: 1, active: 8, rate: suppressed, medianDays: null, daysN: 0 },
  ],
  timeToHire: { n: 9, medianDays: 38, p25Days: 30, p75Days: 51 },
  offerAcceptance: rate(9, 11, 0.52, 0.95),
  by: 'job',
  groups: [{ key: JOB, label: 'Chief Technology Officer', applications: 120, hired: 9, hireRate: rate(9, 80, 0.06, 0.2) }],
});

const nullRate: Rate = { value: null, lower: null, upper: null, n: 0, count: 0, suppressed: false };
const calibration = calibrationReportSchema.parse({
  ...meta(60, ['Lee Lenient rates 0.6 points above the rest of the panel.']),
  pool: { ratings: 400, scorecards: 90, interviewers: 3, mean: 2.7, sd: 0.8, extremeShare: rate(80, 400, 0.16, 0.24) },
  interviewers: [
    {
      id: 'u-1',
      name: 'Lee Lenient',
      ratings: 120,
      scorecards: 30,
      mean: 3.3,
      difference: { value: 0.62, lower: 0.41, upper: 0.83, n: 110 },
      verdict: 'lenient',
      extremeShare: rate(40, 120, 0.25, 0.42),
      medianHoursToSubmit: 5.5,
      onTime: rate(27, 30, 0.74, 0.97),
      panelAgreement: rate(70, 110, 0.54, 0.72),
      decisionAgreement: rate(20, 28, 0.53, 0.85),
    },
    {
      id: 'u-2',
      name: 'Nia Newcomer',
      ratings: 3,
      scorecards: 1,
      mean: null,
      difference: { value: null, lower: null, upper: null, n: 0 },
      verdict: 'too few ratings',
      extremeShare: suppressed,
      medianHoursToSubmit: null,
      onTime: suppressed,
      panelAgreement: nullRate,
      decisionAgreement: suppressed,
    },
  ],
});

const icc = (value: number | null, reason: string | null = null) => ({ value, lower: value === null ? null : value - 0.1, upper: value === null ? null : value + 0.1, reason });
const reliabilityRow = (id: string, name: string, v: number | null) => ({
  id,
  name,
  ratings: 200,
  applications: 50,
  k: v === null ? null : 3,
  nComplete: v === null ? 0 : 40,
  icc1: icc(v, v === null ? 'fewer than 2 raters per candidate' : null),
  icc1k: icc(v === null ? null : Math.min(0.95, v + 0.2), v === null ? 'fewer than 2 raters per candidate' : null),
  alphaOrdinal: { ...icc(v === null ? null : v - 0.05, v === null ? 'no pairable values' : null), pairableValues: v === null ? 0 : 300 },
});
const reliability = reliabilityReportSchema.parse({
  ...meta(50, ['Ratings of Strategy are moderately reliable.']),
  overall: reliabilityRow('overall', 'Overall', 0.62),
  competencies: [reliabilityRow('strategy', 'Strategy', 0.55), reliabilityRow('hiring', 'Hiring', null)],
});

const validity = validityReportSchema.parse({
  ...meta(200, ['The overall score predicts retention weakly.']),
  outcome: { key: 'retained_12m', label: 'Retained at 12 months', binary: true },
  hires: 30,
  withOutcome: 25,
  predictors: [
    { kind: 'overall', id: 'overall', label: 'Overall score', n: 25, suppressed: false, method: 'point-biserial', r: { value: 0.31, lower: -0.09, upper: 0.62, p: 0.13 }, spearman: { value: 0.28, p: 0.17 } },
    { kind: 'interviewer', id: 'u-9', label: 'Sam Rare', n: 3, suppressed: true, method: 'point-biserial', r: { value: null, lower: null, upper: null, p: null }, spearman: { value: null, p: null } },
  ],
  logistic: null,
  logisticNote: 'Too few events (4) to fit the model; at least 10 are needed.',
  rangeRestriction: 'Only hires have outcomes, so these correlations understate the true validity.',
});

const adverse = adverseImpactReportSchema.parse({
  ...meta(150, ['Women pass the onsite at 0.7 times the rate of men.']),
  characteristic: 'sex',
  counts: { provided: 120, declined: 20, notProvided: 10 },
  stages: [
    {
      id: 'onsite',
      name: 'Onsite',
      method: 'selection',
      referenceGroup: 'male',
      median: null,
      flagged: true,
      groups: [
        { group: 'male', n: 50, selected: 25, rate: rate(25, 50, 0.36, 0.64), impactRatio: { value: 1, lower: null, upper: null }, fourFifthsFlag: false, fisherP: null, zP: null, suppressed: false, isReference: true },
        { group: 'female', n: 40, selected: 14, rate: rate(14, 40, 0.22, 0.5), impactRatio: { value: 0.7, lower: 0.45, upper: 1.02 }, fourFifthsFlag: true, fisherP: 0.21, zP: 0.18, suppressed: false, isReference: false },
        { group: 'declined', n: null, selected: null, rate: suppressed, impactRatio: { value: null, lower: null, upper: null }, fourFifthsFlag: false, fisherP: null, zP: null, suppressed: true, isReference: false },
      ],
    },
  ],
  final: { id: 'final', name: 'Final decision', method: 'selection', referenceGroup: null, median: null, flagged: false, groups: [] },
  scoringRate: { id: 'scoring', name: 'Scoring rate', method: 'scoring-rate', referenceGroup: null, median: 2.8, flagged: false, groups: [] },
});

const recommendations = recommendationsReportSchema.parse({
  ...meta(200, ['Strategy predicts performance best.']),
  outcome: 'performance_12m',
  items: [
    {
      id: 'rw-1',
      kind: 'reweight',
      title: 'Weigh Strategy more in the CTO plan',
      detail: 'Strategy ratings predict performance at 12 months; Hiring ratings do not.',
      evidence: ['Strategy: r = 0.42 (0.1 to 0.66), n = 28', 'Hiring: r = 0.02 (−0.35 to 0.39), n = 28'],
      n: 28,
      planId: PLAN,
      planTitle: 'CTO plan',
      planVersionId: VERSION,
      competencyNames: { strategy: 'Strategy', hiring: 'Hiring' },
      currentWeights: { strategy: 50, hiring: 50 },
      proposedWeights: { strategy: 65, hiring: 35 },
    },
    { id: 'q-1', kind: 'question', title: 'Replace a question', detail: 'Everyone scores 3.', evidence: ['variance 0.1, n = 40'], n: 40, planId: null, planTitle: null, planVersionId: null, competencyNames: null, currentWeights: null, proposedWeights: null },
  ],
  questions: [
    { ref: 'q-strategy-1', label: 'Tell me about a strategy you changed', n: 40, mean: 2.9, variance: 0.6, itemTotal: { value: 0.45, lower: 0.16, upper: 0.67 }, suppressed: false },
    { ref: 'q-rare', label: 'A rarely asked question', n: 2, mean: null, variance: null, itemTotal: { value: null, lower: null, upper: null }, suppressed: true },
  ],
});

const api = useFakeApi();
const { dom, text, control } = api;
const waitFor = (check: () => boolean, ms?: number) => api.waitFor(check, ms);
const button = (name: string) => [...dom.container.querySelectorAll('button')].find((b) => b.textContent === name);
const link = (name: string) => [...dom.container.querySelectorAll('a')].find((a) => a.textContent === name);
async function click(el: HTMLElement | undefined | null) {
  if (!el) throw new Error('no such element');
  await act(async () => el.click());
}
async function change(label: string, value: string) {
  const el = control<HTMLInputElement | HTMLSelectElement>(label);
  const proto = el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
  await act(async () => {
    Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(el, value);
    el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });
}

const jobs = { items: [{ id: JOB, title: 'Chief Technology Officer' }], nextCursor: null };

async function render(path = '/analytics', role: OrgRole = 'recruiter') {
  api.routes['GET /api/v1/jobs?limit=200'] = () => json(200, jobs);
  const client = createQueryClient();
  client.setQueryData(sessionQueryKey, {
    user: { id: 'u-0', email: 'rae@example.com', name: 'Rae Recruiter' },
    organization: { id: 'o-1', name: 'Org', slug: 'org', role, compliance: false },
    memberships: [],
    csrfToken: 'csrf',
  });
  const router = createMemoryRouter(
    [
      { path: '/analytics', element: <AnalyticsPage /> },
      { path: '/plans/:id', element: <p>Plan page</p> },
    ],
    { initialEntries: [path] },
  );
  await act(async () => {
    dom.root.render(
      <QueryClientProvider client={client}>
        <RouterProvider router={router} />
      </QueryClientProvider>,
    );
  });
  return router;
}

const headings = () => [...dom.container.querySelectorAll('h2')].map((h) => h.textContent);

describe('AnalyticsPage', () => {
  it('shows the funnel: stages with their rates and intervals, readings, n, chart and downloads', async () => {
    api.routes['GET /api/v1/analytics/funnel?by=job'] = () => json(200, funnel);
    await render();
    await waitFor(() => text().includes('Screen'));

    expect(dom.container.querySelector('h1')!.textContent).toBe('Analytics');
    expect(headings()).toEqual(['Funnel']);
    expect([...dom.container.querySelectorAll('nav[aria-label="Reports"] a')].map((a) => a.textContent)).toEqual([
      'Funnel',
      'Interviewer calibration',
      'Reliability',
      'Predictive validity',
      'Adverse impact',
      'Recommendations',
    ]);
    expect(text()).toContain('Most candidates leave at the screen: 40% pass it.');
    expect(text()).toContain('n = 120 applications in this cohort');
    const svg = dom.container.querySelector('svg[role="img"]')!;
    expect(svg.getAttribute('aria-label')).toBe('Pass-through by stage: Screen 40%; Onsite 33%; Offer suppressed');
    expect(svg.querySelector('title')!.textContent).toBe('Pass-through rate by stage');
    expect(svg.textContent).toContain('120 entered / 40 passed / 40% (95 % CI 31–50%)');
    expect(svg.textContent).toContain('12 entered / 3 passed / suppressed (n < 5)');
    // Table: rate with its interval and n; time in stage; time to hire; offer acceptance.
    expect(text()).toContain('40% (31–50%), n = 100');
    expect(text()).toContain('9.5 days (n = 36)');
    expect(text()).toContain('median 38 days (middle half 30 days to 51 days), n = 9');
    expect(text()).toContain('82% (52–95%), n = 11');
    expect(text()).toContain('Suppressed (n < 5)');
    expect(link('Download CSV')!.getAttribute('href')).toBe('/api/v1/analytics/export?report=funnel&by=job');
    expect(button('Download PNG')).toBeTruthy();

    // "Download SVG" offers the chart as a standalone SVG file.
    let saved: Blob | undefined;
    const created = vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      saved = b as Blob;
      return 'blob:chart';
    });
    await click(button('Download SVG'));
    created.mockRestore();
    const file = await saved!.text();
    expect(saved!.type).toBe('image/svg+xml;charset=utf-8');
    expect(file.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(file).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(file).toContain('Pass-through rate by stage</title>');
    expect(file).toContain('120 entered / 40 passed');

    // "Break down by" refetches and goes into the URL.
    api.routes['GET /api/v1/analytics/funnel?by=source'] = () => json(200, { ...funnel, by: 'source', groups: [{ ...funnel.groups[0]!, key: 'referral', label: 'Referral' }] });
    await change('Break down by', 'source');
    await waitFor(() => text().includes('Referral'));
    expect(text()).toContain('Hires by source');
  });

  it('labels a lenient interviewer in words and shows each rate with its n', async () => {
    api.routes['GET /api/v1/analytics/calibration'] = () => json(200, calibration);
    await render('/analytics?report=calibration');
    await waitFor(() => text().includes('Lee Lenient'));
    expect(headings()).toEqual(['Interviewer calibration']);
    const row = [...dom.container.querySelectorAll('tr')].find((tr) => tr.querySelector('th')?.textContent === 'Lee Lenient')!;
    expect(row.textContent).toContain('lenient');
    expect(row.textContent).toContain('+0.62 (0.41 to 0.83), n = 110');
    expect(row.textContent).toContain('90% (74–97%), n = 30');
    expect(row.textContent).toContain('5.5 h');
    const svg = dom.container.querySelector('svg[role="img"]')!;
    expect(svg.getAttribute('aria-label')).toContain('Lee Lenient lenient, +0.62 (0.41 to 0.83)');
    expect(svg.textContent).toContain('0 = same as the panel');
    // Null values do not break the page.
    const newcomer = [...dom.container.querySelectorAll('tr')].find((tr) => tr.querySelector('th')?.textContent === 'Nia Newcomer')!;
    expect(newcomer.textContent).toContain('too few ratings');
    expect(newcomer.textContent).toContain('— (n = 0)');
  });

  it('reads reliability with null ICCs and validity with hidden predictors and the logistic note', async () => {
    api.routes['GET /api/v1/analytics/reliability'] = () => json(200, reliability);
    const router = await render('/analytics?report=reliability');
    await waitFor(() => text().includes('Strategy'));
    expect(text()).toContain('How to read the ICC');
    expect(text()).toContain('below 0.5 poor, 0.5–0.75 moderate, 0.75–0.9 good, above 0.9 excellent');
    expect(text()).toContain('0.55 (0.45 to 0.65) moderate');
    expect(text()).toContain('fewer than 2 raters per candidate');

    api.routes['GET /api/v1/analytics/validity?outcome=performance_12m'] = () => json(200, validity);
    await click(link('Predictive validity'));
    await waitFor(() => text().includes('Overall score'));
    expect(router.state.location.search).toBe('?report=validity');
    expect(text()).toContain('fewer than 5 — hidden');
    expect(text()).toContain('r = 0.31, n = 25');
    expect(text()).toContain('Too few events (4) to fit the model');
    expect(text()).toContain('Only hires have outcomes, so these correlations understate the true validity.');
    expect(control<HTMLSelectElement>('Outcome').options[2]!.textContent).toBe('Retained at 12 months');

    // Another outcome: refetched, and its fitted logistic model shown.
    const fitted = validityReportSchema.parse({
      ...validity,
      outcome: { key: 'retained_6m', label: 'Retained at 6 months', binary: true },
      logisticNote: null,
      logistic: {
        n: 60,
        events: 18,
        coefficients: [{ name: 'Strategy', estimate: 0.81, se: 0.3, z: 2.7, p: 0.007, lower: 0.22, upper: 1.4 }],
        deviance: 61.2,
        aic: 65.2,
        lambda: 0.1,
        cvAuc: { value: 0.68, lower: 0.55, upper: 0.8, folds: 5 },
        calibration: [{ bin: 1, n: 12, predicted: 0.2, observed: 0.25 }],
      },
    });
    api.routes['GET /api/v1/analytics/validity?outcome=retained_6m'] = () => json(200, fitted);
    await change('Outcome', 'retained_6m');
    await waitFor(() => text().includes('Logistic regression') && text().includes('Deviance 61.2'));
    expect(router.state.location.search).toBe('?report=validity&outcome=retained_6m');
    expect(text()).toContain('Cross-validated AUC (5-fold, L2 penalty λ = 0.1): 0.68 (0.55 to 0.8).');
    expect(text()).toContain('Strategy0.810.32.70.0070.22 to 1.4');
  });

  it('shows suppressed groups, the four-fifths flag and the bias-audit downloads', async () => {
    api.routes['GET /api/v1/analytics/adverse-impact?from=2026-01-01&characteristic=sex'] = () => json(200, adverse);
    await render('/analytics?report=adverse-impact&from=2026-01-01');
    await waitFor(() => text().includes('Onsite'));
    const rowOf = (group: string) => [...dom.container.querySelectorAll('tr')].find((tr) => tr.querySelector('th')?.textContent?.startsWith(group))!;
    expect(rowOf('declined').textContent).toContain('Suppressed (n < 5)');
    expect(rowOf('female').textContent).toContain('Below 4/5');
    expect(rowOf('female').textContent).toContain('0.7 (0.45 to 1.02)');
    expect(rowOf('male').textContent).not.toContain('Below 4/5');
    expect(text()).toContain('provided by 120, declined by 20, not provided for 10');
    expect(link('Download bias audit (Markdown)')!.getAttribute('href')).toBe('/api/v1/analytics/bias-audit?from=2026-01-01&format=md');
    expect(link('Download bias audit (CSV)')!.getAttribute('href')).toBe('/api/v1/analytics/bias-audit?from=2026-01-01&format=csv');
    expect(link('Download CSV')!.getAttribute('href')).toBe('/api/v1/analytics/export?report=adverse-impact&from=2026-01-01&characteristic=sex');
  });

  it('applies a re-weighting as a new plan version on the version it was computed from; a conflict recomputes', async () => {
    let reads = 0;
    api.routes['GET /api/v1/analytics/recommendations?outcome=performance_12m'] = () => (reads++, json(200, recommendations));
    let answered = 0;
    api.routes['POST /api/v1/analytics/recommendations/apply'] = () =>
      ++answered === 1
        ? json(409, { code: 'conflict', message: 'The plan has a newer version', details: { currentVersionId: VERSION } })
        : json(200, { planId: PLAN, versionId: '44444444-4444-4444-8444-444444444444', number: 4 });
    await render('/analytics?report=recommendations', 'hiring_manager');
    await waitFor(() => text().includes('Weigh Strategy more in the CTO plan'));
    expect(text()).toContain('Strategy: r = 0.42 (0.1 to 0.66), n = 28');
    expect(text()).toContain('Tell me about a strategy you changed');
    const strategy = [...dom.container.querySelectorAll('tr')].find((tr) => tr.querySelector('th')?.textContent === 'Strategy')!;
    expect(strategy.textContent).toBe('Strategy5065+15');
    expect(button('Apply as new plan version')).toBeTruthy();

    // A plan saved meanwhile: said in words, and the recommendations are read again.
    await click(button('Apply as new plan version'));
    await waitFor(() => text().includes('The plan changed after this proposal was computed'));
    await waitFor(() => reads === 2);
    await click(button('Apply as new plan version'));
    await waitFor(() => text().includes('Saved as version 4'));
    expect(api.calls.find((c) => c.method === 'POST')!.body).toEqual({
      planId: PLAN,
      baseVersionId: VERSION,
      weights: { strategy: 65, hiring: 35 },
      note: 'Re-weighted from analytics (Performance at 12 months)',
    });
    expect(link('Open the plan')!.getAttribute('href')).toBe(`/plans/${PLAN}`);
  });

  it('keeps the filter in the URL and refetches with it', async () => {
    api.routes['GET /api/v1/analytics/calibration'] = () => json(200, calibration);
    const router = await render('/analytics?report=calibration');
    await waitFor(() => text().includes('Lee Lenient') && control<HTMLSelectElement>('Job').options.length === 2);

    await change('Job', JOB);
    await change('From', '2026-01-01');
    await change('To', '2026-06-30');
    await change('Source', ' referral ');
    const expected = `/api/v1/analytics/calibration?jobId=${JOB}&from=2026-01-01&to=2026-06-30&source=referral`;
    api.routes[`GET ${expected}`] = () => json(200, { ...calibration, interviewers: [], applications: 0 });
    await click(button('Apply filters'));
    await waitFor(() => text().includes('No data for this filter yet'));
    expect(api.calls.at(-1)!.url).toBe(expected);
    expect(router.state.location.search).toBe(`?report=calibration&jobId=${JOB}&from=2026-01-01&to=2026-06-30&source=referral`);
    // The other reports keep the filter.
    expect(link('Funnel')!.getAttribute('href')).toBe(`/analytics?jobId=${JOB}&from=2026-01-01&to=2026-06-30&source=referral`);

    // Dates in the wrong order are refused under the field.
    await change('From', '2026-07-01');
    await click(button('Apply filters'));
    expect(text()).toContain('The end date is before the start date');
    expect(router.state.location.search).toContain('from=2026-01-01');

    await click(button('Clear filters'));
    await waitFor(() => text().includes('Lee Lenient'));
    expect(router.state.location.search).toBe('?report=calibration');

    // A failed report says so and offers to try again.
    api.routes['GET /api/v1/analytics/reliability'] = () => json(403, { code: 'forbidden', message: 'Something is not allowed' });
    await click(link('Reliability'));
    await waitFor(() => text().includes('Could not load reliability'));
    expect(text()).toContain('Something is not allowed');
    expect(button('Try again')).toBeTruthy();
  });

  it('shows recruiters the proposal without the apply button', async () => {
    api.routes['GET /api/v1/analytics/recommendations?outcome=performance_12m'] = () => json(200, recommendations);
    await render('/analytics?report=recommendations', 'recruiter');
    await waitFor(() => text().includes('Weigh Strategy more in the CTO plan'));
    expect(button('Apply as new plan version')).toBeUndefined();
    expect(text()).toContain('Owners, admins and hiring managers can apply a re-weighting.');
    expect(text()).toContain('Suppressed (n < 5)');
  });

  it('tells members without access whom the reports are for', async () => {
    await render('/analytics', 'interviewer');
    expect(text()).toContain('Analytics is for owners, admins, recruiters and hiring managers');
    expect(api.calls.some((c) => c.url.startsWith('/api/v1/analytics'))).toBe(false);
  });
});
