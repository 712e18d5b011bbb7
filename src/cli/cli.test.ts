import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { findPackageRoot, openDatabase } from '../server/db/connect.ts';
import { testConfig } from '../server/testing/test-app.ts';

// Each test spawns the real CLI several times; on a loaded 2-core machine that takes a while.
vi.setConfig({ testTimeout: 120_000 });

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

describe('rubric offline library commands (no database)', () => {
  it('lists, shows and compares roles as JSON or Markdown', () => {
    const list = rubric(['roles', 'list', '--format', 'json']);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout).items).toHaveLength(9);
    const show = rubric(['roles', 'show', 'cto', '--format', 'md']);
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/^# Chief Technology Officer \(CTO\)/);
    expect(show.stdout).toContain('11-3021.00');
    const json = JSON.parse(rubric(['roles', 'show', 'cpo', '--format', 'json']).stdout);
    expect(json.profile.id).toBe('cpo');
    const cmp = rubric(['roles', 'compare', 'cpo', 'cto', '--format', 'json']);
    expect(cmp.code).toBe(0);
    expect(JSON.parse(cmp.stdout).comparison.similarity[0]).toMatchObject({ a: 'cpo', b: 'cto' });
    expect(rubric(['roles', 'compare', 'cpo', 'cto']).stdout).toContain('The difference in one breath');
  });

  it('exits 2 for unknown roles and bad formats, without touching a data folder', () => {
    const unknown = rubric(['roles', 'show', 'chief-wizard'], { RUBRIC_DATA_DIR: '/nonexistent/never' });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('chief-wizard');
    expect(rubric(['roles', 'compare', 'cpo']).code).toBe(2);
    expect(rubric(['roles', 'show', 'cto', '--format', 'yaml']).code).toBe(2);
    expect(fs.existsSync('/nonexistent/never')).toBe(false);
  });

  it('advises an organization and an individual from answer files', () => {
    const orgAnswers = path.join(dataDir, 'org.json');
    fs.writeFileSync(
      orgAnswers,
      JSON.stringify({
        stage: 'scale-up',
        headcount: '100-500',
        productMaturity: 'scaling',
        productLines: 'one',
        technicalComplexity: 'high',
        regulatoryExposure: 'moderate',
        currentLeaders: ['strong-product-leader'],
        painPoints: ['reliability'],
        budget: 'one',
      }),
    );
    const org = rubric(['advise', 'org', '--answers', orgAnswers, '--format', 'json']);
    expect(org.code).toBe(0);
    expect(JSON.parse(org.stdout).ranking[0].outcome).toBe('cto');
    expect(rubric(['advise', 'org', '--answers', orgAnswers]).stdout).toMatch(/^# Recommendation: Chief Technology Officer/);

    const meAnswers = path.join(dataDir, 'me.json');
    fs.writeFileSync(meAnswers, JSON.stringify({ answers: { currentRole: 'product-manager', yearsOfExperience: 9, enjoys: 2, peopleLeadership: 2, ratings: { 'market-customer-insight': 4, 'talent-team-development': 1 } } }));
    const me = rubric(['advise', 'me', '--answers', meAnswers, '--format', 'json']);
    expect(me.code).toBe(0);
    const fits = JSON.parse(me.stdout).fits;
    expect(fits[0].roleId).toBe('head-of-product');
    expect(fits[0].gaps.map((g: { competencyId: string }) => g.competencyId)).toContain('talent-team-development');

    const badJson = path.join(dataDir, 'bad.json');
    fs.writeFileSync(badJson, '{ nope');
    expect(rubric(['advise', 'org', '--answers', badJson]).code).toBe(2);
    fs.writeFileSync(badJson, JSON.stringify({ stage: 'galactic' }));
    const invalid = rubric(['advise', 'org', '--answers', badJson]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('answers.stage');
    expect(rubric(['advise', 'me', '--answers', path.join(dataDir, 'missing.json')]).code).toBe(2);
  });
});

