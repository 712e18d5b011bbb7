/**
 * Probability distributions for the statistics in `core/stats`. Pure functions of their arguments.
 *
 * What is here
 * - Normal: `normalCdf`, `normalSf` (upper tail, computed directly so it keeps relative accuracy far
 *   into the tail instead of forming 1 − Φ(x)), `normalQuantile`, `twoSidedNormalP`.
 * - Special functions: `logGamma` (Lanczos series, g = 7, 9 terms), the regularized incomplete gamma
 *   functions `regularizedGammaP` / `regularizedGammaQ` (power series below x < a + 1, Legendre's
 *   continued fraction above it, evaluated with the modified Lentz method), and the regularized
 *   incomplete beta `regularizedBeta` (continued fraction with Lentz's method, using the reflection
 *   I_x(a, b) = 1 − I_{1−x}(b, a) on the side where the fraction converges slowly) with its inverse
 *   `inverseRegularizedBeta` (safeguarded Newton iteration inside a shrinking bisection bracket).
 * - Student t: `studentTCdf`, `studentTSf`, `studentTTwoSidedP`, `studentTQuantile`, through
 *   P(|T| > t) = I_{ν/(ν+t²)}(ν/2, 1/2).
 * - F: `fCdf`, `fSf`, `fQuantile`, through P(F ≤ f) = I_{d1·f/(d1·f+d2)}(d1/2, d2/2); the quantile
 *   inverts the incomplete beta and maps back with f = d2·x / (d1·(1 − x)).
 * - Chi-square: `chiSquareCdf`, `chiSquareSf`, through P(X ≤ x) = P(k/2, x/2).
 *
 * The normal tail uses erfc(z) = Q(1/2, z²), so Φ and its complement come from the same well-behaved
 * continued fraction (relative error ≈ 1e-15 down to the double-precision underflow near z ≈ 38).
 * The normal quantile starts from Acklam's rational approximation (relative error ≈ 1.15e-9) and is
 * polished with Halley steps against that accurate tail, which brings it to ≈ 1e-15.
 *
 * Arguments out of a function's domain (NaN, a probability outside (0, 1), non-positive degrees of
 * freedom) throw a RangeError: they are programming errors, and the statistics built on these
 * functions check their own inputs first and return `null` with a reason instead.
 *
 * References: Abramowitz & Stegun (1964) 6.5, 26.2, 26.5–26.7; Lentz (1976) and Thompson & Barnett
 * (1986) for the continued-fraction evaluation; Lanczos (1964); P. J. Acklam, "An algorithm for
 * computing the inverse normal cumulative distribution function" (2003).
 */

const EPS = 1e-16;
/** Lentz's method replaces a zero denominator with this tiny number. */
const TINY = 1e-300;
const MAX_ITER = 10_000;
const SQRT_2PI = Math.sqrt(2 * Math.PI);
const LN_SQRT_PI = 0.5 * Math.log(Math.PI);

function requireNumber(name: string, x: number): void {
  if (typeof x !== 'number' || Number.isNaN(x)) throw new RangeError(`${name} must be a number, got ${String(x)}`);
}

function requirePositive(name: string, x: number): void {
  if (!(x > 0) || !Number.isFinite(x)) throw new RangeError(`${name} must be a positive finite number, got ${String(x)}`);
}

function requireProbability(name: string, p: number): void {
  if (!(p > 0 && p < 1)) throw new RangeError(`${name} must lie strictly between 0 and 1, got ${String(p)}`);
}

// ---------------------------------------------------------------------------------------------------
// Gamma function family
// ---------------------------------------------------------------------------------------------------

/** Lanczos coefficients for g = 7, n = 9 (good to about 15 significant digits for Re z > 0.5). */
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0. */
export function logGamma(x: number): number {
  requirePositive('x', x);
  if (x === 0.5) return LN_SQRT_PI;
  if (x === 1 || x === 2) return 0;
  if (x < 0.5) {
    // Reflection: Γ(x)Γ(1 − x) = π / sin(πx).
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  }
  const z = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i]! / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b). */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/** x^a e^{−x} / Γ(a), the common prefactor of both incomplete-gamma expansions. */
