import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type JdContent, jdLengths, jdTones, parseJdContent } from './jd-content.ts';
import { markdownTitle, markdownToHtml, markdownToText } from './jd-markdown.ts';
import { type JdInput, competenciesForRole, generateJobDescription, jdInputSchema } from './jd.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const readJson = (...p: string[]): unknown => JSON.parse(fs.readFileSync(path.join(root, ...p), 'utf8'));
const content: JdContent = parseJdContent(readJson('content', 'jd', 'en.json'), 'en');
const competencyFiles = fs
  .readdirSync(path.join(root, 'content', 'competencies'))
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => readJson('content', 'competencies', f) as { id: string; name: string; roleWeights: Record<string, number> });

function generated(roleId: string, over: Partial<Pick<JdInput, 'tone' | 'length'>> = {}) {
  const role = readJson('content', 'roles', `${roleId}.json`) as Omit<JdInput['role'], 'competencies'>;
  const input = jdInputSchema.parse({
    role: { ...role, competencies: competenciesForRole(roleId, competencyFiles) },
    tone: 'warm',
    length: 'standard',
    language: 'en',
    ...over,
    company: {
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
      benefits: ['30 days of paid leave', 'A yearly learning budget of €2,000'],
      emphasis: [],
    },
    plan: { rounds: [{ name: 'Recruiter screen', minutes: 30, focus: [] }, { name: 'Executive panel', minutes: 45, focus: ['Stakeholder communication & influence'] }] },
  });
  return generateJobDescription(input, content);
}

const count = (html: string, tag: string) => (html.match(new RegExp(`<${tag}[ >]`, 'g')) ?? []).length;
/** The body of the article, without the wrapper lines. */
const body = (md: string) => markdownToHtml(md).split('\n').slice(1, -2).join('\n');

describe('markdownToHtml on the generator’s own Markdown', () => {
  it('gives the same headings, paragraphs and bullets as the generator’s HTML, in every tone and length', () => {
    for (const tone of jdTones)
      for (const length of jdLengths)
        for (const role of ['cto', 'cpo']) {
          const jd = generated(role, { tone, length });
          const html = markdownToHtml(jd.markdown, { language: 'en' });
          for (const tag of ['h1', 'h2', 'h3', 'p', 'ul', 'li', 'section']) expect(count(html, tag), `${role}/${tone}/${length} <${tag}>`).toBe(count(jd.html, tag));
          // Beyond the counts: identical markup, except that Markdown does not carry section ids.
          expect(html).toBe(jd.html.replace(/ id="jd-[a-z-]+"/g, ''));
        }
  });

  it('gives the generator’s plain text and title back', () => {
    for (const length of jdLengths) {
      const jd = generated('cto', { length });
      expect(markdownToText(jd.markdown)).toBe(jd.text);
      expect(markdownTitle(jd.markdown)).toBe(jd.title);
    }
  });
});

