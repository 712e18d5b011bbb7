// Kill -9 of a running server while interviewers submit scorecards over HTTP: every acknowledged
// submit survives, nothing is duplicated, and the acknowledged requests replay with their
// Idempotency-Keys after the restart. PGlite data folder in `npm test`, PostgreSQL in `test:pg`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/connect.ts';
import { addCandidate, addInterview, hiringWorld } from '../testing/hiring.ts';
import { type ServerProcess, startServerProcess } from '../testing/server-process.ts';
import { TEST_SECRET, openTestApp, type Browser } from '../testing/test-app.ts';
import { createScratchDatabase, testDatabaseUrl } from '../testing/test-db.ts';

const onPostgres = !!testDatabaseUrl();
const INTERVIEWS = 10;
const KILL_AFTER = 15; // acknowledged submits before kill -9 (of 3 × 10 possible)

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

interface Sent {
  method: 'POST' | 'PUT';
  path: string;
  key: string;
  body: unknown;
}
interface Ack {
  who: string;
  interviewId: string;
  start: Sent;
  submit: Sent;
  startRes: { id: string };
  submitRes: { id: string; version: number; status: string; submittedAt: string; body: { ratings: Record<string, { rating: number | null }> } };
}

/** A fetch client carrying one signed-in Browser's session cookie and CSRF token to a real server. */
function client(server: () => ServerProcess, b: Browser) {
  return async (s: Sent) => {
    const url = server().url;
    const res = await fetch(url + s.path, {
      method: s.method,
      headers: { origin: url, cookie: `rubric_session=${b.cookie}`, 'x-csrf-token': b.csrf!, 'content-type': 'application/json', 'idempotency-key': s.key },
      body: JSON.stringify(s.body),
    });
    return { status: res.status, replay: res.headers.get('idempotent-replay'), json: (await res.json()) as Record<string, unknown> };
  };
}

