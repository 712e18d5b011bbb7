import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { canonicalJson } from '../../core/util/canonical-json.ts';
import { AppError } from '../../shared/errors.ts';
import type { FileBody, RouteDef } from '../../shared/route.ts';
import { resolveApiToken } from '../../modules/auth/api-tokens.service.ts';
import { csrfTokenFor, resolveSession } from '../../modules/auth/auth.service.ts';
import type { Config } from '../config.ts';
import { type Actor, type Clock, type Ctx, inTransaction, type ResponseControl, type RouteBinding } from '../context.ts';
import type { Db } from '../db/connect.ts';
import * as idem from './idempotency.queries.ts';
import { consumeTokenRateLimit } from './token-rate-limit.ts';

export const SESSION_COOKIE = 'rubric_session';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface HttpDeps {
  db: Db;
  config: Config;
  clock: Clock;
}

/** Fastify path syntax is ours already (`/api/v1/members/:userId`). */
function requestOrigin(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}`;
}

export function baseUrlFor(req: FastifyRequest, config: Config): string {
  return config.http.publicUrl ?? requestOrigin(req);
}

/**
 * CSRF, part one: a browser's state-changing request must come from our own origin (PUBLIC_URL, or
 * the request's own Host when unset). Requests without Origin or Referer are non-browser clients,
 * allowed only when they carry no session cookie.
 */
function checkOrigin(req: FastifyRequest, config: Config, hasSessionCookie: boolean): void {
  const allowed = config.http.publicUrl ? new URL(config.http.publicUrl).origin : requestOrigin(req);
  const origin = req.headers.origin ?? (req.headers.referer ? safeOrigin(req.headers.referer) : undefined);
  if (!origin) {
    if (hasSessionCookie) throw AppError.forbidden('Cross-site request refused (no Origin header)');
    return;
  }
  if (origin !== allowed) throw AppError.forbidden('Cross-site request refused (Origin does not match)');
}

function safeOrigin(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

function tokensEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function makeCtx(deps: HttpDeps, req: FastifyRequest, actor: Actor | null): Ctx {
  return {
    db: deps.db,
    clock: deps.clock,
    log: req.log,
    actor,
    config: deps.config,
    requestId: String(req.id),
    ip: req.ip,
    baseUrl: baseUrlFor(req, deps.config),
    ...(typeof req.headers['user-agent'] === 'string' ? { userAgent: req.headers['user-agent'].slice(0, 300) } : {}),
  };
}

/** The credential of `Authorization: Bearer …`, if the request carries one. */
function bearerToken(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1];
}

/** What an API token may not do: session-only routes, and anything but GET with the read scope alone. */
function checkToken(def: RouteDef, actor: Actor): void {
  if (def.sessionOnly) throw AppError.forbidden('API tokens cannot call this route; sign in to the web app instead');
  if (def.method !== 'GET' && !actor.scopes?.includes('write')) throw AppError.forbidden('This token has the read scope only');
}

function checkAccess(def: RouteDef, actor: Actor | null): void {
  const access = def.access;
  if (access.kind === 'public') return;
  if (!actor) throw new AppError('unauthenticated', 'Sign in first');
  if (actor.twoFactorMissing && !def.twoFactorExempt) {
    throw new AppError(
      'two_factor_required',
      'Your organization requires two-factor sign-in: set it up under Account → Security before continuing',
    );
  }
  if (access.kind === 'signed-in') return;
  if (!actor.org) throw AppError.forbidden('Join or create an organization first');
  if (access.roles && !access.roles.includes(actor.org.role)) throw AppError.forbidden();
}

function responseControl(req: FastifyRequest, reply: FastifyReply, config: Config): ResponseControl {
  const secure = req.protocol === 'https' || (config.http.publicUrl?.startsWith('https:') ?? false);
  return {
    currentSessionToken: req.cookies[SESSION_COOKIE],
    setSession(token, expiresAt) {
      void reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires: expiresAt });
    },
    clearSession() {
      void reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
    },
    header(name, value) {
      void reply.header(name, value);
    },
  };
}

/** Media types of download formats, for the OpenAPI description of file responses. */
const FORMAT_MEDIA: Record<string, string> = {
  md: 'text/markdown',
  html: 'text/html',
  text: 'text/plain',
  pdf: 'application/pdf',
  csv: 'text/csv',
  json: 'application/json',
  jsonld: 'application/ld+json',
  ics: 'text/calendar',
};

/** The values of a `format` query parameter (an enum, possibly optional or defaulted). */
function formatsOf(query: unknown): string[] {
  let s = (query as { shape?: Record<string, unknown> } | undefined)?.shape?.format as { _zod?: { def: Record<string, unknown> } } | undefined;
  while (s?._zod?.def.innerType) s = s._zod.def.innerType as typeof s;
  const entries = s?._zod?.def.entries as Record<string, string> | undefined;
  return entries ? Object.values(entries) : [];
}

/**
 * OpenAPI for a download: its media types (from the `format` query when it has one, text/calendar
 * for invites and feeds, else any binary), never a JSON body. Only documentation: the handler sends
 * a string or Buffer, which Fastify never serializes.
 */
export function fileResponse(def: Pick<RouteDef, 'path' | 'query'>): { description: string; content: Record<string, { schema: unknown }> } {
  const formats = formatsOf(def.query).map((f) => FORMAT_MEDIA[f] ?? 'application/octet-stream');
  const types = formats.length ? [...new Set(formats)] : /\/ics$|calendar-feeds/.test(def.path) ? ['text/calendar'] : ['application/octet-stream'];
  const file = z.string().meta({ description: 'The file (its name is in Content-Disposition)' });
  return { description: 'A file download', content: Object.fromEntries(types.map((t) => [t, { schema: file }])) };
}

/**
 * Registers contract+handler pairs: validation and response filtering by the contract's zod schemas,
 * session resolution, access check, CSRF (Origin plus the session's token header) and
 * Idempotency-Key on creates and PUT saves. The handler receives a ctx and returns the response body.
 */
export function registerBindings(app: FastifyInstance, bindings: RouteBinding[], deps: HttpDeps): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  for (const { def, handler } of bindings) {
    const status = def.status ?? 200;
    typed.route({
      method: def.method,
      url: def.path,
      ...(def.bodyLimit ? { bodyLimit: def.bodyLimit } : {}),
      schema: {
        summary: def.summary,
        tags: [def.tag],
        ...(def.params ? { params: def.params } : {}),
        ...(def.query ? { querystring: def.query } : {}),
        ...(def.body ? { body: def.body } : {}),
        response: { [status]: def.file ? fileResponse(def) : def.response },
        ...(def.access.kind === 'public' ? {} : { security: def.sessionOnly ? [{ session: [] }] : [{ session: [] }, { bearer: [] }] }),
      },
      config: { access: def.access },
      handler: async (req, reply) => {
        const token = req.cookies[SESSION_COOKIE];
        const baseCtx = makeCtx(deps, req, null);
        // An API token counts only without a session cookie, and public routes ignore it.
        const bearer = !token && def.access.kind !== 'public' ? bearerToken(req) : undefined;
        const actor = token ? await resolveSession(baseCtx, token) : bearer ? await resolveApiToken(baseCtx, bearer) : null;
        // Every token-authenticated request counts against its token's window (RateLimit-* headers).
        if (actor?.via === 'token' && bearer) await consumeTokenRateLimit(baseCtx, reply, bearer);
        if (actor?.via === 'token') checkToken(def, actor);
        // A bearer request without cookies carries no ambient credential: there is nothing to forge.
        if (UNSAFE.has(def.method) && actor?.via !== 'token') {
          checkOrigin(req, deps.config, !!token);
          if (actor?.sessionId && def.access.kind !== 'public') {
            const sent = req.headers['x-csrf-token'];
            const expected = csrfTokenFor(deps.config.auth.sessionSecret!, actor.sessionId);
            if (typeof sent !== 'string' || !tokensEqual(sent, expected)) {
              throw AppError.forbidden('Missing or wrong CSRF token (send the x-csrf-token header from /api/v1/auth/session)');
            }
          }
        }
        checkAccess(def, actor);
        const ctx = { ...baseCtx, actor };
        const input = { params: req.params, query: req.query, body: req.body };
        const res = responseControl(req, reply, deps.config);
        const key = req.headers['idempotency-key'];
        // Creates, and PUT saves: a client retrying a save whose answer it lost (timeout, killed
        // instance) gets the stored first result instead of a 409 for its own stale baseVersion.
        // Public routes and credential checks count failures against rate limits: never rolled back.
        if ((def.method === 'POST' || def.method === 'PUT') && typeof key === 'string' && actor && def.access.kind !== 'public' && !def.checksCredential) {
          return withIdempotency(ctx, reply, def, key, input, status, (tx) => handler(tx, input, res));
        }
        const out = await handler(ctx, input, res);
        if (def.file) {
          const file = out as FileBody;
          return reply
            .status(status)
            .type(file.contentType)
            // Only inert types may be shown inline: an uploaded or exported HTML/SVG/XML file is always a download.
            .header('content-disposition', contentDisposition(file.disposition === 'inline' && !/html|xml|svg/i.test(file.contentType) ? 'inline' : 'attachment', file.fileName))
            .send(file.body);
        }
        return reply.status(status).send(out);
      },
    });
  }
}

/**
 * A Content-Disposition header (RFC 6266): `filename` is an ASCII fallback (anything but letters,
 * digits, `.`, `_` and `-` becomes `_`), and `filename*` carries the real name UTF-8 percent-encoded
 * (RFC 8187) when it differs. Path separators and control characters never reach either form.
 */
export function contentDisposition(disposition: 'inline' | 'attachment', fileName: string): string {
  const clean =
    Array.from(fileName.replace(/\p{Cc}/gu, '').replace(/[\\/]/g, '_'))
      .slice(0, 200)
      .map((c) => (/^[\uD800-\uDFFF]$/.test(c) ? '_' : c)) // a lone surrogate cannot be encoded
      .join('') || 'download';
  const ascii = clean.replace(/[^\w.-]/g, '_');
  if (ascii === clean) return `${disposition}; filename="${ascii}"`;
  const encoded = encodeURIComponent(clean).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * Same key + same body returns the first result; same key + another body answers 409. The claim,
 * the handler's work and the stored result commit in one transaction: an error or a crash (kill -9)
 * anywhere rolls the claim back with the work, so a retry simply runs again, and a concurrent
 * request with the same key waits for the first to commit and then gets its stored result.
 */
async function withIdempotency(
  ctx: Ctx,
  reply: FastifyReply,
  def: RouteDef,
  key: string,
  input: unknown,
  status: number,
  run: (tx: Ctx) => Promise<unknown>,
) {
  if (key.length < 1 || key.length > 200) {
    throw AppError.invalid('Idempotency-Key must be 1–200 characters', [{ path: 'Idempotency-Key', message: 'Invalid length' }]);
  }
  const scope = `${ctx.actor!.userId}:${ctx.actor!.org?.id ?? '-'}`;
  const requestHash = createHash('sha256').update(`${def.method} ${def.path}\n${canonicalJson(input)}`).digest('hex');
  const outcome = await inTransaction(ctx, async (tx) => {
    if (await idem.claimKey(tx.db, scope, key, requestHash, tx.clock.now())) {
      const out = await run(tx);
      await idem.storeResult(tx.db, scope, key, status, out);
      return { statusCode: status, response: out, replay: false };
    }
    const existing = await idem.findKey(tx.db, scope, key);
    if (!existing || existing.requestHash !== requestHash) {
      throw AppError.conflict('This Idempotency-Key was used with a different request');
    }
    // Only a key claimed before claims were transactional (an older release) can be without a result.
    if (existing.statusCode === null) throw AppError.conflict('A request with this Idempotency-Key is still in progress');
    return { statusCode: existing.statusCode, response: existing.response, replay: true };
  });
  if (outcome.replay) reply.header('idempotent-replay', 'true');
  return reply.status(outcome.statusCode).send(outcome.response);
}
