import { sql } from 'kysely';
import type { Db } from '../../server/db/connect.ts';

function scorecardQuery(db: Db) {
  return db
    .selectFrom('scorecards as s')
    .innerJoin('interviews as i', 'i.id', 's.interviewId')
    .innerJoin('users as u', 'u.id', 's.interviewerId')
    .selectAll('s')
    .select(['i.roundId', 'u.name as interviewerName', sql<number>`(select count(*)::int from scorecard_revisions r where r.scorecard_id = s.id)`.as('revisionCount')]);
}
export type ScorecardRow = Awaited<ReturnType<ReturnType<typeof scorecardQuery>['execute']>>[number];

export async function findScorecard(db: Db, orgId: string, id: string, forUpdate = false) {
  let q = scorecardQuery(db).where('s.orgId', '=', orgId).where('s.id', '=', id);
  if (forUpdate) q = q.forUpdate('s');
  return q.executeTakeFirst();
}

export async function findMine(db: Db, interviewId: string, userId: string) {
  return scorecardQuery(db).where('s.interviewId', '=', interviewId).where('s.interviewerId', '=', userId).executeTakeFirst();
}

export async function scorecardsOf(db: Db, applicationIds: string[], onlySubmitted: boolean) {
  if (applicationIds.length === 0) return [];
  let q = scorecardQuery(db).where('s.applicationId', 'in', applicationIds).orderBy('s.submittedAt').orderBy('s.createdAt');
  if (onlySubmitted) q = q.where('s.status', '=', 'submitted');
  return q.execute();
}

export async function insertScorecard(db: Db, s: { id: string; orgId: string; interviewId: string; applicationId: string; interviewerId: string; planVersionId: string; body: unknown; now: Date }) {
  const { now, body, ...row } = s;
  await db
    .insertInto('scorecards')
    .values({ ...row, body: JSON.stringify(body), createdAt: now, updatedAt: now })
    .onConflict((oc) => oc.columns(['interviewId', 'interviewerId']).doNothing())
    .execute();
}

export async function saveScorecard(db: Db, id: string, s: { body: unknown; status: 'draft' | 'submitted'; submittedAt: Date | null }, now: Date) {
  await db
    .updateTable('scorecards')
    .set((eb) => ({ body: JSON.stringify(s.body), status: s.status, submittedAt: s.submittedAt, version: eb('version', '+', 1), updatedAt: now }))
    .where('id', '=', id)
    .execute();
}

export async function insertRevision(db: Db, scorecardId: string, body: unknown, userId: string, now: Date) {
  await db
    .insertInto('scorecardRevisions')
    .values((eb) => ({
      scorecardId,
      number: eb.selectFrom('scorecardRevisions').select(sql<number>`coalesce(max(number), 0) + 1`.as('n')).where('scorecardId', '=', scorecardId),
      body: JSON.stringify(body),
      createdBy: userId,
      createdAt: now,
    }))
    .execute();
}

export async function revisionsOf(db: Db, scorecardId: string) {
  return db.selectFrom('scorecardRevisions').select(['number', 'body', 'createdAt']).where('scorecardId', '=', scorecardId).orderBy('number').execute();
}

/** Applications: a list of ids, or every application of one job (no long IN lists for job-wide reports). */
export type ApplicationScope = { applicationIds: string[] } | { openingId: string };

/** The actor's panel seats on scheduled interviews in scope, with their scorecard status. */
export async function seatsOf(db: Db, scope: ApplicationScope, userId: string) {
  if ('applicationIds' in scope && scope.applicationIds.length === 0) return [];
  let q = db
    .selectFrom('interviews as i')
    .innerJoin('interviewInterviewers as ii', 'ii.interviewId', 'i.id')
    .leftJoin('scorecards as s', (j) => j.onRef('s.interviewId', '=', 'i.id').onRef('s.interviewerId', '=', 'ii.userId'))
    .select(['i.applicationId', 'i.id as interviewId', 's.status'])
    .where('ii.userId', '=', userId)
    .where('ii.seat', '=', 'interviewer')
    .where('i.status', '=', 'scheduled');
  if ('applicationIds' in scope) q = q.where('i.applicationId', 'in', scope.applicationIds);
  else q = q.where((eb) => eb.exists(eb.selectFrom('applications as a').select('a.id').whereRef('a.id', '=', 'i.applicationId').where('a.openingId', '=', scope.openingId)));
  return q.execute();
}

/** Applications in scope on which the user has submitted a scorecard. */
export async function submittedBy(db: Db, scope: ApplicationScope, userId: string): Promise<Set<string>> {
  if ('applicationIds' in scope && scope.applicationIds.length === 0) return new Set();
  let q = db.selectFrom('scorecards as s').select('s.applicationId').distinct().where('s.interviewerId', '=', userId).where('s.status', '=', 'submitted');
  if ('applicationIds' in scope) q = q.where('s.applicationId', 'in', scope.applicationIds);
  else q = q.innerJoin('applications as a', 'a.id', 's.applicationId').where('a.openingId', '=', scope.openingId);
  return new Set((await q.execute()).map((r) => r.applicationId));
}

