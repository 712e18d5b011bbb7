import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const main = path.join(import.meta.dirname, 'main.ts');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

function envWithout(extra: Record<string, string>) {
  const { DATABASE_URL: _u, ...rest } = process.env;
  return { ...rest, LOG_LEVEL: 'warn', ...extra };
}

describe('server process', () => {
  it('stops on invalid configuration, listing every problem', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', main], {
      env: envWithout({ PORT: 'abc', SIGNUP: 'sometimes', SMTP_URL: 'http://not-smtp' }),
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status).toBe(2);
    for (const name of ['PORT', 'SIGNUP', 'SMTP_URL']) expect(r.stderr).toContain(name);
  });

  it('seeds the demo on first start, finishes an in-flight request on SIGTERM, closes cleanly and frees the lock', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rubric-main-'));
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', main], {
      env: envWithout({ PORT: String(port), RUBRIC_DATA_DIR: dataDir, LOG_LEVEL: 'info' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 30_000;
    while (!out.includes('Rubric is running')) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(out);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(out).toContain('owner@lumen-harbor.example');
    expect(out).toContain('rubric-demo-2026');
    expect(fs.readFileSync(path.join(dataDir, 'rubric.lock'), 'utf8')).toBe(String(child.pid));

    // a sign-in spends ~100 ms in scrypt: SIGTERM is sent once the server has logged the request
    const inFlight = fetch(`${url}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify({ email: 'owner@lumen-harbor.example', password: 'rubric-demo-2026' }),
    });
    while (!/"url":"\/api\/v1\/auth\/sign-in"/.test(out)) {
      if (Date.now() > deadline + 30_000) throw new Error(out);
      await new Promise((r) => setTimeout(r, 2));
    }
    child.kill('SIGTERM');
    const res = await inFlight;
    expect(res.status).toBe(200);
    const code = await new Promise<number | null>((r) => (child.exitCode !== null ? r(child.exitCode) : child.once('exit', (c) => r(c))));
    expect(code).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'rubric.lock'))).toBe(false);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);
});
