import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.ts';
import { type Config, loadConfig } from '../config.ts';
import { type Clock, type Ctx, systemClock } from '../context.ts';
import type { Database } from '../db/connect.ts';
import { openTestDatabase } from './test-db.ts';
import { syncLibraryQuestions } from '../../modules/questions/questions.service.ts';
import pino from 'pino';

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123456789';

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    SESSION_SECRET: TEST_SECRET,
    RUBRIC_DEMO: '0',
    SIGNUP: 'open',
    LOG_LEVEL: 'silent',
    ...overrides,
  });
}

/** A settable clock for expiry tests. */
export class TestClock implements Clock {
  constructor(private t = new Date('2026-03-01T09:00:00Z').getTime()) {}
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  config: Config;
  /** A ctx for calling services directly (no actor). */
  ctx(overrides?: Partial<Ctx>): Ctx;
  close(): Promise<void>;
}

export async function openTestApp(opts: { env?: Record<string, string>; clock?: Clock; database?: Database } = {}): Promise<TestApp> {
  const database = opts.database ?? (await openTestDatabase());
  const config = testConfig(opts.env);
  const clock = opts.clock ?? systemClock;
  await syncLibraryQuestions(database.db);
  const app = await buildApp({ config, database, clock, logger: false });
  await app.ready();
  const log = pino({ level: 'silent' });
  return {
    app,
    database,
    config,
    ctx: (o = {}) => ({ db: database.db, clock, log, actor: null, config, requestId: 'test', ip: '127.0.0.1', baseUrl: 'http://localhost', ...o }),
    async close() {
      await app.close();
      if (!opts.database) await database.close();
    },
  };
}

/**
 * A cookie-carrying HTTP client over app.inject: keeps the session cookie and CSRF token like a
 * browser on our own origin would.
 */
export class Browser {
  cookie: string | undefined;
  csrf: string | undefined;
  constructor(
    private app: FastifyInstance,
    public ip = '127.0.0.1',
  ) {}

  async request(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const unsafe = method !== 'GET' && method !== 'HEAD';
    const res = await this.app.inject({
      method: method as 'GET',
      url,
      remoteAddress: this.ip,
      headers: {
        host: 'localhost',
        ...(unsafe ? { origin: 'http://localhost' } : {}),
        ...(this.cookie ? { cookie: `rubric_session=${this.cookie}` } : {}),
        ...(unsafe && this.csrf ? { 'x-csrf-token': this.csrf } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const set = res.cookies.find((c) => c.name === 'rubric_session');
    if (set) this.cookie = set.value || undefined;
    if (res.statusCode < 300 && res.headers['content-type']?.toString().includes('json')) {
      const j = res.json() as { csrfToken?: string };
      if (j && typeof j.csrfToken === 'string') this.csrf = j.csrfToken;
    }
    return res;
  }
  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request('POST', url, body ?? {}, headers);
  }
  patch(url: string, body?: unknown) {
    return this.request('PATCH', url, body ?? {});
  }
  delete(url: string) {
    return this.request('DELETE', url);
  }
}
