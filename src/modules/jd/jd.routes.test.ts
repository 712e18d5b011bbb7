import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateJobPosting } from '../../core/generation/jobposting.ts';
import { Browser, openTestApp, type TestApp } from '../../server/testing/test-app.ts';
import { fakeLlm } from '../../server/testing/fake-llm.ts';
import { hiringWorld, jdSettings, multipart } from '../../server/testing/hiring.ts';

let t: TestApp;
beforeAll(async () => {
  t = await openTestApp();
});
afterAll(async () => t?.close());

type World = Awaited<ReturnType<typeof hiringWorld>>;

async function generate(w: World, baseVersionId: string | null = null, settings: unknown = jdSettings) {
  const res = await w.as.recruiter.post(`/api/v1/jobs/${w.job.id}/description/generate`, { settings, baseVersionId });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** The JSON-LD blocks of an HTML page, parsed. */
function jsonLd(html: string): Record<string, unknown>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>);
}

async function orgSlug(w: World) {
  const r = await t.database.db.selectFrom('organizations').select('slug').where('id', '=', w.org.orgId).executeTakeFirstOrThrow();
  return r.slug;
}

async function publish(w: World, versionId: string, as: Browser = w.as.hm, extra: Record<string, unknown> = {}) {
  return as.post(`/api/v1/jobs/${w.job.id}/description/publish`, { versionId, ...extra });
}

