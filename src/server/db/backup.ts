// Backups of the embedded database (README "Backups"): one file holding a two-line header and the
// gzipped tarball of the PGlite data folder (dumpDataDir). The header's manifest lets a restore
// refuse a corrupt, truncated or newer file before it touches the target folder.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Kysely } from 'kysely';
import { findPackageRoot, kyselyOn, poolOnPglite } from './connect.ts';
import { DataDirLockedError, acquireDataDirLock } from './lock.ts';
import { migrateToLatest, migrationsHash } from './migrate.ts';
import { migrations as knownMigrations } from './migrations/index.ts';

/** First line of every backup file. */
export const BACKUP_MAGIC = 'RUBRIC-BACKUP';
export const BACKUP_FORMAT = 1;

export interface BackupManifest {
  format: number;
  rubricVersion: string;
  /** PostgreSQL version of the engine that wrote the data folder (`show server_version`). */
  postgresVersion: string;
  pgliteVersion: string;
  /** Migrations applied in the backed-up database, in order. */
  migrations: string[];
  /** migrationsHash() of the Rubric that wrote the file (the database may be older: see `migrations`). */
  migrationsHash: string;
  createdAt: string;
  /** Rows per table of the public schema at backup time. */
  tables: Record<string, number>;
  payload: { compression: 'gzip'; bytes: number; sha256: string };
}

/** A backup file that cannot be restored: corrupt, truncated, foreign or from a newer Rubric. */
export class BackupFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupFileError';
  }
}

/** The target folder cannot take the restore (not empty, or in use). */
export class RestoreTargetError extends Error {
  constructor(message: string, readonly locked = false) {
    super(message);
    this.name = 'RestoreTargetError';
  }
}

function packageVersion(name?: string): string {
  const file = name
    ? path.join(findPackageRoot(), 'node_modules', ...name.split('/'), 'package.json')
    : path.join(findPackageRoot(), 'package.json');
  try {
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export const hasEmbeddedDatabase = (dataDir: string): boolean => fs.existsSync(path.join(dataDir, 'PG_VERSION'));

type Query = Pick<PGlite, 'query'>;

/** Base tables of the public schema, by name. */
export async function publicTables(engine: Query): Promise<string[]> {
  const r = await engine.query<{ name: string }>(
    "select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name",
  );
  return r.rows.map((t) => t.name);
}

export async function rowCounts(engine: Query): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await publicTables(engine)) {
    const r = await engine.query<{ n: number }>(`select count(*)::int as n from "${table.replaceAll('"', '""')}"`);
    counts[table] = r.rows[0]!.n;
  }
  return counts;
}

async function appliedMigrations(engine: Query): Promise<string[]> {
  try {
    return (await engine.query<{ name: string }>('select name from kysely_migration order by name')).rows.map((r) => r.name);
  } catch {
    return [];
  }
}

/** Writes `bytes` to `file` through a temporary sibling and a rename: never a half-written file. */
export function writeFileAtomic(file: string, parts: Uint8Array[]): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  const fd = fs.openSync(tmp, 'w');
  try {
    for (const part of parts) fs.writeSync(fd, part);
    fs.fsyncSync(fd);
  } catch (e) {
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  fs.closeSync(fd);
  fs.renameSync(tmp, file);
}

export interface BackupResult {
  file: string;
  bytes: number;
  manifest: BackupManifest;
}

/** Writes a backup of an open engine (nothing else may use it meanwhile) into `file`, atomically. */
export async function writeBackupOf(engine: PGlite, file: string): Promise<BackupResult> {
  const manifest: Omit<BackupManifest, 'payload'> = {
    format: BACKUP_FORMAT,
    rubricVersion: packageVersion(),
    postgresVersion: (await engine.query<{ server_version: string }>('show server_version')).rows[0]!.server_version,
    pgliteVersion: packageVersion('@electric-sql/pglite'),
    migrations: await appliedMigrations(engine),
    migrationsHash: migrationsHash(),
    createdAt: new Date().toISOString(),
    tables: await rowCounts(engine),
  };
  // Everything in the data files, so a restore does not replay WAL.
  await engine.exec('checkpoint');
  const payload = new Uint8Array(await (await engine.dumpDataDir('gzip')).arrayBuffer());
  const full: BackupManifest = {
    ...manifest,
    payload: { compression: 'gzip', bytes: payload.byteLength, sha256: createHash('sha256').update(payload).digest('hex') },
  };
  const header = Buffer.from(`${BACKUP_MAGIC} ${BACKUP_FORMAT}\n${JSON.stringify(full)}\n`, 'utf8');
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileAtomic(file, [header, payload]);
  return { file, bytes: header.byteLength + payload.byteLength, manifest: full };
}

/**
 * Backs up the embedded database in `dataDir` into `file`. Takes the folder's lock (throws
 * DataDirLockedError while a server holds it); does not migrate the database.
 */
export async function backupEmbedded(dataDir: string, file: string, opts: { force?: boolean } = {}): Promise<BackupResult> {
  if (!hasEmbeddedDatabase(dataDir)) throw new BackupFileError(`there is no embedded database in ${dataDir}`);
  if (fs.existsSync(file) && !opts.force) throw new BackupFileError(`${file} exists: choose another name or pass --force to replace it`);
  const release = acquireDataDirLock(dataDir);
  try {
    const engine = new PGlite(dataDir);
    try {
      await engine.waitReady;
      return await writeBackupOf(engine, file);
    } finally {
      await engine.close().catch(() => undefined);
    }
  } finally {
    release();
  }
}

