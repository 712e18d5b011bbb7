/**
 * The comparison chart's model: competency weights of 2–3 roles as grouped horizontal bars on a
 * fixed 0–5 scale (the weight scale), so bars of different comparisons read alike.
 */

export const weightScaleMax = 5;

export interface ChartBar {
  roleId: string;
  value: number;
  /** Bar length, 0–100 % of the track. */
  percent: number;
}

export interface ChartRow {
  competencyId: string;
  name: string;
  shared: boolean;
  bars: ChartBar[];
}

/** Bar length in percent of the track: value / max, clamped to 0–100, one decimal. */
export function barPercent(value: number, max = weightScaleMax): number {
  if (!(max > 0) || !Number.isFinite(value)) return 0;
  const p = (Math.max(0, Math.min(max, value)) / max) * 100;
  return Math.round(p * 10) / 10;
}

/**
 * One row per competency, one bar per role in the roles' order (0 where a role does not weigh it).
 * Rows are sorted by total weight, heaviest first, then by name, so the common core comes first.
 */
export function chartRows(
  competencies: readonly { competencyId: string; name: string; weights: Record<string, number>; shared: boolean }[],
  roleIds: readonly string[],
): ChartRow[] {
  const rows = competencies.map((c) => {
    const bars = roleIds.map((roleId) => {
      const value = c.weights[roleId] ?? 0;
      return { roleId, value, percent: barPercent(value) };
    });
    return { competencyId: c.competencyId, name: c.name, shared: c.shared, bars };
  });
  const total = (r: ChartRow) => r.bars.reduce((s, b) => s + b.value, 0);
  return rows.sort((x, y) => total(y) - total(x) || x.name.localeCompare(y.name));
}

/** Grid lines of the 0–5 axis: value and position. */
export function axisTicks(max = weightScaleMax): { value: number; percent: number }[] {
  return Array.from({ length: max + 1 }, (_, value) => ({ value, percent: barPercent(value, max) }));
}
