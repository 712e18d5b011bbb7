import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateHistory } from '../../core/stats/synthetic.ts';
import { createOrg, signedIn } from '../../server/testing/factories.ts';
import { openTestApp, type Browser, type TestApp } from '../../server/testing/test-app.ts';
import {
  adverseImpactReportSchema,
  calibrationReportSchema,
  funnelReportSchema,
  recommendationsReportSchema,
  reliabilityReportSchema,
  validityReportSchema,
  type AdverseImpactReport,
  type CalibrationReport,
  type FunnelReport,
  type RecommendationsReport,
  type ReliabilityReport,
  type ValidityReport,
} from './analytics.contract.ts';
import { historyUuid, writeSyntheticHistory } from './generate.service.ts';

/**
 * The reports on generated history with planted structure (src/core/stats/synthetic.ts): the
 * analytics must recover what was planted — the lenient and severe interviewers, the predictive
 * competencies, the screen-stage disparity against the 40-and-over band — and flag nothing else.
 */

const N = 2500;
const SEED = 11;
const history = generateHistory({ candidates: N, seed: SEED });

let t: TestApp;
let orgId: string;
let owner: Browser;
let interviewer: Browser;
let recruiter: Browser;

beforeAll(async () => {
  t = await openTestApp();
  const org = await createOrg(t.database.db, ['owner', 'interviewer', 'recruiter']);
  orgId = org.orgId;
  await writeSyntheticHistory(t.ctx(), { orgId, candidates: N, seed: SEED });
  owner = await signedIn(t.app, org.members[0]!.email);
  interviewer = await signedIn(t.app, org.members[1]!.email);
  recruiter = await signedIn(t.app, org.members[2]!.email);
}, 240_000);
afterAll(async () => t?.close());

async function get<T>(b: Browser, url: string, schema: { parse(v: unknown): T }): Promise<T> {
  const res = await b.request('GET', url);
  expect(res.statusCode, res.body).toBe(200);
  return schema.parse(res.json());
}

const uuid = (shortId: string) => historyUuid(orgId, SEED, shortId);

