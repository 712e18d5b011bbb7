import { type ExpressionBuilder, sql } from 'kysely';
import type { Db } from '../../server/db/connect.ts';
import type { DB } from '../../server/db/schema.ts';

const candidateColumns = ['c.id', 'c.orgId', 'c.name', 'c.email', 'c.phone', 'c.links', 'c.source', 'c.notes', 'c.resumeName', 'c.resumeType', 'c.resumeSize', 'c.createdAt', 'c.updatedAt'] as const;

export async function findCandidate(db: Db, orgId: string, id: string) {
  return db
    .selectFrom('candidates as c')
    .select([...candidateColumns, sql<number>`coalesce(length(c.resume_text), 0)::int`.as('resumeTextLength')])
    .where('c.orgId', '=', orgId)
    .where('c.id', '=', id)
    .executeTakeFirst();
}
export type CandidateRow = NonNullable<Awaited<ReturnType<typeof findCandidate>>>;

export async function findCandidateByEmail(db: Db, orgId: string, email: string) {
  return db.selectFrom('candidates').select(['id', 'name']).where('orgId', '=', orgId).where('email', '=', email).executeTakeFirst();
}

export async function candidatesByEmail(db: Db, orgId: string, emails: string[]) {
  if (emails.length === 0) return [];
  return db.selectFrom('candidates').select(['id', 'email']).where('orgId', '=', orgId).where('email', 'in', emails).execute();
}

export async function insertCandidate(
  db: Db,
  c: { id: string; orgId: string; name: string; email: string; phone: string | null; links: string[]; source: string | null; notes: string | null; createdBy: string | null; now: Date },
) {
  const { now, links, ...row } = c;
  await db.insertInto('candidates').values({ ...row, links: JSON.stringify(links), createdAt: now, updatedAt: now }).execute();
}

export async function updateCandidate(db: Db, id: string, patch: { name?: string; email?: string; phone?: string | null; links?: string[]; source?: string | null; notes?: string | null }, now: Date) {
  const { links, ...rest } = patch;
  await db
    .updateTable('candidates')
    .set({ ...rest, ...(links ? { links: JSON.stringify(links) } : {}), updatedAt: now })
    .where('id', '=', id)
    .execute();
}

export async function saveResume(db: Db, id: string, r: { name: string; type: string; data: Buffer; text: string }, now: Date) {
  await db
    .updateTable('candidates')
    .set({ resumeName: r.name, resumeType: r.type, resumeSize: r.data.length, resumeData: r.data, resumeText: r.text, updatedAt: now })
    .where('id', '=', id)
    .execute();
}

export async function resumeFile(db: Db, orgId: string, id: string) {
  return db.selectFrom('candidates').select(['resumeName', 'resumeType', 'resumeData']).where('orgId', '=', orgId).where('id', '=', id).executeTakeFirst();
}

/** Applications a non-manager may see: on jobs where they are hiring manager or recruiter, or that they interview. */
export function visibleApplication(userId: string) {
  return (eb: ExpressionBuilder<DB & { a: DB['applications'] }, 'a'>) =>
    eb.or([
      eb.exists(
        eb.selectFrom('openingTeam as t').select('t.userId').whereRef('t.openingId', '=', 'a.openingId').where('t.userId', '=', userId).where('t.teamRole', 'in', ['hiring_manager', 'recruiter']),
      ),
      eb.exists(eb.selectFrom('interviews as i').innerJoin('interviewInterviewers as ii', 'ii.interviewId', 'i.id').select('i.id').whereRef('i.applicationId', '=', 'a.id').where('ii.userId', '=', userId)),
    ]);
}

