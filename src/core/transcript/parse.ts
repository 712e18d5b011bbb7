/**
 * `parseTranscript`: a transcript file (text or bytes) → cues in file order (DECISIONS 25), with the
 * detected format and warnings. Only an input over the size limit throws (TranscriptTooLargeError);
 * every other input gives a result. Pure: no I/O, no clock. See docs/transcripts.md "Parsing".
 */
import { decodeTranscript } from './decode.ts';
import { stripBom } from './parse-common.ts';
import { parseJsonTranscript } from './parse-json.ts';
import { parseSrt, parseSrtTiming } from './parse-srt.ts';
import { parseTextTranscript } from './parse-text.ts';
import { parseVtt } from './parse-vtt.ts';
import { type ParsedTranscript, type TranscriptFormat, transcriptFormats } from './types.ts';

/** 5 MB: the largest transcript accepted, in bytes (UTF-8 bytes for a string input). */
export const DEFAULT_MAX_TRANSCRIPT_BYTES = 5 * 1024 * 1024;

export class TranscriptTooLargeError extends Error {
  readonly limit: number;
  readonly size: number;
  constructor(size: number, limit: number) {
    super(`The transcript is ${size} bytes; the limit is ${limit} bytes.`);
    this.name = 'TranscriptTooLargeError';
    this.size = size;
    this.limit = limit;
  }
}

export interface ParseTranscriptOptions {
  /** Used for its extension (.vtt, .srt, .txt, .json) when `format` is not given. */
  fileName?: string;
  /** Skips detection. */
  format?: TranscriptFormat;
  /** Size limit in bytes; default DEFAULT_MAX_TRANSCRIPT_BYTES. */
  maxBytes?: number;
}

const EXTENSIONS: ReadonlyMap<string, TranscriptFormat> = new Map([
  ['vtt', 'vtt'],
  ['webvtt', 'vtt'],
  ['srt', 'srt'],
  ['txt', 'text'],
  ['text', 'text'],
  ['json', 'json'],
]);
const VTT_SIGNATURE = /^WEBVTT(?:[ \t\r\n]|$)/;
const TEXT_BRACKET = /^\[[^[\]{}"\r\n]*\][ \t]*[^\s,\]}]/;
const DIGITS_LINE = /^\s*\d+\s*$/;
const FIRST_LINES = /^(?:[ \t]*(?:\r\n|\r|\n))*([^\r\n]*)(?:\r\n|\r|\n)([^\r\n]*)/;

/** UTF-8 length of a string without encoding it (lone surrogates count as U+FFFD, 3 bytes). */
function utf8Length(s: string): number {
  let n = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && k + 1 < s.length && (s.charCodeAt(k + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      k++;
    } else n += 3;
  }
  return n;
}

/**
 * The format of a transcript: the `format` option, else the file extension, else the content: the
 * `WEBVTT` signature → vtt; `{` or `[` first → json; a digit line then an SRT timing line → srt; else text.
 */
export function detectTranscriptFormat(text: string, opts: { fileName?: string; format?: TranscriptFormat } = {}): TranscriptFormat {
  if (opts.format !== undefined && (transcriptFormats as readonly string[]).includes(opts.format)) return opts.format;
  if (typeof opts.fileName === 'string') {
    const dot = opts.fileName.lastIndexOf('.');
    const byExtension = dot >= 0 ? EXTENSIONS.get(opts.fileName.slice(dot + 1).toLowerCase()) : undefined;
    if (byExtension) return byExtension;
  }
  const body = stripBom(text);
  if (VTT_SIGNATURE.test(body)) return 'vtt';
  const trimmed = body.trimStart();
  const first = trimmed.charAt(0);
  // `[` opens JSON unless the line reads like a text export's `[00:01:05] …` or `[Jane Doe] 10:30`.
  if (first === '{' || (first === '[' && !TEXT_BRACKET.test(trimmed.slice(0, 200)))) return 'json';
  const lines = FIRST_LINES.exec(body.slice(0, 4096));
  if (lines && DIGITS_LINE.test(lines[1]!) && parseSrtTiming(lines[2]!.trim()) !== null) return 'srt';
  return 'text';
}

/**
 * Parses a transcript. Throws TranscriptTooLargeError when the input is larger than `maxBytes`;
 * nothing else throws (an unreadable file gives no cues and a warning).
 */
export function parseTranscript(input: string | Uint8Array, opts: ParseTranscriptOptions = {}): ParsedTranscript {
  const limit = typeof opts.maxBytes === 'number' && opts.maxBytes >= 0 ? opts.maxBytes : DEFAULT_MAX_TRANSCRIPT_BYTES;
  const size = typeof input === 'string' ? utf8Length(input) : input.byteLength;
  if (size > limit) throw new TranscriptTooLargeError(size, limit);

  const text = typeof input === 'string' ? input : decodeTranscript(input);
  const format = detectTranscriptFormat(text, opts);
  try {
    switch (format) {
      case 'vtt':
        return parseVtt(text);
      case 'srt':
        return parseSrt(text);
      case 'json':
        return parseJsonTranscript(text);
      case 'text':
        return parseTextTranscript(text);
    }
  } catch (err) {
    // Defence in depth: the parsers are tested not to throw (property tests); should one still do so,
    // the caller gets an empty result with the reason rather than an exception.
    return { format, cues: [], warnings: [{ line: 1, message: `could not parse the transcript: ${err instanceof Error ? err.message : String(err)}` }] };
  }
}
