import { createHash } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import { canonicalJson } from '../../core/util/canonical-json.ts';
import type { PageQuery } from '../../shared/common.ts';
import { AppError } from '../../shared/errors.ts';
import { readCursor, toPage } from '../../shared/pagination.ts';
import type { FileBody } from '../../shared/route.ts';
import { type Ctx, inTransaction } from '../../server/context.ts';
import type { Db } from '../../server/db/connect.ts';
import { requireRole } from '../orgs/orgs.policy.ts';
import type { AuditAction, AuditEntry, AuditFilter, VerifyAuditResult } from './audit.contract.ts';
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

/** A bare date as a `from` is that day's start; as a `to`, the next day's start (the bound is exclusive). UTC. */
function bound(value: string, end: boolean): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const d = new Date(`${value}T00:00:00Z`);
    return end ? new Date(d.getTime() + 86_400_000) : d;
  }
  return new Date(value);
}

function toQueryFilter(f: AuditFilter): q.AuditQueryFilter {
  const out: q.AuditQueryFilter = {};
  if (f.action) {
    if (f.action.endsWith('.')) out.actionPrefix = f.action;
    else out.action = f.action;
  }
  if (f.actorUserId) out.actorUserId = f.actorUserId;
  if (f.targetType) out.targetType = f.targetType;
  if (f.targetId) out.targetId = f.targetId;
  if (f.from) out.from = bound(f.from, false);
  if (f.to) out.to = bound(f.to, true);
  if (out.from && out.to && out.from >= out.to) {
    throw AppError.invalid('The date range is empty', [{ path: 'to', message: 'Must be after from' }]);
  }
  return out;
}

export async function listAudit(ctx: Ctx, query: PageQuery & AuditFilter): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
  const actor = requireRole(ctx, ['owner', 'admin']);
  const { limit, cursor, ...filter } = query;
  const beforeId = readCursor(cursor, 1)?.[0];
  const rows = await q.listAuditPage(ctx.db, actor.org.id, toQueryFilter(filter), limit, beforeId === undefined ? undefined : Number(beforeId) || 0);
  return toPage(
    rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
    limit,
    (e) => [e.id],
  );
}

/** The most rows one export writes; a larger log is exported in date ranges. */
export const AUDIT_EXPORT_MAX_ROWS = 100_000;
const EXPORT_HEADER = ['id', 'created_at', 'actor_user_id', 'actor_name', 'action', 'target_type', 'target_id', 'details', 'request_id', 'hash'];

/**
 * The filtered log as CSV, oldest first (RFC 4180; cells that a spreadsheet would run as a formula
 * are prefixed with a quote). Over AUDIT_EXPORT_MAX_ROWS the request is refused rather than cut short.
 */
export async function exportAudit(ctx: Ctx, filter: AuditFilter): Promise<FileBody> {
  const actor = requireRole(ctx, ['owner', 'admin']);
  const rows = await q.exportAuditRows(ctx.db, actor.org.id, toQueryFilter(filter), AUDIT_EXPORT_MAX_ROWS + 1);
  if (rows.length > AUDIT_EXPORT_MAX_ROWS) {
    throw AppError.invalid(`More than ${AUDIT_EXPORT_MAX_ROWS.toLocaleString('en')} entries match; narrow the filter (for example a shorter date range)`, [
      { path: 'from', message: 'Narrow the date range' },
    ]);
  }
  const records = rows.map((r) => [
    r.id,
    r.createdAt.toISOString(),
    r.actorUserId ?? '',
    r.actorName ?? '',
    r.action,
    r.targetType ?? '',
    r.targetId ?? '',
    canonicalJson(r.details),
    r.requestId ?? '',
    r.hash,
  ]);
  const body = stringify([EXPORT_HEADER, ...records], { escape_formulas: true, record_delimiter: 'windows' });
  await audit(ctx, 'audit.exported', null, { rows: rows.length });
  const date = ctx.clock.now().toISOString().slice(0, 10);
  return { contentType: 'text/csv; charset=utf-8', fileName: `audit-${await q.orgSlug(ctx.db, actor.org.id)}-${date}.csv`, body };
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
