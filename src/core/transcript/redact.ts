/**
 * Redaction of a transcript (docs/transcripts.md, "Redaction"): the candidate's name, e-mail
 * addresses, phone numbers, street addresses and personal profile URLs are replaced by placeholders.
 * Pure and deterministic; the same text always redacts the same way, so the transcript stays
 * consistent.
 *
 * All detectors run on the original text; overlapping matches are resolved by taking the earliest,
 * then the longest (so an e-mail or a profile URL containing the name is replaced whole), and the
 * placeholders are never scanned again.
 *
 * - Names: each of `names`, whole, and its parts of at least 3 letters (split at spaces and hyphens),
 *   case-insensitive, at word boundaries, with diacritics optional ("Grün" also matches "Grun" and
 *   "Gruen"); a possessive "'s" is kept ("[CANDIDATE]'s"). A part that is also a common English word
 *   ("Will", "May", "Grant", "Rose") only matches capitalised. → `[CANDIDATE]`
 * - E-mail addresses, also spoken ("tobias at gmail dot com"). → `[EMAIL]`
 * - Phone numbers of 7–15 digits: international (+ or 00), (555) 123-4567, 555-123-4567 and national
 *   numbers with a leading 0 ("030 1234567", "07700 900123"); not amounts, percentages, years or
 *   "1 200 000". → `[PHONE]`
 * - Street addresses: a house number and 1–3 words before a street word (Street, St., Road, Rd., Avenue,
 *   Ave., Lane, Boulevard, Drive…; Way/Place/Close/Court/Square only capitalised), a German street
 *   ending in -straße/-strasse/-str./-allee/-gasse or a "… Straße/Weg/Platz" plus number, and
 *   "Rue/Via/Calle/Avenida/Piazza …" with a number before or after. → `[ADDRESS]`
 * - Profile URLs: linkedin.com/in/…, github.com/<user>, twitter.com/<user>, x.com/<user>, and any URL
 *   whose host contains a part of the candidate's name ("tobiasgruen.dev"). → `[PROFILE_URL]`
 */
import { foldName } from './text.ts';

export interface RedactOptions {
  /** The candidate's name (and any other names to treat as the candidate's). */
  names: string[];
}

export type RedactionKind = 'name' | 'email' | 'phone' | 'address' | 'profileUrl';

export type RedactionCounts = Record<RedactionKind, number>;

export const PLACEHOLDERS: Record<RedactionKind, string> = {
  name: '[CANDIDATE]',
  email: '[EMAIL]',
  phone: '[PHONE]',
  address: '[ADDRESS]',
  profileUrl: '[PROFILE_URL]',
};

interface Hit {
  start: number;
  end: number;
  kind: RedactionKind;
}

