import { type Ctx } from '../../server/context.ts';
import { AppError } from '../../shared/errors.ts';
import { adverseImpact } from '../../core/stats/adverse-impact.ts';
import { alphaBootstrapFromProfiles } from '../../core/stats/alpha.ts';
import { ratioBootstrap } from '../../core/stats/bootstrap-ratio.ts';
import { type MomentSums, pearsonFromSums } from '../../core/stats/correlation.ts';
import { studentTQuantile } from '../../core/stats/distributions.ts';
import { iccFromSums, type IccEstimate } from '../../core/stats/icc.ts';
import { crossValidatedAuc, fitLogistic, LogisticError } from '../../core/stats/logistic.ts';
import { wilsonInterval } from '../../core/stats/proportions.ts';
import { suppressedCells } from '../../core/stats/suppression.ts';
import { shrunkWeights } from '../../core/stats/weights.ts';
import { requireRole } from '../orgs/orgs.policy.ts';
import { audit } from '../audit/audit.service.ts';
import { savePlan, getPlan } from '../plans/plans.service.ts';
import {
  ANALYTICS_READERS,
  binaryOutcomes,
  predictorKinds,
  characteristicLabels,
  MIN_CELL,
  validityOutcomeLabels,
  type AdverseImpactReport,
  type AnalyticsFilter,
  type CalibrationReport,
  type Characteristic,
  type Estimate,
  type FunnelReport,
  type ImpactTable,
  type Rate,
  type Recommendation,
  type RecommendationsReport,
  type ReliabilityReport,
  type ValidityOutcome,
  type ValidityReport,
} from './analytics.contract.ts';
import * as q from './analytics.queries.ts';

const pct = (v: number | null, digits = 0) => (v === null ? '—' : `${(v * 100).toFixed(digits)} %`);
const fix = (v: number | null, digits = 2) => (v === null ? '—' : v.toFixed(digits));

/** A proportion with its Wilson interval; suppressed below MIN_CELL people (but not when nobody is in it). */
export function rateOf(count: number, n: number, suppressed = n > 0 && n < MIN_CELL): Rate {
  if (suppressed) return { n: null, count: null, value: null, lower: null, upper: null, suppressed: true };
  const w = wilsonInterval(count, n);
  return { n, count, value: w.proportion, lower: w.lower, upper: w.upper, suppressed: false };
}

function reader(ctx: Ctx) {
  return requireRole(ctx, ANALYTICS_READERS);
}

function meta(ctx: Ctx, filter: AnalyticsFilter, applications: number) {
  return { filter, generatedAt: ctx.clock.now().toISOString(), applications };
}

const cleanFilter = (f: AnalyticsFilter): AnalyticsFilter => ({
  ...(f.jobId ? { jobId: f.jobId } : {}),
  ...(f.roleId ? { roleId: f.roleId } : {}),
  ...(f.source ? { source: f.source } : {}),
  ...(f.from ? { from: f.from } : {}),
  ...(f.to ? { to: f.to } : {}),
});

/** Every report starts here: a reader of the organization, the filter without empty fields, a valid period. */
function begin(ctx: Ctx, query: AnalyticsFilter): { org: string; f: AnalyticsFilter } {
  const actor = reader(ctx);
  const f = cleanFilter(query);
  if (f.from && f.to && f.from > f.to) throw AppError.invalid('The end date is before the start date', [{ path: 'to', message: 'The end date is before the start date' }]);
  return { org: actor.org.id, f };
}

// ── Funnel ────────────────────────────────────────────────────────────────────────────────────────

