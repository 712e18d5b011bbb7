// The real server (built dist/server/main.js, or src via tsx) in a child process for the benchmarks:
// started on a free loopback port, ready once /readyz answers 200.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../src/server/testing/server-process.ts';

export const root = path.resolve(import.meta.dirname, '..');
export const log = (m: string) => process.stderr.write(m + '\n');

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
export const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && e.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(path.join(e.parentPath, e.name)).mtimeMs);
  }
  return newest;
}

let warned = false;
/** The built server when it is at least as new as the sources (the seeding code runs from src), else src via tsx. */
function serverCommand(): string[] {
  const built = path.join(root, 'dist', 'server', 'main.js');
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= newestMtime(path.join(root, 'src'))) return [built];
  if (!warned) log('bench: dist/ is missing or older than src/ (run `npm run build` to measure the built server); running src through tsx');
  warned = true;
  return ['--import', 'tsx', path.join(root, 'src', 'server', 'main.ts')];
}

async function waitReady(url: string, child: { exitCode: number | null }, timeoutMs = 60_000): Promise<void> {
  const end = performance.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {
      /* starting */
    }
    if (child.exitCode !== null) throw new Error('server exited');
    if (performance.now() > end) throw new Error(`server not ready in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export interface BenchServer {
  url: string;
  readyMs: number;
  stop(): Promise<void>;
}

/**
 * Starts the app. Without `dataDir` it gets a fresh embedded data folder (removed on stop);
 * `env` is added to the environment (DATABASE_URL is only passed when `env` names it).
 */
export async function startServer(env: Record<string, string>, opts: { dataDir?: string; port?: number } = {}): Promise<BenchServer> {
  const port = opts.port ?? (await freePort());
  const ownDir = !opts.dataDir;
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'rubric-bench-'));
  const { DATABASE_URL: _u, ...rest } = process.env;
  const t0 = performance.now();
  // BENCH_SERVER_NODE_ARGS, e.g. '--cpu-prof --cpu-prof-dir=/tmp/prof', profiles the server under load.
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, ...serverCommand()], {
    cwd: root,
    env: { ...rest, PORT: String(port), HOST: '127.0.0.1', RUBRIC_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitReady(url, child);
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
  const readyMs = performance.now() - t0;
  return {
    url,
    readyMs,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
      if (ownDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A bare Fastify hello-world route in its own process: the baseline API throughput is compared with. */
export async function startHelloWorld(): Promise<BenchServer> {
  const port = await freePort();
  const code = `import Fastify from 'fastify';
const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
await app.listen({ port: ${port}, host: '127.0.0.1' });`;
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      /* starting */
    }
    if (child.exitCode !== null) throw new Error('hello-world exited');
    await new Promise((r) => setTimeout(r, 10));
  }
  return {
    url,
    readyMs: performance.now() - t0,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    },
  };
}
