/**
 * schema.org JobPosting structured data (JSON-LD), shaped to Google's job-posting guidelines:
 * build it from an opening, check it, and embed it in a page. Pure: no clock, no I/O; country
 * names resolve through a small alias table and Intl's English region names.
 */

export interface JobPostingInput {
  title: string;
  /** The description as HTML (Google renders it; plain text loses the structure). */
  descriptionHtml: string;
  /** YYYY-MM-DD. */
  datePosted: string;
  /** YYYY-MM-DD, the last day the posting is open; null when it has no end date. */
  validThrough: string | null;
  /** FULL_TIME, PART_TIME, CONTRACTOR, TEMPORARY, INTERN, VOLUNTEER, PER_DIEM or OTHER. */
  employmentType: string;
  organization: { name: string; url?: string | null };
  /** Free text: "Berlin, Germany", "Austin, TX, USA"; for remote roles, countries or regions. */
  locations: string[];
  remotePolicy: 'onsite' | 'hybrid' | 'remote';
  salary?: { min: number; max: number; currency: string; period: 'year' | 'month' | 'hour' } | null;
  /** Whether applicants can apply on the posting's own page. */
  directApply: boolean;
  /** O*NET-SOC code, e.g. 11-3021.00. */
  occupationalCategory?: string | null;
  /** The employer's own reference for the opening. */
  identifier?: { name: string; value: string } | null;
  /** The canonical URL of the posting. */
  url?: string | null;
}

export interface JobPostingReport {
  /** Required properties missing or malformed, or contradictions: the posting is not eligible. */
  errors: string[];
  /** Recommended properties missing or malformed: eligible, but a poorer listing. */
  warnings: string[];
}

export const employmentTypes = ['FULL_TIME', 'PART_TIME', 'CONTRACTOR', 'TEMPORARY', 'INTERN', 'VOLUNTEER', 'PER_DIEM', 'OTHER'] as const;
export const salaryUnits = ['HOUR', 'DAY', 'WEEK', 'MONTH', 'YEAR'] as const;

const unitText = { year: 'YEAR', month: 'MONTH', hour: 'HOUR' } as const;

// ---- Locations ----

/** Spellings Intl's English region names do not cover: short forms, former and native names. */
const countryAliases: Readonly<Record<string, string>> = {
  uk: 'GB',
  'great britain': 'GB',
  britain: 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'northern ireland': 'GB',
  us: 'US',
  usa: 'US',
  'united states of america': 'US',
  america: 'US',
  uae: 'AE',
  deutschland: 'DE',
  holland: 'NL',
  'the netherlands': 'NL',
  'czech republic': 'CZ',
  turkey: 'TR',
  korea: 'KR',
  'republic of korea': 'KR',
  schweiz: 'CH',
  suisse: 'CH',
  osterreich: 'AT',
  espana: 'ES',
  brasil: 'BR',
  italia: 'IT',
  polska: 'PL',
  sverige: 'SE',
  norge: 'NO',
  danmark: 'DK',
  suomi: 'FI',
  eire: 'IE',
  'ivory coast': 'CI',
  macau: 'MO',
  burma: 'MM',
  swaziland: 'SZ',
  'cape verde': 'CV',
  'cabo verde': 'CV',
};

/** Region codes Intl names that are not countries (unions, reserved and private-use codes). */
const notCountries = new Set(['AC', 'CP', 'CQ', 'DG', 'EA', 'EU', 'EZ', 'IC', 'QO', 'TA', 'UN', 'XA', 'XB', 'ZZ']);

/** Lower case, no diacritics or dots, "&" as "and", runs of other punctuation and space as one space. */
function normalizeName(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\./g, '')
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The current ISO code for a region code Intl knows, or null (deprecated codes map forward: UK → GB). */
function canonicalRegion(code: string): string | null {
  const upper = code.toUpperCase();
  if (notCountries.has(upper)) return null;
  try {
    const region = new Intl.Locale(Intl.getCanonicalLocales(`und-${upper}`)[0]!).region;
    if (!region || notCountries.has(region)) return null;
    return new Intl.DisplayNames('en', { type: 'region' }).of(region) === region ? null : region;
  } catch {
    return null;
  }
}

