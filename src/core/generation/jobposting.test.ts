import { describe, expect, it } from 'vitest';
import { type JobPostingInput, countryCode, isoInstant, jsonLdScript, parseLocation, toJobPosting, validateJobPosting } from './jobposting.ts';

const remoteCto: JobPostingInput = {
  title: 'Chief Technology Officer',
  descriptionHtml: '<article class="job-description" lang="en">\n<h1>Chief Technology Officer</h1>\n<p>Lead engineering.</p>\n</article>\n',
  datePosted: '2025-03-03',
  validThrough: '2025-04-30',
  employmentType: 'FULL_TIME',
  organization: { name: 'Northwind Labs', url: 'https://northwind.example' },
  locations: ['Germany', 'Lisbon, Portugal', 'Remote', 'Deutschland', 'Europe'],
  remotePolicy: 'remote',
  salary: { min: 180000, max: 220000, currency: 'EUR', period: 'year' },
  directApply: true,
  occupationalCategory: '11-3021.00',
  identifier: { name: 'Northwind Labs', value: 'CTO-2025-01' },
  url: 'https://northwind.example/jobs/cto',
};

const onsiteCpo: JobPostingInput = {
  title: 'Chief Product Officer',
  descriptionHtml: '<p>Own the product.</p>',
  datePosted: '2025-05-01',
  validThrough: null,
  employmentType: 'FULL_TIME',
  organization: { name: 'Contoso' },
  locations: ['London, UK', 'Austin, TX, USA'],
  remotePolicy: 'onsite',
  salary: { min: 95, max: 95, currency: 'GBP', period: 'hour' },
  directApply: false,
  identifier: { name: 'Contoso', value: 'CPO-7' },
};

/** The onsite fixture with an end date, so it carries every recommended property. */
const onsiteComplete: JobPostingInput = { ...onsiteCpo, validThrough: '2025-05-31' };

const without = (obj: Record<string, unknown>, key: string) => Object.fromEntries(Object.entries(obj).filter(([k]) => k !== key));

describe('toJobPosting', () => {
  it('builds a remote posting: TELECOMMUTE with one applicant location per distinct place', () => {
    expect(toJobPosting(remoteCto)).toEqual({
      '@context': 'https://schema.org/',
      '@type': 'JobPosting',
      title: 'Chief Technology Officer',
      description: remoteCto.descriptionHtml,
      identifier: { '@type': 'PropertyValue', name: 'Northwind Labs', value: 'CTO-2025-01' },
      datePosted: '2025-03-03',
      validThrough: '2025-04-30T23:59:59Z',
      employmentType: 'FULL_TIME',
      hiringOrganization: { '@type': 'Organization', name: 'Northwind Labs', sameAs: 'https://northwind.example' },
      jobLocationType: 'TELECOMMUTE',
      applicantLocationRequirements: [
        { '@type': 'Country', name: 'Germany' },
        { '@type': 'Country', name: 'Portugal' },
        { '@type': 'AdministrativeArea', name: 'Europe' },
      ],
      baseSalary: { '@type': 'MonetaryAmount', currency: 'EUR', value: { '@type': 'QuantitativeValue', minValue: 180000, maxValue: 220000, unitText: 'YEAR' } },
      directApply: true,
      occupationalCategory: '11-3021.00',
      url: 'https://northwind.example/jobs/cto',
    });
  });

  it('builds an on-site posting: a Place per location, a single salary value, optional fields omitted', () => {
    const posting = toJobPosting(onsiteCpo);
    expect(posting).toEqual({
      '@context': 'https://schema.org/',
      '@type': 'JobPosting',
      title: 'Chief Product Officer',
      description: '<p>Own the product.</p>',
      identifier: { '@type': 'PropertyValue', name: 'Contoso', value: 'CPO-7' },
      datePosted: '2025-05-01',
      employmentType: 'FULL_TIME',
      hiringOrganization: { '@type': 'Organization', name: 'Contoso' },
      jobLocation: [
        { '@type': 'Place', address: { '@type': 'PostalAddress', addressLocality: 'London', addressCountry: 'GB' } },
        { '@type': 'Place', address: { '@type': 'PostalAddress', addressLocality: 'Austin', addressRegion: 'TX', addressCountry: 'US' } },
      ],
      baseSalary: { '@type': 'MonetaryAmount', currency: 'GBP', value: { '@type': 'QuantitativeValue', value: 95, unitText: 'HOUR' } },
      directApply: false,
    });
    expect(posting).not.toHaveProperty('validThrough');
    expect(posting).not.toHaveProperty('jobLocationType');
  });

  it('treats hybrid like on-site, maps the salary period, and passes a non-date validThrough through', () => {
    const p = toJobPosting({ ...onsiteCpo, remotePolicy: 'hybrid', salary: { min: 9000, max: 11000, currency: 'EUR', period: 'month' }, validThrough: '2025-06-01T12:00:00+02:00' });
    expect(p.jobLocation).toHaveLength(2);
    expect(p).not.toHaveProperty('jobLocationType');
    expect(p.baseSalary).toMatchObject({ value: { unitText: 'MONTH', minValue: 9000, maxValue: 11000 } });
    expect(p.validThrough).toBe('2025-06-01T12:00:00+02:00');
    expect(toJobPosting({ ...onsiteCpo, salary: null })).not.toHaveProperty('baseSalary');
  });

  it('leaves out locations that name no place', () => {
    expect(toJobPosting({ ...onsiteCpo, locations: ['Remote', ' '] })).not.toHaveProperty('jobLocation');
    expect(toJobPosting({ ...remoteCto, locations: ['Anywhere'] })).not.toHaveProperty('applicantLocationRequirements');
  });
});

