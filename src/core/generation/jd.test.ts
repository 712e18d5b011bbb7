import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadJdContent } from '../../modules/jd/jd.content.ts';
import { type JdContent, jdContentSchema, jdLengths, jdSectionIds, jdStages, jdTones, parseJdContent } from './jd-content.ts';
import { type JdInput, areaCompetencies, competenciesForRole, escapeHtml, generateJobDescription, jdInputSchema, jdPlanFromPlan } from './jd.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const readJson = (...p: string[]): unknown => JSON.parse(fs.readFileSync(path.join(root, ...p), 'utf8'));

const rawContent = readJson('content', 'jd', 'en.json');
const content: JdContent = parseJdContent(rawContent, 'en');

interface RoleFile {
  id: string;
  title: string;
  summary: string;
  responsibilities: { title: string; description: string; area: string }[];
  focus: { successAtOneYear: string[] };
}
interface CompetencyFile {
  id: string;
  name: string;
  roleWeights: Record<string, number>;
}

const roleFiles = fs
  .readdirSync(path.join(root, 'content', 'roles'))
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => readJson('content', 'roles', f) as RoleFile);
const competencyFiles = fs
  .readdirSync(path.join(root, 'content', 'competencies'))
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => readJson('content', 'competencies', f) as CompetencyFile);

function roleInput(id: string): JdInput['role'] {
  const r = roleFiles.find((x) => x.id === id)!;
  return { ...r, competencies: competenciesForRole(id, competencyFiles) };
}

const company: JdInput['company'] = {
  name: 'Northwind Labs',
  mission: 'Make freight paperwork disappear for small carriers',
  industry: 'logistics software',
  stage: 'series-b',
  headcount: 180,
  headquarters: 'Berlin',
  locations: ['Berlin', 'Lisbon'],
  remotePolicy: 'hybrid',
  reportsTo: 'CEO',
  teamSize: 60,
  salary: { min: 180000, max: 220000, currency: 'EUR', period: 'year' },
  equity: '0.3–0.6% over four years',
  benefits: ['30 days of paid leave', 'A yearly learning budget of €2,000', 'Parental leave at full pay for 20 weeks'],
  emphasis: [],
};

const plan: NonNullable<JdInput['plan']> = {
  rounds: [
    { name: 'Recruiter screen', minutes: 30, focus: [] },
    { name: 'Hiring-manager deep dive', minutes: 60, focus: ['Technology strategy & architecture', 'Infrastructure & operations'] },
    { name: 'Architecture and technology-strategy review', minutes: 90, focus: ['Technology strategy & architecture', 'Security & risk management'] },
    { name: 'Executive panel', minutes: 45, focus: ['Stakeholder communication & influence'] },
  ],
};

function input(over: Partial<Omit<JdInput, 'company'>> & { company?: Partial<JdInput['company']> } = {}): JdInput {
  const { company: c, ...rest } = over;
  return jdInputSchema.parse({ role: roleInput('cto'), tone: 'warm', length: 'standard', language: 'en', plan, ...rest, company: { ...company, ...c } });
}

const gen = (over: Parameters<typeof input>[0] = {}) => generateJobDescription(input(over), content);
const section = (jd: ReturnType<typeof gen>, id: string) => jd.sections.find((s) => s.id === id)!;
const words = (s: string) => s.split(/\s+/).filter(Boolean).length;

/** Every string in a JSON value, recursively. */
function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v && typeof v === 'object') return Object.values(v).flatMap(strings);
  return [];
}

const masculineStems = (
  'active adventurous aggress ambitio analy assert athlet autonom battle boast challeng champion compet confident courag decid decision decisive defend determin ' +
  'domina dominant driven fearless fight force greedy headstrong hierarch hostil impulsive independen individual intellect lead logic objective opinion outspoken ' +
  'persist principle reckless stubborn superior unreasonab'
).split(' ');
const exclusionary = ['rockstar', 'rock star', 'ninja', 'guru', 'young', 'youthful', 'digital native', 'he', 'his', 'him', 'manpower', 'guys', 'crush', 'killer', 'work hard, play hard'];