describe('funnel', () => {
  it('counts every application through the stages in order, with Wilson intervals', async () => {
    const r: FunnelReport = await get(owner, '/api/v1/analytics/funnel', funnelReportSchema);
    expect(r.applications).toBe(history.applications.length);
    expect(r.stages.map((s) => s.id)).toEqual(['applied', 'screen', 'interview', 'offer', 'hired']);
    const [applied, screen, interview, offer, hired] = r.stages;
    expect(applied!.entered).toBe(N);
    // Nobody skips a stage in the generated history: who passes one enters the next.
    expect(applied!.passed).toBe(screen!.entered);
    expect(screen!.passed).toBe(interview!.entered);
    expect(interview!.passed).toBe(offer!.entered);
    expect(offer!.passed).toBe(hired!.entered);
    const hires = history.applications.filter((a) => a.status === 'hired').length;
    expect(hired!.entered).toBe(hires);
    expect(r.timeToHire.n).toBe(hires);
    for (const s of [applied!, screen!, interview!, offer!]) {
      expect(s.entered).toBe(s.passed + s.exited + s.active);
      expect(s.rate.value).toBeCloseTo(s.passed / (s.passed + s.exited), 12);
      expect(s.rate.lower!).toBeLessThan(s.rate.value!);
      expect(s.rate.upper!).toBeGreaterThan(s.rate.value!);
    }
    expect(r.offerAcceptance.value).toBeGreaterThan(0.7);
    expect(r.offerAcceptance.value).toBeLessThan(0.9);
    expect(r.groups.reduce((s, g) => s + g.applications, 0)).toBe(N);
    expect(r.reading.length).toBeGreaterThan(0);
  });

  it('filters the cohort by period and source, and refuses an inverted period naming the field', async () => {
    const r = await get(owner, '/api/v1/analytics/funnel?from=2025-03-01&to=2025-03-31&by=source', funnelReportSchema);
    const inMarch = history.applications.filter((a) => a.appliedAt >= '2025-03-01' && a.appliedAt < '2025-04-01').length;
    expect(r.applications).toBe(inMarch);
    const bad = await owner.request('GET', '/api/v1/analytics/funnel?from=2025-04-01&to=2025-03-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0].path).toBe('to');
    const badDate = await owner.request('GET', '/api/v1/analytics/funnel?from=March');
    expect(badDate.statusCode).toBe(400);
  });
});

describe('interviewer calibration', () => {
  it('finds the planted lenient and severe interviewers and nobody else', async () => {
    const r: CalibrationReport = await get(owner, '/api/v1/analytics/calibration', calibrationReportSchema);
    const lenient = r.interviewers.find((i) => i.id === uuid(history.planted.lenient.interviewerId))!;
    const severe = r.interviewers.find((i) => i.id === uuid(history.planted.severe.interviewerId))!;
    expect(lenient.verdict).toBe('lenient');
    expect(lenient.difference.lower!).toBeGreaterThan(0.3);
    expect(severe.verdict).toBe('severe');
    expect(severe.difference.upper!).toBeLessThan(-0.3);
    const others = r.interviewers.filter((i) => i !== lenient && i !== severe);
    expect(others.length).toBe(history.interviewers.length - 2);
    expect(others.filter((i) => i.verdict === 'lenient' || i.verdict === 'severe')).toEqual([]);
    expect(r.pool.ratings).toBe(history.ratings.length);
    expect(lenient.extremeShare.n).toBe(lenient.ratings);
    expect(r.reading.some((line) => line.includes(lenient.name) && line.includes('lenient'))).toBe(true);
  });
});

describe('reliability', () => {
  it('gives ICC(1) with F intervals and ordinal alpha per competency and overall', async () => {
    const r: ReliabilityReport = await get(owner, '/api/v1/analytics/reliability', reliabilityReportSchema);
    expect(r.competencies).toHaveLength(6);
    expect(r.overall.k).toBe(2);
    for (const c of [r.overall, ...r.competencies]) {
      expect(c.icc1.value!).toBeGreaterThan(0.2);
      expect(c.icc1.value!).toBeLessThan(0.9);
      expect(c.icc1.lower!).toBeLessThan(c.icc1.value!);
      expect(c.icc1.upper!).toBeGreaterThan(c.icc1.value!);
      // The mean of two raters is more reliable than one (Spearman–Brown).
      expect(c.icc1k.value!).toBeCloseTo((2 * c.icc1.value!) / (1 + c.icc1.value!), 10);
      expect(c.alphaOrdinal.value!).toBeGreaterThan(0.1);
      expect(c.alphaOrdinal.lower!).toBeLessThan(c.alphaOrdinal.value!);
    }
    expect(r.overall.ratings).toBe(history.ratings.length);
  });
});

describe('predictive validity', () => {
  it('ranks the planted predictive competencies first, with Fisher-z intervals', async () => {
    const r: ValidityReport = await get(owner, '/api/v1/analytics/validity?outcome=performance_12m', validityReportSchema);
    const comps = r.predictors.filter((p) => p.kind === 'competency' && p.r.value !== null).sort((a, b) => b.r.value! - a.r.value!);
    expect(comps).toHaveLength(6);
    const top2 = comps.slice(0, 2).map((p) => p.id).sort();
    expect(top2).toEqual([...history.planted.predictive].sort());
    for (const p of comps.slice(0, 2)) expect(p.r.lower!).toBeGreaterThan(0);
    expect(r.predictors.find((p) => p.kind === 'overall')!.n).toBe(r.withOutcome);
    expect(r.predictors.some((p) => p.kind === 'interviewer')).toBe(true);
    expect(r.predictors.some((p) => p.kind === 'round')).toBe(true);
    expect(r.logistic).toBeNull();
    expect(r.rangeRestriction).toMatch(/understate/);
  });

  it('fits the logistic model for a binary outcome', async () => {
    const r: ValidityReport = await get(owner, '/api/v1/analytics/validity?outcome=retained_12m', validityReportSchema);
    expect(r.outcome.binary).toBe(true);
    expect(r.predictors[0]!.method).toBe('point-biserial');
    expect(r.logistic, r.logisticNote ?? '').not.toBeNull();
    expect(r.logistic!.coefficients[0]!.name).toBe('(Intercept)');
    expect(r.logistic!.coefficients).toHaveLength(7);
    expect(r.logistic!.aic).toBeCloseTo(r.logistic!.deviance + 2 * 7, 8);
    expect(r.logistic!.cvAuc.value!).toBeGreaterThan(0.4);
  });
});

describe('adverse impact', () => {
  it('flags the planted screen-stage disparity by age band and nothing at the screen for sex', async () => {
    const age: AdverseImpactReport = await get(owner, '/api/v1/analytics/adverse-impact?characteristic=ageBand', adverseImpactReportSchema);
    const screen = age.stages.find((s) => s.id === 'screen')!;
    const older = screen.groups.find((g) => g.group === '40 and over')!;
    expect(screen.referenceGroup).toBe('under 40');
    expect(older.fourFifthsFlag).toBe(true);
    expect(older.fisherP!).toBeLessThan(0.001);
    expect(older.impactRatio.upper!).toBeLessThan(0.8);
    const declined = history.demographics.filter((d) => d.ageBand === 'declined').length;
    expect(age.counts.declined).toBe(declined);
    expect(age.counts.provided + age.counts.declined + age.counts.notProvided).toBe(N);
    // Later stages inherit nothing (the planted factor does not depend on ability).
    expect(age.stages.find((s) => s.id === 'interview')!.groups.find((g) => g.group === '40 and over')!.fourFifthsFlag).toBe(false);

    const sex = await get(owner, '/api/v1/analytics/adverse-impact?characteristic=sex', adverseImpactReportSchema);
    expect(sex.stages.find((s) => s.id === 'screen')!.flagged).toBe(false);
    expect(sex.scoringRate.median).not.toBeNull();
  });

  it('suppresses small groups with a complementary cell, in the API and the CSV', async () => {
    // Intersectional cells in a short period are small.
    const r = await get(owner, '/api/v1/analytics/adverse-impact?characteristic=sexRace&from=2025-01-01&to=2025-01-20', adverseImpactReportSchema);
    const hidden = r.final.groups.filter((g) => g.suppressed);
    expect(hidden.length).toBeGreaterThanOrEqual(2);
    for (const g of hidden) expect(g).toMatchObject({ n: null, selected: null, fourFifthsFlag: false, impactRatio: { value: null } });
    const csv = await owner.request('GET', '/api/v1/analytics/export?report=adverse-impact&characteristic=sexRace&from=2025-01-01&to=2025-01-20');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    if (hidden.length) expect(csv.body).toContain(`${hidden[0]!.group},suppressed,suppressed`);
  });

  it('exports the bias-audit summary as Markdown and CSV, audited once per request', async () => {
    const views = async () =>
      (await t.database.db.selectFrom('auditLog').select(['details']).where('orgId', '=', orgId).where('action', '=', 'analytics.adverse_impact_viewed').orderBy('id').execute()).map((r) => r.details);
    const before = (await views()).length;
    const md = await owner.request('GET', '/api/v1/analytics/bias-audit?format=md');
    const after = await views();
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)).toEqual({ characteristic: 'all' });
    expect(md.statusCode).toBe(200);
    expect(md.headers['content-disposition']).toContain('rubric-bias-audit');
    expect(md.body).toContain('# Bias-audit summary');
    expect(md.body).toContain(`- Applications: ${N}`);
    for (const h of ['## Sex', '## Race/ethnicity', '## Sex × race/ethnicity (intersectional)', '## Age band', '### Scoring rate']) expect(md.body).toContain(h);
    const csv = await owner.request('GET', '/api/v1/analytics/bias-audit?format=csv');
    expect(csv.body.split('\n')[0]).toContain('data_period');
    expect(csv.body).toContain('40 and over');
  });
});

