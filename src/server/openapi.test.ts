import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decideRoute, saveScorecardRoute } from '../modules/feedback/feedback.contract.ts';
import { createInterviewRoute } from '../modules/interviews/interviews.contract.ts';
import { createJobRoute } from '../modules/openings/openings.contract.ts';
import { addApplicationRoute, createCandidateRoute } from '../modules/candidates/candidates.contract.ts';
import type { RouteAccess, RouteDef } from '../shared/route.ts';
import { allRoutes, registeredRoutes } from './app.ts';
import { createOrg, signedIn } from './testing/factories.ts';
import { type Browser, openTestApp, type TestApp } from './testing/test-app.ts';

interface Operation {
  summary?: string;
  tags?: string[];
  parameters?: { name: string; in: string; schema?: unknown }[];
  requestBody?: { content: Record<string, { schema?: unknown; examples?: Record<string, { summary?: string; value: unknown }> }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
  security?: Record<string, string[]>[];
}
interface OpenApiDoc {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, unknown> };
}

let t: TestApp;
let doc: OpenApiDoc;
beforeAll(async () => {
  t = await openTestApp();
  const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
  expect(res.statusCode).toBe(200);
  doc = res.json();
});
afterAll(async () => t?.close());

/** `/api/v1/jobs/:id` → `/api/v1/jobs/{id}` */
const openApiPath = (url: string) => url.replace(/:([A-Za-z_]+)/g, '{$1}');
const contractOf = (method: string, url: string): RouteDef | undefined => allRoutes.find((b) => b.def.method === method && b.def.path === url)?.def;
const keysOf = (schema: unknown): string[] => Object.keys((schema as { shape?: Record<string, unknown> }).shape ?? {});

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document (checked against the official 3.1 schema)', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const result = await new Validator().validate(doc as unknown as Parameters<Validator["validate"]>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['bearer', 'session']);
  });

  it('describes every registered /api/v1 route: method, summary, tag, request and response schemas, security', () => {
    const routes = registeredRoutes(t.app).filter((r) => r.url.startsWith('/api/v1/'));
    expect(routes.length).toBeGreaterThan(150);
    const problems: string[] = [];
    let files = 0;
    let withBody = 0;
    for (const r of routes) {
      const name = `${r.method} ${r.url}`;
      const op = doc.paths[openApiPath(r.url)]?.[r.method.toLowerCase()];
      if (!op) {
        problems.push(`${name}: missing from the document`);
        continue;
      }
      const def = contractOf(r.method, r.url);
      if (!op.summary?.trim()) problems.push(`${name}: no summary`);
      if (!op.tags?.length) problems.push(`${name}: no tag`);
      if (def && op.summary !== def.summary) problems.push(`${name}: summary differs from the contract`);
      // Path parameters, each by name.
      for (const [, p] of r.url.matchAll(/:([A-Za-z_]+)/g)) {
        if (!op.parameters?.some((x) => x.in === 'path' && x.name === p && x.schema)) problems.push(`${name}: no schema for path parameter ${p}`);
      }
      // Every query parameter of the contract.
      for (const q of def?.query ? keysOf(def.query) : []) {
        if (!op.parameters?.some((x) => x.in === 'query' && x.name === q && x.schema)) problems.push(`${name}: no schema for query parameter ${q}`);
      }
      if (def?.body) {
        withBody++;
        if (!op.requestBody?.content['application/json']?.schema) problems.push(`${name}: no JSON request body schema`);
      }
      // The success response: a JSON schema, or for a download its media types.
      const status = String(def?.status ?? 200);
      const response = op.responses?.[status];
      const content = response?.content ?? {};
      if (status === '204') {
        if (!response) problems.push(`${name}: no 204 response`);
      } else if (def && !def.file) {
        if (!content['application/json']?.schema) problems.push(`${name}: no JSON schema for ${status}`);
      } else {
        files++;
        const types = Object.keys(content);
        if (!types.length || types.some((x) => !/^[a-z]+\/[\w.+-]+$/.test(x))) problems.push(`${name}: no media type for the download`);
        if (types.some((x) => !content[x]?.schema)) problems.push(`${name}: download without schema`);
      }
      // Security: session (and bearer unless session-only) for every non-public route.
      const access = (r.access as RouteAccess | undefined) ?? { kind: 'public' };
      const schemes = (op.security ?? []).flatMap((s) => Object.keys(s)).sort();
      if (access.kind === 'public') {
        if (schemes.length) problems.push(`${name}: public route declares security`);
      } else {
        const expected = def?.sessionOnly ? ['session'] : ['bearer', 'session'];
        if (JSON.stringify(schemes) !== JSON.stringify(expected)) problems.push(`${name}: security ${schemes.join(',')} instead of ${expected.join(',')}`);
      }
    }
    expect(problems).toEqual([]);
    // The walk really covered downloads and bodies (not a vacuous pass).
    expect(files).toBeGreaterThanOrEqual(12);
    expect(withBody).toBeGreaterThan(60);
  });

  it('gives downloads their real media types', () => {
    const media = (p: string, m = 'get') => Object.keys(doc.paths[p]?.[m]?.responses?.['200']?.content ?? {}).sort();
    expect(media('/api/v1/applications/{id}/decision-brief')).toEqual(['application/pdf', 'text/markdown']);
    expect(media('/api/v1/jobs/{id}/scorecards/export')).toEqual(['application/json', 'text/csv']);
    expect(media('/api/v1/interviews/{id}/ics')).toEqual(['text/calendar']);
    expect(media('/api/v1/guides/{roleId}/export')).toEqual(['application/json', 'application/pdf', 'text/html', 'text/markdown']);
    expect(media('/api/v1/candidates/{id}/resume')).toEqual(['application/octet-stream']);
  });
});

