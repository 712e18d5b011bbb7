import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, signedIn } from '../../server/testing/factories.ts';
import { addCandidate, addInterview, hiringWorld } from '../../server/testing/hiring.ts';
import { openTestApp, type TestApp } from '../../server/testing/test-app.ts';
import type { Browser } from '../../server/testing/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await openTestApp();
});
afterAll(async () => t?.close());

const unique = () => Math.random().toString(16).slice(2);

async function hire(b: Browser, applicationId: string, stages: { id: string; kind: string }[]) {
  const res = await b.post(`/api/v1/applications/${applicationId}/move`, { toStage: stages.find((s) => s.kind === 'hired')!.id });
  if (res.statusCode !== 200) throw new Error(`hire: ${res.statusCode} ${res.body}`);
}

async function world() {
  const w = await hiringWorld(t);
  const hired = await addCandidate(w.as.recruiter, w.job.id, 'Hana Hired', `hana.${unique()}@example.test`);
  await hire(w.as.recruiter, hired.applicationId, w.job.stages);
  const active = await addCandidate(w.as.recruiter, w.job.id, 'Arlo Active', `arlo.${unique()}@example.test`);
  return { ...w, hired, active };
}

async function auditOf(action: string) {
  return t.database.db.selectFrom('auditLog').select(['action', 'targetType', 'targetId', 'details']).where('action', '=', action).orderBy('id').execute();
}

describe('outcomes of an application', () => {
  it('records, replaces, lists and deletes outcomes by checkpoint for the hiring team', async () => {
    const w = await world();
    const url = `/api/v1/applications/${w.hired.applicationId}/outcomes`;
    expect((await w.as.hm.get(url)).json()).toEqual({ applicationId: w.hired.applicationId, hired: true, items: [] });

    const saved = await w.as.hm.request('PUT', `${url}/6m`, { performanceRating: 4, retained: true, rampDays: 45, note: '  Strong first half.  ' });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ checkpoint: '6m', performanceRating: 4, retained: true, rampDays: 45, regrettedAttrition: null, managerSatisfaction: null, note: 'Strong first half.' });
    expect(saved.json().recordedByName).toBeTruthy();
    await w.as.recruiter.request('PUT', `${url}/3m`, { managerSatisfaction: 5 });

    // PUT replaces the checkpoint's measures (same row id).
    const replaced = await w.as.recruiter.request('PUT', `${url}/6m`, { performanceRating: 3, regrettedAttrition: false });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json()).toMatchObject({ id: saved.json().id, performanceRating: 3, retained: null, rampDays: null, regrettedAttrition: false, note: null });

    const list = (await w.as.owner.get(url)).json();
    expect(list.items.map((o: { checkpoint: string }) => o.checkpoint)).toEqual(['3m', '6m']);

    expect((await w.as.hm.delete(`${url}/3m`)).json()).toEqual({ ok: true });
    expect((await w.as.hm.delete(`${url}/3m`)).statusCode).toBe(404);
    expect((await w.as.hm.get(url)).json().items.map((o: { checkpoint: string }) => o.checkpoint)).toEqual(['6m']);

    // The audit log holds ids and the checkpoint only — no measures, no note.
    const entries = (await auditOf('outcome.saved')).filter((e) => (e.details as { applicationId: string }).applicationId === w.hired.applicationId);
    expect(entries).toHaveLength(3);
    expect(entries[0]).toMatchObject({ targetType: 'outcome', targetId: saved.json().id, details: { applicationId: w.hired.applicationId, checkpoint: '6m', created: true } });
    expect(JSON.stringify(entries)).not.toContain('Strong');
    const deleted = (await auditOf('outcome.deleted')).filter((e) => (e.details as { applicationId: string }).applicationId === w.hired.applicationId);
    expect(deleted).toEqual([expect.objectContaining({ details: { applicationId: w.hired.applicationId, checkpoint: '3m' } })]);
  });

  it('answers 409 for an application that was not hired', async () => {
    const w = await world();
    const res = await w.as.recruiter.request('PUT', `/api/v1/applications/${w.active.applicationId}/outcomes/3m`, { performanceRating: 4 });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toMatch(/only be recorded for hired candidates/);
    expect((await w.as.recruiter.get(`/api/v1/applications/${w.active.applicationId}/outcomes`)).json()).toMatchObject({ hired: false, items: [] });
  });

  it('is 404 for anyone outside the hiring team, an interviewer on the panel included', async () => {
    const w = await world();
    await addInterview(w.as.recruiter, w.hired.applicationId, 'screen', [w.ids.iv1]);
    const url = `/api/v1/applications/${w.hired.applicationId}/outcomes`;
    // The panel member sees the application itself, but not its outcomes.
    expect((await w.as.iv1.get(`/api/v1/applications/${w.hired.applicationId}`)).statusCode).toBe(200);
    for (const b of [w.as.iv1, w.as.iv2]) {
      expect((await b.get(url)).statusCode).toBe(404);
      expect((await b.request('PUT', `${url}/3m`, { performanceRating: 2 })).statusCode).toBe(404);
      expect((await b.delete(`${url}/3m`)).statusCode).toBe(404);
    }
    const other = await createOrg(t.database.db, ['owner']);
    const outsider = await signedIn(t.app, other.members[0]!.email);
    expect((await outsider.get(url)).statusCode).toBe(404);
  });

  it('names the fields of invalid values and requires one measure', async () => {
    const w = await world();
    const url = `/api/v1/applications/${w.hired.applicationId}/outcomes`;
    const bad = await w.as.recruiter.request('PUT', `${url}/12m`, { performanceRating: 6, rampDays: -1, managerSatisfaction: 2.5, note: 'x'.repeat(1001) });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().details.issues.map((i: { path: string }) => i.path).sort();
    expect(paths).toEqual(['managerSatisfaction', 'note', 'performanceRating', 'rampDays']);
    const empty = await w.as.recruiter.request('PUT', `${url}/12m`, { note: 'Only a note' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().details.issues).toEqual([{ path: 'performanceRating', message: expect.stringMatching(/at least one measure/) }]);
    expect((await w.as.recruiter.request('PUT', `${url}/9m`, { performanceRating: 3 })).statusCode).toBe(400);
    expect((await w.as.recruiter.request('PUT', `${url}/12m`, { performanceRating: 3, salary: 1 })).statusCode).toBe(400);
  });
});

describe('outcomes table', () => {
  it('enforces one measure, the ranges, the note length and one row per application and checkpoint', async () => {
    const w = await world();
    const row = (o: Record<string, unknown>) => ({ id: randomUUID(), orgId: w.org.orgId, applicationId: w.hired.applicationId, checkpoint: '24m' as const, ...o });
    const insert = (o: Record<string, unknown>) => t.database.db.insertInto('outcomes').values(row(o)).execute();
    await expect(insert({ note: 'no measure' })).rejects.toThrow();
    await expect(insert({ performanceRating: 0 })).rejects.toThrow();
    await expect(insert({ managerSatisfaction: 6 })).rejects.toThrow();
    await expect(insert({ rampDays: -1 })).rejects.toThrow();
    await expect(insert({ retained: true, note: 'x'.repeat(1001) })).rejects.toThrow();
    await expect(insert({ checkpoint: '9m', retained: true })).rejects.toThrow();
    await insert({ retained: false });
    await expect(insert({ retained: true })).rejects.toThrow();
  });
});
