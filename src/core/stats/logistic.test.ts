import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { auc } from './auc.ts';
import { buildDesign, calibrationTable, crossValidatedAuc, fitLogistic, fitLogisticL2, INTERCEPT, LogisticError, predictLogistic } from './logistic.ts';
import { mulberry32 } from './random.ts';

// UCLA admissions (see fixtures/README.md); the oracle values are /work/shared/reference/statistics.md.
const lines = fs.readFileSync(new URL('./fixtures/ucla-admissions.csv', import.meta.url), 'utf8').trim().split(/\r?\n/);
const rows = lines.slice(1).map((l) => l.split(','));
const ucla = {
  admit: rows.map((r) => Number(r[0])),
  gre: rows.map((r) => r[1]!),
  gpa: rows.map((r) => r[2]!),
  rank: rows.map((r) => r[3]!),
};

function near(actual: number, expected: number, tolerance: number) {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}

function errorOf(fn: () => unknown): LogisticError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(LogisticError);
    return e as LogisticError;
  }
  throw new Error('expected a LogisticError');
}

describe('fitLogistic on the UCLA admissions data', () => {
  it('admit ~ gre + gpa + factor(rank) matches R (estimates and SEs to 1e-5; deviances as printed, 4 decimals)', () => {
    const design = buildDesign(ucla, ['gre', 'gpa', 'rank'], ['rank']);
    expect(design.names).toEqual(['gre', 'gpa', 'rank2', 'rank3', 'rank4']);
    expect(design.factors.rank).toEqual({ reference: '1', levels: ['1', '2', '3', '4'] });
    const fit = fitLogistic(design.X, ucla.admit, { names: design.names });
    expect(fit.n).toBe(400);
    expect(Object.keys(fit.coefficients)).toEqual([INTERCEPT, 'gre', 'gpa', 'rank2', 'rank3', 'rank4']);
    const oracle: Record<string, [number, number]> = {
      '(Intercept)': [-3.989979, 1.139951],
      gre: [0.002264, 0.001094],
      gpa: [0.804038, 0.331819],
      rank2: [-0.675443, 0.31649],
      rank3: [-1.340204, 0.345306],
      rank4: [-1.551464, 0.417832],
    };
    for (const [name, [estimate, se]] of Object.entries(oracle)) {
      near(fit.coefficients[name]!.estimate, estimate, 1e-5);
      near(fit.coefficients[name]!.se, se, 1e-5);
      near(fit.coefficients[name]!.z, fit.coefficients[name]!.estimate / fit.coefficients[name]!.se, 1e-12);
    }
    // The published values are rounded to 4 decimals: agree within half a unit of the last digit.
    near(fit.deviance, 458.5175, 5e-5);
    near(fit.nullDeviance, 499.9765, 5e-5);
    near(fit.aic, 470.5175, 5e-5);
    // Wald p-values as R's summary() prints them for this model.
    near(fit.coefficients.gre!.p, 0.038465, 1e-6);
    near(fit.coefficients.gpa!.p, 0.015388, 1e-6);
    near(fit.coefficients.rank2!.p, 0.032829, 1e-6);
    near(fit.coefficients.rank3!.p, 0.000104, 1e-6);
    expect(fit.converged).toBe(true);
    expect(fit.iterations).toBeLessThanOrEqual(8);
    // In-sample AUC is the AUC of the fitted linear predictor.
    expect(fit.auc).toBeGreaterThan(0.68);
    expect(fit.auc).toBeLessThan(0.71);
  });

  it('with rank numeric matches R', () => {
    const design = buildDesign(ucla, ['gre', 'gpa', 'rank']);
    expect(design.names).toEqual(['gre', 'gpa', 'rank']);
    const fit = fitLogistic(design.X, ucla.admit, { names: design.names });
    const oracle: Record<string, [number, number]> = {
      '(Intercept)': [-3.449548, 1.132846],
      gre: [0.002294, 0.001092],
      gpa: [0.777014, 0.327484],
      rank: [-0.560031, 0.127137],
    };
    for (const [name, [estimate, se]] of Object.entries(oracle)) {
      near(fit.coefficients[name]!.estimate, estimate, 1e-5);
      near(fit.coefficients[name]!.se, se, 1e-5);
    }
    near(fit.aic, 467.4418, 5e-5);
    near(fit.nullDeviance, 499.9765, 5e-5);
  });

  it('does not depend on the units of a predictor (internal scaling is undone exactly)', () => {
    const a = buildDesign(ucla, ['gre', 'gpa'], []);
    const fitA = fitLogistic(a.X, ucla.admit, { names: a.names });
    const scaled = a.X.map(([gre, gpa]) => [gre! / 1000 + 5, gpa!]);
    const fitB = fitLogistic(scaled, ucla.admit, { names: a.names });
    near(fitB.coefficients.gre!.estimate, fitA.coefficients.gre!.estimate * 1000, 1e-8);
    near(fitB.coefficients.gre!.se, fitA.coefficients.gre!.se * 1000, 1e-8);
    near(fitB.coefficients.gre!.p, fitA.coefficients.gre!.p, 1e-10);
    near(fitB.deviance, fitA.deviance, 1e-9);
  });

  it('fits an intercept-only model', () => {
    const fit = fitLogistic(ucla.admit.map(() => []), ucla.admit, { names: [] });
    const ybar = 127 / 400;
    near(fit.coefficients[INTERCEPT]!.estimate, Math.log(ybar / (1 - ybar)), 1e-10);
    near(fit.coefficients[INTERCEPT]!.se, Math.sqrt(1 / (400 * ybar * (1 - ybar))), 1e-10);
    near(fit.deviance, fit.nullDeviance, 1e-9);
    expect(fit.auc).toBe(0.5);
  });
});

