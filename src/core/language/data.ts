/**
 * The lint's data, from content/language/ (docs/language.md). Imported as JSON modules so the
 * analysis stays pure: no file is read at run time by this code.
 */
import genderJson from '../../../content/language/gender-coded.json' with { type: 'json' };
import genderReplacementsJson from '../../../content/language/gender-replacements.json' with { type: 'json' };
import payJson from '../../../content/language/pay-transparency.json' with { type: 'json' };
import phrasesJson from '../../../content/language/phrases.json' with { type: 'json' };

export interface GenderCodedData {
  source: string;
  masculine: string[];
  feminine: string[];
  /** Stems that keep a hyphenated word whole instead of splitting it at the hyphens. */
  hyphenated: string[];
  /** Word prefixes that never count (e.g. "sharepoint"). */
  neverCount: string[];
}

export const phraseCategories = ['age', 'ability', 'gendered-term', 'origin', 'cliche', 'jargon'] as const;
export type PhraseCategory = (typeof phraseCategories)[number];

export interface PhraseEntry {
  id: string;
  category: PhraseCategory;
  /** A plain phrase, or a regular expression when `regex` is true. */
  pattern: string;
  regex?: boolean;
  message: string;
  suggestion: string;
  /** Only flagged for senior roles. */
  whenSenior?: boolean;
  /**
   * A drop-in replacement for the matched text (docs/language.md, "Replacements"). A string replaces
   * every match, so it is only given where it reads correctly for every text the pattern can match.
   * A map is keyed by the normalised match (see `phraseReplacementKey`: lower-cased, ’ as ',
   * whitespace around "/" removed, runs of whitespace and hyphens as one space); a match that is not
   * a key gets no replacement. Values are lower case except proper nouns ("fluent English speaker")
   * and are recased to the match ("Chairman" → "Chair", "CHAIRMAN" → "CHAIR").
   */
  replacement?: string | Record<string, string>;
}

export interface PhraseData {
  source: string;
  phrases: PhraseEntry[];
}

/**
 * Drop-in replacements for masculine-coded words (content/language/gender-replacements.json).
 * `replacements` maps a whole lower-cased word, as the Gender Decoder tokenizer sees it, to a word
 * that starts with no coded stem; `context` overrides it by the next or previous word (a string
 * replaces, null withholds the replacement). Feminine-coded words never get a replacement.
 */
export interface GenderReplacementData {
  note: string;
  replacements: Record<string, string>;
  context: Record<string, { next?: Record<string, string | null>; prev?: Record<string, string | null> }>;
}

export interface Jurisdiction {
  id: string;
  name: string;
  law: string;
  /** ISO date from which job postings must carry pay information. */
  effective: string;
  appliesTo: string;
  /** Case-insensitive whole-word names. */
  names: string[];
  /** Case-sensitive whole-word abbreviations. */
  codes: string[];
  /** Extra case-insensitive regular expressions. */
  patterns: string[];
  /** Case-sensitive regular expressions; a location matching one is not in this jurisdiction. */
  exclude?: string[];
}

export interface PayTransparencyData {
  source: string;
  jurisdictions: Jurisdiction[];
}

export const genderCodedData: GenderCodedData = genderJson;
export const phraseData: PhraseData = phrasesJson as PhraseData;
export const genderReplacementData: GenderReplacementData = genderReplacementsJson as GenderReplacementData;
export const payTransparencyData: PayTransparencyData = payJson as PayTransparencyData;