export async function funnel(ctx: Ctx, query: AnalyticsFilter & { by: 'job' | 'role' | 'source' | 'month' }): Promise<FunnelReport> {
  const { org, f } = begin(ctx, query);
  const [applications, stageRows, tth, groupRows] = await Promise.all([
    q.cohortSize(ctx.db, org, f),
    q.funnelStages(ctx.db, org, f),
    q.timeToHire(ctx.db, org, f),
    q.funnelGroups(ctx.db, org, f, query.by),
  ]);
  const stages = stageRows.map((s) => ({
    id: s.sid,
    name: s.sname,
    entered: s.entered,
    passed: s.passed,
    exited: s.exited,
    active: s.active,
    rate: s.kind === 'hired' ? { n: null, count: null, value: null, lower: null, upper: null, suppressed: false } : rateOf(s.passed, s.passed + s.exited),
    medianDays: s.daysn >= MIN_CELL ? s.median : null,
    daysN: s.daysn,
  }));
  const offer = stageRows.find((s) => s.kind === 'offer');
  const offerAcceptance = offer ? rateOf(offer.passed, offer.passed + offer.exited) : rateOf(0, 0);
  const groups = groupRows.map((g) => ({
    key: g.key,
    label: g.label,
    applications: g.applications,
    hired: g.hired,
    hireRate: rateOf(g.hired, g.decided),
  }));
  const reading: string[] = [];
  if (applications === 0) reading.push('No applications in this period yet.');
  else {
    const decided = stages.filter((s) => s.rate.value !== null && (s.rate.n ?? 0) > 0);
    const lowest = [...decided].sort((a, b) => a.rate.value! - b.rate.value!)[0];
    if (lowest)
      reading.push(
        `The narrowest step is ${lowest.name}: ${pct(lowest.rate.value)} of decided applications pass it (95 % CI ${pct(lowest.rate.lower)}–${pct(lowest.rate.upper)}, n = ${lowest.rate.n}).`,
      );
    if (tth.n >= MIN_CELL) reading.push(`Half of the ${tth.n} hires took ${Math.round(tth.p50 ?? 0)} days or less from application to hire (middle half ${Math.round(tth.p25 ?? 0)}–${Math.round(tth.p75 ?? 0)} days).`);
    if (offerAcceptance.value !== null) reading.push(`${pct(offerAcceptance.value)} of resolved offers were accepted (n = ${offerAcceptance.n}).`);
    const active = stages.reduce((s, x) => s + (x.id === 'hired' ? 0 : x.active), 0);
    if (active > 0) reading.push(`${active} applications are still open; pass-through rates count decided applications only.`);
  }
  return {
    ...meta(ctx, f, applications),
    reading,
    stages,
    timeToHire: tth.n >= MIN_CELL ? { n: tth.n, medianDays: tth.p50, p25Days: tth.p25, p75Days: tth.p75 } : { n: tth.n, medianDays: null, p25Days: null, p75Days: null },
    offerAcceptance,
    by: query.by,
    groups,
  };
}

// ── Calibration ───────────────────────────────────────────────────────────────────────────────────

/** Minimum paired ratings before an interviewer gets a verdict; and the smallest difference worth calling. */
const MIN_VERDICT = 20;
const MATERIAL_DIFFERENCE = 0.2;

function tInterval(mean: number | null, variance: number | null, n: number): Estimate {
  if (mean === null || n < 2 || variance === null) return { value: mean, lower: null, upper: null };
  const half = studentTQuantile(0.975, n - 1) * Math.sqrt(variance / n);
  return { value: mean, lower: mean - half, upper: mean + half };
}

export async function calibration(ctx: Ctx, query: AnalyticsFilter): Promise<CalibrationReport> {
  const { org, f } = begin(ctx, query);
  const [applications, pool, rows, cards] = await Promise.all([
    q.cohortSize(ctx.db, org, f),
    q.ratingPool(ctx.db, org, f),
    q.interviewerRatings(ctx.db, org, f),
    q.interviewerScorecards(ctx.db, org, f),
  ]);
  const byId = new Map(cards.map((c) => [c.id, c]));
  const interviewers = rows.map((r) => {
    const c = byId.get(r.id);
    const difference = tInterval(r.dmean, r.dvar, r.dn);
    const verdict =
      r.dn < MIN_VERDICT
        ? ('too few ratings' as const)
        : difference.lower !== null && difference.lower > 0 && difference.value! >= MATERIAL_DIFFERENCE
          ? ('lenient' as const)
          : difference.upper !== null && difference.upper < 0 && difference.value! <= -MATERIAL_DIFFERENCE
            ? ('severe' as const)
            : ('in line' as const);
    return {
      id: r.id,
      name: r.name,
      ratings: r.ratings,
      scorecards: c?.scorecards ?? 0,
      mean: r.ratings > 0 ? r.total / r.ratings : null,
      difference: { ...difference, n: r.dn },
      verdict,
      extremeShare: rateOf(r.extreme, r.ratings),
      medianHoursToSubmit: c && c.timed >= MIN_CELL ? c.hours : null,
      onTime: rateOf(c?.ontime ?? 0, c?.timed ?? 0),
      panelAgreement: rateOf(r.agree, r.dn),
      decisionAgreement: rateOf(c?.agreed ?? 0, c?.judged ?? 0),
    };
  });
  const reading: string[] = [];
  if (pool.ratings === 0) reading.push('No submitted ratings in this period yet.');
  for (const i of interviewers.filter((x) => x.verdict === 'lenient' || x.verdict === 'severe')) {
    reading.push(
      `${i.name} rates ${i.verdict === 'lenient' ? 'higher' : 'lower'} than the rest of the panel by ${fix(Math.abs(i.difference.value!))} points on average (95 % CI ${fix(i.difference.lower)} to ${fix(i.difference.upper)}, n = ${i.difference.n} paired ratings): ${i.verdict}. A calibration session on the anchors is the usual remedy.`,
    );
  }
  const few = interviewers.filter((x) => x.verdict === 'too few ratings').length;
  if (few > 0) reading.push(`${few} interviewer${few === 1 ? ' has' : 's have'} fewer than ${MIN_VERDICT} paired ratings; no verdict yet.`);
  if (pool.ratings > 0 && !interviewers.some((x) => x.verdict === 'lenient' || x.verdict === 'severe')) reading.push('No interviewer differs materially from their panels.');
  return {
    ...meta(ctx, f, applications),
    reading,
    pool: {
      ratings: pool.ratings,
      scorecards: cards.reduce((s, c) => s + c.scorecards, 0),
      interviewers: rows.length,
      mean: pool.mean,
      sd: pool.sd,
      extremeShare: rateOf(pool.extreme, pool.ratings),
    },
    interviewers,
  };
}

