import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_TRANSCRIPT_BYTES, detectTranscriptFormat, parseTranscript, TranscriptTooLargeError } from './parse.ts';
import { parseJsonTranscript } from './parse-json.ts';
import { parseSrt } from './parse-srt.ts';
import { parseTextTranscript } from './parse-text.ts';
import { parseVtt } from './parse-vtt.ts';
import { type ParsedTranscript, transcriptFormats } from './types.ts';

const VTT = 'WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\n<v Jane Doe>Hello</v>\n\n00:00:02.000 --> 00:00:03.000\nBob: Hi\n';
const SRT = '1\n00:00:01,000 --> 00:00:02,000\nJane Doe: Hello\n\n2\n00:00:02,000 --> 00:00:03,000\nBob: Hi\n';
const TEXT = '[00:00:01] Jane Doe: Hello\n[00:00:02] Bob: Hi\n';
const JSON_DOC = JSON.stringify({ unit: 's', segments: [{ speaker: 'Jane Doe', start: 1, end: 2, text: 'Hello' }, { speaker: 'Bob', start: 2, end: 3, text: 'Hi' }] });

const expectedCues = [
  { startMs: 1000, endMs: 2000, speaker: 'Jane Doe', text: 'Hello' },
  { startMs: 2000, endMs: 3000, speaker: 'Bob', text: 'Hi' },
];

/** The invariants every parse result keeps, whatever the input: the first violation, or null. */
function violation(res: ParsedTranscript): string | null {
  if (!(transcriptFormats as readonly string[]).includes(res.format)) return `format ${res.format}`;
  for (const c of res.cues) {
    if (!Number.isSafeInteger(c.startMs) || c.startMs < 0) return `startMs ${c.startMs}`;
    if (!Number.isSafeInteger(c.endMs) || c.endMs < c.startMs) return `endMs ${c.endMs} (start ${c.startMs})`;
    if (typeof c.text !== 'string') return `text ${String(c.text)}`;
    if (c.speaker !== null && (typeof c.speaker !== 'string' || c.speaker === '')) return `speaker ${JSON.stringify(c.speaker)}`;
  }
  for (const w of res.warnings) {
    if (!Number.isSafeInteger(w.line) || w.line < 1) return `warning line ${w.line}`;
    if (typeof w.message !== 'string' || w.message === '') return 'warning message';
  }
  return null;
}

function checkInvariants(res: ParsedTranscript): void {
  expect(violation(res)).toBeNull();
}

describe('parseTranscript', () => {
  it('parses each format to the same cues, from strings and bytes', () => {
    for (const [input, format] of [
      [VTT, 'vtt'],
      [SRT, 'srt'],
      [TEXT, 'text'],
      [JSON_DOC, 'json'],
    ] as const) {
      // A text export has start times only: the last cue ends at its start (DECISIONS 25).
      const cues = format === 'text' ? [expectedCues[0], { ...expectedCues[1]!, endMs: 2000 }] : expectedCues;
      expect(parseTranscript(input)).toEqual({ format, cues, warnings: [] });
      expect(parseTranscript(new TextEncoder().encode(input))).toEqual({ format, cues, warnings: [] });
    }
  });

  it('decodes UTF-16 bytes', () => {
    const s = VTT.replace('Hello', 'Grüße');
    const le = new Uint8Array(2 + s.length * 2);
    le.set([0xff, 0xfe]);
    for (let k = 0; k < s.length; k++) le[2 + 2 * k] = s.charCodeAt(k) & 0xff;
    le.set([0xfc], 2 + 2 * s.indexOf('ü'));
    expect(parseTranscript(le).cues[0]).toEqual({ startMs: 1000, endMs: 2000, speaker: 'Jane Doe', text: 'Grüße' });
  });

  it('keeps file order (not sorted)', () => {
    const res = parseTranscript('WEBVTT\n\n00:05.000 --> 00:06.000\nsecond in time\n\n00:01.000 --> 00:02.000\nfirst in time\n');
    expect(res.cues.map((c) => c.text)).toEqual(['second in time', 'first in time']);
  });

  it('refuses input over the size limit, in bytes', () => {
    expect(DEFAULT_MAX_TRANSCRIPT_BYTES).toBe(5 * 1024 * 1024);
    expect(() => parseTranscript('x'.repeat(DEFAULT_MAX_TRANSCRIPT_BYTES + 1))).toThrow(TranscriptTooLargeError);
    expect(() => parseTranscript('x'.repeat(DEFAULT_MAX_TRANSCRIPT_BYTES))).not.toThrow();
    try {
      parseTranscript('ééé', { maxBytes: 5 }); // 6 UTF-8 bytes
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(TranscriptTooLargeError);
      expect(err).toMatchObject({ limit: 5, size: 6, name: 'TranscriptTooLargeError' });
    }
    expect(parseTranscript('😀', { maxBytes: 4 }).cues).toHaveLength(1);
    expect(() => parseTranscript(new Uint8Array(11), { maxBytes: 10 })).toThrow(expect.objectContaining({ limit: 10, size: 11 }));
    expect(() => parseTranscript(new Uint8Array(10), { maxBytes: 10 })).not.toThrow();
  });
});

