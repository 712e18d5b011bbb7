import { describe, expect, it } from 'vitest';
import { payTransparencyData } from './data.ts';
import { detectPayRange, locationFromText, matchJurisdictions, payTransparencyFindings, titleSpan } from './pay.ts';

describe('pay-transparency data', () => {
  it('lists the jurisdictions with effective dates, all in effect by 2026', () => {
    const ids = payTransparencyData.jurisdictions.map((j) => j.id);
    expect(ids).toEqual(['us-nyc', 'us-ny', 'us-ca', 'us-co', 'us-wa', 'us-il', 'us-md', 'us-hi', 'us-ma', 'us-vt', 'us-mn', 'us-nj', 'us-dc', 'eu']);
    for (const j of payTransparencyData.jurisdictions) {
      expect(j.effective, j.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(j.effective <= '2026-12-31', j.id).toBe(true);
      expect(j.law.length, j.id).toBeGreaterThan(5);
    }
    expect(payTransparencyData.jurisdictions.find((j) => j.id === 'eu')).toMatchObject({ effective: '2026-06-07' });
    expect(payTransparencyData.jurisdictions.find((j) => j.id === 'eu')!.law).toContain('2023/970');
  });
});

describe('pay range detection', () => {
  it.each([
    ['$120,000 – $150,000', '$120,000 – $150,000'],
    ['Salary: €90k–110k plus bonus', '€90k–110k'],
    ['USD 200,000 to 250,000 per year', 'USD 200,000 to 250,000 per year'],
    ['120 000–150 000 EUR', '120 000–150 000 EUR'],
    ['between $100k and $120k', 'between $100k and $120k'],
    ['£45,000-£55,000', '£45,000-£55,000'],
    ['$50/hr - $65/hr', '$50/hr - $65/hr'],
    ['100.000 – 120.000 €', '100.000 – 120.000 €'],
    ['90,000 to 110,000 dollars', '90,000 to 110,000 dollars'],
    ['CHF 140 000 - 160 000', 'CHF 140 000 - 160 000'],
  ])('finds %j', (text, range) => {
    const r = detectPayRange(text);
    expect(r?.text).toBe(range);
    expect(text.slice(r!.start, r!.end)).toBe(range);
  });

  it.each([
    'We grew from 2020–2024 without outside money.',
    'We raised $5–10 million in funding.',
    'A salary of $150,000.',
    'Teams of 10-15 engineers.',
    '',
    'Competitive pay.',
  ])('finds no range in %j', (text) => {
    expect(detectPayRange(text)).toBeNull();
  });

  it('keeps offsets after non-ASCII text', () => {
    const text = 'Café 👩‍💻 role, €90k–110k';
    expect(detectPayRange(text)).toEqual({ start: text.indexOf('€'), end: text.length, text: '€90k–110k' });
  });
});

describe('jurisdictions by location', () => {
  it.each([
    ['New York, NY', ['us-nyc', 'us-ny']],
    ['Brooklyn', ['us-nyc', 'us-ny']],
    ['Albany, NY', ['us-ny']],
    ['San Francisco, CA', ['us-ca']],
    ['Denver, Colorado', ['us-co']],
    ['Seattle, WA', ['us-wa']],
    ['Washington State', ['us-wa']],
    ['Washington, DC', ['us-dc']],
    ['Washington, D.C.', ['us-dc']],
    ['Chicago, IL', ['us-il']],
    ['Baltimore, MD', ['us-md']],
    ['Honolulu, HI', ['us-hi']],
    ['Boston, MA', ['us-ma']],
    ['Burlington, VT', ['us-vt']],
    ['Minneapolis, MN', ['us-mn']],
    ['Newark, NJ', ['us-nj']],
    ['Berlin, Germany', ['eu']],
    ['Remote (EU)', ['eu']],
    ['Paris, France', ['eu']],
    ['München', ['eu']],
    ['Paris, TX', []],
    ['Dublin, CA', ['us-ca']],
    ['London, UK', []],
    ['Austin, TX', []],
    ['Remote', []],
    ['co-located in Toronto', []], // codes are case-sensitive
    ['', []],
  ])('%j → %j', (location, ids) => {
    expect(matchJurisdictions(location).map((j) => j.id)).toEqual(ids);
  });

  it('reads a "Location:" line', () => {
    expect(locationFromText('CTO\nLocation: Denver, CO\n\nAbout')).toBe('Denver, CO');
    expect(locationFromText('**Location** – Berlin')).toBe('Berlin');
    expect(locationFromText('We relocate people.')).toBeNull();
  });
});

describe('missing pay range', () => {
  it('is reported on the title when a listed jurisdiction matches and no range is given', () => {
    const text = '\n  VP Engineering  \nLead our teams.';
    const [f, ...rest] = payTransparencyFindings(text, 'New York, NY');
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ kind: 'missing-pay-range', text: 'VP Engineering', start: 3, end: 17 });
    expect(f!.message).toContain('New York City');
    expect(f!.message).toContain('New York State');
    expect(f!.suggestion).toContain('$');
  });

  it('suggests euros and mentions the interview option for EU-only locations', () => {
    const [f] = payTransparencyFindings('Head of Product', 'Amsterdam');
    expect(f!.suggestion).toContain('€');
    expect(f!.message).toContain('2023/970');
  });

  it('is not reported with a range, outside listed jurisdictions, or without a location', () => {
    expect(payTransparencyFindings('CTO\nPay: $250,000 – $300,000', 'Denver, CO')).toEqual([]);
    expect(payTransparencyFindings('CTO', 'Austin, TX')).toEqual([]);
    expect(payTransparencyFindings('CTO', null)).toEqual([]);
    expect(payTransparencyFindings('', 'Denver, CO')).toEqual([]); // nothing to anchor on
  });

  it('anchors on the first non-blank line', () => {
    expect(titleSpan('')).toBeNull();
    expect(titleSpan(' \n\t')).toBeNull();
    expect(titleSpan('\r\nTitle\r\nbody')).toEqual({ start: 2, end: 7, text: 'Title' });
  });
});
