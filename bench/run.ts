// npm run bench: measures, never asserts. Prints one JSON document on stdout.
//   coldStart   server start to the first /readyz 200 on an empty embedded data folder (includes
//               loading the migrated template and seeding the demo workspace)
//   signIn      sign-in throughput with distinct users (scrypt-bound), rate limits raised by config
//   sessionRead GET /api/v1/auth/session: max throughput, and latency at a fixed offered rate
//   jobDescriptionLint  analysis of a ~1,000-word description (target median ≤ 5 ms)
//   transcriptAnalysis  parse + analyse a 60-minute interview (target median ≤ 50 ms), 1,000-transcript throughput, memory
//   privacy     retention preview and run (erasures per candidate), candidate export, over generated history
//   analytics   the report suite over generated history (quick 20k candidates; --full 475k ≈ 1M ratings), PGlite and PostgreSQL
//   orchestrator debrief (8 scorecards × 10 competencies) and job comparison (200 candidates), in-process
// Options: --quick (fewer runs, the default) | --full (longer runs).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { benchAnalytics } from './analytics.ts';
import { benchLanguage } from './language.ts';
import { benchOrchestrator } from './orchestrator.ts';
import { benchPrivacy } from './privacy.ts';
import { benchScheduling } from './scheduling.ts';
import { benchSearch } from './search.ts';
import { benchTranscripts } from './transcripts.ts';

const root = path.resolve(import.meta.dirname, '..');
const full = process.argv.includes('--full');
const log = (m: string) => process.stderr.write(m + '\n');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

function serverCommand(): string[] {
  const built = path.join(root, 'dist', 'server', 'main.js');
  return fs.existsSync(built) ? [built] : ['--import', 'tsx', path.join(root, 'src', 'server', 'main.ts')];
}

async function startServer(env: Record<string, string>) {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rubric-bench-'));
  const { DATABASE_URL: _u, ...rest } = process.env;
  const t0 = performance.now();
  const child = spawn(process.execPath, serverCommand(), {
    cwd: root,
    env: { ...rest, PORT: String(port), HOST: '127.0.0.1', RUBRIC_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      /* starting */
    }
    if (child.exitCode !== null) throw new Error('server exited');
    await new Promise((r) => setTimeout(r, 10));
  }
  const readyMs = performance.now() - t0;
  return {
    url,
    readyMs,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;

async function coldStart() {
  const runs: number[] = [];
  for (let i = 0; i < (full ? 5 : 3); i++) {
    const s = await startServer({});
    runs.push(Math.round(s.readyMs));
    await s.stop();
  }
  log(`cold start runs (ms): ${runs.join(', ')}`);
  return { targetMs: 3000, runsMs: runs, medianMs: median(runs), withDemoSeed: true };
}

async function postJson(url: string, body: unknown, cookie?: string) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: new URL(url).origin, ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
}

async function signInAndReads() {
  const server = await startServer({ RUBRIC_DEMO: '0', RATE_LIMIT_AUTH_IP: '1000000', RATE_LIMIT_AUTH_ACCOUNT: '1000000' });
  try {
    const users = 20;
    for (let i = 0; i < users; i++) {
      const res = await postJson(`${server.url}/api/v1/auth/sign-up`, {
        name: `Bench User ${i}`,
        email: `bench${i}@example.test`,
        password: 'bench-password-123',
        organizationName: `Bench Org ${i}`,
      });
      if (res.status !== 201) throw new Error(`sign-up ${res.status}`);
    }
    const durationMs = full ? 20_000 : 8_000;
    const concurrency = 4;
    const latencies: number[] = [];
    let ok = 0;
    let failed = 0;
    const end = performance.now() + durationMs;
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < end) {
          const i = next++ % users;
          const t = performance.now();
          const res = await postJson(`${server.url}/api/v1/auth/sign-in`, { email: `bench${i}@example.test`, password: 'bench-password-123' });
          await res.arrayBuffer();
          latencies.push(performance.now() - t);
          if (res.status === 200) ok++;
          else failed++;
        }
      }),
    );
    const signIn = {
      users,
      concurrency,
      durationS: durationMs / 1000,
      succeeded: ok,
      failed,
      perSecond: Math.round((ok / durationMs) * 1000 * 10) / 10,
      p50Ms: Math.round(pct(latencies, 50)),
      p99Ms: Math.round(pct(latencies, 99)),
      note: 'scrypt N=2^15 per sign-in dominates; 2 cores',
    };
    log(`sign-in: ${signIn.perSecond}/s`);

    const signInRes = await postJson(`${server.url}/api/v1/auth/sign-in`, { email: 'bench0@example.test', password: 'bench-password-123' });
    const cookie = (signInRes.headers.get('set-cookie') ?? '').split(';')[0]!;
    const seconds = full ? 15 : 5;
    const max = await autocannon({ url: `${server.url}/api/v1/auth/session`, headers: { cookie }, connections: 10, duration: seconds });
    const fixedRate = 200;
    const fixed = await autocannon({ url: `${server.url}/api/v1/auth/session`, headers: { cookie }, connections: 10, duration: seconds, overallRate: fixedRate });
    const sessionRead = {
      max: { requestsPerSecond: Math.round(max.requests.average), p50Ms: max.latency.p50, p99Ms: max.latency.p99, non2xx: max.non2xx, errors: max.errors },
      fixedRate: { offeredPerSecond: fixedRate, requestsPerSecond: Math.round(fixed.requests.average), p50Ms: fixed.latency.p50, p99Ms: fixed.latency.p99, non2xx: fixed.non2xx },
    };
    log(`session read: ${sessionRead.max.requestsPerSecond}/s`);
    return { signIn, sessionRead };
  } finally {
    await server.stop();
  }
}

const result = {
  machine: { cpus: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, database: 'embedded (PGlite)' },
  mode: full ? 'full' : 'quick',
  coldStart: await coldStart(),
  ...(await signInAndReads()),
  questionSearch: await benchSearch(10_000, full ? 1000 : 300),
  loopSlotSearch: benchScheduling(full ? 31 : 11),
  orchestrator: await benchOrchestrator(full ? 500 : 200),
  jobDescriptionLint: benchLanguage(full ? 1000 : 300),
  transcriptAnalysis: benchTranscripts(full ? 100 : 30, 1000),
  analytics: await benchAnalytics({ full }),
  privacy: await benchPrivacy({ full }),
};
process.stdout.write(JSON.stringify(result, null, 2) + '\n');
