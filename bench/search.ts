// Question search over 10,000 questions on embedded PGlite: the full-text query the API runs
// (ranked, filtered, highlighted page of 20), measured in-process. Target p95 ≤ 20 ms. The growth series
// runs the same queries over 1,000, 10,000 and 40,000 questions.
import { randomUUID } from 'node:crypto';
import { openTestDatabase } from '../src/server/testing/test-db.ts';
import { buildTemplate } from '../scripts/build-template.ts';
import { questionBank } from '../src/modules/questions/questions.library.ts';
import * as q from '../src/modules/questions/questions.queries.ts';

export async function benchSearch(total = 10_000, runs = 300) {
  await buildTemplate();
  const database = await openTestDatabase();
  try {
    const bank = questionBank();
    const orgs = [null];
    const rows: q.QuestionRowInput[] = [];
    const now = new Date();
    const words = ['quarterly', 'platform', 'customer', 'regulator', 'budget', 'migration', 'pricing', 'hiring', 'incident', 'vendor', 'roadmap', 'board'];
    for (let i = 0; i < total; i++) {
      const src = bank[i % bank.length]!;
      const id = randomUUID();
      rows.push({
        id,
        ref: i < bank.length ? `library:${src.id}` : `library:${src.id}-v${i}`,
        orgId: orgs[0]!,
        source: 'library',
        documentId: null,
        versionNumber: 1,
        text: i < bank.length ? src.text : `${src.text} (${words[i % words.length]} ${words[(i * 7) % words.length]} variant ${i})`,
        type: src.type,
        competencies: src.competencies,
        roles: src.roles ?? [],
        seniority: src.seniority,
        tags: [words[i % words.length]!],
        probes: src.probes,
        strongAnswer: src.strongAnswer,
        redFlags: src.redFlags,
        minutes: src.minutes,
        now,
      });
    }
    const t0 = performance.now();
    await q.upsertQuestions(database.db, rows);
    // Statistics for the planner, as the app gathers after a library sync (PGlite runs no autovacuum).
    await q.analyzeQuestions(database.db);
    const loadMs = performance.now() - t0;
    const queries = ['roadmap trade-off', 'incident postmortem', 'board budget', 'hiring leaders', 'vendor contract renewal', 'pricing', 'architecture migration', 'customer research'];
    const competencies = [undefined, 'product-lifecycle-roadmapping', 'security-risk-management', undefined];
    const times: number[] = [];
    for (let i = 0; i < runs + 20; i++) {
      const start = performance.now();
      await q.searchQuestions(database.db, { orgId: null, q: queries[i % queries.length], competency: competencies[i % competencies.length], limit: 20, offset: 0 });
      if (i >= 20) times.push(performance.now() - start); // after warm-up
    }
    times.sort((a, b) => a - b);
    const pct = (p: number) => Math.round(times[Math.min(times.length - 1, Math.floor((times.length * p) / 100))]! * 10) / 10;
    return { questions: total, runs, loadMs: Math.round(loadMs), p50Ms: pct(50), p95Ms: pct(95), p99Ms: pct(99), targetP95Ms: 20 };
  } finally {
    await database.close();
  }
}

/** How search time grows with the corpus: the same queries over 1,000, 10,000 and 40,000 questions. */
export async function benchSearchGrowth(runs: number) {
  const points: Awaited<ReturnType<typeof benchSearch>>[] = [];
  for (const total of [1_000, 10_000, 40_000]) points.push(await benchSearch(total, total === 10_000 ? runs : Math.max(100, Math.floor(runs / 3))));
  return points.map((p) => ({ ...p, p50TimesFirst: Math.round((p.p50Ms / points[0]!.p50Ms) * 100) / 100 }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchSearchGrowth(300), null, 2));
}
