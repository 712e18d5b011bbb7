import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Database, findPackageRoot, openDatabase } from '../server/db/connect.ts';
import { testConfig } from '../server/testing/test-app.ts';
import { runCli } from './main.ts';

// Seeds, backs up and restores real data folders (the backup through the real launcher).
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

const bin = path.join(findPackageRoot(), 'bin', 'rubric.js');
let root: string;
let source: string;
let file: string;
const resume = randomBytes(256 * 1024);
resume[0] = 0; // bytes a text round trip would damage
resume[1] = 0xff;
let candidateId: string;

/** Runs the real launcher (bin/rubric.js, from source) on `dataDir`. */
function spawnRubric(args: string[], dataDir: string) {
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...rest, RUBRIC_DATA_DIR: dataDir, RUBRIC_CLI_FROM_SOURCE: '1', LOG_LEVEL: 'warn' },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the CLI in this process (no tsx start-up per call), capturing stdout and stderr. */
async function rubric(args: string[], dataDir: string, env: Record<string, string> = {}) {
  const vars: Record<string, string | undefined> = { DATABASE_URL: undefined, RUBRIC_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env };
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const out = { stdout: '', stderr: '' };
  const capture = (stream: 'stdout' | 'stderr') =>
    vi.spyOn(process[stream], 'write').mockImplementation((chunk: string | Uint8Array) => {
      out[stream] += String(chunk);
      return true;
    });
  const spies = [capture('stdout'), capture('stderr')];
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  try {
    const code = await runCli(args);
    return { code, ...out };
  } finally {
    spies.forEach((s) => s.mockRestore());
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

async function open(dataDir: string): Promise<Database> {
  return openDatabase(testConfig({ RUBRIC_DATA_DIR: dataDir }), { migrate: false });
}

/** Row count and md5 of every base table of the public schema (listed, so a new table is covered). */
async function fingerprint(database: Database): Promise<Record<string, { n: number; md5: string }>> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(database.db);
  const out: Record<string, { n: number; md5: string }> = {};
  for (const { name } of tables.rows) {
    const r = await sql<{ n: number; md5: string }>`
      select count(*)::int as n, md5(coalesce(string_agg(t::text, ',' order by t::text), '')) as md5
      from ${sql.table(name)} t`.execute(database.db);
    out[name] = r.rows[0]!;
  }
  return out;
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'rubric-backup-'));
  source = path.join(root, 'source');
  file = path.join(root, 'rubric.backup');
  const seed = await rubric(['seed', '--demo', '--format', 'json'], source);
  expect(seed.code, seed.stderr).toBe(0);
  // Extra rows: a résumé (bytea) on a candidate and an outbox message with an attachment (jsonb).
  const database = await open(source);
  try {
    const c = await database.db.selectFrom('candidates').select('id').orderBy('id').executeTakeFirstOrThrow();
    candidateId = c.id;
    await database.db
      .updateTable('candidates')
      .set({ resumeData: resume, resumeName: 'cv.pdf', resumeType: 'application/pdf', resumeSize: resume.length })
      .where('id', '=', candidateId)
      .execute();
    await database.db
      .insertInto('outbox')
      .values({
        id: randomUUID(),
        orgId: null,
        recipientUserId: null,
        toAddress: 'someone@example.test',
        subject: 'Invite — entretien à 10 h',
        bodyText: 'See the attachment.',
        kind: 'interview_invite',
        status: 'held',
        attachments: JSON.stringify([{ fileName: 'invite.ics', contentType: 'text/calendar', content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' }]),
      })
      .execute();
  } finally {
    await database.close();
  }
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('rubric backup and restore (embedded database)', () => {
  it('round-trips every table, résumé bytes included, and refuses to overwrite a file without --force', async () => {
    const backup = spawnRubric(['backup', file, '--format', 'json'], source);
    expect(backup.code, backup.stderr).toBe(0);
    const doc = JSON.parse(backup.stdout);
    expect(doc.manifest).toMatchObject({ format: 1, rubricVersion: expect.any(String), payload: { compression: 'gzip' } });
    expect(doc.manifest.tables.candidates).toBeGreaterThan(0);
    expect(fs.readdirSync(root).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const again = await rubric(['backup', file], source);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--force');

    const target = path.join(root, 'restored');
    const restore = await rubric(['restore', file, '--format', 'json'], target);
    expect(restore.code, restore.stderr).toBe(0);
    expect(JSON.parse(restore.stdout)).toMatchObject({ migrated: [], movedAside: null, tables: doc.manifest.tables });
    expect(fs.existsSync(path.join(target, 'rubric.lock'))).toBe(false);

    const a = await open(source);
    const b = await open(target);
    try {
      const [fa, fb] = [await fingerprint(a), await fingerprint(b)];
      expect(Object.keys(fa).length).toBeGreaterThan(40);
      expect(fb).toEqual(fa);
      const cv = await b.db.selectFrom('candidates').select('resumeData').where('id', '=', candidateId).executeTakeFirstOrThrow();
      expect(Buffer.compare(cv.resumeData!, resume)).toBe(0);
      const mail = await b.db.selectFrom('outbox').select('attachments').where('toAddress', '=', 'someone@example.test').executeTakeFirstOrThrow();
      expect(mail.attachments[0]!.content).toBe('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('refuses a corrupt or truncated file (exit 2, target untouched) and a non-empty folder without --force', async () => {
    const bytes = fs.readFileSync(file);
    const corrupt = path.join(root, 'corrupt.backup');
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 1000]! ^= 0xff;
    fs.writeFileSync(corrupt, flipped);
    const fresh = path.join(root, 'never');
    const bad = await rubric(['restore', corrupt], fresh);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('corrupt');
    expect(fs.existsSync(fresh)).toBe(false);

    fs.writeFileSync(corrupt, bytes.subarray(0, bytes.length - 4096));
    const truncated = await rubric(['restore', corrupt], fresh);
    expect(truncated.code).toBe(2);
    expect(truncated.stderr).toContain('truncated');
    expect(fs.existsSync(fresh)).toBe(false);

    fs.writeFileSync(corrupt, 'hello');
    expect((await rubric(['restore', corrupt], fresh)).stderr).toContain('not a Rubric backup');

    const before = fs.readdirSync(source).sort();
    const busy = await rubric(['restore', file], source);
    expect(busy.code).toBe(2);
    expect(busy.stderr).toContain('not empty');
    expect(fs.readdirSync(source).sort()).toEqual(before);
  });

  it('with --force moves the non-empty folder aside and restores in its place', async () => {
    const target = path.join(root, 'restored');
    const r = await rubric(['restore', file, '--force', '--format', 'json'], target);
    expect(r.code, r.stderr).toBe(0);
    const { movedAside } = JSON.parse(r.stdout);
    expect(movedAside).toMatch(/restored\.before-restore-/);
    expect(fs.existsSync(path.join(movedAside, 'PG_VERSION'))).toBe(true);
    expect(fs.existsSync(path.join(target, 'PG_VERSION'))).toBe(true);
    expect(fs.readdirSync(root).filter((f) => f.includes('.restoring-'))).toEqual([]);
  });

  it('refuses a folder held by a running server (exit 1) and prints pg_dump on PostgreSQL (exit 2)', async () => {
    // Another live process (the in-process CLI takes over a lock carrying its own pid).
    fs.writeFileSync(path.join(source, 'rubric.lock'), String(process.ppid));
    const locked = await rubric(['backup', path.join(root, 'other.backup')], source);
    fs.rmSync(path.join(source, 'rubric.lock'));
    expect(locked.code).toBe(1);
    expect(locked.stderr).toContain('stop the server or use DATABASE_URL');
    expect(fs.existsSync(path.join(root, 'other.backup'))).toBe(false);

    const pg = await rubric(['backup', 'x.dump'], source, { DATABASE_URL: 'postgres://rubric@localhost:5432/rubric' });
    expect(pg.code).toBe(2);
    expect(pg.stderr).toContain('pg_dump -Fc');
    expect(pg.stderr).toContain('pg_restore');
  });
});
