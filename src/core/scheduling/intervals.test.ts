import { describe, expect, it } from 'vitest';
import { covers, intersect, normalize, subtract } from './intervals.ts';

const iv = (pairs: [number, number][]) => pairs.map(([start, end]) => ({ start, end }));

describe('interval algebra', () => {
  it('normalizes: sorts, merges touching and overlapping, drops empty', () => {
    expect(normalize(iv([[5, 7], [1, 3], [3, 4], [6, 9], [10, 10]]))).toEqual(iv([[1, 4], [5, 9]]));
  });
  it('subtracts', () => {
    expect(subtract(iv([[0, 10], [20, 30]]), iv([[2, 4], [8, 22], [29, 40]]))).toEqual(iv([[0, 2], [4, 8], [22, 29]]));
    expect(subtract(iv([[0, 10]]), [])).toEqual(iv([[0, 10]]));
    expect(subtract(iv([[0, 10]]), iv([[0, 10]]))).toEqual([]);
  });
  it('intersects', () => {
    expect(intersect(iv([[0, 10], [20, 30]]), iv([[5, 25], [28, 40]]))).toEqual(iv([[5, 10], [20, 25], [28, 30]]));
  });
  it('tells whether a span is covered by one interval', () => {
    const list = normalize(iv([[0, 10], [20, 30]]));
    expect(covers(list, 2, 10)).toBe(true);
    expect(covers(list, 8, 12)).toBe(false);
    expect(covers(list, 20, 30)).toBe(true);
    expect(covers(list, 15, 16)).toBe(false);
    expect(covers([], 0, 1)).toBe(false);
  });
});
