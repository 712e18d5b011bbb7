import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { findPackageRoot, openDatabase } from '../server/db/connect.ts';
import { testConfig } from '../server/testing/test-app.ts';

// Each test spawns the real CLI several times; on a loaded 2-core machine that takes a while.
vi.setConfig({ testTimeout: 180_000 });

const bin = path.join(findPackageRoot(), 'bin', 'rubric.js');
let dataDir: string;

function rubric(args: string[]) {
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...rest, RUBRIC_DATA_DIR: dataDir, RUBRIC_CLI_FROM_SOURCE: '1', LOG_LEVEL: 'warn' },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rubric-cli-candidates-'));
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

async function candidateByEmail(email: string) {
  const database = await openDatabase(testConfig({ RUBRIC_DATA_DIR: dataDir }), { migrate: false });
  try {
    return await database.db.selectFrom('candidates').select(['id', 'name']).where('email', '=', email).executeTakeFirst();
  } finally {
    await database.close();
  }
}

describe('rubric candidates export and erase', () => {
  it('exports JSON/HTML to stdout and PDF to a file as an admin, erases with the name confirmed, and exits 2 on bad input', async () => {
    expect(rubric(['seed', '--demo']).code).toBe(0);
    const as = (email: string) => ['--org', 'lumen-harbor', '--as', email];
    const maya = (await candidateByEmail('maya.lindqvist@example.com'))!;

    const json = rubric(['candidates', 'export', maya.id, ...as('admin@lumen-harbor.example')]);
    expect(json.code, json.stderr).toBe(0);
    const bundle = JSON.parse(json.stdout);
    expect(bundle).toMatchObject({ format: 'rubric.candidate-export/v1', candidate: { id: maya.id, name: maya.name, email: 'maya.lindqvist@example.com' } });
    expect(bundle.applications.length).toBeGreaterThan(0);

    const html = rubric(['candidates', 'export', maya.id, ...as('admin@lumen-harbor.example'), '--format', 'html']);
    expect(html.code, html.stderr).toBe(0);
    expect(html.stdout).toMatch(/^<!doctype html>/);
    expect(html.stdout).toContain(maya.name);

    expect(rubric(['candidates', 'export', maya.id, ...as('admin@lumen-harbor.example'), '--format', 'pdf']).code).toBe(2);
    const out = path.join(dataDir, 'maya.pdf');
    const pdf = rubric(['candidates', 'export', maya.id, ...as('admin@lumen-harbor.example'), '--format', 'pdf', '--out', out]);
    expect(pdf.code, pdf.stderr).toBe(0);
    expect(pdf.stdout).toBe('');
    expect(fs.readFileSync(out).subarray(0, 4).toString()).toBe('%PDF');

    // Bad format, unknown id, a recruiter, missing identity: exit 2.
    expect(rubric(['candidates', 'export', maya.id, ...as('admin@lumen-harbor.example'), '--format', 'xml']).code).toBe(2);
    expect(rubric(['candidates', 'export', '00000000-0000-4000-8000-000000000000', ...as('admin@lumen-harbor.example')]).code).toBe(2);
    expect(rubric(['candidates', 'export', 'not-a-uuid', ...as('admin@lumen-harbor.example')]).code).toBe(2);
    expect(rubric(['candidates', 'export', maya.id, ...as('recruiter@lumen-harbor.example')]).code).toBe(2);
    expect(rubric(['candidates', 'export', maya.id]).code).toBe(2);

    // Erase: the wrong name is refused (exit 2, nothing erased); the right one prints the receipt.
    const wrong = rubric(['candidates', 'erase', maya.id, ...as('owner@lumen-harbor.example'), '--confirm-name', 'Someone Else']);
    expect(wrong.code).toBe(2);
    expect(await candidateByEmail('maya.lindqvist@example.com')).toBeDefined();
    const erased = rubric(['candidates', 'erase', maya.id, ...as('owner@lumen-harbor.example'), '--confirm-name', maya.name, '--format', 'json']);
    expect(erased.code, erased.stderr).toBe(0);
    const receipt = JSON.parse(erased.stdout);
    expect(receipt).toMatchObject({ trigger: 'manual', requestId: null });
    expect(receipt.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(erased.stdout).not.toContain(maya.name);
    expect(await candidateByEmail('maya.lindqvist@example.com')).toBeUndefined();
    // Now unknown: exit 2.
    expect(rubric(['candidates', 'erase', maya.id, ...as('owner@lumen-harbor.example'), '--confirm-name', maya.name]).code).toBe(2);
  });
});
