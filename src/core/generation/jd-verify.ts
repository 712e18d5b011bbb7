/**
 * Rewrite checks (docs/language.md, "Rewrite checks"): after a language model polishes a
 * deterministic job-description draft, the polished text must still carry the draft's facts. Pure
 * and deterministic; never throws.
 *
 * Rules, applied to both texts after the same normalisation (Unicode NFKC, lower case with "ß" as
 * "ss" and "ς" as "σ", ’ and ‘ as ', every run of whitespace as one space):
 *
 * - **Company and title** must appear as a phrase: no letter or digit may touch either end of the
 *   match, so "Acme" is not found inside "Acmes".
 * - **Salary**: every number in it must appear as a number of the rewritten text. A number is a run
 *   of digits joined by single separators (`,` `.` `'` ’, a space, a no-break, narrow no-break or
 *   thin space) and is compared with the separators removed, so "€180,000" matches "€180.000",
 *   "180 000" and "180000" — but "€180k" is the number 180 and does not count, and neither does
 *   "180,000.00" (18000000). A salary without digits must appear as a phrase.
 * - **Locations**: the part of each location before its first comma must appear as a phrase
 *   ("Berlin" for "Berlin, Germany").
 * - **Must-haves**: the significant words of a must-have are its words (runs of letters) with at
 *   least 4 letters that are not in `STOP_WORDS`, each cut to its first 5 characters as a crude stem
 *   and counted once. The must-have survives when at least 60% of those stems are stems of words of
 *   the rewritten text. A must-have without significant words must appear as a phrase.
 * - An empty (or blank) rewritten text misses every fact.
 *
 * `missing` lists what was lost in that order: "company name Acme", "job title Staff Engineer",
 * "salary range €180,000–€220,000 per year" (or "salary €90,000 per year" for fewer than two
 * numbers), "location Berlin, Germany", "must-have: <bullet text>".
 */

export interface JdFacts {
  company: string;
  title: string;
  salary: string | null;
  locations: string[];
  mustHaves: string[];
}

export interface RewriteCheck {
  ok: boolean;
  missing: string[];
}

/** Share of a must-have's significant stems that must survive. */
export const MUST_HAVE_SURVIVAL = 0.6;
const MIN_LETTERS = 4;
const STEM_LENGTH = 5;

/** Function words, and filler that every must-have bullet of the generator shares. */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  'about',
  'also',
  'been',
  'being',
  'both',
  'each',
  'either',
  'from',
  'have',
  'having',
  'into',
  'more',
  'most',
  'much',
  'other',
  'over',
  'some',
  'such',
  'than',
  'that',
  'their',
  'them',
  'then',
  'there',
  'these',
  'they',
  'this',
  'those',
  'very',
  'well',
  'were',
  'what',
  'when',
  'where',
  'which',
  'while',
  'will',
  'with',
  'within',
  'would',
  'your',
  'yours',
  // Filler rather than content.
  'experience',
  'proven',
  'real',
  'solid',
  'strong',
]);

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The facts of a draft, trimmed, with blank entries dropped and repeated ones (ignoring case) kept once. */
export function extractFacts(input: { company: string; title: string; salary: string | null; locations: string[]; mustHaves: string[] }): JdFacts {
  const unique = (items: string[]) => {
    const seen = new Set<string>();
    const out: string[] = [];
    for (const item of items.map(oneLine)) {
      const key = normalise(item);
      if (item === '' || seen.has(key)) continue;
      seen.add(key);
      out.push(item);
    }
    return out;
  };
  const salary = input.salary === null ? null : oneLine(input.salary);
  return {
    company: oneLine(input.company),
    title: oneLine(input.title),
    salary: salary === '' ? null : salary,
    locations: unique(input.locations),
    mustHaves: unique(input.mustHaves),
  };
}

/** NFKC, lower case with a little case folding, straight apostrophes, single spaces. */
export function normalise(s: string): string {
  return oneLine(
    s
      .normalize('NFKC')
      .toLowerCase()
      .replace(/ß/g, 'ss')
      .replace(/ς/g, 'σ')
      .replace(/[’‘]/g, "'"),
  );
}

const ALNUM = /[\p{L}\p{N}]/u;

