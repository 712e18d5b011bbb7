import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { adverseImpact, type ImpactRow } from './adverse-impact.ts';
import { pearson, pointBiserial } from './correlation.ts';
import { studentTQuantile } from './distributions.ts';
import { iccFromMatrix } from './icc.ts';
import { wilsonInterval } from './proportions.ts';
import {
  AGE_BAND_VALUES,
  generateHistory,
  generateHistoryChunks,
  RACE_ETHNICITY_VALUES,
  SEX_VALUES,
  SYNTHETIC_PIPELINE,
  type DemographicCharacteristic,
  type SyntheticHistory,
  type SyntheticStage,
} from './synthetic.ts';

const hash = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');

const ARRAYS = ['competencies', 'interviewers', 'jobs', 'candidates', 'applications', 'stageMoves', 'interviews', 'ratings', 'decisions', 'outcomes', 'demographics'] as const;

/** Concatenates chunks the way a batch writer would see them. */
function concatChunks(chunks: Iterable<SyntheticHistory>): SyntheticHistory {
  let out: SyntheticHistory | null = null;
  for (const c of chunks) {
    if (out === null) {
      out = { ...c, planted: c.planted };
      for (const k of ARRAYS) (out as unknown as Record<string, unknown[]>)[k] = [...c[k]];
      continue;
    }
    for (const k of ARRAYS) for (const row of c[k]) (out[k] as unknown[]).push(row);
  }
  return out!;
}

/** The fields `generateHistory` returns, in its key order (chunks carry three more). */
function historyOf(h: SyntheticHistory): SyntheticHistory {
  const { competencies, interviewers, jobs, candidates, applications, stageMoves, interviews, ratings, decisions, outcomes, demographics, planted } = h;
  return { competencies, interviewers, jobs, candidates, applications, stageMoves, interviews, ratings, decisions, outcomes, demographics, planted };
}

