import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.ts';
import { acquireDataDirLock } from './lock.ts';
import { migrateToLatest, migrationsHash } from './migrate.ts';
import type { DB } from './schema.ts';

// int8 (count(*), bigserial) as numbers: our counts and ids stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
// numeric as numbers (statistics columns); we never store money with more precision than a double.
pg.types.setTypeParser(1700, (v) => Number.parseFloat(v));

export type Db = Kysely<DB>;

export interface Database {
  db: Db;
  kind: 'embedded' | 'postgres';
  /** Closes the pool, the embedded engine and releases the data-folder lock. Idempotent. */
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Run pending migrations (default true). */
  migrate?: boolean;
  onPoolError?: (err: Error) => void;
  connectionTimeoutMillis?: number;
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** The migrated template of the embedded database, built by `npm run build` (scripts/build-template.ts). */
export function templatePaths(root = findPackageRoot()): { file: string; hashFile: string } {
  const dir = path.join(root, 'dist', 'template');
  return { file: path.join(dir, 'pglite.tar'), hashFile: path.join(dir, 'migrations.hash') };
}

export function findPackageRoot(): string {
  let dir = here;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('package.json not found above ' + here);
    dir = up;
  }
  return dir;
}

/** The template's bytes when it exists and was built from the current migrations, else undefined. */
export function readTemplate(): Blob | undefined {
  const { file, hashFile } = templatePaths();
  try {
    if (fs.readFileSync(hashFile, 'utf8').trim() !== migrationsHash()) return undefined;
    return new Blob([fs.readFileSync(file)]);
  } catch {
    return undefined;
  }
}

export function kyselyOn(pool: pg.Pool): Db {
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
}

/**
 * Opens an embedded PGlite engine in `dataDir` ('memory://' for tests). An empty folder starts from
 * the migrated template (about 1 s) instead of initdb (3–6 s).
 */
/**
 * Session settings for both engines: the analytics reports sort and hash a few hundred thousand
 * rows, which spill to disk at the default 4 MB work_mem; JIT compilation costs ~1.5 s on their
 * (large) row estimates and never pays back on the application's short queries.
 */
export const ANALYTICS_SESSION_SETTINGS = "set work_mem = '64MB'";

export async function openPglite(dataDir: string): Promise<PGlite> {
  const isMemory = dataDir.startsWith('memory://');
  const isEmpty = isMemory || !fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  const template = isEmpty ? readTemplate() : undefined;
  const engine = new PGlite(dataDir, template ? { loadDataDir: template } : {});
  await engine.waitReady;
  await engine.exec(ANALYTICS_SESSION_SETTINGS);
  return engine;
}

/** Wraps an engine in a one-connection pg.Pool (PGlite has one session) and Kysely. */
export function poolOnPglite(engine: PGlite, opts: OpenOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    ...(createPgConfig(engine) as unknown as pg.PoolConfig),
    max: 1,
    connectionTimeoutMillis: opts.connectionTimeoutMillis ?? 30_000,
  });
  pool.on('error', (err) => opts.onPoolError?.(err));
  return pool;
}

/** A Database whose close() runs once: destroy Kysely (and its pool), then `after` (engine, lock). */
export function databaseOf(db: Db, kind: Database['kind'], after: () => Promise<void> | void = () => undefined): Database {
  let closing: Promise<void> | undefined;
  return {
    db,
    kind,
    close() {
      closing ??= (async () => {
        await db.destroy().catch(() => undefined);
        await after();
      })();
      return closing;
    },
  };
}

export async function openDatabase(config: Config, opts: OpenOptions = {}): Promise<Database> {
  let database: Database;
  if (config.database.kind === 'embedded') {
    const release = acquireDataDirLock(config.database.dataDir);
    let engine: PGlite;
    try {
      engine = await openPglite(config.database.dataDir);
    } catch (e) {
      release();
      throw e;
    }
    database = databaseOf(kyselyOn(poolOnPglite(engine, opts)), 'embedded', async () => {
      await engine.close().catch(() => undefined);
      release();
    });
  } else {
    const pool = new pg.Pool({
      connectionString: config.database.url,
      max: 10,
      // See ANALYTICS_SESSION_SETTINGS. A statement running longer than DB_QUERY_TIMEOUT_MS is
      // cancelled by the server, and a query whose answer never comes (the database vanished
      // mid-query) fails on the client after the same time: 503, never a hung request.
      options: `-c jit=off -c work_mem=64MB -c statement_timeout=${config.database.queryTimeoutMs}`,
      query_timeout: config.database.queryTimeoutMs + 1_000,
      connectionTimeoutMillis: opts.connectionTimeoutMillis ?? 5_000,
    });
    pool.on('error', (err) => opts.onPoolError?.(err));
    database = databaseOf(kyselyOn(pool), 'postgres');
  }
  if (opts.migrate !== false) {
    try {
      if (config.database.kind === 'postgres') {
        // Migrations may build indexes over big tables: their own connection, without the request timeouts.
        const migrations = kyselyOn(new pg.Pool({ connectionString: config.database.url, max: 1, connectionTimeoutMillis: opts.connectionTimeoutMillis ?? 5_000 }));
        try {
          await migrateToLatest(migrations.withoutPlugins() as unknown as Kysely<unknown>);
        } finally {
          await migrations.destroy();
        }
      } else await migrateToLatest(database.db.withoutPlugins() as unknown as Kysely<unknown>);
    } catch (e) {
      await database.close();
      throw e;
    }
  }
  return database;
}