describe('validateJobPosting', () => {
  it('passes the remote CTO and on-site CPO postings with no errors and no warnings', () => {
    expect(validateJobPosting(toJobPosting(remoteCto))).toEqual({ errors: [], warnings: [] });
    expect(validateJobPosting(toJobPosting(onsiteComplete))).toEqual({ errors: [], warnings: [] });
  });

  it('names each missing required property in an error', () => {
    const full = toJobPosting(onsiteComplete);
    const cases: [string, string][] = [
      ['@context', '@context:'],
      ['@type', '@type:'],
      ['title', 'title:'],
      ['description', 'description:'],
      ['datePosted', 'datePosted:'],
      ['hiringOrganization', 'hiringOrganization:'],
      ['jobLocation', 'jobLocation:'],
    ];
    for (const [key, prefix] of cases) {
      const { errors } = validateJobPosting(without(full, key));
      expect(errors, key).toHaveLength(1);
      expect(errors[0], key).toMatch(new RegExp(`^${prefix.replace(/[@]/g, '\\$&')}`));
    }
    const remote = toJobPosting(remoteCto);
    expect(validateJobPosting(without(remote, 'applicantLocationRequirements')).errors).toEqual(['applicantLocationRequirements: required for a TELECOMMUTE job without a jobLocation']);
    expect(validateJobPosting(without(remote, 'jobLocationType')).errors).toEqual(['jobLocation: required, unless jobLocationType is "TELECOMMUTE" with applicantLocationRequirements']);
  });

  it('rejects ill-typed required properties', () => {
    const full = toJobPosting(onsiteComplete);
    const errorsOf = (over: Record<string, unknown>) => validateJobPosting({ ...full, ...over }).errors;
    expect(errorsOf({ '@context': 'https://example.com' })).toEqual(['@context: must be "https://schema.org/"']);
    expect(errorsOf({ '@context': 'http://schema.org' })).toEqual([]);
    expect(errorsOf({ '@type': 'Job' })).toEqual(['@type: must be "JobPosting"']);
    expect(errorsOf({ title: '   ' })).toEqual(['title: required, a non-empty string']);
    expect(errorsOf({ description: 42 })).toEqual(['description: required, a non-empty string']);
    expect(errorsOf({ datePosted: '03/05/2025', validThrough: undefined })).toEqual(['datePosted: required, an ISO 8601 date']);
    expect(errorsOf({ datePosted: '2025-02-30' })).toEqual(['datePosted: required, an ISO 8601 date']);
    expect(errorsOf({ hiringOrganization: 'Contoso' })).toEqual(['hiringOrganization: required, an Organization with a name']);
    expect(errorsOf({ hiringOrganization: { '@type': 'Person', name: 'Ada' } })).toEqual(['hiringOrganization: must be an Organization']);
    expect(errorsOf({ jobLocation: [] })).toEqual(['jobLocation: must not be empty']);
    expect(errorsOf({ jobLocation: { '@type': 'Place', address: { '@type': 'PostalAddress', addressLocality: 'Berlin' } } })).toEqual(['jobLocation.address.addressCountry: required']);
    expect(errorsOf({ jobLocation: [{ '@type': 'Place', address: { '@type': 'PostalAddress', addressCountry: 'DE' } }, { '@type': 'Place' }] })).toEqual([
      'jobLocation[1].address: required, a PostalAddress',
    ]);
    expect(errorsOf({ jobLocation: ['Berlin'] })).toEqual(['jobLocation[0]: must be a Place']);
    expect(errorsOf({ jobLocationType: 'REMOTE' })).toEqual(['jobLocationType: the only allowed value is "TELECOMMUTE"']);
    expect(validateJobPosting({ ...toJobPosting(remoteCto), applicantLocationRequirements: [{ '@type': 'Country' }] }).errors).toEqual([
      'applicantLocationRequirements[0]: must be a place (Country, State, …) with a name',
    ]);
    expect(validateJobPosting(null).errors).toEqual(['JobPosting: must be a JSON object']);
    expect(validateJobPosting([full]).errors).toEqual(['JobPosting: must be a JSON object']);
  });

  it('accepts a hybrid mix: a jobLocation together with TELECOMMUTE', () => {
    expect(validateJobPosting({ ...toJobPosting(onsiteComplete), jobLocationType: 'TELECOMMUTE' }).errors).toEqual([]);
  });

  it('errs when validThrough is before datePosted or the salary range is inverted', () => {
    const full = toJobPosting(onsiteComplete);
    expect(validateJobPosting({ ...full, validThrough: '2025-04-30T23:59:59Z' }).errors).toEqual(['validThrough: is before datePosted']);
    // The same day is fine, and offsets count.
    expect(validateJobPosting({ ...full, validThrough: '2025-05-01' }).errors).toEqual([]);
    expect(validateJobPosting({ ...full, validThrough: '2025-05-01T01:00:00+02:00' }).errors).toEqual(['validThrough: is before datePosted']);
    const inverted = { '@type': 'MonetaryAmount', currency: 'GBP', value: { '@type': 'QuantitativeValue', minValue: 200, maxValue: 100, unitText: 'YEAR' } };
    expect(validateJobPosting({ ...full, baseSalary: inverted })).toEqual({ errors: ['baseSalary.value: minValue is greater than maxValue'], warnings: [] });
  });

  it('warns about each missing recommended property', () => {
    const full = toJobPosting(onsiteComplete);
    for (const key of ['baseSalary', 'employmentType', 'validThrough', 'directApply', 'identifier']) {
      const { errors, warnings } = validateJobPosting(without(full, key));
      expect(errors, key).toEqual([]);
      expect(warnings, key).toHaveLength(1);
      expect(warnings[0], key).toMatch(new RegExp(`^${key}: recommended`));
    }
  });

  it.each<[string, unknown, string[]]>([
    ['a plain number', 120000, ['baseSalary: must be a MonetaryAmount']],
    ['no currency', { '@type': 'MonetaryAmount', value: { '@type': 'QuantitativeValue', value: 1, unitText: 'YEAR' } }, ['baseSalary.currency: must be an ISO 4217 currency code']],
    ['an unknown currency', { '@type': 'MonetaryAmount', currency: 'XYZ', value: { '@type': 'QuantitativeValue', value: 1, unitText: 'YEAR' } }, ['baseSalary.currency: must be an ISO 4217 currency code']],
    ['a lower-case currency', { '@type': 'MonetaryAmount', currency: 'eur', value: { '@type': 'QuantitativeValue', value: 1, unitText: 'YEAR' } }, ['baseSalary.currency: must be an ISO 4217 currency code']],
    ['a bare number as value', { '@type': 'MonetaryAmount', currency: 'EUR', value: 5 }, ['baseSalary.value: must be a QuantitativeValue']],
    ['no amount', { '@type': 'MonetaryAmount', currency: 'EUR', value: { '@type': 'QuantitativeValue', unitText: 'YEAR' } }, ['baseSalary.value: needs value, or minValue and maxValue']],
    [
      'a string amount and a bad unit',
      { '@type': 'MonetaryAmount', currency: 'EUR', value: { '@type': 'QuantitativeValue', minValue: '100', maxValue: 200, unitText: 'ANNUAL' } },
      ['baseSalary.value.minValue: must be a non-negative number', 'baseSalary.value.unitText: must be one of HOUR, DAY, WEEK, MONTH, YEAR'],
    ],
    ['a negative amount', { '@type': 'MonetaryAmount', currency: 'EUR', value: { '@type': 'QuantitativeValue', value: -1, unitText: 'DAY' } }, ['baseSalary.value.value: must be a non-negative number']],
  ])('warns about a bad salary: %s', (_, baseSalary, warnings) => {
    expect(validateJobPosting({ ...toJobPosting(onsiteComplete), baseSalary })).toEqual({ errors: [], warnings });
  });

  it('warns about ill-typed recommended and optional properties', () => {
    const full = toJobPosting(onsiteComplete);
    const warningsOf = (over: Record<string, unknown>) => validateJobPosting({ ...full, ...over }).warnings;
    expect(warningsOf({ employmentType: 'FULLTIME' })).toEqual([expect.stringMatching(/^employmentType: must be one or more of FULL_TIME/)]);
    expect(warningsOf({ employmentType: ['FULL_TIME', 'CONTRACTOR'] })).toEqual([]);
    expect(warningsOf({ employmentType: [] })).toEqual([expect.stringMatching(/^employmentType:/)]);
    expect(warningsOf({ validThrough: 'next month' })).toEqual(['validThrough: must be an ISO 8601 date or date-time']);
    expect(warningsOf({ directApply: 'yes' })).toEqual(['directApply: must be true or false']);
    expect(warningsOf({ identifier: 'CPO-7' })).toEqual(['identifier: must be a PropertyValue with a name and a value']);
    expect(warningsOf({ identifier: { '@type': 'PropertyValue', name: 'Contoso', value: 7 } })).toEqual([]);
    expect(warningsOf({ occupationalCategory: '' })).toEqual(['occupationalCategory: must be a non-empty string']);
    expect(warningsOf({ url: '/jobs/cpo' })).toEqual(['url: must be an absolute http(s) URL']);
  });
});