function byKey<T, K>(rows: readonly T[], key: (r: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

describe('generateHistory: determinism and streaming', () => {
  it('gives the same bytes for the same options, and pins them', () => {
    const a = generateHistory({ candidates: 200, seed: 42 });
    const b = generateHistory({ candidates: 200, seed: 42 });
    expect(hash(a)).toBe(hash(b));
    // Pinned: a change here means the generator's output changed. Update it only on purpose (and say
    // so), since demo databases are cached by seed.
    expect(hash(a)).toBe('be995a2daa627b27381510e32634f5ad3fddf15f2fa67d46fce7abf6df248172');
    expect(hash(generateHistory({ candidates: 200, seed: 43 }))).not.toBe(hash(a));
    expect(hash(generateHistory({ candidates: 200, seed: 42, start: '2024-01-01' }))).not.toBe(hash(a));
  });

  it('yields exactly the same records in chunks, whatever the chunk size', () => {
    const whole = generateHistory({ candidates: 300, seed: 7 });
    for (const size of [1, 7, 64, 299, 300, 1000]) {
      const chunks = [...generateHistoryChunks({ candidates: 300, seed: 7 }, size)];
      expect(chunks.length).toBe(Math.ceil(300 / size));
      chunks.forEach((c, i) => {
        expect(c.index).toBe(i);
        expect(c.firstCandidate).toBe(i * size);
        expect(c.candidateCount).toBe(Math.min(size, 300 - i * size));
        expect(c.candidates.length).toBe(c.candidateCount);
        if (i > 0) expect([c.competencies.length, c.interviewers.length, c.jobs.length]).toEqual([0, 0, 0]);
        expect(c.planted).toEqual(whole.planted);
      });
      expect(hash(historyOf(concatChunks(chunks)))).toBe(hash(whole));
    }
  });

  it('handles zero candidates and rejects bad options', () => {
    const empty = generateHistory({ candidates: 0, seed: 1 });
    expect(empty.candidates).toEqual([]);
    expect(empty.competencies).toHaveLength(6);
    expect([...generateHistoryChunks({ candidates: 0, seed: 1 })]).toHaveLength(1);
    expect(() => generateHistory({ candidates: -1, seed: 1 })).toThrow(RangeError);
    expect(() => generateHistory({ candidates: 1.5, seed: 1 })).toThrow(RangeError);
    expect(() => generateHistory({ candidates: 10, seed: 0.5 })).toThrow(RangeError);
    expect(() => generateHistory({ candidates: 10, seed: 1, start: '2025-02-30' })).toThrow(RangeError);
    expect(() => generateHistory({ candidates: 10, seed: 1, start: '1 Jan 2025' })).toThrow(RangeError);
    expect(() => generateHistory({ candidates: 10, seed: 1, months: 0 })).toThrow(RangeError);
    expect(() => generateHistory({ candidates: 10, seed: 1, asOf: 'yesterday' })).toThrow(RangeError);
    expect(() => [...generateHistoryChunks({ candidates: 10, seed: 1 }, 0)]).toThrow(RangeError);
    // Large and negative seeds are distinct worlds.
    const seeds = [-1, 4294967295, 4294967296, 2 ** 40 + 5].map((seed) => hash(generateHistory({ candidates: 20, seed })));
    expect(new Set(seeds).size).toBe(4);
  });
});

describe('generateHistory: records', () => {
  const h = generateHistory({ candidates: 2000, seed: 3 });

  it('plants what it says', () => {
    const { planted } = h;
    expect(h.competencies.map((c) => c.id)).toEqual([
      'technology-strategy-architecture',
      'engineering-execution-delivery',
      'talent-team-development',
      'stakeholder-communication-influence',
      'infrastructure-operations',
      'business-acumen-commercial',
    ]);
    expect(h.competencies.reduce((s, c) => s + c.weight, 0)).toBeCloseTo(1, 12);
    expect(planted.predictive).toHaveLength(2);
    for (const c of h.competencies) expect(planted.validity[c.id]! > 0).toBe(planted.predictive.includes(c.id));
    expect(h.interviewers).toHaveLength(24);
    const nonZero = h.interviewers.filter((i) => i.leniency !== 0);
    expect(nonZero.map((i) => [i.id, i.leniency]).sort()).toEqual(
      [
        [planted.lenient.interviewerId, 0.8],
        [planted.severe.interviewerId, -0.7],
      ].sort(),
    );
    expect(planted.disparity).toEqual({ stage: 'screen', group: { characteristic: 'ageBand', value: '40 and over' }, factor: 0.6 });
    expect(planted.start).toBe('2025-01-01T00:00:00.000Z');
    expect(planted.end).toBe('2026-07-01T00:00:00.000Z');
    expect(h.jobs.length).toBeGreaterThanOrEqual(3);
    for (const j of h.jobs) {
      expect([3, 4]).toContain(j.rounds.length);
      for (const r of j.rounds) expect(r.competencyIds.length >= 2 && r.competencyIds.length <= 3).toBe(true);
      // Every competency is assessed somewhere in every loop.
      expect(new Set(j.rounds.flatMap((r) => r.competencyIds)).size).toBe(6);
    }
  });

  it('has unique, deterministic ids and flat rows', () => {
    expect(h.candidates[0]!.id).toBe('c000001');
    expect(h.candidates.at(-1)!.id).toBe('c002000');
    expect(h.applications[0]!.id).toBe('a000001');
    for (const k of ['competencies', 'interviewers', 'jobs', 'candidates', 'applications', 'stageMoves', 'interviews', 'decisions', 'outcomes'] as const) {
      const ids = h[k].map((r) => r.id);
      expect(new Set(ids).size, k).toBe(ids.length);
    }
    expect(new Set(h.candidates.map((c) => c.email)).size).toBe(2000);
    const ratingKeys = h.ratings.map((r) => `${r.interviewId}/${r.competencyId}`);
    expect(new Set(ratingKeys).size).toBe(ratingKeys.length);
    for (const k of ['candidates', 'applications', 'stageMoves', 'interviews', 'ratings', 'decisions', 'outcomes', 'demographics'] as const) {
      const nested = h[k].filter((row) => Object.values(row).some((v) => v !== null && typeof v === 'object'));
      expect(nested, k).toEqual([]);
    }
    // Applied dates are spread over the window and follow the candidate numbers.
    const applied = h.applications.map((a) => a.appliedAt.slice(0, 10));
    expect(applied.every((d, i) => i === 0 || d >= applied[i - 1]!)).toBe(true);
    expect(applied[0]! < '2025-01-10' && applied.at(-1)! > '2026-06-20' && applied.at(-1)! < '2026-07-01').toBe(true);
  });

  it('moves every application through a valid, dated pipeline', () => {
    const moves = byKey(h.stageMoves, (m) => m.applicationId);
    const next = new Map<SyntheticStage, SyntheticStage>(SYNTHETIC_PIPELINE.map((p) => [p.stage, p.next]));
    const jobs = new Map(h.jobs.map((j) => [j.id, j]));
    const candidates = new Set(h.candidates.map((c) => c.id));
    for (const app of h.applications) {
      expect(candidates.has(app.candidateId)).toBe(true);
      expect(jobs.has(app.jobId)).toBe(true);
      const list = moves.get(app.id)!;
      expect(list.map((m) => m.seq)).toEqual(list.map((_, i) => i + 1));
      expect(list[0]).toMatchObject({ fromStage: null, toStage: 'applied', movedAt: app.appliedAt });
      for (let i = 1; i < list.length; i++) {
        const m = list[i]!;
        expect(m.fromStage).toBe(list[i - 1]!.toStage);
        expect(m.toStage === 'rejected' || m.toStage === next.get(m.fromStage!)).toBe(true);
        expect(m.movedAt > list[i - 1]!.movedAt).toBe(true);
        expect(m.toStage === 'rejected').toBe(m.reasonCode !== null && !['meets_bar', 'exceeds_bar'].includes(m.reasonCode));
      }
      const last = list.at(-1)!;
      expect(app.stage).toBe(last.toStage);
      expect(app.updatedAt).toBe(last.movedAt);
      expect(app.status).toBe(last.toStage === 'rejected' ? 'rejected' : last.toStage === 'hired' ? 'hired' : 'active');
      expect(app.rejectionReason).toBe(last.toStage === 'rejected' ? last.reasonCode : null);
    }
    // Without an observation date nothing is left open.
    expect(h.applications.filter((a) => a.status === 'active')).toEqual([]);
    // Time in stage varies.
    const screenDays = h.stageMoves.filter((m) => m.fromStage === 'applied').map((m) => (Date.parse(m.movedAt) - Date.parse(moves.get(m.applicationId)![0]!.movedAt)) / 86_400_000);
    expect(Math.min(...screenDays)).toBeLessThan(3);
    expect(Math.max(...screenDays)).toBeGreaterThan(10);
  });

  it('runs a 3–4 interview loop with distinct interviewers rating their round’s competencies', () => {
    const interviews = byKey(h.interviews, (i) => i.applicationId);
    const ratings = byKey(h.ratings, (r) => r.interviewId);
    const apps = new Map(h.applications.map((a) => [a.id, a]));
    const jobs = new Map(h.jobs.map((j) => [j.id, j]));
    const movedToInterview = new Map(h.stageMoves.filter((m) => m.toStage === 'interview').map((m) => [m.applicationId, m.movedAt]));
    const decided = new Map(h.stageMoves.filter((m) => m.fromStage === 'interview').map((m) => [m.applicationId, m]));
    for (const [appId, list] of interviews) {
      const job = jobs.get(apps.get(appId)!.jobId)!;
      expect(list.length).toBe(job.rounds.length);
      expect(new Set(list.map((i) => i.interviewerId)).size).toBe(list.length);
      expect(list[0]!.startsAt > movedToInterview.get(appId)!).toBe(true);
      for (const [n, iv] of list.entries()) {
        const round = job.rounds[n]!;
        expect(iv.roundId).toBe(round.id);
        expect(iv.endsAt > iv.startsAt).toBe(true);
        const rs = ratings.get(iv.id)!;
        expect(rs.map((r) => r.competencyId)).toEqual(round.competencyIds);
        for (const r of rs) {
          expect(Number.isInteger(r.rating) && r.rating >= 1 && r.rating <= 4).toBe(true);
          expect(r.interviewerId).toBe(iv.interviewerId);
          expect(r.submittedAt > iv.endsAt).toBe(true);
          expect(r.submittedAt < decided.get(appId)!.movedAt).toBe(true);
        }
      }
    }
    // Everyone who reached the interview stage and did not withdraw there was interviewed.
    const withdrewAtInterview = h.stageMoves.filter((m) => m.fromStage === 'interview' && m.reasonCode === 'withdrew').length;
    expect(interviews.size + withdrewAtInterview).toBe(movedToInterview.size);
  });

  it('records debrief and hire decisions on the moves they made', () => {
    const moves = new Map(h.stageMoves.map((m) => [m.id, m]));
    const jobs = new Map(h.jobs.map((j) => [j.id, j]));
    const apps = new Map(h.applications.map((a) => [a.id, a]));
    for (const d of h.decisions) {
      const m = moves.get(d.stageMoveId)!;
      expect(m.applicationId).toBe(d.applicationId);
      expect(m.movedAt).toBe(d.decidedAt);
      expect(m.toStage).toBe(({ offer: 'offer', reject: 'rejected', hire: 'hired' } as const)[d.decision]);
      expect(d.decidedBy).toBe(jobs.get(apps.get(d.applicationId)!.jobId)!.hiringManagerId);
    }
    expect(h.decisions.filter((d) => d.decision === 'hire').length).toBe(h.applications.filter((a) => a.status === 'hired').length);
  });

  it('gives outcomes to hires only, consistent with their tenure', () => {
    const hired = new Set(h.applications.filter((a) => a.status === 'hired').map((a) => a.id));
    expect(h.outcomes.map((o) => o.applicationId).sort()).toEqual([...hired].sort());
    const hiredAt = new Map(h.stageMoves.filter((m) => m.toStage === 'hired').map((m) => [m.applicationId, m.movedAt]));
    for (const o of h.outcomes) {
      expect(o.startedAt > hiredAt.get(o.applicationId)!).toBe(true);
      for (const v of [o.performance6m, o.performance12m, o.managerSatisfaction]) expect(v === null || (Number.isInteger(v) && v >= 1 && v <= 5)).toBe(true);
      expect(o.retained6m).not.toBeNull();
      expect(o.retained12m).not.toBeNull();
      expect(o.retained24m).not.toBeNull();
      expect(o.retained6m! || !o.retained12m!).toBe(true);
      expect(o.retained12m! || !o.retained24m!).toBe(true);
      expect(o.performance6m === null).toBe(!o.retained6m);
      expect(o.performance12m === null).toBe(!o.retained12m);
      expect(o.leftAt === null).toBe(o.retained24m!);
      expect(o.regrettedAttrition === null).toBe(o.retained24m!);
      if (o.leftAt !== null) expect(o.leftAt > o.startedAt).toBe(true);
      if (o.rampDays !== null) expect(o.rampDays >= 30 && o.rampDays <= 270).toBe(true);
    }
  });

  it('self-identification: one row per candidate, every answer allowed, "declined" on every question', () => {
    expect(h.demographics.map((d) => d.candidateId)).toEqual(h.candidates.map((c) => c.id));
    const created = new Map(h.candidates.map((c) => [c.id, c.createdAt]));
    for (const d of h.demographics) {
      expect(SEX_VALUES).toContain(d.sex);
      expect(RACE_ETHNICITY_VALUES).toContain(d.raceEthnicity);
      expect(AGE_BAND_VALUES).toContain(d.ageBand);
      expect(d.submittedAt >= created.get(d.candidateId)!).toBe(true);
    }
    for (const k of ['sex', 'raceEthnicity', 'ageBand'] as const) expect(h.demographics.some((d) => d[k] === 'declined')).toBe(true);
  });
});

describe('generateHistory: observation date', () => {
  const full = generateHistory({ candidates: 1500, seed: 11 });
  const asOf = '2025-12-31';
  const cut = generateHistory({ candidates: 1500, seed: 11, asOf });
  const until = '2025-12-31T23:59:59.999Z';

  it('censors the same world: every record is in the full run, nothing happens after the date', () => {
    expect(cut.planted.asOf).toBe(until);
    expect(cut.interviewers).toEqual(full.interviewers);
    const fullMoves = new Map(full.stageMoves.map((m) => [m.id, m]));
    for (const m of cut.stageMoves) {
      expect(m).toEqual(fullMoves.get(m.id));
      expect(m.movedAt <= until).toBe(true);
    }
    const fullRatings = new Set(full.ratings.map((r) => JSON.stringify(r)));
    for (const r of cut.ratings) expect(fullRatings.has(JSON.stringify(r)) && r.submittedAt <= until).toBe(true);
    for (const d of cut.decisions) expect(d.decidedAt <= until).toBe(true);
    for (const c of cut.candidates) expect(c.createdAt <= until).toBe(true);
    expect(cut.candidates).toEqual(full.candidates.filter((c) => c.createdAt <= until));
    expect(cut.candidates.length).toBeLessThan(full.candidates.length);
  });

  it('leaves recent applications open and outcomes not yet due empty', () => {
    const active = cut.applications.filter((a) => a.status === 'active');
    expect(active.length).toBeGreaterThan(0);
    const moves = byKey(cut.stageMoves, (m) => m.applicationId);
    for (const a of active) expect(a.stage).toBe(moves.get(a.id)!.at(-1)!.toStage);
    const fullOutcomes = new Map(full.outcomes.map((o) => [o.id, o]));
    const month = 30.4375 * 86_400_000;
    const end = Date.parse(until);
    for (const o of cut.outcomes) {
      const f = fullOutcomes.get(o.id)!;
      const started = Date.parse(o.startedAt);
      expect(o.startedAt).toBe(f.startedAt);
      expect(o.performance12m).toBe(started + 12 * month <= end ? f.performance12m : null);
      if (started + 24 * month > end) expect(o.retained24m === null || o.retained24m === false).toBe(true);
      if (o.leftAt !== null) expect(o.leftAt <= until).toBe(true);
    }
    expect(cut.outcomes.some((o) => o.performance12m === null && o.retained12m !== false)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------
// Recovery: the analytics find what was planted.
// ---------------------------------------------------------------------------------------------------

/**
 * Seed 1 is the first seed tried. Across seeds 1–30 at 5,000 candidates the validity check below
 * (with Bonferroni-adjusted intervals for the zero-validity competencies) held for 25; each failure
 * was one zero-validity competency's interval just missing 0, as four intervals allow, helped by the
 * small negative bias that hiring on the weighted score induces among hires (about −0.03 at 100,000
 * candidates). At seed 1 even the unadjusted 95 % intervals of all four contain 0. The interviewer,
 * ICC and retention checks held for 29 of the 30 (seed 30: the null interviewer picked for the
 * single-interval check had an interval just excluding 0, the 1 in 20 a 95 % interval allows).
 */
const RECOVERY = { candidates: 5000, seed: 1 } as const;

describe(`recovery on ${RECOVERY.candidates} candidates, seed ${RECOVERY.seed}`, () => {
  const h = generateHistory(RECOVERY);

  it('finds the lenient and the severe interviewer (Welch intervals of each against the rest)', () => {
    let n = 0;
    let sum = 0;
    let sumSq = 0;
    const per = new Map<string, { n: number; sum: number; sumSq: number }>();
    for (const r of h.ratings) {
      const s = per.get(r.interviewerId) ?? { n: 0, sum: 0, sumSq: 0 };
      s.n++;
      s.sum += r.rating;
      s.sumSq += r.rating * r.rating;
      per.set(r.interviewerId, s);
      n++;
      sum += r.rating;
      sumSq += r.rating * r.rating;
    }
    const rows = h.interviewers.map((iv) => {
      const a = per.get(iv.id)!;
      const b = { n: n - a.n, sum: sum - a.sum, sumSq: sumSq - a.sumSq };
      const mean = (s: typeof a) => s.sum / s.n;
      const variance = (s: typeof a) => (s.sumSq - (s.sum * s.sum) / s.n) / (s.n - 1);
      const va = variance(a) / a.n;
      const vb = variance(b) / b.n;
      const df = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
      const diff = mean(a) - mean(b);
      const half = studentTQuantile(0.975, df) * Math.sqrt(va + vb);
      return { id: iv.id, n: a.n, diff, lower: diff - half, upper: diff + half };
    });
    const sorted = [...rows].sort((x, y) => x.diff - y.diff);
    const lenient = sorted.at(-1)!;
    const severe = sorted[0]!;
    expect(lenient.id).toBe(h.planted.lenient.interviewerId);
    expect(severe.id).toBe(h.planted.severe.interviewerId);
    expect(lenient.lower).toBeGreaterThan(0);
    expect(severe.upper).toBeLessThan(0);
    // Rounding and the 1–4 bounds shrink the planted +0.8 / −0.7 a little.
    expect(lenient.diff).toBeGreaterThan(0.5);
    expect(severe.diff).toBeLessThan(-0.5);
    const nulls = rows.filter((r) => r.id !== lenient.id && r.id !== severe.id);
    expect(nulls).toHaveLength(22);
    for (const r of nulls) expect(Math.abs(r.diff)).toBeLessThan(0.2);
    // About 95 % of the null interviewers' intervals cover 0 (21 of 22 expected); and a given one does.
    expect(nulls.filter((r) => r.lower < 0 && r.upper > 0).length).toBeGreaterThanOrEqual(19);
    const median = [...nulls].sort((x, y) => x.n - y.n)[11]!;
    expect(median.lower < 0 && median.upper > 0).toBe(true);
  });

  it('the predictive competencies correlate best with 12-month performance among hires; the others do not', () => {
    const perf = new Map(h.outcomes.filter((o) => o.performance12m !== null).map((o) => [o.applicationId, o.performance12m!]));
    expect(perf.size).toBeGreaterThan(150);
    const nulls = h.competencies.length - h.planted.predictive.length;
    const results = h.competencies.map((c) => {
      const totals = new Map<string, { sum: number; n: number }>();
      for (const r of h.ratings) {
        if (r.competencyId !== c.id || !perf.has(r.applicationId)) continue;
        const t = totals.get(r.applicationId) ?? { sum: 0, n: 0 };
        t.sum += r.rating;
        t.n++;
        totals.set(r.applicationId, t);
      }
      const x: number[] = [];
      const y: number[] = [];
      for (const [app, t] of totals) {
        x.push(t.sum / t.n);
        y.push(perf.get(app)!);
      }
      const predictive = h.planted.predictive.includes(c.id);
      // Zero-validity intervals are Bonferroni-adjusted over the four of them (family-wise 95 %).
      return { id: c.id, predictive, ...pearson(x, y, { level: predictive ? 0.95 : 1 - 0.05 / nulls }) };
    });
    const top = [...results].sort((a, b) => b.r! - a.r!);
    expect(new Set(top.slice(0, 2).map((r) => r.id))).toEqual(new Set(h.planted.predictive));
    const best = Math.max(...results.filter((r) => !r.predictive).map((r) => r.r!));
    for (const r of results) {
      expect(r.n).toBe(perf.size);
      if (r.predictive) {
        expect(r.r!).toBeGreaterThan(best);
        expect(r.lower!).toBeGreaterThan(0.15);
      } else {
        expect(r.lower!).toBeLessThan(0);
        expect(r.upper!).toBeGreaterThan(0);
      }
    }
  });

  it('ICC(1) of ratings within each competency is positive and moderate', () => {
    for (const c of h.competencies) {
      const perApplication = byKey(
        h.ratings.filter((r) => r.competencyId === c.id),
        (r) => r.applicationId,
      );
      // Targets rated at least twice on this competency, first two ratings (raters differ per target).
      const rows = [...perApplication.values()].filter((rs) => rs.length >= 2).map((rs) => [rs[0]!.rating, rs[1]!.rating]);
      expect(rows.length).toBeGreaterThan(300);
      const icc = iccFromMatrix(rows).icc1;
      // Seed 1: 0.46–0.51 across the six competencies; seeds 1–30: 0.44–0.60. The latent share of the
      // variance is about 0.75²/(0.75² + noise sd² + leniency variance) ≈ 0.55 before rounding.
      expect(icc.value!).toBeGreaterThan(0.3);
      expect(icc.value!).toBeLessThan(0.7);
      expect(icc.lower!).toBeGreaterThan(0.2);
      expect(icc.upper!).toBeLessThan(0.8);
    }
  });

  it('retention rises with performance and regretted leavers were the better performers', () => {
    const observed = h.outcomes.filter((o) => o.performance6m !== null);
    const r = pointBiserial(
      observed.map((o) => o.performance6m!),
      observed.map((o) => (o.retained24m ? 1 : 0)),
    );
    expect(r.lower!).toBeGreaterThan(0);
    const leavers = h.outcomes.filter((o) => o.leftAt !== null && o.performance6m !== null);
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean(leavers.filter((o) => o.regrettedAttrition).map((o) => o.performance6m!))).toBeGreaterThan(mean(leavers.filter((o) => !o.regrettedAttrition).map((o) => o.performance6m!)));
    const retained = wilsonInterval(h.outcomes.filter((o) => o.retained24m).length, h.outcomes.length);
    expect(retained.lower!).toBeGreaterThan(0.6);
    expect(retained.upper!).toBeLessThan(0.9);
  });
});

/**
 * Adverse impact needs volume: at the interview stage the rates are about 0.3 and the reference
 * group is the best of up to six, so with 20,000–30,000 candidates a small group passes for
 * "four-fifths and significant" by chance in about one seed of six. At 50,000 candidates the check
 * below held for 39 of seeds 1–40 (seed 29 failed on a race group at the interview stage, ratio 0.80,
 * p = 0.006). Seed 1: the 40-and-over screen ratio is 0.59 (n = 10,246), Fisher p ≈ 7e-82.
 */
const IMPACT = { candidates: 50_000, seed: 1 } as const;

describe(`adverse impact on ${IMPACT.candidates} candidates, seed ${IMPACT.seed}`, () => {
  const h = generateHistory(IMPACT);
  const demographics = new Map(h.demographics.map((d) => [d.candidateId, d]));
  const candidateOf = new Map(h.applications.map((a) => [a.id, a.candidateId]));

  /** Considered = entered the stage; selected = moved on to the next pipeline stage. */
  function table(stage: SyntheticStage, next: SyntheticStage, characteristic: DemographicCharacteristic) {
    const counts = new Map<string, { n: number; selected: number }>();
    const entered = new Set<string>();
    const passed = new Set<string>();
    for (const m of h.stageMoves) {
      if (m.toStage === stage) entered.add(m.applicationId);
      if (m.fromStage === stage && m.toStage === next) passed.add(m.applicationId);
    }
    for (const app of entered) {
      const group = demographics.get(candidateOf.get(app)!)![characteristic];
      const c = counts.get(group) ?? { n: 0, selected: 0 };
      c.n++;
      if (passed.has(app)) c.selected++;
      counts.set(group, c);
    }
    return adverseImpact([...counts].map(([group, c]) => ({ group, ...c })));
  }

  it('flags the planted group at the planted stage', () => {
    const { stage, group, factor } = h.planted.disparity;
    const r = table(stage, 'interview', group.characteristic);
    const row = r.groups.find((g) => g.group === group.value)!;
    expect(row.fourFifthsFlag).toBe(true);
    expect(row.impactRatio!).toBeLessThan(0.8);
    expect(Math.abs(row.impactRatio! - factor)).toBeLessThan(0.06);
    expect(row.fisherP!).toBeLessThan(0.05);
    // The other age groups are not flagged at the screen.
    for (const g of r.groups) if (g.group !== group.value) expect(g.fourFifthsFlag).toBe(false);
  });

  it('finds no other significant four-fifths flag at any stage, for any characteristic', () => {
    const flagged: ImpactRow[] = [];
    let comparisons = 0;
    for (const { stage, next } of SYNTHETIC_PIPELINE) {
      for (const characteristic of ['sex', 'raceEthnicity', 'ageBand'] as const) {
        const r = table(stage, next, characteristic);
        expect(r.groups.length).toBe({ sex: 3, raceEthnicity: 6, ageBand: 3 }[characteristic]);
        for (const g of r.groups) {
          if (g.impactRatio === null) continue;
          const planted = stage === h.planted.disparity.stage && characteristic === 'ageBand' && g.group === h.planted.disparity.group.value;
          if (planted) continue;
          comparisons++;
          if (g.fourFifthsFlag && g.fisherP! < 0.05) flagged.push(g);
        }
      }
    }
    expect(comparisons).toBe(4 * (2 + 5 + 2) - 1);
    expect(flagged).toEqual([]);
  });
});