describe('recommendations', () => {
  it('proposes re-weighting toward the predictive competencies, calibration and the screen review; applying saves a new plan version', async () => {
    const r: RecommendationsReport = await get(owner, '/api/v1/analytics/recommendations?outcome=performance_12m', recommendationsReportSchema);
    const kinds = new Set(r.items.map((i) => i.kind));
    expect(kinds).toEqual(new Set(['reweight', 'calibrate', 'adverse_impact']));
    expect(r.items.filter((i) => i.kind === 'calibrate').map((i) => i.id).sort()).toEqual(
      [`calibrate:${uuid(history.planted.lenient.interviewerId)}`, `calibrate:${uuid(history.planted.severe.interviewerId)}`].sort(),
    );
    expect(r.items.some((i) => i.kind === 'adverse_impact' && i.id.includes(':ageBand:screen:40 and over'))).toBe(true);
    const rw = r.items.find((i) => i.kind === 'reweight')!;
    for (const id of history.planted.predictive) expect(rw.proposedWeights![id]!).toBeGreaterThan(rw.currentWeights![id]!);
    expect(Object.values(rw.proposedWeights!).reduce((a, b) => a + b, 0)).toBe(100);

    const plan = await owner.request('GET', `/api/v1/plans/${rw.planId}`);
    const base = plan.json().currentVersion;
    const applied = await owner.request('POST', '/api/v1/analytics/recommendations/apply', { planId: rw.planId, baseVersionId: base.id, weights: rw.proposedWeights });
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json().number).toBe(base.number + 1);
    const after = (await owner.request('GET', `/api/v1/plans/${rw.planId}`)).json();
    expect(Object.fromEntries(after.plan.competencies.map((c: { id: string; weight: number }) => [c.id, c.weight]))).toEqual(rw.proposedWeights);
    // The same stale base again → 409; bad weights name the field and save nothing.
    const stale = await owner.request('POST', '/api/v1/analytics/recommendations/apply', { planId: rw.planId, baseVersionId: base.id, weights: rw.proposedWeights });
    expect(stale.statusCode).toBe(409);
    const wrong = await owner.request('POST', '/api/v1/analytics/recommendations/apply', { planId: rw.planId, baseVersionId: after.currentVersion.id, weights: { ...rw.proposedWeights, [history.planted.predictive[0]!]: 0 } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().details.issues[0].path).toBe('weights');
  });
});

describe('access', () => {
  it('lets recruiters read aggregates and refuses interviewers', async () => {
    expect((await recruiter.request('GET', '/api/v1/analytics/reliability')).statusCode).toBe(200);
    for (const path of ['funnel', 'calibration', 'reliability', 'validity', 'adverse-impact', 'recommendations', 'bias-audit', 'export?report=funnel']) {
      expect((await interviewer.request('GET', `/api/v1/analytics/${path}`)).statusCode).toBe(403);
    }
    expect((await recruiter.request('POST', '/api/v1/analytics/recommendations/apply', { planId: uuid('x'), baseVersionId: uuid('y'), weights: {} })).statusCode).toBe(403);
  });

  it('sees only its own organization: another org reads an empty cohort', async () => {
    const other = await createOrg(t.database.db, ['owner']);
    const b = await signedIn(t.app, other.members[0]!.email);
    const r = await get(b, '/api/v1/analytics/funnel', funnelReportSchema);
    expect(r.applications).toBe(0);
    expect(r.stages).toEqual([]);
    const cal = await get(b, '/api/v1/analytics/calibration', calibrationReportSchema);
    expect(cal.interviewers).toEqual([]);
  });
});