describe('parseLocation', () => {
  it.each<[string, ReturnType<typeof parseLocation>]>([
    ['Berlin, Germany', { addressLocality: 'Berlin', addressCountry: 'DE' }],
    ['Austin, TX, USA', { addressLocality: 'Austin', addressRegion: 'TX', addressCountry: 'US' }],
    ['London, UK', { addressLocality: 'London', addressCountry: 'GB' }],
    ['London, United Kingdom', { addressLocality: 'London', addressCountry: 'GB' }],
    ['New York, NY, U.S.', { addressLocality: 'New York', addressRegion: 'NY', addressCountry: 'US' }],
    ['Cologne, North Rhine-Westphalia, Bavaria-ish, Germany', { addressLocality: 'Cologne', addressRegion: 'North Rhine-Westphalia, Bavaria-ish', addressCountry: 'DE' }],
    ['  Zürich ,  Schweiz ', { addressLocality: 'Zürich', addressCountry: 'CH' }],
    ['Abidjan, Côte d’Ivoire', { addressLocality: 'Abidjan', addressCountry: 'CI' }],
    ['Tokyo, jp', { addressLocality: 'Tokyo', addressCountry: 'JP' }],
    ['Springfield, Freedonia', { addressLocality: 'Springfield', addressCountry: 'Freedonia' }],
    ['Germany', { addressCountry: 'DE' }],
    ['USA', { addressCountry: 'US' }],
    ['Berlin', { addressLocality: 'Berlin' }],
    ['Remote', null],
    ['remote, Germany', { addressCountry: 'DE' }],
    ['Lisbon, Portugal, Hybrid', { addressLocality: 'Lisbon', addressCountry: 'PT' }],
    ['Anywhere', null],
    ['', null],
    [' , , ', null],
  ])('%j', (text, parsed) => {
    expect(parseLocation(text)).toEqual(parsed);
  });
});

