// Candidate data rights over generated history (modules/analytics/generate.service.ts), on PGlite, in-process
// through the services the routes call:
//   preview   the retention dry run over every candidate (two overlapping policies), median of 5
//   export    the JSON bundle of one candidate with a full history, median of 20
//   run       a retention run that erases every due candidate, one transaction each: total and per candidate
// Quick: 2,000 generated candidates; --full 10,000.
import pino from 'pino';
import type { Ctx } from '../src/server/context.ts';
import { openTestDatabase } from '../src/server/testing/test-db.ts';
import { testConfig } from '../src/server/testing/test-app.ts';
import { createOrg } from '../src/server/testing/factories.ts';
import { writeSyntheticHistory } from '../src/modules/analytics/generate.service.ts';
import { buildCandidateExport } from '../src/modules/privacy/export.service.ts';
import { createPolicy, previewRetention, runRetentionNow } from '../src/modules/privacy/retention.service.ts';

const log = (m: string) => process.stderr.write(m + '\n');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!;

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const out = await fn();
  return [out, performance.now() - t];
}

export async function benchPrivacy(opts: { full: boolean }) {
  const candidates = opts.full ? 10_000 : 2_000;
  const database = await openTestDatabase();
  try {
    const org = await createOrg(database.db, ['owner']);
    const base: Ctx = { db: database.db, clock: { now: () => new Date('2026-11-28T12:00:00Z') }, log: pino({ level: 'silent' }), actor: null, config: testConfig(), requestId: 'bench', ip: '127.0.0.1', baseUrl: 'http://localhost' };
    log(`privacy: writing ${candidates} candidates…`);
    await writeSyntheticHistory(base, { orgId: org.orgId, candidates, seed: 7, start: '2024-01-01', months: 18, asOf: '2026-11-28' });
    const owner: Ctx = { ...base, actor: { userId: org.members[0]!.id, sessionId: null, org: { id: org.orgId, role: 'owner', compliance: false } } };
    await createPolicy(owner, { name: 'Rejected: 6 months', appliesTo: 'rejected', afterMonths: 6, action: 'erase', enabled: true });
    await createPolicy(owner, { name: 'Closed: 12 months', appliesTo: 'any_closed', afterMonths: 12, action: 'erase', enabled: true });

    const previews: number[] = [];
    let due = 0;
    for (let i = 0; i < 5; i++) {
      const [p, ms] = await timed(() => previewRetention(owner));
      previews.push(ms);
      due = p.due.length;
    }
    // The candidate with the most submitted scorecards: the largest bundle.
    const someone = (
      await database.db
        .selectFrom('applications as a')
        .innerJoin('scorecards as s', 's.applicationId', 'a.id')
        .select(['a.candidateId'])
        .where('a.orgId', '=', org.orgId)
        .groupBy('a.candidateId')
        .orderBy((eb) => eb.fn.countAll(), 'desc')
        .orderBy('a.candidateId')
        .limit(1)
        .executeTakeFirstOrThrow()
    ).candidateId!;
    const exports: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 20; i++) {
      const [bundle, ms] = await timed(() => buildCandidateExport(owner, someone));
      exports.push(ms);
      bytes = JSON.stringify(bundle).length;
    }
    log(`privacy: running retention over ${due} due candidates…`);
    const [run, runMs] = await timed(() => runRetentionNow(owner));
    return {
      candidates,
      previewMedianMs: Math.round(median(previews)),
      previewP95Ms: Math.round(p95(previews)),
      dueInPreview: due,
      exportJsonMedianMs: Math.round(median(exports) * 10) / 10,
      exportJsonP95Ms: Math.round(p95(exports) * 10) / 10,
      exportJsonBytes: bytes,
      retentionRunMs: Math.round(runMs),
      erased: run.erased,
      perErasureMs: run.erased ? Math.round((runMs / run.erased) * 10) / 10 : null,
    };
  } finally {
    await database.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await benchPrivacy({ full: process.argv.includes('--full') });
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
}