describe('examples of the main flow', () => {
  const mainFlow: RouteDef[] = [createJobRoute, createCandidateRoute, addApplicationRoute, createInterviewRoute, saveScorecardRoute, decideRoute];

  it.each(mainFlow.map((d) => [`${d.method} ${d.path}`, d] as const))('%s has a request example in the document that its own schema accepts', (_name, def) => {
    // Named media-type examples, declared on the contract's body schema with .meta({ 'x-examples': … }).
    const examples = (z.globalRegistry.get(def.body!) as { 'x-examples'?: Record<string, { summary: string; value: unknown }> } | undefined)?.['x-examples'];
    expect(Object.keys(examples ?? {}).length).toBeGreaterThan(0);
    // Each example parses with the contract's own body schema: it cannot rot unnoticed.
    for (const ex of Object.values(examples!)) {
      expect(ex.summary.length).toBeGreaterThan(5);
      const parsed = def.body!.safeParse(ex.value);
      expect(parsed.error?.issues ?? []).toEqual([]);
    }
    // …and the served document shows them on the request body.
    const media = doc.paths[openApiPath(def.path)]?.[def.method.toLowerCase()]?.requestBody?.content['application/json'];
    expect(media?.examples).toEqual(examples);
  });

  it('shows a concrete job-from-role example', () => {
    const media = doc.paths['/api/v1/jobs']!.post!.requestBody!.content['application/json']!;
    expect(media.examples?.fromRole?.value).toMatchObject({ roleId: 'cto', remotePolicy: 'hybrid' });
  });
});

