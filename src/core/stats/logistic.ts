/**
 * Logistic regression for a binary outcome, by maximum likelihood.
 *
 * Fitting: Newton–Raphson on the log-likelihood, which for the logistic link is the same as
 * iteratively reweighted least squares (IRLS). Each step solves (Xᵀ W X) δ = Xᵀ (y − μ) with
 * W = diag(μ(1 − μ)) by a Cholesky factorisation; if a full step does not lower the deviance it is
 * halved (up to 30 times). The fit stops when the relative change in deviance,
 * |D_old − D_new| / (|D_new| + 0.1), falls below 1e-10 (R's criterion with a tighter tolerance), or
 * after 50 iterations.
 *
 * Numerics: predictors are centred and scaled internally before fitting (a GRE score in the
 * hundreds next to a GPA near 3 otherwise makes Xᵀ W X badly conditioned), and the estimates and
 * their covariance are mapped back to the original scale. Standard errors are the square roots of
 * the diagonal of the inverse Fisher information at the estimate (Wald), so z = estimate / se and
 * p = 2·P(Z > |z|).
 *
 * Failure modes are errors with a message a person can act on, never NaN:
 * - a constant predictor, or one that is a linear combination of the others (checked on the
 *   centred predictors: 1 − R² of each against the ones before it);
 * - an outcome with only one value;
 * - perfect or quasi-complete separation: some combination of predictors splits the outcomes, the
 *   likelihood has no maximum and the coefficients run off to infinity. It shows as fitted
 *   probabilities numerically 0 or 1, or as a fit that does not settle.
 *
 * Also here: an L2-penalised (ridge) fit for prediction, stratified k-fold cross-validated AUC with
 * a seeded shuffle, a calibration table, and treatment coding of factors for a design matrix.
 */
import { auc } from './auc.ts';
import { twoSidedNormalP } from './distributions.ts';
import { mulberry32, type Random } from './random.ts';

export const INTERCEPT = '(Intercept)';

export type LogisticErrorKind = 'input' | 'constant' | 'collinear' | 'outcome' | 'separation' | 'convergence';

/** A fit that cannot be done, with the reason in words. */
export class LogisticError extends Error {
  constructor(
    readonly kind: LogisticErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'LogisticError';
  }
}

export interface CoefficientEstimate {
  estimate: number;
  /** Standard error from the inverse Fisher information. */
  se: number;
  /** Wald statistic estimate / se. */
  z: number;
  /** Two-sided p-value of the Wald statistic. */
  p: number;
}

export interface LogisticFit {
  n: number;
  /** `(Intercept)` first, then the predictors in the order given. */
  coefficients: Record<string, CoefficientEstimate>;
  /** Residual deviance, −2 · log-likelihood (binary outcomes: the saturated model's is 0). */
  deviance: number;
  /** Deviance of the intercept-only model. */
  nullDeviance: number;
  /** deviance + 2 · number of parameters. */
  aic: number;
  /** In-sample AUC of the fitted linear predictor (optimistic: the same data fitted and scored). */
  auc: number | null;
  iterations: number;
  /** Always true for a returned fit: a fit that does not converge is an error. */
  converged: boolean;
}

export interface LogisticOptions {
  /** Names of the predictor columns; default x1, x2, … */
  names?: readonly string[];
  /** Default 50. */
  maxIterations?: number;
  /** Relative deviance change that ends the iteration; default 1e-10. */
  tolerance?: number;
}

type Matrix = readonly (readonly number[])[];

// ---------------------------------------------------------------------------------------------------
// Small dense linear algebra (symmetric positive-definite systems)
// ---------------------------------------------------------------------------------------------------

/**
 * Lower-triangular L with A = L Lᵀ, or the index of the first pivot that is not safely positive
 * (relative to the diagonal entry it came from), which means A is singular or nearly so.
 */