describe('fitLogistic refuses models it cannot estimate, with a clear error (never NaN)', () => {
  it('a constant predictor', () => {
    const e = errorOf(() => fitLogistic([[1, 3], [2, 3], [3, 3], [4, 3]], [0, 1, 0, 1], { names: ['a', 'b'] }));
    expect(e.kind).toBe('constant');
    expect(e.message).toContain('"b" is constant');
  });

  it('collinear predictors', () => {
    const X = [[1, 2, 0], [2, 1, 3], [3, 5, 2], [4, 2, 6], [5, 7, 1], [6, 3, 3]].map(([a, b, c]) => [a!, b!, 2 * a! - b! + 1, c!]);
    const e = errorOf(() => fitLogistic(X, [0, 1, 0, 1, 1, 0], { names: ['a', 'b', 'c', 'd'] }));
    expect(e.kind).toBe('collinear');
    expect(e.message).toContain('"c" is (almost) a linear combination of "a", "b"');
    // A full set of dummies next to the intercept is the classic case.
    const g = ['x', 'y', 'x', 'y', 'x', 'y'];
    const dummies = g.map((v) => [v === 'x' ? 1 : 0, v === 'y' ? 1 : 0]);
    expect(errorOf(() => fitLogistic(dummies, [0, 1, 1, 0, 1, 1], { names: ['gx', 'gy'] })).kind).toBe('collinear');
  });

  it('perfect separation', () => {
    const e = errorOf(() => fitLogistic([[1], [2], [3], [4], [5], [6]], [0, 0, 0, 1, 1, 1], { names: ['score'] }));
    expect(e.kind).toBe('separation');
    expect(e.message).toMatch(/perfect or quasi-complete separation.*"score"/);
  });

  it('quasi-complete separation, including a factor level where nobody succeeds', () => {
    expect(errorOf(() => fitLogistic([[0], [0], [0], [1], [1], [1], [2], [2]], [0, 0, 0, 0, 1, 0, 1, 1])).kind).toBe('separation');
    const design = buildDesign({ g: ['a', 'a', 'a', 'a', 'b', 'b', 'b', 'b', 'c', 'c', 'c', 'c'] }, ['g'], ['g']);
    const e = errorOf(() => fitLogistic(design.X, [0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0], { names: design.names }));
    expect(e.kind).toBe('separation');
    expect(e.message).toContain('"gc"');
    // Two-dimensional separation by a line, with ties on the line (quasi-complete).
    const random = mulberry32(5);
    const X: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 300; i++) {
      const a = random() * 4 - 2;
      const b = random() * 4 - 2;
      X.push([a, b]);
      y.push(a + 0.5 * b > 0.1 ? 1 : 0);
    }
    expect(errorOf(() => fitLogistic(X, y)).kind).toBe('separation');
    for (let i = 0; i < 6; i++) {
      X.push([0.1, 0]);
      y.push(i % 2);
    }
    expect(errorOf(() => fitLogistic(X, y)).kind).toBe('separation');
  });

  it('does not mistake an extreme but well-estimated observation for separation', () => {
    const fit = fitLogistic([[1], [2], [3], [4], [5], [6], [7], [8], [100]], [0, 1, 0, 0, 1, 0, 1, 1, 1]);
    expect(fit.coefficients.x1!.estimate).toBeGreaterThan(0);
    expect(Number.isFinite(fit.coefficients.x1!.se)).toBe(true);
  });

  it('bad outcomes and shapes', () => {
    expect(errorOf(() => fitLogistic([[1], [2], [3]], [1, 1, 1])).kind).toBe('outcome');
    expect(errorOf(() => fitLogistic([[1], [2], [3]], [0, 2, 1])).message).toMatch(/must be 0 or 1/);
    expect(errorOf(() => fitLogistic([[1], [2]], [0, 1, 1])).kind).toBe('input');
    expect(errorOf(() => fitLogistic([[1], [Number.NaN], [3]], [0, 1, 1])).message).toMatch(/not a finite number/);
    expect(errorOf(() => fitLogistic([[1, 2]], [0], { names: ['a', 'a'] })).message).toMatch(/used twice/);
    expect(errorOf(() => fitLogistic([[1], [2]], [0, 1])).message).toMatch(/cannot estimate 2 coefficients/);
  });
});