/** `needle` (normalised) occurs in `haystack` (normalised) with no letter or digit touching either end. */
function containsPhrase(haystack: string, needle: string): boolean {
  if (needle === '') return true;
  const first = Array.from(needle)[0]!;
  const last = Array.from(needle).at(-1)!;
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + 1)) {
    const before = Array.from(haystack.slice(Math.max(0, i - 2), i)).at(-1) ?? '';
    const after = Array.from(haystack.slice(i + needle.length, i + needle.length + 2))[0] ?? '';
    const okBefore = !ALNUM.test(first) || before === '' || !ALNUM.test(before);
    const okAfter = !ALNUM.test(last) || after === '' || !ALNUM.test(after);
    if (okBefore && okAfter) return true;
  }
  return false;
}

const NUMBER = /\d+(?:[.,'’ \u00a0\u202f\u2009]\d+)*/g;

/** The numbers of a text, separators removed ("€180,000–€220,000" → ["180000", "220000"]). */
export function numbersIn(s: string): string[] {
  return (s.normalize('NFKC').match(NUMBER) ?? []).map((n) => n.replace(/\D/g, ''));
}

const WORD = /\p{L}[\p{L}\p{M}]*/gu;

const stemOf = (word: string) => Array.from(word).slice(0, STEM_LENGTH).join('');

/** The distinct stems of a must-have's significant words. */
export function significantStems(text: string): string[] {
  const stems = new Set<string>();
  for (const word of normalise(text).match(WORD) ?? []) {
    let letters = 0;
    for (const ch of word) if (/\p{L}/u.test(ch)) letters++;
    if (letters < MIN_LETTERS || STOP_WORDS.has(word)) continue;
    stems.add(stemOf(word));
  }
  return [...stems];
}

export function verifyRewrite(facts: JdFacts, rewritten: string): RewriteCheck {
  const text = normalise(typeof rewritten === 'string' ? rewritten : '');
  const blank = text === '';
  const missing: string[] = [];
  const phrase = (s: string) => !blank && containsPhrase(text, normalise(s));

  if (facts.company.trim() !== '' && !phrase(facts.company)) missing.push(`company name ${facts.company}`);
  if (facts.title.trim() !== '' && !phrase(facts.title)) missing.push(`job title ${facts.title}`);

  if (facts.salary !== null && facts.salary.trim() !== '') {
    const wanted = numbersIn(facts.salary);
    const have = new Set(blank ? [] : numbersIn(text));
    const kept = wanted.length === 0 ? phrase(facts.salary) : !blank && wanted.every((n) => have.has(n));
    if (!kept) missing.push(`${wanted.length >= 2 ? 'salary range' : 'salary'} ${facts.salary}`);
  }

  for (const location of facts.locations) {
    const place = location.split(',')[0]!.trim() || location.trim();
    if (place !== '' && !phrase(place)) missing.push(`location ${location}`);
  }

  const stems = new Set(blank ? [] : (text.match(WORD) ?? []).map(stemOf));
  for (const item of facts.mustHaves) {
    const wanted = significantStems(item);
    const kept = wanted.length === 0 ? phrase(item) : !blank && wanted.filter((s) => stems.has(s)).length >= MUST_HAVE_SURVIVAL * wanted.length;
    if (!kept) missing.push(`must-have: ${item}`);
  }

  return { ok: missing.length === 0, missing };
}

/**
 * The bullet items ("- " or "* ") of the `## <heading>` section, up to the next `# ` or `## `
 * heading. Headings compare after normalisation (case, apostrophes, spacing; closing #s ignored); an
 * indented non-bullet line right after a bullet continues it. Every section with that heading counts.
 */
export function mustHavesFromMarkdown(markdown: string, heading: string): string[] {
  const target = normalise(heading);
  const items: string[] = [];
  let inSection = false;
  let lastWasBullet = false;
  for (const raw of markdown.split(/\r\n|\r|\n/)) {
    const h = /^ {0,3}(#{1,2})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(raw);
    if (h) {
      inSection = h[1] === '##' && normalise(h[2]!) === target;
      lastWasBullet = false;
      continue;
    }
    if (!inSection) continue;
    const bullet = /^[ \t]*[-*][ \t]+(.*\S)[ \t]*$/.exec(raw);
    if (bullet) {
      items.push(oneLine(bullet[1]!));
      lastWasBullet = true;
    } else if (lastWasBullet && /^[ \t]+\S/.test(raw)) {
      items[items.length - 1] = oneLine(`${items.at(-1)!} ${raw}`);
    } else {
      lastWasBullet = false;
    }
  }
  return items;
}