describe('markdownToHtml', () => {
  it('wraps blocks in the article, sets lang only when given, and opens a section per ## heading', () => {
    expect(markdownToHtml('# Title\n\nIntro\n\n## One\n\nText\n\n### Sub\n\nMore\n\n## Two\n\n- a', { language: 'de' })).toBe(
      [
        '<article class="job-description" lang="de">',
        '<h1>Title</h1>',
        '<p>Intro</p>',
        '<section>',
        '<h2>One</h2>',
        '<p>Text</p>',
        '<h3>Sub</h3>',
        '<p>More</p>',
        '</section>',
        '<section>',
        '<h2>Two</h2>',
        '<ul>',
        '<li>a</li>',
        '</ul>',
        '</section>',
        '</article>',
        '',
      ].join('\n'),
    );
    expect(markdownToHtml('x')).toBe('<article class="job-description">\n<p>x</p>\n</article>\n');
    expect(markdownToHtml('x', { language: '"><b>' })).toContain('lang="&quot;&gt;&lt;b&gt;"');
  });

  it.each([
    ['# A', '<h1>A</h1>'],
    ['### A', '<h3>A</h3>'],
    ['#### A', '<h3>A</h3>'],
    ['###### A', '<h3>A</h3>'],
    ['####### A', '<p>####### A</p>'],
    ['#A', '<p>#A</p>'],
    ['# A #', '<h1>A</h1>'],
    ['# C# and F#', '<h1>C# and F#</h1>'],
    ['   # A', '<h1>A</h1>'],
    ['#', ''],
  ])('heading %j', (md, html) => {
    expect(body(md)).toBe(html);
  });

  it('joins consecutive lines into one paragraph and splits paragraphs at blank lines', () => {
    expect(body('one\ntwo  \n  three\n\n\nfour')).toBe('<p>one two three</p>\n<p>four</p>');
  });

  it('renders bullet lists with -, * and +, lazy continuation lines, and blank lines between items', () => {
    expect(body('- a\n* b\n+ c\n  more of c\n\n- d\n\nafter')).toBe('<ul>\n<li>a</li>\n<li>b</li>\n<li>c more of c</li>\n<li>d</li>\n</ul>\n<p>after</p>');
    // A bullet may interrupt a paragraph; a marker without a space is text.
    expect(body('intro\n- a')).toBe('<p>intro</p>\n<ul>\n<li>a</li>\n</ul>');
    expect(body('-a\n--- \n-')).toBe('<p>-a --- -</p>');
  });

  it('renders ordered lists, keeping a start other than 1, and switches list kind', () => {
    expect(body('1. one\n2. two\n- bullet\n1) again')).toBe('<ol>\n<li>one</li>\n<li>two</li>\n</ol>\n<ul>\n<li>bullet</li>\n</ul>\n<ol>\n<li>again</li>\n</ol>');
    expect(body('3. three\n4. four')).toBe('<ol start="3">\n<li>three</li>\n<li>four</li>\n</ol>');
    // Only "1." interrupts a paragraph, so a wrapped year stays prose.
    expect(body('We grew in\n2024. A good year\n1. first')).toBe('<p>We grew in 2024. A good year</p>\n<ol>\n<li>first</li>\n</ol>');
  });

  it.each([
    ['**bold** text', '<strong>bold</strong> text'],
    ['__bold__ text', '<strong>bold</strong> text'],
    ['*em* and _em_', '<em>em</em> and <em>em</em>'],
    ['*a **b** c*', '<em>a <strong>b</strong> c</em>'],
    ['**a *b* c**', '<strong>a <em>b</em> c</strong>'],
    ['***both***', '<strong><em>both</em></strong>'],
    ['snake_case_name stays', 'snake_case_name stays'],
    ['2 * 3 * 4', '2 * 3 * 4'],
    ['** not bold **', '** not bold **'],
    ['**unclosed *x*', '**unclosed <em>x</em>'],
    ['\\*literal\\* \\_ \\\\', '*literal* _ \\'],
    ['`code *not em*`', '<code>code *not em*</code>'],
    ['``a ` b``', '<code>a ` b</code>'],
    ['` padded `', '<code>padded</code>'],
    ['`unclosed', '`unclosed'],
    ['*`code` in em*', '<em><code>code</code> in em</em>'],
  ])('inline %j', (md, html) => {
    expect(body(md)).toBe(`<p>${html}</p>`);
  });

  it.each([
    ['[Careers](https://example.com/jobs?a=1&b=2)', '<a href="https://example.com/jobs?a=1&amp;b=2">Careers</a>'],
    ['[site](http://example.com)', '<a href="http://example.com">site</a>'],
    ['[Email us](mailto:jobs@example.com)', '<a href="mailto:jobs@example.com">Email us</a>'],
    ['[wiki](https://en.wikipedia.org/wiki/Rubric_(academic))', '<a href="https://en.wikipedia.org/wiki/Rubric_(academic)">wiki</a>'],
    ['[t](https://example.com "A title")', '<a href="https://example.com">t</a>'],
    ['[**bold** link](https://example.com)', '<a href="https://example.com"><strong>bold</strong> link</a>'],
    ['[](https://example.com)', '<a href="https://example.com">https://example.com</a>'],
    ['[x](https://example.com/"onmouseover="alert(1))', '<a href="https://example.com/&quot;onmouseover=&quot;alert(1)">x</a>'],
    ['[click](javascript:alert(1))', 'click'],
    ['[click](JAVASCRIPT:alert(1))', 'click'],
    ['[img](data:text/html;base64,PHNjcmlwdD4=)', 'img'],
    ['[relative](/careers)', 'relative'],
    ['[no host](https://)', 'no host'],
    ['[text] (https://example.com)', '[text] (https://example.com)'],
    ['[unclosed](https://example.com', '[unclosed](https://example.com'],
    ['[[a](https://a.example)](https://b.example)', '<a href="https://b.example">[a](https://a.example)</a>'],
  ])('link %j', (md, html) => {
    expect(body(md)).toBe(`<p>${html}</p>`);
  });

  it('escapes everything else: no raw HTML passes through', () => {
    const md = '# <img src=x onerror=alert(1)>\n\n<script>alert("x")</script> & \'q\'\n\n- <b>bold?</b>\n\n`<code>`';
    const html = markdownToHtml(md);
    expect(html).not.toMatch(/<(script|img|b)[\s>]/);
    expect(html).toContain('<h1>&lt;img src=x onerror=alert(1)&gt;</h1>');
    expect(html).toContain('<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;</p>');
    expect(html).toContain('<li>&lt;b&gt;bold?&lt;/b&gt;</li>');
    expect(html).toContain('<p><code>&lt;code&gt;</code></p>');
  });

  it('treats CRLF and lone CR like LF', () => {
    const lf = '# T\n\nA\nB\n\n- x\n- y\n';
    expect(markdownToHtml(lf.replace(/\n/g, '\r\n'))).toBe(markdownToHtml(lf));
    expect(markdownToHtml(lf.replace(/\n/g, '\r'))).toBe(markdownToHtml(lf));
    expect(markdownToText(lf.replace(/\n/g, '\r\n'))).toBe(markdownToText(lf));
  });

  it('renders empty and blank input as an empty article', () => {
    for (const md of ['', '\n\n', '   \r\n\t']) expect(markdownToHtml(md)).toBe('<article class="job-description">\n</article>\n');
  });

  it('never throws and stays fast on hostile input', () => {
    const hostile = [
      '*a '.repeat(20_000),
      '_'.repeat(50_000),
      '['.repeat(50_000),
      '[a]('.repeat(20_000) + ' x' + ')'.repeat(20_000),
      '`'.repeat(5) + 'x`'.repeat(20_000),
      '*'.repeat(200) + 'deep' + '*'.repeat(200),
      '\0\uFFFF\uD800',
    ];
    for (const md of hostile) {
      expect(() => markdownToHtml(md)).not.toThrow();
      expect(() => markdownToText(md)).not.toThrow();
    }
    expect(markdownToHtml('a\0b')).toContain('a\uFFFDb');
    expect(markdownToHtml(undefined as unknown as string)).toBe('<article class="job-description">\n</article>\n');
  });
});

