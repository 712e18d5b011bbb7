/**
 * Helpers shared by the transcript parsers (docs/transcripts.md "Parsing"): line splitting, entity
 * decoding, whitespace collapsing and the `Name: ` speaker-prefix rule (DECISIONS 25). Pure.
 */
import type { Cue, ParseWarning } from './types.ts';

const LINE_BREAK = /\r\n|\r|\n/;
const WS_RUN = /\s+/g;

/** Lines of `text`; CRLF, CR and LF all end a line. Line `k` (0-based) is reported as line `k + 1`. */
export function splitLines(text: string): string[] {
  return text.split(LINE_BREAK);
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Every run of whitespace (including NBSP and line breaks) becomes one space; the ends are trimmed. */
export function collapseWhitespace(s: string): string {
  return s.replace(WS_RUN, ' ').trim();
}

const NAMED_ENTITIES = new Map<string, string>([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
  ['nbsp', '\u00a0'],
  ['lrm', '\u200e'],
  ['rlm', '\u200f'],
]);
const ENTITY = /&(?:#([0-9]{1,10})|#[xX]([0-9a-fA-F]{1,8})|([A-Za-z][A-Za-z0-9]{0,31}));/g;

function fromCodePointSafe(cp: number): string {
  if (!Number.isInteger(cp) || cp <= 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(cp);
}

/**
 * Decodes `&amp; &lt; &gt; &quot; &apos; &nbsp; &lrm; &rlm;` and numeric references (`&#39;`, `&#x27;`).
 * Unknown names are left as they are; invalid code points become U+FFFD.
 */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(ENTITY, (whole: string, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (dec !== undefined) return fromCodePointSafe(Number.parseInt(dec, 10));
    if (hex !== undefined) return fromCodePointSafe(Number.parseInt(hex, 16));
    return NAMED_ENTITIES.get(name ?? '') ?? whole;
  });
}

// ---------------------------------------------------------------------------------------------
// Speaker labels

/** A word of a personal name: an uppercase (or titlecase) letter, then letters, marks, ' ’ . - */
const NAME_WORD = String.raw`[\p{Lu}\p{Lt}][\p{L}\p{M}'’.\-]*`;
const NAME = new RegExp(`^${NAME_WORD}(?: ${NAME_WORD}){0,3}$`, 'u');
/** Generic diarisation labels: "Speaker 1", "SPEAKER_00", "Speaker A", "Unknown Speaker". */
const GENERIC_LABEL = /^(?:speaker[ _-]?(?:\d{1,3}|[a-z])|unknown speaker)$/i;
/** A short trailing parenthetical after a name, e.g. Zoom's "Jane Doe (she/her)" or "(Guest)". */
const PAREN_SUFFIX = /^(.+?) ?\(([^():]{1,20})\)$/;
export const MAX_SPEAKER_NAME_CHARS = 40;

/**
 * Words that make a `Word:` prefix a heading or a field, not a person. Compared lowercased with
 * trailing dots removed; a one-letter entry ("Q", "A") only rejects a label that is that letter alone,
 * so "A. Smith" is still a name. Labels with digits ("Q3", "A1") already fail the name pattern.
 */
const STOP_WORDS = new Set([
  'q', 'a',
  'note', 'notes', 'nb', 'ps', 'question', 'questions', 'answer', 'answers', 'summary', 'action', 'actions',
  'agenda', 'update', 'updates', 're', 'fw', 'fwd', 'subject', 'from', 'cc', 'bcc', 'sent', 'time', 'date',
  'location', 'speaker', 'speakers', 'transcript', 'transcription', 'recording', 'http', 'https', 'ftp',
  'mailto', 'www', 'url', 'link', 'email', 'phone', 'tel', 'topic', 'topics', 'title', 'meeting', 'attendees',
  'participants', 'duration', 'warning', 'caution', 'tip', 'hint', 'example', 'todo', 'important', 'reminder',
  'item', 'items', 'next', 'key', 'follow-up', 'step', 'steps', 'decision', 'decisions', 'outcome', 'outcomes',
  'goal', 'goals', 'objective', 'objectives', 'status', 'comment', 'comments', 'feedback', 'context',
  'background', 'overview', 'conclusion', 'result', 'results', 'score', 'rating', 'total', 'chapter', 'section',
  'part', 'edit', 'edited', 'source', 'description', 'task', 'tasks',
]);

/**
 * True when `label` (whitespace already collapsed) looks like a speaker: a generic diarisation label,
 * or 1–4 words each starting with an uppercase letter (letters, apostrophes, hyphens and dots only),
 * at most 40 characters, none a stop word; optionally followed by a short parenthetical.
 */
export function isSpeakerLabel(label: string): boolean {
  if (label.length === 0 || label.length > MAX_SPEAKER_NAME_CHARS + 24) return false;
  if (GENERIC_LABEL.test(label)) return true;
  const paren = PAREN_SUFFIX.exec(label);
  const name = paren ? paren[1]! : label;
  if (name.length > MAX_SPEAKER_NAME_CHARS || !NAME.test(name)) return false;
  const words = name.split(' ');
  for (const word of words) {
    const key = word.toLowerCase().replace(/\.+$/, '');
    if (key.length === 1 && words.length > 1) continue;
    if (STOP_WORDS.has(key)) return false;
  }
  return true;
}

/** How far into a text the colon of a `Name: ` prefix may be. */
const PREFIX_WINDOW = 72;
const WS_CHAR = /\s/;

/**
 * Splits a leading `Name: ` off `text` (already trimmed) when the label passes `isSpeakerLabel` and the
 * colon is followed by whitespace or the end. Returns null when there is no such prefix.
 */
export function splitSpeakerPrefix(text: string): { speaker: string; text: string } | null {
  const colon = text.slice(0, PREFIX_WINDOW).indexOf(':');
  if (colon <= 0) return null;
  const after = text.charAt(colon + 1);
  if (after !== '' && !WS_CHAR.test(after)) return null;
  const label = collapseWhitespace(text.slice(0, colon));
  if (!isSpeakerLabel(label)) return null;
  return { speaker: label, text: text.slice(colon + 1).trim() };
}

/** Plain cue text: whitespace collapsed, then a recognised `Name: ` prefix taken as the speaker. */
export function textWithSpeaker(raw: string, speaker: string | null): { speaker: string | null; text: string } {
  const text = collapseWhitespace(raw);
  if (speaker !== null) return { speaker, text };
  const split = splitSpeakerPrefix(text);
  return split ?? { speaker: null, text };
}

/**
 * A cue with `endMs >= startMs`: when the file has the end before the start the cue is kept, ending at
 * its start, with an "end before start" warning on `line`.
 */
export function makeCue(startMs: number, endMs: number, speaker: string | null, text: string, line: number, warnings: ParseWarning[]): Cue {
  if (endMs < startMs) {
    warnings.push({ line, message: 'end before start: the cue is kept and ends at its start' });
    endMs = startMs;
  }
  return { startMs, endMs, speaker, text };
}

/** A short, single-line excerpt of `s` for warning messages. */
export function excerpt(s: string, max = 60): string {
  const one = collapseWhitespace(s);
  return one.length > max ? `${one.slice(0, max)}…` : one;
}
