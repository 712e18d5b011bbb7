import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Kysely } from 'kysely';
import pino from 'pino';
import { loadConfig } from '../../server/config.ts';
import { type Ctx, systemClock } from '../../server/context.ts';
import { type Database, databaseOf, findPackageRoot, kyselyOn, poolOnPglite, readTemplate } from '../../server/db/connect.ts';
import { migrateToLatest, migrationsHash } from '../../server/db/migrate.ts';
import * as authQ from '../auth/auth.queries.ts';
import * as orgQ from '../orgs/orgs.queries.ts';
import { type HistoryCounts, historyUuid, writeSyntheticHistory } from './generate.service.ts';

/**
 * Databases with generated history, cached by size and seed (DECISIONS 34) for tests and benchmarks:
 * `.cache/history/<candidates>-<seed>.tar.gz` is a dumped PGlite data folder (migrated, one
 * organization with an owner and the generated history), with a `.json` beside it holding the ids
 * and a stamp (migrations, generator and writer sources, options). A stale or missing dump is rebuilt.
 */

export interface HistorySpec {
  candidates: number;
  seed: number;
  start?: string;
  months?: number;
  asOf?: string;
}

export interface HistoryDump {
  /** The gzipped PGlite data folder. */
  file: string;
  orgId: string;
  orgSlug: string;
  ownerId: string;
  ownerEmail: string;
  counts: HistoryCounts;
  /** True when the dump was reused rather than built now. */
  cached: boolean;
}

interface Meta extends Omit<HistoryDump, 'file' | 'cached'> {
  stamp: string;
}

/** Stored for the owner: no password matches it (pass `ownerPasswordHash` to the loader to sign in). */
const NO_PASSWORD = '!history-owner-no-password';
const SOURCES = ['src/core/stats/synthetic.ts', 'src/modules/analytics/generate.service.ts', 'src/modules/analytics/generate.queries.ts', 'src/modules/analytics/generate.cache.ts'];

function cacheDir(): string {
  return path.join(findPackageRoot(), '.cache', 'history');
}

function nameOf(spec: HistorySpec): string {
  const extra = [spec.start, spec.months, spec.asOf].some((v) => v !== undefined) ? `-${createHash('sha1').update(JSON.stringify([spec.start, spec.months, spec.asOf])).digest('hex').slice(0, 8)}` : '';
  return `${spec.candidates}-${spec.seed}${extra}`;
}

function stampOf(spec: HistorySpec): string {
  const h = createHash('sha256').update(migrationsHash()).update(JSON.stringify(spec));
  for (const rel of SOURCES) {
    try {
      h.update(fs.readFileSync(path.join(findPackageRoot(), rel)));
    } catch {
      h.update(`missing:${rel}`); // a built install without sources: the stamp still covers the migrations
    }
  }
  return h.digest('hex');
}

function quietCtx(db: Database['db']): Ctx {
  return { db, clock: systemClock, log: pino({ level: 'silent' }), actor: null, config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), requestId: 'history-cache', ip: '127.0.0.1', baseUrl: 'http://localhost' };
}

/** The dump for `spec`, built (about as long as writing the history once) unless a current one exists. */
export async function historyDatabase(spec: HistorySpec): Promise<HistoryDump> {
  const dir = cacheDir();
  const base = path.join(dir, nameOf(spec));
  const file = `${base}.tar.gz`;
  const metaFile = `${base}.json`;
  const stamp = stampOf(spec);
  try {
    const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8')) as Meta;
    if (meta.stamp === stamp && fs.existsSync(file)) {
      const { stamp: _stamp, ...rest } = meta;
      return { file, ...rest, cached: true };
    }
  } catch {
    // no usable dump yet
  }

  const template = readTemplate();
  const engine = new PGlite('memory://', template ? { loadDataDir: template } : {});
  await engine.waitReady;
  const db = kyselyOn(poolOnPglite(engine));
  let meta: Meta;
  try {
    await migrateToLatest(db.withoutPlugins() as unknown as Kysely<unknown>);
    // Ids from the spec: two processes building the same dump at once write identical files.
    const orgId = historyUuid('history-cache', spec.seed, `org-${nameOf(spec)}`);
    const ownerId = historyUuid('history-cache', spec.seed, `owner-${nameOf(spec)}`);
    const orgSlug = `history-${spec.candidates}-${String(spec.seed).replace('-', 'm')}`;
    const ownerEmail = `owner@${orgSlug}.example`;
    const now = new Date('2024-01-01T00:00:00Z');
    await orgQ.insertOrganization(db, { id: orgId, name: `Generated history (${spec.candidates}, seed ${spec.seed})`, slug: orgSlug, now });
    await authQ.insertUser(db, { id: ownerId, email: ownerEmail, name: 'History Owner', passwordHash: NO_PASSWORD, now });
    await orgQ.insertMembership(db, { orgId, userId: ownerId, role: 'owner', now });
    const counts = await writeSyntheticHistory(quietCtx(db), { orgId, ...spec });
    meta = { orgId, orgSlug, ownerId, ownerEmail, counts, stamp };
  } finally {
    await db.destroy();
  }
  const dump = await engine.dumpDataDir('gzip');
  await engine.close();
  fs.mkdirSync(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
  fs.renameSync(tmp, file); // atomic: parallel test files never read half a dump
  fs.writeFileSync(`${metaFile}.${process.pid}.tmp`, JSON.stringify(meta, null, 2));
  fs.renameSync(`${metaFile}.${process.pid}.tmp`, metaFile);
  const { stamp: _stamp, ...rest } = meta;
  return { file, ...rest, cached: false };
}

/**
 * A fresh in-memory PGlite database loaded from the cached dump (building it first if needed);
 * writes go to memory only. `ownerPasswordHash` sets the owner's password hash after loading.
 */
export async function openHistoryDatabase(spec: HistorySpec, opts: { ownerPasswordHash?: string } = {}): Promise<{ database: Database; dump: HistoryDump }> {
  const dump = await historyDatabase(spec);
  const engine = new PGlite('memory://', { loadDataDir: new Blob([fs.readFileSync(dump.file)]) });
  await engine.waitReady;
  const database = databaseOf(kyselyOn(poolOnPglite(engine, { connectionTimeoutMillis: 5_000 })), 'embedded', () => engine.close());
  if (opts.ownerPasswordHash) await database.db.updateTable('users').set({ passwordHash: opts.ownerPasswordHash }).where('id', '=', dump.ownerId).execute();
  return { database, dump };
}
