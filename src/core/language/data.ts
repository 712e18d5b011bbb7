/**
 * The lint's data, from content/language/ (docs/language.md). Imported as JSON modules so the
 * analysis stays pure: no file is read at run time by this code.
 */
import genderJson from '../../../content/language/gender-coded.json' with { type: 'json' };
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
}

export interface PhraseData {
  source: string;
  phrases: PhraseEntry[];
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
export const payTransparencyData: PayTransparencyData = payJson as PayTransparencyData;
