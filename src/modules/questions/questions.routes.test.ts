import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, openTestApp, type TestApp } from '../../server/testing/test-app.ts';
import { createOrg, signedIn } from '../../server/testing/factories.ts';
import { expectOtherOrgIdsNotFound } from '../../server/testing/tenancy.ts';

let t: TestApp;
beforeAll(async () => {
  t = await openTestApp();
});
afterAll(async () => t?.close());

const body = {
  text: 'Tell me about a time you shut down a product line that still had vocal internal supporters.',
  type: 'behavioural',
  competencies: ['product-vision-strategy'],
  seniority: ['executive'],
  tags: ['portfolio', 'sunset'],
  probes: ['Who disagreed, and how did you bring them along?', 'What did the data say, and what did it not say?'],
  strongAnswer: ['Names the evidence and the trade-off, and what happened to customers.'],
  redFlags: ['Blames others for the decision.'],
  minutes: 12,
};

describe('question search', () => {
  it('searches the public library with full-text ranking, highlights and filters', async () => {
    const anon = new Browser(t.app);
    const res = await anon.get('/api/v1/library/questions?q=roadmap%20priorities&limit=5');
    expect(res.statusCode).toBe(200);
    const page = res.json();
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items[0].rank).toBeGreaterThan(0);
    expect(page.items.some((q: { highlight: string }) => q.highlight.includes('«'))).toBe(true);
    const ranks = page.items.map((q: { rank: number }) => q.rank);
    expect([...ranks].sort((a, b) => b - a)).toEqual(ranks);

    const filtered = (await anon.get('/api/v1/library/questions?competency=security-risk-management&type=behavioural&limit=50')).json();
    expect(filtered.items.length).toBeGreaterThanOrEqual(4);
    for (const q of filtered.items) {
      expect(q.competencies).toContain('security-risk-management');
      expect(q.type).toBe('behavioural');
    }
    const all = (await anon.get('/api/v1/library/questions?limit=100')).json();
    expect(all.items).toHaveLength(100);
    const next = (await anon.get(`/api/v1/library/questions?limit=100&cursor=${all.nextCursor}`)).json();
    expect(all.items.length + next.items.length).toBeGreaterThanOrEqual(150);
    expect((await anon.get('/api/v1/library/questions?type=riddle')).statusCode).toBe(400);
  });

  it('lints question text publicly', async () => {
    const res = await new Browser(t.app).post('/api/v1/questions/lint', { text: 'When did you graduate, and do you have kids?' });
    expect(res.json().findings.map((f: { category: string }) => f.category)).toEqual(['age', 'family_status']);
  });
});

describe('organization questions', () => {
  it('creates (risk lint first), finds in search, versions with 409 on stale saves, retires but keeps readable', async () => {
    const org = await createOrg(t.database.db, ['recruiter', 'interviewer']);
    const rec = await signedIn(t.app, org.members[0]!.email);

    const risky = await rec.post('/api/v1/questions', { ...body, text: 'Tell me about your family and whether your children would mind the travel.' });
    expect(risky.statusCode).toBe(400);
    expect(risky.json().details.issues[0].path).toBe('text');
    expect(risky.json().details.issues[0].message).toContain('family_status');
    const unknown = await rec.post('/api/v1/questions', { ...body, competencies: ['telepathy'] });
    expect(unknown.json().details.issues[0].path).toBe('competencies.0');

    const created = await rec.post('/api/v1/questions', body);
    expect(created.statusCode).toBe(201);
    const q = created.json();
    expect(q.ref).toMatch(/^org:/);
    expect(q).toMatchObject({ source: 'org', version: 1, retired: false, tags: ['portfolio', 'sunset'] });

    const found = (await rec.get('/api/v1/questions?q=vocal%20supporters&source=org')).json();
    expect(found.items.map((x: { ref: string }) => x.ref)).toEqual([q.ref]);
    expect((await rec.get('/api/v1/questions?tags=sunset')).json().items.map((x: { ref: string }) => x.ref)).toEqual([q.ref]);
    // the public library never shows organization questions
    expect((await new Browser(t.app).get('/api/v1/library/questions?q=vocal%20supporters')).json().items).toEqual([]);

    const v1 = q.currentVersion.id;
    const saved = await rec.request('PUT', `/api/v1/questions/${q.ref}`, { baseVersionId: v1, body: { ...body, minutes: 15 } });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ version: 2, minutes: 15 });
    const stale = await rec.request('PUT', `/api/v1/questions/${q.ref}`, { baseVersionId: v1, body });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().details.currentVersionId).toBe(saved.json().currentVersion.id);

    const retired = await rec.post(`/api/v1/questions/${q.ref}/retire`);
    expect(retired.json().retired).toBe(true);
    expect((await rec.get('/api/v1/questions?q=vocal%20supporters')).json().items).toEqual([]);
    expect((await rec.get('/api/v1/questions?q=vocal%20supporters&includeRetired=true')).json().items).toHaveLength(1);
    expect((await rec.get(`/api/v1/questions/${q.ref}`)).json()).toMatchObject({ retired: true, minutes: 15, currentVersion: { number: 2 } });
    expect((await rec.get('/api/v1/questions/library:product-vision-strategy-01')).json().currentVersion).toBeNull();

    const interviewer = await signedIn(t.app, org.members[1]!.email);
    expect((await interviewer.post('/api/v1/questions', body)).statusCode).toBe(403);
    expect((await interviewer.get(`/api/v1/questions/${q.ref}`)).statusCode).toBe(200);
  });

  it("answers 404 for another organization's questions", async () => {
    const a = await createOrg(t.database.db, ['owner']);
    const ownerA = await signedIn(t.app, a.members[0]!.email);
    const q = (await ownerA.post('/api/v1/questions', { ...body, text: 'Tell me about the secret acquisition plan you led for the board.' })).json();
    const b = await createOrg(t.database.db, ['owner']);
    const ownerB = await signedIn(t.app, b.members[0]!.email);
    await expectOtherOrgIdsNotFound(
      t.app,
      ownerB,
      '/api/v1/questions',
      [
        { method: 'GET', route: '/api/v1/questions/:ref', params: { ref: q.ref } },
        { method: 'PUT', route: '/api/v1/questions/:ref', params: { ref: q.ref }, body: { baseVersionId: q.currentVersion.id, body } },
        { method: 'POST', route: '/api/v1/questions/:ref/retire', params: { ref: q.ref } },
      ],
      ['secret acquisition'],
    );
    expect((await ownerB.get('/api/v1/questions?q=secret%20acquisition')).json().items).toEqual([]);
  });
});
