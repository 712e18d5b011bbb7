import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPackageRoot } from '../../server/db/connect.ts';
import { Browser, openTestApp, type TestApp } from '../../server/testing/test-app.ts';
import { createOrg, signedIn } from '../../server/testing/factories.ts';
import { expectOtherOrgIdsNotFound } from '../../server/testing/tenancy.ts';
import { guideToMarkdown } from './guide.render.ts';
import { planJsonSchema } from './plans.schema.ts';
import { guideFor } from './plans.service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await openTestApp();
});
afterAll(async () => t?.close());

describe('interview guides', () => {
  it('generates a complete, clean guide for every library role', async () => {
    const anon = new Browser(t.app);
    for (const role of ['cpo', 'cto', 'cpto', 'vp-engineering', 'vp-product', 'head-of-product', 'head-of-engineering', 'cio', 'cdo']) {
      const g = (await anon.get(`/api/v1/guides/${role}`)).json();
      expect(g.plan.format).toBe('rubric.plan/v1');
      expect(g.plan.competencies.reduce((s: number, c: { weight: number }) => s + c.weight, 0)).toBe(100);
      expect(g.plan.rounds.map((r: { kind: string }) => r.kind)).toEqual([
        'recruiter-screen',
        'hiring-manager-deep-dive',
        'competency-interview',
        'competency-interview',
        'case-presentation',
        'executive-panel',
        'reference-check',
      ]);
      expect(g.findings.coverage.warnings, role).toEqual([]);
      expect(g.findings.risk, role).toEqual([]);
    }
    const cpo = guideFor('cpo');
    const cto = guideFor('cto');
    expect(cpo.plan.rounds.find((r) => r.kind === 'case-presentation')!.name).toBe('Product strategy presentation');
    expect(cto.plan.rounds.find((r) => r.kind === 'case-presentation')!.name).toBe('Architecture and technology-strategy review');
    expect(guideFor('cto')).toEqual(cto);
    expect((await anon.get('/api/v1/guides/wizard')).statusCode).toBe(404);
  });

  it('exports Markdown, print-ready HTML, a PDF of the expected size and the plan JSON', async () => {
    const anon = new Browser(t.app);
    const md = await anon.get('/api/v1/guides/cto/export?format=md');
    expect(md.headers['content-type']).toContain('text/markdown');
    expect(md.body).toContain('# Interview guide: Chief Technology Officer');
    expect(md.body).toContain('## Debrief agenda');
    const html = await anon.get('/api/v1/guides/cto/export?format=html');
    expect(html.body).toMatch(/^<!doctype html>/);
    expect(html.body.match(/class="round"/g)!.length).toBe(8); // seven rounds and the scorecard section
    expect(html.body).toContain('page-break-before: always');
    expect(html.headers['content-security-policy']).toContain("style-src 'unsafe-inline'");
    const pdf = await anon.request('GET', '/api/v1/guides/cto/export?format=pdf');
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const bytes = pdf.rawPayload;
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(10_000);
    const pages = (bytes.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(10);
    expect(pages).toBeLessThanOrEqual(24);
    const json = await anon.get('/api/v1/guides/cto/export?format=json');
    expect(json.headers['content-disposition']).toContain('cto-plan.json');
    expect(json.json()).toEqual(guideFor('cto').plan);
    expect((await anon.get('/api/v1/guides/cto/export?format=docx')).statusCode).toBe(400);
    expect(guideToMarkdown(guideFor('cpo'))).toContain('Product strategy presentation');
  });

  it('publishes an up-to-date JSON Schema of the plan format', () => {
    const committed = JSON.parse(fs.readFileSync(path.join(findPackageRoot(), 'docs', 'plan-format.schema.json'), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(planJsonSchema())));
  });
});

describe('plans', () => {
  it('lints a plan: every problem with its JSON path; coverage and risk findings on a valid one', async () => {
    const anon = new Browser(t.app);
    const plan = guideFor('cto').plan;
    const broken = structuredClone(plan) as Record<string, unknown> & typeof plan;
    broken.competencies[0]!.weight += 5;
    broken.rounds[1]!.minutes = 'sixty' as unknown as number;
    broken.rounds[2]!.focus.push('telepathy');
    const bad = await anon.post('/api/v1/plans/lint', { plan: broken });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues.map((i: { path: string }) => i.path)).toEqual(['rounds.1.minutes']);
    broken.rounds[1]!.minutes = 60;
    const bad2 = (await anon.post('/api/v1/plans/lint', { plan: broken })).json();
    expect(bad2.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(['competencies', 'rounds.2.focus.3']);

    const risky = structuredClone(plan);
    risky.rounds[1]!.questions[0]!.probes.push('And who looks after your kids?');
    risky.rounds[5]!.focus = risky.rounds[5]!.focus.concat(risky.competencies.map((c) => c.id).filter((id) => !risky.rounds[5]!.focus.includes(id))).slice(0, 6);
    const findings = (await anon.post('/api/v1/plans/lint', { plan: risky })).json();
    expect(findings.risk.map((r: { category: string; path: string }) => `${r.category}@${r.path}`)).toEqual([`family_status@rounds.1.questions.0.probes.${risky.rounds[1]!.questions[0]!.probes.length - 1}`]);
    expect(findings.coverage.warnings.map((w: { code: string }) => w.code)).toContain('round_overloaded');
  });

  it('starts a plan from a guide, saves versions (409 when stale), and imports an export losslessly', async () => {
    const org = await createOrg(t.database.db, ['hiring_manager', 'interviewer']);
    const hm = await signedIn(t.app, org.members[0]!.email);
    const created = await hm.post('/api/v1/plans', { fromGuide: 'cto' });
    expect(created.statusCode).toBe(201);
    const p = created.json();
    expect(p).toMatchObject({ title: 'Chief Technology Officer interview plan', roleId: 'cto', currentVersion: { number: 1 } });
    expect(p.plan).toEqual(guideFor('cto').plan);

    // remove the deep dive's questions on one competency → a coverage warning appears
    const edited = structuredClone(p.plan);
    const deepDive = edited.rounds.find((r: { id: string }) => r.id === 'deep-dive');
    const dropped = deepDive.focus[0];
    deepDive.focus = deepDive.focus.slice(1);
    edited.scorecard.rounds = edited.scorecard.rounds.map((s: { roundId: string; competencies: string[] }) =>
      s.roundId === 'deep-dive' ? { ...s, competencies: s.competencies.filter((c) => c !== dropped) } : s,
    );
    const saved = await hm.request('PUT', `/api/v1/plans/${p.id}`, { baseVersionId: p.currentVersion.id, plan: edited, note: 'Lighter deep dive' });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().currentVersion.number).toBe(2);
    const assessments = saved.json().findings.coverage.rows.find((r: { competencyId: string }) => r.competencyId === dropped).assessments;
    expect(assessments).toBe(1);
    expect(saved.json().findings.coverage.warnings.map((w: { code: string; competencyId?: string }) => `${w.code}:${w.competencyId}`)).toContain(`under_assessed:${dropped}`);

    const stale = await hm.request('PUT', `/api/v1/plans/${p.id}`, { baseVersionId: p.currentVersion.id, plan: p.plan });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().details.currentVersionId).toBe(saved.json().currentVersion.id);
    const invalid = await hm.request('PUT', `/api/v1/plans/${p.id}`, { baseVersionId: saved.json().currentVersion.id, plan: { format: 'rubric.plan/v1' } });
    expect(invalid.statusCode).toBe(400);
    expect((await hm.get(`/api/v1/plans/${p.id}/versions`)).json().items.map((v: { number: number }) => v.number)).toEqual([2, 1]);
    const diff = (await hm.get(`/api/v1/plans/${p.id}/diff?from=${p.currentVersion.id}&to=${saved.json().currentVersion.id}`)).json();
    expect(diff.changes.length).toBeGreaterThan(0);
    const v1 = (await hm.get(`/api/v1/plans/${p.id}/versions/${p.currentVersion.id}`)).json();
    expect(v1.plan).toEqual(p.plan);
    const restored = await hm.post(`/api/v1/plans/${p.id}/restore`, { versionId: p.currentVersion.id, baseVersionId: saved.json().currentVersion.id });
    expect(restored.json().currentVersion.number).toBe(3);
    expect(restored.json().plan).toEqual(p.plan);

    // round trip: export → import → the same plan
    const exported = (await hm.get('/api/v1/guides/cpo/export?format=json')).json();
    const imported = await hm.post('/api/v1/plans', { plan: exported });
    expect(imported.statusCode).toBe(201);
    expect((await hm.get(`/api/v1/plans/${imported.json().id}`)).json().plan).toEqual(exported);
    const importBad = await hm.post('/api/v1/plans', { plan: { ...exported, competencies: [] } });
    expect(importBad.statusCode).toBe(400);
    expect((await hm.get('/api/v1/plans')).json().items).toHaveLength(2);

    const interviewer = await signedIn(t.app, org.members[1]!.email);
    expect((await interviewer.post('/api/v1/plans', { fromGuide: 'cpo' })).statusCode).toBe(403);
    expect((await interviewer.get(`/api/v1/plans/${p.id}`)).statusCode).toBe(200);
  });

  it("answers 404 for another organization's plans", async () => {
    const a = await createOrg(t.database.db, ['owner']);
    const ownerA = await signedIn(t.app, a.members[0]!.email);
    const exported = guideFor('cio').plan;
    const p = (await ownerA.post('/api/v1/plans', { plan: { ...exported, title: 'Secret CIO search' } })).json();
    const v = p.currentVersion.id;
    const b = await createOrg(t.database.db, ['owner']);
    const ownerB = await signedIn(t.app, b.members[0]!.email);
    await expectOtherOrgIdsNotFound(
      t.app,
      ownerB,
      '/api/v1/plans',
      [
        { method: 'GET', route: '/api/v1/plans/:id', params: { id: p.id } },
        { method: 'PUT', route: '/api/v1/plans/:id', params: { id: p.id }, body: { baseVersionId: v, plan: exported } },
        { method: 'GET', route: '/api/v1/plans/:id/versions', params: { id: p.id } },
        { method: 'GET', route: '/api/v1/plans/:id/versions/:versionId', params: { id: p.id, versionId: v } },
        { method: 'GET', route: '/api/v1/plans/:id/diff', params: { id: p.id }, query: `?from=${v}&to=${v}` },
        { method: 'POST', route: '/api/v1/plans/:id/restore', params: { id: p.id }, body: { versionId: v, baseVersionId: v } },
      ],
      ['Secret CIO search'],
    );
  });
});
