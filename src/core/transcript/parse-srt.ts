/**
 * SubRip (.srt), read leniently: optional index lines, `,` or `.` fractions of 1–4 digits, single-digit
 * time fields, optional hours, coordinates after the end time ignored; formatting tags and `{\an8}`-style
 * overrides stripped. A block that cannot be read is skipped with a warning. Pure; never throws.
 * See docs/transcripts.md "Parsing".
 */
import { decodeEntities, excerpt, makeCue, splitLines, stripBom, textWithSpeaker } from './parse-common.ts';
import type { Cue, ParsedTranscript, ParseWarning } from './types.ts';

const TIME = String.raw`(?:(\d{1,9}):)?(\d{1,2}):(\d{1,2})(?:[,.](\d{1,4}))?`;
const TIMING = new RegExp(String.raw`^\s*${TIME}\s*-->\s*${TIME}(?:\s[\s\S]*)?$`);
const INDEX = /^\d+$/;
const TAG = /<\/?[A-Za-z][^<>]*>/g;
const OVERRIDE = /\{\\[^{}]*\}/g;

function toMs(h: string | undefined, m: string, s: string, frac: string | undefined): number | null {
  const minutes = Number(m);
  const seconds = Number(s);
  if (minutes > 59 || seconds > 59) return null;
  // "5" → 500, "50" → 500, "500" → 500, "5000" → 500: the digits are a decimal fraction of a second.
  const fractionMs = frac === undefined ? 0 : Math.round(Number(frac.padEnd(4, '0')) / 10);
  const ms = Number(h ?? '0') * 3_600_000 + minutes * 60_000 + seconds * 1000 + fractionMs;
  return Number.isSafeInteger(ms) ? ms : null;
}

/** The start and end of an SRT timing line (`00:00:01,000 --> 00:00:02,500 X1:…`), or null. */
export function parseSrtTiming(line: string): { startMs: number; endMs: number } | null {
  if (!line.includes('-->')) return null;
  const m = TIMING.exec(line);
  if (!m) return null;
  const startMs = toMs(m[1], m[2]!, m[3]!, m[4]);
  const endMs = toMs(m[5], m[6]!, m[7]!, m[8]);
  return startMs === null || endMs === null ? null : { startMs, endMs };
}

/** Cue text without HTML-like tags (`<i>`, `<font color=…>`) and ASS overrides (`{\an8}`). */
export function stripSrtMarkup(text: string): string {
  let out = text;
  if (out.includes('<')) out = out.replace(TAG, '');
  if (out.includes('{')) out = out.replace(OVERRIDE, '');
  return decodeEntities(out);
}

export function parseSrt(input: string): ParsedTranscript {
  const lines = splitLines(stripBom(input));
  const cues: Cue[] = [];
  const warnings: ParseWarning[] = [];
  let current: { startMs: number; endMs: number; line: number; parts: string[] } | null = null;
  let skipping = false;

  const flush = () => {
    if (current === null) return;
    const { speaker, text } = textWithSpeaker(stripSrtMarkup(current.parts.join('\n')), null);
    cues.push(makeCue(current.startMs, current.endMs, speaker, text, current.line, warnings));
    current = null;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') {
      flush();
      skipping = false;
      continue;
    }
    if (line.includes('-->')) {
      flush();
      const timing = parseSrtTiming(line);
      if (timing === null) {
        warnings.push({ line: i + 1, message: `malformed timing line "${excerpt(line)}"; block skipped` });
        skipping = true;
      } else {
        current = { ...timing, line: i + 1, parts: [] };
        skipping = false;
      }
      continue;
    }
    // An index line: digits alone, directly before a timing line.
    if (INDEX.test(line) && (lines[i + 1] ?? '').includes('-->')) {
      flush();
      continue;
    }
    if (skipping) continue;
    if (current !== null) {
      current.parts.push(line);
      continue;
    }
    warnings.push({ line: i + 1, message: `block without a timing line skipped: "${excerpt(line)}"` });
    skipping = true;
  }
  flush();
  return { format: 'srt', cues, warnings };
}