function gammaPrefactor(a: number, x: number): number {
  return Math.exp(a * Math.log(x) - x - logGamma(a));
}

/** Power series γ(a, x)/Γ(a) = x^a e^{−x}/Γ(a+1) · Σ xⁿ / ((a+1)…(a+n)); converges fast for x < a + 1. */
function gammaPSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < MAX_ITER; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPS) break;
  }
  return sum * gammaPrefactor(a, x);
}

/** Continued fraction for Γ(a, x)/Γ(a), evaluated with modified Lentz; converges fast for x ≥ a + 1. */
function gammaQContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITER; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return h * gammaPrefactor(a, x);
}

/** Regularized lower incomplete gamma P(a, x) = γ(a, x)/Γ(a), for a > 0 and x ≥ 0. */
export function regularizedGammaP(a: number, x: number): number {
  requirePositive('a', a);
  requireNumber('x', x);
  if (x < 0) throw new RangeError(`x must be non-negative, got ${x}`);
  if (x === 0) return 0;
  if (x === Infinity) return 1;
  return x < a + 1 ? gammaPSeries(a, x) : 1 - gammaQContinuedFraction(a, x);
}

/** Regularized upper incomplete gamma Q(a, x) = 1 − P(a, x), accurate when it is tiny. */
export function regularizedGammaQ(a: number, x: number): number {
  requirePositive('a', a);
  requireNumber('x', x);
  if (x < 0) throw new RangeError(`x must be non-negative, got ${x}`);
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  return x < a + 1 ? 1 - gammaPSeries(a, x) : gammaQContinuedFraction(a, x);
}

// ---------------------------------------------------------------------------------------------------
// Normal distribution
// ---------------------------------------------------------------------------------------------------

/** Complementary error function for z ≥ 0 via erfc(z) = Q(1/2, z²). */
function erfcNonNegative(z: number): number {
  if (z === 0) return 1;
  return regularizedGammaQ(0.5, z * z);
}

/** Upper tail of the standard normal, P(Z > x). Keeps full relative accuracy for large x. */
export function normalSf(x: number): number {
  requireNumber('x', x);
  if (x === Infinity) return 0;
  if (x === -Infinity) return 1;
  if (x >= 0) return 0.5 * erfcNonNegative(x / Math.SQRT2);
  return 1 - 0.5 * erfcNonNegative(-x / Math.SQRT2);
}

/** Standard normal CDF Φ(x) = P(Z ≤ x). */
export function normalCdf(x: number): number {
  requireNumber('x', x);
  return normalSf(-x);
}

/** Standard normal density φ(x). */
export function normalPdf(x: number): number {
  requireNumber('x', x);
  return Math.exp(-0.5 * x * x) / SQRT_2PI;
}

/** Two-sided p-value of a z statistic: P(|Z| ≥ |z|) = 2·P(Z > |z|). */
export function twoSidedNormalP(z: number): number {
  requireNumber('z', z);
  return Math.min(1, 2 * normalSf(Math.abs(z)));
}

// Acklam's rational approximation: a central rational function in (p − 1/2)² and a tail rational
// function in sqrt(−2 ln p), joined at p = 0.02425.
const ACKLAM_A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const ACKLAM_B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const ACKLAM_C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const ACKLAM_D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const ACKLAM_SPLIT = 0.02425;

/** Horner evaluation of c[0]·x^(n−1) + … + c[n−1]. */
function horner(coefficients: readonly number[], x: number): number {
  let acc = 0;
  for (const c of coefficients) acc = acc * x + c;
  return acc;
}