function cholesky(a: readonly Float64Array[], relativeFloor = 1e-12): { l: Float64Array[] } | { failedAt: number } {
  const p = a.length;
  const l = Array.from({ length: p }, () => new Float64Array(p));
  for (let j = 0; j < p; j++) {
    let d = a[j]![j]!;
    for (let k = 0; k < j; k++) d -= l[j]![k]! * l[j]![k]!;
    if (!(d > relativeFloor * Math.abs(a[j]![j]!)) || !Number.isFinite(d)) return { failedAt: j };
    const root = Math.sqrt(d);
    l[j]![j] = root;
    for (let i = j + 1; i < p; i++) {
      let s = a[i]![j]!;
      for (let k = 0; k < j; k++) s -= l[i]![k]! * l[j]![k]!;
      l[i]![j] = s / root;
    }
  }
  return { l };
}

/** Solves L Lᵀ x = b. */
function choleskySolve(l: readonly Float64Array[], b: Float64Array): Float64Array {
  const p = l.length;
  const z = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i]![k]! * z[k]!;
    z[i] = s / l[i]![i]!;
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let k = i + 1; k < p; k++) s -= l[k]![i]! * x[k]!;
    x[i] = s / l[i]![i]!;
  }
  return x;
}

/** A⁻¹ from the Cholesky factor of A, column by column. */
function choleskyInverse(l: readonly Float64Array[]): Float64Array[] {
  const p = l.length;
  const inv = Array.from({ length: p }, () => new Float64Array(p));
  for (let j = 0; j < p; j++) {
    const e = new Float64Array(p);
    e[j] = 1;
    const col = choleskySolve(l, e);
    for (let i = 0; i < p; i++) inv[i]![j] = col[i]!;
  }
  return inv;
}

// ---------------------------------------------------------------------------------------------------
// Shared pieces
// ---------------------------------------------------------------------------------------------------

/** log(1 + eˣ) without overflow. */
function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** Binary-outcome deviance of linear predictors eta: 2 Σ [log(1 + e^η) − y η]. */
function devianceOf(eta: Float64Array, y: Float64Array): number {
  let d = 0;
  for (let i = 0; i < eta.length; i++) d += softplus(eta[i]!) - y[i]! * eta[i]!;
  return 2 * d;
}

interface Prepared {
  n: number;
  k: number;
  names: string[];
  y: Float64Array;
  /** Standardised design with a leading column of ones, row-major (n × (k + 1)). */
  z: Float64Array[];
  means: Float64Array;
  scales: Float64Array;
  positives: number;
}

/** Checks shapes and values, names the columns and standardises the predictors. */
function prepare(X: Matrix, y: readonly number[], names: readonly string[] | undefined, allowConstant: boolean): Prepared {
  const n = y.length;
  if (X.length !== n) throw new LogisticError('input', `the design has ${X.length} rows but the outcome has ${n} values`);
  const k = names ? names.length : (X[0]?.length ?? 0);
  const columnNames = names ? [...names] : Array.from({ length: k }, (_, j) => `x${j + 1}`);
  const seen = new Set<string>([INTERCEPT]);
  for (const name of columnNames) {
    if (seen.has(name)) throw new LogisticError('input', `predictor name "${name}" is used twice`);
    seen.add(name);
  }
  const yy = new Float64Array(n);
  let positives = 0;
  for (let i = 0; i < n; i++) {
    const v = y[i]!;
    if (v !== 0 && v !== 1) throw new LogisticError('input', `outcome value ${i + 1} is ${v}; the outcome must be 0 or 1`);
    yy[i] = v;
    positives += v;
    const row = X[i]!;
    if (row.length !== k) throw new LogisticError('input', `row ${i + 1} has ${row.length} predictor values, expected ${k}`);
    for (let j = 0; j < k; j++) {
      if (!Number.isFinite(row[j]!)) throw new LogisticError('input', `row ${i + 1}: predictor "${columnNames[j]}" is not a finite number`);
    }
  }
  if (n === 0) throw new LogisticError('input', 'no observations');
  if (positives === 0 || positives === n) {
    throw new LogisticError('outcome', `the outcome is ${positives === 0 ? 0 : 1} for every observation; a logistic model needs both outcomes`);
  }
  const means = new Float64Array(k);
  const scales = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const first = X[0]![j]!;
    let constant = true;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const v = X[i]![j]!;
      if (v !== first) constant = false;
      sum += v;
    }
    if (constant) {
      if (!allowConstant) throw new LogisticError('constant', `predictor "${columnNames[j]}" is constant (every value is ${first}); it cannot be estimated next to the intercept`);
      means[j] = first;
      scales[j] = 0;
      continue;
    }
    const mean = sum / n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (X[i]![j]! - mean) ** 2;
    means[j] = mean;
    scales[j] = Math.sqrt(ss / n);
  }
  const z = new Array<Float64Array>(n);
  for (let i = 0; i < n; i++) {
    const row = new Float64Array(k + 1);
    row[0] = 1;
    for (let j = 0; j < k; j++) row[j + 1] = scales[j]! > 0 ? (X[i]![j]! - means[j]!) / scales[j]! : 0;
    z[i] = row;
  }
  return { n, k, names: columnNames, y: yy, z, means, scales, positives };
}

