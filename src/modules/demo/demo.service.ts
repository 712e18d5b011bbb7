import { randomUUID } from 'node:crypto';
import type { OrgRole } from '../../shared/common.ts';
import { type Ctx, inTransaction } from '../../server/context.ts';
import { readSetting, writeSetting } from '../../server/db/settings.queries.ts';
import { audit } from '../audit/audit.service.ts';
import * as authQ from '../auth/auth.queries.ts';
import { hashPassword } from '../auth/password.ts';
import * as orgQ from '../orgs/orgs.queries.ts';
import { enqueueJob } from '../jobs/jobs.service.ts';
import { writeSyntheticHistory } from '../analytics/generate.service.ts';
import { AppError } from '../../shared/errors.ts';
import { seedDemoHiring } from './demo.hiring.ts';
import * as q from './demo.queries.ts';

/** The demo password, printed once at first start and in README. Demo data is fictional. */
export const DEMO_PASSWORD = 'rubric-demo-2026';
export const DEMO_ORG = { name: 'Lumen Harbor (demo)', slug: 'lumen-harbor' } as const;
export const DEMO_USERS: readonly { name: string; email: string; role: OrgRole }[] = [
  { name: 'Ada Okafor', email: 'owner@lumen-harbor.example', role: 'owner' },
  { name: 'Bruno Alvarez', email: 'admin@lumen-harbor.example', role: 'admin' },
  { name: 'Chen Wei', email: 'recruiter@lumen-harbor.example', role: 'recruiter' },
  { name: 'Dana Fischer', email: 'hiring.manager@lumen-harbor.example', role: 'hiring_manager' },
  { name: 'Eli Novak', email: 'interviewer@lumen-harbor.example', role: 'interviewer' },
];

export type DemoPreference = 'auto' | 'none';

/**
 * (Re)creates the demo workspace: removes a previous demo organization and demo accounts, then
 * creates the organization with one member per role. One transaction: all or nothing.
 */
export async function seedDemo(ctx: Ctx, opts: { hiring: 'now' | 'job'; history?: boolean } = { hiring: 'now' }): Promise<{ orgId: string }> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return inTransaction(ctx, async (tx) => {
    await q.deleteDemo(tx.db, DEMO_ORG.slug, DEMO_USERS.map((u) => u.email));
    await q.deleteHistoryUsers(tx.db, DEMO_ORG.slug);
    const now = tx.clock.now();
    const orgId = randomUUID();
    await orgQ.insertOrganization(tx.db, { id: orgId, name: DEMO_ORG.name, slug: DEMO_ORG.slug, now });
    const members = {} as Record<OrgRole, { id: string; role: OrgRole }>;
    for (const [i, u] of DEMO_USERS.entries()) {
      const id = randomUUID();
      const joined = new Date(now.getTime() + i); // keeps the list in role order
      await authQ.insertUser(tx.db, { id, email: u.email, name: u.name, passwordHash, now: joined });
      await orgQ.insertMembership(tx.db, { orgId, userId: id, role: u.role, now: joined });
      members[u.role] = { id, role: u.role };
    }
    await audit({ ...tx, actor: null }, 'demo.seeded', { type: 'organization', id: orgId }, { members: DEMO_USERS.length }, orgId);
    // On first start the hiring data follows as a job right after the server listens (cold start stays short).
    if (opts.hiring === 'now') {
      await seedDemoHiring(tx, orgId, members);
      if (opts.history) await writeSyntheticHistory(tx, { orgId, ...demoHistoryOptions(tx.clock.now()) });
    } else {
      // A few seconds later, so it does not hold the embedded database's one connection while the server becomes ready.
      await enqueueJob(tx, DEMO_HIRING_JOB, { orgId }, { runAt: new Date(tx.clock.now().getTime() + 3000) });
      // The analytics history (a larger write) once the first visitors have had their pages.
      await enqueueJob(tx, DEMO_HISTORY_JOB, { orgId }, { runAt: new Date(tx.clock.now().getTime() + DEMO_HISTORY_DELAY_MS) });
    }
    await writeSetting(tx.db, 'demo', 'seeded');
    return { orgId };
  });
}

/** Seeds on first start of an empty database unless demo data is off or was declined (`seed --none`). */
export async function seedDemoIfFirstStart(ctx: Ctx): Promise<boolean> {
  if (!ctx.config.demo) return false;
  if ((await readSetting<string>(ctx.db, 'demo')) !== undefined) return false;
  if ((await q.countOrganizations(ctx.db)) > 0) return false;
  await seedDemo(ctx, { hiring: 'job' });
  return true;
}

export async function declineDemo(ctx: Ctx): Promise<void> {
  await writeSetting(ctx.db, 'demo', 'none');
}

export const DEMO_HIRING_JOB = 'demo.hiring';

/** The job that adds the demo's jobs, candidates, interviews and scorecards (once: only into a demo org without jobs). */
export async function seedDemoHiringJob(ctx: Ctx, payload: Record<string, unknown>): Promise<void> {
  const orgId = String(payload.orgId);
  await inTransaction(ctx, async (tx) => {
    const state = await q.demoOrgState(tx.db, orgId);
    if (state.slug !== DEMO_ORG.slug || state.hasJobs) return;
    const members = Object.fromEntries(state.members.map((r) => [r.role, { id: r.userId, role: r.role as OrgRole }])) as Record<OrgRole, { id: string; role: OrgRole }>;
    if (DEMO_USERS.some((u) => !members[u.role])) return;
    await seedDemoHiring(tx, orgId, members);
  });
}

export const DEMO_HISTORY_JOB = 'demo.history';
/** How long after the first start the demo's generated history is written. */
export const DEMO_HISTORY_DELAY_MS = 60_000;
export const DEMO_HISTORY = { candidates: 1500, seed: 2026 } as const;

/**
 * The demo history's window: applications over 24 months starting 30 months ago, observed today, so
 * everything lies in the past and the earlier hires' outcomes are known.
 */
export function demoHistoryOptions(now: Date): { candidates: number; seed: number; start: string; months: number; asOf: string } {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 30, 1));
  return { ...DEMO_HISTORY, start: start.toISOString().slice(0, 10), months: 24, asOf: now.toISOString().slice(0, 10) };
}

/** The job that writes the demo's synthetic hiring history for the analytics dashboards (once per demo org). */
export async function seedDemoHistoryJob(ctx: Ctx, payload: Record<string, unknown>): Promise<void> {
  const orgId = String(payload.orgId);
  const state = await q.demoOrgState(ctx.db, orgId);
  if (state.slug !== DEMO_ORG.slug) return;
  try {
    const counts = await writeSyntheticHistory(ctx, { orgId, ...demoHistoryOptions(ctx.clock.now()) });
    ctx.log.info(counts, 'demo history written');
  } catch (e) {
    if (e instanceof AppError && e.code === 'conflict') return; // already there
    throw e;
  }
}
