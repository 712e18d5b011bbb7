import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPackageRoot } from './db/connect.ts';
import { openTestApp, type TestApp } from './testing/test-app.ts';

const run = promisify(execFile);

/** The ```sh blocks of docs/api.md, in order. */
function shBlocks(): string[] {
  const md = fs.readFileSync(path.join(findPackageRoot(), 'docs', 'api.md'), 'utf8');
  return [...md.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
}

let t: TestApp;
let base: string;
let dir: string;
beforeAll(async () => {
  t = await openTestApp();
  // A real listening server: the commands are real curl processes over TCP.
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const address = t.app.server.address();
  if (!address || typeof address === 'string') throw new Error('no TCP address');
  base = `http://127.0.0.1:${address.port}`;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rubric-walkthrough-'));
});
afterAll(async () => {
  await t?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('docs/api.md walkthrough', () => {
  it('runs every ```sh block in order against a live server, ending with a debrief that holds the scorecard', async () => {
    const blocks = shBlocks();
    // sign-up, token, job, candidate, application, interview, scorecard, decision, debrief
    expect(blocks).toHaveLength(9);
    for (const [i, block] of blocks.entries()) {
      // Each block runs in its own bash, strict, in one working folder; the variables it sets carry over to
      // the next block (allexport + `export -p`), as they would in one terminal.
      const script = `set -euo pipefail\nset -a\n[ -f state.env ] && . ./state.env\n${block}\nexport -p > state.env\n`;
      const out = await run('bash', ['-c', script], { cwd: dir, env: { PATH: process.env.PATH, HOME: dir, BASE: base }, timeout: 60_000 }).catch((e: { code?: number; stdout?: string; stderr?: string }) => {
        throw new Error(`block ${i + 1} failed (exit ${e.code}):\n${block}\nstdout: ${e.stdout}\nstderr: ${e.stderr}`);
      });
      if (i === 6) expect(out.stdout.trim()).toBe('submitted');
      if (i === 8) expect(out.stdout.trim()).toMatch(/^Ada Lovelace: 1 scorecard\(s\), [1-9]\d* competencies rated, decisions: advance$/);
    }

    const read = (name: string) => JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
    const token = read('token.json');
    expect(token.token).toMatch(/^rbk_/);
    expect(token.scopes).toEqual(['read', 'write']);
    const job = read('job.json');
    expect(job).toMatchObject({ roleId: 'cto', title: 'Chief Technology Officer', location: 'Berlin' });
    const submitted = read('submitted.json');
    expect(submitted.status).toBe('submitted');

    // The final debrief: the submitted scorecard, every competency rated 3, and the decision.
    const debrief = read('debrief.json');
    expect(debrief.candidate.name).toBe('Ada Lovelace');
    expect(debrief.job).toEqual({ id: job.id, title: 'Chief Technology Officer' });
    expect(debrief.interviewers).toHaveLength(1);
    expect(debrief.interviewers[0]).toMatchObject({ name: 'Grace Hopper', scorecardId: submitted.id, recommendation: 'yes' });
    expect(debrief.recommendations).toEqual({ strong_no: 0, no: 0, yes: 1, strong_yes: 0 });
    // The deep dive rates some of the plan's competencies: each of those holds the interviewer's 3 with its evidence.
    const rated = new Set(submitted.form.competencies.map((c: { id: string }) => c.id));
    expect(rated.size).toBeGreaterThan(0);
    const ratedInDebrief = debrief.competencies.filter((c: { id: string }) => rated.has(c.id));
    expect(ratedInDebrief).toHaveLength(rated.size);
    for (const c of ratedInDebrief) {
      expect(c.mean).toBe(3);
      expect(c.cells).toEqual([expect.objectContaining({ rating: 3, evidence: `Gave a concrete example for ${c.name}.` })]);
    }
    expect(debrief.decisions.map((d: { decision: string; reasonCode: string }) => [d.decision, d.reasonCode])).toEqual([['advance', 'meets_bar']]);
    expect(debrief.missing).toEqual([]);
    // The advance moved the application on to the next interview stage.
    expect(debrief.stage).not.toBe(job.stages[0].id);
  });
});