/**
 * Refuses a design whose centred predictors are linearly dependent: the Cholesky pivot of column j
 * of their correlation matrix is 1 − R² of column j regressed on the columns before it.
 */
function checkCollinearity(prep: Prepared): void {
  const { n, k, z, names } = prep;
  if (k === 0) return;
  const corr = Array.from({ length: k }, () => new Float64Array(k));
  for (const row of z) {
    for (let a = 0; a < k; a++) {
      const va = row[a + 1]!;
      for (let b = 0; b <= a; b++) corr[a]![b]! += va * row[b + 1]!;
    }
  }
  for (let a = 0; a < k; a++) for (let b = 0; b <= a; b++) corr[b]![a] = corr[a]![b] = corr[a]![b]! / n;
  const result = cholesky(corr, 1e-10);
  if ('failedAt' in result) {
    const j = result.failedAt;
    const others = names.slice(0, j);
    throw new LogisticError(
      'collinear',
      others.length
        ? `predictor "${names[j]}" is (almost) a linear combination of ${others.map((s) => `"${s}"`).join(', ')} and the intercept; drop one of them`
        : `predictor "${names[j]}" is (almost) constant`,
    );
  }
}

/** η = Z β for every row. */
function linearPredictor(z: readonly Float64Array[], beta: Float64Array): Float64Array {
  const eta = new Float64Array(z.length);
  for (let i = 0; i < z.length; i++) {
    const row = z[i]!;
    let s = 0;
    for (let j = 0; j < beta.length; j++) s += row[j]! * beta[j]!;
    eta[i] = s;
  }
  return eta;
}

/** Zᵀ W Z (+ penalty on the diagonal) and Zᵀ (y − μ) (− penalty · β). */
function normalEquations(z: readonly Float64Array[], y: Float64Array, eta: Float64Array, beta: Float64Array, penalty: Float64Array) {
  const p = beta.length;
  const h = Array.from({ length: p }, () => new Float64Array(p));
  const g = new Float64Array(p);
  let minWeight = Infinity;
  for (let i = 0; i < z.length; i++) {
    const mu = sigmoid(eta[i]!);
    const w = mu * (1 - mu);
    if (w < minWeight) minWeight = w;
    const r = y[i]! - mu;
    const row = z[i]!;
    for (let a = 0; a < p; a++) {
      const wa = w * row[a]!;
      g[a]! += r * row[a]!;
      for (let b = 0; b <= a; b++) h[a]![b]! += wa * row[b]!;
    }
  }
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < a; b++) h[b]![a] = h[a]![b]!;
    h[a]![a]! += penalty[a]!;
    g[a]! -= penalty[a]! * beta[a]!;
  }
  return { h, g, minWeight };
}