/** Panel seats of scheduled interviews without a submitted scorecard. */
export async function pendingSeats(db: Db, o: { orgId: string; applicationIds?: string[]; endedBefore?: Date; endedAfter?: Date; managedBy?: string | null; openingId?: string | undefined }) {
  let q = db
    .selectFrom('interviews as i')
    .innerJoin('interviewInterviewers as ii', 'ii.interviewId', 'i.id')
    .innerJoin('users as u', 'u.id', 'ii.userId')
    .innerJoin('applications as a', 'a.id', 'i.applicationId')
    .innerJoin('openings as o', 'o.id', 'a.openingId')
    .innerJoin('candidates as c', 'c.id', 'a.candidateId')
    .leftJoin('scorecards as s', (j) => j.onRef('s.interviewId', '=', 'i.id').onRef('s.interviewerId', '=', 'ii.userId'))
    .select(['i.id as interviewId', 'i.applicationId', 'i.roundId', 'i.endsAt', 'o.id as openingId', 'o.title as jobTitle', 'o.stages', 'c.name as candidateName', 'ii.userId', 'u.name as userName', 'u.email as userEmail', 's.status'])
    .where('i.orgId', '=', o.orgId)
    .where('i.status', '=', 'scheduled')
    .where('ii.seat', '=', 'interviewer')
    .where((eb) => eb.or([eb('s.status', 'is', null), eb('s.status', '=', 'draft')]))
    .orderBy('i.endsAt');
  if (o.applicationIds) q = q.where('i.applicationId', 'in', o.applicationIds.length ? o.applicationIds : ['00000000-0000-0000-0000-000000000000']);
  if (o.endedBefore) q = q.where('i.endsAt', '<=', o.endedBefore);
  if (o.endedAfter) q = q.where('i.endsAt', '>', o.endedAfter);
  if (o.openingId) q = q.where('o.id', '=', o.openingId);
  if (o.managedBy) {
    const userId = o.managedBy;
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('openingTeam as t').select('t.userId').whereRef('t.openingId', '=', 'o.id').where('t.userId', '=', userId).where('t.teamRole', 'in', ['hiring_manager', 'recruiter'])),
    );
  }
  return q.execute();
}

export async function insertDecision(
  db: Db,
  d: { id: string; orgId: string; applicationId: string; decision: 'advance' | 'reject' | 'offer' | 'hire'; reasonCode: string; rationale: string; stageMoveId: string | null; decidedBy: string; now: Date },
) {
  const { now, ...row } = d;
  await db.insertInto('decisions').values({ ...row, decidedAt: now }).execute();
}

export async function decisionsOf(db: Db, applicationId: string) {
  return db
    .selectFrom('decisions as d')
    .leftJoin('users as u', 'u.id', 'd.decidedBy')
    .select(['d.id', 'd.decision', 'd.reasonCode', 'd.rationale', 'd.decidedAt', 'u.name as decidedByName'])
    .where('d.applicationId', '=', applicationId)
    .orderBy('d.decidedAt')
    .execute();
}

export async function organizationIds(db: Db): Promise<string[]> {
  return (await db.selectFrom('organizations').select('id').execute()).map((r) => r.id);
}

export async function claimReminder(db: Db, interviewId: string, userId: string, kind: '24h' | '48h', now: Date): Promise<boolean> {
  const r = await db.insertInto('feedbackReminders').values({ interviewId, userId, kind, sentAt: now }).onConflict((oc) => oc.doNothing()).returning('kind').executeTakeFirst();
  return !!r;
}

/** Replaces the submitted ratings of a scorecard (rated competencies only; "not assessed" has no row). */
export async function replaceRatings(db: Db, s: { scorecardId: string; orgId: string; openingId: string; applicationId: string; interviewerId: string; submittedAt: Date }, ratings: Record<string, number | null>) {
  await db.deleteFrom('ratings').where('scorecardId', '=', s.scorecardId).execute();
  const rows = Object.entries(ratings)
    .filter((e): e is [string, number] => e[1] !== null)
    .map(([competencyId, rating]) => ({ ...s, competencyId, rating }));
  if (rows.length) await db.insertInto('ratings').values(rows).execute();
}

/** Recomputes an application's summary (recommendation mix and per-competency statistics) from the submitted rows. */
export async function refreshSummaries(db: Db, applicationId: string, openingId: string) {
  await sql`
    insert into application_summaries (application_id, opening_id, submitted, strong_no, no, yes, strong_yes, stats)
    select ${applicationId}, ${openingId}, count(*),
      count(*) filter (where body->>'recommendation' = 'strong_no'), count(*) filter (where body->>'recommendation' = 'no'),
      count(*) filter (where body->>'recommendation' = 'yes'), count(*) filter (where body->>'recommendation' = 'strong_yes'),
      coalesce((
        select jsonb_object_agg(competency_id, jsonb_build_array(n, mean, mn, mx))
        from (select competency_id, count(*) as n, avg(rating)::float8 as mean, min(rating) as mn, max(rating) as mx
              from ratings where application_id = ${applicationId} group by competency_id) t
      ), '{}'::jsonb)
    from scorecards where application_id = ${applicationId} and status = 'submitted'
    on conflict (application_id) do update set submitted = excluded.submitted, strong_no = excluded.strong_no, no = excluded.no,
      yes = excluded.yes, strong_yes = excluded.strong_yes, stats = excluded.stats`.execute(db);
}

/** Per application of a job: submitted scorecards, recommendation mix and per-competency statistics. */
export async function applicationSummaries(db: Db, openingId: string) {
  return db.selectFrom('applicationSummaries').select(['applicationId', 'submitted', 'strongNo', 'no', 'yes', 'strongYes', 'stats']).where('openingId', '=', openingId).execute();
}