let englishNames: Map<string, string> | null = null;

/** Normalized English country names (long and short) to ISO 3166-1 alpha-2 codes, built once. */
function countryNames(): Map<string, string> {
  if (englishNames) return englishNames;
  const long = new Intl.DisplayNames('en', { type: 'region' });
  const short = new Intl.DisplayNames('en', { type: 'region', style: 'short' });
  const names = new Map<string, string>();
  for (let a = 65; a <= 90; a++)
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (canonicalRegion(code) !== code) continue;
      for (const name of [long.of(code), short.of(code)]) if (name && name !== code) names.set(normalizeName(name), code);
    }
  englishNames = names;
  return names;
}

/**
 * The ISO 3166-1 alpha-2 code for a country written as a name, an alias or a code ("Germany",
 * "Deutschland", "UK", "U.S.A.", "de"), or null when the text is not recognised as a country.
 */
export function countryCode(text: string): string | null {
  const key = normalizeName(text);
  if (!key) return null;
  const alias = countryAliases[key];
  if (alias) return alias;
  if (/^[a-z]{2}$/.test(key)) return canonicalRegion(key);
  return countryNames().get(key) ?? null;
}

/** Comma parts that say how the work is done rather than where; they are dropped. */
const workplaceWords = new Set(['remote', 'fully remote', 'anywhere', 'worldwide', 'global', 'hybrid', 'onsite', 'on site', 'home office', 'work from home', 'wfh']);

export interface ParsedLocation {
  addressLocality?: string;
  addressRegion?: string;
  /** An ISO 3166-1 alpha-2 code when the country was recognised, otherwise the text as written. */
  addressCountry?: string;
}

/**
 * Parses a free-text location into PostalAddress parts. The text is split at commas, empty parts and
 * workplace words ("Remote", "Hybrid", "Anywhere") are dropped, then:
 *
 * - two or more parts: the first is the locality, the last the country, anything between the
 *   region ("Austin, TX, USA" → Austin / TX / US);
 * - one part: the country when it is recognised as one ("Germany" → DE), otherwise the locality
 *   with no country ("Berlin"), since guessing a country would publish wrong data; validation then
 *   reports the missing addressCountry;
 * - nothing left ("", "Remote"): null.
 *
 * Countries become ISO codes through {@link countryCode}; an unrecognised last part is kept as
 * written.
 */
export function parseLocation(text: string): ParsedLocation | null {
  const parts = text
    .split(',')
    .map((p) => p.trim().replace(/\s+/g, ' '))
    .filter((p) => p && !workplaceWords.has(normalizeName(p)));
  if (!parts.length) return null;
  if (parts.length === 1) {
    const code = countryCode(parts[0]!);
    return code ? { addressCountry: code } : { addressLocality: parts[0]! };
  }
  const last = parts[parts.length - 1]!;
  const out: ParsedLocation = { addressLocality: parts[0]! };
  if (parts.length > 2) out.addressRegion = parts.slice(1, -1).join(', ');
  out.addressCountry = countryCode(last) ?? last;
  return out;
}

/**
 * Where a remote applicant may live, one entry per distinct location: a recognised country (the
 * last comma part) becomes a Country named as written; anything else ("Europe", "CET ± 3 hours")
 * an AdministrativeArea with the whole text. Duplicates (by country code or text) are dropped.
 */
function applicantLocations(locations: string[]): { '@type': 'Country' | 'AdministrativeArea'; name: string }[] {
  const seen = new Set<string>();
  const out: { '@type': 'Country' | 'AdministrativeArea'; name: string }[] = [];
  for (const loc of locations) {
    const parts = loc
      .split(',')
      .map((p) => p.trim().replace(/\s+/g, ' '))
      .filter((p) => p && !workplaceWords.has(normalizeName(p)));
    if (!parts.length) continue;
    const last = parts[parts.length - 1]!;
    const code = countryCode(last);
    const entry = code ? ({ '@type': 'Country', name: last } as const) : ({ '@type': 'AdministrativeArea', name: parts.join(', ') } as const);
    const key = code ?? normalizeName(entry.name);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(entry);
  }
  return out;
}

