import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPackageRoot } from '../server/db/connect.ts';

const bin = path.join(findPackageRoot(), 'bin', 'rubric.js');
let dataDir: string;

/** Runs the real launcher on an embedded data folder of its own, from source (not a stale build). */
function rubric(args: string[], env: Record<string, string> = {}) {
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...rest, RUBRIC_DATA_DIR: dataDir, RUBRIC_CLI_FROM_SOURCE: '1', LOG_LEVEL: 'warn', ...env },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rubric-cli-'));
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('rubric CLI', () => {
  it('seeds the demo and lists members as a member, with only JSON on stdout', () => {
    const seed = rubric(['seed', '--demo', '--format', 'json']);
    expect(seed.code).toBe(0);
    expect(JSON.parse(seed.stdout).users).toHaveLength(5);
    const list = rubric(['members', 'list', '--org', 'lumen-harbor', '--as', 'interviewer@lumen-harbor.example', '--format', 'json']);
    expect(list.code).toBe(0);
    const doc = JSON.parse(list.stdout);
    expect(doc.items.map((m: { role: string }) => m.role)).toEqual(['owner', 'admin', 'recruiter', 'hiring_manager', 'interviewer']);
  });

  it('exits 2 on bad usage or unknown members, with a message on stderr', () => {
    expect(rubric(['seed', '--demo', '--none']).code).toBe(2);
    expect(rubric(['no-such-command']).code).toBe(2);
    const stranger = rubric(['members', 'list', '--org', 'lumen-harbor', '--as', 'nobody@example.test']);
    expect(stranger.code).toBe(2);
    expect(stranger.stderr).toContain('not_found');
    const badFormat = rubric(['audit', 'verify', '--format', 'yaml']);
    expect(badFormat.code).toBe(2);
    expect(rubric(['members', 'list', '--help']).code).toBe(0);
  });

  it('verifies the audit chain: 0 when intact', () => {
    const ok = rubric(['audit', 'verify', '--format', 'json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true });
  });

  it('refuses a data folder held by a running server: exit 1, "stop the server or use DATABASE_URL"', () => {
    fs.writeFileSync(path.join(dataDir, 'rubric.lock'), String(process.pid));
    const r = rubric(['members', 'list', '--org', 'lumen-harbor', '--as', 'owner@lumen-harbor.example']);
    fs.rmSync(path.join(dataDir, 'rubric.lock'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('stop the server or use DATABASE_URL');
  });

  it('stops with every configuration problem listed (exit 2)', () => {
    const r = rubric(['migrate'], { PORT: 'x', SIGNUP: 'maybe' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('PORT');
    expect(r.stderr).toContain('SIGNUP');
  });
});
