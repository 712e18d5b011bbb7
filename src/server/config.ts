import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');
const optionalUrl = (protocols: RegExp) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(z.url({ protocol: protocols }).optional());

/** Every environment variable Rubric reads, with its default. README and .env.example list the same. */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  RUBRIC_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: optionalUrl(/^postgres(ql)?$/),
  DB_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  PUBLIC_URL: optionalUrl(/^https?$/),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SESSION_IDLE_HOURS: z.coerce.number().positive().default(72),
  SESSION_MAX_DAYS: z.coerce.number().positive().default(30),
  SIGNUP: z.enum(['open', 'invite', 'first-user']).optional(),
  RUBRIC_DEMO: bool.optional(),
  SMTP_URL: optionalUrl(/^smtps?$/),
  SMTP_FROM: z.string().default('Rubric <no-reply@rubric.localhost>'),
  LLM_BASE_URL: optionalUrl(/^https?$/),
  LLM_MODEL: z.string().optional(),
  LLM_API_KEY: z.string().optional(),
  LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  RATE_LIMIT_APPLY_IP: z.coerce.number().int().min(1).default(10),
  BODY_LIMIT: z.coerce.number().int().min(1024).default(1_048_576),
  RATE_LIMIT_AUTH_IP: z.coerce.number().int().min(1).default(30),
  RATE_LIMIT_AUTH_ACCOUNT: z.coerce.number().int().min(1).default(5),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
  RATE_LIMIT_TOKEN_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  TRUST_PROXY: bool.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  JOBS_POLL_MS: z.coerce.number().int().min(50).default(1000),
  OUTBOUND_ALLOW_PRIVATE: bool.default(false),
});

export type Env = z.input<typeof envSchema>;

/** Names of every variable read; .env.example and README list the same (config.test.ts checks). */
export const envVariableNames = Object.keys(envSchema.shape);

export interface Config {
  env: 'development' | 'production' | 'test';
  http: { port: number; host: string; publicUrl: string | undefined; bodyLimit: number; trustProxy: boolean };
  database:
    | { kind: 'embedded'; dataDir: string }
    | { kind: 'postgres'; url: string; queryTimeoutMs: number };
  auth: {
    /** Null until the database supplies the stored one (see ensureSessionSecret). */
    sessionSecret: string | undefined;
    sessionIdleMs: number;
    sessionMaxMs: number;
    signup: 'open' | 'invite' | 'first-user';
    rateLimit: { perIp: number; perAccount: number; windowSeconds: number };
  };
  demo: boolean;
  mail: { smtpUrl: string | undefined; from: string };
  llm: { baseUrl: string | undefined; model: string | undefined; apiKey: string | undefined; timeoutMs: number };
  /** Careers-page applications per client address per hour. */
  careers: { applyPerHour: number };
  /** Requests one API token may make per minute (a fixed window shared by every instance). */
  api: { tokenPerMinute: number };
  /** Outbound HTTP (calendar feeds, later webhooks): private and loopback targets refused unless allowed. */
  outbound: { allowPrivate: boolean };
  logLevel: string;
  jobs: { pollMs: number };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment once into a nested config. Throws ConfigError listing every bad variable,
 * so start-up stops with one message naming all problems. The only reader of process.env.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const embedded = !e.DATABASE_URL;
  return {
    env: e.NODE_ENV,
    http: {
      port: e.PORT,
      host: e.HOST,
      publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''),
      bodyLimit: e.BODY_LIMIT,
      trustProxy: e.TRUST_PROXY,
    },
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL, queryTimeoutMs: e.DB_QUERY_TIMEOUT_MS }
      : { kind: 'embedded', dataDir: path.resolve(e.RUBRIC_DATA_DIR) },
    auth: {
      sessionSecret: e.SESSION_SECRET,
      sessionIdleMs: e.SESSION_IDLE_HOURS * 3_600_000,
      sessionMaxMs: e.SESSION_MAX_DAYS * 86_400_000,
      signup: e.SIGNUP ?? (embedded ? 'open' : 'first-user'),
      rateLimit: {
        perIp: e.RATE_LIMIT_AUTH_IP,
        perAccount: e.RATE_LIMIT_AUTH_ACCOUNT,
        windowSeconds: e.RATE_LIMIT_WINDOW_SECONDS,
      },
    },
    demo: e.RUBRIC_DEMO ?? embedded,
    mail: { smtpUrl: e.SMTP_URL, from: e.SMTP_FROM },
    llm: { baseUrl: e.LLM_BASE_URL, model: e.LLM_MODEL, apiKey: e.LLM_API_KEY, timeoutMs: e.LLM_TIMEOUT_MS },
    careers: { applyPerHour: e.RATE_LIMIT_APPLY_IP },
    api: { tokenPerMinute: e.RATE_LIMIT_TOKEN_PER_MINUTE },
    logLevel: e.LOG_LEVEL,
    jobs: { pollMs: e.JOBS_POLL_MS },
    outbound: { allowPrivate: e.OUTBOUND_ALLOW_PRIVATE },
  };
}

/** Where the app's public links point: PUBLIC_URL, or the local address the server listens on. */
export function baseUrlOf(config: Config): string {
  if (config.http.publicUrl) return config.http.publicUrl;
  const host = config.http.host === '0.0.0.0' || config.http.host === '::' ? 'localhost' : config.http.host;
  return `http://${host === '127.0.0.1' ? 'localhost' : host}:${config.http.port}`;
}
