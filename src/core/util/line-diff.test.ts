import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type LineChange, diffLines, maxDiffCells, splitLines } from './line-diff.ts';

const same = (text: string): LineChange => ({ kind: 'same', text });
const added = (text: string): LineChange => ({ kind: 'added', text });
const removed = (text: string): LineChange => ({ kind: 'removed', text });

/** The lines kept when the changes of one kind are dropped. */
const keep = (diff: LineChange[], kind: 'added' | 'removed') => diff.filter((c) => c.kind === 'same' || c.kind === kind).map((c) => c.text);

describe('splitLines', () => {
  it.each<[string, string[]]>([
    ['', []],
    ['a', ['a']],
    ['a\n', ['a']],
    ['a\nb', ['a', 'b']],
    ['a\r\nb\r\n', ['a', 'b']],
    ['a\rb', ['a', 'b']],
    ['\n', ['']],
    ['a\n\n', ['a', '']],
    ['\n\na', ['', '', 'a']],
  ])('%j', (text, lines) => {
    expect(splitLines(text)).toEqual(lines);
  });
});

describe('diffLines', () => {
  it('reports an insertion in the middle', () => {
    expect(diffLines('a\nb\nc\n', 'a\nb\nnew\nc\n')).toEqual([same('a'), same('b'), added('new'), same('c')]);
  });

  it('reports insertions at the start and the end', () => {
    expect(diffLines('b\n', 'a\nb\nc\n')).toEqual([added('a'), same('b'), added('c')]);
  });

  it('reports a deletion', () => {
    expect(diffLines('a\nb\nc\nd', 'a\nd')).toEqual([same('a'), removed('b'), removed('c'), same('d')]);
  });

  it('reports a replacement as removals before additions', () => {
    expect(diffLines('a\nold 1\nold 2\nz', 'a\nnew 1\nz')).toEqual([same('a'), removed('old 1'), removed('old 2'), added('new 1'), same('z')]);
  });

  it('finds the longest common subsequence in a changed middle', () => {
    expect(diffLines('x\na\nb\nc\ny', 'x\nb\nq\nc\na\ny')).toEqual([same('x'), removed('a'), same('b'), added('q'), same('c'), added('a'), same('y')]);
    // The classic example: ABCBDAB against BDCABA has a common subsequence of four.
    const d = diffLines([...'ABCBDAB'].join('\n'), [...'BDCABA'].join('\n'));
    expect(d.filter((c) => c.kind === 'same')).toHaveLength(4);
    // Ties go to removing first, which here keeps B, D, A, B.
    expect(d).toEqual([removed('A'), same('B'), removed('C'), removed('B'), same('D'), added('C'), same('A'), same('B'), added('A')]);
  });

  it('is all same for identical texts, whatever their line endings', () => {
    expect(diffLines('a\nb', 'a\nb')).toEqual([same('a'), same('b')]);
    expect(diffLines('a\r\nb\r\n', 'a\nb')).toEqual([same('a'), same('b')]);
    expect(diffLines('a\rb\n', 'a\r\nb')).toEqual([same('a'), same('b')]);
  });

  it('handles empty sides', () => {
    expect(diffLines('', '')).toEqual([]);
    expect(diffLines('', 'a\nb\n')).toEqual([added('a'), added('b')]);
    expect(diffLines('a\nb\n', '')).toEqual([removed('a'), removed('b')]);
  });

  it('treats blank lines as lines, but not a final newline', () => {
    expect(diffLines('a\n', 'a\n\n')).toEqual([same('a'), added('')]);
    expect(diffLines('a\n\nb', 'a\nb')).toEqual([same('a'), removed(''), same('b')]);
    expect(diffLines('\n', '')).toEqual([removed('')]);
  });

  it('keeps whitespace differences inside lines', () => {
    expect(diffLines('a \nb', 'a\nb')).toEqual([removed('a '), added('a'), same('b')]);
  });

  it('diffs two 2,000-line texts exactly', () => {
    const a = Array.from({ length: 2000 }, (_, i) => `line ${i}`);
    // Every third line changed, so the middle is nearly the whole text.
    const b = a.map((l, i) => (i % 3 === 1 ? `${l} edited` : l));
    const d = diffLines(a.join('\n'), b.join('\n'));
    expect(keep(d, 'removed')).toEqual(a);
    expect(keep(d, 'added')).toEqual(b);
    expect(d.filter((c) => c.kind === 'same')).toHaveLength(2000 - 667);
    expect(d.slice(0, 4)).toEqual([same('line 0'), removed('line 1'), added('line 1 edited'), same('line 2')]);
  });

  it('falls back to removing then adding the whole middle beyond the cell limit', () => {
    const n = Math.floor(Math.sqrt(maxDiffCells)) + 1;
    const a = ['head', ...Array.from({ length: n }, (_, i) => `a${i}`), 'shared', 'tail'];
    const b = ['head', ...Array.from({ length: n }, (_, i) => `b${i}`), 'shared', 'tail'];
    // "shared" is common but sits inside the trimmed middle: the fallback does not look for it.
    const d = diffLines(a.join('\n'), b.join('\n'));
    expect(d).toEqual([
      same('head'),
      ...a.slice(1, -2).map(removed),
      ...b.slice(1, -2).map(added),
      same('shared'),
      same('tail'),
    ]);
    const d2 = diffLines([...a.slice(0, -2), 'x', 'tail'].join('\n'), b.join('\n'));
    expect(keep(d2, 'removed')).toEqual([...a.slice(0, -2), 'x', 'tail']);
    expect(keep(d2, 'added')).toEqual(b);
    expect(d2.filter((c) => c.kind === 'same').map((c) => c.text)).toEqual(['head', 'tail']);
  });

  it('reconstructs both sides: same+removed gives a, same+added gives b', () => {
    const line = fc.constantFrom('', 'a', 'b', 'c', 'a b', '  ');
    const text = fc.tuple(fc.array(line, { maxLength: 30 }), fc.constantFrom('\n', '\r\n'), fc.boolean()).map(([lines, eol, final]) => lines.join(eol) + (final && lines.length ? eol : ''));
    fc.assert(
      fc.property(text, text, (a, b) => {
        const d = diffLines(a, b);
        expect(keep(d, 'removed')).toEqual(splitLines(a));
        expect(keep(d, 'added')).toEqual(splitLines(b));
      }),
      { numRuns: 500 },
    );
  });

  it('is minimal: the same lines form a longest common subsequence', () => {
    const lcsLength = (x: string[], y: string[]): number => {
      const t = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
      for (let i = 1; i <= x.length; i++) for (let j = 1; j <= y.length; j++) t[i]![j] = x[i - 1] === y[j - 1] ? t[i - 1]![j - 1]! + 1 : Math.max(t[i - 1]![j]!, t[i]![j - 1]!);
      return t[x.length]![y.length]!;
    };
    const lines = fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 20 });
    fc.assert(
      fc.property(lines, lines, (x, y) => {
        const d = diffLines(x.join('\n'), y.join('\n'));
        expect(d.filter((c) => c.kind === 'same')).toHaveLength(lcsLength(x, y));
      }),
      { numRuns: 300 },
    );
  });
});
