import type { Db } from '../../server/db/connect.ts';

function interviewQuery(db: Db) {
  return db
    .selectFrom('interviews as i')
    .innerJoin('applications as a', 'a.id', 'i.applicationId')
    .innerJoin('openings as o', 'o.id', 'a.openingId')
    .innerJoin('candidates as c', 'c.id', 'a.candidateId')
    .selectAll('i')
    .select(['a.openingId', 'o.title as jobTitle', 'o.stages', 'o.planId', 'a.candidateId', 'c.name as candidateName']);
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
    .select(['ii.interviewId', 'ii.userId', 'u.name', 's.id as scorecardId', 's.status as scorecardStatus'])
    .where('ii.interviewId', 'in', interviewIds)
    .orderBy('u.name')
    .execute();
}

export async function insertInterview(
  db: Db,
  i: { id: string; orgId: string; applicationId: string; roundId: string; startsAt: Date; endsAt: Date; timeZone: string; location: string; createdBy: string; now: Date },
) {
  const { now, ...row } = i;
  await db.insertInto('interviews').values({ ...row, createdAt: now, updatedAt: now }).execute();
}

export async function updateInterview(
  db: Db,
  id: string,
  patch: { roundId?: string; startsAt?: Date; endsAt?: Date; timeZone?: string; location?: string; status?: 'scheduled' | 'cancelled' },
  now: Date,
) {
  await db.updateTable('interviews').set({ ...patch, updatedAt: now }).where('id', '=', id).execute();
}

export async function setPanel(db: Db, interviewId: string, userIds: string[]) {
  await db.deleteFrom('interviewInterviewers').where('interviewId', '=', interviewId).where('userId', 'not in', userIds).execute();
  await db
    .insertInto('interviewInterviewers')
    .values(userIds.map((userId) => ({ interviewId, userId })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}
