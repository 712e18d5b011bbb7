/**
 * Pay transparency: does the posting state a pay range, and does its location fall under a law
 * that requires one (content/language/pay-transparency.json)?
 *
 * A pay range is two amounts joined by "-", "–", "—", "to", "and" (after "between"), "bis" or "à",
 * with a currency (symbol or ISO code, before or after either amount): "$120,000 – $150,000",
 * "€90k–110k", "USD 200,000 to 250,000", "120 000–150 000 EUR", "$50/hr - $65/hr". Thousands may be
 * separated by a comma, a dot, a space, a no-break or thin space; "k" means thousands. A range
 * followed by "million"/"billion" (funding, revenue) is not pay. A single amount is not a range.
 */
import { payTransparencyData, type Jurisdiction, type PayTransparencyData } from './data.ts';
import type { Finding } from './types.ts';

const CUR_PRE = '(?:US\\$|CA\\$|AU\\$|A\\$|C\\$|\\$|€|£|USD|EUR|GBP|CHF|CAD|AUD)';
const CUR_POST = '(?:USD|EUR|GBP|CHF|CAD|AUD|€|\\$|£|dollars|euros?|pounds)';
// Bounded repetitions keep the scan linear on long runs of digits and separators.
const NUM = '(?<![\\d.,])(?:\\d{1,3}(?:[,.\\u00a0\\u202f\\u2009 ]\\d{3}){1,4}(?:[.,]\\d{1,2})?|\\d{1,9}(?:[.,]\\d{1,2})?)(?!\\d)';
const MULT = '(?:\\s?(?:k|thousand)(?![\\p{L}]))?';
const PERIOD = '(?:\\s?(?:/|per\\s+)(?:hour|hr|year|yr|annum|month|mo)\\.?(?![\\p{L}]))?';
const AMOUNT = `(?:${CUR_PRE}\\s?)?${NUM}${MULT}(?:\\s?${CUR_POST}(?![\\p{L}]))?${PERIOD}`;
const RANGE_RE = new RegExp(`(?:between\\s+)?${AMOUNT}\\s*(?:-|–|—|to|and|bis|à)\\s*${AMOUNT}`, 'giu');
const HAS_CURRENCY = /[$€£]|(?<![\p{L}])(?:USD|EUR|GBP|CHF|CAD|AUD|dollars|euros?|pounds)(?![\p{L}])/iu;
const NOT_PAY_AFTER = /^\s*(?:million|billion|mn|bn|m|b)(?![\p{L}])/iu;

export interface Span {
  start: number;
  end: number;
  text: string;
}

/** The first pay range in the text, or null. */
export function detectPayRange(input: string): Span | null {
  if (!HAS_CURRENCY.test(input)) return null;
  RANGE_RE.lastIndex = 0;
  for (let m = RANGE_RE.exec(input); m !== null; m = RANGE_RE.exec(input)) {
    const end = m.index + m[0].length;
    if (!HAS_CURRENCY.test(m[0])) continue;
    if (NOT_PAY_AFTER.test(input.slice(end, end + 12))) continue;
    return { start: m.index, end, text: m[0] };
  }
  return null;
}

interface CompiledJurisdiction {
  jurisdiction: Jurisdiction;
  tests: RegExp[];
  exclude: RegExp[];
}

const compiledCache = new WeakMap<PayTransparencyData, CompiledJurisdiction[]>();
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const whole = (body: string, flags: string) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${body})(?![\\p{L}\\p{N}])`, flags);

function compile(data: PayTransparencyData): CompiledJurisdiction[] {
  let compiled = compiledCache.get(data);
  if (!compiled) {
    compiled = data.jurisdictions.map((j) => {
      const tests: RegExp[] = [];
      if (j.names.length > 0) tests.push(whole(j.names.map(escape).join('|'), 'iu'));
      if (j.codes.length > 0) tests.push(whole(j.codes.map(escape).join('|'), 'u'));
      for (const p of j.patterns) tests.push(new RegExp(p, 'iu'));
      return { jurisdiction: j, tests, exclude: (j.exclude ?? []).map((p) => new RegExp(p, 'u')) };
    });
    compiledCache.set(data, compiled);
  }
  return compiled;
}

/** The jurisdictions (in data order) whose pay-transparency law covers the location. */
export function matchJurisdictions(location: string, data: PayTransparencyData = payTransparencyData): Jurisdiction[] {
  if (location.trim() === '') return [];
  return compile(data)
    .filter((c) => c.tests.some((re) => re.test(location)) && !c.exclude.some((re) => re.test(location)))
    .map((c) => c.jurisdiction);
}

const LOCATION_LINE = /^[ \t*_#>•-]*location[ \t*_]*[:–—-][ \t*_]*(\S[^\n]*)$/imu;

/** The location a posting states on a "Location: …" line, if any. */
export function locationFromText(input: string): string | null {
  const m = LOCATION_LINE.exec(input);
  return m ? m[1]!.trim() : null;
}

/** The first non-blank line, trimmed: where document-level findings are anchored (usually the title). */
export function titleSpan(input: string): Span | null {
  const m = /\S/u.exec(input);
  if (!m) return null;
  const start = m.index;
  let end = input.indexOf('\n', start);
  if (end === -1) end = input.length;
  const text = input.slice(start, end).trimEnd();
  return { start, end: start + text.length, text };
}

export function payTransparencyFindings(input: string, location: string | null, data: PayTransparencyData = payTransparencyData): Finding[] {
  if (location === null) return [];
  const jurisdictions = matchJurisdictions(location, data);
  if (jurisdictions.length === 0 || detectPayRange(input) !== null) return [];
  const anchor = titleSpan(input);
  if (!anchor) return [];
  const laws = jurisdictions.map((j) => `${j.name} (${j.law}, effective ${j.effective}, ${j.appliesTo})`).join('; ');
  const euOnly = jurisdictions.every((j) => j.id === 'eu');
  return [
    {
      kind: 'missing-pay-range',
      text: anchor.text,
      start: anchor.start,
      end: anchor.end,
      message: `No pay range found, but the location "${location}" falls under pay-transparency rules: ${laws}.${
        euOnly ? ' The Directive lets employers give the range before the first interview instead, but the posting is the simplest place.' : ''
      }`,
      suggestion: `State the range you expect in good faith to pay, e.g. "${euOnly ? '€60,000 – €75,000' : '$120,000 – $150,000'} per year".`,
      replacement: null,
    },
  ];
}