describe('fitLogisticL2', () => {
  const design = buildDesign(ucla, ['gre', 'gpa', 'rank'], ['rank']);

  it('equals the maximum-likelihood fit at lambda = 0 and shrinks the slopes, not the intercept, as lambda grows', () => {
    const mle = fitLogistic(design.X, ucla.admit, { names: design.names });
    const zero = fitLogisticL2(design.X, ucla.admit, 0, { names: design.names });
    for (const name of Object.keys(mle.coefficients)) near(zero.coefficients[name]!, mle.coefficients[name]!.estimate, 1e-12);
    const sdGpa = 0.38;
    let previous = Infinity;
    for (const lambda of [0.1, 1, 10, 100]) {
      const fit = fitLogisticL2(design.X, ucla.admit, lambda, { names: design.names });
      const size = Math.abs(fit.coefficients.gpa! * sdGpa);
      expect(size).toBeLessThan(previous);
      previous = size;
    }
    const huge = fitLogisticL2(design.X, ucla.admit, 1e9, { names: design.names });
    for (const name of design.names) expect(Math.abs(huge.coefficients[name]!)).toBeLessThan(1e-6);
    near(huge.coefficients[INTERCEPT]!, Math.log(127 / 273), 1e-6); // the intercept is free: logit of the base rate
  });

  it('solves the penalised score equations Σ(y − μ)x_j = λ β_j for standardised predictors', () => {
    const random = mulberry32(11);
    const raw = Array.from({ length: 120 }, () => [random() * 2, random() * 10 - 3]);
    // Standardise here (mean 0, population sd 1) so the penalty applies to exactly these coefficients.
    const cols = [0, 1].map((j) => {
      const v = raw.map((r) => r[j]!);
      const m = v.reduce((s, x) => s + x, 0) / v.length;
      const sd = Math.sqrt(v.reduce((s, x) => s + (x - m) ** 2, 0) / v.length);
      return v.map((x) => (x - m) / sd);
    });
    const X = raw.map((_, i) => [cols[0]![i]!, cols[1]![i]!]);
    const y = X.map(([a, b]) => (random() < 1 / (1 + Math.exp(-(0.3 + 1.2 * a! - 0.8 * b!))) ? 1 : 0));
    const lambda = 3;
    const fit = fitLogisticL2(X, y, lambda);
    const mu = predictLogistic(fit.beta, X);
    const score = [0, 0, 0];
    X.forEach((row, i) => {
      const r = y[i]! - mu[i]!;
      score[0]! += r;
      score[1]! += r * row[0]!;
      score[2]! += r * row[1]!;
    });
    near(score[0]!, 0, 1e-8);
    near(score[1]!, lambda * fit.beta[1]!, 1e-8);
    near(score[2]!, lambda * fit.beta[2]!, 1e-8);
  });

  it('gives finite estimates under separation, and 0 for a constant predictor', () => {
    const fit = fitLogisticL2([[1, 7], [2, 7], [3, 7], [4, 7], [5, 7], [6, 7]], [0, 0, 0, 1, 1, 1], 0.5, { names: ['score', 'flat'] });
    expect(Number.isFinite(fit.coefficients.score!)).toBe(true);
    expect(fit.coefficients.score!).toBeGreaterThan(0);
    expect(fit.coefficients.flat).toBe(0);
    expect(() => fitLogisticL2([[1]], [0], -1)).toThrow(/non-negative/);
  });
});

