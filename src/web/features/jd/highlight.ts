import type { FindingKind } from '../../../core/language/types.ts';

/**
 * Pure pieces of the live highlights in the job-description editor: which spans of the text to
 * mark (findings may overlap; stale ones are dropped) and the one-click replacement of a finding.
 * Offsets are UTF-16 code units, end-exclusive, as in core/language (`text.slice(start, end)`).
 */

/** What the highlighter needs of a finding (core `Finding` or the contract's). */
export interface SpanFinding {
  kind: FindingKind;
  text: string;
  start: number;
  end: number;
}

/** A finding that may carry a drop-in replacement (`replacement` is new in core; read it defensively). */
export type ReplaceableFinding = SpanFinding & { replacement?: string | null | undefined };

export type HighlightTone = 'warm' | 'cool' | 'note';

const exclusionary: ReadonlySet<FindingKind> = new Set(['age', 'ability', 'gendered-term', 'origin']);

/** Masculine-coded and exclusionary wording in a warm colour, feminine-coded in a cool one, the rest as notes. */
export function highlightTone(kind: FindingKind): HighlightTone {
  if (kind === 'masculine-coded' || exclusionary.has(kind)) return 'warm';
  if (kind === 'feminine-coded') return 'cool';
  return 'note';
}

const tonePriority: Record<HighlightTone, number> = { warm: 0, cool: 1, note: 2 };

/** Whether a finding still points at its text in `text` (a finding of an older text may not). */
export function findingMatches(text: string, f: SpanFinding): boolean {
  return Number.isInteger(f.start) && Number.isInteger(f.end) && f.start >= 0 && f.end <= text.length && f.start < f.end && text.slice(f.start, f.end) === f.text;
}

export interface HighlightSegment {
  start: number;
  end: number;
  text: string;
  /** The kinds of the findings covering this segment, the most important first; empty: plain text. */
  kinds: FindingKind[];
}

/**
 * Cuts `text` into consecutive segments at every finding boundary, each with the kinds of the
 * findings covering it. Findings that do not match the text (stale, out of range) are ignored.
 * Joining the segments' text gives back `text` exactly.
 */
export function highlightSegments(text: string, findings: readonly SpanFinding[]): HighlightSegment[] {
  const valid = findings.filter((f) => findingMatches(text, f));
  const cuts = new Set<number>([0, text.length]);
  for (const f of valid) {
    cuts.add(f.start);
    cuts.add(f.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: HighlightSegment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    if (start === end) continue;
    const covering = valid.filter((f) => f.start <= start && f.end >= end);
    const kinds = [...new Set(covering.map((f) => f.kind))].sort((a, b) => tonePriority[highlightTone(a)] - tonePriority[highlightTone(b)]);
    const last = segments[segments.length - 1];
    // Merge neighbours with the same kinds so one finding is one mark when nothing overlaps it.
    if (last && last.kinds.length === 0 && kinds.length === 0) {
      last.end = end;
      last.text = text.slice(last.start, end);
      continue;
    }
    segments.push({ start, end, text: text.slice(start, end), kinds });
  }
  return segments;
}

/** The finding's drop-in replacement, when it has one. */
export function replacementOf(f: ReplaceableFinding): string | null {
  return typeof f.replacement === 'string' ? f.replacement : null;
}

/**
 * The text with the finding's span replaced by its replacement; null (refused) when the finding
 * has no replacement or the span no longer holds the finding's text (the text changed since).
 */
export function applyReplacement(text: string, finding: ReplaceableFinding): string | null {
  const replacement = replacementOf(finding);
  if (replacement === null || !findingMatches(text, finding)) return null;
  return text.slice(0, finding.start) + replacement + text.slice(finding.end);
}