describe('Idempotency-Key on every create', () => {
  it('every POST route answering 201 is a create the idempotency mechanism covers (POST with a signed-in actor)', () => {
    const creates = registeredRoutes(t.app)
      .filter((r) => r.method === 'POST' && r.url.startsWith('/api/v1/'))
      .map((r) => ({ r, def: contractOf(r.method, r.url) }))
      .filter(({ def }) => def?.status === 201);
    expect(creates.length).toBeGreaterThan(15);
    // Public creates have no actor to scope a key to: only sign-up, which is its own idempotency (one account per email).
    const uncovered = creates.filter(({ def }) => def!.access.kind === 'public').map(({ r }) => r.url);
    expect(uncovered).toEqual(['/api/v1/auth/sign-up']);
  });

  let owner: Browser;
  let bearer: string;
  beforeAll(async () => {
    const org = await createOrg(t.database.db, ['owner']);
    owner = await signedIn(t.app, org.members[0]!.email);
    const tok = await owner.post('/api/v1/api-tokens', { name: 'idempotency test', scopes: ['read', 'write'] });
    expect(tok.statusCode).toBe(201);
    bearer = tok.json().token;
  });

  const viaToken = (url: string, body: unknown, key: string) =>
    t.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${bearer}`, 'idempotency-key': key, 'content-type': 'application/json' }, payload: JSON.stringify(body) });

  it('job, candidate and application creates: same key and body → the first result replayed; another body → 409', async () => {
    // A job, over a session.
    const jobBody = { roleId: 'cto', location: 'Berlin' };
    const j1 = await owner.post('/api/v1/jobs', jobBody, { 'idempotency-key': 'job-1' });
    const j2 = await owner.post('/api/v1/jobs', jobBody, { 'idempotency-key': 'job-1' });
    expect([j1.statusCode, j2.statusCode]).toEqual([201, 201]);
    expect(j2.headers['idempotent-replay']).toBe('true');
    expect(j1.headers['idempotent-replay']).toBeUndefined();
    expect(j2.json().id).toBe(j1.json().id);
    const j3 = await owner.post('/api/v1/jobs', { ...jobBody, location: 'Paris' }, { 'idempotency-key': 'job-1' });
    expect(j3.statusCode).toBe(409);
    expect(j3.json().code).toBe('conflict');
    const jobs = (await owner.get('/api/v1/jobs')).json().items;
    expect(jobs).toHaveLength(1);
    const jobId = j1.json().id as string;

    // A candidate, over an API token.
    const candBody = { name: 'Ada Lovelace', email: 'ada.idem@example.com' };
    const c1 = await viaToken('/api/v1/candidates', candBody, 'cand-1');
    const c2 = await viaToken('/api/v1/candidates', candBody, 'cand-1');
    expect([c1.statusCode, c2.statusCode]).toEqual([201, 201]);
    expect(c2.headers['idempotent-replay']).toBe('true');
    expect(c2.json().id).toBe(c1.json().id);
    const c3 = await viaToken('/api/v1/candidates', { ...candBody, name: 'Ada King' }, 'cand-1');
    expect(c3.statusCode).toBe(409);
    // With another key the repeated create is a real second attempt: the known email answers 409 with its id.
    const c4 = await viaToken('/api/v1/candidates', candBody, 'cand-2');
    expect(c4.statusCode).toBe(409);
    expect(c4.json().details.candidateId).toBe(c1.json().id);

    // An application, over the token: the replay returns the same application.
    const a1 = await viaToken(`/api/v1/jobs/${jobId}/applications`, { candidateId: c1.json().id }, 'app-1');
    const a2 = await viaToken(`/api/v1/jobs/${jobId}/applications`, { candidateId: c1.json().id }, 'app-1');
    expect([a1.statusCode, a2.statusCode]).toEqual([201, 201]);
    expect(a2.headers['idempotent-replay']).toBe('true');
    expect(a2.json()).toEqual(a1.json());
    // The same key on another route is another request: 409, never the application.
    const other = await viaToken('/api/v1/candidates', { name: 'Grace Hopper', email: 'grace.idem@example.com' }, 'app-1');
    expect(other.statusCode).toBe(409);
    const apps = (await owner.get(`/api/v1/jobs/${jobId}/applications`)).json().items;
    expect(apps).toHaveLength(1);
  });
});
