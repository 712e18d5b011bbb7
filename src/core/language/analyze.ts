/**
 * The job-description lint (docs/language.md): gender-coded wording, exclusionary phrases,
 * requirement inflation, readability and pay transparency, combined into a 0–100 score whose
 * breakdown lists the points lost per category. Pure and deterministic; never throws.
 */
import { analyzeGender } from './gender.ts';
import { findPhrases } from './phrases.ts';
import { locationFromText, payTransparencyFindings, titleSpan } from './pay.ts';
import { readability } from './readability.ts';
import { MUST_HAVE_LIMIT, analyzeRequirements } from './requirements.ts';
import { findingKinds, type AnalyzeOptions, type Finding, type FindingKind, type GenderVerdict, type JobDescriptionAnalysis, type ScoreBreakdown } from './types.ts';

/** Points lost per category (docs/language.md, "Score"). */
export const SCORING = {
  gender: { 'masculine-coded': 6, 'strongly masculine-coded': 12 } as Partial<Record<GenderVerdict, number>>,
  /** Age, ability, gendered terms, national origin. */
  exclusionary: { each: 4, max: 24 },
  cliches: { each: 2, max: 8 },
  jargon: { each: 1, max: 6 },
  requirements: {
    perMustHaveOverLimit: 2,
    mustHavesMax: 8,
    /** [at least this many years, points], first match wins. */
    years: [
      [10, 6],
      [5, 3],
    ] as [number, number][],
    degree: 4,
  },
  /** [reading ease below this, points], first match wins. */
  readability: [
    [30, 8],
    [50, 4],
  ] as [number, number][],
  payTransparency: 15,
} as const;

const EXCLUSIONARY: ReadonlySet<FindingKind> = new Set(['age', 'ability', 'gendered-term', 'origin']);
const SENIOR_TITLE = /(?<![\p{L}])(?:senior|sr\.?|staff|principal|lead|head\s+of|director|vp|svp|evp|vice\s+president|chief|c[teopfid]o)(?![\p{L}])/iu;

/** Senior when the title line (the first non-blank line) names a senior level. */
export function inferSeniority(input: string): 'senior' | 'other' {
  const title = titleSpan(input);
  return title && SENIOR_TITLE.test(title.text) ? 'senior' : 'other';
}

const capped = (count: number, each: number, max: number) => Math.min(max, count * each);
const KIND_ORDER = new Map<FindingKind, number>(findingKinds.map((k, i) => [k, i]));

function compareFindings(a: Finding, b: Finding): number {
  return a.start - b.start || a.end - b.end || KIND_ORDER.get(a.kind)! - KIND_ORDER.get(b.kind)! || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0);
}

export function analyzeJobDescription(text: string, opts: AnalyzeOptions = {}): JobDescriptionAnalysis {
  const input = typeof text === 'string' ? text : String(text ?? '');
  const senior = (opts.seniority ?? inferSeniority(input)) === 'senior';
  const location = opts.location !== undefined ? opts.location : locationFromText(input);

  const gender = analyzeGender(input);
  const phrases = findPhrases(input, { senior });
  const requirements = analyzeRequirements(input);
  const read = readability(input);
  const pay = payTransparencyFindings(input, location);

  const count = (kinds: (k: FindingKind) => boolean) => phrases.filter((f) => kinds(f.kind)).length;
  const yearsPoints = requirements.yearsDemanded === null ? 0 : (SCORING.requirements.years.find(([min]) => requirements.yearsDemanded! >= min)?.[1] ?? 0);
  const mustHavePoints = capped(Math.max(0, requirements.mustHaves - MUST_HAVE_LIMIT), SCORING.requirements.perMustHaveOverLimit, SCORING.requirements.mustHavesMax);
  const ease = read.fleschReadingEase;
  const breakdown: ScoreBreakdown = {
    gender: SCORING.gender[gender.verdict] ?? 0,
    exclusionary: capped(count((k) => EXCLUSIONARY.has(k)), SCORING.exclusionary.each, SCORING.exclusionary.max),
    cliches: capped(count((k) => k === 'cliche'), SCORING.cliches.each, SCORING.cliches.max),
    jargon: capped(count((k) => k === 'jargon'), SCORING.jargon.each, SCORING.jargon.max),
    requirements: mustHavePoints + yearsPoints + (requirements.degreeRequired ? SCORING.requirements.degree : 0),
    readability: ease === null ? 0 : (SCORING.readability.find(([below]) => ease < below)?.[1] ?? 0),
    payTransparency: pay.length > 0 ? SCORING.payTransparency : 0,
  };
  const lost = Object.values(breakdown).reduce((a, b) => a + b, 0);

  const findings = [...gender.findings, ...phrases, ...requirements.findings, ...pay].sort(compareFindings);
  return {
    score: Math.max(0, Math.min(100, 100 - lost)),
    findings,
    gender: { verdict: gender.verdict, masculine: gender.masculine, feminine: gender.feminine },
    readability: read,
    requirements: { mustHaves: requirements.mustHaves, yearsDemanded: requirements.yearsDemanded, degreeRequired: requirements.degreeRequired },
    breakdown,
  };
}
