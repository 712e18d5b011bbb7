import { sql } from 'kysely';
import type { Db } from '../../server/db/connect.ts';
import type { OutcomeCheckpoint } from '../../server/db/schema.ts';

const outcomeColumns = [
  'o.id',
  'o.applicationId',
  'o.checkpoint',
  'o.performanceRating',
  'o.retained',
  'o.rampDays',
  'o.regrettedAttrition',
  'o.managerSatisfaction',
  'o.note',
  'o.recordedAt',
  'o.updatedAt',
  'u.name as recordedByName',
] as const;

const checkpointOrder = { '3m': 0, '6m': 1, '12m': 2, '24m': 3 } as const;

export async function outcomesOf(db: Db, orgId: string, applicationId: string) {
  const rows = await db
    .selectFrom('outcomes as o')
    .leftJoin('users as u', 'u.id', 'o.recordedBy')
    .select(outcomeColumns)
    .where('o.orgId', '=', orgId)
    .where('o.applicationId', '=', applicationId)
    .execute();
  return rows.sort((a, b) => checkpointOrder[a.checkpoint] - checkpointOrder[b.checkpoint]);
}
export type OutcomeRow = Awaited<ReturnType<typeof outcomesOf>>[number];

export async function findOutcome(db: Db, orgId: string, applicationId: string, checkpoint: OutcomeCheckpoint) {
  return db
    .selectFrom('outcomes as o')
    .leftJoin('users as u', 'u.id', 'o.recordedBy')
    .select(outcomeColumns)
    .where('o.orgId', '=', orgId)
    .where('o.applicationId', '=', applicationId)
    .where('o.checkpoint', '=', checkpoint)
    .executeTakeFirst();
}

export interface OutcomeValues {
  performanceRating: number | null;
  retained: boolean | null;
  rampDays: number | null;
  regrettedAttrition: boolean | null;
  managerSatisfaction: number | null;
  note: string | null;
}

/**
 * Inserts or replaces the outcome of (application, checkpoint) in one statement (safe against a
 * concurrent save of the same checkpoint); answers its id and whether it was new.
 */
export async function upsertOutcome(db: Db, o: { id: string; orgId: string; applicationId: string; checkpoint: OutcomeCheckpoint; values: OutcomeValues; recordedBy: string | null; now: Date }) {
  const row = await db
    .insertInto('outcomes')
    .values({ id: o.id, orgId: o.orgId, applicationId: o.applicationId, checkpoint: o.checkpoint, ...o.values, recordedBy: o.recordedBy, recordedAt: o.now, createdAt: o.now, updatedAt: o.now })
    .onConflict((oc) => oc.columns(['applicationId', 'checkpoint']).doUpdateSet({ ...o.values, recordedBy: o.recordedBy, recordedAt: o.now, updatedAt: o.now }))
    .returning(['id', sql<boolean>`(xmax = 0)`.as('created')])
    .executeTakeFirstOrThrow();
  return { id: row.id, created: row.created };
}

export async function deleteOutcome(db: Db, orgId: string, applicationId: string, checkpoint: OutcomeCheckpoint) {
  return db.deleteFrom('outcomes').where('orgId', '=', orgId).where('applicationId', '=', applicationId).where('checkpoint', '=', checkpoint).returning('id').executeTakeFirst();
}

/** Applications of the organization by id, with what an import needs to check them. */
export async function applicationsByIds(db: Db, orgId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('applications').select(['id', 'openingId', 'status']).where('orgId', '=', orgId).where('id', 'in', ids).execute();
}

/** Applications of the organization found by candidate email and job id. */
export async function applicationsByEmailAndJob(db: Db, orgId: string, pairs: { email: string; jobId: string }[]) {
  if (pairs.length === 0) return [];
  const emails = [...new Set(pairs.map((p) => p.email))];
  const jobIds = [...new Set(pairs.map((p) => p.jobId))];
  return db
    .selectFrom('applications as a')
    .innerJoin('candidates as c', 'c.id', 'a.candidateId')
    .select(['a.id', 'a.openingId', 'a.status', 'c.email'])
    .where('a.orgId', '=', orgId)
    .where('a.openingId', 'in', jobIds)
    .where('c.email', 'in', emails)
    .execute();
}

export async function existingOutcomes(db: Db, orgId: string, applicationIds: string[]) {
  if (applicationIds.length === 0) return [];
  return db.selectFrom('outcomes').select(['applicationId', 'checkpoint']).where('orgId', '=', orgId).where('applicationId', 'in', applicationIds).execute();
}