// ---- Building ----

/**
 * The JobPosting JSON-LD object for an opening. Optional properties are omitted rather than null.
 *
 * - `validThrough`: a YYYY-MM-DD date becomes `YYYY-MM-DDT23:59:59Z`, so the posting stays open
 *   through the whole of its last day (a bare date would be read as that day's midnight); other
 *   values pass through unchanged.
 * - Location: on-site and hybrid roles get one `jobLocation` Place per parsable location (see
 *   {@link parseLocation}); remote roles get `jobLocationType: 'TELECOMMUTE'` and
 *   `applicantLocationRequirements` (a Country per recognised country, else an AdministrativeArea).
 * - Salary: a MonetaryAmount with a QuantitativeValue range, or a single `value` when min = max.
 *
 * It does not validate; run {@link validateJobPosting} on the result.
 */
export function toJobPosting(input: JobPostingInput): Record<string, unknown> {
  const out: Record<string, unknown> = {
    '@context': 'https://schema.org/',
    '@type': 'JobPosting',
    title: input.title,
    description: input.descriptionHtml,
  };
  if (input.identifier) out.identifier = { '@type': 'PropertyValue', name: input.identifier.name, value: input.identifier.value };
  out.datePosted = input.datePosted;
  if (input.validThrough) out.validThrough = /^\d{4}-\d{2}-\d{2}$/.test(input.validThrough) ? `${input.validThrough}T23:59:59Z` : input.validThrough;
  out.employmentType = input.employmentType;
  out.hiringOrganization = { '@type': 'Organization', name: input.organization.name, ...(input.organization.url ? { sameAs: input.organization.url } : {}) };

  if (input.remotePolicy === 'remote') {
    out.jobLocationType = 'TELECOMMUTE';
    const required = applicantLocations(input.locations);
    if (required.length) out.applicantLocationRequirements = required;
  } else {
    const places = input.locations
      .map(parseLocation)
      .filter((p): p is ParsedLocation => p !== null)
      .map((address) => ({ '@type': 'Place', address: { '@type': 'PostalAddress', ...address } }));
    if (places.length) out.jobLocation = places;
  }

  if (input.salary) {
    const { min, max, currency, period } = input.salary;
    const unit = unitText[period];
    out.baseSalary = {
      '@type': 'MonetaryAmount',
      currency,
      value: min === max ? { '@type': 'QuantitativeValue', value: min, unitText: unit } : { '@type': 'QuantitativeValue', minValue: min, maxValue: max, unitText: unit },
    };
  }
  out.directApply = input.directApply;
  if (input.occupationalCategory) out.occupationalCategory = input.occupationalCategory;
  if (input.url) out.url = input.url;
  return out;
}

// ---- Validation ----

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);
const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const currencyCodes = new Set(Intl.supportedValuesOf('currency'));

const isoDateTime = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * The instant an ISO 8601 date or date-time denotes, in epoch milliseconds, or null when the text
 * is not one or names an impossible date. A bare date is that day's start and a time without an
 * offset is read as UTC, so comparisons do not depend on where the code runs.
 */
