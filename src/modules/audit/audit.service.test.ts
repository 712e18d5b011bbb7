import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../../server/testing/test-app.ts';
import { createOrg } from '../../server/testing/factories.ts';
import { audit, verifyAuditChain } from './audit.service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await openTestApp();
});
afterAll(async () => t?.close());

describe('audit hash chain', () => {
  it('links entries, verifies intact, and detects an edited or deleted entry', async () => {
    const org = await createOrg(t.database.db, ['owner']);
    const ctx = t.ctx({ actor: { userId: org.members[0]!.id, sessionId: null, org: { id: org.orgId, role: 'owner', compliance: false } } });
    for (let i = 0; i < 5; i++) await audit(ctx, 'org.settings_changed', { type: 'organization', id: org.orgId }, { fields: ['name'], i });
    // Keys with underscores inside details must verify too (the camel-case plugin must not rewrite them).
    await audit(ctx, 'org.settings_changed', { type: 'organization', id: org.orgId }, { changed_fields: ['require_two_factor'], nested: { old_value: 1 } });
    const rows = await t.database.db.selectFrom('auditLog').selectAll().orderBy('id').execute();
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
    const ok = await verifyAuditChain(t.database.db);
    expect(ok).toEqual({ ok: true, checked: rows.length, brokenAtId: null, reason: null });

    expect(rows.at(-1)!.details).toEqual({ changedFields: ['require_two_factor'], nested: { oldValue: 1 } }); // what the plugin does to reads

    const victim = rows[2]!;
    await sql`update audit_log set details = '{"fields":["slug"]}'::jsonb where id = ${victim.id}`.execute(t.database.db);
    const edited = await verifyAuditChain(t.database.db);
    expect(edited).toMatchObject({ ok: false, brokenAtId: victim.id, reason: 'entry content does not match its hash' });

    await sql`update audit_log set details = ${JSON.stringify(victim.details)}::jsonb where id = ${victim.id}`.execute(t.database.db);
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
    const last = rows.at(-1)!;
    await sql`delete from audit_log where id = ${last.id}`.execute(t.database.db);
    expect(await verifyAuditChain(t.database.db)).toMatchObject({ ok: false, reason: expect.stringContaining('entries removed') });
  });
});
