// A read-only or full embedded data folder (DECISIONS 39: a tmpfs remounted read-only, as root): start-up
// stops with one clear message naming the folder, no stack trace, and the folder is unchanged; a
// full disk refuses writes with 503 while reads go on, and nothing acknowledged is lost.
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/connect.ts';
import { DataDirUnwritableError } from '../db/lock.ts';
import { startServerProcess } from '../testing/server-process.ts';
import { createOrg, signedIn } from '../testing/factories.ts';
import { TEST_SECRET, openTestApp } from '../testing/test-app.ts';
import { testDatabaseUrl } from '../testing/test-db.ts';

function canMount(): boolean {
  if (process.getuid?.() !== 0) return false;
  const probe = fs.mkdtempSync(path.join(os.tmpdir(), 'rubric-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    fs.rmSync(probe, { recursive: true, force: true });
  }
}

/** sha256 over every file's relative path and content. */
function folderHash(dir: string): string {
  const h = createHash('sha256');
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else h.update(path.relative(dir, p)).update(fs.readFileSync(p));
    }
  };
  walk(dir);
  return h.digest('hex');
}

// PGlite only (the PostgreSQL suite has no data folder); needs root and a container that allows mount.
const mountable = !testDatabaseUrl() && canMount();
const mounts: string[] = [];
afterAll(() => {
  for (const m of mounts) {
    try {
      execFileSync('umount', [m], { stdio: 'ignore' });
    } catch {
      /* not mounted */
    }
    fs.rmSync(m, { recursive: true, force: true });
  }
});

describe('read-only data folder (PGlite, tmpfs remounted read-only)', () => {
  it.skipIf(!mountable)('stops at start-up with a clear message naming the folder and changes nothing', async () => {
    const mnt = fs.mkdtempSync(path.join(os.tmpdir(), 'rubric-ro-'));
    mounts.push(mnt);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=96m', 'tmpfs', mnt]);
    const dir = path.join(mnt, 'data');
    const env = { RUBRIC_DATA_DIR: dir, SESSION_SECRET: TEST_SECRET };
    const database = await openDatabase(loadConfig(env));
    await database.db.insertInto('appSettings').values([1, 2, 3].map((i) => ({ key: `ro-${i}`, value: JSON.stringify(i) }))).execute();
    await database.close();
    const before = folderHash(dir);
    execFileSync('mount', ['-o', 'remount,ro', mnt]);

    // The real server: exit before listening, one message, no stack trace.
    const failed = await startServerProcess(env).then(
      (s) => s.kill9().then(() => 'started'),
      (e: Error) => e.message,
    );
    expect(failed).toMatch(/^server exited with 1 before starting:/);
    expect(failed).toContain(`The embedded database folder ${dir} cannot be written (EROFS: it is on a read-only file system)`);
    expect(failed).not.toMatch(/^\s+at /m);
    // In-process openers get the typed error too.
    await expect(openDatabase(loadConfig(env))).rejects.toBeInstanceOf(DataDirUnwritableError);
    expect(folderHash(dir)).toBe(before);

    // Writable again: the rows are all there.
    execFileSync('mount', ['-o', 'remount,rw', mnt]);
    const again = await openDatabase(loadConfig(env));
    try {
      const rows = await again.db.selectFrom('appSettings').select(['key', 'value']).where('key', 'like', 'ro-%').orderBy('key').execute();
      expect(rows.map((r) => [r.key, r.value])).toEqual([['ro-1', 1], ['ro-2', 2], ['ro-3', 3]]);
    } finally {
      await again.close();
    }
  }, 40_000);
});

describe('full data folder (PGlite, tiny tmpfs filled up)', () => {
  it.skipIf(!mountable)('refuses writes with 503 unavailable while full, keeps serving reads, and loses nothing acknowledged', async () => {
    const mnt = fs.mkdtempSync(path.join(os.tmpdir(), 'rubric-full-'));
    mounts.push(mnt);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=96m', 'tmpfs', mnt]);
    const dir = path.join(mnt, 'data');
    const env = { RUBRIC_DATA_DIR: dir, SESSION_SECRET: TEST_SECRET };
    const setup = await openDatabase(loadConfig(env));
    const t = await openTestApp({ database: setup, env: { SESSION_SECRET: TEST_SECRET } });
    const org = await createOrg(setup.db, ['owner']);
    const owner = await signedIn(t.app, org.members[0]!.email);
    for (let i = 0; i < 5; i++) expect((await owner.post('/api/v1/candidates', { name: `Before ${i}`, email: `before.${i}@example.test` })).statusCode).toBe(201);
    await t.close();
    await setup.close();

    const server = await startServerProcess(env);
    const filler = path.join(mnt, 'filler');
    try {
      const call = async (method: string, p: string, body?: unknown) => {
        const res = await fetch(server.url + p, {
          method,
          headers: { origin: server.url, cookie: `rubric_session=${owner.cookie}`, 'x-csrf-token': owner.csrf!, ...(body ? { 'content-type': 'application/json' } : {}) },
          ...(body ? { body: JSON.stringify(body) } : {}),
        });
        return { status: res.status, json: (await res.json()) as { code?: string; id?: string; items?: unknown[] } };
      };
      const st = fs.statfsSync(mnt);
      fs.writeFileSync(filler, Buffer.alloc(Math.max(0, st.bavail * st.bsize - 256 * 1024)));
      const acked: string[] = [];
      let refused: { status: number; json: { code?: string } } | undefined;
      for (let i = 0; i < 80 && !refused; i++) {
        const r = await call('POST', '/api/v1/candidates', { name: `During ${i}`, email: `during.${i}@example.test`, notes: randomBytes(7000).toString('base64') });
        if (r.status === 201) acked.push(r.json.id!);
        else refused = r;
      }
      console.info(`[fault] disk full after ${acked.length} candidate writes: ${JSON.stringify(refused)}`);
      expect(refused).toEqual({ status: 503, json: expect.objectContaining({ code: 'unavailable' }) });
      // Still up: reads answer.
      const list = await call('GET', '/api/v1/candidates?limit=100');
      expect(list.status).toBe(200);
      expect(list.json.items).toHaveLength(5 + acked.length);

      fs.rmSync(filler);
      const after = await call('POST', '/api/v1/candidates', { name: 'After', email: 'after@example.test' });
      expect(after.status).toBe(201);
      await server.kill9();

      const again = await openDatabase(loadConfig(env));
      try {
        const names = (await again.db.selectFrom('candidates').select('name').where('orgId', '=', org.orgId).execute()).map((r) => r.name).sort();
        expect(names).toHaveLength(5 + acked.length + 1);
        expect(names.filter((n) => n.startsWith('Before'))).toHaveLength(5);
      } finally {
        await again.close();
      }
    } finally {
      await server.kill9();
      fs.rmSync(filler, { force: true });
    }
  }, 50_000);
});
