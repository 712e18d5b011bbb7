import { describe, expect, it } from 'vitest';
import { suppressedCells } from './suppression.ts';

describe('suppressedCells', () => {
  it('hides cells of 1–4 people and keeps empty and larger ones', () => {
    expect(suppressedCells([120, 3, 0, 4, 80])).toEqual([false, true, false, true, false]);
  });
  it('hides the smallest shown cell too when only one would be hidden (complementary)', () => {
    // Total 180 minus 100 and 77 would reveal the 3.
    expect(suppressedCells([100, 3, 77])).toEqual([false, true, true]);
    expect(suppressedCells([6, 2, 50])).toEqual([true, true, false]);
  });
  it('leaves tables without small cells alone', () => {
    expect(suppressedCells([5, 5, 9])).toEqual([false, false, false]);
    expect(suppressedCells([])).toEqual([]);
  });
  it('uses the threshold given', () => {
    expect(suppressedCells([9, 10, 11], 10)).toEqual([true, true, false]);
  });
});