// ── Reliability ───────────────────────────────────────────────────────────────────────────────────

const OVERALL = '__overall__';

function iccOut(e: IccEstimate | null, reason: string | null) {
  if (!e) return { value: null, lower: null, upper: null, reason };
  return { value: e.value, lower: e.lower, upper: e.upper, reason: e.reason };
}

export async function reliability(ctx: Ctx, query: AnalyticsFilter): Promise<ReliabilityReport> {
  const { org, f } = begin(ctx, query);
  const [applications, units, names] = await Promise.all([q.cohortSize(ctx.db, org, f), q.unitProfiles(ctx.db, org, f), q.competencyNames(ctx.db, org, f)]);
  // Per competency: ratings, units with ≥ 2 ratings, and the most common panel size (k ≥ 2).
  type Size = { ratings: number; units2: number; counts: Map<number, number> };
  const bySize = new Map<string, Size>();
  const overall: Size = { ratings: 0, units2: 0, counts: new Map() };
  for (const s of units) {
    const e = bySize.get(s.cid) ?? { ratings: 0, units2: 0, counts: new Map() };
    bySize.set(s.cid, e);
    for (const t of [e, overall]) {
      t.ratings += s.m * s.count;
      if (s.m >= 2) {
        t.units2 += s.count;
        t.counts.set(s.m, (t.counts.get(s.m) ?? 0) + s.count);
      }
    }
  }
  const modal = (s: Size) => [...s.counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? null;
  const ks: Record<string, number> = {};
  for (const [cid, s] of bySize) {
    const k = modal(s);
    if (k !== null) ks[cid] = k;
  }
  // One-way ANOVA sums over the units with exactly k ratings, per competency: from the profiles
  // (integer sums, exact in doubles).
  const sumsBy = new Map<string, { cid: string; n: number; sum: number; sumsq: number; tts: number }>();
  for (const u of units) {
    if (ks[u.cid] !== u.m) continue;
    const values = u.profile.split(',').map(Number);
    const total = values.reduce((a, v) => a + v, 0);
    const squares = values.reduce((a, v) => a + v * v, 0);
    const e = sumsBy.get(u.cid) ?? { cid: u.cid, n: 0, sum: 0, sumsq: 0, tts: 0 };
    sumsBy.set(u.cid, e);
    e.n += u.count;
    e.sum += total * u.count;
    e.sumsq += squares * u.count;
    e.tts += total * total * u.count;
  }
  const sums = [...sumsBy.values()];
  const profiles = units.filter((u) => u.m >= 2);
  const overallK = modal(overall);
  // Overall: pool the units (candidate × competency) of the overall panel size across competencies.
  const overallSums = sums.filter((s) => ks[s.cid] === overallK);
  const pooled = overallSums.reduce((a, s) => ({ n: a.n + s.n, sum: a.sum + s.sum, sumsq: a.sumsq + s.sumsq, tts: a.tts + s.tts }), { n: 0, sum: 0, sumsq: 0, tts: 0 });

  const profilesBy = new Map<string, { values: number[]; count: number }[]>();
  for (const p of profiles) {
    const list = profilesBy.get(p.cid) ?? [];
    list.push({ values: p.profile.split(',').map(Number), count: p.count });
    profilesBy.set(p.cid, list);
  }
  const row = (id: string, name: string, size: Size | undefined, k: number | null, s: { n: number; sum: number; sumsq: number; tts: number } | undefined, profs: { values: number[]; count: number }[]) => {
    let icc1 = iccOut(null, 'Fewer than 2 candidates rated by the same number of interviewers');
    let icc1k = icc1;
    let nComplete = 0;
    if (k !== null && s && s.n >= 2) {
      nComplete = s.n;
      const res = iccFromSums({ n: s.n, k, sum: s.sum, sumSquares: s.sumsq, targetTotalsSquared: s.tts, raterTotalsSquared: null });
      icc1 = iccOut(res.icc1, null);
      icc1k = iccOut(res.icc1k, null);
    }
    let alpha = { value: null as number | null, lower: null as number | null, upper: null as number | null, reason: 'No candidate has two ratings of it' as string | null, pairableValues: 0 };
    if (profs.length > 0) {
      const boot = alphaBootstrapFromProfiles(profs, 'ordinal', { samples: 1000, seed: 1, multinomial: true });
      alpha = { value: boot.alpha, lower: boot.lower, upper: boot.upper, reason: boot.reason ?? boot.intervalReason, pairableValues: boot.pairableValues };
    }
    return { id, name, ratings: size?.ratings ?? 0, applications: size?.units2 ?? 0, k, nComplete, icc1, icc1k, alphaOrdinal: alpha };
  };
  const competencies = [...bySize.keys()].sort().map((cid) => row(cid, names.get(cid) ?? cid, bySize.get(cid), ks[cid] ?? null, sums.find((s) => s.cid === cid), profilesBy.get(cid) ?? []));
  const overallRow = row(OVERALL, 'All competencies', overall, overallK, pooled.n > 0 ? pooled : undefined, profiles.map((p) => ({ values: p.profile.split(',').map(Number), count: p.count })));
  const reading: string[] = [];
  const band = (v: number) => (v < 0.5 ? 'poor' : v < 0.75 ? 'moderate' : v < 0.9 ? 'good' : 'excellent');
  if (overall.ratings === 0) reading.push('No candidate has been rated by two interviewers on the same competency yet.');
  else {
    if (overallRow.icc1.value !== null)
      reading.push(
        `A single interviewer's rating is ${band(overallRow.icc1.value)}ly reliable (ICC(1) = ${fix(overallRow.icc1.value)}, 95 % CI ${fix(overallRow.icc1.lower)}–${fix(overallRow.icc1.upper)}, ${overallRow.nComplete} candidate × competency units of ${overallK} raters); the mean of ${overallK} is ${fix(overallRow.icc1k.value)}.`,
      );
    const worst = competencies.filter((c) => c.icc1.value !== null).sort((a, b) => a.icc1.value! - b.icc1.value!)[0];
    if (worst) reading.push(`Least consistent: ${worst.name} (ICC(1) = ${fix(worst.icc1.value)}, n = ${worst.nComplete}). Sharper anchors or a calibration session help most here.`);
  }
  return { ...meta(ctx, f, applications), reading, overall: overallRow, competencies };
}

// ── Validity ──────────────────────────────────────────────────────────────────────────────────────

const RANGE_RESTRICTION =
  'Only hired candidates have outcomes, and they were hired because they scored well, so the range of scores here is narrower than among all applicants. Correlations computed on hires understate the true validity; compare predictors with each other rather than reading the values as absolute.';

function correlationOf(m: q.MomentRow, binary: boolean) {
  const sums: MomentSums = { n: m.n, sx: m.sx, sy: m.sy, sxx: m.sxx, syy: m.syy, sxy: m.sxy };
  const p = pearsonFromSums(sums);
  const s = pearsonFromSums({ n: m.n, sx: m.rx, sy: m.ry, sxx: m.rxx, syy: m.ryy, sxy: m.rxy });
  const suppressed = m.n < MIN_CELL;
  return {
    n: m.n,
    suppressed,
    method: binary ? ('point-biserial' as const) : ('pearson' as const),
    r: suppressed ? { value: null, lower: null, upper: null, p: null } : { value: p.r, lower: p.lower ?? null, upper: p.upper ?? null, p: p.p },
    spearman: suppressed ? { value: null, p: null } : { value: s.r, p: s.p },
  };
}

export async function validity(ctx: Ctx, query: AnalyticsFilter & { outcome: ValidityOutcome }): Promise<ValidityReport> {
  const { org, f } = begin(ctx, query);
  const outcome = query.outcome;
  const binary = binaryOutcomes.includes(outcome);
  const [applications, counts, moments, names] = await Promise.all([
    q.cohortSize(ctx.db, org, f),
    q.hireCounts(ctx.db, org, f, outcome),
    q.validityMoments(ctx.db, org, f, outcome),
    q.competencyNames(ctx.db, org, f),
  ]);
  const rounds = await q.labelsFor(ctx.db, org, 'round', moments.filter((m) => m.kind === 'round').map((m) => m.id));
  const questions = await q.labelsFor(ctx.db, org, 'question', moments.filter((m) => m.kind === 'question').map((m) => m.id));
  const people = await q.interviewerNames(ctx.db, moments.filter((m) => m.kind === 'interviewer').map((m) => m.id));
  const label = (m: q.MomentRow) =>
    m.kind === 'overall' ? 'Overall interview score' : m.kind === 'competency' ? (names.get(m.id) ?? m.id) : m.kind === 'round' ? (rounds.get(m.id) ?? m.id) : m.kind === 'question' ? (questions.get(m.id) ?? m.id) : (people.get(m.id) ?? 'Former member');
  const order = ['overall', 'competency', 'round', 'question', 'interviewer'];
  const predictors = moments
    .map((m) => ({ kind: m.kind as (typeof predictorKinds)[number], id: m.id, label: label(m), ...correlationOf(m, binary) }))
    .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.label.localeCompare(b.label));

  let logistic: ValidityReport['logistic'] = null;
  let logisticNote: string | null = binary ? null : 'Logistic regression applies to yes/no outcomes (retention, regretted attrition).';
  if (binary) {
    const rows = await q.hireCompetencyMeans(ctx.db, org, f, outcome);
    const ids = [...new Set(rows.flatMap((r) => Object.keys(r.means)))].sort();
    const complete = rows.filter((r) => ids.every((id) => typeof r.means[id] === 'number'));
    const X = complete.map((r) => ids.map((id) => r.means[id]!));
    const y = complete.map((r) => (r.y > 0 ? 1 : 0));
    const events = y.reduce((a: number, b) => a + b, 0);
    if (complete.length < 10 * Math.max(1, ids.length) || events < MIN_CELL || complete.length - events < MIN_CELL) {
      logisticNote = `Too few hires with every competency rated and the outcome recorded (${complete.length}; ${events} with the outcome) for a model with ${ids.length} predictors (at least 10 per predictor and 5 of each outcome).`;
    } else {
      try {
        const fit = fitLogistic(X, y, { names: ids.map((id) => names.get(id) ?? id) });
        const lambda = 1;
        const cv = crossValidatedAuc(X, y, { folds: 5, lambda, seed: 1 });
        const foldAucs = cv.foldAuc.filter((a): a is number => a !== null);
        const mean = foldAucs.length ? foldAucs.reduce((a, b) => a + b, 0) / foldAucs.length : null;
        const sd = foldAucs.length > 1 ? Math.sqrt(foldAucs.reduce((a, b) => a + (b - mean!) ** 2, 0) / (foldAucs.length - 1)) : null;
        const half = sd !== null ? studentTQuantile(0.975, foldAucs.length - 1) * (sd / Math.sqrt(foldAucs.length)) : null;
        logistic = {
          n: fit.n,
          events,
          coefficients: Object.entries(fit.coefficients).map(([name, c]) => ({ name, estimate: c.estimate, se: c.se, z: c.z, p: c.p, lower: c.estimate - 1.959963984540054 * c.se, upper: c.estimate + 1.959963984540054 * c.se })),
          deviance: fit.deviance,
          aic: fit.aic,
          lambda,
          cvAuc: { value: cv.auc, lower: half !== null && cv.auc !== null ? Math.max(0, cv.auc - half) : null, upper: half !== null && cv.auc !== null ? Math.min(1, cv.auc + half) : null, folds: cv.folds },
          calibration: cv.calibration.map((b) => ({ bin: b.bin, n: b.n, predicted: b.meanPredicted, observed: b.observedRate })),
        };
      } catch (e) {
        if (!(e instanceof LogisticError)) throw e;
        logisticNote = `The model could not be fitted: ${e.message}`;
      }
    }
  }
  const reading: string[] = [];
  if (counts.withoutcome === 0) reading.push(`No hire in this period has “${validityOutcomeLabels[outcome]}” recorded yet.`);
  else {
    const comps = predictors.filter((p) => p.kind === 'competency' && p.r.value !== null).sort((a, b) => b.r.value! - a.r.value!);
    const best = comps[0];
    if (best) reading.push(`${best.label} predicts ${validityOutcomeLabels[outcome].toLowerCase()} best: r = ${fix(best.r.value)} (95 % CI ${fix(best.r.lower)} to ${fix(best.r.upper)}, n = ${best.n} hires).`);
    const none = comps.filter((p) => p.r.lower !== null && p.r.lower <= 0 && p.r.upper! >= 0);
    if (none.length) reading.push(`No detectable relation for ${none.map((p) => p.label).join(', ')} (each interval includes zero).`);
    reading.push('Only hires have outcomes, so these figures understate validity (range restriction).');
  }
  return {
    ...meta(ctx, f, applications),
    reading,
    outcome: { key: outcome, label: validityOutcomeLabels[outcome], binary },
    hires: counts.hires,
    withOutcome: counts.withoutcome,
    predictors,
    logistic,
    logisticNote,
    rangeRestriction: RANGE_RESTRICTION,
  };
}

