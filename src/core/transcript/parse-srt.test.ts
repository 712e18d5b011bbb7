import { describe, expect, it } from 'vitest';
import { parseSrt, parseSrtTiming } from './parse-srt.ts';

describe('parseSrtTiming', () => {
  it.each([
    ['00:00:01,5 --> 00:00:02,5', 1500, 2500],
    ['00:00:01,50 --> 00:00:02,50', 1500, 2500],
    ['00:00:01,500 --> 00:00:02,500', 1500, 2500],
    ['00:00:01,5000 --> 00:00:02,5000', 1500, 2500],
    ['00:00:01.5 --> 00:00:02.05', 1500, 2050],
    ['00:00:01,1234 --> 00:00:01,9995', 1123, 2000],
    ['0:0:1,000 --> 0:0:2,000', 1000, 2000],
    ['1:2:3,4 --> 1:2:4,4', 3_723_400, 3_724_400],
    ['00:00:01 --> 00:00:02', 1000, 2000],
    ['00:01,000 --> 00:02,000', 1000, 2000],
    ['00:00:01,000-->00:00:02,000', 1000, 2000],
    ['00:00:01,000 --> 00:00:02,000 X1:100 X2:600 Y1:10 Y2:50', 1000, 2000],
  ])('%s', (line, startMs, endMs) => {
    expect(parseSrtTiming(line)).toEqual({ startMs, endMs });
  });

  it.each(['00:00:01,00000 --> 00:00:02,000', '00:60:01,000 --> 00:00:02,000', '00:00:61,000 --> 00:00:62,000', '00:00:01,000 --> ', 'a --> b', '00:00:01,000 00:00:02,000'])(
    'rejects %s',
    (line) => {
      expect(parseSrtTiming(line)).toBeNull();
    },
  );
});

describe('parseSrt', () => {
  it('reads blocks with and without index lines, tags and overrides stripped', () => {
    const text = [
      '1',
      '00:00:01,000 --> 00:00:03,500',
      '{\\an8}<i>Hello</i> <b>there</b>,',
      '<font color="#ff0000" size="2">general</font> Kenobi.',
      '',
      '00:00:04,000 --> 00:00:05,000',
      'No index &amp; fine {\\i1}really{\\i0}',
      '',
      '',
      '3',
      '00:00:05.5 --> 00:00:06.75 X1:1 X2:2 Y1:3 Y2:4',
      'Jane Doe: the prefix is the speaker',
      '',
    ].join('\r\n');
    expect(parseSrt(`\uFEFF${text}`)).toEqual({
      format: 'srt',
      cues: [
        { startMs: 1000, endMs: 3500, speaker: null, text: 'Hello there, general Kenobi.' },
        { startMs: 4000, endMs: 5000, speaker: null, text: 'No index & fine really' },
        { startMs: 5500, endMs: 6750, speaker: 'Jane Doe', text: 'the prefix is the speaker' },
      ],
      warnings: [],
    });
  });

  it('starts a new cue at a timing line without a blank line, taking a digit line before it as the index', () => {
    const res = parseSrt(['1', '00:00:01,000 --> 00:00:02,000', 'One', '42', '2', '00:00:02,000 --> 00:00:03,000', 'Two'].join('\n'));
    expect(res.cues.map((c) => c.text)).toEqual(['One 42', 'Two']);
    expect(res.warnings).toEqual([]);
  });

  it('skips bad blocks with a warning and keeps the rest', () => {
    const text = [
      '1', // 1
      '00:00:01,000 --> 00:00:02,000',
      'Good',
      '',
      '2', // 5
      '00:00:02,000 -> 00:00:03,000', // 6: no arrow → not a timing line; the block has none
      'Bad',
      '',
      '3', // 9
      '00:61:00,000 --> 00:62:00,000', // 10
      'Also bad',
      '',
      '4', // 13
      '00:00:05,000 --> 00:00:04,000', // 14: end before start
      'Backwards',
      '',
      '5',
      '00:00:06,000 --> 00:00:07,000',
      'Q3: not a speaker',
    ].join('\n');
    const res = parseSrt(text);
    expect(res.cues).toEqual([
      { startMs: 1000, endMs: 2000, speaker: null, text: 'Good' },
      { startMs: 5000, endMs: 5000, speaker: null, text: 'Backwards' },
      { startMs: 6000, endMs: 7000, speaker: null, text: 'Q3: not a speaker' },
    ]);
    expect(res.warnings).toEqual([
      { line: 5, message: 'block without a timing line skipped: "2"' },
      { line: 10, message: 'malformed timing line "00:61:00,000 --> 00:62:00,000"; block skipped' },
      { line: 14, message: 'end before start: the cue is kept and ends at its start' },
    ]);
  });

  it('reads generic speaker labels', () => {
    const res = parseSrt('1\n00:00:01,000 --> 00:00:02,000\nSpeaker 1: Hi\n\n2\n00:00:02,000 --> 00:00:03,000\nSPEAKER_02: Hello\n');
    expect(res.cues.map((c) => c.speaker)).toEqual(['Speaker 1', 'SPEAKER_02']);
  });
});
