import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, openTestApp, type TestApp } from '../../server/testing/test-app.ts';
import { createOrg, signedIn } from '../../server/testing/factories.ts';
import { expectOtherOrgIdsNotFound } from '../../server/testing/tenancy.ts';

let t: TestApp;
beforeAll(async () => {
  t = await openTestApp();
});
afterAll(async () => t?.close());

describe('library (public)', () => {
  it('lists roles and serves a profile with its weighted competencies, without sign-in', async () => {
    const anon = new Browser(t.app);
    const list = (await anon.get('/api/v1/library/roles')).json();
    expect(list.items.map((r: { id: string }) => r.id)).toContain('cpo');
    expect(list.nextCursor).toBeNull();
    const cto = (await anon.get('/api/v1/library/roles/cto')).json();
    expect(cto.profile.title).toBe('Chief Technology Officer');
    expect(cto.competencies[0].weight).toBe(5);
    expect((await anon.get('/api/v1/library/roles/chief-wizard')).statusCode).toBe(404);
    expect((await anon.get('/api/v1/library/roles/Bad%20Id')).statusCode).toBe(400);
    const comps = (await anon.get('/api/v1/library/competencies?limit=5')).json();
    expect(comps.items).toHaveLength(5);
    expect(typeof comps.nextCursor).toBe('string');
    const next = (await anon.get(`/api/v1/library/competencies?limit=50&cursor=${comps.nextCursor}`)).json();
    expect(comps.items.length + next.items.length).toBeGreaterThanOrEqual(15);
  });

  it('compares 2–3 roles and rejects bad requests', async () => {
    const anon = new Browser(t.app);
    const res = await anon.get('/api/v1/library/compare?roles=cpo,cto');
    expect(res.statusCode).toBe(200);
    const { comparison, markdown } = res.json();
    expect(comparison.roles.map((r: { id: string }) => r.id)).toEqual(['cpo', 'cto']);
    expect(comparison.similarity[0].overall).toBeGreaterThan(0);
    expect(comparison.similarity[0].overall).toBeLessThan(1);
    expect(comparison.summary).toMatch(/^The CPO faces the market/);
    expect(markdown).toContain('# Chief Product Officer vs Chief Technology Officer');
    expect((await anon.get('/api/v1/library/compare?roles=cpo,cto,cpto')).json().comparison.similarity).toHaveLength(3);
    expect((await anon.get('/api/v1/library/compare?roles=cpo')).statusCode).toBe(400);
    expect((await anon.get('/api/v1/library/compare?roles=cpo,cto,cio,cdo')).statusCode).toBe(400);
    expect((await anon.get('/api/v1/library/compare?roles=cpo,cpo')).statusCode).toBe(400);
    const unknown = await anon.get('/api/v1/library/compare?roles=cpo,wizard');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toContain('wizard');
  });

  it('runs both advisors over HTTP', async () => {
    const anon = new Browser(t.app);
    const q = (await anon.get('/api/v1/advisor/organization')).json();
    const answers = Object.fromEntries(q.questions.filter((x: { kind: string }) => x.kind === 'single').map((x: { id: string; options: { id: string }[] }) => [x.id, x.options[0]!.id]));
    const org = await anon.post('/api/v1/advisor/organization', { answers });
    expect(org.statusCode).toBe(200);
    expect(org.json().ranking).toHaveLength(q.outcomes.length);
    const bad = await anon.post('/api/v1/advisor/organization', { answers: { stage: 'x' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues.map((i: { path: string }) => i.path)).toContain('answers.stage');
    const me = await anon.post('/api/v1/advisor/individual', {
      answers: { currentRole: 'staff-engineer', yearsOfExperience: 12, enjoys: -2, peopleLeadership: 3, ratings: { 'technology-strategy-architecture': 4, 'infrastructure-operations': 4 } },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json().fits).toHaveLength(9);
    expect((await anon.get('/api/v1/advisor/individual')).json().competencies.length).toBeGreaterThanOrEqual(15);
  });
});

describe('organization roles (versioned)', () => {
  it('clones, saves, refuses a stale save with 409 and the current version, lists history, diffs and restores', async () => {
    const org = await createOrg(t.database.db, ['hiring_manager', 'interviewer']);
    const hm = await signedIn(t.app, org.members[0]!.email);
    const created = await hm.post('/api/v1/roles', { sourceRoleId: 'cto' });
    expect(created.statusCode).toBe(201);
    const role = created.json();
    expect(role).toMatchObject({ sourceRoleId: 'cto', title: 'Chief Technology Officer', currentVersion: { number: 1 } });
    expect(role.body.competencyWeights['technology-strategy-architecture']).toBe(5);
    const v1 = role.currentVersion.id;

    const edited = structuredClone(role.body);
    edited.profile.title = 'CTO (platform)';
    edited.competencyWeights['security-risk-management'] = 5;
    const saved = await hm.request('PUT', `/api/v1/roles/${role.id}`, { baseVersionId: v1, body: edited, note: 'Security matters more here' });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ title: 'CTO (platform)', currentVersion: { number: 2, note: 'Security matters more here' } });
    const v2 = saved.json().currentVersion.id;

    const stale = await hm.request('PUT', `/api/v1/roles/${role.id}`, { baseVersionId: v1, body: role.body });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'conflict', details: { currentVersionId: v2 } });
    expect((await hm.get(`/api/v1/roles/${role.id}`)).json().title).toBe('CTO (platform)');

    const invalid = structuredClone(edited);
    invalid.competencyWeights['mind-reading'] = 3;
    invalid.profile.misconceptions = [];
    const bad = await hm.request('PUT', `/api/v1/roles/${role.id}`, { baseVersionId: v2, body: invalid });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues.map((i: { path: string }) => i.path)).toContain('body.profile.misconceptions');

    const history = (await hm.get(`/api/v1/roles/${role.id}/versions`)).json();
    expect(history.items.map((v: { number: number }) => v.number)).toEqual([2, 1]);
    const diff = (await hm.get(`/api/v1/roles/${role.id}/diff?from=${v1}&to=${v2}`)).json();
    expect(diff.changes).toEqual(
      expect.arrayContaining([
        { path: 'competencyWeights.security-risk-management', kind: 'changed', before: 4, after: 5 },
        { path: 'profile.title', kind: 'changed', before: 'Chief Technology Officer', after: 'CTO (platform)' },
      ]),
    );
    const old = (await hm.get(`/api/v1/roles/${role.id}/versions/${v1}`)).json();
    expect(old.body.profile.title).toBe('Chief Technology Officer');

    const restored = await hm.post(`/api/v1/roles/${role.id}/restore`, { versionId: v1, baseVersionId: v2 });
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toMatchObject({ title: 'Chief Technology Officer', currentVersion: { number: 3, restoredFromId: v1, note: 'Restored version 1' } });
    const staleRestore = await hm.post(`/api/v1/roles/${role.id}/restore`, { versionId: v1, baseVersionId: v2 });
    expect(staleRestore.statusCode).toBe(409);

    // interviewers read but do not write
    const interviewer = await signedIn(t.app, org.members[1]!.email);
    expect((await interviewer.get(`/api/v1/roles/${role.id}`)).statusCode).toBe(200);
    expect((await interviewer.post('/api/v1/roles', { sourceRoleId: 'cpo' })).statusCode).toBe(403);
    expect((await interviewer.get('/api/v1/roles')).json().items).toHaveLength(1);
    expect((await hm.post('/api/v1/roles', { sourceRoleId: 'wizard' })).statusCode).toBe(404);
  });

  it("answers 404 for another organization's roles and versions", async () => {
    const a = await createOrg(t.database.db, ['owner']);
    const ownerA = await signedIn(t.app, a.members[0]!.email);
    const role = (await ownerA.post('/api/v1/roles', { sourceRoleId: 'cpo', title: 'Secret CPO brief' })).json();
    const v = role.currentVersion.id;
    const b = await createOrg(t.database.db, ['owner']);
    const ownerB = await signedIn(t.app, b.members[0]!.email);
    await expectOtherOrgIdsNotFound(
      t.app,
      ownerB,
      '/api/v1/roles',
      [
        { method: 'GET', route: '/api/v1/roles/:id', params: { id: role.id } },
        { method: 'PUT', route: '/api/v1/roles/:id', params: { id: role.id }, body: { baseVersionId: v, body: role.body } },
        { method: 'GET', route: '/api/v1/roles/:id/versions', params: { id: role.id } },
        { method: 'GET', route: '/api/v1/roles/:id/versions/:versionId', params: { id: role.id, versionId: v } },
        { method: 'GET', route: '/api/v1/roles/:id/diff', params: { id: role.id }, query: `?from=${v}&to=${v}` },
        { method: 'POST', route: '/api/v1/roles/:id/restore', params: { id: role.id }, body: { versionId: v, baseVersionId: v } },
      ],
      ['Secret CPO brief'],
    );
  });
});