describe(`kill -9 during scorecard submits (${onPostgres ? 'PostgreSQL' : 'PGlite data folder'})`, () => {
  it('keeps every acknowledged submit exactly once and replays the acknowledged requests after restart', async () => {
    let env: Record<string, string>;
    if (onPostgres) {
      const scratch = await createScratchDatabase();
      cleanups.push(scratch.drop);
      env = { DATABASE_URL: scratch.url };
    } else {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rubric-fault-sc-'));
      cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
      env = { RUBRIC_DATA_DIR: dir };
    }
    env.SESSION_SECRET = TEST_SECRET;
    env.SIGNUP = 'open';

    // Set-up in this process (the data folder's lock is released before the server starts).
    const setupDb = await openDatabase(loadConfig(env));
    const t = await openTestApp({ database: setupDb, env: { SESSION_SECRET: TEST_SECRET } });
    const w = await hiringWorld(t);
    const interviews: string[] = [];
    for (let i = 0; i < INTERVIEWS; i++) {
      const { applicationId } = await addCandidate(w.as.recruiter, w.job.id, `Crash Candidate ${i}`, `crash.${i}@example.test`);
      interviews.push(await addInterview(w.as.recruiter, applicationId, 'competency-b', [w.ids.iv1, w.ids.iv2, w.ids.iv3]));
    }
    await t.close();
    await setupDb.close();

    let server = await startServerProcess(env);
    cleanups.push(() => server.kill9());
    const acks: Ack[] = [];
    const failures: string[] = [];
    let killed: Promise<void> | undefined;
    const loop = async (who: 'iv1' | 'iv2' | 'iv3', offset: number) => {
      const send = client(() => server, w.as[who]);
      for (let i = 0; i < INTERVIEWS && !killed; i++) {
        const interviewId = interviews[(i + offset) % INTERVIEWS]!;
        const start: Sent = { method: 'POST', path: `/api/v1/interviews/${interviewId}/scorecard`, key: `start-${interviewId}`, body: {} };
        try {
          const s = await send(start);
          if (s.status !== 200) throw new Error(`start ${s.status} ${JSON.stringify(s.json)}`);
          const card = s.json as { id: string; version: number; form: { competencies: { id: string }[] } };
          const ratings = Object.fromEntries(card.form.competencies.map((c, k) => [c.id, { rating: ((i + k) % 4) + 1, evidence: `${who} on ${c.id}: a concrete example.` }]));
          const submit: Sent = {
            method: 'PUT',
            path: `/api/v1/scorecards/${card.id}`,
            key: `submit-${interviewId}`,
            body: { baseVersion: card.version, submit: true, body: { ratings, recommendation: 'yes', notes: `by ${who}`, redFlags: [], questionRatings: [] } },
          };
          const r = await send(submit);
          if (r.status !== 200) throw new Error(`submit ${r.status} ${JSON.stringify(r.json)}`);
          acks.push({ who, interviewId, start, submit, startRes: card, submitRes: r.json as unknown as Ack['submitRes'] });
          if (acks.length >= KILL_AFTER && !killed) killed = server.kill9();
        } catch (e) {
          if (!killed) failures.push(String(e));
          return;
        }
      }
    };
    await Promise.all([loop('iv1', 0), loop('iv2', 3), loop('iv3', 6)]);
    await killed;
    expect(failures).toEqual([]);
    expect(acks.length).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(acks.length).toBeLessThan(3 * INTERVIEWS);
    expect(acks.every((a) => a.submitRes.status === 'submitted')).toBe(true);

    // Restart on the same data (PGlite: the dead server's lock is taken over) and replay every
    // acknowledged request with its key: the stored first result, not a second scorecard.
    server = await startServerProcess(env);
    for (const a of acks) {
      const send = client(() => server, w.as[a.who as 'iv1']);
      const s = await send(a.start);
      expect({ status: s.status, replay: s.replay, id: s.json.id }).toEqual({ status: 200, replay: 'true', id: a.startRes.id });
      const r = await send(a.submit);
      expect({ status: r.status, replay: r.replay, id: r.json.id, version: r.json.version, submittedAt: r.json.submittedAt }).toEqual({
        status: 200,
        replay: 'true',
        id: a.submitRes.id,
        version: a.submitRes.version,
        submittedAt: a.submitRes.submittedAt,
      });
    }
    await server.kill9();

    const database = await openDatabase(loadConfig(env));
    try {
      const db = database.db;
      const cards = await db.selectFrom('scorecards').select(['id', 'interviewId', 'interviewerId', 'status', 'version', 'submittedAt']).where('interviewId', 'in', interviews).execute();
      const byId = new Map(cards.map((c) => [c.id, c]));
      const ratingRows = await db.selectFrom('ratings').select(['scorecardId', 'competencyId', 'rating']).where('scorecardId', 'in', cards.map((c) => c.id)).execute();
      const revisions = await db
        .selectFrom('scorecardRevisions')
        .select(['scorecardId', sql<number>`count(*)::int`.as('n')])
        .where('scorecardId', 'in', cards.map((c) => c.id))
        .groupBy('scorecardId')
        .execute();
      const revisionsOf = new Map(revisions.map((r) => [r.scorecardId, r.n]));
      // Every acknowledged submit: submitted, its version, its ratings, one revision.
      for (const a of acks) {
        const row = byId.get(a.submitRes.id);
        expect(row, `scorecard of ack ${a.who}/${a.interviewId}`).toBeDefined();
        expect({ status: row!.status, version: row!.version, submittedAt: new Date(row!.submittedAt!).toISOString() }).toEqual({
          status: 'submitted',
          version: a.submitRes.version,
          submittedAt: a.submitRes.submittedAt,
        });
        const expected = Object.entries(a.submitRes.body.ratings).map(([c, v]) => `${c}=${v.rating}`).sort();
        const stored = ratingRows.filter((r) => r.scorecardId === row!.id).map((r) => `${r.competencyId}=${r.rating}`).sort();
        expect(stored).toEqual(expected);
        expect(revisionsOf.get(row!.id)).toBe(1);
      }
      // No duplicates anywhere: one scorecard per interview and interviewer, one revision per
      // submitted card, and a submitted card always has its ratings (no torn write from the kill).
      const pairs = new Set(cards.map((c) => `${c.interviewId}/${c.interviewerId}`));
      expect(pairs.size).toBe(cards.length);
      const submitted = cards.filter((c) => c.status === 'submitted');
      for (const c of submitted) {
        expect(revisionsOf.get(c.id)).toBe(1);
        expect(ratingRows.filter((r) => r.scorecardId === c.id).length).toBeGreaterThan(0);
      }
      for (const c of cards.filter((x) => x.status === 'draft')) expect(revisionsOf.get(c.id)).toBeUndefined();
      // Submitted but never acknowledged (committed, answer lost in the kill) is allowed; lost is not.
      expect(submitted.length).toBeGreaterThanOrEqual(acks.length);
      expect(submitted.length).toBeLessThanOrEqual(acks.length + 3);
      // The claim, the submit and its stored result commit together: no key is left claimed
      // without a result, and a submit that committed but was never acknowledged has its result,
      // so the client's retry gets it back.
      const keys = await db.selectFrom('idempotencyKeys').select(['key', 'statusCode']).execute();
      expect(keys.filter((k) => k.statusCode === null)).toEqual([]);
      const acked = new Set(acks.map((a) => a.submitRes.id));
      for (const c of submitted.filter((x) => !acked.has(x.id))) expect(keys).toContainEqual({ key: `submit-${c.interviewId}`, statusCode: 200 });
      console.info(`[fault] scorecards: ${acks.length} acknowledged, ${submitted.length} submitted, ${cards.length - submitted.length} drafts, ${keys.length} idempotency keys, all with results`);
    } finally {
      await database.close();
    }
  }, 60_000);
});
