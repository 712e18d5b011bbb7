import { describe, expect, it } from 'vitest';
import { axisTicks, barPercent, chartRows } from './weight-chart.ts';

describe('barPercent', () => {
  it('scales a weight onto the fixed 0–5 track', () => {
    expect(barPercent(5)).toBe(100);
    expect(barPercent(4)).toBe(80);
    expect(barPercent(1)).toBe(20);
    expect(barPercent(0)).toBe(0);
    expect(barPercent(2, 3)).toBe(66.7);
  });

  it('clamps out-of-range and nonsense values', () => {
    expect(barPercent(7)).toBe(100);
    expect(barPercent(-2)).toBe(0);
    expect(barPercent(Number.NaN)).toBe(0);
    expect(barPercent(3, 0)).toBe(0);
  });
});

describe('chartRows', () => {
  const competencies: { competencyId: string; name: string; weights: Record<string, number>; shared: boolean }[] = [
    { competencyId: 'ux', name: 'User experience judgment', weights: { cpo: 4, cto: 2 }, shared: true },
    { competencyId: 'infra', name: 'Infrastructure & operations', weights: { cto: 5 }, shared: false },
    { competencyId: 'biz', name: 'Business acumen', weights: { cpo: 5, cto: 4 }, shared: true },
    { competencyId: 'arch', name: 'Architecture', weights: { cpo: 2, cto: 4 }, shared: true },
  ];

  it('gives one bar per role in the roles’ order, 0 where a role does not weigh the competency', () => {
    const rows = chartRows(competencies, ['cpo', 'cto']);
    const infra = rows.find((r) => r.competencyId === 'infra')!;
    expect(infra.bars).toEqual([
      { roleId: 'cpo', value: 0, percent: 0 },
      { roleId: 'cto', value: 5, percent: 100 },
    ]);
    expect(rows.find((r) => r.competencyId === 'biz')!.bars.map((b) => b.percent)).toEqual([100, 80]);
  });

  it('sorts by combined weight, heaviest first, ties by name', () => {
    expect(chartRows(competencies, ['cpo', 'cto']).map((r) => r.competencyId)).toEqual(['biz', 'arch', 'ux', 'infra']);
    // Only the CTO's weights count when the CTO alone is charted.
    expect(chartRows(competencies, ['cto']).map((r) => r.competencyId)).toEqual(['infra', 'arch', 'biz', 'ux']);
  });

  it('does not reorder the input', () => {
    chartRows(competencies, ['cpo', 'cto']);
    expect(competencies.map((c) => c.competencyId)).toEqual(['ux', 'infra', 'biz', 'arch']);
  });
});

describe('axisTicks', () => {
  it('marks every whole weight from 0 to 5', () => {
    expect(axisTicks()).toEqual([
      { value: 0, percent: 0 },
      { value: 1, percent: 20 },
      { value: 2, percent: 40 },
      { value: 3, percent: 60 },
      { value: 4, percent: 80 },
      { value: 5, percent: 100 },
    ]);
  });
});
