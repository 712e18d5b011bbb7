import type { Db } from '../../server/db/connect.ts';
import type { PrivacyRequestKind, PrivacyRequestStatus } from '../../server/db/schema.ts';

/** All SQL of the candidate notice links and the privacy request queue. */

export async function candidateInOrg(db: Db, orgId: string, candidateId: string) {
  return db.selectFrom('candidates').select(['id', 'name', 'email']).where('orgId', '=', orgId).where('id', '=', candidateId).executeTakeFirst();
}

export async function orgName(db: Db, orgId: string): Promise<string> {
  return (await db.selectFrom('organizations').select('name').where('id', '=', orgId).executeTakeFirstOrThrow()).name;
}

export async function insertLink(db: Db, l: { id: string; orgId: string; candidateId: string; tokenHash: string; expiresAt: Date; createdBy: string | null; now: Date }) {
  await db
    .insertInto('privacyLinks')
    .values({ id: l.id, orgId: l.orgId, candidateId: l.candidateId, tokenHash: l.tokenHash, expiresAt: l.expiresAt, createdBy: l.createdBy, createdAt: l.now })
    .execute();
}

export async function findLinkByHash(db: Db, tokenHash: string, forUpdate = false) {
  let q = db
    .selectFrom('privacyLinks as l')
    .innerJoin('candidates as c', (j) => j.onRef('c.id', '=', 'l.candidateId').onRef('c.orgId', '=', 'l.orgId'))
    .innerJoin('organizations as org', 'org.id', 'l.orgId')
    .select(['l.id', 'l.orgId', 'l.candidateId', 'l.expiresAt', 'l.usedAt', 'c.name as candidateName', 'org.name as orgName'])
    .where('l.tokenHash', '=', tokenHash);
  if (forUpdate) q = q.forUpdate('l');
  return q.executeTakeFirst();
}

export async function markLinkUsed(db: Db, id: string, now: Date) {
  await db.updateTable('privacyLinks').set({ usedAt: now }).where('id', '=', id).execute();
}

export async function enabledPolicies(db: Db, orgId: string) {
  return db
    .selectFrom('retentionPolicies')
    .select(['appliesTo', 'afterMonths', 'action'])
    .where('orgId', '=', orgId)
    .where('enabled', '=', true)
    .orderBy('appliesTo')
    .orderBy('afterMonths')
    .execute();
}

export async function applicationsOf(db: Db, orgId: string, candidateId: string) {
  return db
    .selectFrom('applications as a')
    .innerJoin('openings as o', 'o.id', 'a.openingId')
    .select(['a.id', 'o.title', 'o.planId'])
    .where('a.orgId', '=', orgId)
    .where('a.candidateId', '=', candidateId)
    .orderBy('a.createdAt')
    .execute();
}

export async function insertRequest(db: Db, r: { id: string; orgId: string; candidateId: string; kind: PrivacyRequestKind; message: string | null; dueAt: Date; now: Date }) {
  await db.insertInto('privacyRequests').values({ id: r.id, orgId: r.orgId, candidateId: r.candidateId, kind: r.kind, message: r.message, dueAt: r.dueAt, createdAt: r.now }).execute();
}

/** The request a used link created (the candidate's newest one made when the link was used). */
export async function requestOfLink(db: Db, orgId: string, candidateId: string, usedAt: Date) {
  return db
    .selectFrom('privacyRequests')
    .select(['id', 'dueAt'])
    .where('orgId', '=', orgId)
    .where('candidateId', '=', candidateId)
    .where('createdAt', '>=', usedAt)
    .orderBy('createdAt', 'desc')
    .executeTakeFirst();
}

export async function adminRecipients(db: Db, orgId: string) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.userId')
    .select(['u.id', 'u.email'])
    .where('m.orgId', '=', orgId)
    .where('m.role', 'in', ['owner', 'admin'])
    .orderBy('u.email')
    .execute();
}

function requestsQuery(db: Db, orgId: string) {
  return db
    .selectFrom('privacyRequests as r')
    .leftJoin('candidates as c', 'c.id', 'r.candidateId')
    .leftJoin('users as u', 'u.id', 'r.resolvedBy')
    .select([
      'r.id',
      'r.candidateId',
      'c.name as candidateName',
      'r.kind',
      'r.message',
      'r.status',
      'r.createdAt',
      'r.dueAt',
      'r.resolvedAt',
      'r.resolvedBy',
      'u.name as resolvedByName',
      'r.resolutionNote',
      'r.receiptId',
    ])
    .where('r.orgId', '=', orgId);
}
export type RequestRow = Awaited<ReturnType<typeof findRequest>> & object;

/** One candidate's requests, newest first (the candidate's privacy panel). */
export async function requestsOf(db: Db, orgId: string, candidateId: string) {
  return requestsQuery(db, orgId).where('r.candidateId', '=', candidateId).orderBy('r.createdAt', 'desc').orderBy('r.id').execute();
}

export async function listRequests(db: Db, orgId: string, onlyOpen: boolean) {
  let q = requestsQuery(db, orgId);
  if (onlyOpen) q = q.where('r.status', '=', 'open');
  // Open ones first, by due date; then the closed ones, most recently resolved first.
  return q
    .orderBy((eb) => eb.case().when('r.status', '=', 'open').then(0).else(1).end())
    .orderBy('r.dueAt')
    .orderBy('r.resolvedAt', 'desc')
    .orderBy('r.id')
    .limit(500)
    .execute();
}

export async function findRequest(db: Db, orgId: string, id: string, forUpdate = false) {
  let q = requestsQuery(db, orgId).where('r.id', '=', id);
  if (forUpdate) q = q.forUpdate('r');
  return q.executeTakeFirst();
}

export async function resolveRequest(db: Db, id: string, r: { status: PrivacyRequestStatus; resolvedBy: string; note: string; now: Date }) {
  await db.updateTable('privacyRequests').set({ status: r.status, resolvedBy: r.resolvedBy, resolvedAt: r.now, resolutionNote: r.note }).where('id', '=', id).execute();
}
