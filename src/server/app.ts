import { randomUUID } from 'node:crypto';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { type ZodTypeProvider, jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { countUsers } from '../modules/auth/auth.queries.ts';
import { advisorRoutes } from '../modules/advisor/advisor.routes.ts';
import { auditRoutes } from '../modules/audit/audit.routes.ts';
import { candidatesRoutes } from '../modules/candidates/candidates.routes.ts';
import { feedbackRoutes } from '../modules/feedback/feedback.routes.ts';
import { intelligenceRoutes } from '../modules/intelligence/intelligence.routes.ts';
import { interviewsRoutes } from '../modules/interviews/interviews.routes.ts';
import { careersHttp } from '../modules/jd/careers.http.ts';
import { demographicsHttp } from '../modules/analytics/demographics.http.ts';
import { privacyHttp } from '../modules/privacy/privacy.http.ts';
import { analyticsRoutes } from '../modules/analytics/analytics.routes.ts';
import { demographicsRoutes } from '../modules/analytics/demographics.routes.ts';
import { jdRoutes } from '../modules/jd/jd.routes.ts';
import { outcomesRoutes } from '../modules/outcomes/outcomes.routes.ts';
import { openingsRoutes } from '../modules/openings/openings.routes.ts';
import { schedulingRoutes } from '../modules/scheduling/scheduling.routes.ts';
import { authRoutes } from '../modules/auth/auth.routes.ts';
import { type Meta, getMetaRoute, metaSchema } from '../modules/meta/meta.contract.ts';
import { orgsRoutes } from '../modules/orgs/orgs.routes.ts';
import { outboxRoutes } from '../modules/outbox/outbox.routes.ts';
import { exportGuide, guideExportFormats } from '../modules/plans/guide.render.ts';
import { plansRoutes } from '../modules/plans/plans.routes.ts';
import { guideFor } from '../modules/plans/plans.service.ts';
import { roleIdSchema } from '../modules/roles/roles.contract.ts';
import { z } from 'zod';
import { questionsRoutes } from '../modules/questions/questions.routes.ts';
import { rolesRoutes } from '../modules/roles/roles.routes.ts';
import { erasureRoutes } from '../modules/privacy/erasure.routes.ts';
import { requestRoutes } from '../modules/privacy/requests.routes.ts';
import { retentionRoutes } from '../modules/privacy/retention.routes.ts';
import { apiTokenRoutes } from '../modules/auth/api-tokens.routes.ts';
import { webhookRoutes } from '../modules/webhooks/webhooks.routes.ts';
import { importRoutes } from '../modules/imports/imports.routes.ts';
import { mcpHttp } from '../modules/mcp/mcp.http.ts';
import type { Config } from './config.ts';
import { type Clock, type RouteBinding, systemClock } from './context.ts';
import { type Database, findPackageRoot } from './db/connect.ts';
import { pingDatabase } from './db/health.queries.ts';
import { registerErrorHandling } from './http/errors.ts';
import { fileResponse, makeCtx, registerBindings } from './http/register.ts';
import { registerWeb } from './http/static.ts';
import { consumeTokenRateLimit } from './http/token-rate-limit.ts';

export const allRoutes: RouteBinding[] = [...authRoutes, ...orgsRoutes, ...outboxRoutes, ...auditRoutes, ...rolesRoutes, ...advisorRoutes, ...questionsRoutes, ...plansRoutes, ...openingsRoutes, ...candidatesRoutes, ...interviewsRoutes, ...feedbackRoutes, ...schedulingRoutes, ...jdRoutes, ...intelligenceRoutes, ...outcomesRoutes, ...demographicsRoutes, ...analyticsRoutes, ...erasureRoutes, ...requestRoutes, ...retentionRoutes, ...apiTokenRoutes, ...webhookRoutes, ...importRoutes];

export interface AppOptions {
  config: Config;
  database: Database;
  clock?: Clock;
  /** Logger options; tests pass false. */
  logger?: boolean | object;
}

const packageVersion = '0.1.0';

export interface RegisteredRoute {
  method: string;
  url: string;
  /** The contract's access declaration; undefined for kernel routes (health, meta, docs, static). */
  access: unknown;
}
const routeTables = new WeakMap<FastifyInstance, RegisteredRoute[]>();

/** Every route the app registered (for the permission-matrix and tenancy tests). */
export function registeredRoutes(app: FastifyInstance): RegisteredRoute[] {
  return routeTables.get(app) ?? [];
}

/** Builds the Fastify app (never listens). The config must carry the session secret already. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const { config, database } = opts;
  if (!config.auth.sessionSecret) throw new Error('buildApp needs config.auth.sessionSecret (withSessionSecret)');
  const app = Fastify({
    logger: opts.logger ?? { level: config.logLevel, redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'] },
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    },
    requestIdHeader: false,
    bodyLimit: config.http.bodyLimit,
    trustProxy: config.http.trustProxy,
    routerOptions: { ignoreTrailingSlash: true },
  });
  const routeTable: RegisteredRoute[] = [];
  routeTables.set(app, routeTable);
  app.addHook('onRoute', (r) => {
    for (const method of Array.isArray(r.method) ? r.method : [r.method]) {
      if (method === 'HEAD' || method === 'OPTIONS') continue;
      routeTable.push({ method, url: r.url ?? r.path, access: (r.config as { access?: unknown } | undefined)?.access });
    }
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // During shutdown, responses to in-flight requests close their keep-alive connection, so close()
  // does not wait for idle sockets to time out.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (req, reply) => {
    void reply.header('x-request-id', String(req.id));
    if (closing) void reply.header('connection', 'close');
  });
  registerErrorHandling(app);

  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    // Served over plain HTTP on localhost by default; HSTS belongs to the TLS proxy in front.
    strictTransportSecurity: false,
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Rubric API', version: packageVersion, description: 'Structured hiring for leadership roles. All JSON routes live under /api/v1.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'rubric_session' },
          bearer: { type: 'http', scheme: 'bearer', description: 'A personal API token (rbk_…) from Account → API tokens' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(async (docs) => {
    // Swagger UI needs inline styles and scripts: its own relaxed policy, only here.
    docs.addHook('onSend', async (_req, reply) => {
      void reply.header(
        'content-security-policy',
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'",
      );
    });
    await docs.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const deps = { db: database.db, config, clock: opts.clock ?? systemClock };
  registerBindings(app, allRoutes, deps);
  // The public careers pages are HTML with their own form handling (multipart only in their scope).
  await app.register(careersHttp, { ctxOf: (req) => makeCtx(deps, req, null) });
  // The public voluntary self-identification pages: HTML, urlencoded forms parsed only in their scope.
  await app.register(demographicsHttp, { ctxOf: (req) => makeCtx(deps, req, null) });
  // The candidate's privacy notice and request page (/my-data/:token; /privacy belongs to the SPA).
  await app.register(privacyHttp, { ctxOf: (req) => makeCtx(deps, req, null) });
  // The MCP server for AI agents (streamable HTTP, API tokens only; docs/mcp.md).
  await app.register(mcpHttp, { ctxOf: (req) => makeCtx(deps, req, null), rateLimit: consumeTokenRateLimit });

  // Guide downloads are files (Markdown, HTML, PDF, plan JSON), not JSON API responses.
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/guides/:roleId/export',
    {
      schema: {
        tags: ['guides'],
        summary: 'Download a guide as Markdown, print-ready HTML, PDF or portable plan JSON (rubric.plan/v1)',
        params: z.object({ roleId: roleIdSchema }),
        querystring: z.strictObject({ format: z.enum(guideExportFormats) }),
        response: { 200: fileResponse({ path: '/api/v1/guides/:roleId/export', query: z.strictObject({ format: z.enum(guideExportFormats) }) }) },
      },
    },
    async (req, reply) => {
      const file = await exportGuide(guideFor(req.params.roleId), req.query.format);
      if (req.query.format === 'html') {
        // A standalone document with its own inline print styles.
        void reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
      }
      const disposition = req.query.format === 'html' ? 'inline' : 'attachment';
      return reply.type(file.contentType).header('content-disposition', `${disposition}; filename="${file.fileName}"`).send(file.body);
    },
  );

  app.get('/healthz', { schema: { hide: true } }, async () => ({ ok: true }));
  app.get('/readyz', { schema: { hide: true } }, async (req, reply) => {
    try {
      await pingDatabase(database.db);
      return { ok: true, database: database.kind };
    } catch (e) {
      req.log.warn({ err: e }, 'readiness check failed');
      return reply.status(503).send({ code: 'unavailable', message: 'The database is unavailable', requestId: String(req.id) });
    }
  });
  app.get(getMetaRoute.path, { schema: { tags: ['meta'], summary: getMetaRoute.summary, response: { 200: metaSchema } } }, async (): Promise<Meta> => {
    const signup = config.auth.signup;
    const signupOpen = signup === 'open' || (signup === 'first-user' && (await countUsers(database.db)) === 0);
    return {
      name: 'Rubric',
      version: packageVersion,
      signup,
      signupOpen,
      database: database.kind,
      smtpConfigured: !!config.mail.smtpUrl,
      llmConfigured: !!(config.llm.baseUrl && config.llm.model),
      demo: config.demo,
    };
  });

  await registerWeb(app, path.join(findPackageRoot(), 'dist', 'web'));
  return app;
}