export async function listCandidates(db: Db, orgId: string, o: { visibleTo: string | null; q?: string | undefined; limit: number; after?: { at: Date; id: string } | undefined }) {
  let q = db
    .selectFrom('candidates as c')
    .select([...candidateColumns, sql<number>`coalesce(length(c.resume_text), 0)::int`.as('resumeTextLength')])
    .where('c.orgId', '=', orgId)
    .orderBy('c.createdAt', 'desc')
    .orderBy('c.id', 'desc')
    .limit(o.limit + 1);
  if (o.q) q = q.where(sql<boolean>`c.search @@ plainto_tsquery('simple', ${o.q})`);
  if (o.visibleTo) {
    const userId = o.visibleTo;
    q = q.where((eb) => eb.exists(eb.selectFrom('applications as a').select('a.id').whereRef('a.candidateId', '=', 'c.id').where(visibleApplication(userId))));
  }
  if (o.after) {
    const a = o.after;
    q = q.where((eb) => eb.or([eb('c.createdAt', '<', a.at), eb.and([eb('c.createdAt', '=', a.at), eb('c.id', '<', a.id)])]));
  }
  return q.execute();
}

function applicationQuery(db: Db) {
  return db
    .selectFrom('applications as a')
    .innerJoin('openings as o', 'o.id', 'a.openingId')
    .innerJoin('candidates as c', 'c.id', 'a.candidateId')
    .selectAll('a')
    .select(['c.id as candidateId', 'o.title as jobTitle', 'o.stages', 'o.planId', 'c.name as candidateName', 'c.email as candidateEmail']);
}

export async function findApplication(db: Db, orgId: string, id: string, forUpdate = false) {
  let q = applicationQuery(db).where('a.orgId', '=', orgId).where('a.id', '=', id);
  if (forUpdate) q = q.forUpdate('a');
  return q.executeTakeFirst();
}
export type ApplicationRow = NonNullable<Awaited<ReturnType<typeof findApplication>>>;

export async function applicationsOfCandidate(db: Db, orgId: string, candidateId: string, visibleTo: string | null) {
  let q = applicationQuery(db).where('a.orgId', '=', orgId).where('a.candidateId', '=', candidateId).orderBy('a.createdAt');
  if (visibleTo) q = q.where(visibleApplication(visibleTo));
  return q.execute();
}

export async function listApplications(
  db: Db,
  orgId: string,
  openingId: string,
  o: { onlyInterviewer: string | null; stage?: string | undefined; status?: string | undefined; q?: string | undefined; limit: number; after?: { at: Date; id: string } | undefined },
) {
  let q = applicationQuery(db).where('a.orgId', '=', orgId).where('a.openingId', '=', openingId).orderBy('a.createdAt').orderBy('a.id').limit(o.limit + 1);
  if (o.stage) q = q.where('a.stage', '=', o.stage);
  if (o.status) q = q.where('a.status', '=', o.status as 'active');
  if (o.q) q = q.where(sql<boolean>`c.search @@ plainto_tsquery('simple', ${o.q})`);
  if (o.onlyInterviewer) {
    const userId = o.onlyInterviewer;
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('interviews as i').innerJoin('interviewInterviewers as ii', 'ii.interviewId', 'i.id').select('i.id').whereRef('i.applicationId', '=', 'a.id').where('ii.userId', '=', userId)),
    );
  }
  if (o.after) {
    const a = o.after;
    q = q.where((eb) => eb.or([eb('a.createdAt', '>', a.at), eb.and([eb('a.createdAt', '=', a.at), eb('a.id', '>', a.id)])]));
  }
  return q.execute();
}

export async function findApplicationFor(db: Db, openingId: string, candidateId: string) {
  return db.selectFrom('applications').select('id').where('openingId', '=', openingId).where('candidateId', '=', candidateId).executeTakeFirst();
}

export async function insertApplication(db: Db, a: { id: string; orgId: string; openingId: string; candidateId: string; stage: string; now: Date }) {
  const { now, ...row } = a;
  await db.insertInto('applications').values({ ...row, createdAt: now, updatedAt: now }).execute();
}

export async function updateApplicationStage(
  db: Db,
  id: string,
  s: { stage: string; status: 'active' | 'rejected' | 'hired'; rejectionReason: string | null; rejectionNote: string | null },
  now: Date,
) {
  await db
    .updateTable('applications')
    .set((eb) => ({ ...s, version: eb('version', '+', 1), updatedAt: now }))
    .where('id', '=', id)
    .execute();
}