// ── Adverse impact ────────────────────────────────────────────────────────────────────────────────

function impactTable(id: string, name: string, method: 'selection' | 'scoring-rate', rows: { grp: string; n: number; selected: number }[], median: number | null): ImpactTable {
  const hidden = suppressedCells(rows.map((r) => r.n));
  const shown = rows.filter((_, i) => !hidden[i]);
  const result = adverseImpact(shown.map((r) => ({ group: r.grp, n: r.n, selected: r.selected })));
  const ref = shown.find((r) => r.grp === result.referenceGroup);
  const groups = rows.map((r, i) => {
    if (hidden[i])
      return { group: r.grp, n: null, selected: null, rate: rateOf(0, 0, true), impactRatio: { value: null, lower: null, upper: null }, fourFifthsFlag: false, fisherP: null, zP: null, suppressed: true, isReference: false };
    const g = result.groups.find((x) => x.group === r.grp)!;
    const isReference = r.grp === result.referenceGroup;
    const ci = !isReference && ref && g.impactRatio !== null ? ratioBootstrap(r.selected, r.n, ref.selected, ref.n, { samples: 1000, seed: 1 }) : null;
    return {
      group: r.grp,
      n: r.n,
      selected: r.selected,
      rate: rateOf(r.selected, r.n, false),
      impactRatio: { value: g.impactRatio, lower: ci?.lower ?? null, upper: ci?.upper ?? null },
      fourFifthsFlag: g.fourFifthsFlag,
      fisherP: g.fisherP,
      zP: g.zP,
      suppressed: false,
      isReference,
    };
  });
  return { id, name, method, referenceGroup: result.referenceGroup, median, groups, flagged: groups.some((g) => g.fourFifthsFlag) };
}