/** Quantile for a lower-tail probability p ≤ 1/2 (so the answer is ≤ 0). */
function lowerNormalQuantile(p: number): number {
  let x: number;
  if (p < ACKLAM_SPLIT) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = horner(ACKLAM_C, q) / (horner(ACKLAM_D, q) * q + 1);
  } else {
    const q = p - 0.5;
    const r = q * q;
    x = (horner(ACKLAM_A, r) * q) / (horner(ACKLAM_B, r) * r + 1);
  }
  // Halley refinement: f(x) = Φ(x) − p, f' = φ(x), f'' = −x·φ(x). The lower tail is computed
  // directly (no cancellation), so two steps take the 1e-9 start to machine precision.
  for (let i = 0; i < 3; i++) {
    const density = normalPdf(x);
    if (density === 0) break;
    const u = (normalCdf(x) - p) / density;
    const step = u / (1 + 0.5 * x * u);
    x -= step;
    if (Math.abs(step) <= 1e-15 * Math.max(1, Math.abs(x))) break;
  }
  return x;
}

/**
 * Standard normal quantile Φ⁻¹(p) for 0 < p < 1 (Acklam's approximation refined with Halley steps,
 * ≈ 1e-15). Upper-half probabilities are handled by symmetry, Φ⁻¹(p) = −Φ⁻¹(1 − p), which is exact
 * in floating point for p ≥ 1/2.
 */
export function normalQuantile(p: number): number {
  requireProbability('p', p);
  if (p === 0.5) return 0;
  return p < 0.5 ? lowerNormalQuantile(p) : -lowerNormalQuantile(1 - p);
}

// ---------------------------------------------------------------------------------------------------
// Incomplete beta
// ---------------------------------------------------------------------------------------------------

/** Continued fraction for I_x(a, b) (without the prefactor), modified Lentz. Best for x < (a+1)/(a+b+2). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < MAX_ITER; m++) {
    const m2 = 2 * m;
    // Even step.
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    // Odd step.
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return h;
}

/** x^a (1−x)^b / (a·B(a, b)). */
function betaPrefactor(a: number, b: number, x: number): number {
  return Math.exp(a * Math.log(x) + b * Math.log1p(-x) - logBeta(a, b)) / a;
}

/** Regularized incomplete beta I_x(a, b) for a, b > 0 and 0 ≤ x ≤ 1. */
export function regularizedBeta(x: number, a: number, b: number): number {
  requirePositive('a', a);
  requirePositive('b', b);
  requireNumber('x', x);
  if (x < 0 || x > 1) throw new RangeError(`x must lie in [0, 1], got ${x}`);
  if (x === 0) return 0;
  if (x === 1) return 1;
  if (x < (a + 1) / (a + b + 2)) return betaPrefactor(a, b, x) * betaContinuedFraction(a, b, x);
  return 1 - betaPrefactor(b, a, 1 - x) * betaContinuedFraction(b, a, 1 - x);
}

/**
 * Inverse of the regularized incomplete beta: the x in (0, 1) with I_x(a, b) = p. Newton steps on
 * the CDF (derivative x^(a−1)(1−x)^(b−1)/B(a, b)) inside a bisection bracket that shrinks every
 * iteration; any step that leaves the bracket is replaced by bisection, so it always converges.
 */
export function inverseRegularizedBeta(p: number, a: number, b: number): number {
  requireProbability('p', p);
  requirePositive('a', a);
  requirePositive('b', b);
  const lnB = logBeta(a, b);
  let lo = 0;
  let hi = 1;
  // Start from the mean, which is always inside the bracket.
  let x = a / (a + b);
  for (let i = 0; i < 1000; i++) {
    const f = regularizedBeta(x, a, b) - p;
    if (f === 0) return x;
    if (f < 0) lo = x;
    else hi = x;
    const density = Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - lnB);
    let next = density > 0 && Number.isFinite(density) ? x - f / density : Number.NaN;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - x) <= 1e-15 * x || next === lo || next === hi) return next;
    x = next;
  }
  return x;
}

// ---------------------------------------------------------------------------------------------------
// Student t
// ---------------------------------------------------------------------------------------------------

