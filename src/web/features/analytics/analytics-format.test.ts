import { describe, expect, it } from 'vitest';
import { ANALYTICS_READERS } from '../../../modules/analytics/analytics.contract.ts';
import { appModules, isModuleVisible } from '../../app/modules.ts';
import { chartFileName, estimateText, iccBand, pct, pValue, rateText, readView, signed, viewSearch } from './analytics-format.ts';
import { intervalDomain, linearScale, niceTicks } from './charts.tsx';

describe('analytics view in the URL', () => {
  it('reads known values, drops what the contract would refuse, and writes a stable query string', () => {
    const view = readView(new URLSearchParams('report=validity&from=2026-01-01&to=not-a-date&jobId=x&source=referral&outcome=retained_12m&by=nope'));
    expect(view).toEqual({ filter: { from: '2026-01-01', source: 'referral' }, report: 'validity', by: 'job', outcome: 'retained_12m', characteristic: 'sex' });
    expect(viewSearch(view)).toBe('?report=validity&from=2026-01-01&source=referral&outcome=retained_12m');
    expect(viewSearch(view, { report: 'funnel', filter: {} })).toBe('?outcome=retained_12m');
    expect(viewSearch(readView(new URLSearchParams('')))).toBe('');
  });
});

describe('numbers', () => {
  it('formats rates, estimates, p-values and ICC bands', () => {
    expect(pct(0.666)).toBe('67%');
    expect(pct(null)).toBe('—');
    expect(signed(0.4)).toBe('+0.4');
    expect(signed(-0.004)).toBe('0');
    expect(rateText({ value: 0.5, lower: 0.3, upper: 0.7, n: 20, count: 10, suppressed: false })).toBe('50% (30–70%), n = 20');
    expect(rateText({ value: null, lower: null, upper: null, n: null, count: null, suppressed: true })).toBe('Suppressed (n < 5)');
    expect(estimateText({ value: 0.123, lower: null, upper: null })).toBe('0.12');
    expect(pValue(0.0004)).toBe('< 0.001');
    expect(pValue(0.0042)).toBe('0.004');
    expect(pValue(0.0123)).toBe('0.01');
    expect([0.3, 0.6, 0.8, 0.95, null].map(iccBand)).toEqual(['poor', 'moderate', 'good', 'excellent', '']);
    expect(chartFileName('funnel', { from: '2026-01-01' })).toBe('rubric-funnel-from-2026-01-01');
  });
});

describe('chart scales', () => {
  it('maps linearly and picks round ticks', () => {
    const x = linearScale([0, 1], [100, 300]);
    expect(x(0.5)).toBe(200);
    expect(linearScale([2, 2], [0, 10])(2)).toBe(5);
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(-0.9, 0.9)).toEqual([-0.5, 0, 0.5]);
    expect(niceTicks(0, 37, 5)).toEqual([0, 10, 20, 30]);
  });

  it('takes the domain from the data, around 0, clamped for correlations', () => {
    const [lo, hi] = intervalDomain([{ value: 0.6, lower: 0.4, upper: 0.8 }], { symmetric: true });
    expect(lo).toBe(-hi);
    expect(hi).toBeGreaterThanOrEqual(0.8);
    expect(intervalDomain([{ value: 0.9, lower: 0.8, upper: 0.99 }], { clamp: [-1, 1] })).toEqual([-0.2, 1]);
    expect(intervalDomain([{ value: null, lower: null, upper: null }])).toEqual([-1.5, 1.5]);
  });
});

describe('navigation', () => {
  it('shows Analytics to owners, admins, recruiters and hiring managers only', () => {
    const analytics = appModules.find((m) => m.path === '/analytics')!;
    expect(analytics.isBuilt).toBe(true);
    expect((['owner', 'admin', 'recruiter', 'hiring_manager', 'interviewer'] as const).filter((r) => isModuleVisible(analytics, r))).toEqual([
      'owner',
      'admin',
      'recruiter',
      'hiring_manager',
    ]);
    expect(analytics.roles).toEqual([...ANALYTICS_READERS]);
    expect(isModuleVisible(analytics, null)).toBe(false);
    expect(isModuleVisible(appModules.find((m) => m.path === '/jobs')!, 'interviewer')).toBe(true);
  });
});