/**
 * Adverse impact for one characteristic. Viewing it is audited once per request
 * (`analytics.adverse_impact_viewed`, DECISIONS 8): callers that assemble several characteristics
 * (the bias audit, recommendations) pass `audit: false` and write their one entry themselves.
 */
export async function adverseImpactReport(ctx: Ctx, query: AnalyticsFilter & { characteristic: Characteristic }, opts: { audit?: boolean } = {}): Promise<AdverseImpactReport> {
  const { org, f } = begin(ctx, query);
  const ch = query.characteristic;
  const [applications, counts, stageRows, finalRows, scoring] = await Promise.all([
    q.cohortSize(ctx.db, org, f),
    q.demographicCounts(ctx.db, org, f, ch),
    q.stageSelections(ctx.db, org, f, ch),
    q.finalSelections(ctx.db, org, f, ch),
    q.scoringRates(ctx.db, org, f, ch),
  ]);
  const stageIds = [...new Set(stageRows.map((r) => r.sid))];
  const stages = stageIds.map((sid) => {
    const rows = stageRows.filter((r) => r.sid === sid);
    return impactTable(sid, rows[0]!.sname, 'selection', rows, null);
  });
  const final = impactTable('final', 'Final decision (hired of decided)', 'selection', finalRows, null);
  const scoringRate = impactTable('scoring-rate', 'Scoring rate (above the median overall interview score)', 'scoring-rate', scoring.groups, scoring.median);
  if (opts.audit !== false) await auditImpactView(ctx, org, ch);
  const reading: string[] = [];
  const label = characteristicLabels[ch].toLowerCase();
  if (counts.provided === 0) reading.push(`No applicant in this period has self-identified their ${label}; adverse impact cannot be assessed.`);
  for (const t of [...stages, final, scoringRate]) {
    for (const g of t.groups.filter((x) => x.fourFifthsFlag)) {
      const strength = g.fisherP !== null && g.fisherP < 0.05 ? `and the difference is unlikely to be chance (Fisher p = ${g.fisherP < 0.001 ? '< 0.001' : fix(g.fisherP, 3)})` : `but with these numbers it could be chance (Fisher p = ${fix(g.fisherP, 3)})`;
      reading.push(`${t.name}: ${g.group} candidates are selected at ${fix(g.impactRatio.value)} times the rate of ${t.referenceGroup} (n = ${g.n}), below four-fifths, ${strength}.`);
    }
  }
  if (counts.provided > 0 && !reading.length) reading.push(`No stage falls below four-fifths for ${label}.`);
  reading.push(`${counts.declined} declined to answer and ${counts.notprovided} did not provide ${label}; they are not in the tables.`);
  return {
    ...meta(ctx, f, applications),
    reading,
    characteristic: ch,
    counts: { provided: counts.provided, declined: counts.declined, notProvided: counts.notprovided },
    stages,
    final,
    scoringRate,
  };
}

