import { describe, expect, it } from 'vitest';
import { collectVttTimestamp, parseVtt, parseVttTiming, vttCueText } from './parse-vtt.ts';

const vtt = (...lines: string[]) => ['WEBVTT', '', ...lines].join('\n');

describe('WebVTT timestamps (W3C "collect a WebVTT timestamp")', () => {
  it.each([
    ['00:01.000', 1000],
    ['59:59.999', 3_599_999],
    ['00:00:01.500', 1500],
    ['01:02:03.004', 3_723_004],
    ['123:00:00.000', 442_800_000],
    ['1:00:00.000', 3_600_000],
  ])('reads %s as %i ms', (ts, ms) => {
    expect(collectVttTimestamp(ts, 0)).toEqual({ ms, pos: ts.length });
  });

  it.each([
    ['60:00.000', 'minutes 60 make the first field hours, and then the seconds field is missing'],
    ['00:60.000', 'seconds over 59'],
    ['00:60:00.000', 'minutes over 59'],
    ['00:01.00', 'two fraction digits'],
    ['00:01.0000', 'four fraction digits'],
    ['00:01', 'no fraction'],
    ['0:01.000', 'a one-digit first field is hours, so h:mm:ss is required'],
    ['00:1.000', 'one-digit seconds'],
    ['00:01,000', 'a comma'],
    ['x00:01.000', 'not a digit'],
  ])('rejects %s (%s)', (ts) => {
    expect(collectVttTimestamp(ts, 0)).toBeNull();
  });

  it('ignores cue settings after the end time', () => {
    expect(parseVttTiming('00:01.000 --> 00:02.000 align:start position:10% line:0 size:50%')).toEqual({ startMs: 1000, endMs: 2000 });
    expect(parseVttTiming('  00:01.000\t-->\t00:02.000')).toEqual({ startMs: 1000, endMs: 2000 });
    expect(parseVttTiming('00:01.000-->00:02.000')).toEqual({ startMs: 1000, endMs: 2000 });
    expect(parseVttTiming('00:01.000 -> 00:02.000')).toEqual({ error: 'expected "-->" after the start time' });
  });
});