/** P(T > t) for a Student t with `df` degrees of freedom (df > 0, need not be an integer). */
export function studentTSf(t: number, df: number): number {
  requireNumber('t', t);
  requirePositive('df', df);
  if (t === Infinity) return 0;
  if (t === -Infinity) return 1;
  const half = 0.5 * regularizedBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? half : 1 - half;
}

/** P(T ≤ t) for a Student t with `df` degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  requireNumber('t', t);
  return studentTSf(-t, df);
}

/** Two-sided p-value P(|T| ≥ |t|) for a Student t with `df` degrees of freedom. */
export function studentTTwoSidedP(t: number, df: number): number {
  requireNumber('t', t);
  requirePositive('df', df);
  if (!Number.isFinite(t)) return 0;
  return Math.min(1, regularizedBeta(df / (df + t * t), df / 2, 0.5));
}

/** Quantile of Student's t: the t with P(T ≤ t) = p. */
export function studentTQuantile(p: number, df: number): number {
  requireProbability('p', p);
  requirePositive('df', df);
  if (p === 0.5) return 0;
  // P(|T| > t) = 2·min(p, 1−p) = I_x(df/2, 1/2) with x = df/(df + t²).
  const tail = 2 * Math.min(p, 1 - p);
  const x = inverseRegularizedBeta(tail, df / 2, 0.5);
  const t = Math.sqrt((df * (1 - x)) / x);
  return p < 0.5 ? -t : t;
}

// ---------------------------------------------------------------------------------------------------
// F
// ---------------------------------------------------------------------------------------------------

/** P(F ≤ f) for an F distribution with (df1, df2) degrees of freedom. */
export function fCdf(f: number, df1: number, df2: number): number {
  requireNumber('f', f);
  requirePositive('df1', df1);
  requirePositive('df2', df2);
  if (f <= 0) return 0;
  if (f === Infinity) return 1;
  return regularizedBeta((df1 * f) / (df1 * f + df2), df1 / 2, df2 / 2);
}

/** P(F > f), computed as I_{df2/(df2+df1·f)}(df2/2, df1/2) so small tails stay accurate. */
export function fSf(f: number, df1: number, df2: number): number {
  requireNumber('f', f);
  requirePositive('df1', df1);
  requirePositive('df2', df2);
  if (f <= 0) return 1;
  if (f === Infinity) return 0;
  return regularizedBeta(df2 / (df2 + df1 * f), df2 / 2, df1 / 2);
}

/** Quantile of the F distribution: the f with P(F ≤ f) = p. */
export function fQuantile(p: number, df1: number, df2: number): number {
  requireProbability('p', p);
  requirePositive('df1', df1);
  requirePositive('df2', df2);
  // Invert in the beta variable x = df1·f/(df1·f + df2) ∈ (0, 1), which is bounded; when p is in the
  // upper half, invert the complementary beta instead so 1 − x keeps its precision.
  if (p <= 0.5) {
    const x = inverseRegularizedBeta(p, df1 / 2, df2 / 2);
    return (df2 * x) / (df1 * (1 - x));
  }
  const y = inverseRegularizedBeta(1 - p, df2 / 2, df1 / 2); // y = 1 − x
  return (df2 * (1 - y)) / (df1 * y);
}

// ---------------------------------------------------------------------------------------------------
// Chi-square
// ---------------------------------------------------------------------------------------------------

/** P(X ≤ x) for a chi-square with `df` degrees of freedom. */
export function chiSquareCdf(x: number, df: number): number {
  requireNumber('x', x);
  requirePositive('df', df);
  if (x <= 0) return 0;
  return regularizedGammaP(df / 2, x / 2);
}

/** P(X > x) for a chi-square with `df` degrees of freedom. */
export function chiSquareSf(x: number, df: number): number {
  requireNumber('x', x);
  requirePositive('df', df);
  if (x <= 0) return 1;
  return regularizedGammaQ(df / 2, x / 2);
}
