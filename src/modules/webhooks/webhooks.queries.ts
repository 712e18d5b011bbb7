import { sql } from 'kysely';
import type { Db } from '../../server/db/connect.ts';
import type { WebhookDeliveryStatus } from '../../server/db/schema.ts';

// ---- endpoints ----

export interface NewEndpoint {
  id: string;
  orgId: string;
  url: string;
  description: string;
  events: string[];
  active: boolean;
  secretEncrypted: string;
  createdBy: string | null;
  now: Date;
}

export async function insertEndpoint(db: Db, e: NewEndpoint): Promise<void> {
  const { now, ...rest } = e;
  await db.insertInto('webhookEndpoints').values({ ...rest, createdAt: now, updatedAt: now }).execute();
}

function endpointColumns(db: Db) {
  return db
    .selectFrom('webhookEndpoints as e')
    .select((eb) => [
      'e.id',
      'e.orgId',
      'e.url',
      'e.description',
      'e.events',
      'e.active',
      'e.createdAt',
      'e.updatedAt',
      eb.selectFrom('webhookDeliveries as d').select(sql<number>`count(*)::int`.as('n')).whereRef('d.endpointId', '=', 'e.id').where('d.status', '=', 'pending').as('pending'),
      eb.selectFrom('webhookDeliveries as d').select(sql<number>`count(*)::int`.as('n')).whereRef('d.endpointId', '=', 'e.id').where('d.status', '=', 'retrying').as('retrying'),
      eb.selectFrom('webhookDeliveries as d').select(sql<number>`count(*)::int`.as('n')).whereRef('d.endpointId', '=', 'e.id').where('d.status', '=', 'delivered').as('delivered'),
      eb.selectFrom('webhookDeliveries as d').select(sql<number>`count(*)::int`.as('n')).whereRef('d.endpointId', '=', 'e.id').where('d.status', '=', 'dead').as('dead'),
    ]);
}
export type EndpointRow = NonNullable<Awaited<ReturnType<typeof findEndpoint>>>;

export async function findEndpoint(db: Db, orgId: string, id: string) {
  return endpointColumns(db).where('e.orgId', '=', orgId).where('e.id', '=', id).executeTakeFirst();
}

export async function listEndpoints(db: Db, orgId: string) {
  return endpointColumns(db).where('e.orgId', '=', orgId).orderBy('e.createdAt').orderBy('e.id').execute();
}

export async function updateEndpoint(
  db: Db,
  id: string,
  set: { url?: string; description?: string; events?: string[]; active?: boolean; secretEncrypted?: string },
  now: Date,
): Promise<void> {
  await db
    .updateTable('webhookEndpoints')
    .set({ ...set, updatedAt: now })
    .where('id', '=', id)
    .execute();
}

export async function deleteEndpoint(db: Db, id: string): Promise<void> {
  await db.deleteFrom('webhookEndpoints').where('id', '=', id).execute();
}

/** Active endpoints of the organization subscribed to `type` (an empty list subscribes to all). */
export async function subscribedEndpoints(db: Db, orgId: string, type: string) {
  return db
    .selectFrom('webhookEndpoints')
    .select('id')
    .where('orgId', '=', orgId)
    .where('active', '=', true)
    .where(sql<boolean>`(cardinality(events) = 0 or ${type} = any(events))`)
    .orderBy('createdAt')
    .execute();
}

// ---- deliveries ----

export interface NewDelivery {
  id: string;
  orgId: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  data: Record<string, unknown>;
  createdAt: Date;
}

