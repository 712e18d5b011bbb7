import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../server/context.ts';
import { openTestApp, type TestApp } from '../../server/testing/test-app.ts';
import { createOrg } from '../../server/testing/factories.ts';
import { createDocument, getCurrentVersion, listVersions, saveVersion } from './documents.service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await openTestApp();
});
afterAll(async () => t?.close());

describe('versioned documents', () => {
  it('lets exactly one of two concurrent saves from the same base win; the other gets 409 with the winner', async () => {
    const org = await createOrg(t.database.db, ['owner']);
    const ctx: Ctx = t.ctx({ actor: { userId: org.members[0]!.id, sessionId: null, org: { id: org.orgId, role: 'owner', compliance: false } } });
    const { documentId, versionId } = await createDocument(ctx, org.orgId, 'test', { text: 'v1' });
    const results = await Promise.allSettled([
      saveVersion(ctx, org.orgId, documentId, versionId, { text: 'from A' }),
      saveVersion(ctx, org.orgId, documentId, versionId, { text: 'from B' }),
    ]);
    const ok = results.filter((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ versionId: string; number: number }>[];
    const failed = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.reason).toMatchObject({ code: 'conflict', details: { currentVersionId: ok[0]!.value.versionId } });
    const current = await getCurrentVersion<{ text: string }>(ctx, org.orgId, documentId);
    expect(current.version.number).toBe(2);
    expect(['from A', 'from B']).toContain(current.body.text);
    const history = await listVersions(ctx, org.orgId, documentId, { limit: 1 });
    expect(history.items.map((v) => v.number)).toEqual([2]);
    const rest = await listVersions(ctx, org.orgId, documentId, { limit: 10, cursor: history.nextCursor! });
    expect(rest.items.map((v) => v.number)).toEqual([1]);
    expect(rest.nextCursor).toBeNull();
  });

  it("does not find another organization's document", async () => {
    const a = await createOrg(t.database.db, ['owner']);
    const b = await createOrg(t.database.db, ['owner']);
    const ctx = t.ctx();
    const { documentId, versionId } = await createDocument(ctx, a.orgId, 'test', { x: 1 });
    await expect(saveVersion(ctx, b.orgId, documentId, versionId, { x: 2 })).rejects.toMatchObject({ code: 'not_found' });
    await expect(getCurrentVersion(ctx, b.orgId, documentId)).rejects.toMatchObject({ code: 'not_found' });
  });
});
