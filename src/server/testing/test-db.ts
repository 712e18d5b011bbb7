import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { type Database, databaseOf, kyselyOn, poolOnPglite, readTemplate } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';

/** The PostgreSQL server the suite runs against when DATABASE_URL is set (npm run test:pg). */
export function testDatabaseUrl(): string | undefined {
  return process.env.DATABASE_URL || undefined;
}

/**
 * A fresh, migrated database for one test file: an in-memory PGlite loaded from the migrated
 * template, or (with DATABASE_URL) a new database on the server created from a migrated
 * template database, dropped by close().
 */
export async function openTestDatabase(): Promise<Database> {
  const url = testDatabaseUrl();
  if (!url) {
    const template = readTemplate();
    if (!template) throw new Error('No migrated template: run `npx tsx scripts/build-template.ts` (vitest globalSetup does)');
    const engine = new PGlite('memory://', { loadDataDir: template });
    await engine.waitReady;
    return databaseOf(kyselyOn(poolOnPglite(engine, { connectionTimeoutMillis: 5_000 })), 'embedded', () => engine.close());
  }
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const name = `rubric_t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const templateName = new URL(url).pathname.slice(1);
  try {
    await admin.query(`create database ${name} template ${templateName}`);
  } finally {
    await admin.end();
  }
  const u = new URL(url);
  u.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: u.toString(), max: 10, connectionTimeoutMillis: 5_000 });
  pool.on('error', () => undefined);
  return databaseOf(kyselyOn(pool), 'postgres', async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  });
}

/** Migrates the DATABASE_URL database once per run; test files copy it as their template. */
export async function prepareServerTemplate(url: string): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const db = kyselyOn(pool);
  await migrateToLatest(db.withoutPlugins() as unknown as Kysely<unknown>);
  await db.destroy();
}
