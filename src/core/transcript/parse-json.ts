/**
 * JSON transcripts (DECISIONS 25: the input declares a `unit` or uses `startMs`/`endMs`):
 * - `{ "unit": "s" | "ms", "segments": [{ speaker, start, end, text }] }`;
 * - a bare array (or `segments` without a unit) of `{ speaker, startMs, endMs, text }`;
 * - a bare array of `{ speaker, start, end, text }` without a unit: a warning, and the values are read
 *   as seconds when every one is below 100000 and at least one has a fraction, else as milliseconds.
 * A segment that cannot be read is skipped with a warning whose `line` is its 1-based index. Warnings
 * about the file as a whole use line 1. Pure; never throws. See docs/transcripts.md "Parsing".
 */
import { collapseWhitespace, splitSpeakerPrefix, stripBom } from './parse-common.ts';
import type { Cue, ParsedTranscript, ParseWarning } from './types.ts';

type Unit = 's' | 'ms';
const SECONDS_CEILING = 100_000;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function has(o: Record<string, unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key) && o[key] !== undefined && o[key] !== null;
}

/** 1-based line of a JSON.parse error, from "line N column" or "position N" in its message (best effort; else 1). */
function errorLine(text: string, err: unknown): number {
  const message = err instanceof Error ? err.message : '';
  const byLine = /\bline (\d+) column\b/.exec(message);
  if (byLine) return Math.max(1, Number(byLine[1]));
  const m = /\bposition (\d+)/.exec(message);
  if (!m) return 1;
  const pos = Math.min(Number(m[1]), text.length);
  let line = 1;
  for (let k = 0; k < pos; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(k + 1) !== 0x0a)) line++;
  }
  return line;
}

/** The unit for `start`/`end` values when the file declares none (see the module comment). */
function guessUnit(segments: unknown[]): Unit {
  let anyFraction = false;
  for (const s of segments) {
    if (!isRecord(s) || has(s, 'startMs')) continue;
    for (const v of [s.start, s.end]) {
      if (typeof v !== 'number' || !Number.isFinite(v)) continue;
      if (v >= SECONDS_CEILING) return 'ms';
      if (!Number.isInteger(v)) anyFraction = true;
    }
  }
  return anyFraction ? 's' : 'ms';
}

function toMs(v: unknown, unit: Unit): number | null {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) return null;
  const ms = Math.round(unit === 's' ? v * 1000 : v);
  return Number.isSafeInteger(ms) ? ms : null;
}

function readSegment(seg: unknown, unit: Unit): Cue | string {
  if (!isRecord(seg)) return 'not an object';
  const msKeys = has(seg, 'startMs');
  const start = msKeys ? toMs(seg.startMs, 'ms') : has(seg, 'start') ? toMs(seg.start, unit) : undefined;
  if (start === undefined) return 'no start time ("startMs", or "start" with a unit)';
  const end = msKeys ? toMs(seg.endMs, 'ms') : toMs(seg.end, unit);
  if (start === null) return 'start is not a non-negative number';
  if (end === null) return 'end is missing or not a non-negative number';
  const rawSpeaker = seg.speaker;
  if (rawSpeaker !== undefined && rawSpeaker !== null && typeof rawSpeaker !== 'string') return 'speaker is not a string';
  if (typeof seg.text !== 'string') return 'text is not a string';
  let speaker = typeof rawSpeaker === 'string' ? collapseWhitespace(rawSpeaker) || null : null;
  let text = collapseWhitespace(seg.text);
  if (speaker === null) {
    const split = splitSpeakerPrefix(text);
    if (split) ({ speaker, text } = split);
  }
  return { startMs: start, endMs: end, speaker, text };
}

export function parseJsonTranscript(input: string): ParsedTranscript {
  const warnings: ParseWarning[] = [];
  const cues: Cue[] = [];
  const text = stripBom(input);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    warnings.push({ line: errorLine(text, err), message: 'not valid JSON' });
    return { format: 'json', cues, warnings };
  }

  let segments: unknown[];
  let unit: Unit | null = null;
  if (Array.isArray(doc)) {
    segments = doc;
  } else if (isRecord(doc) && Array.isArray(doc.segments)) {
    segments = doc.segments;
    if (doc.unit === 's' || doc.unit === 'ms') unit = doc.unit;
    else if (has(doc, 'unit')) warnings.push({ line: 1, message: `unknown unit ${JSON.stringify(doc.unit)}: expected "s" or "ms"` });
  } else {
    warnings.push({ line: 1, message: 'expected an array of segments or an object with "unit" and "segments"' });
    return { format: 'json', cues, warnings };
  }

  if (unit === null && segments.some((s) => isRecord(s) && !has(s, 'startMs') && has(s, 'start'))) {
    unit = guessUnit(segments);
    warnings.push({
      line: 1,
      message: `no unit declared: "start"/"end" read as ${unit === 's' ? 'seconds' : 'milliseconds'} (declare "unit" or use "startMs"/"endMs")`,
    });
  }

  segments.forEach((seg, k) => {
    const cue = readSegment(seg, unit ?? 'ms');
    if (typeof cue === 'string') {
      warnings.push({ line: k + 1, message: `segment ${k + 1} skipped: ${cue}` });
    } else if (cue.endMs < cue.startMs) {
      warnings.push({ line: k + 1, message: 'end before start: the cue is kept and ends at its start' });
      cues.push({ ...cue, endMs: cue.startMs });
    } else {
      cues.push(cue);
    }
  });
  return { format: 'json', cues, warnings };
}