interface NewtonResult {
  beta: Float64Array;
  eta: Float64Array;
  deviance: number;
  iterations: number;
  converged: boolean;
  /** Cholesky factor of the (penalised) information at the estimate. */
  l: Float64Array[] | null;
  /**
   * Largest component of the Newton step that would follow the last one (standardised scale). At a
   * true maximum Newton converges quadratically and this is tiny; when the likelihood climbs towards
   * infinity (separation) the steps stay of order one while the deviance barely moves.
   */
  nextStep: number;
}

/**
 * Newton–Raphson with step-halving on the (penalised) deviance. Starts from the intercept-only
 * model. penalty[j] is the ridge weight of coefficient j on the standardised scale (0 for none).
 */
function newton(prep: Prepared, penalty: Float64Array, maxIterations: number, tolerance: number): NewtonResult {
  const { z, y, n, positives } = prep;
  const p = prep.k + 1;
  const objective = (eta: Float64Array, beta: Float64Array) => {
    let pen = 0;
    for (let j = 0; j < p; j++) pen += penalty[j]! * beta[j]! * beta[j]!;
    return devianceOf(eta, y) + pen;
  };
  let beta: Float64Array = new Float64Array(p);
  beta[0] = Math.log(positives / (n - positives));
  let eta: Float64Array = linearPredictor(z, beta);
  let current = objective(eta, beta);
  let converged = false;
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    const { h, g } = normalEquations(z, y, eta, beta, penalty);
    const factor = cholesky(h);
    if ('failedAt' in factor) break; // information singular at this point: diverging (separation)
    const step = choleskySolve(factor.l, g);
    let scale = 1;
    let accepted: { beta: Float64Array; eta: Float64Array; value: number } | null = null;
    for (let halvings = 0; halvings <= 30; halvings++) {
      const candidate = new Float64Array(p);
      for (let j = 0; j < p; j++) candidate[j] = beta[j]! + scale * step[j]!;
      const candEta = linearPredictor(z, candidate);
      const value = objective(candEta, candidate);
      if (Number.isFinite(value) && value <= current * (1 + 1e-15) + 1e-300) {
        accepted = { beta: candidate, eta: candEta, value };
        break;
      }
      scale /= 2;
    }
    if (!accepted) {
      // No step lowers the deviance: we are at the optimum to machine precision.
      converged = true;
      break;
    }
    const change = Math.abs(current - accepted.value) / (Math.abs(accepted.value) + 0.1);
    beta = accepted.beta;
    eta = accepted.eta;
    current = accepted.value;
    if (change < tolerance) {
      converged = true;
      break;
    }
  }
  const { h, g } = normalEquations(z, y, eta, beta, penalty);
  const factor = cholesky(h);
  if (!('l' in factor)) return { beta, eta, deviance: devianceOf(eta, y), iterations, converged, l: null, nextStep: Infinity };
  const next = choleskySolve(factor.l, g);
  const nextStep = next.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  return { beta, eta, deviance: devianceOf(eta, y), iterations, converged, l: factor.l, nextStep };
}

/**
 * Maps standardised coefficients back to the original predictor scale:
 * β_j = β*_j / s_j and β_0 = β*_0 − Σ β*_j m_j / s_j (constant columns, s_j = 0, get 0).
 */
function toOriginalScale(prep: Prepared, betaStd: Float64Array): Float64Array {
  const out = new Float64Array(prep.k + 1);
  out[0] = betaStd[0]!;
  for (let j = 0; j < prep.k; j++) {
    const s = prep.scales[j]!;
    if (s === 0) continue;
    out[j + 1] = betaStd[j + 1]! / s;
    out[0]! -= (betaStd[j + 1]! * prep.means[j]!) / s;
  }
  return out;
}

/** Fitted probabilities this close to 0 or 1 mean the likelihood is still climbing towards a boundary. */
const BOUNDARY = 1e-8;