describe('job descriptions of a job', () => {
  it('generates from the role, the company context and the plan; the same input gives the same text', async () => {
    const w = await hiringWorld(t);
    const before = (await w.as.recruiter.get(`/api/v1/jobs/${w.job.id}/description`)).json();
    expect(before.exists).toBe(false);
    expect(before.defaults.company.remotePolicy).toBe('hybrid');
    expect(before.defaults.company.locations).toEqual(['Berlin']);
    expect(before.competencies.map((c: { id: string }) => c.id)).toContain('security-risk-management');

    const v1 = await generate(w);
    expect(v1.exists).toBe(true);
    expect(v1.currentVersion.number).toBe(1);
    expect(v1.currentVersion.note).toBe('Generated (warm, standard)');
    expect(v1.body.title).toBe(w.job.title);
    expect(v1.body.settings).toEqual(jdSettings);
    const md: string = v1.body.markdown;
    expect(md.startsWith(`# ${w.job.title}\n`)).toBe(true);
    expect(md).toContain('Harbourline');
    expect(md).toContain('€160,000');
    // "How we hire" summarises the job's plan: its rounds by name.
    expect(md).toMatch(/Recruiter screen/i);
    expect(v1.analysis.readability.words).toBeGreaterThan(200);
    expect(v1.defaults).toEqual(jdSettings);

    const v2 = await generate(w, v1.currentVersion.id);
    expect(v2.currentVersion.number).toBe(2);
    expect(v2.body.markdown).toBe(md);
    const diff = (await w.as.recruiter.get(`/api/v1/jobs/${w.job.id}/description/diff?from=${v1.currentVersion.id}&to=${v2.currentVersion.id}`)).json();
    expect(diff.lines.every((l: { kind: string }) => l.kind === 'same')).toBe(true);

    const formal = await generate(w, v2.currentVersion.id, { ...jdSettings, tone: 'formal' });
    expect(formal.body.markdown).not.toBe(md);
    expect(formal.currentVersion.note).toBe('Generated (formal, standard)');
  });

  it('names the bad field of the company context and saves nothing', async () => {
    const w = await hiringWorld(t);
    const res = await w.as.recruiter.post(`/api/v1/jobs/${w.job.id}/description/generate`, {
      settings: { ...jdSettings, company: { ...jdSettings.company, emphasis: ['not-a-competency'], salary: { min: 10, max: 5, currency: 'EUR', period: 'year' } } },
      baseVersionId: null,
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json().details.issues.map((i: { path: string }) => i.path);
    expect(paths).toContain('settings.company.salary.min');
    const emphasis = await w.as.recruiter.post(`/api/v1/jobs/${w.job.id}/description/generate`, {
      settings: { ...jdSettings, company: { ...jdSettings.company, emphasis: ['not-a-competency'] } },
      baseVersionId: null,
    });
    expect(emphasis.statusCode).toBe(400);
    expect(emphasis.json().details.issues).toEqual([{ path: 'settings.company.emphasis.0', message: '"not-a-competency" is not one of the role\'s competencies' }]);
    expect((await w.as.recruiter.get(`/api/v1/jobs/${w.job.id}/description`)).json().exists).toBe(false);
  });

  it('saves edits as versions with a stale-base conflict, diff and restore', async () => {
    const w = await hiringWorld(t);
    const v1 = await generate(w);
    const edited = `${v1.body.markdown}\nWe want a competitive, aggressive rockstar.\n`;
    const save = await w.as.hm.request('PUT', `/api/v1/jobs/${w.job.id}/description`, { baseVersionId: v1.currentVersion.id, title: v1.body.title, markdown: edited, note: 'Added a line' });
    expect(save.statusCode, save.body).toBe(200);
    const v2 = save.json();
    expect(v2.currentVersion.number).toBe(2);
    expect(v2.body.settings).toEqual(jdSettings);
    const kinds = v2.analysis.findings.map((f: { kind: string; text: string }) => `${f.kind}:${f.text}`);
    expect(kinds).toEqual(expect.arrayContaining(['masculine-coded:competitive', 'masculine-coded:aggressive', 'cliche:rockstar']));
    const offsetsOk = v2.analysis.findings.every((f: { start: number; end: number; text: string }) => edited.slice(f.start, f.end) === f.text);
    expect(offsetsOk).toBe(true);

    const stale = await w.as.recruiter.request('PUT', `/api/v1/jobs/${w.job.id}/description`, { baseVersionId: v1.currentVersion.id, title: 'Other', markdown: '# Other' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().details.currentVersionId).toBe(v2.currentVersion.id);
    const firstAgain = await w.as.recruiter.request('PUT', `/api/v1/jobs/${w.job.id}/description`, { baseVersionId: null, title: 'Other', markdown: '# Other' });
    expect(firstAgain.statusCode).toBe(409);

    const diff = (await w.as.recruiter.get(`/api/v1/jobs/${w.job.id}/description/diff?from=${v1.currentVersion.id}&to=${v2.currentVersion.id}`)).json();
    expect(diff.lines.filter((l: { kind: string }) => l.kind === 'added').map((l: { text: string }) => l.text)).toEqual(['', 'We want a competitive, aggressive rockstar.']);
    expect(diff.lines.filter((l: { kind: string }) => l.kind === 'removed')).toEqual([]);

    const restored = (await w.as.recruiter.post(`/api/v1/jobs/${w.job.id}/description/restore`, { versionId: v1.currentVersion.id, baseVersionId: v2.currentVersion.id })).json();
    expect(restored.currentVersion.number).toBe(3);
    expect(restored.currentVersion.restoredFromId).toBe(v1.currentVersion.id);
    expect(restored.body.markdown).toBe(v1.body.markdown);
    const versions = (await w.as.iv1.get(`/api/v1/jobs/${w.job.id}/description/versions`));
    // Interviewers only see jobs they interview for.
    expect(versions.statusCode).toBe(404);
    const list = (await w.as.hm.get(`/api/v1/jobs/${w.job.id}/description/versions`)).json();
    expect(list.items.map((v: { number: number }) => v.number)).toEqual([3, 2, 1]);
    const one = (await w.as.hm.get(`/api/v1/jobs/${w.job.id}/description/versions/${v2.currentVersion.id}`)).json();
    expect(one.body.markdown).toBe(edited);
    expect(one.analysis.gender.masculine.map((m: { word: string }) => m.word)).toEqual(expect.arrayContaining(['competitive', 'aggressive']));
  });

  it('lets only job managers write, and only approvers publish', async () => {
    const w = await hiringWorld(t);
    const interviewerGen = await w.as.iv1.post(`/api/v1/jobs/${w.job.id}/description/generate`, { settings: jdSettings, baseVersionId: null });
    expect(interviewerGen.statusCode).toBe(403);
    const v1 = await generate(w);
    expect(v1.canEdit).toBe(true);
    expect(v1.canApprove).toBe(false); // recruiters are not approvers by default
    const denied = await publish(w, v1.currentVersion.id, w.as.recruiter);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().message).toMatch(/approver/);

    const hmView = (await w.as.hm.get(`/api/v1/jobs/${w.job.id}/description`)).json();
    expect(hmView.canApprove).toBe(true); // the job's hiring manager
    const past = await publish(w, v1.currentVersion.id, w.as.hm, { validThrough: '2020-01-01' });
    expect(past.statusCode).toBe(400);
    expect(past.json().details.issues[0].path).toBe('validThrough');

    const ok = await publish(w, v1.currentVersion.id, w.as.hm, { validThrough: '2099-12-31', employmentType: 'FULL_TIME' });
    expect(ok.statusCode, ok.body).toBe(200);
    const pub = ok.json().publication;
    expect(pub).toMatchObject({ versionId: v1.currentVersion.id, versionNumber: 1, validThrough: '2099-12-31', employmentType: 'FULL_TIME' });
    expect(pub.url).toBe(`http://localhost/careers/${await orgSlug(w)}/jobs/${w.job.id}`);

    // The owner lets recruiters publish too.
    const settings = (await w.as.owner.get('/api/v1/hiring/settings')).json();
    expect(settings.approverRoles).toEqual(['owner', 'admin']);
    const put = await w.as.owner.request('PUT', '/api/v1/hiring/settings', { ...settings, approverRoles: ['owner', 'admin', 'recruiter'] });
    expect(put.statusCode, put.body).toBe(200);
    expect((await publish(w, v1.currentVersion.id, w.as.recruiter)).statusCode).toBe(200);
    const off = await w.as.recruiter.post(`/api/v1/jobs/${w.job.id}/description/unpublish`);
    expect(off.json().publication).toBeNull();
  });

  it('exports Markdown, HTML, text and a valid JobPosting', async () => {
    const w = await hiringWorld(t);
    const v1 = await generate(w);
    const base = `/api/v1/jobs/${w.job.id}/description/export?format=`;
    const md = await w.as.recruiter.get(`${base}md`);
    expect(md.headers['content-type']).toContain('text/markdown');
    expect(md.body).toBe(v1.body.markdown);
    const html = await w.as.recruiter.get(`${base}html`);
    expect(html.body).toContain('<article class="job-description"');
    expect(html.body).toContain(`<h1>${w.job.title}</h1>`);
    const text = await w.as.recruiter.get(`${base}text`);
    expect(text.body).not.toContain('## ');
    expect(text.body).toContain('Harbourline');
    const ld = await w.as.recruiter.get(`${base}jsonld`);
    const posting = ld.json();
    expect(validateJobPosting(posting)).toEqual({ errors: [], warnings: expect.any(Array) });
    expect(posting).toMatchObject({
      '@type': 'JobPosting',
      title: w.job.title,
      employmentType: 'FULL_TIME',
      directApply: true,
      occupationalCategory: '11-3021.00',
      hiringOrganization: { '@type': 'Organization', name: 'Harbourline' },
      baseSalary: { '@type': 'MonetaryAmount', currency: 'EUR', value: { '@type': 'QuantitativeValue', minValue: 160000, maxValue: 195000, unitText: 'YEAR' } },
    });
    expect(String(posting.description)).not.toContain(`<h1>`);
  });
});

describe('the overview', () => {
  it("lists the jobs you see with their description's version, score and publication", async () => {
    const w = await hiringWorld(t);
    const empty = (await w.as.hm.get('/api/v1/job-descriptions')).json();
    expect(empty.items.map((i: { jobId: string; current: unknown }) => [i.jobId, i.current])).toEqual([[w.job.id, null]]);
    const v1 = await generate(w);
    await publish(w, v1.currentVersion.id);
    const list = (await w.as.hm.get('/api/v1/job-descriptions')).json();
    expect(list.items[0]).toMatchObject({ jobId: w.job.id, current: { versionNumber: 1, score: v1.analysis.score, genderVerdict: v1.analysis.gender.verdict }, published: { versionNumber: 1 } });
    expect(list.careersUrl).toBe(`http://localhost/careers/${await orgSlug(w)}`);
    // Interviewers who interview for no job see none.
    expect((await w.as.iv2.get('/api/v1/job-descriptions')).json().items).toEqual([]);
  });
});

describe('the careers site', () => {
  it('lists published open jobs with JobPosting JSON-LD and takes applications', async () => {
    const w = await hiringWorld(t);
    const slug = await orgSlug(w);
    const anon = new Browser(t.app, '10.9.0.1');
    expect((await anon.get(`/api/v1/careers/${slug}`)).json().jobs).toEqual([]);
    const v1 = await generate(w);
    expect((await anon.get(`/api/v1/careers/${slug}`)).json().jobs).toEqual([]); // not published yet
    expect((await anon.request('GET', `/careers/${slug}/jobs/${w.job.id}`, undefined, { accept: 'text/html' })).statusCode).toBe(404);
    expect((await publish(w, v1.currentVersion.id)).statusCode).toBe(200);

    const api = (await anon.get(`/api/v1/careers/${slug}`)).json();
    expect(api.jobs).toHaveLength(1);
    expect(validateJobPosting(api.jobs[0].jobPosting).errors).toEqual([]);

    const listing = await anon.request('GET', `/careers/${slug}`, undefined, { accept: 'text/html' });
    expect(listing.statusCode).toBe(200);
    expect(listing.headers['content-security-policy']).toContain("default-src 'none'");
    expect(listing.body).toContain(`href="/careers/${slug}/jobs/${w.job.id}"`);
    expect(jsonLd(listing.body)).toHaveLength(1);

    const page = await anon.request('GET', `/careers/${slug}/jobs/${w.job.id}`, undefined, { accept: 'text/html' });
    expect(page.statusCode).toBe(200);
    const [posting] = jsonLd(page.body);
    expect(validateJobPosting(posting).errors).toEqual([]);
    expect(posting!.title).toBe(w.job.title);
    expect(page.body).toContain('name="website"'); // the honeypot

    const url = `/careers/${slug}/jobs/${w.job.id}/apply`;
    const send = (fields: Record<string, string>, files: Parameters<typeof multipart>[1] = [], ip = '10.9.0.1') => {
      const m = multipart(fields, files);
      return t.app.inject({ method: 'POST', url, remoteAddress: ip, headers: { host: 'localhost', ...m.headers }, payload: m.payload });
    };
    const bad = await send({ name: 'Ada Lovelace', email: 'not-an-email', consent: 'yes' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id="email-error"');
    expect(bad.body).toContain('value="Ada Lovelace"'); // nothing typed is lost

    const ok = await send({ name: 'Ada Lovelace', email: 'Ada@Example.test', phone: '+44 20 7946 0000', link: 'https://example.test/ada', consent: 'yes', website: '' }, [
      { field: 'resume', name: 'ada.txt', type: 'text/plain', data: Buffer.from('Ada Lovelace — analytical engines, twenty years of leading engineering teams.') },
    ]);
    expect(ok.statusCode, ok.body).toBe(303);
    // A new candidate is offered a fresh, optional self-identification link on the thank-you page.
    expect(ok.headers.location).toMatch(new RegExp(`^/careers/${slug}/jobs/${w.job.id}\\?applied=1&selfid=[A-Za-z0-9_-]{40,}#apply$`));
    const thanks = await anon.request('GET', ok.headers.location!.replace('#apply', ''), undefined, { accept: 'text/html' });
    expect(thanks.body).toContain('your application was received');
    expect(thanks.body).toContain('Tell us about yourself (optional, voluntary)</a>');
    const selfId = /<a href="(\/self-id\/[A-Za-z0-9_-]+)">/.exec(thanks.body)![1]!;
    const selfIdPage = await anon.request('GET', selfId, undefined, { accept: 'text/html' });
    expect(selfIdPage.statusCode).toBe(200);
    expect(selfIdPage.body).toContain('Hello Ada Lovelace.');
    const answered = await t.app.inject({
      method: 'POST',
      url: selfId,
      remoteAddress: '10.9.0.1',
      headers: { host: 'localhost', 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'sex=female&raceEthnicity=declined&ageBand=40+and+over&consent=yes',
    });
    expect(answered.statusCode).toBe(303);
    // Without the thank-you flag, or with a malformed token, no link is shown.
    expect((await anon.request('GET', `/careers/${slug}/jobs/${w.job.id}?selfid=${selfId.slice(9)}`, undefined, { accept: 'text/html' })).body).not.toContain('/self-id/');
    expect((await anon.request('GET', `/careers/${slug}/jobs/${w.job.id}?applied=1&selfid=%22%3E%3Cscript%3E`, undefined, { accept: 'text/html' })).body).not.toContain('/self-id/');

    const apps = (await w.as.recruiter.get(`/api/v1/jobs/${w.job.id}/applications`)).json().items;
    const ada = apps.find((a: { candidateName: string }) => a.candidateName === 'Ada Lovelace');
    expect(ada).toMatchObject({ candidateEmail: 'ada@example.test', stage: w.job.stages[0].id, status: 'active' });
    const cand = (await w.as.recruiter.get(`/api/v1/candidates/${ada.candidateId}`)).json();
    expect(cand).toMatchObject({ source: 'Careers page', phone: '+44 20 7946 0000', links: ['https://example.test/ada'] });
    expect(cand.resume).toMatchObject({ name: 'ada.txt', type: 'text/plain' });
    expect(cand.resume.textLength).toBeGreaterThan(40);
    const stored = await t.database.db.selectFrom('demographics').selectAll().where('candidateId', '=', ada.candidateId).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ sex: 'female', raceEthnicity: 'declined', ageBand: '40 and over', source: 'form' });

    // Applying twice changes nothing and answers the same.
    const again = await send({ name: 'Ada Lovelace', email: 'ada@example.test', consent: 'yes' });
    expect(again.statusCode).toBe(303);
    // A known email is never offered a link (whoever applied could otherwise answer for that person).
    expect(again.headers.location).toBe(`/careers/${slug}/jobs/${w.job.id}?applied=1#apply`);
    const after = (await w.as.recruiter.get(`/api/v1/jobs/${w.job.id}/applications`)).json().items;
    expect(after.filter((a: { candidateName: string }) => a.candidateName === 'Ada Lovelace')).toHaveLength(1);

    // A bot filling the honeypot is told "thanks" and nothing is stored.
    const bot = await send({ name: 'Spam Bot', email: 'bot@example.test', consent: 'yes', website: 'https://spam.example' }, [], '10.9.0.2');
    expect(bot.statusCode).toBe(303);
    expect(bot.headers.location).toBe(`/careers/${slug}/jobs/${w.job.id}?applied=1#apply`);
    const final = (await w.as.recruiter.get(`/api/v1/jobs/${w.job.id}/applications`)).json().items;
    expect(final.map((a: { candidateName: string }) => a.candidateName)).not.toContain('Spam Bot');

    // A file that is not a résumé is refused with the field named, and nothing is stored.
    const exe = await send({ name: 'Grace Hopper', email: 'grace@example.test', consent: 'yes' }, [{ field: 'resume', name: 'grace.exe', type: 'application/octet-stream', data: Buffer.from([0x4d, 0x5a, 0, 1, 2, 3]) }], '10.9.0.3');
    expect(exe.statusCode).toBe(400);
    expect(exe.body).toContain('id="resume-error"');
    const none = (await w.as.recruiter.get(`/api/v1/candidates?q=grace`)).json().items;
    expect(none).toEqual([]);
  });

  it('limits applications per address and refuses résumés over 5 MB', async () => {
    const limited = await openTestApp({ env: { RATE_LIMIT_APPLY_IP: '2' } });
    try {
      const w = await hiringWorld(limited);
      const v1 = (await w.as.recruiter.post(`/api/v1/jobs/${w.job.id}/description/generate`, { settings: jdSettings, baseVersionId: null })).json();
      expect((await w.as.hm.post(`/api/v1/jobs/${w.job.id}/description/publish`, { versionId: v1.currentVersion.id })).statusCode).toBe(200);
      const slug = (await limited.database.db.selectFrom('organizations').select('slug').where('id', '=', w.org.orgId).executeTakeFirstOrThrow()).slug;
      const url = `/careers/${slug}/jobs/${w.job.id}/apply`;
      const send = (fields: Record<string, string>, files: Parameters<typeof multipart>[1] = []) => {
        const m = multipart(fields, files);
        return limited.app.inject({ method: 'POST', url, remoteAddress: '10.8.0.1', headers: { host: 'localhost', ...m.headers }, payload: m.payload });
      };
      const big = await send({ name: 'Big File', email: 'big@example.test', consent: 'yes' }, [{ field: 'resume', name: 'big.txt', type: 'text/plain', data: Buffer.alloc(5 * 1024 * 1024 + 10, 0x61) }]);
      expect(big.statusCode).toBe(413);
      expect(big.body).toContain('id="resume-error"');
      expect((await send({ name: 'One Person', email: 'one@example.test', consent: 'yes' })).statusCode).toBe(303);
      const third = await send({ name: 'Three Person', email: 'three@example.test', consent: 'yes' });
      expect(third.statusCode).toBe(429);
      expect(third.headers['retry-after']).toBeDefined();
      expect(third.body).toContain('Too many applications');
    } finally {
      await limited.close();
    }
  });

  it('answers 404 pages for unknown organizations and jobs', async () => {
    const anon = new Browser(t.app);
    expect((await anon.request('GET', '/careers/no-such-org', undefined, { accept: 'text/html' })).statusCode).toBe(404);
    expect((await anon.get('/api/v1/careers/no-such-org')).statusCode).toBe(404);
    const w = await hiringWorld(t);
    const slug = await orgSlug(w);
    expect((await anon.request('GET', `/careers/${slug}/jobs/not-a-uuid`, undefined, { accept: 'text/html' })).statusCode).toBe(404);
  });
});

describe('language-model polish', () => {
  async function withModel(reply: Parameters<typeof fakeLlm>[0], check: (r: { status: string; markdown: string; notice: string | null; missing: string[] }, draft: string) => void) {
    const model = await fakeLlm(reply);
    const app = await openTestApp({ env: { LLM_BASE_URL: model.url, LLM_MODEL: 'local-test', LLM_API_KEY: 'sk-test', LLM_TIMEOUT_MS: '300' } });
    try {
      const w = await hiringWorld(app);
      const v1 = (await w.as.recruiter.post(`/api/v1/jobs/${w.job.id}/description/generate`, { settings: jdSettings, baseVersionId: null })).json();
      expect(v1.llmConfigured).toBe(true);
      const res = await w.as.recruiter.post(`/api/v1/jobs/${w.job.id}/description/rewrite`, { versionId: v1.currentVersion.id });
      expect(res.statusCode, res.body).toBe(200);
      check(res.json(), v1.body.markdown);
      expect(model.seen[0]).toMatchObject({ model: 'local-test', auth: 'Bearer sk-test' });
    } finally {
      await app.close();
      await model.close();
    }
  }

  it('keeps a polish that preserves the facts', async () => {
    await withModel(
      (draft) => ({ content: '```markdown\n' + draft.replace(/\bYou will\b/g, 'You’ll') + '\n```' }),
      (r, draft) => {
        expect(r.status).toBe('rewritten');
        expect(r.notice).toBeNull();
        expect(r.markdown.startsWith('# ')).toBe(true);
        expect(r.markdown).not.toContain('```');
        expect(r.markdown.trim()).toBe(draft.replace(/\bYou will\b/g, 'You’ll').trim());
      },
    );
  });

  it('falls back to the draft when the polish drops the salary', async () => {
    await withModel(
      (draft) => ({ content: draft.replace(/€160,000[^\n]*?€195,000/g, 'a competitive salary') }),
      (r, draft) => {
        expect(r.status).toBe('fallback');
        expect(r.markdown).toBe(draft);
        expect(r.missing.some((m) => m.startsWith('salary'))).toBe(true);
        expect(r.notice).toMatch(/draft stands/);
      },
    );
  });

  it('falls back on a timeout and on an HTTP error', async () => {
    await withModel(
      (draft) => ({ content: draft, delayMs: 1500 }),
      (r, draft) => {
        expect(r.status).toBe('fallback');
        expect(r.markdown).toBe(draft);
        expect(r.notice).toMatch(/did not answer within 0.3 s/);
      },
    );
    await withModel(
      () => ({ status: 503 }),
      (r) => {
        expect(r.status).toBe('fallback');
        expect(r.notice).toMatch(/HTTP 503: model overloaded/);
      },
    );
  });

  it('says so when no model is configured', async () => {
    const w = await hiringWorld(t);
    const v1 = await generate(w);
    expect(v1.llmConfigured).toBe(false);
    const r = (await w.as.recruiter.post(`/api/v1/jobs/${w.job.id}/description/rewrite`, { versionId: v1.currentVersion.id })).json();
    expect(r.status).toBe('unconfigured');
    expect(r.markdown).toBe(v1.body.markdown);
    expect(r.notice).toMatch(/LLM_BASE_URL/);
  });
});

describe('stateless lint and generation', () => {
  it('lints text and generates from a library role', async () => {
    const w = await hiringWorld(t);
    const lint = (await w.as.iv1.post('/api/v1/jd/lint', { text: 'We need a ninja chairman.\nLocation: New York City', seniority: 'senior' })).json();
    expect(lint.findings.map((f: { kind: string; text: string }) => `${f.kind}:${f.text}`)).toEqual(expect.arrayContaining(['cliche:ninja', 'gendered-term:chairman']));
    expect(lint.findings.find((f: { text: string }) => f.text === 'chairman').replacement).toBe('chair');
    expect(lint.findings.some((f: { kind: string }) => f.kind === 'missing-pay-range')).toBe(true);
    const cpoSettings = { ...jdSettings, company: { ...jdSettings.company, emphasis: [] } };
    const gen = (await w.as.iv1.post('/api/v1/jd/generate', { roleId: 'cpo', settings: cpoSettings })).json();
    expect(gen.title).toBe('Chief Product Officer');
    expect(gen.html).toContain('<h1>Chief Product Officer</h1>');
    const again = (await w.as.iv1.post('/api/v1/jd/generate', { roleId: 'cpo', settings: cpoSettings })).json();
    expect(again.markdown).toBe(gen.markdown);
  });
});