export function isoInstant(v: unknown): number | null {
  if (typeof v !== 'string') return null;
  const m = isoDateTime.exec(v);
  if (!m) return null;
  const [y, mo, d, h = 0, mi = 0, s = 0] = m.slice(1, 7).map((x) => (x === undefined ? undefined : Number(x)));
  if (mo! < 1 || mo! > 12 || d! < 1 || h > 23 || mi > 59 || s > 59) return null;
  // setUTCFullYear, unlike Date.UTC, does not move years 0–99 into the 1900s.
  const date = new Date(0);
  date.setUTCFullYear(y!, mo! - 1, d!);
  date.setUTCHours(h, mi, s, Math.floor(Number(`0.${m[7] ?? '0'}`) * 1000));
  if (date.getUTCDate() !== d) return null;
  const ms = date.getTime();
  const zone = m[8];
  if (!zone || zone === 'Z') return ms;
  const [, sign, oh, om] = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
  if (Number(oh) > 23 || Number(om) > 59) return null;
  return ms - (sign === '+' ? 1 : -1) * (Number(oh) * 60 + Number(om)) * 60_000;
}

function checkPlace(place: unknown, path: string, errors: string[]): void {
  if (!isObject(place) || place['@type'] !== 'Place') {
    errors.push(`${path}: must be a Place`);
    return;
  }
  const address = place.address;
  if (!isObject(address) || address['@type'] !== 'PostalAddress') {
    errors.push(`${path}.address: required, a PostalAddress`);
    return;
  }
  const country = address.addressCountry;
  if (!nonEmpty(country) && !(isObject(country) && nonEmpty(country.name))) errors.push(`${path}.address.addressCountry: required`);
}

function checkSalary(salary: unknown, errors: string[], warnings: string[]): void {
  if (salary === undefined) {
    warnings.push('baseSalary: recommended, a MonetaryAmount');
    return;
  }
  if (!isObject(salary) || salary['@type'] !== 'MonetaryAmount') {
    warnings.push('baseSalary: must be a MonetaryAmount');
    return;
  }
  if (typeof salary.currency !== 'string' || !/^[A-Z]{3}$/.test(salary.currency) || !currencyCodes.has(salary.currency))
    warnings.push('baseSalary.currency: must be an ISO 4217 currency code');
  const value = salary.value;
  if (!isObject(value) || value['@type'] !== 'QuantitativeValue') {
    warnings.push('baseSalary.value: must be a QuantitativeValue');
    return;
  }
  const amounts = (['value', 'minValue', 'maxValue'] as const).filter((k) => value[k] !== undefined);
  if (!amounts.length) warnings.push('baseSalary.value: needs value, or minValue and maxValue');
  for (const k of amounts) {
    const n = value[k];
    if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) warnings.push(`baseSalary.value.${k}: must be a non-negative number`);
  }
  if (typeof value.minValue === 'number' && typeof value.maxValue === 'number' && value.minValue > value.maxValue)
    errors.push('baseSalary.value: minValue is greater than maxValue');
  if (!salaryUnits.includes(value.unitText as (typeof salaryUnits)[number])) warnings.push(`baseSalary.value.unitText: must be one of ${salaryUnits.join(', ')}`);
}

/**
 * Checks a JobPosting object against Google's requirements. Errors: `@context` (schema.org),
 * `@type` JobPosting, non-empty `title` and `description`, an ISO 8601 `datePosted`,
 * `hiringOrganization` with a name, and a location: `jobLocation` Places whose PostalAddress has
 * an addressCountry, or `jobLocationType: 'TELECOMMUTE'` with non-empty
 * `applicantLocationRequirements` (required when there is no jobLocation); also a `validThrough`
 * before `datePosted` and a salary minValue above its maxValue. Warnings: missing or malformed
 * recommended properties (`baseSalary`, `employmentType`, `validThrough`, `directApply`,
 * `identifier`) and ill-typed optional ones. Each message starts with the property path.
 */
