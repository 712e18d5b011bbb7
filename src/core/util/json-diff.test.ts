import { describe, expect, it } from 'vitest';
import { diffJson } from './json-diff.ts';

describe('diffJson', () => {
  it('reports changed leaves, added and removed keys, by dotted path in key order', () => {
    expect(diffJson({ a: 1, b: { c: 'x', d: [1, 2] }, e: true }, { a: 1, b: { c: 'y', d: [1, 3, 4] }, f: null })).toEqual([
      { path: 'b.c', kind: 'changed', before: 'x', after: 'y' },
      { path: 'b.d.1', kind: 'changed', before: 2, after: 3 },
      { path: 'b.d.2', kind: 'added', after: 4 },
      { path: 'e', kind: 'removed', before: true },
      { path: 'f', kind: 'added', after: null },
    ]);
  });

  it('is empty for equal values and reports a type change at its path', () => {
    expect(diffJson({ x: [1, { y: 2 }] }, { x: [1, { y: 2 }] })).toEqual([]);
    expect(diffJson({ x: [1] }, { x: { 0: 1 } })).toEqual([{ path: 'x', kind: 'changed', before: [1], after: { 0: 1 } }]);
    expect(diffJson(1, 2)).toEqual([{ path: '(root)', kind: 'changed', before: 1, after: 2 }]);
  });
});
