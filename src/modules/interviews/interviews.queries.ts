import type { Db } from '../../server/db/connect.ts';

export async function usersByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('users').select(['id', 'name', 'email']).where('id', 'in', ids).execute();
}

export async function resumeNameOf(db: Db, candidateId: string) {
  const r = await db.selectFrom('candidates').select('resumeName').where('id', '=', candidateId).executeTakeFirst();
  return r?.resumeName ?? null;
}

/** Everything an invite says about an interview. */
export async function interviewForInvite(db: Db, interviewId: string) {
  return db
    .selectFrom('interviews as i')
    .innerJoin('applications as a', 'a.id', 'i.applicationId')
    .innerJoin('openings as o', 'o.id', 'a.openingId')
    .innerJoin('candidates as c', 'c.id', 'a.candidateId')
    .innerJoin('organizations as org', 'org.id', 'i.orgId')
    .select(['i.id', 'i.orgId', 'i.uid', 'i.sequence', 'i.startsAt', 'i.endsAt', 'i.timeZone', 'i.location', 'i.roundId', 'o.title as jobTitle', 'o.stages', 'o.planId', 'c.name as candidateName', 'c.email as candidateEmail', 'org.name as orgName'])
    .where('i.id', '=', interviewId)
    .executeTakeFirstOrThrow();
}

export async function panelWithEmails(db: Db, interviewId: string) {
  return db
    .selectFrom('interviewInterviewers as ii')
    .innerJoin('users as u', 'u.id', 'ii.userId')
    .select(['u.id', 'u.name', 'u.email', 'ii.seat'])
    .where('ii.interviewId', '=', interviewId)
    .orderBy('u.name')
    .execute();
}

function interviewQuery(db: Db) {
  return db
    .selectFrom('interviews as i')
    .innerJoin('applications as a', 'a.id', 'i.applicationId')
    .innerJoin('openings as o', 'o.id', 'a.openingId')
    .innerJoin('candidates as c', 'c.id', 'a.candidateId')
    .selectAll('i')
    .select(['a.openingId', 'o.title as jobTitle', 'o.stages', 'o.planId', 'c.id as candidateId', 'c.name as candidateName']);
}
export type InterviewRow = Awaited<ReturnType<ReturnType<typeof interviewQuery>['execute']>>[number];

export async function findInterview(db: Db, orgId: string, id: string) {
  return interviewQuery(db).where('i.orgId', '=', orgId).where('i.id', '=', id).executeTakeFirst();
}

export async function interviewsOfApplication(db: Db, applicationId: string) {
  return interviewQuery(db).where('i.applicationId', '=', applicationId).orderBy('i.startsAt').execute();
}

export async function interviewsOfUser(db: Db, orgId: string, userId: string, endedAfter: Date) {
  return interviewQuery(db)
    .innerJoin('interviewInterviewers as me', 'me.interviewId', 'i.id')
    .where('i.orgId', '=', orgId)
    .where('me.userId', '=', userId)
    .where('i.status', '=', 'scheduled')
    .where('i.endsAt', '>', endedAfter)
    .orderBy('i.startsAt')
    .limit(500)
    .execute();
}

/** Interviewers of the interviews with their scorecard state. */
export async function panelsOf(db: Db, interviewIds: string[]) {
  if (interviewIds.length === 0) return [];
  return db
    .selectFrom('interviewInterviewers as ii')
    .innerJoin('users as u', 'u.id', 'ii.userId')
    .leftJoin('scorecards as s', (j) => j.onRef('s.interviewId', '=', 'ii.interviewId').onRef('s.interviewerId', '=', 'ii.userId'))
    .select(['ii.interviewId', 'ii.userId', 'ii.seat', 'u.name', 's.id as scorecardId', 's.status as scorecardStatus'])
    .where('ii.interviewId', 'in', interviewIds)
    .orderBy('u.name')
    .execute();
}

export async function insertInterview(
  db: Db,
  i: { id: string; orgId: string; applicationId: string; roundId: string; startsAt: Date; endsAt: Date; timeZone: string; location: string; createdBy: string; now: Date },
) {
  const { now, ...row } = i;
  await db.insertInto('interviews').values({ ...row, uid: `${i.id}@rubric`, createdAt: now, updatedAt: now }).execute();
}

export async function updateInterview(
  db: Db,
  id: string,
  patch: { roundId?: string; startsAt?: Date; endsAt?: Date; timeZone?: string; location?: string; status?: 'scheduled' | 'cancelled' },
  now: Date,
) {
  await db.updateTable('interviews').set({ ...patch, updatedAt: now }).where('id', '=', id).execute();
}

/** Sets the panel (interviewers and shadows); returns the user ids removed from it. */
export async function setPanel(db: Db, interviewId: string, seats: { userId: string; seat: 'interviewer' | 'shadow' }[]): Promise<string[]> {
  const removed = await db
    .deleteFrom('interviewInterviewers')
    .where('interviewId', '=', interviewId)
    .where('userId', 'not in', seats.map((s) => s.userId))
    .returning('userId')
    .execute();
  await db
    .insertInto('interviewInterviewers')
    .values(seats.map((s) => ({ interviewId, userId: s.userId, seat: s.seat })))
    .onConflict((oc) => oc.columns(['interviewId', 'userId']).doUpdateSet((eb) => ({ seat: eb.ref('excluded.seat') })))
    .execute();
  return removed.map((r) => r.userId);
}

export async function bumpSequence(db: Db, id: string) {
  await db.updateTable('interviews').set((eb) => ({ sequence: eb('sequence', '+', 1) })).where('id', '=', id).execute();
}
