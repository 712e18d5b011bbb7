import type { Db } from '../../server/db/connect.ts';

/** Members of the organization by (lower-case) email. */
export async function membersByEmail(db: Db, orgId: string, emails: string[]) {
  const list = [...new Set(emails.map((e) => e.toLowerCase()))];
  if (list.length === 0) return [];
  return db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.userId')
    .select(['u.id', 'u.email'])
    .where('m.orgId', '=', orgId)
    .where('u.email', 'in', list)
    .execute();
}

/** Which of these candidates already have an application to the job. */
export async function candidatesOnJob(db: Db, openingId: string, candidateIds: string[]): Promise<Set<string>> {
  if (candidateIds.length === 0) return new Set();
  const rows = await db.selectFrom('applications').select('candidateId').where('openingId', '=', openingId).where('candidateId', 'in', candidateIds).execute();
  return new Set(rows.map((r) => r.candidateId!));
}

/** Applications of the organization by id, with their job's plan and stages. */
export async function applicationsForScorecards(db: Db, orgId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('applications as a')
    .innerJoin('openings as o', 'o.id', 'a.openingId')
    .select(['a.id', 'a.openingId', 'o.planId', 'o.stages'])
    .where('a.orgId', '=', orgId)
    .where('a.id', 'in', ids)
    .execute();
}

/** Existing scorecards of these applications: (application, round, interviewer) already scored. */
export async function scoredSeats(db: Db, applicationIds: string[]) {
  if (applicationIds.length === 0) return [];
  return db
    .selectFrom('scorecards as s')
    .innerJoin('interviews as i', 'i.id', 's.interviewId')
    .select(['s.applicationId', 'i.roundId', 's.interviewerId'])
    .where('s.applicationId', 'in', applicationIds)
    .execute();
}

/** Interviews (not cancelled) of these applications with their panels, to attach imported scorecards to. */
export async function panelsOfApplications(db: Db, applicationIds: string[]) {
  if (applicationIds.length === 0) return [];
  return db
    .selectFrom('interviews as i')
    .innerJoin('interviewInterviewers as ii', 'ii.interviewId', 'i.id')
    .select(['i.id', 'i.applicationId', 'i.roundId', 'ii.userId'])
    .where('i.applicationId', 'in', applicationIds)
    .where('i.status', '=', 'scheduled')
    .where('ii.seat', '=', 'interviewer')
    .execute();
}

/** Every stage move of a job's applications, in order. */
export async function movesOfJob(db: Db, orgId: string, openingId: string) {
  return db
    .selectFrom('stageMoves as m')
    .innerJoin('applications as a', 'a.id', 'm.applicationId')
    .leftJoin('users as u', 'u.id', 'm.movedBy')
    .select(['m.id', 'm.applicationId', 'm.seq', 'm.fromStage', 'm.toStage', 'm.reasonCode', 'm.note', 'm.undoes', 'm.movedAt', 'u.name as movedByName'])
    .where('a.orgId', '=', orgId)
    .where('a.openingId', '=', openingId)
    .orderBy('m.applicationId')
    .orderBy('m.seq')
    .execute();
}

/** Every decision on a job's applications, oldest first. */
export async function decisionsOfJob(db: Db, orgId: string, openingId: string) {
  return db
    .selectFrom('decisions as d')
    .innerJoin('applications as a', 'a.id', 'd.applicationId')
    .leftJoin('users as u', 'u.id', 'd.decidedBy')
    .select(['d.id', 'd.applicationId', 'd.decision', 'd.reasonCode', 'd.rationale', 'd.decidedAt', 'u.name as decidedByName'])
    .where('a.orgId', '=', orgId)
    .where('a.openingId', '=', openingId)
    .orderBy('d.decidedAt')
    .execute();
}

/** The plan versions a job's scorecards were stamped with. */
export async function planVersionsOfJob(db: Db, orgId: string, openingId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('scorecards as s')
    .innerJoin('applications as a', 'a.id', 's.applicationId')
    .select('s.planVersionId')
    .distinct()
    .where('a.orgId', '=', orgId)
    .where('a.openingId', '=', openingId)
    .execute();
  return rows.map((r) => r.planVersionId);
}