/** Reads and verifies a backup file: header, format, checksum and length of the payload. */
export function readBackup(file: string): { manifest: BackupManifest; payload: Uint8Array<ArrayBuffer> } {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (e) {
    throw new BackupFileError(`cannot read ${file}: ${(e as Error).message}`);
  }
  const notBackup = () => new BackupFileError(`${file} is not a Rubric backup (or its header is damaged)`);
  const first = buf.indexOf(0x0a);
  if (first < 0 || first > 64) throw notBackup();
  const [magic, format] = buf.subarray(0, first).toString('utf8').split(' ');
  if (magic !== BACKUP_MAGIC) throw notBackup();
  if (Number(format) !== BACKUP_FORMAT) {
    throw new BackupFileError(`${file} has backup format ${format}; this Rubric reads format ${BACKUP_FORMAT} (upgrade Rubric to restore it)`);
  }
  const second = buf.indexOf(0x0a, first + 1);
  if (second < 0) throw notBackup();
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(buf.subarray(first + 1, second).toString('utf8')) as BackupManifest;
  } catch {
    throw notBackup();
  }
  if (!manifest?.payload || typeof manifest.payload.sha256 !== 'string' || !Array.isArray(manifest.migrations) || typeof manifest.tables !== 'object') {
    throw notBackup();
  }
  const payload = buf.subarray(second + 1);
  if (payload.byteLength !== manifest.payload.bytes) {
    throw new BackupFileError(
      `${file} is truncated or damaged: the database part has ${payload.byteLength} bytes, the header says ${manifest.payload.bytes}`,
    );
  }
  if (createHash('sha256').update(payload).digest('hex') !== manifest.payload.sha256) {
    throw new BackupFileError(`${file} is corrupt: the checksum of the database part does not match its header`);
  }
  const known = Object.keys(knownMigrations);
  const unknown = manifest.migrations.filter((m) => !known.includes(m));
  if (unknown.length) {
    throw new BackupFileError(
      `${file} was made by a newer Rubric (${manifest.rubricVersion}) with migrations this version does not know (${unknown.join(', ')}): upgrade Rubric, then restore`,
    );
  }
  return { manifest, payload: new Uint8Array(payload) };
}

export interface RestoreResult {
  dataDir: string;
  manifest: BackupManifest;
  /** Migrations run after loading (the backup was older than this Rubric). */
  migrated: string[];
  /** Where the folder that was replaced (--force) now is. */
  movedAside: string | undefined;
  rows: number;
}

function isEmptyFolder(dir: string): boolean {
  try {
    return fs.readdirSync(dir).length === 0;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw e;
  }
}

function stamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}

/**
 * Restores a backup into `dataDir`: empty or missing, or (with `force`) a folder that is moved aside.
 * The file is verified first and the database is loaded into a staging folder next to the target,
 * checked against the manifest's row counts and migrated; only then does it take the target's place.
 * Any failure leaves the target untouched.
 */
export async function restoreEmbedded(file: string, dataDir: string, opts: { force?: boolean } = {}): Promise<RestoreResult> {
  const target = path.resolve(dataDir);
  const { manifest, payload } = readBackup(file);
  const empty = isEmptyFolder(target);
  if (!empty && !opts.force) {
    throw new RestoreTargetError(`${target} is not empty: restore into an empty folder, or pass --force to move it aside and restore in its place`);
  }
  const existed = fs.existsSync(target);
  // Held until the swap, so a server cannot start on the folder meanwhile (created when missing).
  let release: () => void;
  try {
    release = acquireDataDirLock(target);
  } catch (e) {
    if (e instanceof DataDirLockedError) throw new RestoreTargetError(`${e.message}\nstop the server or use DATABASE_URL`, true);
    throw e;
  }
  const staging = path.join(path.dirname(target), `.${path.basename(target)}.restoring-${process.pid}-${stamp()}`);
  try {
    let migrated: string[] = [];
    let rows = 0;
    const engine = new PGlite(staging, { loadDataDir: new Blob([payload], { type: 'application/x-gzip' }) });
    try {
      try {
        await engine.waitReady;
      } catch (e) {
        throw new BackupFileError(
          `${file} could not be loaded (PostgreSQL ${manifest.postgresVersion}, PGlite ${manifest.pgliteVersion} wrote it): ${(e as Error).message}`,
        );
      }
      const counts = await rowCounts(engine);
      const mismatches = Object.entries(manifest.tables)
        .filter(([t, n]) => counts[t] !== n)
        .map(([t, n]) => `${t}: ${counts[t] ?? 'missing'} rows, expected ${n}`);
      if (mismatches.length) throw new BackupFileError(`${file} does not match its manifest:\n  ${mismatches.join('\n  ')}`);
      rows = Object.values(counts).reduce((a, b) => a + b, 0);
      if (manifest.migrations.length < Object.keys(knownMigrations).length) {
        const db = kyselyOn(poolOnPglite(engine));
        try {
          migrated = await migrateToLatest(db.withoutPlugins() as unknown as Kysely<unknown>);
        } finally {
          await db.destroy().catch(() => undefined);
        }
      }
    } finally {
      await engine.close().catch(() => undefined);
    }
    // The dump carries the lock file of the process that made it.
    fs.rmSync(path.join(staging, 'rubric.lock'), { force: true });
    let movedAside: string | undefined;
    if (empty) {
      fs.rmSync(path.join(target, 'rubric.lock'), { force: true });
      fs.rmdirSync(target);
    } else {
      movedAside = `${target}.before-restore-${stamp()}`;
      fs.renameSync(target, movedAside);
      fs.rmSync(path.join(movedAside, 'rubric.lock'), { force: true });
    }
    fs.renameSync(staging, target);
    return { dataDir: target, manifest, migrated, movedAside, rows };
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    release();
    if (!existed) fs.rmSync(target, { recursive: true, force: true });
    throw e;
  } finally {
    release();
  }
}
