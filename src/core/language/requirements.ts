/**
 * Requirement inflation: how many must-haves the posting lists, how many years of experience it
 * demands and whether it insists on a degree.
 *
 * Sections (the rule, docs/language.md): the text is read line by line.
 * - A bullet is a line whose first non-blank character is `-`, `*` or `•` followed by a space or tab.
 *   An indented line right after a bullet continues it.
 * - Any other non-blank line is a heading when it starts with `#`, ends with `:`, or has at most 60
 *   characters and does not end with `.`, `!`, `?`, `;` or `,`; otherwise it is prose.
 * - A heading opens a "nice to have" section when it mentions prefer, nice, bonus, optional, desir…,
 *   plus or advantage; else a must-have section when it mentions require, must, "what you will
 *   bring" / "what you'll bring" or qualifications; else an ordinary section.
 * - Bullets in a must-have section are the must-haves. A prose line after the section's bullets ends
 *   the section (the list is over).
 * Years of experience and degrees written in a "nice to have" section are not demands.
 */
import type { Finding } from './types.ts';

export type SectionKind = 'must' | 'nice' | 'other';

interface LineInfo {
  start: number;
  /** End of the line's content, before the line break. */
  end: number;
  section: SectionKind;
}

export interface RequirementsAnalysis {
  mustHaves: number;
  yearsDemanded: number | null;
  degreeRequired: boolean;
  findings: Finding[];
}

/** More must-haves than this is reported. */
export const MUST_HAVE_LIMIT = 6;