/** Names the observations and coefficients involved in a separation, for the error message. */
function separationMessage(prep: Prepared, eta: Float64Array, beta: Float64Array): string {
  let atZero = 0;
  let atOne = 0;
  for (const e of eta) {
    const mu = sigmoid(e);
    if (mu < BOUNDARY) atZero++;
    else if (mu > 1 - BOUNDARY) atOne++;
  }
  // The coefficients that drift furthest on the standardised scale are the ones doing the separating.
  const drifting = prep.names
    .map((name, j) => ({ name, size: Math.abs(beta[j + 1]!) }))
    .filter((c) => c.size > 5)
    .sort((a, b) => b.size - a.size)
    .map((c) => `"${c.name}"`);
  return (
    `perfect or quasi-complete separation: the predictors${drifting.length ? ` (${drifting.join(', ')})` : ''} split the outcomes, so the ` +
    `maximum-likelihood estimates do not exist (coefficients grow without bound; ${atZero + atOne} of ${prep.n} fitted probabilities are 0 or 1). ` +
    'Remove or merge the offending predictor or factor level, or use a penalised fit.'
  );
}

/**
 * Maximum-likelihood logistic regression of y (0/1) on the columns of X (rows are observations, no
 * intercept column: it is added and named `(Intercept)`). Throws LogisticError when the model cannot
 * be estimated (see the module comment).
 */
export function fitLogistic(X: Matrix, y: readonly number[], options: LogisticOptions = {}): LogisticFit {
  const maxIterations = options.maxIterations ?? 50;
  const tolerance = options.tolerance ?? 1e-10;
  const prep = prepare(X, y, options.names, false);
  checkCollinearity(prep);
  const p = prep.k + 1;
  if (prep.n <= p) throw new LogisticError('input', `${prep.n} observations cannot estimate ${p} coefficients`);

  const fit = newton(prep, new Float64Array(p), maxIterations, tolerance);
  // Separation: fitted probabilities pinned at 0 or 1 while the estimates are still moving (or the
  // deviance is zero, or the information has vanished). A point at 0 or 1 alone is not enough — an
  // extreme predictor value can put a well-estimated fit there.
  let boundary = false;
  for (const e of fit.eta) {
    const mu = sigmoid(e);
    if (mu < BOUNDARY || mu > 1 - BOUNDARY) boundary = true;
  }
  const diverging = boundary && (!fit.converged || fit.nextStep > 1e-3);
  if (diverging || fit.deviance < 1e-6 || (fit.l === null && boundary)) throw new LogisticError('separation', separationMessage(prep, fit.eta, fit.beta));
  if (!fit.converged) {
    throw new LogisticError('convergence', `the fit did not converge in ${maxIterations} iterations; this usually means (near) separation or extreme predictor values`);
  }
  if (fit.l === null) throw new LogisticError('collinear', 'the information matrix is singular at the estimate; some predictors are (nearly) linearly dependent');

  // Covariance on the original scale: T C Tᵀ, with T the linear map of toOriginalScale.
  const cStd = choleskyInverse(fit.l);
  const t = Array.from({ length: p }, () => new Float64Array(p));
  t[0]![0] = 1;
  for (let j = 0; j < prep.k; j++) {
    t[0]![j + 1] = -prep.means[j]! / prep.scales[j]!;
    t[j + 1]![j + 1] = 1 / prep.scales[j]!;
  }
  const tc = Array.from({ length: p }, () => new Float64Array(p));
  for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) for (let m = 0; m < p; m++) tc[a]![b]! += t[a]![m]! * cStd[m]![b]!;
  const beta = toOriginalScale(prep, fit.beta);
  const coefficients: Record<string, CoefficientEstimate> = {};
  const names = [INTERCEPT, ...prep.names];
  for (let a = 0; a < p; a++) {
    let variance = 0;
    for (let m = 0; m < p; m++) variance += tc[a]![m]! * t[a]![m]!;
    const se = Math.sqrt(variance);
    const estimate = beta[a]!;
    if (!Number.isFinite(se) || !(se > 0)) throw new LogisticError('collinear', `the information matrix is singular for "${names[a]}"`);
    const zStat = estimate / se;
    coefficients[names[a]!] = { estimate, se, z: zStat, p: twoSidedNormalP(zStat) };
  }
  const ybar = prep.positives / prep.n;
  const nullDeviance = -2 * (prep.positives * Math.log(ybar) + (prep.n - prep.positives) * Math.log(1 - ybar));
  return {
    n: prep.n,
    coefficients,
    deviance: fit.deviance,
    nullDeviance,
    aic: fit.deviance + 2 * p,
    auc: auc(Array.from(fit.eta), Array.from(prep.y)),
    iterations: fit.iterations,
    converged: true,
  };
}

