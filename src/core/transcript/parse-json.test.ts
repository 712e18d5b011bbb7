import { describe, expect, it } from 'vitest';
import { parseJsonTranscript } from './parse-json.ts';

const parse = (doc: unknown) => parseJsonTranscript(JSON.stringify(doc));

describe('parseJsonTranscript', () => {
  it('reads segments in seconds', () => {
    expect(parse({ unit: 's', segments: [{ speaker: 'Jane Doe', start: 1.25, end: 3, text: '  Hello\nthere ' }, { speaker: null, start: 3, end: 4.0004, text: 'Bob: hi' }] })).toEqual({
      format: 'json',
      cues: [
        { startMs: 1250, endMs: 3000, speaker: 'Jane Doe', text: 'Hello there' },
        { startMs: 3000, endMs: 4000, speaker: 'Bob', text: 'hi' },
      ],
      warnings: [],
    });
  });

  it('reads segments in milliseconds', () => {
    expect(parse({ unit: 'ms', segments: [{ speaker: 'Jane', start: 1250, end: 3000, text: 'Hi' }] }).cues).toEqual([{ startMs: 1250, endMs: 3000, speaker: 'Jane', text: 'Hi' }]);
  });

  it('reads a bare array with startMs/endMs without a warning', () => {
    expect(parse([{ speaker: 'Jane', startMs: 0, endMs: 1500, text: 'Hi' }, { speaker: '', startMs: 1500, endMs: 2000, text: 'x' }])).toEqual({
      format: 'json',
      cues: [
        { startMs: 0, endMs: 1500, speaker: 'Jane', text: 'Hi' },
        { startMs: 1500, endMs: 2000, speaker: null, text: 'x' },
      ],
      warnings: [],
    });
  });

  it('guesses the unit of a bare array with start/end, with a warning', () => {
    const seconds = parse([
      { speaker: 'A', start: 0, end: 2.5, text: 'a' },
      { speaker: 'B', start: 2.5, end: 4, text: 'b' },
    ]);
    expect(seconds.cues.map((c) => [c.startMs, c.endMs])).toEqual([
      [0, 2500],
      [2500, 4000],
    ]);
    expect(seconds.warnings).toEqual([{ line: 1, message: 'no unit declared: "start"/"end" read as seconds (declare "unit" or use "startMs"/"endMs")' }]);

    const integers = parse([{ speaker: 'A', start: 0, end: 2, text: 'a' }]);
    expect(integers.cues.map((c) => [c.startMs, c.endMs])).toEqual([[0, 2]]);
    expect(integers.warnings[0]!.message).toContain('read as milliseconds');

    const large = parse([{ speaker: 'A', start: 99_999.5, end: 100_000.5, text: 'a' }]);
    expect(large.cues.map((c) => [c.startMs, c.endMs])).toEqual([[100_000, 100_001]]);
    expect(large.warnings[0]!.message).toContain('read as milliseconds');
  });

  it('skips invalid segments with their 1-based index', () => {
    const res = parse({
      unit: 's',
      segments: [
        { speaker: 'A', start: 0, end: 1, text: 'ok' },
        'nope',
        { speaker: 'A', start: -1, end: 1, text: 'negative' },
        { speaker: 'A', start: 1, text: 'no end' },
        { speaker: 3, start: 1, end: 2, text: 'bad speaker' },
        { speaker: 'A', start: 1, end: 2 },
        { speaker: 'A', text: 'no start' },
        { speaker: 'A', start: 5, end: 4, text: 'backwards' },
      ],
    });
    expect(res.cues).toEqual([
      { startMs: 0, endMs: 1000, speaker: 'A', text: 'ok' },
      { startMs: 5000, endMs: 5000, speaker: 'A', text: 'backwards' },
    ]);
    expect(res.warnings).toEqual([
      { line: 2, message: 'segment 2 skipped: not an object' },
      { line: 3, message: 'segment 3 skipped: start is not a non-negative number' },
      { line: 4, message: 'segment 4 skipped: end is missing or not a non-negative number' },
      { line: 5, message: 'segment 5 skipped: speaker is not a string' },
      { line: 6, message: 'segment 6 skipped: text is not a string' },
      { line: 7, message: 'segment 7 skipped: no start time ("startMs", or "start" with a unit)' },
      { line: 8, message: 'end before start: the cue is kept and ends at its start' },
    ]);
  });

  it('returns no cues and a warning for non-JSON or the wrong shape', () => {
    expect(parseJsonTranscript('{"unit": "s",\n  "segments": [1 2]}')).toEqual({ format: 'json', cues: [], warnings: [{ line: 2, message: 'not valid JSON' }] });
    expect(parseJsonTranscript('not json').warnings).toEqual([{ line: 1, message: 'not valid JSON' }]);
    expect(parseJsonTranscript('{"text": "hello"}')).toEqual({
      format: 'json',
      cues: [],
      warnings: [{ line: 1, message: 'expected an array of segments or an object with "unit" and "segments"' }],
    });
    expect(parse({ unit: 'minutes', segments: [{ startMs: 1, endMs: 2, text: 'x' }] }).warnings).toEqual([{ line: 1, message: 'unknown unit "minutes": expected "s" or "ms"' }]);
  });
});
