import { sql } from 'kysely';
import type { Db } from '../../server/db/connect.ts';

/**
 * All SQL of the candidate data export (a data-subject access export): every row held about one
 * candidate of one organization, plain rows out. Erased applications (candidate_id null) are no
 * longer linked to anyone and are not part of it.
 */

export async function orgOf(db: Db, orgId: string) {
  return db.selectFrom('organizations').select(['id', 'name']).where('id', '=', orgId).executeTakeFirstOrThrow();
}

export async function candidate(db: Db, orgId: string, candidateId: string) {
  return db
    .selectFrom('candidates')
    .select(['id', 'name', 'email', 'phone', 'links', 'source', 'notes', 'resumeName', 'resumeType', 'resumeSize', 'resumeText', 'interviewDataPurgedAt', 'createdAt', 'updatedAt'])
    .where('orgId', '=', orgId)
    .where('id', '=', candidateId)
    .executeTakeFirst();
}

export async function applications(db: Db, orgId: string, candidateId: string) {
  return db
    .selectFrom('applications as a')
    .innerJoin('openings as o', 'o.id', 'a.openingId')
    .leftJoin('rejectionReasons as r', (j) => j.onRef('r.orgId', '=', 'a.orgId').onRef('r.code', '=', 'a.rejectionReason'))
    .select(['a.id', 'a.openingId', 'o.title as jobTitle', 'o.stages', 'o.planId', 'a.stage', 'a.status', 'a.rejectionReason', 'r.label as rejectionLabel', 'a.rejectionNote', 'a.createdAt', 'a.updatedAt'])
    .where('a.orgId', '=', orgId)
    .where('a.candidateId', '=', candidateId)
    .orderBy('a.createdAt')
    .orderBy('a.id')
    .execute();
}

export async function stageMoves(db: Db, orgId: string, applicationIds: string[]) {
  if (!applicationIds.length) return [];
  return db
    .selectFrom('stageMoves as m')
    .leftJoin('users as u', 'u.id', 'm.movedBy')
    .select(['m.id', 'm.applicationId', 'm.seq', 'm.fromStage', 'm.toStage', 'm.reasonCode', 'm.note', 'm.undoes', 'm.movedAt', 'u.name as movedByName'])
    .where('m.orgId', '=', orgId)
    .where('m.applicationId', 'in', applicationIds)
    .orderBy('m.applicationId')
    .orderBy('m.seq')
    .execute();
}

export async function interviews(db: Db, orgId: string, applicationIds: string[]) {
  if (!applicationIds.length) return [];
  return db
    .selectFrom('interviews')
    .select(['id', 'applicationId', 'roundId', 'startsAt', 'endsAt', 'timeZone', 'location', 'status', 'createdAt'])
    .where('orgId', '=', orgId)
    .where('applicationId', 'in', applicationIds)
    .orderBy('startsAt')
    .orderBy('id')
    .execute();
}

export async function panels(db: Db, interviewIds: string[]) {
  if (!interviewIds.length) return [];
  return db
    .selectFrom('interviewInterviewers as p')
    .innerJoin('users as u', 'u.id', 'p.userId')
    .select(['p.interviewId', 'p.userId', 'p.seat', 'u.name'])
    .where('p.interviewId', 'in', interviewIds)
    .orderBy('u.name')
    .execute();
}

export async function transcripts(db: Db, orgId: string, interviewIds: string[]) {
  if (!interviewIds.length) return [];
  return db
    .selectFrom('transcripts')
    .select(['id', 'interviewId', 'fileName', 'format', 'analysis', 'engineVersion', 'createdAt', 'updatedAt'])
    .where('orgId', '=', orgId)
    .where('interviewId', 'in', interviewIds)
    .execute();
}

export async function turns(db: Db, orgId: string, transcriptIds: string[]) {
  if (!transcriptIds.length) return [];
  return db
    .selectFrom('transcriptTurns')
    .select(['transcriptId', 'idx', 'speaker', 'startMs', 'endMs', 'text'])
    .where('orgId', '=', orgId)
    .where('transcriptId', 'in', transcriptIds)
    .orderBy('transcriptId')
    .orderBy('idx')
    .execute();
}

export async function scorecards(db: Db, orgId: string, applicationIds: string[]) {
  if (!applicationIds.length) return [];
  return db
    .selectFrom('scorecards as s')
    .leftJoin('users as u', 'u.id', 's.interviewerId')
    .select(['s.id', 's.interviewId', 's.applicationId', 's.status', 's.body', 's.submittedAt', 's.createdAt', 's.updatedAt', 'u.name as interviewerName'])
    .where('s.orgId', '=', orgId)
    .where('s.applicationId', 'in', applicationIds)
    .orderBy('s.createdAt')
    .orderBy('s.id')
    .execute();
}