// ---------------------------------------------------------------------------------------------------
// Ridge (L2-penalised) fit, prediction, cross-validation, calibration
// ---------------------------------------------------------------------------------------------------

export interface LogisticL2Fit {
  n: number;
  lambda: number;
  /** `(Intercept)` first, then the predictors; on the original scale of the predictors. */
  coefficients: Record<string, number>;
  /** The same coefficients as an array, intercept first, for `predictLogistic`. */
  beta: number[];
  /** Unpenalised deviance of the fitted model on its training data. */
  deviance: number;
  iterations: number;
  converged: boolean;
}

/**
 * Ridge logistic regression: minimises −log L(β) + (λ/2) Σ_{j≥1} β*_j², where β*_j are the
 * coefficients of the predictors after centring and scaling each to unit standard deviation (so the
 * penalty treats every predictor alike whatever its units) and the intercept is not penalised.
 * Coefficients are returned on the original scale. A constant predictor gets coefficient 0. With
 * λ > 0 the estimate always exists, separation or not; λ = 0 is the plain maximum-likelihood fit.
 */
export function fitLogisticL2(X: Matrix, y: readonly number[], lambda: number, options: LogisticOptions = {}): LogisticL2Fit {
  if (!(lambda >= 0) || !Number.isFinite(lambda)) throw new LogisticError('input', `lambda must be a non-negative number (got ${lambda})`);
  if (lambda === 0) {
    const fit = fitLogistic(X, y, options);
    const entries = Object.entries(fit.coefficients).map(([name, c]) => [name, c.estimate] as const);
    return { n: fit.n, lambda, coefficients: Object.fromEntries(entries), beta: entries.map(([, v]) => v), deviance: fit.deviance, iterations: fit.iterations, converged: true };
  }
  const prep = prepare(X, y, options.names, true);
  const p = prep.k + 1;
  // The objective above, doubled to match the deviance scale (D = −2 log L): D + λ Σ β*².
  const penalty = new Float64Array(p);
  for (let j = 1; j < p; j++) penalty[j] = lambda;
  const fit = newton(prep, penalty, options.maxIterations ?? 50, options.tolerance ?? 1e-10);
  if (!fit.converged) throw new LogisticError('convergence', `the penalised fit did not converge in ${options.maxIterations ?? 50} iterations`);
  const beta = Array.from(toOriginalScale(prep, fit.beta));
  const names = [INTERCEPT, ...prep.names];
  return {
    n: prep.n,
    lambda,
    coefficients: Object.fromEntries(names.map((name, j) => [name, beta[j]!])),
    beta,
    deviance: fit.deviance,
    iterations: fit.iterations,
    converged: true,
  };
}

/** Predicted probabilities for rows of X (no intercept column) from coefficients with the intercept first. */
export function predictLogistic(beta: readonly number[], X: Matrix): number[] {
  return X.map((row, i) => {
    if (row.length !== beta.length - 1) throw new LogisticError('input', `row ${i + 1} has ${row.length} values, the model has ${beta.length - 1} predictors`);
    let eta = beta[0]!;
    for (let j = 0; j < row.length; j++) eta += beta[j + 1]! * row[j]!;
    return sigmoid(eta);
  });
}

export interface CalibrationBin {
  /** 1-based bin number, lowest predictions first. */
  bin: number;
  n: number;
  minPredicted: number;
  maxPredicted: number;
  meanPredicted: number;
  /** Share of positive outcomes in the bin. */
  observedRate: number;
}

/**
 * Calibration table: observations sorted by predicted probability and cut into `bins` groups of
 * equal size (sizes differ by at most one; deciles by default), each with its mean prediction and
 * observed rate. Equal predictions can straddle a cut. With fewer observations than bins, there is
 * one bin per observation.
 */
