// @vitest-environment happy-dom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { useDomRoot } from '../../testing/dom-root.ts';
import { WeightChart } from './weight-chart.tsx';

const dom = useDomRoot();

describe('WeightChart', () => {
  it('is a table whose values are headed by competency and role, with the numbers printed', () => {
    const roles = [
      { id: 'cpo', title: 'Chief Product Officer', abbreviation: 'CPO' },
      { id: 'cto', title: 'Chief Technology Officer', abbreviation: 'CTO' },
    ];
    const competencies = [
      { competencyId: 'infra', name: 'Infrastructure & operations', weights: { cto: 5 }, shared: false },
      { competencyId: 'biz', name: 'Business acumen', weights: { cpo: 5, cto: 4 }, shared: true },
    ];
    act(() => dom.root.render(<WeightChart roles={roles} competencies={competencies} />));
    const table = dom.container.querySelector('table')!;
    expect(table.querySelector('caption')!.textContent).toContain('Competency weights by role');
    expect([...table.querySelectorAll('thead th')].map((th) => th.textContent?.replace(/[0-9]/g, '').trim())).toEqual(['Competency', 'Role', 'Weight']);
    const groups = [...table.querySelectorAll('tbody')];
    expect(groups).toHaveLength(2);
    const first = groups[0]!;
    expect(first.querySelector('th[scope="rowgroup"]')!.textContent).toBe('Business acumen');
    expect(first.querySelector('th[scope="rowgroup"]')!.getAttribute('rowspan')).toBe('2');
    expect([...first.querySelectorAll('th[scope="row"]')].map((th) => th.textContent)).toEqual(['CPO', 'CTO']);
    expect([...first.querySelectorAll('.weight-chart__value')].map((v) => v.textContent)).toEqual(['5', '4']);
    const bars = [...first.querySelectorAll<HTMLElement>('.weight-chart__bar')];
    expect(bars.map((b) => b.style.width)).toEqual(['100%', '80%']);
    expect(bars.map((b) => b.className)).toEqual(['weight-chart__bar role-color-0', 'weight-chart__bar role-color-1']);
    // A role that does not weigh a competency gets no bar and says so.
    const infra = groups[1]!;
    expect(infra.querySelectorAll('.weight-chart__bar')).toHaveLength(1);
    expect(infra.querySelector('.weight-chart__value')!.textContent).toBe('0 (not weighted)');
    expect([...dom.container.querySelectorAll('.chart-legend li')].map((li) => li.textContent)).toEqual([
      'Chief Product Officer (CPO)',
      'Chief Technology Officer (CTO)',
    ]);
  });
});