describe('detectTranscriptFormat', () => {
  it.each([
    [VTT, {}, 'vtt'],
    ['\uFEFFWEBVTT\r\n', {}, 'vtt'],
    ['WEBVTT', {}, 'vtt'],
    ['WEBVTTX\n', {}, 'text'],
    [SRT, {}, 'srt'],
    ['\n\n 12 \r\n0:0:1,5 --> 0:0:2,5\r\nHi', {}, 'srt'],
    ['1\nnot a timing line', {}, 'text'],
    [JSON_DOC, {}, 'json'],
    ['  \n [ {"startMs": 1}]', {}, 'json'],
    ['[1, 2]', {}, 'json'],
    [TEXT, {}, 'text'],
    ['[Jane Doe] 10:30:15\nHello', {}, 'text'],
    ['Jane: hi', {}, 'text'],
    ['', {}, 'text'],
    [SRT, { fileName: 'call.VTT' }, 'vtt'],
    [VTT, { fileName: 'a.b.srt' }, 'srt'],
    [VTT, { fileName: 'notes.txt' }, 'text'],
    [TEXT, { fileName: 'x.json' }, 'json'],
    [TEXT, { fileName: 'transcript.docx' }, 'text'],
    [VTT, { fileName: 'noext' }, 'vtt'],
    [VTT, { fileName: 'call.vtt', format: 'srt' }, 'srt'],
  ] as const)('%j %j → %s', (text, opts, format) => {
    expect(detectTranscriptFormat(text, opts)).toBe(format);
  });

  it('ignores an unknown format option', () => {
    expect(detectTranscriptFormat(VTT, { format: 'docx' as never })).toBe('vtt');
  });
});

// ---------------------------------------------------------------------------------------------
// Never throws

const parsers: [string, (s: string) => ParsedTranscript][] = [
  ['vtt', parseVtt],
  ['srt', parseSrt],
  ['text', parseTextTranscript],
  ['json', parseJsonTranscript],
  ['auto', (s) => parseTranscript(s)],
];

/** Strings built from pieces that matter to the parsers, so random input reaches the interesting paths. */
const pieces = fc.constantFrom(
  'WEBVTT', '\n', '\r\n', '\r', '', ' ', '\t', '-->', ' --> ', ':', '.', ',', '0', '1', '59', '60', '00:01.000', '00:00:01,000', '123:00:00.000',
  '<v Jane>', '<v.a.b Bob Smith>', '</v>', '<', '>', '<i>', '&amp;', '&#', ';', '{\\an8}', 'NOTE', 'STYLE', 'REGION', 'Jane Doe: ', 'Note: ',
  'Q3: ', 'Speaker 1: ', '[00:00:05] ', '(01:02)', '{', '}', '[', ']', '"unit":"s"', '"segments":', '"start":', '"startMs":', '1.5', '-1',
  'null', '\uFEFF', '\0', 'é', '😀', '\ud800', '\u2028',
);
const structured = fc.array(pieces, { maxLength: 80 }).map((a) => a.join(''));

function mutate(text: string, ops: { kind: number; at: number; digits: string }[]): string {
  const lines = text.split('\n');
  for (const op of ops) {
    const k = op.at % (lines.length + 1);
    switch (op.kind) {
      case 0:
        lines.splice(k, 1);
        break;
      case 1:
        if (k < lines.length) lines.splice(k, 0, lines[k]!);
        break;
      case 2: {
        const line = lines[k] ?? '';
        const p = op.at % (line.length + 1);
        lines[k] = line.slice(0, p) + '-->' + line.slice(p);
        break;
      }
      case 3: {
        const line = lines[k] ?? '';
        const p = op.at % (line.length + 1);
        lines[k] = line.slice(0, p) + op.digits + line.slice(p);
        break;
      }
      case 4:
        lines.splice(k, 0, '');
        break;
      default: {
        const line = lines[k] ?? '';
        const p = op.at % (line.length + 1);
        lines[k] = line.slice(0, p) + line.slice(p + 1);
      }
    }
  }
  return lines.join('\n');
}