const COMMON_WORDS: ReadonlySet<string> = new Set(
  'will may mark grant rose bill june april august hope faith joy chase drew dawn frank gene pat sue ray art rich lane young long king hill wood stone park bell ward hall page white brown green black gray grey reed max sky summer winter autumn rob guy jack jay bob don ben dean earl victor miles'.split(' '),
);

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
const SPOKEN_EMAIL = /\b[\p{L}\p{N}._+-]+(?:\s+dot\s+[\p{L}\p{N}_+-]+)*\s+at\s+[\p{L}\p{N}-]+(?:\s+dot\s+[\p{L}]{2,}){1,2}\b/giu;
const PHONE = /(?:\+|\b00|\()?\d[\d\s()./-]{5,}\d/g;
const URL = /\b(?:https?:\/\/)?(?:www\.)?[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:\/[^\s"'<>)]*)?/gi;
const STREET_EN =
  /\b\d{1,5}[A-Za-z]?,?\s+((?:[\p{L}'.-]+\s+){1,3})(?:[Ss]treet|[Rr]oad|[Aa]venue|[Ll]ane|[Bb]oulevard|STREET|ROAD|AVENUE|LANE|St\.?|Rd\.?|Ave\.?|Ln\.?|Blvd\.?|Drive|Dr\.|Way|Place|Pl\.|Close|Court|Ct\.|Square|Sq\.|Terrace|Crescent|Gardens|Row|Parkway|Highway|Hwy\.?)(?![\p{L}])/gu;
const STREET_DE = /\b[\p{Lu}][\p{L}-]*(?:straße|strasse|str\.|allee|gasse)(?:\s+\d{1,4}[a-z]?\b)?|\b[\p{Lu}][\p{L}-]+(?:er|sche|scher)?\s+(?:Straße|Strasse|Str\.|Weg|Platz|Allee|Gasse|Ring|Damm)\s+\d{1,4}[a-z]?\b/gu;
const ROMANCE_STREET = String.raw`\b(?:Rue|Via|Viale|Calle|Avenida|Avenue|Piazza|Boulevard|Chemin|Place)\s+(?:(?:de|du|des|la|le|di|del|della|dei|da|do|dos)\s+)?[\p{Lu}][\p{L}'-]*(?:\s+[\p{Lu}][\p{L}'-]*)?`;
const STREET_ROMANCE_BEFORE = new RegExp(String.raw`\b\d{1,4},?\s+${ROMANCE_STREET}`, 'gu');
const STREET_ROMANCE_AFTER = new RegExp(String.raw`${ROMANCE_STREET},?\s+\d{1,4}[a-z]?\b`, 'gu');
const STOP_BETWEEN = /^(?:the|a|an|on|in|of|to|at|by|for|from|with|and|or|our|my|your|their|down|up|across|along|per|into|over)$/i;

/** Letters of a name part, with diacritics and German transliterations allowed either way. */
function namePattern(part: string): string {
  let out = '';
  for (const ch of part) {
    const folded = foldName(ch);
    if (/[\s]/.test(ch)) out += '\\s+';
    else if (/[-‐]/.test(ch)) out += '[-‐\\s]?';
    else if (/['’]/.test(ch)) out += "['’]?";
    else if (folded !== ch.toLowerCase() && /^[a-z]+$/.test(folded)) {
      const umlaut = /[äöü]/i.test(ch) ? `|${folded}e` : '';
      out += `(?:${escape(ch)}${umlaut}|${folded})`;
    } else out += escape(ch);
  }
  return out;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface NameMatcher {
  /** Case-insensitive names and parts, longest first. */
  loose: RegExp | null;
  /** Parts that are common words: capitalised only. */
  strict: RegExp | null;
  /** Folded parts, for the personal-site host check. */
  folded: string[];
}

function nameMatcher(names: readonly string[]): NameMatcher {
  const loose = new Set<string>();
  const strict = new Set<string>();
  const folded = new Set<string>();
  for (const raw of names) {
    const name = raw.trim().replace(/\s+/g, ' ');
    if (name.length < 2) continue;
    loose.add(name);
    for (const part of name.split(/[\s]+/).flatMap((p) => [p, ...(p.includes('-') ? p.split('-') : [])])) {
      const letters = part.replace(/[^\p{L}]/gu, '');
      if (letters.length < 3) continue;
      const f = foldName(part).replace(/[^a-z]/g, '');
      if (f.length >= 3) folded.add(f);
      if (COMMON_WORDS.has(part.toLowerCase())) strict.add(part);
      else loose.add(part);
    }
  }
  const build = (set: Set<string>, flags: string): RegExp | null =>
    set.size === 0
      ? null
      : new RegExp(
          `(?<![\\p{L}\\p{N}])(?:${[...set]
            .sort((a, b) => b.length - a.length || a.localeCompare(b))
            .map(namePattern)
            .join('|')})(?![\\p{L}\\p{N}])`,
          flags,
        );
  return { loose: build(loose, 'giu'), strict: build(strict, 'gu'), folded: [...folded] };
}

function phoneOk(raw: string, text: string, start: number): boolean {
  const digits = raw.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return false;
  const before = text.slice(Math.max(0, start - 2), start);
  const after = text.slice(start + raw.length, start + raw.length + 2);
  if (/[$€£¥]\s?$/.test(before) || /^\s?%/.test(after) || /^[.,]\d/.test(after)) return false;
  if (/^\+|^00/.test(raw)) return true;
  if (/^\(\d{2,5}\)\s?\d/.test(raw)) return true;
  if (/^\d{3}[-.\s]\d{3}[-.\s]\d{4}$/.test(raw)) return true;
  if (/^0\d/.test(raw) && !/\s{2,}/.test(raw)) return true;
  return false;
}

function detect(text: string, names: NameMatcher): Hit[] {
  const hits: Hit[] = [];
  for (const m of text.matchAll(URL)) {
    const url = m[0].replace(/[.,;:!?]+$/, '');
    const host = url.replace(/^(?:https?:\/\/)?(?:www\.)?/i, '').split('/')[0]!.toLowerCase();
    const path = url.slice(url.toLowerCase().indexOf(host) + host.length);
    const profile =
      (/^(?:[a-z]{2,3}\.)?linkedin\.com$/.test(host) && /^\/(?:in|pub)\/[^/\s]+/i.test(path)) ||
      (/^(?:github\.com|twitter\.com|x\.com|gitlab\.com|medium\.com|instagram\.com|facebook\.com)$/.test(host) && /^\/@?[A-Za-z0-9_.-]+/.test(path)) ||
      names.folded.some((f) => host.replace(/[^a-z]/g, '').includes(f));
    if (profile && text[m.index - 1] !== '@') hits.push({ start: m.index, end: m.index + url.length, kind: 'profileUrl' });
  }
  for (const re of [EMAIL, SPOKEN_EMAIL]) for (const m of text.matchAll(re)) hits.push({ start: m.index, end: m.index + m[0].length, kind: 'email' });
  for (const m of text.matchAll(PHONE)) {
    const raw = m[0].replace(/[\s(./-]+$/, '');
    if (phoneOk(raw, text, m.index)) hits.push({ start: m.index, end: m.index + raw.length, kind: 'phone' });
  }
  for (const m of text.matchAll(STREET_EN)) {
    const between = m[1]!.trim().split(/\s+/);
    if (between.some((w) => STOP_BETWEEN.test(w))) continue;
    hits.push({ start: m.index, end: m.index + m[0].length, kind: 'address' });
  }
  for (const re of [STREET_DE, STREET_ROMANCE_BEFORE, STREET_ROMANCE_AFTER]) {
    for (const m of text.matchAll(re)) {
      hits.push({ start: m.index, end: m.index + m[0].length, kind: 'address' });
    }
  }
  for (const re of [names.loose, names.strict]) {
    if (!re) continue;
    for (const m of text.matchAll(re)) hits.push({ start: m.index, end: m.index + m[0].length, kind: 'name' });
  }
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Hit[] = [];
  let until = 0;
  for (const h of hits) {
    if (h.start < until || h.end <= h.start) continue;
    kept.push(h);
    until = h.end;
  }
  return kept;
}

function emptyCounts(): RedactionCounts {
  return { name: 0, email: 0, phone: 0, address: 0, profileUrl: 0 };
}

/** Redacts one string; `counts` says how many replacements of each kind were made. */
export function redactText(text: string, options: RedactOptions): { text: string; counts: RedactionCounts } {
  return redactWith(text, nameMatcher(options.names));
}

function redactWith(text: string, names: NameMatcher): { text: string; counts: RedactionCounts } {
  const counts = emptyCounts();
  let out = '';
  let at = 0;
  for (const h of detect(text, names)) {
    out += text.slice(at, h.start) + PLACEHOLDERS[h.kind];
    counts[h.kind]++;
    at = h.end;
  }
  return { text: out + text.slice(at), counts };
}

/**
 * Redacts every text of a transcript: strings, or turns/cues (copies with `text` replaced, other
 * fields kept). `counts` totals the replacements over the transcript.
 */
export function redactTranscript(items: readonly string[], options: RedactOptions): { items: string[]; counts: RedactionCounts };
export function redactTranscript<T extends { text: string }>(items: readonly T[], options: RedactOptions): { items: T[]; counts: RedactionCounts };
export function redactTranscript<T extends { text: string }>(items: readonly (T | string)[], options: RedactOptions): { items: (T | string)[]; counts: RedactionCounts } {
  const counts = emptyCounts();
  const names = nameMatcher(options.names);
  const out = items.map((item) => {
    const r = redactWith(typeof item === 'string' ? item : item.text, names);
    for (const k of Object.keys(counts) as RedactionKind[]) counts[k] += r.counts[k];
    return typeof item === 'string' ? r.text : { ...item, text: r.text };
  });
  return { items: out, counts };
}
