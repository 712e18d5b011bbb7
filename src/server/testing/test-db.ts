import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../config.ts';
import { ANALYTICS_SESSION_SETTINGS, type Database, databaseOf, kyselyOn, poolOnPglite, readTemplate } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';

/** The PostgreSQL server the suite runs against when DATABASE_URL is set (npm run test:pg). */
export function testDatabaseUrl(): string | undefined {
  const { database } = loadConfig();
  return database.kind === 'postgres' ? database.url : undefined;
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
    await engine.exec(ANALYTICS_SESSION_SETTINGS);
    return databaseOf(kyselyOn(poolOnPglite(engine, { connectionTimeoutMillis: 5_000 })), 'embedded', () => engine.close());
  }
  const scratch = await createScratchDatabase('rubric_t');
  const pool = new pg.Pool({ connectionString: scratch.url, max: 10, connectionTimeoutMillis: 5_000, options: '-c jit=off -c work_mem=64MB' });
  pool.on('error', () => undefined);
  return databaseOf(kyselyOn(pool), 'postgres', scratch.drop);
}

/**
 * A throw-away copy of the migrated template database on the DATABASE_URL server, reachable by URL
 * (fault tests hand it to a child server). Only with DATABASE_URL (npm run test:pg).
 */
export async function createScratchDatabase(prefix = 'rubric_f'): Promise<{ url: string; drop(): Promise<void> }> {
  const base = testDatabaseUrl();
  if (!base) throw new Error('createScratchDatabase needs DATABASE_URL');
  // Administrative statements run from the maintenance database: a session connected to the
  // template would make a parallel test file's CREATE DATABASE … TEMPLATE fail.
  const adminUrl = new URL(base);
  adminUrl.pathname = '/postgres';
  const template = new URL(base).pathname.slice(1);
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await adminQuery(adminUrl.toString(), `create database ${name} template ${template}`);
  const u = new URL(base);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => adminQuery(adminUrl.toString(), `drop database if exists ${name} with (force)`) };
}

/** Runs one statement on a short-lived connection, retrying while the template is briefly busy. */
export async function adminQuery(url: string, statement: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(statement);
      return;
    } catch (e) {
      if (attempt >= 10 || !/being accessed by other users/.test((e as Error).message)) throw e;
    } finally {
      await client.end();
    }
    await new Promise((r) => setTimeout(r, 200 * attempt));
  }
}

/** Migrates the DATABASE_URL database once per run; test files copy it as their template. */
export async function prepareServerTemplate(url: string): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const db = kyselyOn(pool);
  await migrateToLatest(db.withoutPlugins() as unknown as Kysely<unknown>);
  await db.destroy();
}
