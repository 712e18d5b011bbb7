import { randomUUID } from 'node:crypto';
import { diffJson } from '../../core/util/json-diff.ts';
import type { PageQuery } from '../../shared/common.ts';
import { AppError } from '../../shared/errors.ts';
import { readCursor, toPage } from '../../shared/pagination.ts';
import { type Ctx, inTransaction } from '../../server/context.ts';
import type { VersionDiff, VersionSummary } from './documents.contract.ts';
import * as q from './documents.queries.ts';

export interface VersionWithBody<B> {
  version: VersionSummary;
  body: B;
}

function toSummary(r: { id: string; number: number; note: string | null; restoredFromId: string | null; createdAt: Date; createdByName: string | null }): VersionSummary {
  return { id: r.id, number: r.number, note: r.note, restoredFromId: r.restoredFromId, createdByName: r.createdByName, createdAt: r.createdAt.toISOString() };
}

/** Creates a document with its first version. Call inside the transaction that creates its owner row. */
export async function createDocument(ctx: Ctx, orgId: string, kind: string, body: unknown, note: string | null = null): Promise<{ documentId: string; versionId: string }> {
  return inTransaction(ctx, async (tx) => {
    const documentId = randomUUID();
    const versionId = randomUUID();
    const now = tx.clock.now();
    await q.insertDocument(tx.db, { id: documentId, orgId, kind, now });
    await q.insertVersion(tx.db, { id: versionId, documentId, orgId, number: 1, body, note, restoredFromId: null, createdBy: tx.actor?.userId ?? null, now });
    await q.setCurrentVersion(tx.db, documentId, versionId, now);
    return { documentId, versionId };
  });
}

/**
 * Saves a new immutable version if `baseVersionId` is still the current one; otherwise answers
 * 409 `conflict` with `details.currentVersionId`, so the client can reload and merge.
 */
export async function saveVersion(
  ctx: Ctx,
  orgId: string,
  documentId: string,
  baseVersionId: string,
  body: unknown,
  opts: { note?: string | null; restoredFromId?: string | null } = {},
): Promise<{ versionId: string; number: number }> {
  return inTransaction(ctx, async (tx) => {
    const doc = await q.findDocument(tx.db, orgId, documentId, true);
    if (!doc) throw AppError.notFound('Document');
    if (doc.currentVersionId !== baseVersionId) {
      throw AppError.conflict('Someone saved a newer version since you started editing; reload and apply your changes again', {
        currentVersionId: doc.currentVersionId,
        baseVersionId,
      });
    }
    const number = (await q.maxVersionNumber(tx.db, documentId)) + 1;
    const versionId = randomUUID();
    const now = tx.clock.now();
    await q.insertVersion(tx.db, {
      id: versionId,
      documentId,
      orgId,
      number,
      body,
      note: opts.note ?? null,
      restoredFromId: opts.restoredFromId ?? null,
      createdBy: tx.actor?.userId ?? null,
      now,
    });
    await q.setCurrentVersion(tx.db, documentId, versionId, now);
    return { versionId, number };
  });
}

export async function getVersion<B>(ctx: Ctx, orgId: string, documentId: string, versionId: string): Promise<VersionWithBody<B>> {
  const row = await q.findVersion(ctx.db, orgId, documentId, versionId);
  if (!row) throw AppError.notFound('Version');
  return { version: toSummary(row), body: row.body as B };
}

/** Versions never change: their bodies are cached per process, keyed by organization and version. */
const bodyCache = new Map<string, unknown>();
const BODY_CACHE_MAX = 500;

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

/** The (frozen) body of one version of an organization's document, from the cache when possible. */
export async function versionBody<B>(ctx: Ctx, orgId: string, versionId: string): Promise<B> {
  const key = `${orgId}:${versionId}`;
  const hit = bodyCache.get(key);
  if (hit !== undefined) return hit as B;
  const row = await q.findVersionBody(ctx.db, orgId, versionId);
  if (!row) throw AppError.notFound('Version');
  if (bodyCache.size >= BODY_CACHE_MAX) bodyCache.delete(bodyCache.keys().next().value!);
  bodyCache.set(key, deepFreeze(row.body));
  return row.body as B;
}

export async function getCurrentVersion<B>(ctx: Ctx, orgId: string, documentId: string): Promise<VersionWithBody<B>> {
  const doc = await q.findDocument(ctx.db, orgId, documentId);
  if (!doc?.currentVersionId) throw AppError.notFound('Document');
  return getVersion<B>(ctx, orgId, documentId, doc.currentVersionId);
}

export async function listVersions(ctx: Ctx, orgId: string, documentId: string, page: PageQuery) {
  const before = readCursor(page.cursor, 1)?.[0];
  const rows = await q.listVersions(ctx.db, orgId, documentId, page.limit, before === undefined ? undefined : Number(before));
  return toPage(rows.map(toSummary), page.limit, (v) => [v.number]);
}

export async function diffVersions(ctx: Ctx, orgId: string, documentId: string, fromId: string, toId: string): Promise<VersionDiff> {
  const from = await getVersion(ctx, orgId, documentId, fromId);
  const to = await getVersion(ctx, orgId, documentId, toId);
  return { from: from.version, to: to.version, changes: diffJson(from.body, to.body) };
}

/** Restores an old version as a new one (history is never rewritten). Same concurrency rule as saving. */
export async function restoreVersion(ctx: Ctx, orgId: string, documentId: string, versionId: string, baseVersionId: string, note?: string) {
  const old = await getVersion(ctx, orgId, documentId, versionId);
  return saveVersion(ctx, orgId, documentId, baseVersionId, old.body, {
    note: note ?? `Restored version ${old.version.number}`,
    restoredFromId: versionId,
  });
}
