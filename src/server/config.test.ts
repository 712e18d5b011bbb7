import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, baseUrlOf, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('works with zero configuration: embedded database in ./data, port 3000, open sign-up, demo on', () => {
    const c = loadConfig({});
    expect(c.http.port).toBe(3000);
    expect(c.database).toEqual({ kind: 'embedded', dataDir: path.resolve('./data') });
    expect(c.auth.signup).toBe('open');
    expect(c.demo).toBe(true);
    expect(baseUrlOf(c)).toBe('http://localhost:3000');
  });

  it('switches to PostgreSQL with DATABASE_URL: first-user sign-up and no demo unless asked', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/rubric' });
    expect(c.database).toEqual({ kind: 'postgres', url: 'postgres://u@db:5432/rubric', queryTimeoutMs: 60_000 });
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db/rubric', DB_QUERY_TIMEOUT_MS: '5000' }).database).toMatchObject({ queryTimeoutMs: 5000 });
    expect(c.auth.signup).toBe('first-user');
    expect(c.demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db/rubric', RUBRIC_DEMO: '1' }).demo).toBe(true);
  });

  it('lists every invalid variable at once', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', SIGNUP: 'sometimes', SESSION_SECRET: 'short', PUBLIC_URL: 'ftp://x' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const names = (e as ConfigError).problems.map((p) => p.split(':')[0]);
      expect(names.sort()).toEqual(['DATABASE_URL', 'PORT', 'PUBLIC_URL', 'SESSION_SECRET', 'SIGNUP']);
      expect((e as Error).message).toContain('Invalid configuration');
    }
  });

  it('reads the per-token API rate limit: 600 a minute unless RATE_LIMIT_TOKEN_PER_MINUTE says otherwise', () => {
    expect(loadConfig({}).api.tokenPerMinute).toBe(600);
    expect(loadConfig({ RATE_LIMIT_TOKEN_PER_MINUTE: '25' }).api.tokenPerMinute).toBe(25);
    expect(() => loadConfig({ RATE_LIMIT_TOKEN_PER_MINUTE: '0' })).toThrow(/RATE_LIMIT_TOKEN_PER_MINUTE/);
  });

  it('trims a trailing slash from PUBLIC_URL and uses it for links', () => {
    const c = loadConfig({ PUBLIC_URL: 'https://hire.example.com/' });
    expect(baseUrlOf(c)).toBe('https://hire.example.com');
  });
});

describe('documentation of the configuration', () => {
  it('lists every variable in .env.example and README', async () => {
    const fs = await import('node:fs');
    const { envVariableNames } = await import('./config.ts');
    const { findPackageRoot } = await import('./db/connect.ts');
    const root = findPackageRoot();
    const example = fs.readFileSync(path.join(root, '.env.example'), 'utf8');
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const inExample = [...example.matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]);
    expect(inExample.sort()).toEqual([...envVariableNames].sort());
    for (const name of envVariableNames) expect(readme, name).toContain('`' + name + '`');
  });
});