export async function insertMove(
  db: Db,
  m: { id: string; orgId: string; applicationId: string; fromStage: string | null; toStage: string; reasonCode: string | null; note: string | null; undoes: string | null; movedBy: string | null; now: Date },
) {
  const { now, ...row } = m;
  await db
    .insertInto('stageMoves')
    .values((eb) => ({
      ...row,
      seq: eb.selectFrom('stageMoves').select(sql<number>`coalesce(max(seq), 0) + 1`.as('s')).where('applicationId', '=', m.applicationId),
      movedAt: now,
    }))
    .execute();
}

export async function movesOf(db: Db, applicationIds: string[]) {
  if (applicationIds.length === 0) return [];
  return db
    .selectFrom('stageMoves as m')
    .leftJoin('users as u', 'u.id', 'm.movedBy')
    .selectAll('m')
    .select('u.name as movedByName')
    .where('m.applicationId', 'in', applicationIds)
    .orderBy('m.applicationId')
    .orderBy('m.seq')
    .execute();
}

export async function lastMove(db: Db, applicationId: string) {
  return db.selectFrom('stageMoves').selectAll().where('applicationId', '=', applicationId).orderBy('seq', 'desc').limit(1).executeTakeFirst();
}

export async function lastMoveInto(db: Db, applicationId: string, stage: string, beforeSeq: number) {
  return db
    .selectFrom('stageMoves')
    .selectAll()
    .where('applicationId', '=', applicationId)
    .where('toStage', '=', stage)
    .where('seq', '<', beforeSeq)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function timelineExtras(db: Db, applicationIds: string[]) {
  if (applicationIds.length === 0) return { interviews: [], submissions: [], decisions: [] };
  const interviews = await db
    .selectFrom('interviews')
    .select(['id', 'applicationId', 'roundId', 'startsAt', 'status'])
    .where('applicationId', 'in', applicationIds)
    .execute();
  const submissions = await db
    .selectFrom('scorecards as s')
    .innerJoin('users as u', 'u.id', 's.interviewerId')
    .select(['s.applicationId', 's.submittedAt', 'u.name'])
    .where('s.applicationId', 'in', applicationIds)
    .where('s.status', '=', 'submitted')
    .execute();
  const decisions = await db
    .selectFrom('decisions as d')
    .leftJoin('users as u', 'u.id', 'd.decidedBy')
    .select(['d.applicationId', 'd.decision', 'd.decidedAt', 'u.name'])
    .where('d.applicationId', 'in', applicationIds)
    .execute();
  return { interviews, submissions, decisions };
}

export async function isInterviewerOn(db: Db, applicationId: string, userId: string): Promise<boolean> {
  const r = await db
    .selectFrom('interviews as i')
    .innerJoin('interviewInterviewers as ii', 'ii.interviewId', 'i.id')
    .select('i.id')
    .where('i.applicationId', '=', applicationId)
    .where('ii.userId', '=', userId)
    .limit(1)
    .executeTakeFirst();
  return !!r;
}

/** The slim rows of a job's applications (no job columns repeated per row), for reports over a whole job. */
export async function applicationRowsOfJob(db: Db, orgId: string, openingId: string, onlyInterviewer: string | null) {
  let q = db
    .selectFrom('applications as a')
    .innerJoin('candidates as c', 'c.id', 'a.candidateId')
    .select(['a.id', 'c.id as candidateId', 'a.stage', 'a.status', 'c.name as candidateName'])
    .where('a.orgId', '=', orgId)
    .where('a.openingId', '=', openingId)
    .orderBy('a.createdAt')
    .orderBy('a.id');
  if (onlyInterviewer) {
    const userId = onlyInterviewer;
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('interviews as i').innerJoin('interviewInterviewers as ii', 'ii.interviewId', 'i.id').select('i.id').whereRef('i.applicationId', '=', 'a.id').where('ii.userId', '=', userId)),
    );
  }
  return q.execute();
}
