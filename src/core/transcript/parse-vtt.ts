/**
 * WebVTT, following the W3C WebVTT file parsing algorithm (https://www.w3.org/TR/webvtt1/#file-parsing)
 * for the signature, blocks, cue ids, timings and settings; cue text is reduced to plain text (tags
 * removed, entities decoded) and the speaker taken from the first voice tag or a `Name: ` prefix.
 * Pure; never throws. See docs/transcripts.md "Parsing".
 */
import { collapseWhitespace, decodeEntities, excerpt, makeCue, splitLines, textWithSpeaker } from './parse-common.ts';
import type { Cue, ParsedTranscript, ParseWarning } from './types.ts';

const SIGNATURE = /^WEBVTT(?:[ \t]|$)/;
/** Blocks that are not cues and are skipped silently (comments, style sheets, regions). */
const NON_CUE_BLOCK = /^(?:NOTE|STYLE|REGION)(?:[ \t]|$)/;
const TAG = /<([^<>]*)>/g;
const VOICE_TAG = /^v(?:\.\S*)?(?:\s+([\s\S]*))?$/;
const NUL = /\0/g;

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** W3C "skip whitespace" inside a line: space, tab, form feed (LF and CR cannot occur). */
function skipWhitespace(s: string, pos: number): number {
  while (pos < s.length) {
    const c = s.charCodeAt(pos);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0c) break;
    pos++;
  }
  return pos;
}

function collectDigits(s: string, pos: number): number {
  while (pos < s.length && isDigit(s.charCodeAt(pos))) pos++;
  return pos;
}

/**
 * W3C "collect a WebVTT timestamp" at `pos`: `[hours:]mm:ss.ttt`, hours of any number of digits (a
 * first field that is not exactly two digits or is over 59 is hours), minutes and seconds exactly two
 * digits and at most 59, exactly three fraction digits. Returns the time in ms and the position after it.
 */
export function collectVttTimestamp(s: string, pos: number): { ms: number; pos: number } | null {
  if (pos >= s.length || !isDigit(s.charCodeAt(pos))) return null;
  let end = collectDigits(s, pos);
  const first = s.slice(pos, end);
  const hoursFirst = first.length !== 2 || Number(first) > 59;
  if (s.charCodeAt(end) !== 0x3a /* : */) return null;
  pos = end + 1;
  end = collectDigits(s, pos);
  if (end - pos !== 2) return null;
  const second = Number(s.slice(pos, end));
  pos = end;
  let hours: number;
  let minutes: number;
  let seconds: number;
  if (hoursFirst || s.charCodeAt(pos) === 0x3a) {
    if (s.charCodeAt(pos) !== 0x3a) return null;
    pos++;
    end = collectDigits(s, pos);
    if (end - pos !== 2) return null;
    hours = Number(first);
    minutes = second;
    seconds = Number(s.slice(pos, end));
    pos = end;
  } else {
    hours = 0;
    minutes = Number(first);
    seconds = second;
  }
  if (s.charCodeAt(pos) !== 0x2e /* . */) return null;
  pos++;
  end = collectDigits(s, pos);
  if (end - pos !== 3) return null;
  const fraction = Number(s.slice(pos, end));
  if (minutes > 59 || seconds > 59) return null;
  const ms = hours * 3_600_000 + minutes * 60_000 + seconds * 1000 + fraction;
  if (!Number.isSafeInteger(ms)) return null;
  return { ms, pos: end };
}

/**
 * W3C "collect WebVTT cue timings and settings": start, `-->`, end; the settings after the end time
 * are ignored. Returns null (and why) when the line is not a valid timing line.
 */
export function parseVttTiming(line: string): { startMs: number; endMs: number } | { error: string } {
  let pos = skipWhitespace(line, 0);
  const start = collectVttTimestamp(line, pos);
  if (!start) return { error: 'invalid start time' };
  pos = skipWhitespace(line, start.pos);
  if (!line.startsWith('-->', pos)) return { error: 'expected "-->" after the start time' };
  pos = skipWhitespace(line, pos + 3);
  const end = collectVttTimestamp(line, pos);
  if (!end) return { error: 'invalid end time' };
  return { startMs: start.ms, endMs: end.ms };
}

/** Plain text and speaker of a cue payload: the first voice tag's name, else a `Name: ` prefix. */
export function vttCueText(payload: string): { speaker: string | null; text: string } {
  let speaker = null as string | null;
  let plain = payload;
  if (payload.includes('<')) {
    plain = payload.replace(TAG, (_whole: string, inner: string) => {
      if (speaker === null && inner.charCodeAt(0) === 0x76 /* v */) {
        const voice = VOICE_TAG.exec(inner);
        const name = voice?.[1] === undefined ? '' : collapseWhitespace(decodeEntities(voice[1]));
        if (name !== '') speaker = name;
      }
      return '';
    });
  }
  return textWithSpeaker(decodeEntities(plain), speaker);
}

export function parseVtt(input: string): ParsedTranscript {
  let text = input.includes('\0') ? input.replace(NUL, '\ufffd') : input;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = splitLines(text);
  const cues: Cue[] = [];
  const warnings: ParseWarning[] = [];
  if (!SIGNATURE.test(lines[0]!)) {
    warnings.push({ line: 1, message: 'not a WebVTT file: the first line must be "WEBVTT", alone or followed by a space or tab' });
    return { format: 'vtt', cues, warnings };
  }
  const n = lines.length;
  let i = 1;
  // Header: the lines after the signature up to a blank line; a line with "-->" ends it unconsumed.
  while (i < n) {
    const line = lines[i]!;
    if (line.includes('-->')) break;
    i++;
    if (line === '') break;
  }
  while (i < n && lines[i] === '') i++;

  while (i < n) {
    // "Collect a WebVTT block": an optional id line, a timing line, then the payload up to a blank
    // line or a line containing "-->" (which starts the next block).
    const firstIndex = i;
    let lineCount = 0;
    let seenArrow = false;
    let timing: { startMs: number; endMs: number } | null = null;
    let timingLine = 0;
    const payload: string[] = [];
    while (i < n) {
      const line = lines[i]!;
      lineCount++;
      if (line.includes('-->')) {
        if (lineCount === 1 || (lineCount === 2 && !seenArrow)) {
          seenArrow = true;
          i++;
          timingLine = i;
          const parsed = parseVttTiming(line);
          if ('error' in parsed) {
            warnings.push({ line: timingLine, message: `malformed cue timing (${parsed.error}): "${excerpt(line)}"; cue skipped` });
            timing = null;
          } else {
            timing = parsed;
            payload.length = 0;
          }
          continue;
        }
        break;
      }
      i++;
      if (line === '') break;
      payload.push(line);
    }
    if (timing) {
      const { speaker, text: cueText } = vttCueText(payload.join('\n'));
      cues.push(makeCue(timing.startMs, timing.endMs, speaker, cueText, timingLine, warnings));
    } else if (!seenArrow && !NON_CUE_BLOCK.test(lines[firstIndex]!)) {
      warnings.push({ line: firstIndex + 1, message: `block without a timing line skipped: "${excerpt(lines[firstIndex]!)}"` });
    }
    while (i < n && lines[i] === '') i++;
  }
  return { format: 'vtt', cues, warnings };
}