describe('rubric questions, guide and plan commands', () => {
  it('searches the library offline', () => {
    const r = rubric(['questions', 'search', 'roadmap', '--competency', 'product-lifecycle-roadmapping', '--format', 'json']);
    expect(r.code).toBe(0);
    const items = JSON.parse(r.stdout).items;
    expect(items.length).toBeGreaterThan(0);
    for (const q of items) expect(q.competencies).toContain('product-lifecycle-roadmapping');
    expect(rubric(['questions', 'search', 'x', '--type', 'riddle']).code).toBe(2);
  });

  it('writes guides as Markdown, HTML, JSON and PDF', () => {
    expect(rubric(['guide', 'cpo', '--format', 'md']).stdout).toMatch(/^# Interview guide: Chief Product Officer/);
    expect(rubric(['guide', 'cpo', '--format', 'html']).stdout).toMatch(/^<!doctype html>/);
    expect(JSON.parse(rubric(['guide', 'cto', '--format', 'json']).stdout).format).toBe('rubric.plan/v1');
    const pdf = path.join(dataDir, 'cto.pdf');
    expect(rubric(['guide', 'cto', '--format', 'pdf', '--out', pdf]).code).toBe(0);
    expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    expect(rubric(['guide', 'wizard']).code).toBe(2);
    expect(rubric(['guide', 'cto', '--format', 'docx']).code).toBe(2);
  });

  it('lints plan files (exit 0 with findings, 2 with every problem of an invalid file) and imports one', () => {
    const file = path.join(dataDir, 'plan.json');
    fs.writeFileSync(file, rubric(['guide', 'cto', '--format', 'json']).stdout);
    const ok = rubric(['plan', 'lint', file]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ coverage: { warnings: [] }, risk: [] });
    const plan = JSON.parse(fs.readFileSync(file, 'utf8'));
    plan.rounds[0].minutes = -1;
    plan.rounds[1].kind = 'vibes';
    const bad = path.join(dataDir, 'bad-plan.json');
    fs.writeFileSync(bad, JSON.stringify(plan));
    const lint = rubric(['plan', 'lint', bad]);
    expect(lint.code).toBe(2);
    expect(lint.stderr).toContain('rounds.0.minutes');
    expect(lint.stderr).toContain('rounds.1.kind');
    expect(rubric(['plan', 'import', bad, '--org', 'lumen-harbor', '--as', 'owner@lumen-harbor.example']).code).toBe(2);
    const imported = rubric(['plan', 'import', file, '--org', 'lumen-harbor', '--as', 'owner@lumen-harbor.example', '--format', 'json']);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ title: 'Chief Technology Officer interview plan', currentVersion: { number: 1 } });
    const interviewer = rubric(['plan', 'import', file, '--org', 'lumen-harbor', '--as', 'interviewer@lumen-harbor.example']);
    expect(interviewer.code).toBe(2);
    expect(interviewer.stderr).toContain('forbidden');
  });
});

describe('rubric jobs, candidates and scorecards commands', () => {
  it('lists and creates jobs, imports candidates (exit 2 listing every bad row, or --skip-invalid), exports scorecards under the blind rule', () => {
    expect(rubric(['seed', '--demo']).code).toBe(0);
    const as = (email: string) => ['--org', 'lumen-harbor', '--as', email];
    const list = rubric(['jobs', 'list', ...as('recruiter@lumen-harbor.example'), '--format', 'json']);
    expect(list.code).toBe(0);
    const jobs = JSON.parse(list.stdout).items as { id: string; title: string; counts: { active: number } }[];
    expect(jobs.map((j) => j.title).sort()).toEqual(['Chief Product Officer', 'Chief Technology Officer']);
    const cto = jobs.find((j) => j.title === 'Chief Technology Officer')!;
    expect(cto.counts.active).toBe(3);

    const created = rubric(['jobs', 'create', ...as('recruiter@lumen-harbor.example'), '--role', 'vp-engineering', '--location', 'Porto', '--format', 'json']);
    expect(created.code).toBe(0);
    const job = JSON.parse(created.stdout);
    expect(job).toMatchObject({ title: 'VP Engineering', location: 'Porto', status: 'open' });
    expect(rubric(['jobs', 'create', ...as('interviewer@lumen-harbor.example'), '--role', 'cto']).code).toBe(2);
    expect(rubric(['jobs', 'create', ...as('recruiter@lumen-harbor.example'), '--role', 'cto', '--remote', 'moon']).code).toBe(2);

    const csv = path.join(dataDir, 'candidates.csv');
    fs.writeFileSync(csv, 'name,email,source\nRui Costa,rui.costa@example.com,referral\nNo Email,,inbound\nLeonor Sá,leonor@example.com,\nBad Mail,bad@,x\n');
    const strict = rubric(['candidates', 'import', csv, '--job', job.id, ...as('recruiter@lumen-harbor.example')]);
    expect(strict.code).toBe(2);
    expect(strict.stderr).toContain('line 3: email: Enter a valid email address');
    expect(strict.stderr).toContain('line 5: email: Enter a valid email address');
    const lenient = rubric(['candidates', 'import', csv, '--job', job.id, ...as('recruiter@lumen-harbor.example'), '--skip-invalid', '--format', 'json']);
    expect(lenient.code).toBe(0);
    expect(JSON.parse(lenient.stdout)).toMatchObject({ rows: 4, imported: 2, errors: [{ line: 3 }, { line: 5 }] });

    // The hiring manager sees both submitted deep-dive scorecards; a recruiter who is not a decider sees none.
    const hm = rubric(['scorecards', 'export', '--job', cto.id, ...as('hiring.manager@lumen-harbor.example'), '--format', 'csv']);
    expect(hm.code).toBe(0);
    const rows = hm.stdout.trim().split('\n');
    expect(rows[0]).toContain('scorecard_id,application_id,candidate,interviewer');
    expect(rows).toHaveLength(1 + 2 * 3);
    expect(rows.filter((r) => r.includes('Maya Lindqvist'))).toHaveLength(6);
    const recruiter = rubric(['scorecards', 'export', '--job', cto.id, ...as('recruiter@lumen-harbor.example'), '--format', 'json']);
    expect(JSON.parse(recruiter.stdout)).toMatchObject({ scorecards: [], withheld: 4 });
    expect(rubric(['scorecards', 'export', '--job', cto.id, ...as('recruiter@lumen-harbor.example'), '--format', 'xml']).code).toBe(2);
  });
});

