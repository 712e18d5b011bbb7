import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { Browser } from './test-app.ts';
import { registeredRoutes } from '../app.ts';

export interface TenancyCase {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The route pattern as registered, e.g. /api/v1/members/:userId */
  route: string;
  /** Parameter values that belong to ANOTHER organization. */
  params: Record<string, string>;
  body?: unknown;
  /** Query string appended to the URL, e.g. `?from=…&to=…`. */
  query?: string;
}

/**
 * Proves that a member of one organization (`outsider`, ideally an owner) gets 404 `not_found` —
 * never data, never 403 that would confirm existence — for every id-bearing route of a module
 * called with another organization's ids. Fails when a registered route under `prefix` (one or
 * several path prefixes, the module's routes) with a
 * path parameter has no case, so new routes cannot skip the check.
 */
export async function expectOtherOrgIdsNotFound(
  app: FastifyInstance,
  outsider: Browser,
  prefix: string | string[],
  cases: TenancyCase[],
  secretValues: string[] = [],
): Promise<void> {
  const prefixes = Array.isArray(prefix) ? prefix : [prefix];
  const registered = registeredRoutes(app).filter(
    (r) => prefixes.some((p) => r.url.startsWith(p)) && r.url.includes('/:') && !r.url.startsWith('/api/v1/invites/'),
  );
  const covered = new Set(cases.map((c) => `${c.method} ${c.route}`));
  const missing = registered.filter((r) => !covered.has(`${r.method} ${r.url}`)).map((r) => `${r.method} ${r.url}`);
  expect(missing, 'id-bearing routes without a tenancy case').toEqual([]);
  for (const c of cases) {
    const url = c.route.replace(/:([A-Za-z_]+)/g, (_, k: string) => encodeURIComponent(c.params[k] ?? 'missing')) + (c.query ?? '');
    const res = await outsider.request(c.method, url, c.method === 'GET' || c.method === 'DELETE' ? undefined : (c.body ?? {}));
    expect({ route: `${c.method} ${c.route}`, status: res.statusCode }).toEqual({ route: `${c.method} ${c.route}`, status: 404 });
    expect(res.json().code).toBe('not_found');
    for (const s of secretValues) expect(res.body).not.toContain(s);
  }
}

export { registeredRoutes } from '../app.ts';