export function calibrationTable(predicted: readonly number[], y: readonly number[], bins = 10): CalibrationBin[] {
  if (predicted.length !== y.length) throw new LogisticError('input', `${predicted.length} predictions but ${y.length} outcomes`);
  if (!Number.isInteger(bins) || bins < 1) throw new LogisticError('input', `bins must be a positive integer (got ${bins})`);
  const n = predicted.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => predicted[a]! - predicted[b]! || a - b);
  const count = Math.min(bins, n);
  const table: CalibrationBin[] = [];
  for (let b = 0; b < count; b++) {
    const start = Math.floor((b * n) / count);
    const end = Math.floor(((b + 1) * n) / count);
    let sumP = 0;
    let sumY = 0;
    for (let r = start; r < end; r++) {
      sumP += predicted[order[r]!]!;
      sumY += y[order[r]!]!;
    }
    const size = end - start;
    table.push({
      bin: b + 1,
      n: size,
      minPredicted: predicted[order[start]!]!,
      maxPredicted: predicted[order[end - 1]!]!,
      meanPredicted: sumP / size,
      observedRate: sumY / size,
    });
  }
  return table;
}

export interface CrossValidationOptions {
  /** Number of folds; default 5. */
  folds?: number;
  /** Ridge penalty (see fitLogisticL2); default 1. */
  lambda?: number;
  /** Seed of the shuffle that assigns folds; default 1. The same seed gives the same folds. */
  seed?: number;
  names?: readonly string[];
  /** Calibration bins; default 10. */
  bins?: number;
}

export interface CrossValidationResult {
  folds: number;
  lambda: number;
  seed: number;
  /** AUC of all out-of-fold predictions pooled; null when one outcome is absent. */
  auc: number | null;
  /** AUC within each fold (null for a fold holding only one outcome). */
  foldAuc: (number | null)[];
  /** Out-of-fold predicted probability of every observation, in input order. */
  predictions: number[];
  /** The fold (0-based) each observation was held out in, in input order. */
  fold: number[];
  /** Calibration of the out-of-fold predictions. */
  calibration: CalibrationBin[];
}

function shuffle<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/**
 * Stratified k-fold cross-validated AUC of the ridge model: positives and negatives are shuffled
 * separately with a seeded mulberry32 generator and dealt round-robin into the folds, so every fold
 * has (nearly) the same outcome mix and the result is reproducible. Each fold is predicted by a
 * model fitted on the others.
 */
export function crossValidatedAuc(X: Matrix, y: readonly number[], options: CrossValidationOptions = {}): CrossValidationResult {
  const folds = options.folds ?? 5;
  const lambda = options.lambda ?? 1;
  const seed = options.seed ?? 1;
  const n = y.length;
  if (X.length !== n) throw new LogisticError('input', `the design has ${X.length} rows but the outcome has ${n} values`);
  if (!Number.isInteger(folds) || folds < 2) throw new LogisticError('input', `folds must be an integer of at least 2 (got ${folds})`);
  const pos: number[] = [];
  const neg: number[] = [];
  y.forEach((v, i) => {
    if (v === 1) pos.push(i);
    else if (v === 0) neg.push(i);
    else throw new LogisticError('input', `outcome value ${i + 1} is ${v}; the outcome must be 0 or 1`);
  });
  if (pos.length < 2 || neg.length < 2) {
    throw new LogisticError('outcome', `cross-validation needs at least 2 observations of each outcome (have ${pos.length} positive, ${neg.length} negative)`);
  }
  if (folds > n) throw new LogisticError('input', `${folds} folds need at least ${folds} observations (have ${n})`);
  const random = mulberry32(seed);
  const fold = new Int32Array(n);
  shuffle(pos, random).forEach((i, r) => (fold[i] = r % folds));
  shuffle(neg, random).forEach((i, r) => (fold[i] = (r + pos.length) % folds));

  const predictions = new Array<number>(n).fill(0);
  const foldAuc: (number | null)[] = [];
  for (let f = 0; f < folds; f++) {
    const train: number[] = [];
    const test: number[] = [];
    for (let i = 0; i < n; i++) (fold[i] === f ? test : train).push(i);
    const model = fitLogisticL2(
      train.map((i) => X[i]!),
      train.map((i) => y[i]!),
      lambda,
      options.names ? { names: options.names } : {},
    );
    const predicted = predictLogistic(model.beta, test.map((i) => X[i]!));
    test.forEach((i, r) => (predictions[i] = predicted[r]!));
    foldAuc.push(auc(predicted, test.map((i) => y[i]!)));
  }
  return {
    folds,
    lambda,
    seed,
    auc: auc(predictions, y),
    foldAuc,
    predictions,
    fold: Array.from(fold),
    calibration: calibrationTable(predictions, y, options.bins ?? 10),
  };
}