describe('rubric outcomes import', () => {
  it('exits 2 listing every bad row with its line (nothing imported), previews, then imports and prints counts', async () => {
    expect(rubric(['seed', '--demo']).code).toBe(0);
    const as = (email: string) => ['--org', 'lumen-harbor', '--as', email];
    const jobs = JSON.parse(rubric(['jobs', 'list', ...as('recruiter@lumen-harbor.example'), '--format', 'json']).stdout).items as { id: string; title: string }[];
    const cto = jobs.find((j) => j.title === 'Chief Technology Officer')!;
    // Mark Maya's CTO application hired directly in the data folder (no CLI command moves candidates).
    const database = await openDatabase(testConfig({ RUBRIC_DATA_DIR: dataDir }), { migrate: false });
    try {
      const job = await database.db.selectFrom('openings').select('stages').where('id', '=', cto.id).executeTakeFirstOrThrow();
      const hiredStage = (job.stages as { id: string; kind: string }[]).find((s) => s.kind === 'hired')!.id;
      const maya = await database.db.selectFrom('candidates').select('id').where('email', '=', 'maya.lindqvist@example.com').executeTakeFirstOrThrow();
      await database.db.updateTable('applications').set({ status: 'hired', stage: hiredStage }).where('openingId', '=', cto.id).where('candidateId', '=', maya.id).execute();
    } finally {
      await database.close();
    }

    const csv = path.join(dataDir, 'outcomes.csv');
    const header = 'candidate_email,job_id,checkpoint,performance_rating,retained,ramp_days,regretted_attrition,manager_satisfaction,note';
    fs.writeFileSync(csv, `${header}\nmaya.lindqvist@example.com,${cto.id},6m,4,yes,40,no,5,On track\nmaya.lindqvist@example.com,${cto.id},13m,9,,,,,\nnobody@example.com,${cto.id},3m,3,,,,,\n`);
    const strict = rubric(['outcomes', 'import', csv, ...as('hiring.manager@lumen-harbor.example')]);
    expect(strict.code, strict.stderr).toBe(2);
    expect(strict.stderr).toContain('line 3: checkpoint: Unknown checkpoint "13m"');
    expect(strict.stderr).toContain('line 3: performance_rating: Use a rating from 1 to 5');
    expect(strict.stderr).toContain('line 4: candidate_email: No application of this candidate to this job');
    expect(strict.stderr).not.toContain('line 2');

    fs.writeFileSync(csv, `${header}\nmaya.lindqvist@example.com,${cto.id},6m,4,yes,40,no,5,On track\nmaya.lindqvist@example.com,${cto.id},12m,,true,,,,\n`);
    const preview = rubric(['outcomes', 'import', csv, '--preview', ...as('hiring.manager@lumen-harbor.example'), '--format', 'json']);
    expect(preview.code, preview.stderr).toBe(0);
    expect(JSON.parse(preview.stdout)).toEqual({ preview: true, rows: 2, imported: 2, created: 2, updated: 0, errors: [] });
    const done = rubric(['outcomes', 'import', csv, ...as('hiring.manager@lumen-harbor.example')]);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toContain('Imported 2 of 2 row(s): 2 new, 0 updated.');
    const again = rubric(['outcomes', 'import', csv, ...as('hiring.manager@lumen-harbor.example'), '--format', 'json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ imported: 2, created: 0, updated: 2 });
    // Interviewers may not import (exit 2); a missing file is a usage error.
    expect(rubric(['outcomes', 'import', csv, ...as('interviewer@lumen-harbor.example')]).code).toBe(2);
    expect(rubric(['outcomes', 'import', path.join(dataDir, 'missing.csv'), ...as('hiring.manager@lumen-harbor.example')]).code).toBe(2);
  });
});

describe('rubric demo generate', () => {
  it('writes a small seeded history into the demo organization and prints the counts; the same seed again or bad arguments exit 2', () => {
    expect(rubric(['seed', '--demo']).code).toBe(0);
    const r = rubric(['demo', 'generate', '--candidates', '40', '--seed', '5', '--start', '2024-01-01', '--months', '12', '--as-of', '2026-06-30']);
    expect(r.code, r.stderr).toBe(0);
    const counts = JSON.parse(r.stdout);
    expect(counts).toMatchObject({ candidates: 40, applications: 40, demographics: 40 });
    expect(counts.stageMoves).toBeGreaterThan(40);
    const again = rubric(['demo', 'generate', '--candidates', '40', '--seed', '5']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already has the generated history of seed 5');
    expect(rubric(['demo', 'generate', '--candidates', 'many', '--seed', '5']).code).toBe(2);
    const badDate = rubric(['demo', 'generate', '--candidates', '10', '--seed', '6', '--as-of', '2026-13-01']);
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('--as-of must be a date');
  });
});

describe('rubric schedule find (offline)', () => {
  const ny = (hhmm: string) => `2026-03-09T${hhmm}:00-04:00`; // Monday 9 March 2026, EDT
  const weekdays = { '1': [[540, 1020]], '2': [[540, 1020]] };
  const request = {
    rounds: [
      { id: 'screen', name: 'Recruiter screen', minutes: 30, interviewers: ['rae'] },
      { id: 'deep', name: 'Deep dive', minutes: 60, interviewers: ['hm'], shadows: { members: ['tina'], count: 1 } },
      { id: 'arch', name: 'Architecture', minutes: 60, interviewers: [], pools: [{ name: 'architecture reviewer', members: ['ada', 'bo'], count: 1 }], after: ['deep'] },
    ],
    interviewers: [
      { id: 'rae', zone: 'America/New_York', workingHours: weekdays, busy: [] },
      { id: 'hm', zone: 'America/New_York', workingHours: weekdays, busy: [{ start: ny('09:00'), end: ny('10:00') }], maxPerWeek: 3, existingPerWeek: { '2026-W11': 1 } },
      { id: 'ada', zone: 'Europe/Berlin', workingHours: weekdays, busy: [] }, // 9–17 in Berlin = 4:00–12:00 in New York that week
      { id: 'bo', zone: 'America/New_York', workingHours: weekdays, busy: [] },
      { id: 'tina', zone: 'America/New_York', workingHours: weekdays, busy: [] },
    ],
    candidate: { zone: 'America/New_York', windows: [{ start: ny('09:00'), end: ny('13:00') }] },
    horizon: { start: '2026-03-09', days: 2 },
    maxGapMinutes: 30,
    limit: 3,
  };
  const write = (name: string, body: unknown) => {
    const file = path.join(dataDir, name);
    fs.writeFileSync(file, typeof body === 'string' ? body : JSON.stringify(body));
    return file;
  };

  it('ranks schedules for a 3-round loop (JSON and text, file or stdin)', () => {
    const file = write('loop.json', request);
    const json = rubric(['schedule', 'find', '--input', file, '--format', 'json']);
    expect(json.code).toBe(0);
    const doc = JSON.parse(json.stdout);
    expect(doc.explanation).toEqual([]);
    expect(doc.schedules).toHaveLength(3);
    expect(doc.schedules[0].rounds.map((r: { roundId: string; start: string; interviewers: string[]; shadows: string[] }) => [r.roundId, r.start, r.interviewers, r.shadows])).toEqual([
      ['screen', '2026-03-09T09:30:00-04:00', ['rae'], []],
      ['deep', '2026-03-09T10:00:00-04:00', ['hm'], ['tina']],
      ['arch', '2026-03-09T11:00:00-04:00', ['ada'], []], // 16:00–17:00 in Berlin
    ]);
    expect(doc.schedules[1].rounds[2]).toMatchObject({ start: '2026-03-09T11:15:00-04:00', interviewers: ['bo'] }); // ada's day ends at 12:00 New York time

    const text = rubric(['schedule', 'find', '--input', file]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('times in America/New_York');
    expect(text.stdout).toMatch(/#1 {2}score [\d.]+ · 1 day · gaps 0 min\n {2}Mon 2026-03-09 09:30–10:00 {2}Recruiter screen {2}rae\n {2}Mon 2026-03-09 10:00–11:00 {2}Deep dive +hm \(shadows: tina\)\n {2}Mon 2026-03-09 11:00–12:00 {2}Architecture +ada/);

    const { DATABASE_URL: _ignored, ...rest } = process.env;
    const stdin = spawnSync(process.execPath, [bin, 'schedule', 'find', '--input', '-', '--format', 'json'], {
      encoding: 'utf8',
      input: JSON.stringify(request),
      env: { ...rest, RUBRIC_DATA_DIR: dataDir, RUBRIC_CLI_FROM_SOURCE: '1', LOG_LEVEL: 'warn' },
      timeout: 60_000,
    });
    expect(stdin.status).toBe(0);
    expect(JSON.parse(stdin.stdout)).toEqual(doc);
  });

  it('answers an impossible request with exit 0 and the explanation', () => {
    const full = structuredClone(request);
    full.interviewers[1]!.existingPerWeek = { '2026-W11': 3 };
    const file = write('loop-full.json', full);
    const json = rubric(['schedule', 'find', '--input', file, '--format', 'json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ schedules: [], explanation: ['hm has reached their weekly limit of 3 interviews (2026-W11).'] });
    const text = rubric(['schedule', 'find', '--input', file]);
    expect(text.code).toBe(0);
    expect(text.stdout).toBe('No schedule fits:\n  - hm has reached their weekly limit of 3 interviews (2026-W11).\n');
  });

  it('exits 2 naming every problem of an invalid request, or invalid JSON', () => {
    const bad = structuredClone(request);
    bad.rounds[1]!.minutes = 0;
    bad.rounds[2]!.pools![0]!.members = ['ada', 'ghost'];
    bad.candidate.windows[0]!.start = '2026-03-09 09:00';
    const invalid = rubric(['schedule', 'find', '--input', write('loop-bad.json', bad)]);
    expect(invalid.code).toBe(2);
    expect(invalid.stdout).toBe('');
    expect(invalid.stderr).toContain('rounds.1.minutes');
    expect(invalid.stderr).toContain('rounds.2.pools.0.members.1: unknown interviewer "ghost"');
    expect(invalid.stderr).toContain('candidate.windows.0.start');
    expect(rubric(['schedule', 'find', '--input', write('loop-broken.json', '{ "rounds": [')]).code).toBe(2);
    expect(rubric(['schedule', 'find', '--input', path.join(dataDir, 'no-such-request.json')]).code).toBe(2);
    expect(rubric(['schedule', 'find', '--input', write('loop-ok.json', request), '--format', 'yaml']).code).toBe(2);
  });
});

describe('rubric jd lint (offline)', () => {
  it('prints the analysis as JSON for a masculine-coded text, and exits 2 on a missing file', () => {
    const file = path.join(dataDir, 'jd-masculine.txt');
    fs.writeFileSync(file, 'Staff Engineer\n\nWe want a competitive, driven, fearless leader.\n');
    const r = rubric(['jd', 'lint', file, '--location', 'Denver, CO', '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(['score', 'findings', 'gender', 'readability', 'requirements', 'breakdown']);
    expect(doc.gender).toEqual({
      verdict: 'strongly masculine-coded',
      masculine: [
        { word: 'competitive', count: 1 },
        { word: 'driven', count: 1 },
        { word: 'fearless', count: 1 },
        { word: 'leader', count: 1 },
      ],
      feminine: [],
    });
    expect(doc.findings.map((f: { kind: string }) => f.kind)).toEqual(['missing-pay-range', 'masculine-coded', 'masculine-coded', 'masculine-coded', 'masculine-coded']);
    expect(doc.findings[1]).toMatchObject({ kind: 'masculine-coded', text: 'competitive', start: 26, end: 37 });
    expect(Object.keys(doc.readability)).toEqual(['fleschReadingEase', 'gradeLevel', 'averageSentenceLength', 'words', 'sentences']);
    expect(doc.requirements).toEqual({ mustHaves: 0, yearsDemanded: null, degreeRequired: false });
    expect(doc.breakdown).toMatchObject({ gender: 12, payTransparency: 15 });
    expect(doc.score).toBe(100 - Object.values(doc.breakdown as Record<string, number>).reduce((a, b) => a + b, 0));
    const text = rubric(['jd', 'lint', file, '--format', 'text']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Gender: strongly masculine-coded');
    const missing = rubric(['jd', 'lint', path.join(dataDir, 'no-such-jd.txt')]);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain('cannot read');
    expect(rubric(['jd', 'lint', file, '--format', 'yaml']).code).toBe(2);
  });
});

describe('rubric jd generate (offline)', () => {
  it('generates Markdown, JSON and a JobPosting from a role and a context file; exits 2 naming bad fields', () => {
    const context = path.join(findPackageRoot(), 'docs', 'examples', 'jd-context.json');
    const md = rubric(['jd', 'generate', '--role', 'cto', '--context', context, '--format', 'md']);
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout.startsWith('# Chief Technology Officer\n')).toBe(true);
    expect(md.stdout).toContain('Harbourline');
    expect(md.stdout).toContain('€160,000');
    const again = rubric(['jd', 'generate', '--role', 'cto', '--context', context]);
    expect(again.stdout).toBe(md.stdout); // deterministic, md by default
    const formal = rubric(['jd', 'generate', '--role', 'cto', '--context', context, '--tone', 'formal', '--format', 'json']);
    const doc = JSON.parse(formal.stdout);
    expect(Object.keys(doc)).toEqual(['title', 'markdown', 'html', 'text', 'analysis']);
    expect(doc.markdown).not.toBe(md.stdout);
    const ld = JSON.parse(rubric(['jd', 'generate', '--role', 'cto', '--context', context, '--format', 'jsonld']).stdout);
    expect(ld).toMatchObject({
      '@type': 'JobPosting',
      title: 'Chief Technology Officer',
      jobLocationType: 'TELECOMMUTE',
      occupationalCategory: '11-3021.00',
      baseSalary: { currency: 'EUR', value: { minValue: 160000, maxValue: 195000, unitText: 'YEAR' } },
    });
    const badFile = path.join(dataDir, 'bad-context.json');
    fs.writeFileSync(badFile, JSON.stringify({ company: { name: 'X' }, tone: 'loud' }));
    const bad = rubric(['jd', 'generate', '--role', 'cto', '--context', badFile]);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('tone');
    expect(bad.stderr).toContain('company.mission');
    expect(rubric(['jd', 'generate', '--role', 'no-such-role', '--context', context]).code).toBe(2);
  });
});

describe('rubric transcript (offline)', () => {
  it('parses and analyses a transcript; unreadable files exit 2 with a clear message', () => {
    const file = path.join(dataDir, 'screen.vtt');
    fs.writeFileSync(
      file,
      [
        'WEBVTT',
        '',
        '00:00:01.000 --> 00:00:06.000',
        '<v Marta Lindqvist>Tell me about an infrastructure cost initiative you led. What was the unit cost before and after?',
        '',
        '00:00:07.000 --> 00:00:30.000',
        '<v Daniel Okafor>I led a cost programme. Cost per transaction fell from 4.1 to 2.6 cents within two quarters.',
        '',
        '00:00:31.000 --> 00:00:35.000',
        '<v Marta Lindqvist>Great. And what year did you graduate?',
        '',
      ].join('\n'),
    );
    const parsed = rubric(['transcript', 'parse', file, '--format', 'json']);
    expect(parsed.code, parsed.stderr).toBe(0);
    const doc = JSON.parse(parsed.stdout);
    expect(Object.keys(doc)).toEqual(['format', 'cues', 'warnings']);
    expect(doc.format).toBe('vtt');
    expect(doc.cues[1]).toEqual({ startMs: 7000, endMs: 30000, speaker: 'Daniel Okafor', text: 'I led a cost programme. Cost per transaction fell from 4.1 to 2.6 cents within two quarters.' });

    const analysed = rubric(['transcript', 'analyze', file, '--role', 'cto', '--round', 'deep-dive', '--candidate', 'Daniel Okafor', '--interviewer', 'Marta Lindqvist', '--format', 'json']);
    expect(analysed.code, analysed.stderr).toBe(0);
    const a = JSON.parse(analysed.stdout);
    expect(Object.keys(a)).toEqual(expect.arrayContaining(['speakers', 'talk', 'exchanges', 'coverage', 'evidence', 'flags', 'suggestions']));
    expect(a.coverage.asked.map((x: { index: number }) => x.index)).toEqual([0]);
    expect(a.flags).toHaveLength(1);
    expect(a.flags[0]).toMatchObject({ category: 'age', speaker: 'Marta Lindqvist' });
    // Proportional within the turn: the question follows "Great." in the 31–35 s cue.
    expect(a.flags[0].startMs).toBeGreaterThan(31000);
    expect(a.flags[0].startMs).toBeLessThan(35000);
    expect(a.flags[0].quote).toContain('what year did you graduate');

    const garbage = path.join(dataDir, 'garbage.srt');
    fs.writeFileSync(garbage, 'this is not a transcript at all --> nope\n');
    const bad = rubric(['transcript', 'parse', garbage]);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('no transcript cues found');
    expect(rubric(['transcript', 'parse', path.join(dataDir, 'missing.vtt')]).code).toBe(2);
    const noRound = rubric(['transcript', 'analyze', file, '--role', 'cto', '--round', 'no-such-round']);
    expect(noRound.code).toBe(2);
    expect(noRound.stderr).toContain('no round "no-such-round"');
  });
});

describe('rubric analyze (offline statistics over CSV files)', () => {
  const write = (name: string, body: string) => {
    const file = path.join(dataDir, name);
    fs.writeFileSync(file, body);
    return file;
  };
  const offline = { RUBRIC_DATA_DIR: '/nonexistent/analyze-never' };
  const ucla = () => {
    const file = path.join(dataDir, 'ucla-admissions.csv');
    fs.copyFileSync(path.join(findPackageRoot(), 'src', 'core', 'stats', 'fixtures', 'ucla-admissions.csv'), file);
    return file;
  };

  it('fits admit ~ gre + gpa + factor(rank) on the UCLA admissions data as R does (JSON and text)', () => {
    const file = ucla();
    const r = rubric(['analyze', 'logistic', '--input', file, '--outcome', 'admit', '--predictors', 'gre,gpa,rank', '--factor', 'rank', '--format', 'json'], offline);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(['n', 'coefficients', 'deviance', 'aic', 'auc']);
    expect(doc.n).toBe(400);
    expect(Object.keys(doc.coefficients)).toEqual(['(Intercept)', 'gre', 'gpa', 'rank2', 'rank3', 'rank4']);
    const oracle: Record<string, [number, number]> = {
      '(Intercept)': [-3.989979, 1.139951],
      gre: [0.002264, 0.001094],
      gpa: [0.804038, 0.331819],
      rank2: [-0.675443, 0.31649],
      rank3: [-1.340204, 0.345306],
      rank4: [-1.551464, 0.417832],
    };
    for (const [name, [estimate, se]] of Object.entries(oracle)) {
      expect(Math.abs(doc.coefficients[name].estimate - estimate)).toBeLessThan(1e-5);
      expect(Math.abs(doc.coefficients[name].se - se)).toBeLessThan(1e-5);
      expect(Object.keys(doc.coefficients[name])).toEqual(['estimate', 'se', 'z', 'p']);
    }
    expect(doc.deviance).toBeCloseTo(458.5175, 4);
    expect(doc.aic).toBeCloseTo(470.5175, 4);
    expect(doc.auc).toBeGreaterThan(0.5);
    expect(doc.auc).toBeLessThan(1);

    const numeric = JSON.parse(rubric(['analyze', 'logistic', '--input', file, '--outcome', 'admit', '--predictors', 'gre,gpa,rank'], offline).stdout);
    expect(numeric.aic).toBeCloseTo(467.4418, 4);
    expect(Math.abs(numeric.coefficients.rank.estimate - -0.560031)).toBeLessThan(1e-5);

    const text = rubric(['analyze', 'logistic', '--input', file, '--outcome', 'admit', '--predictors', 'gre,gpa,rank', '--factor', 'rank', '--format', 'text'], offline);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('admit ~ gre + gpa + factor(rank)');
    expect(text.stdout).toMatch(/rank4\s+-1\.551464\s+0\.417832/);
    expect(text.stdout).toContain('AIC 470.5175');
    expect(fs.existsSync('/nonexistent/analyze-never')).toBe(false);
  });

  it('reports adverse impact per group: reference = highest rate, integer four-fifths flag, small groups marked', () => {
    // 40/50 against 32/50 is exactly four-fifths (not flagged); 2 of 3 is a small group.
    const rows = [
      ...Array.from({ length: 50 }, (_, i) => `men,${i < 40 ? 1 : 0}`),
      ...Array.from({ length: 50 }, (_, i) => `women,${i < 32 ? 1 : 0}`),
      ...Array.from({ length: 50 }, (_, i) => `nonbinary,${i < 31 ? 1 : 0}`),
      'undisclosed,1',
      'undisclosed,0',
      'undisclosed,1',
    ];
    const file = write('decisions.csv', `group,selected\n${rows.join('\n')}\n`);
    const r = rubric(['analyze', 'adverse-impact', '--input', file, '--format', 'json'], offline);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.referenceGroup).toBe('men');
    const by = Object.fromEntries(doc.groups.map((g: { group: string }) => [g.group, g]));
    expect(Object.keys(by.women)).toEqual(['group', 'n', 'selected', 'rate', 'impactRatio', 'fourFifthsFlag', 'fisherP', 'zP', 'smallGroup']);
    expect(by.women).toMatchObject({ n: 50, selected: 32, rate: 0.64, impactRatio: 0.8, fourFifthsFlag: false, smallGroup: false });
    expect(by.nonbinary).toMatchObject({ selected: 31, fourFifthsFlag: true });
    expect(by.men).toMatchObject({ impactRatio: null, fourFifthsFlag: false, fisherP: null, zP: null });
    expect(by.undisclosed).toMatchObject({ n: 3, selected: 2, smallGroup: true, fourFifthsFlag: false });
    expect(by.women.fisherP).toBeGreaterThan(0.05);
    expect(by.women.zP).toBeGreaterThan(0.05);

    const text = rubric(['analyze', 'adverse-impact', '--input', file, '--format', 'text'], offline);
    expect(text.stdout).toContain('men (reference)');
    expect(text.stdout).toContain('fewer than 5 people');

    const scores = write('scores.csv', 'group,score\na,1\na,2\na,3\na,4\nb,1\nb,1\nb,2\nb,4\n');
    const sr = JSON.parse(rubric(['analyze', 'adverse-impact', '--input', scores, '--method', 'scoring-rate'], offline).stdout);
    expect(sr.median).toBe(2);
    expect(sr.referenceGroup).toBe('a');
    expect(sr.groups.map((g: { selected: number }) => g.selected)).toEqual([2, 1]);

    const nobody = write('nobody.csv', 'group,selected\na,0\na,0\nb,0\n');
    const none = rubric(['analyze', 'adverse-impact', '--input', nobody], offline);
    expect(none.code).toBe(0);
    expect(none.stdout).not.toContain('NaN');
    expect(JSON.parse(none.stdout).groups.every((g: { impactRatio: null; fisherP: null }) => g.impactRatio === null && g.fisherP === null)).toBe(true);
  });

  it('computes reliability (ICC and alpha; per competency) and correlations, exiting 0 when ICC cannot be computed', () => {
    const sf = ['9 2 5 8', '6 1 3 2', '8 4 6 8', '7 1 2 6', '10 5 6 9', '6 2 4 7'];
    const lines = sf.flatMap((row, i) => row.split(' ').map((v, j) => `c${i + 1},J${j + 1},${v}`));
    const file = write('ratings.csv', `target,rater,score\n${lines.join('\n')}\n`);
    const r = rubric(['analyze', 'reliability', '--input', file, '--format', 'json'], offline);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ nTargets: 6, nRaters: 4, nComplete: 6 });
    expect(doc.icc.icc1).toBeCloseTo(0.165742, 6);
    expect(doc.icc.icc2).toBeCloseTo(0.289764, 6);
    expect(doc.icc.icc3).toBeCloseTo(0.714841, 6);
    expect(doc.icc.icc3k).toBeCloseTo(0.909316, 6);
    expect(Object.keys(doc.alpha)).toEqual(['nominal', 'ordinal', 'interval', 'ratio']);

    const comp = write('ratings-comp.csv', `competency,target,rater,score\n${lines.map((l) => `judgement,${l}`).join('\n')}\nstrategy,c1,J1,3\nstrategy,c1,J2,4\n`);
    const c = rubric(['analyze', 'reliability', '--input', comp], offline);
    expect(c.code, c.stderr).toBe(0);
    const per = JSON.parse(c.stdout).competencies;
    expect(Object.keys(per)).toEqual(['judgement', 'strategy']);
    expect(per.judgement.icc.icc2).toBeCloseTo(0.289764, 6);
    expect(per.strategy).toMatchObject({ nTargets: 1, nComplete: 1, icc: null });
    expect(per.strategy.notes.join(' ')).toContain('at least 2 targets');

    const xy = write(
      'xy.csv',
      'x,y\n' + ['44.4,2.6', '45.9,3.1', '41.9,2.5', '53.3,5.0', '44.7,3.6', '44.1,4.0', '50.7,5.2', '45.2,2.8', '60.1,3.8', ',9'].join('\n') + '\n',
    );
    const cor = rubric(['analyze', 'correlate', '--input', xy, '--x', 'x', '--y', 'y', '--format', 'json'], offline);
    expect(cor.code, cor.stderr).toBe(0);
    const cd = JSON.parse(cor.stdout);
    expect(cd.n).toBe(9);
    expect(cd.pearson.r).toBeCloseTo(0.5711816, 6);
    expect(cd.pearson.ci95[0]).toBeCloseTo(-0.1497426, 6);
    expect(cd.pearson.ci95[1]).toBeCloseTo(0.8955795, 6);
    expect(cd.pearson.p).toBeCloseTo(0.1081731, 6);
    expect(cd.spearman.rho).toBeCloseTo(0.6, 10);
  });

  it('exits 2 with a clear message and nothing on stdout for bad files', () => {
    const bad = (args: string[], expected: string | RegExp) => {
      const r = rubric(['analyze', ...args], offline);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(expected);
    };
    const missing = write('missing-cols.csv', 'admit,gre\n1,300\n0,400\n');
    bad(['logistic', '--input', missing, '--outcome', 'admit', '--predictors', 'gre,gpa'], /line 1, column "gpa": missing column/);
    const nonNumeric = write('non-numeric.csv', 'admit,gre\n1,300\n0,lots\n1,\n');
    bad(['logistic', '--input', nonNumeric, '--outcome', 'admit', '--predictors', 'gre'], /line 3, column "gre": "lots" is not a number[\s\S]*line 4, column "gre": missing value/);
    const constant = write('constant.csv', 'admit,gre,site\n1,300,1\n0,400,1\n1,500,1\n0,350,1\n');
    bad(['logistic', '--input', constant, '--outcome', 'admit', '--predictors', 'gre,site'], /"site" is constant/);
    const separated = write('separated.csv', 'admit,score\n0,1\n0,2\n0,3\n1,4\n1,5\n1,6\n');
    bad(['logistic', '--input', separated, '--outcome', 'admit', '--predictors', 'score'], /separation/);
    const outcome = write('outcome.csv', 'admit,score\n0,1\n2,2\n');
    bad(['logistic', '--input', outcome, '--outcome', 'admit', '--predictors', 'score'], /line 3, column "admit": "2" is not 0 or 1/);
    bad(['logistic', '--input', path.join(dataDir, 'no-such.csv'), '--outcome', 'admit', '--predictors', 'score'], /cannot read/);
    bad(['logistic', '--input', separated, '--outcome', 'admit', '--predictors', 'score', '--format', 'yaml'], /--format/);
    bad(['adverse-impact', '--input', missing], /column "group": missing column/);
    const badSelected = write('bad-selected.csv', 'group,selected\na,1\nb,yes\n,0\n');
    bad(['adverse-impact', '--input', badSelected], /line 3, column "selected": "yes" is not 0 or 1[\s\S]*line 4, column "group": missing value/);
    bad(['adverse-impact', '--input', badSelected, '--method', 'vibes'], /--method/);
    const ratings = write('bad-ratings.csv', 'target,rater,score\nc1,r1,3\nc1,r2,three\n');
    bad(['reliability', '--input', ratings], /line 3, column "score": "three" is not a number/);
    bad(['correlate', '--input', missing, '--x', 'gre', '--y', 'height'], /column "height": missing column/);
    const quote = write('broken.csv', 'admit,gre\n1,"300\n0,400\n');
    bad(['logistic', '--input', quote, '--outcome', 'admit', '--predictors', 'gre'], /not a readable CSV file/);
  });
});
