import { sql } from 'kysely';
import type { Db } from '../../server/db/connect.ts';
import type { StageDef } from '../../server/db/schema.ts';

export async function findOpening(db: Db, orgId: string, id: string, forUpdate = false) {
  let q = db.selectFrom('openings').selectAll().where('orgId', '=', orgId).where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export type OpeningRow = NonNullable<Awaited<ReturnType<typeof findOpening>>>;

export async function insertOpening(
  db: Db,
  o: { id: string; orgId: string; title: string; roleId: string | null; orgRoleId: string | null; planId: string; location: string; remotePolicy: 'onsite' | 'hybrid' | 'remote'; status: 'draft' | 'open' | 'on_hold' | 'closed'; stages: StageDef[]; createdBy: string; now: Date },
) {
  const { now, stages, ...row } = o;
  await db.insertInto('openings').values({ ...row, stages: JSON.stringify(stages), createdAt: now, updatedAt: now }).execute();
}

export async function updateOpening(
  db: Db,
  id: string,
  patch: { title?: string; location?: string; remotePolicy?: 'onsite' | 'hybrid' | 'remote'; status?: 'draft' | 'open' | 'on_hold' | 'closed'; stages?: StageDef[]; archivedAt?: Date | null },
  now: Date,
) {
  const { stages, ...rest } = patch;
  await db
    .updateTable('openings')
    .set({ ...rest, ...(stages ? { stages: JSON.stringify(stages) } : {}), updatedAt: now })
    .where('id', '=', id)
    .execute();
}

export async function deleteOpening(db: Db, id: string) {
  await db.deleteFrom('openings').where('id', '=', id).execute();
}

export async function teamOf(db: Db, openingIds: string[]) {
  if (openingIds.length === 0) return [];
  return db
    .selectFrom('openingTeam as t')
    .innerJoin('users as u', 'u.id', 't.userId')
    .select(['t.openingId', 't.userId', 't.teamRole', 't.roundId', 'u.name', 'u.email'])
    .where('t.openingId', 'in', openingIds)
    .orderBy('t.teamRole')
    .orderBy('u.name')
    .execute();
}

export async function replaceTeam(db: Db, orgId: string, openingId: string, team: { userId: string; teamRole: 'hiring_manager' | 'recruiter' | 'interviewer'; roundId: string }[]) {
  await db.deleteFrom('openingTeam').where('openingId', '=', openingId).execute();
  const unique = new Map(team.map((t) => [`${t.userId}|${t.teamRole}|${t.roundId}`, t]));
  if (unique.size) await db.insertInto('openingTeam').values([...unique.values()].map((t) => ({ ...t, openingId, orgId }))).execute();
}

export async function teamRolesOf(db: Db, openingId: string, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('openingTeam').select('teamRole').where('openingId', '=', openingId).where('userId', '=', userId).execute();
  return rows.map((r) => r.teamRole);
}

export async function interviewsOpeningFor(db: Db, openingId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('interviews as i')
    .innerJoin('applications as a', 'a.id', 'i.applicationId')
    .innerJoin('interviewInterviewers as ii', 'ii.interviewId', 'i.id')
    .select('i.id')
    .where('a.openingId', '=', openingId)
    .where('ii.userId', '=', userId)
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

export async function listOpenings(
  db: Db,
  orgId: string,
  o: { visibleTo: string | null; status?: string; archived: boolean; limit: number; after?: { at: Date; id: string } },
) {
  let q = db
    .selectFrom('openings as o')
    .innerJoin('plans as p', 'p.id', 'o.planId')
    .innerJoin('documents as d', 'd.id', 'p.documentId')
    .selectAll('o')
    .select(['p.title as planTitle', 'd.currentVersionId as planVersionId'])
    .where('o.orgId', '=', orgId)
    .where('o.archivedAt', o.archived ? 'is not' : 'is', null)
    .orderBy('o.createdAt', 'desc')
    .orderBy('o.id', 'desc')
    .limit(o.limit + 1);
  if (o.status) q = q.where('o.status', '=', o.status as 'open');
  if (o.visibleTo) {
    const userId = o.visibleTo;
    q = q.where((eb) =>
      eb.or([
        eb.exists(eb.selectFrom('openingTeam as t').select('t.userId').whereRef('t.openingId', '=', 'o.id').where('t.userId', '=', userId)),
        eb.exists(
          eb
            .selectFrom('interviews as i')
            .innerJoin('applications as a', 'a.id', 'i.applicationId')
            .innerJoin('interviewInterviewers as ii', 'ii.interviewId', 'i.id')
            .select('i.id')
            .whereRef('a.openingId', '=', 'o.id')
            .where('ii.userId', '=', userId),
        ),
      ]),
    );
  }
  if (o.after) {
    const a = o.after;
    q = q.where((eb) => eb.or([eb('o.createdAt', '<', a.at), eb.and([eb('o.createdAt', '=', a.at), eb('o.id', '<', a.id)])]));
  }
  return q.execute();
}

export async function planOf(db: Db, orgId: string, planId: string) {
  return db
    .selectFrom('plans as p')
    .innerJoin('documents as d', 'd.id', 'p.documentId')
    .select(['p.id', 'p.title', 'p.documentId', 'd.currentVersionId as planVersionId'])
    .where('p.orgId', '=', orgId)
    .where('p.id', '=', planId)
    .executeTakeFirst();
}

/**
 * Application counts per stage (and active ones) for several openings; optionally only those a user
 * interviews. Erased applications stay out, as they do from the pipeline (they count in analytics only).
 */
export async function stageCounts(db: Db, openingIds: string[], onlyInterviewer: string | null) {
  if (openingIds.length === 0) return [];
  let q = db
    .selectFrom('applications as a')
    .select(['a.openingId', 'a.stage', 'a.status', sql<number>`count(*)::int`.as('n')])
    .where('a.openingId', 'in', openingIds)
    .where('a.erasedAt', 'is', null)
    .groupBy(['a.openingId', 'a.stage', 'a.status']);
  if (onlyInterviewer) {
    const userId = onlyInterviewer;
    q = q.where((eb) =>
      eb.exists(
        eb.selectFrom('interviews as i').innerJoin('interviewInterviewers as ii', 'ii.interviewId', 'i.id').select('i.id').whereRef('i.applicationId', '=', 'a.id').where('ii.userId', '=', userId),
      ),
    );
  }
  return q.execute();
}

export async function countApplications(db: Db, openingId: string): Promise<number> {
  const r = await db.selectFrom('applications').select(sql<number>`count(*)::int`.as('n')).where('openingId', '=', openingId).executeTakeFirstOrThrow();
  return r.n;
}

export async function stagesInUse(db: Db, openingId: string): Promise<string[]> {
  const rows = await db.selectFrom('applications').select('stage').distinct().where('openingId', '=', openingId).execute();
  return rows.map((r) => r.stage);
}

export async function memberIds(db: Db, orgId: string, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db.selectFrom('memberships').select('userId').where('orgId', '=', orgId).where('userId', 'in', userIds).execute();
  return new Set(rows.map((r) => r.userId));
}

export async function listRejectionReasons(db: Db, orgId: string) {
  return db.selectFrom('rejectionReasons').select(['code', 'label']).where('orgId', '=', orgId).orderBy('position').execute();
}

export async function replaceRejectionReasons(db: Db, orgId: string, items: { code: string; label: string }[]) {
  await db.deleteFrom('rejectionReasons').where('orgId', '=', orgId).execute();
  await db
    .insertInto('rejectionReasons')
    .values(items.map((r, i) => ({ orgId, code: r.code, label: r.label, position: i })))
    .execute();
}

export async function orgSettings(db: Db, orgId: string): Promise<Record<string, unknown>> {
  const r = await db.selectFrom('organizations').select('settings').where('id', '=', orgId).executeTakeFirst();
  return (r?.settings as Record<string, unknown> | undefined) ?? {};
}

export async function saveOrgSettings(db: Db, orgId: string, settings: Record<string, unknown>) {
  await db.updateTable('organizations').set({ settings: JSON.stringify(settings) }).where('id', '=', orgId).execute();
}
