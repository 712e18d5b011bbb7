// The Markdown table README's Performance section shows, made from the JSON `npm run bench` prints.
// Sections missing from the result (--only) are left out; every row says what was measured.
/* eslint-disable @typescript-eslint/no-explicit-any -- the result is the JSON document; shapes are the bench modules' */

type Row = [measure: string, result: string, target: string];

const n = (x: number | null | undefined, digits = 0) => (x === null || x === undefined ? '—' : x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const ms = (x: number | null | undefined, digits = 1) => `${n(x, digits)} ms`;
const mark = (ok: boolean) => (ok ? 'met' : '**missed**');

function loadRows(load: any): Row[] {
  const rows: Row[] = [];
  const hello = load.helloWorld;
  rows.push([`bare Fastify hello-world (baseline), 50 / 200 connections, ${load.secondsPerRun} s runs`, `${n(hello.c50.requestsPerSecond)} / ${n(hello.c200.requestsPerSecond)} req/s`, '—']);
  const names: [string, string][] = [
    ['pipeline', 'job pipeline, `GET /api/v1/jobs/:id/applications` (50 of 250)'],
    ['debrief', 'debrief read, `GET /api/v1/applications/:id/debrief` (6 scorecards, 7 competencies)'],
    ['questionSearch', 'question search, `GET /api/v1/questions?q=…`'],
    ['scorecardSubmit', 'scorecard submit, `PUT /api/v1/scorecards/:id` (4 competencies; each a new revision)'],
  ];
  for (const e of load.engines) {
    for (const [key, label] of names) {
      const r = e[key];
      if (!r) continue;
      const at = (c: any) => `${n(c.requestsPerSecond)} req/s (${n(c.ofHelloWorld * 100, 1)} % of hello-world), p50 ${ms(c.p50Ms, 0)}, p99 ${ms(c.p99Ms, 0)}, errors ${n(c.non2xx + c.errors)}`;
      rows.push([`${e.engine}: ${label}, 50 / 200 connections`, `${at(r.c50)} / ${at(r.c200)}`, 'no errors']);
      if (r.fixedRate) {
        const f = r.fixedRate;
        const target = e.engine === 'postgres' ? `p99 ≤ 50 ms: ${mark(f.p99Ms <= 50 && f.non2xx + f.errors === 0)}` : '—';
        rows.push([`${e.engine}: the same at a fixed ${f.offeredPerSecond} req/s (evenly spaced), 50 connections`, `p50 ${ms(f.p50Ms)}, p90 ${ms(f.p90Ms)}, p99 ${ms(f.p99Ms)}, errors ${n(f.non2xx + f.errors)}`, target]);
      }
    }
    if (e.signIn) rows.push([`${e.engine}: sign-in, distinct users, one wave of 50 / 200`, `${n(e.signIn.c50.signInsPerSecond, 1)} / ${n(e.signIn.c200.signInsPerSecond, 1)} per s (scrypt-bound), errors ${n(e.signIn.c50.non2xx + e.signIn.c200.non2xx)}`, '—']);
  }
  return rows;
}

function analyticsRows(a: any): Row[] {
  const points: any[] = Array.isArray(a) ? a : (a.points ?? []);
  return points.map((p) => {
    const target = p.ratings >= 900_000 ? (p.engine === 'postgres' ? `≤ 3,000 ms: ${mark(p.suiteMs <= 3000)}` : `≤ 10,000 ms: ${mark(p.suiteMs <= 10_000)}`) : '—';
    return [`analytics report suite, ${p.engine}, ${n(p.candidates)} candidates / ${n(p.ratings)} ratings`, `median ${ms(p.suiteMs, 0)}${p.suiteP95Ms ? `, p95 ${ms(p.suiteP95Ms, 0)}` : ''}; writing the history ${ms(p.writeMs, 0)}; peak RSS ${n(p.peakRssMiB)} MiB`, target];
  });
}

export function markdownSummary(r: any): string {
  const rows: Row[] = [];
  if (r.coldStart) rows.push(['cold start to the first `/readyz` 200 (empty data folder, demo seed)', `median ${ms(r.coldStart.medianMs, 0)}, p95 ${ms(r.coldStart.p95Ms, 0)} (${r.coldStart.runsMs.length} runs)`, `≤ 3,000 ms: ${mark(r.coldStart.medianMs <= 3000)}`]);
  if (r.load) rows.push(...loadRows(r.load));
  for (const s of r.questionSearch ?? []) rows.push([`question search in-process, ${n(s.questions)} questions`, `p50 ${ms(s.p50Ms)}, p95 ${ms(s.p95Ms)}`, s.questions === 10_000 ? `p95 ≤ 20 ms: ${mark(s.p95Ms <= 20)}` : '—']);
  if (r.loopSlotSearch) {
    const ls = r.loopSlotSearch;
    const ref = ls.cases[0];
    rows.push([`loop slot search: 5 rounds, ${ref.interviewers} interviewers, ${ref.days} days, ${ref.busyBlocks} busy blocks`, `median ${ms(ref.medianMs)}, p95 ${ms(ref.p95Ms)}`, `median ≤ 100 ms: ${mark(ref.medianMs <= 100)}`]);
    rows.push(['… growth with interviewers (12 → 24 → 48)', ls.growth.byInterviewers.map((x: any) => ms(x.medianMs)).join(' → '), '—']);
    rows.push(['… growth with the horizon (7 → 14 → 28 days)', ls.growth.byHorizon.map((x: any) => ms(x.medianMs)).join(' → '), '—']);
  }
  if (r.orchestrator) {
    const o = r.orchestrator;
    rows.push(['debrief, 8 scorecards × 10 competencies (in-process, PGlite)', `p50 ${ms(o.debrief.p50Ms)}, p95 ${ms(o.debrief.p95Ms)}`, `p95 ≤ 30 ms: ${mark(o.debrief.p95Ms <= 30)}`]);
    rows.push([`job comparison, ${o.comparison.candidates} candidates`, `p50 ${ms(o.comparison.p50Ms)}, p95 ${ms(o.comparison.p95Ms)}`, `p95 ≤ 30 ms: ${mark(o.comparison.p95Ms <= 30)}`]);
  }
  if (r.jobDescriptionLint) {
    const j = r.jobDescriptionLint;
    rows.push([`job-description lint, ${n(j.words)} words`, `p50 ${ms(j.p50Ms, 2)}, p95 ${ms(j.p95Ms, 2)}`, `median ≤ 5 ms: ${mark(j.p50Ms <= 5)}`]);
  }
  if (r.transcriptAnalysis) {
    const t = r.transcriptAnalysis;
    rows.push([`transcript parse + analysis, ${t.interview.minutes} min, ${n(t.interview.words)} words`, `p50 ${ms(t.interview.p50Ms, 1)}, p95 ${ms(t.interview.p95Ms, 1)}; ${n(t.tokenisationBaseline.analysisToTokenisationRatio, 1)}× a tokenisation pass`, `median ≤ 50 ms: ${mark(t.interview.p50Ms <= 50)}`]);
    rows.push([`… ${n(t.throughput.transcripts)} transcripts of ${n(t.throughput.wordsEach)} words`, `${n(t.throughput.perSecond)} per s, peak RSS ${n(t.memory.peakRssMiB)} MiB`, '—']);
  }
  if (r.analytics) rows.push(...analyticsRows(r.analytics));
  if (r.privacy) {
    const p = r.privacy;
    rows.push([`retention dry run over ${n(p.candidates)} candidates`, `median ${ms(p.previewMedianMs, 0)}, p95 ${ms(p.previewP95Ms, 0)}`, '—']);
    rows.push([`retention run erasing ${n(p.erased)} candidates, one transaction each`, `${ms(p.retentionRunMs, 0)} (${ms(p.perErasureMs)} per erasure)`, '—']);
    rows.push(['candidate JSON export', `median ${ms(p.exportJsonMedianMs)}, p95 ${ms(p.exportJsonP95Ms)}`, '—']);
  }
  const m = r.machine;
  const head = `Measured ${String(r.date).slice(0, 10)} by \`npm run bench\` (${r.mode}, ${n(r.totalSeconds)} s in all) on ${m.cpus} × ${m.cpu}, ${m.memoryGiB} GiB, Node ${m.node}, PostgreSQL ${m.postgres ?? '—'}.`;
  const table = ['| measure | result | target |', '|---|---|---|', ...rows.map((row) => `| ${row.join(' | ')} |`)];
  return [head, '', ...table].join('\n');
}