export async function decisions(db: Db, orgId: string, applicationIds: string[]) {
  if (!applicationIds.length) return [];
  return db
    .selectFrom('decisions as d')
    .leftJoin('users as u', 'u.id', 'd.decidedBy')
    .select(['d.id', 'd.applicationId', 'd.decision', 'd.reasonCode', 'd.rationale', 'd.decidedAt', 'u.name as decidedByName'])
    .where('d.orgId', '=', orgId)
    .where('d.applicationId', 'in', applicationIds)
    .orderBy('d.decidedAt')
    .execute();
}

export async function outcomes(db: Db, orgId: string, applicationIds: string[]) {
  if (!applicationIds.length) return [];
  return db
    .selectFrom('outcomes as o')
    .leftJoin('users as u', 'u.id', 'o.recordedBy')
    .select(['o.id', 'o.applicationId', 'o.checkpoint', 'o.performanceRating', 'o.retained', 'o.rampDays', 'o.regrettedAttrition', 'o.managerSatisfaction', 'o.note', 'o.recordedAt', 'u.name as recordedByName'])
    .where('o.orgId', '=', orgId)
    .where('o.applicationId', 'in', applicationIds)
    .orderBy('o.recordedAt')
    .execute();
}

export async function consents(db: Db, orgId: string, candidateId: string) {
  return db
    .selectFrom('consents as c')
    .leftJoin('users as u', 'u.id', 'c.recordedBy')
    .select(['c.id', 'c.kind', 'c.interviewId', 'c.wordingVersion', 'c.givenAt', 'c.withdrawnAt', 'u.name as recordedByName'])
    .where('c.orgId', '=', orgId)
    .where('c.candidateId', '=', candidateId)
    .orderBy('c.givenAt')
    .execute();
}

export async function demographics(db: Db, orgId: string, candidateId: string) {
  return db
    .selectFrom('demographics')
    .select(['sex', 'raceEthnicity', 'ageBand', 'source', 'submittedAt'])
    .where('orgId', '=', orgId)
    .where('candidateId', '=', candidateId)
    .executeTakeFirst();
}

export async function privacyRequests(db: Db, orgId: string, candidateId: string) {
  return db
    .selectFrom('privacyRequests')
    .select(['id', 'kind', 'message', 'status', 'createdAt', 'dueAt', 'resolvedAt', 'resolutionNote'])
    .where('orgId', '=', orgId)
    .where('candidateId', '=', candidateId)
    .orderBy('createdAt')
    .execute();
}

export async function legalHold(db: Db, orgId: string, candidateId: string) {
  return db.selectFrom('legalHolds').select(['reason', 'placedAt']).where('orgId', '=', orgId).where('candidateId', '=', candidateId).executeTakeFirst();
}

/** Outbox messages to the candidate's address, or whose subject or body names their email or full name. */
export async function emails(db: Db, orgId: string, email: string, name: string) {
  const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .selectFrom('outbox')
    .select(['id', 'toAddress', 'subject', 'bodyText', 'kind', 'status', 'createdAt', 'sentAt'])
    .where('orgId', '=', orgId)
    .where((eb) =>
      eb.or([
        eb(sql<string>`lower(to_address)`, '=', email.toLowerCase()),
        eb('bodyText', 'ilike', like(email)),
        eb('subject', 'ilike', like(email)),
        eb('bodyText', 'ilike', like(name)),
        eb('subject', 'ilike', like(name)),
      ]),
    )
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

/** Audit entries whose target is the candidate or one of their applications, interviews or scorecards. */
export async function auditEntries(db: Db, orgId: string, targetIds: string[]) {
  if (!targetIds.length) return [];
  return db
    .selectFrom('auditLog as a')
    .leftJoin('users as u', 'u.id', 'a.actorUserId')
    .select(['a.id', 'a.action', 'a.targetType', 'a.targetId', 'a.createdAt', 'u.name as actorName'])
    .where('a.orgId', '=', orgId)
    .where('a.targetId', 'in', targetIds)
    .orderBy('a.id')
    .execute();
}

export async function scorecardRevisions(db: Db, scorecardIds: string[]) {
  if (!scorecardIds.length) return [];
  return db
    .selectFrom('scorecardRevisions')
    .select(['scorecardId', 'number', 'body', 'createdAt'])
    .where('scorecardId', 'in', scorecardIds)
    .orderBy('scorecardId')
    .orderBy('number')
    .execute();
}

export async function availabilityWindows(db: Db, orgId: string, applicationIds: string[]) {
  if (!applicationIds.length) return [];
  return db
    .selectFrom('candidateWindows')
    .select(['applicationId', 'startsAt', 'endsAt', 'timeZone', 'source'])
    .where('orgId', '=', orgId)
    .where('applicationId', 'in', applicationIds)
    .orderBy('startsAt')
    .execute();
}