const mutation = fc.record({ kind: fc.integer({ min: 0, max: 5 }), at: fc.nat(), digits: fc.stringMatching(/^[0-9:.,]{1,6}$/) });
const longerVtt = `${VTT}\nNOTE x\n\n2\n00:00:03.000 --> 00:00:04.000 align:start\n<c.x>&amp;</c> Q3: y\n\n123:00:00.000 --> 123:00:01.000\nz\n`;
const longerSrt = `${SRT}\n3\n00:00:03,5 --> 00:00:04,5000 X1:1\n{\\an8}<i>Speaker 2: yes</i>\n`;
const longerText = `${TEXT}Jane Doe  0:05\nmore\n\n00:05:00\nNote: x\n(1:02:03) Q3: y\n`;
const longerJson = JSON.stringify([{ speaker: 'A', start: 1.5, end: 2, text: 'x' }, { speaker: null, startMs: 5, endMs: 6, text: 'B: y' }]);

describe('the parsers never throw and keep their invariants', () => {
  it.each(parsers)('%s: arbitrary strings', (_name, parse) => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), fc.string({ unit: 'grapheme', maxLength: 200 }), structured), (s) => {
        checkInvariants(parse(s));
      }),
      { numRuns: 400 },
    );
  });

  it.each(parsers)('%s: mutations of valid files', (_name, parse) => {
    fc.assert(
      fc.property(fc.constantFrom(longerVtt, longerSrt, longerText, longerJson, VTT, SRT, TEXT, JSON_DOC), fc.array(mutation, { minLength: 1, maxLength: 8 }), (text, ops) => {
        checkInvariants(parse(mutate(text, ops)));
      }),
      { numRuns: 400 },
    );
  });

  it('parseTranscript: arbitrary bytes and formats', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.option(fc.constantFrom(...transcriptFormats), { nil: undefined }), (bytes, format) => {
        checkInvariants(parseTranscript(bytes, { format }));
      }),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Time

/** A deterministic pseudo-random string of `n` characters drawn from `alphabet`. */
function randomText(n: number, alphabet: string, seed: number): string {
  const out: string[] = [];
  let x = seed >>> 0;
  for (let k = 0; k < n; k++) {
    x = (Math.imul(x, 1_664_525) + 1_013_904_223) >>> 0;
    out.push(alphabet[x % alphabet.length]!);
  }
  return out.join('');
}

function elapsed(f: () => void): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

describe('time', () => {
  it('parses a 9,000-word VTT in a few ms', () => {
    const words = 'so tell me about a time when you led the team through a hard change'.split(' ');
    const blocks: string[] = ['WEBVTT', ''];
    for (let k = 0; k < 1000; k++) {
      const s = k * 3000;
      const ts = (ms: number) => `${String(Math.floor(ms / 3_600_000)).padStart(2, '0')}:${String(Math.floor(ms / 60_000) % 60).padStart(2, '0')}:${String(Math.floor(ms / 1000) % 60).padStart(2, '0')}.000`;
      const text = Array.from({ length: 9 }, (_, j) => words[(k + j) % words.length]).join(' ');
      blocks.push(`${k + 1}`, `${ts(s)} --> ${ts(s + 2900)}`, k % 2 ? `<v Jane Doe>${text}</v>` : `Speaker 2: ${text}`, '');
    }
    const vtt = blocks.join('\n');
    parseTranscript(vtt); // warm-up
    let res: ParsedTranscript | undefined;
    const ms = elapsed(() => (res = parseTranscript(vtt)));
    expect(res!.cues).toHaveLength(1000);
    expect(res!.cues.reduce((n, c) => n + c.text.split(' ').length, 0)).toBe(9000);
    expect(ms).toBeLessThan(250); // a few ms in practice; loose for slow CI machines
  });

  const alphabets = [
    ['random', 'abcXYZ 019:.,-><&;#/\\{}[]"\n\r\t'],
    ['arrows', '-->0:1.\n'],
    ['tags', '<v a>&#x'],
    ['names', 'Ab :\n'],
    ['spaces', ' \t'],
    ['digits', '0123456789:'],
    ['brackets', '[(0:1)] '],
  ] as const;
  it.each(alphabets)('parses 1 MB of %s input in well under 3 s, whatever the format', (_name, alphabet) => {
    const body = randomText(1_000_000, alphabet, 7);
    for (const format of transcriptFormats) {
      const input = format === 'vtt' ? `WEBVTT\n\n${body}` : body;
      const ms = elapsed(() => checkInvariants(parseTranscript(input, { format })));
      expect(ms).toBeLessThan(3000);
    }
  });
});