function masculineHits(text: string): string[] {
  const tokens = text.replace(/\{[A-Za-z]+\}/g, ' ').toLowerCase().match(/[a-z]+/g) ?? [];
  return tokens.filter((w) => masculineStems.some((s) => w.startsWith(s)));
}

describe('job-description content', () => {
  it('en.json validates, and the loader reads the same content from the package root', () => {
    expect(content.language).toBe('en');
    expect(loadJdContent('en')).toEqual(content);
    expect(() => loadJdContent('xx' as 'en')).toThrow(/Unsupported/);
  });

  it('rejects unknown placeholders, stray braces and a file for another language', () => {
    const bad = structuredClone(rawContent) as { tones: { warm: { bring: { bullet: string; intro: string } } } };
    bad.tones.warm.bring.bullet = 'You have {skil}.';
    bad.tones.warm.bring.intro = 'Bring {this';
    const r = jdContentSchema.safeParse(bad);
    expect(r.success).toBe(false);
    const messages = r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toContain('tones.warm.bring.bullet: unknown placeholder {skil}; allowed: {skill}');
    expect(messages).toContain('tones.warm.bring.bullet: must use the placeholder {skill}');
    expect(messages).toContain('tones.warm.bring.intro: unbalanced or malformed brace');
    expect(() => parseJdContent({ ...(rawContent as object), language: 'de' }, 'en')).toThrow(/Invalid job-description content/);
  });

  it('has wording for every library competency and every area mapping names real competencies', () => {
    const ids = competencyFiles.map((c) => c.id).sort();
    expect(Object.keys(content.competencies).sort()).toEqual(ids);
    for (const [area, comps] of Object.entries(areaCompetencies)) for (const c of comps) expect(ids, area).toContain(c);
    const areas = new Set(roleFiles.flatMap((r) => r.responsibilities.map((x) => x.area)));
    for (const a of areas) expect(areaCompetencies[a], a).toBeDefined();
  });

  it('uses no masculine-coded or exclusionary words in its own templates', () => {
    const all = strings(rawContent);
    const hits = all.flatMap((s) => masculineHits(s).map((w) => `${w} in "${s}"`));
    expect(hits).toEqual([]);
    for (const w of exclusionary) expect(all.filter((s) => new RegExp(`\\b${w}\\b`, 'i').test(s)), w).toEqual([]);
    // The templates address the reader: "you" appears in every tone but the formal one.
    for (const tone of ['warm', 'startup'] as const) expect(strings(content.tones[tone]).join(' ')).toMatch(/\byou\b/i);
  });

  it('generates neutral text in every tone and length when the role data itself is neutral', () => {
    const neutralRole: JdInput['role'] = {
      title: 'Head of Platform',
      summary: 'The person who looks after the shared platform that every product team builds on.',
      responsibilities: [
        { title: 'Look after the platform', description: 'Keep the shared platform healthy and useful. Listen to the teams who use it.', area: 'architecture' },
        { title: 'Support the teams', description: 'Help product teams ship safely and often.', area: 'software-delivery' },
        { title: 'Keep costs sensible', description: 'Watch the cloud bill and explain it.', area: 'infrastructure-operations' },
        { title: 'Grow people', description: 'Hire, coach and support engineers.', area: 'talent-org-design' },
      ],
      competencies: competenciesForRole('cto', competencyFiles).map((c, i) => ({ ...c, name: `Skill area ${i + 1}` })),
      focus: { successAtOneYear: ['The platform is stable and teams like using it.', 'Costs grow slower than usage.'] },
    };
    for (const tone of jdTones)
      for (const length of jdLengths) {
        const jd = gen({ role: neutralRole, tone, length, company: { emphasis: ['security-risk-management'] } });
        expect(masculineHits(jd.text), `${tone}/${length}`).toEqual([]);
      }
  });
});

