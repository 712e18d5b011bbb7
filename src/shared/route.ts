import type { z } from 'zod';
import type { OrgRole } from './common.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call a route. `public`: anyone; `signed-in`: any session, with or without an organization;
 * `member`: a member of the active organization with one of `roles` (all roles when omitted).
 * The permission test checks this declaration against docs/permissions.md.
 */
export type RouteAccess =
  | { kind: 'public' }
  | { kind: 'signed-in' }
  | { kind: 'member'; roles?: readonly OrgRole[] };

/**
 * A route contract: method, path, zod schemas for every input and the response. Imported by the
 * server (validation, OpenAPI), the web client (typed calls) and the CLI.
 */
export interface RouteDef<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  method: HttpMethod;
  path: string;
  summary: string;
  tag: string;
  access: RouteAccess;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  /** Success status; 200 unless set. */
  status?: 200 | 201 | 202 | 204;
  /** Rejects bodies over this many bytes with 413 (defaults to the server's BODY_LIMIT). */
  bodyLimit?: number;
  /** A download: the handler returns a `FileBody` (the `response` schema describes it for OpenAPI only). */
  file?: true;
  /**
   * Reachable by a session whose organization requires two-factor sign-in before the account has set
   * it up (the session, sign-out, switching organizations, enrolment, the session list).
   */
  twoFactorExempt?: true;
  /**
   * Only a browser session may call it: an API token answers 403 (managing tokens, the session
   * itself, two-factor settings, the session list).
   */
  sessionOnly?: true;
  /**
   * Checks a credential (a code or password) and counts failed attempts against a rate limit: the
   * route ignores Idempotency-Key, whose transaction would roll a failed attempt's count back.
   */
  checksCredential?: true;
}

/** What a download route's handler returns. */
export interface FileBody {
  contentType: string;
  fileName: string;
  body: string | Buffer;
  /** `inline` shows it in the browser; `attachment` (default) downloads it. */
  disposition?: 'inline' | 'attachment';
}

export function defineRoute<
  P extends z.ZodType = z.ZodNever,
  Q extends z.ZodType = z.ZodNever,
  B extends z.ZodType = z.ZodNever,
  R extends z.ZodType = z.ZodType,
>(def: RouteDef<P, Q, B, R>): RouteDef<P, Q, B, R> {
  return def;
}

export type RouteInput<D> =
  D extends RouteDef<infer P, infer Q, infer B, z.ZodType>
    ? { params: z.output<P>; query: z.output<Q>; body: z.output<B> }
    : never;
export type RouteOutput<D> = D extends RouteDef<z.ZodType, z.ZodType, z.ZodType, infer R> ? z.output<R> : never;

/** Fills `:name` segments of a path from params. */
export function fillPath(path: string, params: Record<string, string | number> = {}): string {
  return path.replace(/:([A-Za-z_]+)/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(String(v));
  });
}