export async function auditImpactView(ctx: Ctx, orgId: string, characteristic: Characteristic | 'all') {
  await audit(ctx, 'analytics.adverse_impact_viewed', { type: 'organization', id: orgId }, { characteristic });
}

// ── Recommendations ───────────────────────────────────────────────────────────────────────────────

export async function recommendations(ctx: Ctx, query: AnalyticsFilter & { outcome: ValidityOutcome }): Promise<RecommendationsReport> {
  const { org, f } = begin(ctx, query);
  const outcome = query.outcome;
  const [applications, plans, planMoments, items, cal] = await Promise.all([
    q.cohortSize(ctx.db, org, f),
    q.plansOfCohort(ctx.db, org, f),
    q.planCompetencyMoments(ctx.db, org, f, outcome),
    q.questionItems(ctx.db, org, f),
    calibration(ctx, f),
  ]);
  const out: Recommendation[] = [];
  const invert = outcome === 'ramp_days' || outcome === 'regretted_attrition';
  for (const plan of plans) {
    const validity: Record<string, { r: number | null; n: number }> = {};
    const evidence: string[] = [];
    for (const c of plan.competencies) {
      const m = planMoments.find((x) => x.plan === plan.plan && x.id === c.id);
      if (!m) continue;
      const p = pearsonFromSums({ n: m.n, sx: m.sx, sy: m.sy, sxx: m.sxx, syy: m.syy, sxy: m.sxy });
      const r = p.r === null ? null : invert ? -p.r : p.r;
      validity[c.id] = { r, n: m.n };
      evidence.push(`${c.name}: r = ${fix(r)} (95 % CI ${fix(invert ? (p.upper === null ? null : -p.upper) : (p.lower ?? null))} to ${fix(invert ? (p.lower === null ? null : -p.lower) : (p.upper ?? null))}), n = ${m.n}, current weight ${c.weight}`);
    }
    const n = Math.min(...plan.competencies.map((c) => validity[c.id]?.n ?? 0));
    if (n < 30) continue;
    const current = Object.fromEntries(plan.competencies.map((c) => [c.id, c.weight]));
    const proposal = shrunkWeights(current, validity, { prior: 200 });
    if (!proposal) continue;
    const moved = plan.competencies.some((c) => Math.abs((proposal.weights[c.id] ?? 0) - c.weight) >= 5);
    if (!moved) continue;
    out.push({
      id: `reweight:${plan.plan}`,
      kind: 'reweight',
      title: `Re-weight “${plan.title}” toward the competencies that predict ${validityOutcomeLabels[outcome].toLowerCase()}`,
      detail: `Weights move toward each competency's validity, shrunk toward the current weights (λ = ${fix(proposal.lambda)}, from ${n} hires: with few hires they barely move). Applying saves a new plan version; nothing changes until you do.`,
      evidence: [...evidence, 'Only hires have outcomes (range restriction): validities are understated but comparable with each other.'],
      n,
      planId: plan.plan,
      planTitle: plan.title,
      planVersionId: plan.version,
      competencyNames: Object.fromEntries(plan.competencies.map((c) => [c.id, c.name])),
      currentWeights: current,
      proposedWeights: proposal.weights,
    });
  }
  for (const i of cal.interviewers.filter((x) => x.verdict === 'lenient' || x.verdict === 'severe')) {
    out.push({
      id: `calibrate:${i.id}`,
      kind: 'calibrate',
      title: `Calibrate ${i.name} (${i.verdict})`,
      detail: `Review the rating anchors together, or pair ${i.name} with a calibrated interviewer for a few loops.`,
      evidence: [
        `Difference from the rest of the panel: ${fix(i.difference.value)} points (95 % CI ${fix(i.difference.lower)} to ${fix(i.difference.upper)}), n = ${i.difference.n} paired ratings`,
        `Extreme ratings: ${pct(i.extremeShare.value)} vs ${pct(cal.pool.extremeShare.value)} for everyone`,
      ],
      n: i.difference.n,
      planId: null,
      planTitle: null,
      planVersionId: null,
      competencyNames: null,
      currentWeights: null,
      proposedWeights: null,
    });
  }
  const qLabels = await q.labelsFor(ctx.db, org, 'question', items.map((i) => i.ref));
  const questions = items.map((i) => {
    const suppressed = i.n < MIN_CELL;
    const mean = i.n > 0 ? i.sx / i.n : null;
    const variance = i.n > 1 ? (i.sxx - (i.sx * i.sx) / i.n) / (i.n - 1) : null;
    const p = pearsonFromSums({ n: i.n, sx: i.sx, sy: i.sy, sxx: i.sxx, syy: i.syy, sxy: i.sxy });
    return {
      ref: i.ref,
      label: qLabels.get(i.ref) ?? i.ref,
      n: i.n,
      mean: suppressed ? null : mean,
      variance: suppressed ? null : variance,
      itemTotal: suppressed ? { value: null, lower: null, upper: null } : { value: p.r, lower: p.lower ?? null, upper: p.upper ?? null },
      suppressed,
    };
  });
  for (const item of questions.filter((x) => !x.suppressed && x.n >= 20)) {
    const flat = item.variance !== null && item.variance < 0.15;
    const unrelated = item.itemTotal.value !== null && item.itemTotal.value < 0.1;
    if (!flat && !unrelated) continue;
    out.push({
      id: `question:${item.ref}`,
      kind: 'question',
      title: `Revise or replace “${item.label.length > 80 ? `${item.label.slice(0, 77)}…` : item.label}”`,
      detail: flat ? 'Almost everyone gets the same rating on it, so it does not tell candidates apart.' : 'Its ratings barely relate to the rest of the scorecard, so it may measure something else.',
      evidence: [`Mean ${fix(item.mean)}, variance ${fix(item.variance)}, item-total r = ${fix(item.itemTotal.value)} (95 % CI ${fix(item.itemTotal.lower)} to ${fix(item.itemTotal.upper)}), n = ${item.n}`],
      n: item.n,
      planId: null,
      planTitle: null,
      planVersionId: null,
      competencyNames: null,
      currentWeights: null,
      proposedWeights: null,
    });
  }
  for (const ch of ['sex', 'raceEthnicity', 'ageBand'] as const) {
    const report = await adverseImpactReport(ctx, { ...f, characteristic: ch }, { audit: false });
    for (const t of [...report.stages, report.final]) {
      for (const g of t.groups.filter((x) => x.fourFifthsFlag && x.fisherP !== null && x.fisherP < 0.05)) {
        out.push({
          id: `adverse:${ch}:${t.id}:${g.group}`,
          kind: 'adverse_impact',
          title: `Review ${t.name} for ${characteristicLabels[ch].toLowerCase()}: ${g.group}`,
          detail: 'Check what this stage asks for and how it is decided (job-relatedness, consistent questions and anchors); look for a less discriminatory alternative.',
          evidence: [
            `Selection rate ${pct(g.rate.value, 1)} (n = ${g.n}) vs ${pct(t.groups.find((x) => x.isReference)?.rate.value ?? null, 1)} for ${t.referenceGroup}: impact ratio ${fix(g.impactRatio.value)} (95 % CI ${fix(g.impactRatio.lower)}–${fix(g.impactRatio.upper)}), Fisher p ${g.fisherP! < 0.001 ? '< 0.001' : `= ${fix(g.fisherP, 3)}`}`,
          ],
          n: g.n ?? 0,
          planId: null,
          planTitle: null,
          planVersionId: null,
          competencyNames: null,
          currentWeights: null,
          proposedWeights: null,
        });
      }
    }
  }
  const reading = out.length ? [`${out.length} recommendation${out.length === 1 ? '' : 's'}, each with the evidence behind it.`] : ['Nothing to recommend for this period: no material miscalibration, no non-discriminating question, no stage below four-fifths, and too little outcome evidence to re-weight.'];
  return { ...meta(ctx, f, applications), reading, outcome, items: out, questions };
}

