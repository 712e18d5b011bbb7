import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { openDatabase } from './connect.ts';
import { DataDirLockedError, acquireDataDirLock, isDataDirLocked } from './lock.ts';

const writeLoop = path.join(import.meta.dirname, '..', 'testing', 'write-loop.ts');

describe('embedded database durability', () => {
  it('keeps every committed row after kill -9 mid-write, and the next opener takes over the dead lock', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rubric-crash-'));
    const child = spawn(process.execPath, ['--import', 'tsx', writeLoop, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    const acknowledged: number[] = [];
    await new Promise<void>((resolve, reject) => {
      let buf = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buf += chunk.toString();
        const lines = buf.split('\n');
        buf = lines.pop()!;
        for (const l of lines) if (/^\d+$/.test(l)) acknowledged.push(Number(l));
        if (acknowledged.length >= 150) resolve();
      });
      child.on('exit', (code) => reject(new Error(`writer exited early with ${code}`)));
    });
    expect(isDataDirLocked(dir)).toBe(true);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    const database = await openDatabase(loadConfig({ RUBRIC_DATA_DIR: dir }));
    try {
      const rows = await database.db.selectFrom('appSettings').select('key').where('key', 'like', 'crash-%').execute();
      const stored = new Set(rows.map((r) => r.key));
      const lost = acknowledged.filter((i) => !stored.has(`crash-${i}`));
      expect(lost).toEqual([]);
      expect(stored.size).toBeGreaterThanOrEqual(acknowledged.length);
    } finally {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);

  it('refuses a second opener of a folder held by a live process with a clear message', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rubric-lock-'));
    // a live process other than us: our parent
    fs.writeFileSync(path.join(dir, 'rubric.lock'), String(process.ppid));
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    expect(() => acquireDataDirLock(dir)).toThrow(/Stop the server or use DATABASE_URL/);
    // a dead pid is taken over
    fs.writeFileSync(path.join(dir, 'rubric.lock'), '999999');
    const release = acquireDataDirLock(dir);
    expect(fs.readFileSync(path.join(dir, 'rubric.lock'), 'utf8')).toBe(String(process.pid));
    release();
    expect(fs.existsSync(path.join(dir, 'rubric.lock'))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
