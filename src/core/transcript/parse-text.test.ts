import { describe, expect, it } from 'vitest';
import { parseTextTranscript } from './parse-text.ts';

const parse = (...lines: string[]) => parseTextTranscript(lines.join('\n'));
const rows = (...lines: string[]) => parse(...lines).cues.map((c) => [c.startMs, c.endMs, c.speaker, c.text]);

describe('parseTextTranscript', () => {
  it('reads "Speaker: text" lines without times: every cue at 0, in order', () => {
    expect(parse('Jane Doe: Hi, thanks for coming in.', 'Bob: Happy to be here.', 'It was a long drive.', 'Jane Doe: Let us start.')).toEqual({
      format: 'text',
      cues: [
        { startMs: 0, endMs: 0, speaker: 'Jane Doe', text: 'Hi, thanks for coming in.' },
        { startMs: 0, endMs: 0, speaker: 'Bob', text: 'Happy to be here. It was a long drive.' },
        { startMs: 0, endMs: 0, speaker: 'Jane Doe', text: 'Let us start.' },
      ],
      warnings: [],
    });
  });

  it('reads [hh:mm:ss] prefixes (Teams/Zoom style); each cue ends where the next starts, the last at its start', () => {
    expect(rows('[00:00:05] Jane Doe: Hello.', '[00:00:09] Bob Smith: Hi.', 'continued', '[00:01:10.5] Jane Doe: Next question.')).toEqual([
      [5000, 9000, 'Jane Doe', 'Hello.'],
      [9000, 70_500, 'Bob Smith', 'Hi. continued'],
      [70_500, 70_500, 'Jane Doe', 'Next question.'],
    ]);
  });

  it('reads hh:mm:ss, (hh:mm:ss) and mm:ss prefixes', () => {
    expect(rows('00:00:05 Jane: One.', '(00:00:07) Bob: Two.', '0:09 Jane: Three.', '(1:02:03) Bob: Four.', '125:00 Jane: Five.')).toEqual([
      [5000, 7000, 'Jane', 'One.'],
      [7000, 9000, 'Bob', 'Two.'],
      [9000, 3_723_000, 'Jane', 'Three.'],
      [3_723_000, 7_500_000, 'Bob', 'Four.'],
      [7_500_000, 7_500_000, 'Jane', 'Five.'],
    ]);
  });

  it('reads the "header line then text lines" style (Otter, Teams)', () => {
    expect(
      rows(
        'Jane Doe  0:05',
        'Thanks for joining.',
        'Shall we begin?',
        '',
        'Speaker 2 00:00:12',
        'Sure.',
        '',
        'More from speaker 2 after a blank line.',
        '[Bob Smith] 00:01:00',
        'Bob here.',
        'Jane Doe (1:30)',
        'Okay.',
      ),
    ).toEqual([
      [5000, 12_000, 'Jane Doe', 'Thanks for joining. Shall we begin?'],
      [12_000, 60_000, 'Speaker 2', 'Sure. More from speaker 2 after a blank line.'],
      [60_000, 90_000, 'Bob Smith', 'Bob here.'],
      [90_000, 90_000, 'Jane Doe', 'Okay.'],
    ]);
  });

  it('reads "[Name] time text" lines', () => {
    expect(rows('[Jane Doe] 10:30:15 Hello there.', 'Still Jane.', '[Speaker 2] 10:30:20 Hi.', '[Note] 10:30:25 not a speaker')).toEqual([
      [37_815_000, 37_820_000, 'Jane Doe', 'Hello there. Still Jane.'],
      [37_820_000, 37_820_000, 'Speaker 2', 'Hi. [Note] 10:30:25 not a speaker'],
    ]);
  });

  it('reads Google Meet style: periodic time lines and "Name: text" lines', () => {
    expect(rows('Interview - Transcript', '00:00:00', '', 'Jane Doe: Hello.', 'Bob: Hi.', '00:05:00', 'Jane Doe: Later on.')).toEqual([
      [0, 0, null, 'Interview - Transcript'],
      [0, 0, 'Jane Doe', 'Hello.'],
      [0, 300_000, 'Bob', 'Hi.'],
      [300_000, 300_000, 'Jane Doe', 'Later on.'],
    ]);
  });

  it('does not take "Note:", "Q3:" or other headings as speakers; they continue the previous cue', () => {
    expect(rows('Jane: What did you ship?', 'Note: she paused here.', 'Q3: revenue grew.', 'Action Items: none', 'Bob: A lot.')).toEqual([
      [0, 0, 'Jane', 'What did you ship? Note: she paused here. Q3: revenue grew. Action Items: none'],
      [0, 0, 'Bob', 'A lot.'],
    ]);
  });

  it('reads a "Name:" line followed by text lines', () => {
    expect(rows('Jane Doe:', 'Hello there.', 'Bob:', 'Hi.')).toEqual([
      [0, 0, 'Jane Doe', 'Hello there.'],
      [0, 0, 'Bob', 'Hi.'],
    ]);
  });

  it('starts a speakerless cue at a timed line without a speaker', () => {
    expect(rows('[00:00:01] Jane: Hi.', '[00:00:04] (inaudible)', '[00:00:06] Jane: Sorry?')).toEqual([
      [1000, 4000, 'Jane', 'Hi.'],
      [4000, 6000, null, '(inaudible)'],
      [6000, 6000, 'Jane', 'Sorry?'],
    ]);
  });

  it('reads text without speakers or times as one cue at 0', () => {
    expect(rows('Just some notes', 'about the call.', '', 'Another paragraph.')).toEqual([[0, 0, null, 'Just some notes about the call. Another paragraph.']]);
  });

  it('never ends a cue before its start when the times go backwards, and warns about impossible times', () => {
    const res = parse('[00:00:10] Jane: later', '[00:00:05] Bob: earlier', '[00:61:00] Jane: bad time');
    expect(res.cues.map((c) => [c.startMs, c.endMs, c.speaker, c.text])).toEqual([
      [10_000, 10_000, 'Jane', 'later'],
      [5000, 5000, 'Bob', 'earlier [00:61:00] Jane: bad time'],
    ]);
    expect(res.warnings).toEqual([{ line: 3, message: 'time out of range in "[00:61:00]"; read as text' }]);
  });

  it('reads CRLF, CR and a BOM', () => {
    expect(parseTextTranscript('\uFEFFJane: a\r\nBob: b\rJane: c').cues.map((c) => c.speaker)).toEqual(['Jane', 'Bob', 'Jane']);
  });
});
