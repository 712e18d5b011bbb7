import { createHash } from 'node:crypto';
import { canonicalJson } from '../../core/util/canonical-json.ts';
import type { PageQuery } from '../../shared/common.ts';
import { readCursor, toPage } from '../../shared/pagination.ts';
import { type Ctx, inTransaction } from '../../server/context.ts';
import type { Db } from '../../server/db/connect.ts';
import { requireRole } from '../orgs/orgs.policy.ts';
import type { AuditAction, AuditEntry, VerifyAuditResult } from './audit.contract.ts';
import * as q from './audit.queries.ts';

export interface AuditTarget {
  type: string;
  id: string;
}

interface HashedFields {
  orgId: string | null;
  actorUserId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
  requestId: string | null;
  createdAt: Date;
}

function hashEntry(prevHash: string, e: HashedFields): string {
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(canonicalJson({ ...e, createdAt: e.createdAt.toISOString() }))
    .digest('hex');
}

/**
 * Appends one entry to the organization's audit log. `details` holds ids and field names only —
 * never personal data — so erasure never touches the log. Writers serialize on audit_head, which
 * keeps the hash chain linear across instances.
 */
export async function audit(
  ctx: Ctx,
  action: AuditAction,
  target: AuditTarget | null,
  details: Record<string, unknown> = {},
  orgId: string | null = ctx.actor?.org?.id ?? null,
): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const head = await q.lockAuditHead(tx.db);
    const fields: HashedFields = {
      orgId,
      actorUserId: ctx.actor?.userId ?? null,
      action,
      targetType: target?.type ?? null,
      targetId: target?.id ?? null,
      details,
      requestId: ctx.requestId,
      createdAt: ctx.clock.now(),
    };
    await q.insertAuditEntry(tx.db, { ...fields, prevHash: head.lastHash, hash: hashEntry(head.lastHash, fields) });
  });
}

export async function listAudit(ctx: Ctx, page: PageQuery): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
  const actor = requireRole(ctx, ['owner', 'admin']);
  const beforeId = readCursor(page.cursor, 1)?.[0];
  const rows = await q.listAuditPage(ctx.db, actor.org.id, page.limit, beforeId === undefined ? undefined : Number(beforeId) || 0);
  return toPage(
    rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
    page.limit,
    (e) => [e.id],
  );
}

/** Recomputes the whole chain; reports the first entry whose hash or link does not match. */
export async function verifyAuditChain(db: Db): Promise<VerifyAuditResult> {
  let prevHash = '0'.repeat(64);
  let afterId = 0;
  let checked = 0;
  for (;;) {
    const batch = await q.readAuditBatch(db, afterId, 1000);
    if (batch.length === 0) break;
    for (const row of batch) {
      if (row.prevHash !== prevHash) return { ok: false, checked, brokenAtId: row.id, reason: 'link to the previous entry does not match' };
      const expected = hashEntry(prevHash, {
        orgId: row.orgId,
        actorUserId: row.actorUserId,
        action: row.action,
        targetType: row.targetType,
        targetId: row.targetId,
        details: row.details,
        requestId: row.requestId,
        createdAt: row.createdAt,
      });
      if (expected !== row.hash) return { ok: false, checked, brokenAtId: row.id, reason: 'entry content does not match its hash' };
      prevHash = row.hash;
      afterId = row.id;
      checked++;
    }
  }
  const head = await q.readAuditHead(db);
  if (head.lastHash !== prevHash || head.lastId !== afterId) {
    return { ok: false, checked, brokenAtId: head.lastId, reason: 'the chain head does not match the last entry (entries removed)' };
  }
  return { ok: true, checked, brokenAtId: null, reason: null };
}
