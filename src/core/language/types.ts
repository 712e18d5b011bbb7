/**
 * Types of the job-description language analysis ("the lint", docs/language.md). Offsets are UTF-16
 * code units into the original input, end-exclusive, with `input.slice(start, end) === text`.
 */

export const findingKinds = [
  'masculine-coded',
  'feminine-coded',
  'age',
  'ability',
  'gendered-term',
  'origin',
  'cliche',
  'jargon',
  'must-have-count',
  'years-of-experience',
  'degree-requirement',
  'missing-pay-range',
] as const;
export type FindingKind = (typeof findingKinds)[number];

export interface Finding {
  kind: FindingKind;
  /** The flagged span, exactly as it appears in the input. */
  text: string;
  start: number;
  end: number;
  /** Why the span is flagged. */
  message: string;
  /** What to write instead; null when nothing needs changing (feminine-coded words). */
  suggestion: string | null;
  /**
   * A concrete text that can replace `text` in place (`input.slice(0, start) + replacement + input.slice(end)`),
   * in the case of `text`; null when no drop-in replacement reads correctly (docs/language.md, "Replacements").
   */
  replacement: string | null;
}

export type Seniority = 'senior' | 'other';

export interface AnalyzeOptions {
  /** Where the job is; checked against the pay-transparency jurisdictions. */
  location?: string;
  /** Senior roles also flag phrases marked `whenSenior` (e.g. "recent graduate"). Inferred from the title line when absent. */
  seniority?: Seniority;
}

export type GenderVerdict = 'empty' | 'neutral' | 'feminine-coded' | 'strongly feminine-coded' | 'masculine-coded' | 'strongly masculine-coded';

export interface WordCount {
  word: string;
  count: number;
}

export interface GenderResult {
  verdict: GenderVerdict;
  masculine: WordCount[];
  feminine: WordCount[];
}

export interface ReadabilityResult {
  /** Flesch reading ease (higher is easier); null when the text has no words. */
  fleschReadingEase: number | null;
  /** Flesch–Kincaid grade level; null when the text has no words. */
  gradeLevel: number | null;
  /** Words per sentence; 0 when there are no sentences. */
  averageSentenceLength: number;
  words: number;
  sentences: number;
}

export interface RequirementsResult {
  /** Bullet items under must-have headings. */
  mustHaves: number;
  /** The largest minimum number of years of experience demanded; null when none. */
  yearsDemanded: number | null;
  /** A degree is asked for without "or equivalent experience". */
  degreeRequired: boolean;
}

/** Points lost per category; the score is 100 minus their sum (docs/language.md). */
export interface ScoreBreakdown {
  gender: number;
  exclusionary: number;
  cliches: number;
  jargon: number;
  requirements: number;
  readability: number;
  payTransparency: number;
}

export interface JobDescriptionAnalysis {
  score: number;
  findings: Finding[];
  gender: GenderResult;
  readability: ReadabilityResult;
  requirements: RequirementsResult;
  breakdown: ScoreBreakdown;
}
