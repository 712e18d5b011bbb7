import type { RiskCategory } from '../../../core/risk/risk-lint.ts';
import type { OrgRole } from '../../../shared/common.ts';
import { type MarkedPart, splitMarked } from '../../lib/format.ts';

/**
 * Pure pieces of the interview-intelligence pages: times, labels, the draft-suggestion wording,
 * search snippets, upload encoding and errors, and where to mark quotes inside the transcript's
 * turns. Offsets are UTF-16 code units, end-exclusive (`text.slice(start, end)`).
 */

/** "mm:ss" under an hour, "h:mm:ss" from an hour on (whole seconds, rounded down). */
export function formatTimestamp(ms: number): string {
  const total = Number.isFinite(ms) && ms > 0 ? Math.floor(ms / 1000) : 0;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

/** The ISO 8601 duration of a timestamp, for `<time dateTime>`. */
export function timestampDateTime(ms: number): string {
  const total = Number.isFinite(ms) && ms > 0 ? Math.floor(ms / 1000) : 0;
  return `PT${total}S`;
}

/** A length of time in words: "45 s", "3 min 5 s", "1 h 2 min". */
export function formatDuration(ms: number): string {
  const total = Number.isFinite(ms) && ms > 0 ? Math.round(ms / 1000) : 0;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  if (m > 0) return s > 0 ? `${m} min ${s} s` : `${m} min`;
  return `${s} s`;
}

/** A 0–1 share as a whole percentage ("62%"); "—" when unknown. */
export function formatShare(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  return `${Math.round(Math.max(0, Math.min(1, share)) * 100)}%`;
}

/** A 0–1 share as a bar width in percent, clamped. */
export function sharePercent(share: number | null | undefined): number {
  if (share === null || share === undefined || !Number.isFinite(share)) return 0;
  return Math.round(Math.max(0, Math.min(1, share)) * 1000) / 10;
}

export const riskCategoryLabels: Record<RiskCategory, string> = {
  age: 'Age',
  national_origin: 'National origin',
  citizenship: 'Citizenship',
  religion: 'Religion',
  family_status: 'Family status',
  pregnancy: 'Pregnancy',
  disability_health: 'Disability or health',
  genetic_information: 'Genetic information',
  arrest_record: 'Arrest record',
  salary_history: 'Salary history',
  sexual_orientation_gender_identity: 'Sexual orientation or gender identity',
  military_discharge: 'Military discharge',
  union_membership: 'Union membership',
};

/** The human label of a risk category ("family_status" → "Family status"), also for codes added later. */
export function riskCategoryLabel(category: string): string {
  const known = (riskCategoryLabels as Record<string, string>)[category];
  if (known) return known;
  const words = category.replace(/[_-]+/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : category;
}

export const participantRoleLabels: Record<string, string> = { interviewer: 'Interviewer', candidate: 'Candidate', other: 'Other' };

export function participantRoleLabel(role: string): string {
  return participantRoleLabels[role] ?? 'Other';
}

export const strengthLabels: Record<string, string> = { strong: 'Strong', moderate: 'Moderate', weak: 'Weak' };

export const mappingSourceLabels: Record<string, string> = {
  name: 'Matched by name',
  behaviour: 'Guessed from how they spoke',
  user: 'Set by a person',
};

interface SuggestionLike {
  rating: number | null;
  confidence: number;
}

/** The transcript page's wording of a draft rating. */
export function suggestionText(s: SuggestionLike | null | undefined): string {
  if (!s || s.rating === null) return 'Not enough evidence for a suggestion';
  return `Suggested rating (draft): ${s.rating} — confidence ${formatShare(s.confidence)}`;
}

/** The scorecard's shorter wording of a draft rating (beside the interviewer's own rating field). */
export function scorecardSuggestionText(s: SuggestionLike | null | undefined): string {
  if (!s || s.rating === null) return 'Suggested (draft): not enough evidence';
  return `Suggested (draft): ${s.rating}`;
}

/** Organization roles that change the interview-intelligence settings (the contract's). */
export function canManageIntelligence(role: OrgRole | null | undefined): boolean {
  return role === 'owner' || role === 'admin';
}

// ---- Search snippets ----

export type SnippetPart = MarkedPart;

/** Splits a search snippet ("plain text with «matches»") into parts, the marked ones to render in <mark>. */
export const parseSnippet = splitMarked;

/** The transcript page's address at a moment of the recording (search hits, scorecard quotes). */
export function transcriptHref(interviewId: string, startMs?: number): string {
  const base = `/interviews/${encodeURIComponent(interviewId)}/transcript`;
  return startMs === undefined ? base : `${base}?t=${Math.max(0, Math.round(startMs))}`;
}

/** Reads `?t=` (milliseconds); null when absent or not a number. */
export function parseTimeParam(value: string | null): number | null {
  if (value === null || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

// ---- Upload ----

/** Base64 of bytes (the upload's `dataBase64`, so UTF-16 files arrive intact). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/** The server's upload limit for a transcript file (5 MB, before encoding). */
export const TRANSCRIPT_MAX_BYTES = 5 * 1024 * 1024;

export interface UploadProblem {
  title: string;
  lines: string[];
  /** The problem is the missing recording consent (409 `details.field === 'consent'`). */
  consent: boolean;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** "Line 3: message" for every `details.issues` entry of a 400 (paths like "line 3"). */
export function issueLines(details: Record<string, unknown> | undefined): string[] {
  if (!details || !Array.isArray(details.issues)) return [];
  const out: string[] = [];
  for (const issue of details.issues) {
    if (!isRecord(issue) || typeof issue.message !== 'string') continue;
    const path = typeof issue.path === 'string' ? issue.path : '';
    const line = /^line (\d+)$/i.exec(path);
    if (line) out.push(`Line ${line[1]}: ${issue.message}`);
    else if (path && path !== 'content') out.push(`${path}: ${issue.message}`);
    else out.push(issue.message);
  }
  return out;
}

/** What to tell the user when an upload fails, from the API error's status, message and details. */
export function uploadProblem(error: { status: number; message: string; details?: Record<string, unknown> | undefined }): UploadProblem {
  if (error.status === 409 && error.details?.field === 'consent') {
    return { title: 'Record the candidate’s consent first', lines: [error.message], consent: true };
  }
  if (error.status === 413) {
    return { title: 'The file is too large', lines: [error.message || 'Transcripts are limited to 5 MB.'], consent: false };
  }
  if (error.status === 400) {
    return { title: error.message || 'The file could not be read as a transcript', lines: issueLines(error.details), consent: false };
  }
  return { title: 'The transcript was not uploaded', lines: [error.message], consent: false };
}

// ---- Turns, speakers and marks ----

export interface TurnLike {
  index: number;
  speaker: string | null;
  startMs: number;
  endMs: number;
  text: string;
}

/** The turn to show for a moment: the last turn starting at or before it (the first turn before any). -1 without turns. */
export function turnAtTime(turns: readonly TurnLike[], ms: number): number {
  if (turns.length === 0) return -1;
  let found = turns[0]!.index;
  for (const t of turns) {
    if (t.startMs <= ms) found = t.index;
    else break;
  }
  return found;
}

export type SpeakerTone = 'interviewer-0' | 'interviewer-1' | 'interviewer-2' | 'candidate' | 'other';

export interface SpeakerInfo {
  label: string | null;
  name: string;
  role: 'interviewer' | 'candidate' | 'other';
  tone: SpeakerTone;
}

interface MappingLike {
  speaker: string;
  role: 'interviewer' | 'candidate' | 'other';
  name: string | null;
}

/**
 * Who each speaker label is, with a colour tone by role: interviewers take the interviewer palette in
 * order of first appearance, the candidate their own colour, everyone else a neutral one.
 */
export function speakerInfos(turns: readonly TurnLike[], mapping: readonly MappingLike[]): Map<string | null, SpeakerInfo> {
  const byLabel = new Map(mapping.map((m) => [m.speaker, m]));
  const out = new Map<string | null, SpeakerInfo>();
  let interviewers = 0;
  const labels: (string | null)[] = [];
  for (const t of turns) if (!labels.includes(t.speaker)) labels.push(t.speaker);
  for (const m of mapping) if (!labels.includes(m.speaker)) labels.push(m.speaker);
  for (const label of labels) {
    if (label === null) {
      out.set(null, { label: null, name: 'Unknown speaker', role: 'other', tone: 'other' });
      continue;
    }
    const m = byLabel.get(label);
    const role = m?.role ?? 'other';
    const tone: SpeakerTone = role === 'interviewer' ? (`interviewer-${interviewers++ % 3}` as SpeakerTone) : role === 'candidate' ? 'candidate' : 'other';
    out.set(label, { label, name: m?.name || label, role, tone });
  }
  return out;
}

export function speakerOf(infos: Map<string | null, SpeakerInfo>, label: string | null | undefined): SpeakerInfo {
  const key = label === undefined || label === '' ? null : label;
  return infos.get(key) ?? { label: key, name: key ?? 'Unknown speaker', role: 'other', tone: 'other' };
}

export type MarkKind = 'flag' | 'evidence';

/** Something said that the viewer marks: a risk flag's sentence or an evidence quote. */
export interface QuoteTarget {
  /** Unique among the targets (e.g. "flag-0", "evidence-3"). */
  key: string;
  kind: MarkKind;
  /** The text to find in the turns. */
  quote: string;
  /** About when it was said: picks the occurrence when the quote appears more than once. */
  startMs: number;
  /** What the mark stands for ("Risk flag: Family status", "Evidence: Architecture"). */
  label: string;
  /** The turns to look in first (e.g. the flagged speaker's, the candidate's); all turns when it finds nothing. */
  eligible?: (turn: TurnLike) => boolean;
}

/** A mark inside one turn. */
export interface TurnMark {
  key: string;
  kind: MarkKind;
  label: string;
  start: number;
  end: number;
}

export interface LocatedQuotes {
  /** Turn index → the marks in that turn's text. */
  byTurn: Map<number, TurnMark[]>;
  /** Target key → the turn where its quote starts (targets whose quote was not found are absent). */
  turnOf: Map<string, number>;
}

interface Joined {
  turns: TurnLike[];
  starts: number[];
  text: string;
}

function joinTurns(turns: readonly TurnLike[]): Joined {
  const starts: number[] = [];
  let text = '';
  turns.forEach((t, i) => {
    if (i > 0) text += ' ';
    starts.push(text.length);
    text += t.text;
  });
  return { turns: [...turns], starts, text };
}

/** The position (in `joined.turns`) of the turn an offset of the joined text falls in (a separator counts for the next turn). */
function turnAtOffset(joined: Joined, offset: number): number {
  let lo = 0;
  let hi = joined.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (joined.starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  const t = joined.turns[lo]!;
  if (offset >= joined.starts[lo]! + t.text.length && lo + 1 < joined.turns.length) return lo + 1;
  return lo;
}

/** The moment an occurrence starts, proportional within its turn (as the analysis times its quotes). */
function occurrenceTime(joined: Joined, offset: number): number {
  const k = turnAtOffset(joined, offset);
  const t = joined.turns[k]!;
  const within = Math.max(0, Math.min(t.text.length, offset - joined.starts[k]!));
  return t.startMs + ((t.endMs - t.startMs) * within) / Math.max(1, t.text.length);
}

/** The occurrence of `quote` in the joined text closest in time to `startMs`; -1 when there is none. */
function bestOccurrence(joined: Joined, quote: string, startMs: number): number {
  let best = -1;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (let at = joined.text.indexOf(quote); at >= 0; at = joined.text.indexOf(quote, at + 1)) {
    const distance = Math.abs(occurrenceTime(joined, at) - startMs);
    if (distance < bestDistance) {
      best = at;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * Finds each target's quote in the turns and returns the marks per turn. A quote may run over
 * several consecutive turns (an answer is the candidate's turns joined with a space): it is found in
 * the eligible turns joined that way, and each turn gets the part that falls in it. When a quote
 * appears more than once, the occurrence closest to the target's time wins. Quotes found nowhere
 * are left out (the text changed, e.g. a redacted view).
 */
export function locateQuotes(turns: readonly TurnLike[], targets: readonly QuoteTarget[]): LocatedQuotes {
  const byTurn = new Map<number, TurnMark[]>();
  const turnOf = new Map<string, number>();
  const cache = new Map<unknown, Joined>();
  const all = joinTurns(turns);
  const joinedFor = (eligible: QuoteTarget['eligible']): Joined => {
    if (!eligible) return all;
    let j = cache.get(eligible);
    if (!j) cache.set(eligible, (j = joinTurns(turns.filter(eligible))));
    return j;
  };
  for (const target of targets) {
    const quote = target.quote;
    if (!quote) continue;
    let joined = joinedFor(target.eligible);
    let at = joined.turns.length ? bestOccurrence(joined, quote, target.startMs) : -1;
    if (at < 0 && joined !== all) {
      joined = all;
      at = bestOccurrence(all, quote, target.startMs);
    }
    if (at < 0) continue;
    const end = at + quote.length;
    for (let k = turnAtOffset(joined, at); k < joined.turns.length; k++) {
      const turnStart = joined.starts[k]!;
      if (turnStart >= end) break;
      const t = joined.turns[k]!;
      const s = Math.max(at, turnStart) - turnStart;
      const e = Math.min(end, turnStart + t.text.length) - turnStart;
      if (e <= s) continue;
      if (!turnOf.has(target.key)) turnOf.set(target.key, t.index);
      const list = byTurn.get(t.index) ?? [];
      list.push({ key: target.key, kind: target.kind, label: target.label, start: s, end: e });
      byTurn.set(t.index, list);
    }
  }
  return { byTurn, turnOf };
}

export interface TurnSegment {
  start: number;
  end: number;
  text: string;
  /** The marks covering this segment, flags first; empty for plain text. */
  marks: TurnMark[];
  /** The marks that begin at this segment (where to announce them). */
  starting: TurnMark[];
}

/**
 * Cuts a turn's text into consecutive segments at every mark boundary, each with the marks covering
 * it (overlapping marks split into pieces covered by one, then both). Marks out of range or empty
 * are ignored, and plain neighbours joined. Joining the segments' text gives back `text` exactly.
 */
export function segmentTurn(text: string, marks: readonly TurnMark[]): TurnSegment[] {
  const valid = marks.filter((m) => Number.isInteger(m.start) && Number.isInteger(m.end) && m.start >= 0 && m.end <= text.length && m.start < m.end);
  const kindOrder = (m: TurnMark) => (m.kind === 'flag' ? 0 : 1);
  const cuts = new Set<number>([0, text.length]);
  for (const m of valid) {
    cuts.add(m.start);
    cuts.add(m.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: TurnSegment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    if (start === end) continue;
    const covering = valid
      .map((m, order) => ({ m, order }))
      .filter(({ m }) => m.start <= start && m.end >= end)
      .sort((a, b) => kindOrder(a.m) - kindOrder(b.m) || a.order - b.order)
      .map(({ m }) => m);
    const seen = new Set<string>();
    const unique = covering.filter((m) => (seen.has(m.key) ? false : (seen.add(m.key), true)));
    const last = segments[segments.length - 1];
    if (last && last.marks.length === 0 && unique.length === 0) {
      last.end = end;
      last.text = text.slice(last.start, end);
      continue;
    }
    segments.push({ start, end, text: text.slice(start, end), marks: unique, starting: unique.filter((m) => m.start === start) });
  }
  return segments;
}
