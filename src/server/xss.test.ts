/**
 * Stored XSS, end to end: script payloads go into every free-text field the API takes (candidate,
 * job, job description and company context, scorecard, rejection and decision, organization name),
 * then every server-rendered or exported surface that shows them is fetched and checked — HTML with a
 * real parser (happy-dom, scripts disabled), JSON-LD for break-out, Markdown for raw HTML, PDFs for
 * the literal text.
 */
import { Window } from 'happy-dom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractResumeText } from '../modules/candidates/resume.extract.ts';
import { exportGuide } from '../modules/plans/guide.render.ts';
import { guideFor } from '../modules/plans/plans.service.ts';
import { addCandidate, addInterview, hiringWorld, jdSettings, multipart } from './testing/hiring.ts';
import { Browser, openTestApp, type TestApp } from './testing/test-app.ts';

const PAYLOADS = {
  script: '<script>alert(1)</script>',
  attribute: '"><img src=x onerror=alert(1)>',
  breakout: '</script><script>alert(1)</script>',
  template: "{{constructor.constructor('alert(1)')()}}",
} as const;
const ALL = Object.values(PAYLOADS).join(' ');
const JS_URL = 'javascript:alert(1)';

let t: TestApp;
beforeAll(async () => {
  t = await openTestApp();
});
afterAll(async () => t?.close());

const window = new Window({ settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true, disableIframePageLoading: true } });

/**
 * Parses the page and asserts nothing in it came alive from a payload: no script but JSON-LD (which
 * must parse), no event-handler attribute, no <img>/<iframe>/<object>, no javascript: URL in a link,
 * form or source; the raw text holds no unescaped tag from a payload.
 */
function expectInertHtml(html: string, where: string): { text: string; jsonLd: unknown[] } {
  // (`onerror=alert` itself may appear escaped in text or inside a quoted value; the parser checks below catch a real attribute.)
  for (const raw of ['<script>alert', '<img src=x', '</script><script>']) expect(html, `${where}: raw ${raw}`).not.toContain(raw);
  const doc = new window.DOMParser().parseFromString(html, 'text/html');
  const jsonLd: unknown[] = [];
  for (const s of doc.querySelectorAll('script')) {
    expect(s.getAttribute('type'), `${where}: only JSON-LD scripts`).toBe('application/ld+json');
    jsonLd.push(JSON.parse(s.textContent ?? ''));
  }
  // The regex count equals the parser's: no script element was opened or closed early by a payload.
  expect(html.match(/<script\b/gi)?.length ?? 0, `${where}: script tags`).toBe(jsonLd.length);
  expect(html.match(/<\/script>/gi)?.length ?? 0, `${where}: script end tags`).toBe(jsonLd.length);
  expect(doc.querySelectorAll('img, iframe, object, embed, svg, math, base').length, `${where}: injected elements`).toBe(0);
  for (const el of doc.querySelectorAll('*')) {
    for (const attr of Array.from(el.attributes)) {
      expect(attr.name.startsWith('on'), `${where}: ${el.tagName} has ${attr.name}`).toBe(false);
      if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(attr.name)) {
        expect((attr.value ?? '').replace(/[\s\p{Cc}]/gu, '').toLowerCase().startsWith('javascript:'), `${where}: ${el.tagName} ${attr.name}=${attr.value}`).toBe(false);
      }
    }
  }
  return { text: doc.body.textContent ?? '', jsonLd };
}

/** Markdown that a renderer would turn into HTML: no raw tag from a payload (escaped as \< or &lt;), no javascript: link. */
function expectInertMarkdown(md: string, where: string) {
  expect(md, where).not.toMatch(/(?<!\\)<\/?(script|img)\b/i);
  expect(md, where).not.toMatch(/\]\(\s*javascript:/i);
  expect(md, where).not.toMatch(/(?<!\\)<javascript:/i);
}

const squash = (s: string) => s.replace(/\s+/g, '');