export async function applyReweight(ctx: Ctx, body: { planId: string; baseVersionId: string; weights: Record<string, number>; note?: string }) {
  requireRole(ctx, ['owner', 'admin', 'hiring_manager']);
  const plan = await getPlan(ctx, body.planId);
  const doc = plan.plan as { competencies: { id: string; weight: number }[] };
  const ids = doc.competencies.map((c) => c.id);
  const issues = [
    ...ids.filter((id) => body.weights[id] === undefined).map((id) => ({ path: `weights.${id}`, message: 'Give a weight for every competency of the plan' })),
    ...Object.keys(body.weights).filter((id) => !ids.includes(id)).map((id) => ({ path: `weights.${id}`, message: 'Not a competency of this plan' })),
  ];
  const total = Object.values(body.weights).reduce((a, b) => a + b, 0);
  if (!issues.length && total !== 100) issues.push({ path: 'weights', message: `Weights must sum to 100 (they sum to ${total})` });
  if (issues.length) throw AppError.invalid('The weights are not valid for this plan', issues);
  const next = { ...plan.plan, competencies: doc.competencies.map((c) => ({ ...c, weight: body.weights[c.id]! })) };
  const saved = await savePlan(ctx, body.planId, { baseVersionId: body.baseVersionId, plan: next, note: body.note ?? 'Re-weighted from the analytics recommendation' });
  await audit(ctx, 'analytics.reweight_applied', { type: 'plan', id: body.planId }, { versionId: saved.currentVersion.id, version: saved.currentVersion.number });
  return { planId: body.planId, versionId: saved.currentVersion.id, number: saved.currentVersion.number };
}
