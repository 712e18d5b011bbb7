import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgRoles } from '../shared/common.ts';
import type { RouteAccess } from '../shared/route.ts';
import { registeredRoutes } from './app.ts';
import { findPackageRoot } from './db/connect.ts';
import { openTestApp, type TestApp } from './testing/test-app.ts';

interface MatrixRow {
  method: string;
  path: string;
  access: string;
  ticks: Record<string, string>;
}

function readMatrix(): MatrixRow[] {
  const md = fs.readFileSync(path.join(findPackageRoot(), 'docs', 'permissions.md'), 'utf8');
  const rows: MatrixRow[] = [];
  for (const line of md.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 10 || !/^(GET|POST|PUT|PATCH|DELETE)$/.test(cells[1] ?? '')) continue;
    const ticks: Record<string, string> = {};
    orgRoles.forEach((r, i) => (ticks[r] = cells[4 + i]!));
    rows.push({ method: cells[1]!, path: cells[2]!, access: cells[3]!, ticks });
  }
  return rows;
}

let t: TestApp;
beforeAll(async () => {
  t = await openTestApp();
});
afterAll(async () => t?.close());

describe('docs/permissions.md', () => {
  it('has a row for every registered route, matching its contract', () => {
    const matrix = readMatrix();
    const byKey = new Map(matrix.map((r) => [`${r.method} ${r.path}`, r]));
    const routes = registeredRoutes(t.app).filter(
      (r) => (r.url.startsWith('/api') || r.url.startsWith('/careers') || r.url.startsWith('/self-id') || r.url.startsWith('/my-data') || r.url === '/mcp' || r.url === '/healthz' || r.url === '/readyz') && !r.url.startsWith('/api/docs/'),
    );
    expect(routes.length).toBeGreaterThan(20);
    const missing = routes.filter((r) => !byKey.has(`${r.method} ${r.url}`)).map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
    for (const r of routes) {
      const row = byKey.get(`${r.method} ${r.url}`)!;
      const access = (r.access as RouteAccess | undefined) ?? { kind: 'public' };
      expect({ route: `${r.method} ${r.url}`, access: row.access }).toEqual({ route: `${r.method} ${r.url}`, access: access.kind });
      const allowed = access.kind === 'member' && access.roles ? access.roles : orgRoles;
      for (const role of orgRoles) {
        const cell = row.ticks[role];
        const expected = allowed.includes(role) ? ['✓', 'self'] : ['—'];
        expect({ route: `${r.method} ${r.url}`, role, cell: expected.includes(cell!) }).toEqual({ route: `${r.method} ${r.url}`, role, cell: true });
      }
    }
    // no stale rows either
    const registered = new Set(routes.map((r) => `${r.method} ${r.url}`));
    expect(matrix.filter((m) => !registered.has(`${m.method} ${m.path}`)).map((m) => `${m.method} ${m.path}`)).toEqual([]);
  });
});
