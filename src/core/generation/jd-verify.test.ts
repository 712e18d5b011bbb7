import { describe, expect, it } from 'vitest';
import { extractFacts, mustHavesFromMarkdown, numbersIn, significantStems, verifyRewrite } from './jd-verify.ts';

const draft = `# Chief Technology Officer

## Who we are

Acme Freight is a Series B company in logistics software.

## What you'll bring

Please don't rule yourself out if you match most of the list.

- You have real experience setting technology direction and making architecture choices that held up as the business grew.
- You have real experience running reliable, observable and cost-aware production systems.
* You have real experience building engineering teams that ship good software steadily.

## Nice to have

- Some experience presenting to investors.

## Pay and support

We pay €180,000–€220,000 per year for this role.
`;

const mustHaves = mustHavesFromMarkdown(draft, "What you'll bring");

const facts = extractFacts({
  company: ' Acme  Freight ',
  title: 'Chief Technology Officer',
  salary: '€180,000–€220,000 per year',
  locations: ['Berlin, Germany', 'Lisbon', ''],
  mustHaves,
});

const faithful = `# Chief Technology Officer

Acme Freight builds logistics software for small carriers, with offices in Berlin and Lisbon.

## What you bring

- You have set technology direction and made architecture choices that held up while the business grew.
- You have run reliable, observable, cost-aware production systems.
- You have built engineering teams that ship good software steadily.

## Pay

The range is €180,000 – €220,000 per year.
`;

describe('mustHavesFromMarkdown', () => {
  it('reads the bullets of the named section only', () => {
    expect(mustHaves).toEqual([
      'You have real experience setting technology direction and making architecture choices that held up as the business grew.',
      'You have real experience running reliable, observable and cost-aware production systems.',
      'You have real experience building engineering teams that ship good software steadily.',
    ]);
    expect(mustHavesFromMarkdown(draft, 'nice TO   have')).toEqual(['Some experience presenting to investors.']);
    expect(mustHavesFromMarkdown(draft, 'Missing')).toEqual([]);
    expect(mustHavesFromMarkdown('', 'Requirements')).toEqual([]);
  });

  it('matches the heading loosely, stops at the next heading and joins indented continuation lines', () => {
    const md = '## Requirements ##\r\n- First\r\n  continued here\r\n\r\n### Detail\r\n* Second\r\n# Next\r\n- Not this\r\n## Requirements\n- Third';
    expect(mustHavesFromMarkdown(md, 'requirements')).toEqual(['First continued here', 'Second', 'Third']);
    expect(mustHavesFromMarkdown("## What you’ll bring\n- A", "What you'll bring")).toEqual(['A']);
  });
});

describe('extractFacts', () => {
  it('trims, collapses whitespace and drops blank and repeated entries', () => {
    expect(extractFacts({ company: ' Acme\n Freight ', title: ' CTO ', salary: '  ', locations: ['Berlin', ' berlin ', ''], mustHaves: ['  A  b ', 'a B'] })).toEqual({
      company: 'Acme Freight',
      title: 'CTO',
      salary: null,
      locations: ['Berlin'],
      mustHaves: ['A b'],
    });
    expect(facts.locations).toEqual(['Berlin, Germany', 'Lisbon']);
  });
});

