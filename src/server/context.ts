import type { FastifyBaseLogger } from 'fastify';
import type { z } from 'zod';
import type { OrgRole } from '../shared/common.ts';
import type { RouteDef } from '../shared/route.ts';
import type { Config } from './config.ts';
import type { Db } from './db/connect.ts';
import type { ApiTokenScope } from './db/schema.ts';

/** Who is acting: a signed-in user, in an organization when they have an active membership. */
export interface Actor {
  userId: string;
  sessionId: string | null;
  /** The active organization; null for a user without any membership. */
  org: { id: string; role: OrgRole; compliance: boolean } | null;
  /**
   * The active organization requires two-factor sign-in and this account has none: the session
   * reaches only routes marked `twoFactorExempt` (the rest answer 403 `two_factor_required`).
   */
  twoFactorMissing?: boolean;
  /** How the request authenticated: the session cookie (default) or an API token. */
  via?: 'session' | 'token';
  /** An API token's scopes (set only when `via` is `token`). */
  scopes?: readonly ApiTokenScope[];
}

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/**
 * What every service function receives. Inside a transaction `db` is the transaction (one
 * connection on PGlite: never reach for another).
 */
export interface Ctx {
  db: Db;
  clock: Clock;
  log: FastifyBaseLogger;
  actor: Actor | null;
  config: Config;
  requestId: string;
  /** Client address, for rate limits only (never stored with personal data). */
  ip: string;
  /** Origin for links in emails: PUBLIC_URL, else the address the request came to. */
  baseUrl: string;
  /** The request's User-Agent header, stored with new sessions for the session list. */
  userAgent?: string;
}

/** A member actor; services call requireMember(ctx) and get the organization out of it. */
export type MemberActor = Actor & { org: NonNullable<Actor['org']> };

/** Runs `fn` in a transaction, passing a ctx whose db is the transaction. Nested calls reuse it. */
export async function inTransaction<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return fn(ctx);
  return ctx.db.transaction().execute((trx) => fn({ ...ctx, db: trx }));
}

/** What a route handler may do to the HTTP response beyond returning a body. */
export interface ResponseControl {
  /** The session cookie the request carried, if any (sign-in replaces it: session rotation). */
  readonly currentSessionToken: string | undefined;
  setSession(token: string, expiresAt: Date): void;
  clearSession(): void;
  header(name: string, value: string): void;
}

export type RouteHandler<D extends RouteDef> =
  D extends RouteDef<infer P, infer Q, infer B, infer R>
    ? (
        ctx: Ctx,
        input: { params: z.output<P>; query: z.output<Q>; body: z.output<B> },
        res: ResponseControl,
      ) => Promise<z.input<R>>
    : never;

export interface RouteBinding {
  def: RouteDef;
  handler: (ctx: Ctx, input: { params: unknown; query: unknown; body: unknown }, res: ResponseControl) => Promise<unknown>;
}

/** Pairs a contract with its handler; server/app.ts registers the pairs with Fastify. */
export function bind<D extends RouteDef>(def: D, handler: RouteHandler<D>): RouteBinding {
  return { def, handler: handler as RouteBinding['handler'] };
}
