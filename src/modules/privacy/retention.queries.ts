import { sql } from 'kysely';
import type { Db } from '../../server/db/connect.ts';
import type { RetentionAction, RetentionAppliesTo } from '../../server/db/schema.ts';

/** All SQL of retention (policies, legal holds, runs) and of the candidate privacy panel. */

// ── Policies ──────────────────────────────────────────────────────────────────────────────────────

const policyColumns = ['id', 'name', 'appliesTo', 'afterMonths', 'action', 'enabled', 'createdAt', 'updatedAt'] as const;

export async function listPolicies(db: Db, orgId: string) {
  return db.selectFrom('retentionPolicies').select(policyColumns).where('orgId', '=', orgId).orderBy('createdAt').orderBy('id').execute();
}

export async function enabledPolicies(db: Db, orgId: string) {
  return db.selectFrom('retentionPolicies').select(['id', 'appliesTo', 'afterMonths', 'action']).where('orgId', '=', orgId).where('enabled', '=', true).execute();
}

export async function findPolicy(db: Db, orgId: string, id: string) {
  return db.selectFrom('retentionPolicies').select(policyColumns).where('orgId', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export interface PolicyValues {
  name: string;
  appliesTo: RetentionAppliesTo;
  afterMonths: number;
  action: RetentionAction;
  enabled: boolean;
}

export async function insertPolicy(db: Db, p: PolicyValues & { id: string; orgId: string; createdBy: string; now: Date }) {
  return db
    .insertInto('retentionPolicies')
    .values({ id: p.id, orgId: p.orgId, name: p.name, appliesTo: p.appliesTo, afterMonths: p.afterMonths, action: p.action, enabled: p.enabled, createdBy: p.createdBy, createdAt: p.now, updatedAt: p.now })
    .returning(policyColumns)
    .executeTakeFirstOrThrow();
}

export async function updatePolicy(db: Db, orgId: string, id: string, p: PolicyValues, now: Date) {
  return db.updateTable('retentionPolicies').set({ ...p, updatedAt: now }).where('orgId', '=', orgId).where('id', '=', id).returning(policyColumns).executeTakeFirst();
}

export async function deletePolicy(db: Db, orgId: string, id: string): Promise<boolean> {
  const r = await db.deleteFrom('retentionPolicies').where('orgId', '=', orgId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Organizations with at least one enabled policy (the daily job visits only these). */
export async function orgsWithEnabledPolicies(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('retentionPolicies').select('orgId').where('enabled', '=', true).distinct().orderBy('orgId').execute();
  return rows.map((r) => r.orgId);
}

// ── Facts the rules need ──────────────────────────────────────────────────────────────────────────

export interface RetentionFactRow {
  candidateId: string;
  candidateName: string;
  interviewDataPurgedAt: Date | null;
  status: 'active' | 'rejected' | 'hired';
  /** When the application last changed stage (its terminal status), else its last update. */
  decidedAt: Date;
  holdReason: string | null;
}

/**
 * One row per application of the organization's candidates (or of one candidate), with the time it
 * reached its current status: the latest stage move, falling back to the application's update time.
 * `closedOnly` skips candidates with an active application (nothing can be due for them).
 */
export async function retentionFacts(db: Db, orgId: string, opts: { candidateId?: string; closedOnly?: boolean } = {}): Promise<RetentionFactRow[]> {
  let query = db
    .selectFrom('candidates as c')
    .innerJoin('applications as a', 'a.candidateId', 'c.id')
    .leftJoin('legalHolds as h', 'h.candidateId', 'c.id')
    .select([
      'c.id as candidateId',
      'c.name as candidateName',
      'c.interviewDataPurgedAt',
      'a.status',
      sql<Date>`coalesce((select max(m.moved_at) from stage_moves m where m.application_id = a.id), a.updated_at)`.as('decidedAt'),
      'h.reason as holdReason',
    ])
    .where('c.orgId', '=', orgId)
    .where('a.orgId', '=', orgId);
  if (opts.candidateId) query = query.where('c.id', '=', opts.candidateId);
  if (opts.closedOnly) {
    query = query.where((eb) =>
      eb.not(eb.exists(eb.selectFrom('applications as x').select('x.id').whereRef('x.candidateId', '=', 'c.id').where('x.status', '=', 'active'))),
    );
  }
  return query.orderBy('c.name').orderBy('c.id').execute();
}

// ── Legal holds ───────────────────────────────────────────────────────────────────────────────────

export async function candidateInOrg(db: Db, orgId: string, candidateId: string) {
  return db.selectFrom('candidates').select(['id', 'name', 'interviewDataPurgedAt']).where('orgId', '=', orgId).where('id', '=', candidateId).executeTakeFirst();
}

const holdColumns = ['h.candidateId', 'h.reason', 'h.placedAt', 'h.placedBy', 'u.name as placedByName'] as const;

export async function findHold(db: Db, orgId: string, candidateId: string) {
  return db
    .selectFrom('legalHolds as h')
    .leftJoin('users as u', 'u.id', 'h.placedBy')
    .select(holdColumns)
    .where('h.orgId', '=', orgId)
    .where('h.candidateId', '=', candidateId)
    .executeTakeFirst();
}

/** Places or replaces the hold; returns whether one was there before. */
export async function upsertHold(db: Db, h: { orgId: string; candidateId: string; reason: string; placedBy: string; now: Date }): Promise<boolean> {
  const before = await db.selectFrom('legalHolds').select('candidateId').where('candidateId', '=', h.candidateId).where('orgId', '=', h.orgId).executeTakeFirst();
  await db
    .insertInto('legalHolds')
    .values({ candidateId: h.candidateId, orgId: h.orgId, reason: h.reason, placedBy: h.placedBy, placedAt: h.now })
    .onConflict((oc) => oc.column('candidateId').doUpdateSet({ reason: h.reason, placedBy: h.placedBy, placedAt: h.now }).where('legalHolds.orgId', '=', h.orgId))
    .execute();
  return !!before;
}

export async function deleteHold(db: Db, orgId: string, candidateId: string): Promise<boolean> {
  const r = await db.deleteFrom('legalHolds').where('orgId', '=', orgId).where('candidateId', '=', candidateId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function listHolds(db: Db, orgId: string) {
  return db
    .selectFrom('legalHolds as h')
    .innerJoin('candidates as c', 'c.id', 'h.candidateId')
    .leftJoin('users as u', 'u.id', 'h.placedBy')
    .select([...holdColumns, 'c.name as candidateName'])
    .where('h.orgId', '=', orgId)
    .orderBy('h.placedAt', 'desc')
    .orderBy('h.candidateId')
    .execute();
}

// ── Runs ──────────────────────────────────────────────────────────────────────────────────────────

export async function insertRun(
  db: Db,
  r: { id: string; orgId: string; trigger: 'schedule' | 'manual'; ranBy: string | null; ranAt: Date; erased: number; purged: number; held: number; receiptIds: string[] },
) {
  await db
    .insertInto('retentionRuns')
    .values({ ...r, receiptIds: JSON.stringify(r.receiptIds) })
    .execute();
}

export async function listRuns(db: Db, orgId: string, limit: number) {
  return db
    .selectFrom('retentionRuns as r')
    .leftJoin('users as u', 'u.id', 'r.ranBy')
    .select(['r.id', 'r.trigger', 'r.ranBy', 'u.name as ranByName', 'r.ranAt', 'r.erased', 'r.purged', 'r.held', 'r.receiptIds'])
    .where('r.orgId', '=', orgId)
    .orderBy('r.ranAt', 'desc')
    .orderBy('r.id', 'desc')
    .limit(limit)
    .execute();
}

export async function userName(db: Db, userId: string): Promise<string | null> {
  return (await db.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirst())?.name ?? null;
}

// ── Candidate privacy panel ───────────────────────────────────────────────────────────────────────

export async function consentsOf(db: Db, orgId: string, candidateId: string) {
  return db
    .selectFrom('consents')
    .select(['id', 'kind', 'interviewId', 'wordingVersion', 'givenAt', 'withdrawnAt'])
    .where('orgId', '=', orgId)
    .where('candidateId', '=', candidateId)
    .orderBy('givenAt', 'desc')
    .orderBy('id')
    .execute();
}

export async function lastNoticeLink(db: Db, orgId: string, candidateId: string) {
  return db
    .selectFrom('privacyLinks')
    .select(['createdAt', 'expiresAt', 'usedAt'])
    .where('orgId', '=', orgId)
    .where('candidateId', '=', candidateId)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}
