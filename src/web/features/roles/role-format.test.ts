import { describe, expect, it } from 'vitest';
import { canWriteRoles, compareFilename, comparePath, describeOrientation, formatSigned, groupByFamily, orientationPercent, percent } from './role-format.ts';

describe('role formatting', () => {
  it('groups roles by family in library order, dropping empty families', () => {
    const groups = groupByFamily([
      { id: 'cto', family: 'technology' },
      { id: 'cpo', family: 'product' },
      { id: 'vpp', family: 'product' },
      { id: 'x', family: 'other' },
    ]);
    expect(groups.map((g) => [g.family, g.label, g.roles.map((r) => r.id)])).toEqual([
      ['product', 'Product', ['cpo', 'vpp']],
      ['technology', 'Technology', ['cto']],
      ['other', 'other', ['x']],
    ]);
  });

  it('puts orientation on a track and into words', () => {
    expect(orientationPercent(-1)).toBe(0);
    expect(orientationPercent(0)).toBe(50);
    expect(orientationPercent(0.7)).toBe(85);
    expect(orientationPercent(3)).toBe(100);
    expect(describeOrientation(0.7)).toBe('Strongly external, market facing');
    expect(describeOrientation(-0.5)).toBe('Leans internal, technology facing');
    expect(describeOrientation(0.1)).toBe('Balanced between internal technology and the external market');
    expect(formatSigned(0.7)).toBe('+0.7');
    expect(formatSigned(-0.5)).toBe('−0.5');
    expect(formatSigned(0)).toBe('0');
  });

  it('formats similarity figures and comparison links', () => {
    expect(percent(0.316)).toBe('32%');
    expect(percent(1)).toBe('100%');
    expect(comparePath(['cpo', 'cto'])).toBe('/compare/cpo/cto');
    expect(comparePath(['cpo', 'vp-product', 'cto'])).toBe('/compare/cpo/vp-product/cto');
    expect(compareFilename(['cpo', 'cto'])).toBe('cpo-vs-cto.md');
  });

  it('lets owners, admins, recruiters and hiring managers write roles, not interviewers or visitors', () => {
    expect(['owner', 'admin', 'recruiter', 'hiring_manager'].every((r) => canWriteRoles(r as 'owner'))).toBe(true);
    expect(canWriteRoles('interviewer')).toBe(false);
    expect(canWriteRoles(undefined)).toBe(false);
  });
});
