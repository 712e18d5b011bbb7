/**
 * Property-based fuzzing of the transcript parsers (VTT, SRT, text, JSON, the byte decoder) and the
 * ICS free/busy import (issue 12, "Bad input at scale"). Every property: only the documented error
 * escapes (TranscriptTooLargeError, IcsImportError), each input is handled within a time bound, and
 * the output is valid for its type. Seeds are fixed; crashing inputs found go to src/fuzz/corpus/ and
 * are replayed by the corpus test at the end.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { fuzzHarness } from './harness.ts';
import { afterAll, describe, expect, it } from 'vitest';
import { importBusy, IcsImportError } from '../core/scheduling/ics-import.ts';
import { decodeTranscript } from '../core/transcript/decode.ts';
import { parseTranscript, TranscriptTooLargeError } from '../core/transcript/parse.ts';
import { parseJsonTranscript } from '../core/transcript/parse-json.ts';
import { parseSrt } from '../core/transcript/parse-srt.ts';
import { parseTextTranscript } from '../core/transcript/parse-text.ts';
import { parseVtt } from '../core/transcript/parse-vtt.ts';
import { type ParsedTranscript, transcriptFormats } from '../core/transcript/types.ts';

const CORPUS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'corpus');
/** Time bound per input (ms): generous for a shared 2-core CI machine, tiny next to a hang. */
const PER_INPUT_MS = 250;
/** importBusy's bound: ics-import.ts stops a rarely-matching RRULE after 100,000 iterator steps. */
const ICS_INPUT_MS = 2_000;
const { timed, assertProperty, report } = fuzzHarness(20_260_312, PER_INPUT_MS);

afterAll(() => {
  // The slowest input per parser, for the report (visible with --reporter=verbose).
  console.info('fuzz slowest input (ms):', report());
});

// ---------------------------------------------------------------------------------------------
// Transcript output validity

function assertTranscript(r: ParsedTranscript): void {
  expect(transcriptFormats).toContain(r.format);
  expect(Array.isArray(r.cues)).toBe(true);
  for (const c of r.cues) {
    expect(Number.isFinite(c.startMs), `startMs ${c.startMs}`).toBe(true);
    expect(Number.isFinite(c.endMs), `endMs ${c.endMs}`).toBe(true);
    expect(c.startMs).toBeGreaterThanOrEqual(0);
    expect(c.endMs).toBeGreaterThanOrEqual(c.startMs);
    expect(typeof c.text).toBe('string');
    if (c.speaker !== null) {
      expect(typeof c.speaker).toBe('string');
      expect(c.speaker.length).toBeGreaterThan(0);
    }
  }
  for (const w of r.warnings) {
    expect(Number.isInteger(w.line) && w.line >= 1, `warning line ${w.line}`).toBe(true);
    expect(typeof w.message).toBe('string');
    // parseTranscript's defence-in-depth catch: a parser threw. That is a bug the fuzzing must see.
    expect(w.message).not.toMatch(/^could not parse the transcript:/);
  }
}