export async function insertDeliveries(db: Db, rows: NewDelivery[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('webhookDeliveries')
    .values(rows.map((r) => ({ ...r, data: JSON.stringify(r.data) })))
    .execute();
}

function deliveryColumns(db: Db) {
  return db
    .selectFrom('webhookDeliveries as d')
    .select([
      'd.id',
      'd.orgId',
      'd.endpointId',
      'd.eventId',
      'd.eventType',
      'd.data',
      'd.status',
      'd.attempts',
      'd.lastStatusCode',
      'd.lastError',
      'd.nextAttemptAt',
      'd.deliveredAt',
      'd.createdAt',
    ]);
}
export type DeliveryRow = NonNullable<Awaited<ReturnType<typeof findDelivery>>>;

export async function findDelivery(db: Db, orgId: string, id: string, forUpdate = false) {
  let q = deliveryColumns(db).where('d.orgId', '=', orgId).where('d.id', '=', id);
  if (forUpdate) q = q.forUpdate('d');
  return q.executeTakeFirst();
}

export async function listDeliveries(
  db: Db,
  endpointId: string,
  o: { status?: WebhookDeliveryStatus | undefined; limit: number; before?: { at: Date; id: string } | undefined },
) {
  let q = deliveryColumns(db).where('d.endpointId', '=', endpointId);
  if (o.status) q = q.where('d.status', '=', o.status);
  if (o.before) {
    const b = o.before;
    q = q.where((eb) => eb.or([eb('d.createdAt', '<', b.at), eb.and([eb('d.createdAt', '=', b.at), eb('d.id', '<', b.id)])]));
  }
  return q.orderBy('d.createdAt', 'desc').orderBy('d.id', 'desc').limit(o.limit + 1).execute();
}

export async function attemptsOf(db: Db, deliveryIds: string[]) {
  if (deliveryIds.length === 0) return [];
  return db
    .selectFrom('webhookAttempts')
    .select(['deliveryId', 'attempt', 'at', 'statusCode', 'error', 'durationMs'])
    .where('deliveryId', 'in', deliveryIds)
    .orderBy('deliveryId')
    .orderBy('attempt')
    .execute();
}

/** What the deliver job needs: the delivery, its endpoint and the organization's settings. */
export async function deliveryForSending(db: Db, id: string) {
  return db
    .selectFrom('webhookDeliveries as d')
    .innerJoin('webhookEndpoints as e', 'e.id', 'd.endpointId')
    .innerJoin('organizations as o', 'o.id', 'd.orgId')
    .select([
      'd.id',
      'd.orgId',
      'd.eventId',
      'd.eventType',
      'd.data',
      'd.status',
      'd.attempts',
      'd.createdAt',
      'e.url',
      'e.active',
      'e.secretEncrypted',
      'o.settings',
    ])
    .where('d.id', '=', id)
    .executeTakeFirst();
}

export async function recordAttempt(
  db: Db,
  a: { id: string; deliveryId: string; attempt: number; at: Date; statusCode: number | null; error: string | null; durationMs: number },
): Promise<void> {
  await db.insertInto('webhookAttempts').values(a).execute();
}

/** The next attempt number of a delivery across all its rounds (redeliveries continue the count). */
export async function nextAttemptNumber(db: Db, deliveryId: string): Promise<number> {
  const r = await db.selectFrom('webhookAttempts').select(sql<number>`coalesce(max(attempt), 0)::int`.as('n')).where('deliveryId', '=', deliveryId).executeTakeFirst();
  return (r?.n ?? 0) + 1;
}

export async function setDeliveryOutcome(
  db: Db,
  id: string,
  set: { status: WebhookDeliveryStatus; attempts: number; lastStatusCode: number | null; lastError: string | null; nextAttemptAt: Date | null; deliveredAt?: Date | null },
): Promise<void> {
  await db.updateTable('webhookDeliveries').set(set).where('id', '=', id).execute();
}

/** A new round of attempts for a delivery (manual redelivery). */
export async function requeueDelivery(db: Db, id: string, now: Date): Promise<void> {
  await db.updateTable('webhookDeliveries').set({ status: 'pending', attempts: 0, nextAttemptAt: now }).where('id', '=', id).execute();
}

/**
 * Erasure: replaces the candidate's id by null in every stored event of the organization that
 * carries it (ids identify no one once the rows are gone, but the stored events would otherwise
 * link the old id to the surviving applications). Returns how many rows changed.
 */
export async function forgetCandidate(db: Db, orgId: string, candidateId: string): Promise<number> {
  const r = await sql`
    update webhook_deliveries set data = jsonb_set(data, '{candidateId}', 'null'::jsonb)
    where org_id = ${orgId} and data->>'candidateId' = ${candidateId}`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}
