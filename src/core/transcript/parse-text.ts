/**
 * Plain-text transcript exports (Zoom, Teams, Google Meet, Otter and the like). Pure; never throws.
 *
 * A line is one of:
 * - a header: a speaker label and a time alone on the line (`Jane Doe  0:05`, `Speaker 1 00:00:05`,
 *   `[Jane Doe] 00:01:05`, `Jane Doe (0:05)`): starts a cue; the text follows on the next lines;
 * - `[Jane Doe] 00:01:05 text`: starts a cue;
 * - an optional time prefix (`[hh:mm:ss]`, `(hh:mm:ss)`, `hh:mm:ss`, `mm:ss`, optional `.fff`) followed
 *   by `Speaker: text`: starts a cue;
 * - a time alone (Google Meet's periodic stamps): the time of the next cue;
 * - a time prefix and text without a speaker: starts a cue without a speaker;
 * - anything else: continues the previous cue (blank lines are ignored).
 * A cue with only a start time ends where the next cue starts; the last ends at its own start
 * (DECISIONS 25). A cue without a time takes the time of the cue before it (0 at the top).
 * See docs/transcripts.md "Parsing".
 */
import { collapseWhitespace, isSpeakerLabel, splitLines, splitSpeakerPrefix, stripBom } from './parse-common.ts';
import type { Cue, ParsedTranscript, ParseWarning } from './types.ts';

const TIME = String.raw`(?:(\d{1,3}):)?(\d{1,3}):(\d{2})(?:[.,](\d{1,3}))?`;
/** `[time] rest`, `(time) rest`, `time rest` or a time alone. */
const TIME_PREFIX = new RegExp(String.raw`^(?:\[${TIME}\]|\(${TIME}\)|${TIME}(?=\s|$))\s*`);
/** `Name  time`, `[Name] time`, `Name (time)`, `Name [time]` alone on a line. */
const HEADER = new RegExp(String.raw`^\[?([^\[\]:]{1,70}?)\]?[ \t\u00a0]+[\[(]?${TIME}[\])]?$`);
/** `[Name] time text` on one line (Zoom's local transcript style). */
const BRACKET_NAME_LINE = new RegExp(String.raw`^\[([^\[\]:]{1,70})\][ \t\u00a0]+[\[(]?${TIME}[\])]?[ \t\u00a0]+(\S[\s\S]*)$`);
/** Headers are short; longer lines are not tried against HEADER (and its backtracking). */
const MAX_HEADER_CHARS = 100;

function toMs(h: string | undefined, m: string, s: string, frac: string | undefined): number | null {
  const minutes = Number(m);
  const seconds = Number(s);
  if (seconds > 59 || (h !== undefined && minutes > 59)) return null;
  const fractionMs = frac === undefined ? 0 : Number(frac.padEnd(3, '0'));
  return Number(h ?? '0') * 3_600_000 + minutes * 60_000 + seconds * 1000 + fractionMs;
}

/** The time of a TIME match whose groups start at `at` (1-based group index). */
function timeOf(m: RegExpExecArray, at: number): number | null {
  const minutes = m[at + 1];
  if (minutes === undefined) return null;
  return toMs(m[at], minutes, m[at + 2]!, m[at + 3]);
}

interface Pending {
  startMs: number | null;
  speaker: string | null;
  parts: string[];
}

export function parseTextTranscript(input: string): ParsedTranscript {
  const lines = splitLines(stripBom(input));
  const warnings: ParseWarning[] = [];
  const pending: Pending[] = [];
  /** A time seen alone on a line, for the next cue. */
  let stamp: number | null = null;

  for (let i = 0; i < lines.length; i++) {
    const line = collapseWhitespace(lines[i]!);
    if (line === '') continue;

    if (line.length <= MAX_HEADER_CHARS) {
      const header = HEADER.exec(line);
      if (header) {
        const label = collapseWhitespace(header[1]!);
        const time = timeOf(header, 2);
        if (time !== null && isSpeakerLabel(label)) {
          pending.push({ startMs: time, speaker: label, parts: [] });
          stamp = null;
          continue;
        }
      }
    }

    if (line.charCodeAt(0) === 0x5b /* [ */) {
      const inline = BRACKET_NAME_LINE.exec(line);
      const label = inline ? collapseWhitespace(inline[1]!) : '';
      const time = inline ? timeOf(inline, 2) : null;
      if (inline && time !== null && isSpeakerLabel(label)) {
        pending.push({ startMs: time, speaker: label, parts: [inline[6]!] });
        stamp = null;
        continue;
      }
    }

    let time: number | null = null;
    let rest = line;
    const prefix = TIME_PREFIX.exec(line);
    if (prefix) {
      time = timeOf(prefix, 1) ?? timeOf(prefix, 5) ?? timeOf(prefix, 9);
      if (time !== null) rest = line.slice(prefix[0].length);
      else warnings.push({ line: i + 1, message: `time out of range in "${prefix[0].trim()}"; read as text` });
    }
    if (rest === '' && time !== null) {
      stamp = time;
      continue;
    }
    const split = splitSpeakerPrefix(rest);
    const last = pending[pending.length - 1];
    if (split !== null || last === undefined || time !== null || stamp !== null) {
      const text = split ? split.text : rest;
      pending.push({ startMs: time ?? stamp, speaker: split ? split.speaker : null, parts: text === '' ? [] : [text] });
      stamp = null;
    } else {
      last.parts.push(rest);
    }
  }

  // Times: a cue without one takes the previous cue's; each ends where the next starts (never before
  // its own start); the last ends at its start.
  const cues: Cue[] = [];
  let previous = 0;
  for (const p of pending) {
    const startMs = p.startMs ?? previous;
    previous = startMs;
    cues.push({ startMs, endMs: startMs, speaker: p.speaker, text: p.parts.join(' ') });
  }
  for (let k = 0; k + 1 < cues.length; k++) {
    const cue = cues[k]!;
    cue.endMs = Math.max(cue.startMs, cues[k + 1]!.startMs);
  }
  return { format: 'text', cues, warnings };
}