/** Only TranscriptTooLargeError may escape parseTranscript. */
function parseOrLimit(input: string | Uint8Array, opts: Parameters<typeof parseTranscript>[1] = {}): void {
  try {
    assertTranscript(timed('parseTranscript', () => parseTranscript(input, opts)));
  } catch (e) {
    if (e instanceof TranscriptTooLargeError) {
      expect(e.size).toBeGreaterThan(e.limit);
      return;
    }
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// Generators

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: fc.constantFrom('0', '1', '9', ':', '.', ',', '-', '>', ' ', '\n', '\r', '\t', '<', '&', ';', '[', ']', '{', '}', '"', 'W', 'v', '\ufeff'), maxLength: 300 }),
);
const eol = fc.constantFrom('\n', '\r\n', '\r');
const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom('0', '1', '2', '5', '9'), minLength: min, maxLength: max });
/** Timestamps that are often valid and often subtly broken: wrong field widths, 60+ values, huge hours. */
const timestamp = fc.oneof(
  fc.tuple(digits(0, 12), digits(1, 3), digits(1, 3), fc.constantFrom('.', ',', ':', ''), digits(0, 5)).map(([h, m, s, sep, f]) => `${h === '' ? '' : `${h}:`}${m}:${s}${sep}${f}`),
  fc.constantFrom('00:00.000', '00:00:00.000', '99:59:59.999', '59:59.999', '60:00.000', '00:60.000', '9999999999999999999:00:00.000', '-1:00:00.000', '00:00:00,000', 'NaN:00.000', '1e309:00:00.000'),
  fc.integer({ min: 0, max: 10 ** 12 }).map((ms) => {
    const h = Math.floor(ms / 3_600_000);
    const m = Math.floor(ms / 60_000) % 60;
    const s = Math.floor(ms / 1000) % 60;
    return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(ms % 1000).padStart(3, '0')}`;
  }),
);
const arrow = fc.constantFrom(' --> ', '-->', ' -> ', ' --> --> ', '\t-->\t', ' —> ');
const cueText = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.constantFrom('<v Jane Doe>Hello</v>', '<v>', '<v.loud Bob>Hi', '<c.x><b>bold</b>', '&amp;&#0;&#x110000;&#99999999999;&lt', 'Jane Doe: hello', 'SPEAKER_00: yes', '{\\an8}text', '<', '</v>', 'NOTE', '-->'),
);
const vttBlock = fc.tuple(fc.option(fc.string({ maxLength: 20 }), { nil: undefined }), timestamp, arrow, timestamp, fc.string({ maxLength: 30 }), fc.array(cueText, { maxLength: 3 }), eol).map(
  ([id, a, arr, b, settings, lines, nl]) => [...(id === undefined ? [] : [id]), `${a}${arr}${b}${settings ? ` ${settings}` : ''}`, ...lines].join(nl),
);
const vttFile = fc
  .tuple(fc.constantFrom('WEBVTT', 'WEBVTT - title', '\ufeffWEBVTT', 'WEBVTTX', '', 'WEBVTT\tx'), fc.array(fc.oneof(vttBlock, fc.constantFrom('NOTE a comment', 'STYLE\n::cue {}', 'REGION\nid:x'), anyText), { maxLength: 12 }), eol)
  .map(([head, blocks, nl]) => [head, ...blocks].join(nl + nl));
const srtFile = fc
  .array(fc.tuple(fc.oneof(fc.nat().map(String), fc.string({ maxLength: 5 })), timestamp, arrow, timestamp, fc.array(cueText, { maxLength: 3 }), eol), { maxLength: 12 })
  .chain((blocks) => eol.map((sep) => blocks.map(([idx, a, arr, b, lines, nl]) => [idx, `${a}${arr}${b}`, ...lines].join(nl)).join(sep + sep)));
const textLine = fc.oneof(
  fc.tuple(fc.constantFrom('[', '(', ''), timestamp, fc.constantFrom(']', ')', ' ', ''), fc.constantFrom('Jane Doe: ', 'Bob:', 'Speaker 1 ', '', 'A: '), fc.string({ maxLength: 60 })).map((p) => p.join('')),
  fc.tuple(fc.constantFrom('Jane Doe', 'SPEAKER_01', '[Bob]', 'Q'), fc.constantFrom('  ', ' ', ': ', ' - '), timestamp).map((p) => p.join('')),
  fc.string({ maxLength: 80 }),
);
const textFile = fc.tuple(fc.array(textLine, { maxLength: 20 }), eol).map(([lines, nl]) => lines.join(nl));

const jsonNumber = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(-1, 0, 1e308, -1e308, 99_999.5, 100_000, Number.MAX_SAFE_INTEGER, 1e21, 0.0001));
const jsonTimeish = fc.oneof(jsonNumber, fc.string({ maxLength: 10 }), fc.constant(null), fc.boolean(), fc.constant([]), fc.constant({}));
const segment = fc.record(
  { speaker: fc.oneof(fc.string({ maxLength: 30 }), fc.constant(null), fc.integer(), fc.constant({})), start: jsonTimeish, end: jsonTimeish, startMs: jsonTimeish, endMs: jsonTimeish, text: fc.oneof(fc.string({ maxLength: 60 }), fc.constant(null), fc.integer(), fc.array(fc.string())) },
  { requiredKeys: [] },
);
const jsonDoc = fc.oneof(
  fc.array(segment, { maxLength: 15 }),
  fc.record({ unit: fc.oneof(fc.constantFrom('s', 'ms', 'S', 'min', ''), fc.jsonValue({ maxDepth: 2 })), segments: fc.oneof(fc.array(segment, { maxLength: 15 }), fc.jsonValue({ maxDepth: 3 })) }, { requiredKeys: [] }),
  fc.jsonValue({ maxDepth: 6 }),
);
const jsonText = fc.oneof(
  jsonDoc.map((v) => JSON.stringify(v)),
  // Deep nesting, and JSON cut short at a random point.
  fc.integer({ min: 1, max: 50_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
  fc.integer({ min: 1, max: 50_000 }).map((n) => '{"segments":'.repeat(n) + '[]' + '}'.repeat(n)),
  fc.tuple(jsonDoc, fc.nat()).map(([v, cut]) => {
    const s = JSON.stringify(v);
    return s.slice(0, s.length === 0 ? 0 : cut % s.length);
  }),
);

// ---------------------------------------------------------------------------------------------

describe('transcript parsers under fuzzing', () => {
  it('parseVtt: random and VTT-shaped input never throws, cues are valid', () => {
    assertProperty(fc.oneof(vttFile, anyText), (s) => assertTranscript(timed('parseVtt', () => parseVtt(s))), 600);
  });

  it('parseSrt: random and SRT-shaped input never throws, cues are valid', () => {
    assertProperty(fc.oneof(srtFile, anyText), (s) => assertTranscript(timed('parseSrt', () => parseSrt(s))), 600);
  });

  it('parseTextTranscript: random and text-export-shaped input never throws, cues are valid', () => {
    assertProperty(fc.oneof(textFile, anyText), (s) => assertTranscript(timed('parseText', () => parseTextTranscript(s))), 600);
  });

  it('parseJsonTranscript: random shapes, broken and deeply nested JSON never throw, cues are valid', () => {
    assertProperty(fc.oneof(jsonText, anyText), (s) => assertTranscript(timed('parseJson', () => parseJsonTranscript(s))), 500);
  });

  it('parseTranscript: any of the above, by detection or forced format, with a size limit', () => {
    const input = fc.oneof(vttFile, srtFile, textFile, jsonText, anyText);
    const opts = fc.record(
      { format: fc.constantFrom(...transcriptFormats), fileName: fc.constantFrom('a.vtt', 'a.srt', 'a.TXT', 'a.json', 'noext', '.', 'a.', 'x.webvtt'), maxBytes: fc.oneof(fc.nat({ max: 400 }), fc.constant(-1)) },
      { requiredKeys: [] },
    );
    assertProperty(fc.tuple(input, opts), ([s, o]) => parseOrLimit(s, o), 500);
  });

  it('decodeTranscript and parseTranscript on random bytes (with and without BOMs): never throw', () => {
    const bom = fc.constantFrom([], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff], [0xef, 0xbb], [0xfe]);
    const bytes = fc.tuple(bom, fc.uint8Array({ maxLength: 600 })).map(([b, rest]) => Uint8Array.from([...b, ...rest]));
    assertProperty(
      bytes,
      (b) => {
        const text = timed('decodeTranscript', () => decodeTranscript(b));
        expect(typeof text).toBe('string');
        expect(text.charCodeAt(0)).not.toBe(0xfeff);
        parseOrLimit(b);
      },
      500,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// ICS

const FROM = Date.UTC(2026, 2, 1);
const TO = Date.UTC(2026, 5, 1);

function assertBusy(text: string, from = FROM, to = TO): void {
  let r: ReturnType<typeof importBusy>;
  try {
    // ICS gets a larger bound: a pathological RRULE is cut off by a step budget (~0.3–0.7 s here).
    r = timed('importBusy', () => importBusy(text, from, to), ICS_INPUT_MS);
  } catch (e) {
    if (e instanceof IcsImportError) {
      expect(e.message.length).toBeGreaterThan(0);
      return;
    }
    throw e;
  }
  expect(Number.isInteger(r.events) && r.events >= 0).toBe(true);
  expect(Number.isInteger(r.skipped) && r.skipped >= 0 && r.skipped <= r.events).toBe(true);
  let prevEnd = -Infinity;
  for (const b of r.busy) {
    expect(Number.isFinite(b.start) && Number.isFinite(b.end), `interval ${b.start}–${b.end}`).toBe(true);
    expect(b.end).toBeGreaterThan(b.start);
    expect(b.start).toBeGreaterThan(prevEnd - 1); // sorted, not overlapping (normalized)
    expect(b.end > from && b.start < to).toBe(true);
    prevEnd = b.end;
  }
}

const icsDate = fc.oneof(
  fc.constantFrom('20260310T090000Z', '20260310T090000', '20260310', '20261340T250000Z', '00000000T000000Z', '99991231T235959Z', '2026031', '20260310T0900', 'garbage', '', '20260229T120000Z', '20260310T090060Z'),
  fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 33 }), fc.integer({ min: 0, max: 25 }), fc.boolean()).map(
    ([y, mo, d, h, z]) => `${String(y).padStart(4, '0')}${String(mo).padStart(2, '0')}${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}0000${z ? 'Z' : ''}`,
  ),
);
const dateProp = (name: string) =>
  fc.tuple(fc.constantFrom('', ';TZID=Europe/Paris', ';TZID=Not/AZone', ';VALUE=DATE', ';TZID=America/New_York', ';TZID='), icsDate).map(([p, d]) => `${name}${p}:${d}`);
const rrule = fc
  .tuple(
    fc.constantFrom('DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY', 'SECONDLY', 'MINUTELY', 'HOURLY', 'BOGUS', ''),
    fc.option(fc.integer({ min: -5, max: 100_000 }), { nil: undefined }),
    fc.option(fc.integer({ min: -3, max: 1000 }), { nil: undefined }),
    fc.option(fc.constantFrom('MO,TU', 'SU', '-1FR', '53MO', 'XX', '0MO'), { nil: undefined }),
    fc.option(fc.constantFrom('1', '-1', '31', '0', '32', '-32'), { nil: undefined }),
    fc.option(icsDate, { nil: undefined }),
  )
  .map(([freq, count, interval, byday, bymonthday, until]) =>
    ['RRULE:FREQ=' + freq, count === undefined ? '' : `;COUNT=${count}`, interval === undefined ? '' : `;INTERVAL=${interval}`, byday ? `;BYDAY=${byday}` : '', bymonthday ? `;BYMONTHDAY=${bymonthday}` : '', until ? `;UNTIL=${until}` : ''].join(''),
  );
const eventLine = fc.oneof(
  dateProp('DTSTART'),
  dateProp('DTEND'),
  dateProp('RECURRENCE-ID'),
  dateProp('EXDATE'),
  dateProp('RDATE'),
  rrule,
  fc.constantFrom('UID:a', 'UID:b', 'TRANSP:TRANSPARENT', 'TRANSP:OPAQUE', 'STATUS:CANCELLED', 'DURATION:PT1H', 'DURATION:-PT1H', 'DURATION:P9999999W', 'DURATION:x', 'SUMMARY:Lunch', 'BEGIN:VALARM', 'END:VALARM', 'BEGIN:VEVENT', 'END:VEVENT', ' folded continuation', '\tfolded'),
  fc.tuple(fc.string({ unit: fc.constantFrom('A', 'Z', '-', ';', ':', '=', '"', ',', 'x'), maxLength: 12 }), fc.string({ maxLength: 30 })).map(([k, v]) => `${k}:${v}`),
  fc.string({ maxLength: 40 }),
);
const vevent = fc.array(eventLine, { maxLength: 10 }).map((lines) => ['BEGIN:VEVENT', ...lines, 'END:VEVENT'].join('\r\n'));
const vtimezone = fc
  .tuple(fc.constantFrom('Europe/Paris', 'Custom/Zone', 'UTC', ''), fc.constantFrom('+0100', '+0200', '-2400', 'x', '+9999'), icsDate)
  .map(([tzid, off, d]) => ['BEGIN:VTIMEZONE', `TZID:${tzid}`, 'BEGIN:STANDARD', `DTSTART:${d}`, `TZOFFSETFROM:${off}`, `TZOFFSETTO:${off}`, 'END:STANDARD', 'END:VTIMEZONE'].join('\r\n'));
const icsFile = fc
  .tuple(fc.array(fc.oneof({ weight: 4, arbitrary: vevent }, { weight: 1, arbitrary: vtimezone }, { weight: 1, arbitrary: eventLine }), { maxLength: 6 }), fc.constantFrom('\r\n', '\n', '\r'), fc.boolean())
  .map(([parts, nl, closed]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', ...parts, ...(closed ? ['END:VCALENDAR'] : [])].join('\r\n').replace(/\r\n/g, nl));

describe('ICS free/busy import under fuzzing', () => {
  it('importBusy: random text and VCALENDAR-shaped files throw only IcsImportError; busy intervals are valid', () => {
    assertProperty(fc.oneof({ weight: 5, arbitrary: icsFile }, { weight: 1, arbitrary: anyText }, { weight: 1, arbitrary: anyText.map((s) => `BEGIN:VCALENDAR\r\n${s}\r\nEND:VCALENDAR`) }), (s) => assertBusy(s), 400);
  });
});

// ---------------------------------------------------------------------------------------------
// Regression corpus: every file named `<target>-<anything>` is replayed through the same checks.

const replay: Record<string, (text: string, bytes: Uint8Array) => void> = {
  vtt: (s) => assertTranscript(parseVtt(s)),
  srt: (s) => assertTranscript(parseSrt(s)),
  text: (s) => assertTranscript(parseTextTranscript(s)),
  json: (s) => assertTranscript(parseJsonTranscript(s)),
  transcript: (_s, b) => parseOrLimit(b),
  ics: (s) => assertBusy(s),
};

describe('regression corpus (transcripts, ICS)', () => {
  const files = readdirSync(CORPUS).filter((f) => Object.hasOwn(replay, f.split('-')[0]!));
  it.each(files.length ? files : ['(none)'])('replays %s', (file) => {
    if (file === '(none)') return;
    const bytes = readFileSync(path.join(CORPUS, file));
    replay[file.split('-')[0]!]!(bytes.toString('utf8'), new Uint8Array(bytes));
  });
});