describe('verifyRewrite', () => {
  it('passes a faithful rewrite', () => {
    expect(verifyRewrite(facts, faithful)).toEqual({ ok: true, missing: [] });
  });

  it('reports a dropped salary', () => {
    const text = faithful.replace('The range is €180,000 – €220,000 per year.', 'We pay well.');
    expect(verifyRewrite(facts, text)).toEqual({ ok: false, missing: ['salary range €180,000–€220,000 per year'] });
  });

  it('reports a changed number', () => {
    expect(verifyRewrite(facts, faithful.replace('180,000', '170,000'))).toEqual({ ok: false, missing: ['salary range €180,000–€220,000 per year'] });
  });

  it('compares numbers without separators, but "k" is not thousands', () => {
    for (const range of ['€180.000 – €220.000', '180000 to 220000 euros', '€180 000–€220 000', 'EUR 180\u202f000 – 220\u00a0000', "CHF 180'000–220'000"]) {
      expect(verifyRewrite(facts, faithful.replace('€180,000 – €220,000', range)).missing, range).toEqual([]);
    }
    expect(verifyRewrite(facts, faithful.replace('€180,000 – €220,000', '€180k–€220k')).missing).toEqual(['salary range €180,000–€220,000 per year']);
    expect(verifyRewrite(facts, faithful.replace('€180,000 – €220,000', '€180,000.00–€220,000.00')).missing).toEqual(['salary range €180,000–€220,000 per year']);
    const single = extractFacts({ company: 'Acme', title: 'Designer', salary: '$90,000 per year', locations: [], mustHaves: [] });
    expect(verifyRewrite(single, 'Acme Designer, $95,000')).toEqual({ ok: false, missing: ['salary $90,000 per year'] });
    expect(numbersIn('€180,000–€220,000 per year, 30 days, 1, 2')).toEqual(['180000', '220000', '30', '1', '2']);
  });

  it('reports a must-have rewritten with synonyms for most of its words', () => {
    const text = faithful.replace('- You have run reliable, observable, cost-aware production systems.', '- You have operated dependable, monitored, thrifty live platforms.');
    expect(verifyRewrite(facts, text)).toEqual({ ok: false, missing: [`must-have: ${mustHaves[1]}`] });
  });

  it('keeps a must-have when 60% of its significant stems survive', () => {
    // running, reliable, observable, cost, aware, production, systems → "runni", "relia", "obser", "cost", "aware", "produ", "syste"
    expect(significantStems(mustHaves[1]!)).toEqual(['runni', 'relia', 'obser', 'cost', 'aware', 'produ', 'syste']);
    const keepFive = faithful.replace('- You have run reliable, observable, cost-aware production systems.', '- Running reliability work, observability, cost awareness, dependable platforms.');
    expect(verifyRewrite(facts, keepFive).missing).toEqual([]); // 5 of 7 stems
    const keepFour = faithful.replace('- You have run reliable, observable, cost-aware production systems.', '- Running reliability work, observability, costs, dependable platforms.');
    expect(verifyRewrite(facts, keepFour).missing).toEqual([`must-have: ${mustHaves[1]}`]); // 4 of 7 < 60%
  });

  it('reports the company, title and locations', () => {
    const text = faithful.replaceAll('Acme Freight', 'The company').replace('# Chief Technology Officer', '# CTO').replace('Berlin and Lisbon', 'Europe');
    expect(verifyRewrite(facts, text)).toEqual({
      ok: false,
      missing: ['company name Acme Freight', 'job title Chief Technology Officer', 'location Berlin, Germany', 'location Lisbon'],
    });
    // A phrase must not sit inside a longer word.
    expect(verifyRewrite(facts, faithful.replace('Berlin and', 'Berliner and')).missing).toEqual(['location Berlin, Germany']);
  });

  it('passes unicode and case variations', () => {
    const f = extractFacts({
      company: 'Café Müller GmbH',
      title: 'Head of Straße Operations',
      salary: '€60,000–€75,000 per year',
      locations: ['Zürich, Switzerland', 'Malmö'],
      mustHaves: ['You have real experience running cafés with façades and naïve customers.'],
    });
    const text = [
      'CAFÉ MÜLLER GMBH is hiring a HEAD OF STRASSE OPERATIONS', // upper case, ß as SS
      'in Zu\u0308rich or malmö.', // decomposed ü
      'Pay: ６０,０００ – ７５,０００ EUR.', // full-width digits
      '- Running CAFE\u0301S with FAÇADES and NAÏVE customers.',
      'Café\u00a0Müller   GmbH again.',
    ].join('\n');
    expect(verifyRewrite(f, text)).toEqual({ ok: true, missing: [] });
    expect(verifyRewrite(facts, faithful.toUpperCase())).toEqual({ ok: true, missing: [] });
  });

  it('misses everything in an empty rewrite', () => {
    const all = [
      'company name Acme Freight',
      'job title Chief Technology Officer',
      'salary range €180,000–€220,000 per year',
      'location Berlin, Germany',
      'location Lisbon',
      ...mustHaves.map((m) => `must-have: ${m}`),
    ];
    expect(verifyRewrite(facts, '')).toEqual({ ok: false, missing: all });
    expect(verifyRewrite(facts, ' \n\t ')).toEqual({ ok: false, missing: all });
  });

  it('needs the whole text of a must-have without significant words', () => {
    const f = extractFacts({ company: 'Acme', title: 'SRE', salary: null, locations: [], mustHaves: ['SQL and Go'] });
    expect(verifyRewrite(f, 'Acme SRE: you know SQL and Go.')).toEqual({ ok: true, missing: [] });
    expect(verifyRewrite(f, 'Acme SRE: you know SQL.')).toEqual({ ok: false, missing: ['must-have: SQL and Go'] });
  });
});
