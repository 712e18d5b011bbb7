import type { OrgRole } from '../../shared/common.ts';
import { createOrg, signedIn } from './factories.ts';
import type { Browser, TestApp } from './test-app.ts';

/**
 * A hiring team for orchestrator tests: one member per role plus three interviewers, each signed
 * in, and a CTO job (plan from the guide) whose hiring manager is the hiring_manager member.
 */
export async function hiringWorld(t: TestApp) {
  const roles: OrgRole[] = ['owner', 'admin', 'recruiter', 'hiring_manager', 'interviewer', 'interviewer', 'interviewer'];
  const org = await createOrg(t.database.db, roles);
  const [owner, admin, recruiter, hm, iv1, iv2, iv3] = org.members as [(typeof org.members)[number], ...(typeof org.members)[number][]];
  const as: Record<'owner' | 'admin' | 'recruiter' | 'hm' | 'iv1' | 'iv2' | 'iv3', Browser> = {
    owner: await signedIn(t.app, owner.email),
    admin: await signedIn(t.app, admin!.email),
    recruiter: await signedIn(t.app, recruiter!.email),
    hm: await signedIn(t.app, hm!.email),
    iv1: await signedIn(t.app, iv1!.email),
    iv2: await signedIn(t.app, iv2!.email),
    iv3: await signedIn(t.app, iv3!.email),
  };
  const jobRes = await as.recruiter.post('/api/v1/jobs', { roleId: 'cto', location: 'Berlin', remotePolicy: 'hybrid', team: [{ userId: hm!.id, teamRole: 'hiring_manager' }] });
  if (jobRes.statusCode !== 201) throw new Error(`job: ${jobRes.statusCode} ${jobRes.body}`);
  const job = jobRes.json();
  const ids = { owner: owner.id, admin: admin!.id, recruiter: recruiter!.id, hm: hm!.id, iv1: iv1!.id, iv2: iv2!.id, iv3: iv3!.id };
  return { org, as, ids, job };
}

export async function addCandidate(b: Browser, jobId: string, name: string, email: string) {
  const res = await b.post('/api/v1/candidates', { name, email, jobId });
  if (res.statusCode !== 201) throw new Error(`candidate: ${res.statusCode} ${res.body}`);
  const c = res.json();
  return { candidateId: c.id as string, applicationId: c.applications[0].id as string };
}

export async function addInterview(b: Browser, applicationId: string, roundId: string, interviewerIds: string[], startsAt = '2026-03-01T09:00:00Z', endsAt = '2026-03-01T10:00:00Z') {
  const res = await b.post(`/api/v1/applications/${applicationId}/interviews`, { roundId, interviewerIds, startsAt, endsAt, timeZone: 'Europe/Berlin', location: 'Room 2' });
  if (res.statusCode !== 201) throw new Error(`interview: ${res.statusCode} ${res.body}`);
  return res.json().id as string;
}

/** Starts the interviewer's scorecard and fills every competency with `rating`, with evidence, then saves (and submits). */
export async function fillScorecard(b: Browser, interviewId: string, ratings: Record<string, number | null> | number, recommendation: string, submit = true) {
  const card = (await b.post(`/api/v1/interviews/${interviewId}/scorecard`)).json();
  const body = {
    ratings: Object.fromEntries(
      card.form.competencies.map((c: { id: string; name: string }) => {
        const r = typeof ratings === 'number' ? ratings : (ratings[c.id] ?? null);
        return [c.id, { rating: r, evidence: r === null ? '' : `Evidence on ${c.name}: described a concrete situation, rated ${r}.` }];
      }),
    ),
    recommendation,
    notes: '',
    redFlags: [],
    questionRatings: [],
  };
  const res = await b.request('PUT', `/api/v1/scorecards/${card.id}`, { baseVersion: card.version, body, submit });
  if (res.statusCode !== 200) throw new Error(`scorecard: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Job-description generator settings for the CTO job of hiringWorld (valid against jdSettingsSchema). */
export const jdSettings = {
  company: {
    name: 'Harbourline',
    mission: 'Give small clinics the scheduling software hospitals take for granted',
    industry: 'healthcare software',
    stage: 'series-a',
    headcount: 85,
    headquarters: 'Berlin, Germany',
    locations: ['Berlin, Germany'],
    remotePolicy: 'hybrid',
    reportsTo: 'CEO',
    teamSize: 30,
    salary: { min: 160000, max: 195000, currency: 'EUR', period: 'year' },
    benefits: ['30 days of paid leave', 'Sixteen weeks of fully paid parental leave'],
    emphasis: ['security-risk-management'],
  },
  tone: 'warm',
  length: 'standard',
  language: 'en',
} as const;

/** A multipart/form-data body for app.inject: text fields and optional files. */
export function multipart(fields: Record<string, string>, files: { field: string; name: string; type: string; data: Buffer }[] = []) {
  const boundary = `----rubric${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`), f.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