async function pdfText(body: Buffer) {
  expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  return squash(await extractResumeText(body, 'pdf'));
}

const anon = () => new Browser(t.app, '10.66.0.1');
const html = (b: Browser, url: string) => b.request('GET', url, undefined, { accept: 'text/html' });

describe('stored XSS: payloads in every free-text field, every rendered surface inert', () => {
  it('validates link fields: javascript: URLs are refused wherever a link is taken', async () => {
    const w = await hiringWorld(t);
    const create = await w.as.recruiter.post('/api/v1/candidates', { name: 'Link Test', email: 'link@example.test', links: [JS_URL] });
    expect(create.statusCode).toBe(400);
    expect(create.json().details.issues[0].path).toMatch(/^links/);
    const { candidateId } = await addCandidate(w.as.recruiter, w.job.id, 'Link Test', 'link2@example.test');
    for (const link of [JS_URL, 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)']) {
      const res = await w.as.recruiter.patch(`/api/v1/candidates/${candidateId}`, { links: [link] });
      expect(res.statusCode, link).toBe(400);
    }
    const csv = await w.as.recruiter.post(`/api/v1/jobs/${w.job.id}/candidates/import`, { csv: `name,email,links\nCsv Person,csv@example.test,${JS_URL}\n` });
    expect(csv.statusCode).toBe(400);
    expect(csv.json().details.errors[0].column).toBe('links');
  });

  it('keeps the careers pages, JSON-LD, job-description exports, decision brief, self-ID page and bias audit inert', async () => {
    const w = await hiringWorld(t);
    const orgName = `Acme ${PAYLOADS.attribute}`;
    await t.database.db.updateTable('organizations').set({ name: orgName }).where('id', '=', w.org.orgId).execute();
    const { slug } = await t.database.db.selectFrom('organizations').select('slug').where('id', '=', w.org.orgId).executeTakeFirstOrThrow();

    // Job title and a stage name.
    const jobTitle = `CTO ${PAYLOADS.script}`;
    const stageName = `Screen ${PAYLOADS.attribute}`;
    const stages = w.job.stages.map((s: { id: string; name: string }) => (s.id === 'screen' ? { ...s, name: stageName } : s));
    const patched = await w.as.recruiter.patch(`/api/v1/jobs/${w.job.id}`, { title: jobTitle, stages });
    expect(patched.statusCode, patched.body).toBe(200);

    // Candidate: every free-text field.
    const created = await w.as.recruiter.post('/api/v1/candidates', {
      name: `Eve ${PAYLOADS.attribute}`,
      email: 'eve.payload@example.test',
      jobId: w.job.id,
      phone: PAYLOADS.attribute.slice(0, 40),
      links: ['https://example.test/"><img src=x onerror=alert(1)>'],
      source: `Ref ${PAYLOADS.template}`.slice(0, 80),
      notes: ALL,
    });
    expect(created.statusCode, created.body).toBe(201);
    const candidate = created.json();
    const applicationId = candidate.applications[0].id as string;
    expect(candidate.notes).toBe(ALL); // stored as given; escaping is the renderer's job
    expect((await w.as.recruiter.post(`/api/v1/applications/${applicationId}/move`, { toStage: 'screen', note: PAYLOADS.script })).statusCode).toBe(200);

    // Job description: company context and Markdown with raw HTML and script links; then publish.
    const settings = {
      ...jdSettings,
      company: { ...jdSettings.company, name: `Harbourline ${PAYLOADS.breakout}`, mission: `Heal ${PAYLOADS.attribute}`, industry: PAYLOADS.template, reportsTo: `CEO ${PAYLOADS.script}`, benefits: [PAYLOADS.breakout] },
    };
    const gen = await w.as.recruiter.post(`/api/v1/jobs/${w.job.id}/description/generate`, { settings, baseVersionId: null });
    expect(gen.statusCode, gen.body).toBe(200);
    const markdown = [
      `# ${jobTitle}`,
      '',
      gen.json().body.markdown,
      '',
      PAYLOADS.script,
      '',
      `Text ${PAYLOADS.attribute} and ${PAYLOADS.breakout} and ${PAYLOADS.template}.`,
      '',
      `- [click me](${JS_URL}) and [data](data:text/html,<script>alert(1)</script>) and <${JS_URL}>`,
      `- [ok](https://example.test/?q="><img src=x onerror=alert(1)>)`,
      '',
      '<img src=x onerror=alert(1)>',
      '<a href="javascript:alert(1)">raw</a>',
    ].join('\n');
    const save = await w.as.recruiter.request('PUT', `/api/v1/jobs/${w.job.id}/description`, { baseVersionId: gen.json().currentVersion.id, title: jobTitle, markdown, note: PAYLOADS.script });
    expect(save.statusCode, save.body).toBe(200);
    const versionId = save.json().currentVersion.id as string;
    const pub = await w.as.hm.post(`/api/v1/jobs/${w.job.id}/description/publish`, { versionId });
    expect(pub.statusCode, pub.body).toBe(200);

    // Careers listing and job page (HTML + JSON-LD).
    const listing = await html(anon(), `/careers/${slug}`);
    expect(listing.statusCode).toBe(200);
    const l = expectInertHtml(listing.body, 'careers listing');
    expect(l.text).toContain(PAYLOADS.script); // shown as text
    const page = await html(anon(), `/careers/${slug}/jobs/${w.job.id}`);
    expect(page.statusCode).toBe(200);
    const p = expectInertHtml(page.body, 'careers job page');
    expect(p.text).toContain(PAYLOADS.attribute);
    expect(p.text).toContain(PAYLOADS.template);
    expect(p.jsonLd.length).toBeGreaterThan(0);
    const posting = p.jsonLd.find((x) => (x as { '@type'?: string })['@type'] === 'JobPosting') as { title: string; hiringOrganization: { name: string } } | undefined;
    expect(posting?.title).toBe(jobTitle); // the JSON-LD round-trips the payload as data
    expect(JSON.stringify(p.jsonLd)).toContain(PAYLOADS.breakout);
    // Links keep their text, never a script href.
    expect(page.body).toContain('click me');

    // The application form echoes what was typed when it has errors: still inert.
    const form = multipart({ name: `Mallory ${PAYLOADS.attribute}`, email: 'not-an-email', phone: PAYLOADS.attribute, link: JS_URL });
    const again = await t.app.inject({ method: 'POST', url: `/careers/${slug}/jobs/${w.job.id}/apply`, payload: form.payload, headers: { ...form.headers, accept: 'text/html', origin: 'http://localhost' }, remoteAddress: '10.66.0.2' });
    expect(again.statusCode).toBe(400);
    expectInertHtml(again.body, 'careers form with errors');

    // Job-description exports: HTML (parsed) and JSON-LD (data).
    const exportHtml = await w.as.recruiter.get(`/api/v1/jobs/${w.job.id}/description/export?format=html`);
    expect(exportHtml.headers['content-disposition']).toMatch(/^attachment;/);
    const e = expectInertHtml(exportHtml.body, 'description HTML export');
    expect(e.text).toContain(PAYLOADS.script);
    const ld = await w.as.recruiter.get(`/api/v1/jobs/${w.job.id}/description/export?format=jsonld`);
    expect(JSON.parse(ld.body).title).toBe(jobTitle);

    // Scorecard evidence and notes, a red flag, and a decision (reject: the rationale is the rejection note).
    const interviewId = await addInterview(w.as.recruiter, applicationId, 'panel', [w.ids.iv1]);
    const card = (await w.as.iv1.post(`/api/v1/interviews/${interviewId}/scorecard`)).json();
    const ratings = Object.fromEntries(card.form.competencies.map((c: { id: string }) => [c.id, { rating: 2, evidence: `Said ${ALL}` }]));
    const saved = await w.as.iv1.request('PUT', `/api/v1/scorecards/${card.id}`, { baseVersion: card.version, body: { ratings, recommendation: 'no', notes: ALL, redFlags: [], questionRatings: [] }, submit: true });
    expect(saved.statusCode, saved.body).toBe(200);
    const rationale = `Rejected: ${ALL}`;
    const decided = await w.as.hm.post(`/api/v1/applications/${applicationId}/decision`, { decision: 'reject', reasonCode: 'skills_gap', rationale });
    expect(decided.statusCode, decided.body).toBe(201);
    expect((await w.as.hm.get(`/api/v1/applications/${applicationId}`)).json().rejectionNote).toBe(rationale);

    const md = await w.as.hm.get(`/api/v1/applications/${applicationId}/decision-brief?format=md`);
    expect(md.statusCode).toBe(200);
    expect(md.headers['content-disposition']).toMatch(/^attachment;/);
    expectInertMarkdown(md.body, 'decision brief Markdown');
    expect(md.body).toContain('\\<script\\>alert(1)\\</script\\>'); // the text is there, escaped
    expect(md.body).toContain(`# Decision brief: Eve "\\>\\<img src=x onerror=alert(1)\\>`);
    const pdf = await w.as.hm.request('GET', `/api/v1/applications/${applicationId}/decision-brief?format=pdf`);
    const pdfTextContent = await pdfText(pdf.rawPayload);
    expect(pdfTextContent).toContain(squash(`Decision brief: Eve ${PAYLOADS.attribute}`));
    expect(pdfTextContent).toContain(squash(PAYLOADS.breakout));
    expect(pdfTextContent).toContain(squash(PAYLOADS.template));

    // The self-identification page (candidate and organization names).
    const link = await w.as.recruiter.post(`/api/v1/candidates/${candidate.id}/demographics/request`);
    expect(link.statusCode, link.body).toBe(201);
    const outbox = await t.database.db.selectFrom('outbox').selectAll().where('orgId', '=', w.org.orgId).where('kind', '=', 'demographics_request').execute();
    const path = /http:\/\/localhost(\/self-id\/[A-Za-z0-9_-]+)/.exec(outbox.at(-1)!.bodyText)![1]!;
    const selfId = await html(anon(), path);
    expect(selfId.statusCode).toBe(200);
    const s = expectInertHtml(selfId.body, 'self-ID page');
    expect(s.text).toContain(`Eve ${PAYLOADS.attribute}`);
    expect(s.text).toContain(orgName);

    // The bias-audit Markdown (stage names of the organization's jobs appear in it).
    const audit = await w.as.owner.get('/api/v1/analytics/bias-audit?format=md');
    expect(audit.statusCode, audit.body).toBe(200);
    expectInertMarkdown(audit.body, 'bias audit Markdown');
  });
});

/** Every string of a value with `tail` appended (ids and enum values are left alone). */
function poison<T>(value: T, tail: string, key = ''): T {
  if (typeof value === 'string') return (/^(id|roleId|kind|roundId|focus|competencies|recommendationScale)$/.test(key) ? value : `${value} ${tail}`) as T;
  if (Array.isArray(value)) return value.map((v) => poison(v, tail, key)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, poison(v, tail, k)])) as T;
  return value;
}

describe('interview guide exports with payloads in every plan and question text', () => {
  it('renders HTML inert, and the PDF holds the text literally', async () => {
    const guide = poison(guideFor('cto'), ALL);
    const out = await exportGuide(guide, 'html');
    const { text } = expectInertHtml(String(out.body), 'guide HTML');
    expect(text).toContain(`${guide.plan.rounds[0]!.questions[0]!.text}`);
    const md = await exportGuide(guide, 'md');
    expect(String(md.body)).toContain(PAYLOADS.template); // Markdown of library content: plain text, not checked for HTML
    const pdf = await exportGuide(guide, 'pdf');
    expect(await pdfText(pdf.body as Buffer)).toContain(squash(`${guide.title}`));
  });
});