describe('markdownToText', () => {
  it('writes headings as text, bullets with •, ordered items numbered, links as text (url), one trailing newline', () => {
    const md = [
      '# The **Title**',
      '',
      'Apply via [our site](https://example.com/apply) or [jobs@example.com](mailto:jobs@example.com) or [https://x.example](https://x.example).',
      'Avoid [this](javascript:void(0)).',
      '',
      '## Skills',
      '- `TypeScript`',
      '- *Kind* people',
      '',
      '3. third',
      '4. fourth',
    ].join('\n');
    expect(markdownToText(md)).toBe(
      [
        'The Title',
        '',
        'Apply via our site (https://example.com/apply) or jobs@example.com or https://x.example. Avoid this.',
        '',
        'Skills',
        '',
        '• TypeScript',
        '• Kind people',
        '',
        '3. third',
        '4. fourth',
        '',
      ].join('\n'),
    );
  });

  it('keeps markup-like text as it is, since plain text needs no escaping', () => {
    expect(markdownToText('<b>a & b</b>')).toBe('<b>a & b</b>\n');
  });

  it('is empty for an empty document', () => {
    expect(markdownToText('')).toBe('');
    expect(markdownToText('\r\n \n')).toBe('');
  });
});

describe('markdownTitle', () => {
  it.each([
    ['# Chief Technology Officer\n\nText', 'Chief Technology Officer'],
    ['Intro\n\n## Section\n\n# Later *title*', 'Later title'],
    ['  #  Spaced  #  ', 'Spaced'],
    ['\r\n# CRLF\r\n', 'CRLF'],
    ['## Only a section', null],
    ['#NoSpace', null],
    ['', null],
  ])('%j → %j', (md, title) => {
    expect(markdownTitle(md)).toBe(title);
  });
});
