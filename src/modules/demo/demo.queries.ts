import { sql } from 'kysely';
import type { Db } from '../../server/db/connect.ts';

export async function countOrganizations(db: Db): Promise<number> {
  const r = await db.selectFrom('organizations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The demo organization's slug, whether it has jobs yet, and its members by role. */
export async function demoOrgState(db: Db, orgId: string) {
  const org = await db.selectFrom('organizations').select('slug').where('id', '=', orgId).executeTakeFirst();
  const hasJobs = !!(await db.selectFrom('openings').select('id').where('orgId', '=', orgId).limit(1).executeTakeFirst());
  const members = await db.selectFrom('memberships').select(['userId', 'role']).where('orgId', '=', orgId).execute();
  return { slug: org?.slug ?? null, hasJobs, members };
}

export async function deleteDemo(db: Db, slug: string, emails: string[]): Promise<void> {
  await db.deleteFrom('organizations').where('slug', '=', slug).execute();
  await db.deleteFrom('users').where(sql`lower(email)`, 'in', emails.map((e) => e.toLowerCase())).execute();
}

/** The generated history's interviewer accounts of an organization slug (history-<seed>-<id>@<slug>.example). */
export async function deleteHistoryUsers(db: Db, slug: string): Promise<void> {
  await db.deleteFrom('users').where(sql`lower(email)`, 'like', `history-%@${slug}.example`).execute();
}
