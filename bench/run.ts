// npm run bench: measures, never asserts. Prints one JSON document on stdout and a Markdown summary on
// stderr; `--readme` also writes that summary into README.md between the bench markers.
//   coldStart   server start to the first /readyz 200 on an empty embedded data folder (includes
//               loading the migrated template and seeding the demo workspace)
//   load        autocannon against the real server on PGlite and PostgreSQL (bench/load.ts): sign-in,
//               job pipeline, scorecard submit, debrief, question search at 50 and 200 connections,
//               reads also at a fixed offered rate, and a bare Fastify hello-world as the baseline
//   questionSearch  the search query over 1k / 10k / 40k questions (target p95 ≤ 20 ms at 10k)
//   loopSlotSearch  scheduling search and its growth with interviewers and horizon
//   orchestrator debrief (8 scorecards × 10 competencies) and job comparison (200 candidates), in-process
//   jobDescriptionLint  analysis of a ~1,000-word description (target median ≤ 5 ms)
//   transcriptAnalysis  parse + analyse a 60-minute interview (target median ≤ 50 ms), vs a tokenisation pass
//   analytics   the report suite as the ratings grow (10k → 100k → 1M), PGlite and PostgreSQL
//   privacy     retention preview and run (erasures per candidate), candidate export, over generated history
// Options: --quick (the default) | --full (longer runs, larger sizes) | --only=a,b (some sections) | --readme.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchAnalyticsGrowth } from './analytics.ts';
import { benchLanguage } from './language.ts';
import { benchLoad } from './load.ts';
import { benchOrchestrator } from './orchestrator.ts';
import { benchPrivacy } from './privacy.ts';
import { benchScheduling } from './scheduling.ts';
import { benchSearchGrowth } from './search.ts';
import { benchTranscripts } from './transcripts.ts';
import { markdownSummary } from './summary.ts';
import { log, median, pct, root, startServer } from './server.ts';

const full = process.argv.includes('--full');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7).split(',');

async function coldStart() {
  const runs: number[] = [];
  for (let i = 0; i < (full ? 5 : 3); i++) {
    const s = await startServer({});
    runs.push(Math.round(s.readyMs));
    await s.stop();
  }
  log(`cold start runs (ms): ${runs.join(', ')}`);
  return { targetMs: 3000, runsMs: runs, medianMs: median(runs), p95Ms: pct(runs, 95), withDemoSeed: true };
}

function postgresVersion(): string | null {
  try {
    return execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-Atc', 'show server_version'], { encoding: 'utf8', timeout: 3000 }).trim();
  } catch {
    return null;
  }
}

const sections: Record<string, () => unknown> = {
  coldStart,
  load: () => benchLoad({ full }),
  questionSearch: () => benchSearchGrowth(full ? 1000 : 300),
  loopSlotSearch: () => benchScheduling(full ? 31 : 11),
  orchestrator: () => benchOrchestrator(full ? 500 : 200),
  jobDescriptionLint: () => benchLanguage(full ? 1000 : 300),
  transcriptAnalysis: () => benchTranscripts(full ? 100 : 30, 1000),
  analytics: () => benchAnalyticsGrowth({ full }),
  privacy: () => benchPrivacy({ full }),
};

const started = performance.now();
const result: Record<string, unknown> = {
  machine: {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cpus: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    postgres: postgresVersion(),
  },
  date: new Date().toISOString(),
  mode: full ? 'full' : 'quick',
};
for (const [name, fn] of Object.entries(sections)) {
  if (only && !only.includes(name)) continue;
  const t = performance.now();
  log(`── ${name}`);
  result[name] = await fn();
  log(`── ${name}: ${Math.round((performance.now() - t) / 1000)} s`);
}
result.totalSeconds = Math.round((performance.now() - started) / 1000);
process.stdout.write(JSON.stringify(result, null, 2) + '\n');

const md = markdownSummary(result);
log(`\n${md}`);
if (process.argv.includes('--readme')) {
  const readme = path.join(root, 'README.md');
  const text = fs.readFileSync(readme, 'utf8');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error(`README.md has no ${start} … ${end} markers`);
  fs.writeFileSync(readme, `${text.slice(0, a + start.length)}\n${md}\n${text.slice(b)}`);
  log('README.md: performance table updated');
}