// ---------------------------------------------------------------------------------------------------
// Design matrices with treatment-coded factors
// ---------------------------------------------------------------------------------------------------

export interface FactorCoding {
  /** The reference level (first in sorted order), absorbed into the intercept. */
  reference: string;
  /** All levels in sorted order, reference first. */
  levels: string[];
}

export interface Design {
  X: number[][];
  /** Column names: numeric predictors by name, factor dummies as `<column><level>`. */
  names: string[];
  factors: Record<string, FactorCoding>;
}

const NUMBER_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Builds a design matrix from columns. Numeric predictors are used as they are; predictors listed in
 * `factors` are treatment-coded against their first level in sorted order — numeric order when
 * every level is a number (2 before 10), otherwise code-unit order — with one 0/1 column per other
 * level, named column + level (`rank2`). Numeric levels are normalised ("2.0" and "2" are one level).
 */
export function buildDesign(columns: Readonly<Record<string, readonly (string | number)[]>>, predictors: readonly string[], factors: readonly string[] = []): Design {
  const factorSet = new Set(factors);
  for (const f of factors) if (!predictors.includes(f)) throw new LogisticError('input', `factor "${f}" is not among the predictors`);
  const n = predictors.length ? (columns[predictors[0]!]?.length ?? 0) : 0;
  const blocks: { names: string[]; values: (i: number) => number[] }[] = [];
  const coding: Record<string, FactorCoding> = {};
  for (const name of predictors) {
    const col = columns[name];
    if (!col) throw new LogisticError('input', `no column "${name}"`);
    if (col.length !== n) throw new LogisticError('input', `column "${name}" has ${col.length} values, expected ${n}`);
    if (!factorSet.has(name)) {
      const nums = col.map((v, i) => {
        const x = typeof v === 'number' ? v : NUMBER_PATTERN.test(v.trim()) ? Number(v) : Number.NaN;
        if (!Number.isFinite(x)) throw new LogisticError('input', `column "${name}", value ${i + 1} ("${v}") is not a number`);
        return x;
      });
      blocks.push({ names: [name], values: (i) => [nums[i]!] });
      continue;
    }
    const raw = col.map((v) => (typeof v === 'number' ? String(v) : v.trim()));
    const numeric = raw.every((v) => NUMBER_PATTERN.test(v));
    const labels = numeric ? raw.map((v) => String(Number(v))) : raw;
    const levels = [...new Set(labels)].sort(numeric ? (a, b) => Number(a) - Number(b) : (a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (levels.length < 2) throw new LogisticError('constant', `factor "${name}" has a single level ("${levels[0] ?? ''}"); it cannot be estimated next to the intercept`);
    coding[name] = { reference: levels[0]!, levels };
    const others = levels.slice(1);
    blocks.push({ names: others.map((l) => `${name}${l}`), values: (i) => others.map((l) => (labels[i] === l ? 1 : 0)) });
  }
  const X = Array.from({ length: n }, (_, i) => blocks.flatMap((b) => b.values(i)));
  return { X, names: blocks.flatMap((b) => b.names), factors: coding };
}