describe('parseVtt', () => {
  it('reads a file with BOM, CRLF, a header, NOTE, STYLE and REGION blocks, ids and settings', () => {
    const text =
      '\uFEFFWEBVTT - Interview with Jane\r\nKind: captions\r\nLanguage: en\r\n\r\n' +
      'REGION\r\nid:fred\r\nwidth:40%\r\n\r\n' +
      'STYLE\r\n::cue {\r\n  color: yellow;\r\n}\r\n\r\n' +
      'NOTE This is a comment\r\nspanning two lines\r\n\r\n' +
      'intro\r\n00:00:01.000 --> 00:00:04.000 align:start line:0\r\nHello, and welcome.\r\n\r\n' +
      'NOTE\r\nanother comment\r\n\r\n' +
      '2\r\n00:04.000 --> 00:06.500\r\nSecond cue,\r\non two lines.\r\n';
    const res = parseVtt(text);
    expect(res).toEqual({
      format: 'vtt',
      cues: [
        { startMs: 1000, endMs: 4000, speaker: null, text: 'Hello, and welcome.' },
        { startMs: 4000, endMs: 6500, speaker: null, text: 'Second cue, on two lines.' },
      ],
      warnings: [],
    });
  });

  it('accepts CR-only line endings and a bare WEBVTT signature at EOF', () => {
    expect(parseVtt('WEBVTT\r\r00:01.000 --> 00:02.000\rHi\r').cues).toEqual([{ startMs: 1000, endMs: 2000, speaker: null, text: 'Hi' }]);
    expect(parseVtt('WEBVTT')).toEqual({ format: 'vtt', cues: [], warnings: [] });
    expect(parseVtt('WEBVTT\tcaptions\n\n00:01.000 --> 00:02.000\nHi').cues).toHaveLength(1);
  });

  it.each(['WEBVTTX\n\n00:01.000 --> 00:02.000\nHi', 'webvtt\n\n00:01.000 --> 00:02.000\nHi', '\n\nWEBVTT\n\n00:01.000 --> 00:02.000\nHi', '', 'WEBVT'])(
    'returns no cues and a warning without the signature (%j)',
    (text) => {
      const res = parseVtt(text);
      expect(res.cues).toEqual([]);
      expect(res.warnings).toEqual([{ line: 1, message: expect.stringContaining('not a WebVTT file') }]);
    },
  );

  it('starts a new cue at a "-->" line even without a blank line before it', () => {
    const res = parseVtt(vtt('00:01.000 --> 00:02.000', 'One', '00:02.000 --> 00:03.000', 'Two', 'more', '3', '00:03.000 --> 00:04.000', 'Three'));
    expect(res.cues).toEqual([
      { startMs: 1000, endMs: 2000, speaker: null, text: 'One' },
      // W3C: the "3" line is payload of the cue before (an id only directly follows a blank line).
      { startMs: 2000, endMs: 3000, speaker: null, text: 'Two more 3' },
      { startMs: 3000, endMs: 4000, speaker: null, text: 'Three' },
    ]);
    expect(res.warnings).toEqual([]);
  });

  it('ends the header at a "-->" line', () => {
    expect(parseVtt('WEBVTT\n00:01.000 --> 00:02.000\nHi').cues).toEqual([{ startMs: 1000, endMs: 2000, speaker: null, text: 'Hi' }]);
  });

  it('skips cues with malformed timing lines, with the line number', () => {
    const res = parseVtt(
      vtt(
        '00:01.000 --> 00:02.000', // line 3
        'kept',
        '',
        '60:00.000 --> 61:00.000', // line 6: minutes 60
        'dropped 1',
        '',
        'id', // line 9
        '00:03.00 --> 00:04.000', // line 10: 2-digit fraction
        'dropped 2',
        '',
        '00:05.000 --> 00:06', // line 13
        'dropped 3',
        '',
        '00:07.000 -- 00:08.000 --> x', // line 16
        '',
        '00:09.000 --> 00:10.000', // line 18
        'also kept',
      ),
    );
    expect(res.cues).toEqual([
      { startMs: 1000, endMs: 2000, speaker: null, text: 'kept' },
      { startMs: 9000, endMs: 10_000, speaker: null, text: 'also kept' },
    ]);
    expect(res.warnings).toEqual([
      { line: 6, message: 'malformed cue timing (invalid start time): "60:00.000 --> 61:00.000"; cue skipped' },
      { line: 10, message: 'malformed cue timing (invalid start time): "00:03.00 --> 00:04.000"; cue skipped' },
      { line: 13, message: 'malformed cue timing (invalid end time): "00:05.000 --> 00:06"; cue skipped' },
      { line: 16, message: 'malformed cue timing (expected "-->" after the start time): "00:07.000 -- 00:08.000 --> x"; cue skipped' },
    ]);
  });

  it('keeps a cue whose end is before its start, ending at its start, with a warning', () => {
    const res = parseVtt(vtt('a', '00:05.000 --> 00:04.000', 'backwards'));
    expect(res.cues).toEqual([{ startMs: 5000, endMs: 5000, speaker: null, text: 'backwards' }]);
    expect(res.warnings).toEqual([{ line: 4, message: 'end before start: the cue is kept and ends at its start' }]);
  });

  it('warns about a text block without a timing line (but not NOTE/STYLE/REGION)', () => {
    const res = parseVtt(vtt('stray text', 'more', '', 'NOTE', 'x', '', '00:01.000 --> 00:02.000', 'Hi'));
    expect(res.cues).toHaveLength(1);
    expect(res.warnings).toEqual([{ line: 3, message: 'block without a timing line skipped: "stray text"' }]);
  });

  it('keeps hours over 99', () => {
    expect(parseVtt(vtt('123:00:00.000 --> 123:00:01.500', 'late')).cues).toEqual([{ startMs: 442_800_000, endMs: 442_801_500, speaker: null, text: 'late' }]);
  });

  it('takes the speaker from the first voice tag, with or without classes', () => {
    const res = parseVtt(
      vtt(
        '00:01.000 --> 00:02.000',
        '<v Jane Doe>Hello there</v>',
        '',
        '00:02.000 --> 00:03.000',
        '<v.loud.first Esme O\'Brien>Whoa</v> <v Bob>Hi</v>',
        '',
        '00:03.000 --> 00:04.000',
        '<v.quiet>no name</v> <v  Ben &amp;   Jerry >ice cream',
        '',
        '00:04.000 --> 00:05.000',
        '<c.yellow>plain</c> <i>styled</i> <b>bold</b> <u>under</u> <lang en>words</lang> <ruby>漢<rt>kan</rt></ruby> <00:04.500>later',
      ),
    );
    expect(res.cues.map((c) => [c.speaker, c.text])).toEqual([
      ['Jane Doe', 'Hello there'],
      ["Esme O'Brien", 'Whoa Hi'],
      ['Ben & Jerry', 'no name ice cream'],
      [null, 'plain styled bold under words 漢kan later'],
    ]);
  });

  it('decodes entities after removing tags', () => {
    expect(vttCueText('Fish &amp; chips &lt;b&gt; &gt; &#39;a&#x27; &lrm;x&rlm; a&nbsp;b &unknown; &#0; &#x110000;')).toEqual({
      speaker: null,
      text: "Fish & chips <b> > 'a' \u200ex\u200f a b &unknown; \ufffd \ufffd",
    });
    expect(vttCueText('&lt;v Bob&gt; hi')).toEqual({ speaker: null, text: '<v Bob> hi' });
  });

  it('reads Zoom-style "Name: " prefixes in cue text, but not headings', () => {
    const res = parseVtt(
      vtt(
        '1',
        '00:00:00.000 --> 00:00:03.000',
        'Jane Doe: Thanks for joining.',
        '',
        '2',
        '00:00:03.000 --> 00:00:05.000',
        'Note: this is not a speaker',
        '',
        '3',
        '00:00:05.000 --> 00:00:07.000',
        'Q3: neither is this',
        '',
        '4',
        '00:00:07.000 --> 00:00:09.000',
        '<v Bob>Alice: the voice tag wins',
      ),
    );
    expect(res.cues.map((c) => [c.speaker, c.text])).toEqual([
      ['Jane Doe', 'Thanks for joining.'],
      [null, 'Note: this is not a speaker'],
      [null, 'Q3: neither is this'],
      ['Bob', 'Alice: the voice tag wins'],
    ]);
  });

  it('keeps a cue with an empty payload and replaces NUL characters', () => {
    expect(parseVtt(vtt('00:01.000 --> 00:02.000', '', '00:02.000 --> 00:03.000', 'a\0b')).cues).toEqual([
      { startMs: 1000, endMs: 2000, speaker: null, text: '' },
      { startMs: 2000, endMs: 3000, speaker: null, text: 'a\ufffdb' },
    ]);
  });
});