const BULLET = /^[ \t]*[-*•][ \t]+\S/;
const NICE_HEADING = /prefer|nice|bonus|optional|desir|\bplus\b|advantage/i;
const MUST_HEADING = /require|must|what\s+you(?:['’]ll|\s+will)\s+bring|qualifications/i;

function isHeading(trimmed: string): boolean {
  if (trimmed.startsWith('#') || trimmed.endsWith(':')) return true;
  return trimmed.length <= 60 && !/[.!?;,]$/.test(trimmed);
}

function headingKind(trimmed: string): SectionKind {
  if (NICE_HEADING.test(trimmed)) return 'nice';
  if (MUST_HEADING.test(trimmed)) return 'must';
  return 'other';
}

/** Splits the input into lines and assigns each its section; counts must-have bullets. */
function readSections(input: string): { lines: LineInfo[]; mustHaves: number; firstMustHeading: { start: number; end: number } | null } {
  const lines: LineInfo[] = [];
  let section: SectionKind = 'other';
  let bulletsInSection = false;
  let previous: 'bullet' | 'other' = 'other';
  let mustHaves = 0;
  let firstMustHeading: { start: number; end: number } | null = null;
  let start = 0;
  while (start <= input.length) {
    let end = input.indexOf('\n', start);
    if (end === -1) end = input.length;
    const next = end + 1;
    const contentEnd = end > start && input.charCodeAt(end - 1) === 13 ? end - 1 : end;
    const line = input.slice(start, contentEnd);
    const trimmed = line.trim();
    if (trimmed === '') {
      // Blank lines keep the section and the bullet context.
    } else if (BULLET.test(line)) {
      if (section === 'must') mustHaves++;
      bulletsInSection = true;
      previous = 'bullet';
    } else if (previous === 'bullet' && /^[ \t]/.test(line)) {
      // Continuation of the bullet above.
    } else if (isHeading(trimmed)) {
      section = headingKind(trimmed);
      bulletsInSection = false;
      previous = 'other';
      if (section === 'must' && firstMustHeading === null) {
        const lead = line.length - line.trimStart().length;
        firstMustHeading = { start: start + lead, end: start + lead + trimmed.length };
      }
    } else {
      if (bulletsInSection) section = 'other';
      bulletsInSection = false;
      previous = 'other';
    }
    lines.push({ start, end: contentEnd, section });
    start = next;
  }
  return { lines, mustHaves, firstMustHeading };
}

/** Index of the line containing the offset. */
function lineIndexAt(lines: LineInfo[], offset: number): number {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid]!.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  twenty: 20,
};
const NUM = `\\d{1,2}|${Object.keys(NUMBER_WORDS).join('|')}`;
const END = '(?![\\p{L}\\p{N}_])';
const SP = '[ \\t\\u00a0]';

/**
 * "10+ years", "at least 8 years", "5-7 years of experience", "fifteen years' relevant experience".
 * A mention is a demand when it has a "+", an "at least"-style lead-in, or is followed (on the same
 * line, within three words) by "experience"; "founded 20 years ago" is not.
 */
const YEARS_RE = new RegExp(
  `(?<![\\p{L}\\p{N}_.,])` +
    `(?:(?<lead>at${SP}+least|a${SP}+minimum${SP}+of|minimum(?:${SP}+of)?|min\\.?|over|more${SP}+than)${SP}+)?` +
    `(?<low>${NUM})${END}` +
    `(?:${SP}*(?<plus>\\+)|${SP}*(?:-|–|—|to)${SP}*(?:${NUM})${END}${SP}*(?<plus2>\\+)?)?` +
    `${SP}*(?:years?|yrs?)${END}` +
    `(?<tail>['’]?(?:${SP}+of)?(?:${SP}+[\\p{L}-]+){0,3}?${SP}+(?:experience|exp)${END})?`,
  'giu',
);
/** Words before a number that make it a ceiling, not a demand. */
const CEILING_BEFORE = /(?:\bno|\bnot|\bup\s+to|\bmaximum(?:\s+of)?|\bmax\.?)\s*$/i;

const DEGREE_RE = new RegExp(
  '(?<![\\p{L}\\p{N}_])(?:' +
    [
      "bachelor(?:['’]?s)?(?:\\s+degree)?",
      "master['’]s(?:\\s+degree)?",
      'masters?\\s+degree',
      'ph\\.?\\s?d\\.?',
      'doctorate',
      'doctoral\\s+degree',
      'mba',
      '(?:b\\.?sc?\\.?|b\\.?a\\.?|m\\.?sc?\\.?)(?:\\s*/\\s*(?:b\\.?sc?\\.?|b\\.?a\\.?|m\\.?sc?\\.?|ph\\.?d\\.?)){0,3}\\s+(?:degree|in)',
      '(?:college|university|undergraduate|graduate|advanced|four-year)\\s+degree',
      'degree\\s+(?:is\\s+)?required',
      'degree\\s+in',
    ].join('|') +
    `)(?![\\p{L}\\p{N}_])`,
  'giu',
);
/** A line that offers an alternative or marks the degree optional. */
const DEGREE_SOFTENED =
  /equivalent|or\s+(?:relevant\s+|comparable\s+|similar\s+|practical\s+|professional\s+|work\s+)*experience|prefer|nice[\s-]to[\s-]have|a\s+plus|bonus|desirable|ideally|optional/i;

function numberValue(s: string): number {
  const n = Number.parseInt(s, 10);
  return Number.isNaN(n) ? (NUMBER_WORDS[s.toLowerCase()] ?? 0) : n;
}

export function analyzeRequirements(input: string): RequirementsAnalysis {
  const { lines, mustHaves, firstMustHeading } = readSections(input);
  const findings: Finding[] = [];

  if (mustHaves > MUST_HAVE_LIMIT && firstMustHeading) {
    findings.push({
      kind: 'must-have-count',
      text: input.slice(firstMustHeading.start, firstMustHeading.end),
      start: firstMustHeading.start,
      end: firstMustHeading.end,
      message: `${mustHaves} must-have requirements. Long lists of musts put off capable people who meet most but not all of them.`,
      suggestion: `Keep the few requirements that are truly essential (at most ${MUST_HAVE_LIMIT}) and move the rest to a "nice to have" list.`,
      replacement: null,
    });
  }

  let yearsDemanded: number | null = null;
  YEARS_RE.lastIndex = 0;
  for (let m = YEARS_RE.exec(input); m !== null; m = YEARS_RE.exec(input)) {
    const g = m.groups ?? {};
    const demand = g.lead !== undefined || g.plus !== undefined || g.plus2 !== undefined || g.tail !== undefined;
    if (!demand) continue;
    if (CEILING_BEFORE.test(input.slice(Math.max(0, m.index - 24), m.index))) continue;
    if (lines[lineIndexAt(lines, m.index)]!.section === 'nice') continue;
    const years = numberValue(g.low ?? '0');
    yearsDemanded = yearsDemanded === null ? years : Math.max(yearsDemanded, years);
    findings.push({
      kind: 'years-of-experience',
      text: m[0],
      start: m.index,
      end: m.index + m[0].length,
      message: `Asks for at least ${years} year${years === 1 ? '' : 's'} of experience. Counting years screens out people who built the skills faster, differently or with career breaks.`,
      suggestion: 'Describe the outcomes and scope the person should have handled (e.g. "has run a budget of several million") instead of a number of years.',
      replacement: null,
    });
  }

  let degreeRequired = false;
  DEGREE_RE.lastIndex = 0;
  const softened = new Map<number, boolean>(); // per line, so many mentions on one long line stay linear
  for (let m = DEGREE_RE.exec(input); m !== null; m = DEGREE_RE.exec(input)) {
    const index = lineIndexAt(lines, m.index);
    const line = lines[index]!;
    let soft = softened.get(index);
    if (soft === undefined) {
      soft = line.section === 'nice' || DEGREE_SOFTENED.test(input.slice(line.start, line.end));
      softened.set(index, soft);
    }
    if (soft) continue;
    degreeRequired = true;
    findings.push({
      kind: 'degree-requirement',
      text: m[0],
      start: m.index,
      end: m.index + m[0].length,
      message: 'Requires a degree with no alternative. Degree requirements exclude capable people who learned on the job.',
      suggestion: `Add "or equivalent experience", e.g. "${m[0]} or equivalent experience".`,
      replacement: null,
    });
  }

  return { mustHaves, yearsDemanded, degreeRequired, findings };
}