describe('countryCode', () => {
  it.each<[string, string | null]>([
    ['Germany', 'DE'],
    ['germany', 'DE'],
    ['Deutschland', 'DE'],
    ['UK', 'GB'],
    ['U.K.', 'GB'],
    ['England', 'GB'],
    ['United States', 'US'],
    ['United States of America', 'US'],
    ['US', 'US'],
    ['Türkiye', 'TR'],
    ['Turkey', 'TR'],
    ['Bosnia & Herzegovina', 'BA'],
    ['Bosnia and Herzegovina', 'BA'],
    ['FR', 'FR'],
    ['EU', null],
    ['Europe', null],
    ['TX', null],
    ['', null],
  ])('%j → %j', (text, code) => {
    expect(countryCode(text)).toBe(code);
  });
});

describe('isoInstant', () => {
  it.each<[string, number | null]>([
    ['2025-03-03', Date.UTC(2025, 2, 3)],
    ['2024-02-29', Date.UTC(2024, 1, 29)],
    ['2025-03-03T10:15', Date.UTC(2025, 2, 3, 10, 15)],
    ['2025-03-03T10:15:30.250Z', Date.UTC(2025, 2, 3, 10, 15, 30, 250)],
    ['2025-03-03T10:15:30+02:00', Date.UTC(2025, 2, 3, 8, 15, 30)],
    ['2025-03-03T10:15:30-0530', Date.UTC(2025, 2, 3, 15, 45, 30)],
    ['0099-12-31', Date.parse('0099-12-31T00:00:00Z')],
    ['2025-02-29', null],
    ['2025-13-01', null],
    ['2025-03-03T24:00', null],
    ['2025-3-3', null],
    ['tomorrow', null],
  ])('%j', (text, ms) => {
    expect(isoInstant(text)).toBe(ms);
  });
});

describe('jsonLdScript', () => {
  it('cannot be broken out of, and its inner text parses back to the same object', () => {
    const posting = toJobPosting({ ...remoteCto, title: 'CTO </script><script>alert(1)</script> <!-- & more \u2028\u2029' });
    const html = jsonLdScript(posting);
    expect(html.startsWith('<script type="application/ld+json">')).toBe(true);
    expect(html.endsWith('</script>')).toBe(true);
    const inner = html.slice('<script type="application/ld+json">'.length, -'</script>'.length);
    expect(inner).not.toMatch(/[<>&\u2028\u2029]/);
    expect(html.match(/<\/script/gi)).toHaveLength(1);
    expect(inner).toContain('\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e');
    expect(JSON.parse(inner)).toEqual(posting);
    // The description's HTML markup survives the round trip too.
    expect((JSON.parse(inner) as { description: string }).description).toBe(remoteCto.descriptionHtml);
  });

  it('writes a JSON null for values JSON cannot represent', () => {
    expect(jsonLdScript(undefined)).toBe('<script type="application/ld+json">null</script>');
  });
});