export function validateJobPosting(obj: unknown): JobPostingReport {
  const errors: string[] = [];
  const warnings: string[] = [];
  if (!isObject(obj)) return { errors: ['JobPosting: must be a JSON object'], warnings };

  // Required.
  if (typeof obj['@context'] !== 'string' || !/^https?:\/\/schema\.org\/?$/.test(obj['@context'])) errors.push('@context: must be "https://schema.org/"');
  if (obj['@type'] !== 'JobPosting') errors.push('@type: must be "JobPosting"');
  if (!nonEmpty(obj.title)) errors.push('title: required, a non-empty string');
  if (!nonEmpty(obj.description)) errors.push('description: required, a non-empty string');
  const posted = isoInstant(obj.datePosted);
  if (posted === null) errors.push('datePosted: required, an ISO 8601 date');
  const org = obj.hiringOrganization;
  if (!isObject(org) || !nonEmpty(org.name)) errors.push('hiringOrganization: required, an Organization with a name');
  else if (org['@type'] !== undefined && org['@type'] !== 'Organization') errors.push('hiringOrganization: must be an Organization');

  const telecommute = obj.jobLocationType === 'TELECOMMUTE';
  if (obj.jobLocationType !== undefined && !telecommute) errors.push('jobLocationType: the only allowed value is "TELECOMMUTE"');
  const places = asList(obj.jobLocation);
  if (obj.jobLocation !== undefined) {
    if (!places.length) errors.push('jobLocation: must not be empty');
    places.forEach((p, i) => checkPlace(p, Array.isArray(obj.jobLocation) ? `jobLocation[${i}]` : 'jobLocation', errors));
  }
  const applicants = asList(obj.applicantLocationRequirements);
  if (obj.applicantLocationRequirements !== undefined) {
    applicants.forEach((a, i) => {
      if (!isObject(a) || !nonEmpty(a.name)) errors.push(`applicantLocationRequirements[${i}]: must be a place (Country, State, …) with a name`);
    });
  }
  if (obj.jobLocation === undefined) {
    if (!telecommute) errors.push('jobLocation: required, unless jobLocationType is "TELECOMMUTE" with applicantLocationRequirements');
    else if (!applicants.length) errors.push('applicantLocationRequirements: required for a TELECOMMUTE job without a jobLocation');
  }

  // Recommended.
  checkSalary(obj.baseSalary, errors, warnings);
  const types = asList(obj.employmentType);
  if (obj.employmentType === undefined) warnings.push(`employmentType: recommended, one or more of ${employmentTypes.join(', ')}`);
  else if (!types.length || !types.every((t) => employmentTypes.includes(t as (typeof employmentTypes)[number])))
    warnings.push(`employmentType: must be one or more of ${employmentTypes.join(', ')}`);
  if (obj.validThrough === undefined) warnings.push('validThrough: recommended when the posting has an end date');
  else {
    const through = isoInstant(obj.validThrough);
    if (through === null) warnings.push('validThrough: must be an ISO 8601 date or date-time');
    else if (posted !== null && through < posted) errors.push('validThrough: is before datePosted');
  }
  if (obj.directApply === undefined) warnings.push('directApply: recommended, true or false');
  else if (typeof obj.directApply !== 'boolean') warnings.push('directApply: must be true or false');
  const id = obj.identifier;
  if (id === undefined) warnings.push("identifier: recommended, a PropertyValue with the employer's reference");
  else if (!isObject(id) || id['@type'] !== 'PropertyValue' || !nonEmpty(id.name) || !(nonEmpty(id.value) || typeof id.value === 'number'))
    warnings.push('identifier: must be a PropertyValue with a name and a value');

  // Optional, checked only when present.
  if (obj.occupationalCategory !== undefined && !nonEmpty(obj.occupationalCategory)) warnings.push('occupationalCategory: must be a non-empty string');
  if (obj.url !== undefined && !(typeof obj.url === 'string' && /^https?:\/\/\S+$/.test(obj.url))) warnings.push('url: must be an absolute http(s) URL');
  return { errors, warnings };
}

// ---- Embedding ----

/**
 * The object as a `<script type="application/ld+json">` element. `<`, `>`, `&`, U+2028 and U+2029
 * are written as \uXXXX escapes (they can only occur inside JSON strings, where the escape means
 * the same character), so no value can close the script element or open a comment, and the inner
 * text still parses back to an equal object.
 */
export function jsonLdScript(obj: unknown): string {
  const json = (JSON.stringify(obj) ?? 'null').replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `<script type="application/ld+json">${json}</script>`;
}
