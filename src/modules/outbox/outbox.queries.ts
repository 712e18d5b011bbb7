import type { Db } from '../../server/db/connect.ts';
import type { OutboxTable } from '../../server/db/schema.ts';
import type { Insertable } from 'kysely';

export async function insertMessage(db: Db, row: Insertable<OutboxTable>): Promise<void> {
  await db.insertInto('outbox').values(row).execute();
}

/** The org's messages plus account messages (password resets) addressed to its members. */
function visibleTo(db: Db, orgId: string) {
  return db.selectFrom('outbox as o').where((eb) =>
    eb.or([
      eb('o.orgId', '=', orgId),
      eb.and([
        eb('o.orgId', 'is', null),
        eb('o.recipientUserId', 'in', eb.selectFrom('memberships').select('userId').where('orgId', '=', orgId)),
      ]),
    ]),
  );
}

export async function listMessages(db: Db, orgId: string, limit: number, before?: { createdAt: Date; id: string }) {
  let q = visibleTo(db, orgId).selectAll('o').orderBy('o.createdAt', 'desc').orderBy('o.id', 'desc').limit(limit + 1);
  if (before) {
    q = q.where((eb) =>
      eb.or([eb('o.createdAt', '<', before.createdAt), eb.and([eb('o.createdAt', '=', before.createdAt), eb('o.id', '<', before.id)])]),
    );
  }
  return q.execute();
}

export async function findVisibleMessage(db: Db, orgId: string, id: string) {
  return visibleTo(db, orgId).selectAll('o').where('o.id', '=', id).executeTakeFirst();
}

export async function findMessage(db: Db, id: string) {
  return db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function markSent(db: Db, id: string, now: Date): Promise<void> {
  await db.updateTable('outbox').set({ status: 'sent', sentAt: now, lastError: null }).where('id', '=', id).execute();
}

export async function markAttemptFailed(db: Db, id: string, error: string, isFinal: boolean): Promise<void> {
  await db
    .updateTable('outbox')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), lastError: error, status: isFinal ? 'failed' : 'queued' }))
    .where('id', '=', id)
    .execute();
}
