import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { type Kysely, Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BackupFileError, readBackup, restoreEmbedded, writeBackupOf } from './backup.ts';
import { kyselyOn, poolOnPglite } from './connect.ts';
import { migrations } from './migrations/index.ts';

// initdb in memory, then every migration but the last: a backup made by an older Rubric.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const names = Object.keys(migrations);
const last = names.at(-1)!;
let root: string;
let file: string;

/** Rewrites the manifest line of a backup file (the payload and its checksum stay as they are). */
function withManifest(edit: (m: Record<string, unknown>) => void): string {
  const buf = fs.readFileSync(file);
  const first = buf.indexOf(0x0a);
  const second = buf.indexOf(0x0a, first + 1);
  const manifest = JSON.parse(buf.subarray(first + 1, second).toString('utf8'));
  edit(manifest);
  const out = path.join(root, `edited-${Math.random().toString(36).slice(2)}.backup`);
  fs.writeFileSync(out, Buffer.concat([buf.subarray(0, first + 1), Buffer.from(JSON.stringify(manifest) + '\n'), buf.subarray(second + 1)]));
  return out;
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'rubric-backup-db-'));
  file = path.join(root, 'older.backup');
  const engine = new PGlite('memory://');
  await engine.waitReady;
  const db = kyselyOn(poolOnPglite(engine));
  const older = Object.fromEntries(names.slice(0, -1).map((n) => [n, migrations[n]!]));
  const migrator = new Migrator({
    db: db.withoutPlugins() as unknown as Kysely<unknown>,
    provider: { getMigrations: async () => older },
    migrationTableName: 'kysely_migration',
    migrationLockTableName: 'kysely_migration_lock',
  });
  const r = await migrator.migrateToLatest();
  expect(r.error).toBeUndefined();
  await db.destroy();
  await writeBackupOf(engine, file);
  await engine.close();
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('embedded backups across versions', () => {
  it('restores a backup made before the last migration and runs it', async () => {
    expect(readBackup(file).manifest.migrations).toEqual(names.slice(0, -1));
    const target = path.join(root, 'restored');
    const r = await restoreEmbedded(file, target);
    expect(r.migrated).toEqual([last]);
    expect(r.movedAside).toBeUndefined();
    const engine = new PGlite(target);
    try {
      const applied = await engine.query<{ name: string }>('select name from kysely_migration order by name');
      expect(applied.rows.map((x) => x.name)).toEqual(names);
    } finally {
      await engine.close();
    }
  });

  it('refuses a backup from a newer Rubric, or whose rows do not match its manifest, leaving the target untouched', async () => {
    const target = path.join(root, 'untouched');
    const newer = withManifest((m) => (m.migrations as string[]).push('9999_future'));
    await expect(restoreEmbedded(newer, target)).rejects.toThrow(/newer Rubric.*9999_future/);
    const lying = withManifest((m) => ((m.tables as Record<string, number>).kysely_migration = 999));
    const e = await restoreEmbedded(lying, target).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(BackupFileError);
    expect((e as Error).message).toContain('kysely_migration: ');
    expect(fs.existsSync(target)).toBe(false);
    expect(fs.readdirSync(root).filter((f) => f.includes('.restoring-'))).toEqual([]);
  });
});
