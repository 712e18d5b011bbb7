import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { findPackageRoot, openDatabase } from '../server/db/connect.ts';
import { testConfig } from '../server/testing/test-app.ts';

vi.setConfig({ testTimeout: 240_000 });

const root = findPackageRoot();
const bin = path.join(root, 'bin', 'rubric.js');
const fixtures = path.join(root, 'src', 'modules', 'imports', 'fixtures');
let dataDir: string;

function rubric(args: string[]) {
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...rest, RUBRIC_DATA_DIR: dataDir, RUBRIC_CLI_FROM_SOURCE: '1', LOG_LEVEL: 'warn' }, timeout: 90_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function query<T>(f: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>): Promise<T> {
  const database = await openDatabase(testConfig({ RUBRIC_DATA_DIR: dataDir }), { migrate: false });
  try {
    return await f(database.db);
  } finally {
    await database.close();
  }
}

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rubric-cli-imports-'));
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('rubric import / scorecards import / jobs record', () => {
  it('imports a JSON Resume, refuses bad files with exit 2 naming each problem, and exports a job record', async () => {
    expect(rubric(['seed', '--demo']).code).toBe(0);
    const as = ['--org', 'lumen-harbor', '--as', 'admin@lumen-harbor.example'];
    const job = await query((db) => db.selectFrom('openings as o').innerJoin('organizations as g', 'g.id', 'o.orgId').select('o.id').where('g.slug', '=', 'lumen-harbor').orderBy('o.createdAt').executeTakeFirstOrThrow());

    const ok = rubric(['import', 'json-resume', path.join(fixtures, 'resume-good.json'), '--job', job.id, ...as, '--format', 'json']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).counts).toMatchObject({ candidates: 1, applications: 1 });
    expect(await query((db) => db.selectFrom('candidates').select('name').where('email', '=', 'yevgenia.hartcourt@example.test').executeTakeFirst())).toEqual({ name: 'Yevgenia Hartcourt' });

    const bad = rubric(['import', 'json-resume', path.join(fixtures, 'resume-bad.json'), '--job', job.id, ...as]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('resume.basics.email');

    const map = path.join(dataDir, 'map.json');
    fs.writeFileSync(map, JSON.stringify({ 'Technical depth': 'no-such-competency' }));
    const gh = rubric(['import', 'greenhouse', path.join(fixtures, 'greenhouse-bad.json'), '--job', job.id, '--attribute-map', map, ...as, '--format', 'json']);
    expect(gh.code).toBe(2);
    const paths = JSON.parse(gh.stdout).errors.map((e: { path: string }) => e.path);
    expect(paths).toContain('attributeMap.Technical depth');
    expect(paths).toContain('candidates[0].email_addresses[0].value');
    expect(await query((db) => db.selectFrom('candidates').select('id').where('email', '=', 'dara.mbeki@example.test').executeTakeFirst())).toBeUndefined();

    const sc = rubric(['scorecards', 'import', path.join(fixtures, 'scorecards-bad.csv'), ...as]);
    expect(sc.code).toBe(2);
    expect(sc.stderr).toContain('line 3');

    const record = rubric(['jobs', 'record', job.id, ...as]);
    expect(record.code, record.stderr).toBe(0);
    const doc = JSON.parse(record.stdout);
    expect(doc.format).toBe('rubric.job-record/v1');
    expect(doc.applications.some((a: { candidate: { email: string } }) => a.candidate.email === 'yevgenia.hartcourt@example.test')).toBe(true);
    const out = path.join(dataDir, 'apps.csv');
    expect(rubric(['jobs', 'record', job.id, ...as, '--format', 'csv', '--table', 'applications', '--out', out]).code).toBe(0);
    expect(fs.readFileSync(out, 'utf8').split('\n')[0]).toBe('application_id,candidate_id,candidate,email,stage,stage_name,status,rejection_reason,rejection_note,created_at,updated_at');
    expect(rubric(['jobs', 'record', job.id, ...as, '--format', 'csv']).code).toBe(2);
  });
});
