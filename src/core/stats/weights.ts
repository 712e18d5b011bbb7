/**
 * Re-weighting competencies toward the ones that predict outcomes, shrunk toward the current
 * weights when the evidence is thin. With r_c the validity of competency c (negative values count
 * as 0) and n the number of hires behind it, the target weight is proportional to r_c; the
 * proposal is λ·target + (1 − λ)·current with λ = n / (n + prior): with n = prior hires the
 * proposal moves halfway. Weights are integers summing to 100 (largest-remainder rounding, ties
 * by id so the result is deterministic).
 */
export interface CompetencyValidity {
  r: number | null;
  n: number;
}

export function roundTo100(raw: Readonly<Record<string, number>>): Record<string, number> {
  const ids = Object.keys(raw).sort();
  const total = ids.reduce((s, id) => s + Math.max(0, raw[id]!), 0);
  if (total <= 0 || ids.length === 0) return Object.fromEntries(ids.map((id) => [id, 0]));
  const scaled = ids.map((id) => ({ id, value: (Math.max(0, raw[id]!) / total) * 100 }));
  const out: Record<string, number> = Object.fromEntries(scaled.map((s) => [s.id, Math.floor(s.value)]));
  let left = 100 - scaled.reduce((s, x) => s + Math.floor(x.value), 0);
  const order = [...scaled].sort((a, b) => b.value - Math.floor(b.value) - (a.value - Math.floor(a.value)) || (a.id < b.id ? -1 : 1));
  for (const s of order) {
    if (left <= 0) break;
    out[s.id]!++;
    left--;
  }
  return out;
}

export function shrunkWeights(
  current: Readonly<Record<string, number>>,
  validity: Readonly<Record<string, CompetencyValidity>>,
  options: { prior?: number } = {},
): { weights: Record<string, number>; lambda: number } | null {
  const prior = options.prior ?? 200;
  const ids = Object.keys(current);
  const positive = ids.map((id) => Math.max(0, validity[id]?.r ?? 0));
  const sum = positive.reduce((a, b) => a + b, 0);
  if (ids.length === 0 || sum <= 0) return null;
  const n = Math.min(...ids.map((id) => validity[id]?.n ?? 0));
  const lambda = n / (n + prior);
  const currentTotal = ids.reduce((s, id) => s + current[id]!, 0) || 1;
  const raw: Record<string, number> = {};
  ids.forEach((id, i) => {
    raw[id] = lambda * (positive[i]! / sum) + (1 - lambda) * (current[id]! / currentTotal);
  });
  return { weights: roundTo100(raw), lambda };
}