describe('generateJobDescription', () => {
  it('is deterministic: the same input gives deep-equal output', () => {
    const a = gen({ company: { emphasis: ['security-risk-management'] } });
    const b = gen({ company: { emphasis: ['security-risk-management'] } });
    expect(b).toEqual(a);
    expect(b.markdown).toBe(a.markdown);
  });

  it('has every section, in order, with headings and content (standard length)', () => {
    for (const tone of jdTones) {
      const jd = gen({ tone });
      expect(jd.title).toBe('Chief Technology Officer');
      expect(jd.sections.map((s) => s.id)).toEqual([...jdSectionIds]);
      for (const s of jd.sections) {
        expect(s.heading.length, s.id).toBeGreaterThan(0);
        expect(s.paragraphs.length + s.bullets.length, s.id).toBeGreaterThan(0);
      }
      // Markdown: one "#" title, "##" per section in the same order, "-" bullets.
      const headings = jd.markdown.split('\n').filter((l) => l.startsWith('## ')).map((l) => l.slice(3));
      expect(headings).toEqual(jd.sections.map((s) => s.heading));
      expect(jd.markdown.startsWith('# Chief Technology Officer\n')).toBe(true);
      expect(jd.markdown).toContain(`\n- ${section(jd, 'what-you-will-do').bullets[0]}\n`);
    }
  });

  it('keeps must-haves short: 3 / 4 / 6 bullets for short / standard / long', () => {
    const counts = jdLengths.map((length) => section(gen({ length }), 'what-you-will-bring').bullets.length);
    expect(counts).toEqual([3, 4, 6]);
  });

  it('lists the plan rounds with their minutes and what each assesses', () => {
    const warm = section(gen(), 'how-we-hire');
    expect(warm.bullets).toEqual([
      'Recruiter screen, 30 minutes: a chance to get to know each other.',
      'Hiring-manager deep dive, 60 minutes: we\'ll talk about technology strategy & architecture and infrastructure & operations.',
      'Architecture and technology-strategy review, 90 minutes: we\'ll talk about technology strategy & architecture and security & risk management.',
      'Executive panel, 45 minutes: we\'ll talk about stakeholder communication & influence.',
    ]);
    expect(warm.paragraphs).toContain('Our process has 4 rounds, about 225 minutes of your time altogether:');
    const formal = section(gen({ tone: 'formal' }), 'how-we-hire');
    expect(formal.bullets[1]).toBe('Hiring-manager deep dive (60 minutes): assessment of technology strategy & architecture and infrastructure & operations.');

    const generic = section(gen({ plan: undefined }), 'how-we-hire');
    expect(generic.bullets).toEqual([]);
    expect(generic.paragraphs).toHaveLength(1);
    expect(generic.paragraphs[0]).toMatch(/same core questions/);
  });

  it('turns a rubric.plan/v1 plan (focus ids) into rounds with competency names', () => {
    const fromPlan = jdPlanFromPlan({
      competencies: [{ id: 'security-risk-management', name: 'Security & risk management' }],
      rounds: [{ name: 'Case', minutes: 90, focus: ['security-risk-management', 'unknown-id'] }],
    });
    expect(fromPlan).toEqual({ rounds: [{ name: 'Case', minutes: 90, focus: ['Security & risk management', 'unknown-id'] }] });
  });

  it('formats the salary range with Intl currency formatting, and says plainly when there is none', () => {
    const pay = (salary: JdInput['company']['salary'], tone: JdInput['tone'] = 'formal') =>
      section(gen({ tone, company: { salary } }), 'compensation-and-benefits').paragraphs[0];
    expect(pay({ min: 180000, max: 220000, currency: 'EUR', period: 'year' })).toBe('The salary range for this position is €180,000–€220,000 per year.');
    expect(pay({ min: 85, max: 120, currency: 'USD', period: 'hour' })).toBe('The salary range for this position is $85–$120 per hour.');
    expect(pay({ min: 85.5, max: 120, currency: 'USD', period: 'hour' }, 'startup')).toBe('Salary: $85.50–$120.00 per hour.');
    expect(pay({ min: 9000, max: 9000, currency: 'GBP', period: 'month' }, 'startup')).toBe('Salary: £9,000 per month.');
    expect(pay(undefined)).toBe('A salary range has not been published for this position. It will be shared in the first conversation, before any interview.');
    expect(pay(undefined, 'warm')).toMatch(/^We haven't published a salary range/);
    expect(section(gen(), 'compensation-and-benefits').bullets).toEqual(company.benefits);
  });

  it('validates the input: currency, range order, emphasis from the role', () => {
    const bad = (c: Partial<JdInput['company']>) => jdInputSchema.safeParse({ role: roleInput('cto'), tone: 'warm', length: 'standard', language: 'en', company: { ...company, ...c } });
    expect(bad({}).success).toBe(true);
    expect(bad({ salary: { min: 1, max: 2, currency: 'EURO', period: 'year' } }).success).toBe(false);
    expect(bad({ salary: { min: 1, max: 2, currency: 'XYZ', period: 'year' } }).success).toBe(false);
    expect(bad({ salary: { min: 3, max: 2, currency: 'EUR', period: 'year' } }).success).toBe(false);
    const e = bad({ emphasis: ['market-customer-insight', 'no-such-thing'] });
    expect(e.success).toBe(false);
    expect(e.error!.issues.map((i) => i.path.join('.'))).toEqual(['company.emphasis.1']);
  });

  it('gives three clearly different tones: markdown lines differ pairwise by at least 30%', () => {
    const md = Object.fromEntries(jdTones.map((tone) => [tone, gen({ tone, company: { emphasis: ['security-risk-management'] } }).markdown]));
    const lines = (s: string) => s.split('\n').filter((l) => l.trim() !== '');
    for (const [a, b] of [['formal', 'warm'], ['formal', 'startup'], ['warm', 'startup']] as const) {
      const la = lines(md[a]!);
      const lb = new Set(lines(md[b]!));
      const differing = la.filter((l) => !lb.has(l)).length;
      expect(differing / la.length, `${a} vs ${b}`).toBeGreaterThanOrEqual(0.3);
    }
    // Headings differ in every section except none: compare the heading sets.
    const headings = jdTones.map((tone) => gen({ tone }).sections.map((s) => s.heading));
    for (let i = 0; i < jdSectionIds.length; i++) expect(new Set(headings.map((h) => h[i])).size, jdSectionIds[i]).toBe(3);
  });

  it('grows with length: short < standard < long by word count, with more bullets and paragraphs', () => {
    for (const tone of jdTones) {
      const [s, m, l] = jdLengths.map((length) => gen({ tone, length }));
      expect(words(s!.markdown)).toBeLessThan(words(m!.markdown));
      expect(words(m!.markdown)).toBeLessThan(words(l!.markdown));
      const count = (jd: typeof s, f: 'bullets' | 'paragraphs') => jd!.sections.reduce((n, x) => n + x[f].length, 0);
      expect(count(s, 'bullets')).toBeLessThan(count(m, 'bullets'));
      expect(count(m, 'bullets')).toBeLessThan(count(l, 'bullets'));
      expect(count(s, 'paragraphs')).toBeLessThan(count(m, 'paragraphs'));
      expect(count(m, 'paragraphs')).toBeLessThan(count(l, 'paragraphs'));
    }
  });

  it('escapes every input in the HTML', () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;');
    const jd = gen({ tone: 'formal', company: { name: '<script>alert("x")</script>', benefits: ['<img src=x onerror=alert(1)>'] } });
    expect(jd.html).not.toContain('<script>');
    expect(jd.html).not.toContain('<img');
    expect(jd.html).toContain('<h2>About &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</h2>');
    expect(jd.html).toContain('<li>&lt;img src=x onerror=alert(1)&gt;</li>');
    expect(jd.html.match(/<section id="jd-[a-z-]+">/g)).toHaveLength(8);
    expect(jd.html.startsWith('<article class="job-description" lang="en">\n<h1>Chief Technology Officer</h1>')).toBe(true);
    // The plain-text and section forms keep the original text.
    expect(jd.sections[0]!.heading).toBe('About <script>alert("x")</script>');
  });

  it('puts responsibilities of emphasised competencies first', () => {
    const plain = section(gen(), 'what-you-will-do').bullets;
    expect(plain[0]).toMatch(/^You'll set the technology strategy\./);
    const sec = section(gen({ company: { emphasis: ['security-risk-management'] } }), 'what-you-will-do');
    expect(sec.bullets[0]).toMatch(/^You'll manage security and technical risk\. Make security part of how software is designed/);
    expect(sec.paragraphs[0]).toContain('Where we most need your help: security & risk management.');
    const talent = section(gen({ tone: 'formal', company: { emphasis: ['talent-team-development', 'security-risk-management'] } }), 'what-you-will-do');
    expect(talent.bullets.slice(0, 2).map((b) => b.split(':')[0])).toEqual(['Design and grow the engineering organization', 'Manage security and technical risk']);
    // Must-haves start with the emphasised competencies too.
    const bring = section(gen({ tone: 'formal', company: { emphasis: ['vendor-partner-management'] } }), 'what-you-will-bring').bullets;
    expect(bring[0]).toBe('Demonstrated experience choosing, contracting and managing suppliers and partners so that they deliver what was agreed.');
  });

  it('frames the work by stage', () => {
    const framing = (stage: JdInput['company']['stage']) => section(gen({ tone: 'formal', company: { stage } }), 'what-you-will-do').paragraphs[0];
    expect(framing('seed')).toBe(
      "At the company's current stage, the position centers on building the foundations from scratch, often hands-on, and setting habits the team will keep as it grows.",
    );
    expect(framing('growth')).toMatch(/helping the company scale/);
    expect(framing('public')).toMatch(/governance/);
    expect(new Set(jdStages.map(framing)).size).toBe(jdStages.length);
    expect(section(gen({ company: { stage: 'seed' } }), 'about-company').paragraphs[0]).toBe(
      "Northwind Labs is an early-stage company in logistics software. We're 180 people, with our home base in Berlin.",
    );
  });

  it('handles a team of zero, one person, remote work and no benefits', () => {
    const jd = gen({ tone: 'startup', company: { teamSize: 0, headcount: 1, remotePolicy: 'remote', locations: ['Europe', 'the UK'], benefits: [], equity: undefined } });
    expect(section(jd, 'about-company').paragraphs[0]).toBe("We're Northwind Labs, a Series B company in logistics software: 1 person, based in Berlin.");
    expect(section(jd, 'role-and-why-now').paragraphs[2]).toBe('You report to the CEO. No direct reports on day one. Where: remote, anywhere in Europe and the UK.');
    const pay = section(jd, 'compensation-and-benefits');
    expect(pay.bullets).toEqual([]);
    expect(pay.paragraphs.at(-1)).toBe("Perks: we'll go through them in the first call.");
    expect(pay.paragraphs.join(' ')).not.toMatch(/Equity/);
  });

  it('generates for every role in content/roles, in every tone and length, without throwing', () => {
    expect(roleFiles.length).toBeGreaterThanOrEqual(9);
    for (const r of roleFiles)
      for (const tone of jdTones)
        for (const length of jdLengths) {
          const role = roleInput(r.id);
          const emphasis = role.competencies.slice(-2).map((c) => c.id);
          const jd = generateJobDescription(input({ role, tone, length, company: { emphasis } }), content);
          expect(jd.sections.map((s) => s.id), r.id).toEqual([...jdSectionIds]);
          expect(jd.markdown, r.id).not.toMatch(/\{[A-Za-z]+\}|undefined|NaN/);
          expect(section(jd, 'what-you-will-bring').bullets.length, r.id).toBe({ short: 3, standard: 4, long: 6 }[length]);
        }
  });
});