describe('crossValidatedAuc and calibrationTable', () => {
  const design = buildDesign(ucla, ['gre', 'gpa', 'rank'], ['rank']);

  it('is deterministic for a seed, stratified, and honest (below the in-sample AUC) on the UCLA data', () => {
    const a = crossValidatedAuc(design.X, ucla.admit, { folds: 5, lambda: 1, seed: 42 });
    const b = crossValidatedAuc(design.X, ucla.admit, { folds: 5, lambda: 1, seed: 42 });
    expect(b).toEqual(a);
    const other = crossValidatedAuc(design.X, ucla.admit, { folds: 5, lambda: 1, seed: 7 });
    expect(other.fold).not.toEqual(a.fold);
    for (let f = 0; f < 5; f++) {
      const inFold = a.fold.map((x, i) => (x === f ? i : -1)).filter((i) => i >= 0);
      expect(Math.abs(inFold.length - 80)).toBeLessThanOrEqual(1);
      const positives = inFold.filter((i) => ucla.admit[i] === 1).length;
      expect(Math.abs(positives - 127 / 5)).toBeLessThan(1);
    }
    const inSample = fitLogistic(design.X, ucla.admit, { names: design.names }).auc!;
    expect(a.auc).toBeGreaterThan(0.6);
    expect(a.auc).toBeLessThan(inSample);
    expect(a.auc).toBe(auc(a.predictions, ucla.admit));
    expect(a.foldAuc).toHaveLength(5);
    expect(a.calibration).toHaveLength(10);
    expect(a.calibration.reduce((s, c) => s + c.n, 0)).toBe(400);
    for (const c of a.calibration) {
      expect(c.meanPredicted).toBeGreaterThanOrEqual(c.minPredicted);
      expect(c.meanPredicted).toBeLessThanOrEqual(c.maxPredicted);
    }
  });

  it('finds a strong signal and refuses degenerate inputs', () => {
    const random = mulberry32(3);
    const X = Array.from({ length: 200 }, () => [random() * 4 - 2]);
    const y = X.map(([x]) => (random() < 1 / (1 + Math.exp(-3 * x!)) ? 1 : 0));
    expect(crossValidatedAuc(X, y, { seed: 1 }).auc).toBeGreaterThan(0.85);
    expect(() => crossValidatedAuc([[1], [2], [3]], [0, 1, 1])).toThrow(/at least 2 observations of each outcome/);
    expect(() => crossValidatedAuc([[1], [2], [3], [4]], [0, 1, 1, 0], { folds: 1 })).toThrow(/folds/);
  });

  it('calibrationTable cuts sorted predictions into equal-sized bins', () => {
    const table = calibrationTable([0.9, 0.1, 0.2, 0.8, 0.5, 0.3], [1, 0, 0, 1, 1, 0], 3);
    expect(table).toEqual([
      { bin: 1, n: 2, minPredicted: 0.1, maxPredicted: 0.2, meanPredicted: 0.15000000000000002, observedRate: 0 },
      { bin: 2, n: 2, minPredicted: 0.3, maxPredicted: 0.5, meanPredicted: 0.4, observedRate: 0.5 },
      { bin: 3, n: 2, minPredicted: 0.8, maxPredicted: 0.9, meanPredicted: 0.8500000000000001, observedRate: 1 },
    ]);
    expect(calibrationTable([0.2, 0.4], [0, 1])).toHaveLength(2);
  });
});

describe('buildDesign', () => {
  it('treatment-codes factors against the first level, numerically when the levels are numbers', () => {
    const d = buildDesign({ level: ['10', '2', '2.0', '9', '10'], x: [1, 2, 3, 4, 5] }, ['x', 'level'], ['level']);
    expect(d.factors.level).toEqual({ reference: '2', levels: ['2', '9', '10'] });
    expect(d.names).toEqual(['x', 'level9', 'level10']);
    expect(d.X).toEqual([
      [1, 0, 1],
      [2, 0, 0],
      [3, 0, 0],
      [4, 1, 0],
      [5, 0, 1],
    ]);
    const s = buildDesign({ team: ['ops', 'eng', 'ops', 'design'] }, ['team'], ['team']);
    expect(s.factors.team!.reference).toBe('design');
    expect(s.names).toEqual(['teameng', 'teamops']);
  });

  it('reports unusable columns', () => {
    expect(() => buildDesign({ g: ['a', 'a'] }, ['g'], ['g'])).toThrow(/single level/);
    expect(() => buildDesign({ x: ['1', 'two'] }, ['x'])).toThrow(/"two"\) is not a number/);
    expect(() => buildDesign({ x: [1] }, ['y'])).toThrow(/no column "y"/);
    expect(() => buildDesign({ x: [1] }, ['x'], ['z'])).toThrow(/not among the predictors/);
  });
});
