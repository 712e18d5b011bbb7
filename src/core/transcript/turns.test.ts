import { describe, expect, it } from 'vitest';
import { TURN_MERGE_GAP_MS, toTurns } from './turns.ts';
import type { Cue } from './types.ts';

const cue = (startMs: number, endMs: number, speaker: string | null, text: string): Cue => ({ startMs, endMs, speaker, text });

describe('toTurns', () => {
  it('merges consecutive cues of one speaker when the gap is under 3 s', () => {
    expect(TURN_MERGE_GAP_MS).toBe(3000);
    expect(toTurns([cue(0, 1000, 'A', 'one'), cue(3999, 5000, 'A', 'two'), cue(8000, 9000, 'A', 'three'), cue(9500, 10_000, 'B', 'four')])).toEqual([
      { index: 0, speaker: 'A', startMs: 0, endMs: 5000, text: 'one two', interrupts: false },
      { index: 1, speaker: 'A', startMs: 8000, endMs: 9000, text: 'three', interrupts: false },
      { index: 2, speaker: 'B', startMs: 9500, endMs: 10_000, text: 'four', interrupts: false },
    ]);
  });

  it('sorts by start (stable) and marks a turn that starts before the previous one ends', () => {
    const cues = [cue(5000, 6000, 'B', 'late'), cue(0, 4000, 'A', 'long answer'), cue(3000, 3500, 'B', 'mm-hm'), cue(3000, 3200, 'C', 'same start, later in file')];
    expect(toTurns(cues)).toEqual([
      { index: 0, speaker: 'A', startMs: 0, endMs: 4000, text: 'long answer', interrupts: false },
      { index: 1, speaker: 'B', startMs: 3000, endMs: 3500, text: 'mm-hm', interrupts: true },
      { index: 2, speaker: 'C', startMs: 3000, endMs: 3200, text: 'same start, later in file', interrupts: true },
      { index: 3, speaker: 'B', startMs: 5000, endMs: 6000, text: 'late', interrupts: false },
    ]);
    expect(cues[0]!.text).toBe('late'); // the input is not reordered
  });

  it('lets a null-speaker cue continue the previous turn and skips empty texts', () => {
    expect(toTurns([cue(0, 0, null, 'preamble'), cue(0, 1000, 'A', 'hi'), cue(60_000, 61_000, null, 'more'), cue(61_000, 62_000, 'A', ''), cue(62_000, 63_000, 'A', 'end')])).toEqual([
      { index: 0, speaker: null, startMs: 0, endMs: 0, text: 'preamble', interrupts: false },
      { index: 1, speaker: 'A', startMs: 0, endMs: 63_000, text: 'hi more end', interrupts: false },
    ]);
  });

  it('handles untimed cues (all at 0) and no cues', () => {
    expect(toTurns([cue(0, 0, 'A', 'a'), cue(0, 0, 'A', 'b'), cue(0, 0, 'B', 'c')]).map((t) => [t.speaker, t.text, t.interrupts])).toEqual([
      ['A', 'a b', false],
      ['B', 'c', false],
    ]);
    expect(toTurns([])).toEqual([]);
  });
});
