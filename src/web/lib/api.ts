import type { z } from 'zod';
import { type ErrorCode, errorCodes } from '../../shared/errors.ts';
import { fillPath, type RouteDef, type RouteOutput } from '../../shared/route.ts';

/**
 * The typed API client. Every call names a route contract (`*.contract.ts`); inputs and output are
 * typed from the contract's zod schemas, so the web app never copies a server type by hand.
 */

/** An input slot of a route: absent when the contract has none, optional when every field is. */
type Slot<K extends string, S> = [S] extends [z.ZodNever]
  ? { [k in K]?: never }
  : undefined extends z.input<S>
    ? { [k in K]?: z.input<S> }
    : { [k in K]: z.input<S> };

export type ApiInput<D> =
  D extends RouteDef<infer P, infer Q, infer B, z.ZodType> ? Slot<'params', P> & Slot<'query', Q> & Slot<'body', B> : never;

type ApiArgs<D> = object extends ApiInput<D> ? [input?: ApiInput<D>] : [input: ApiInput<D>];

/** A failed API call: the server's coded error, with field issues keyed by field path. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly requestId: string | undefined;
  /** Field path (`email`, `members.0.role`) → message, from `details.issues` or `details.field`. */
  readonly issues: Record<string, string>;
  readonly details: Record<string, unknown> | undefined;

  constructor(init: {
    code: ErrorCode;
    message: string;
    status: number;
    requestId?: string | undefined;
    issues?: Record<string, string>;
    details?: Record<string, unknown> | undefined;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.code = init.code;
    this.status = init.status;
    this.requestId = init.requestId;
    this.issues = init.issues ?? {};
    this.details = init.details;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const fallbackCodeByStatus: Record<number, ErrorCode> = {
  400: 'invalid',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  429: 'rate_limited',
  503: 'unavailable',
};

let csrfToken: string | null = null;

/**
 * Remembers the CSRF token of the latest session info (session, sign-in, sign-up, accept-invite,
 * switch and create organization all return one). `null` forgets it (after signing out).
 */
export function rememberCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function currentCsrfToken(): string | null {
  return csrfToken;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Builds an ApiError from a non-2xx answer. Tolerates bodies that are not our error shape (a proxy's
 * HTML page, an empty body): the status then decides the code.
 */
export function errorFromResponse(status: number, body: unknown, headerRequestId?: string | null): ApiError {
  const b = isRecord(body) ? body : {};
  const code: ErrorCode =
    typeof b.code === 'string' && (errorCodes as readonly string[]).includes(b.code)
      ? (b.code as ErrorCode)
      : (fallbackCodeByStatus[status] ?? 'internal');
  const message =
    typeof b.message === 'string' && b.message
      ? b.message
      : status >= 500
        ? 'The server could not handle the request; try again shortly'
        : `The request failed (HTTP ${status})`;
  const details = isRecord(b.details) ? b.details : undefined;
  const issues: Record<string, string> = {};
  if (details) {
    if (Array.isArray(details.issues)) {
      for (const issue of details.issues) {
        if (isRecord(issue) && typeof issue.path === 'string' && typeof issue.message === 'string' && !(issue.path in issues)) {
          issues[issue.path] = issue.message;
        }
      }
    }
    // Conflicts name the one field they are about (`{ field: 'email' }`): the message belongs there.
    if (typeof details.field === 'string' && !(details.field in issues)) issues[details.field] = message;
  }
  const requestId = typeof b.requestId === 'string' ? b.requestId : (headerRequestId ?? undefined);
  return new ApiError({ code, message, status, requestId, issues, details });
}

function buildUrl(path: string, params: unknown, query: unknown): string {
  const filled = fillPath(path, (params ?? {}) as Record<string, string | number>);
  if (!isRecord(query)) return filled;
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null) continue;
    search.set(k, String(v));
  }
  const qs = search.toString();
  return qs ? `${filled}?${qs}` : filled;
}

async function readBody(res: Response): Promise<unknown> {
  if (res.status === 204) return undefined;
  const text = await res.text();
  if (!text) return undefined;
  const type = res.headers.get('content-type') ?? '';
  if (!type.includes('json')) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Calls a route of the API. Sends cookies of this origin, JSON bodies and, for state-changing
 * methods, the session's CSRF token. Throws ApiError on any non-2xx answer or network failure.
 */
export async function api<D extends RouteDef>(def: D, ...args: ApiArgs<D>): Promise<RouteOutput<D>> {
  const input = (args[0] ?? {}) as { params?: unknown; query?: unknown; body?: unknown };
  const headers: Record<string, string> = { accept: 'application/json' };
  const init: RequestInit = { method: def.method, credentials: 'same-origin', headers };
  if (input.body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(input.body);
  }
  if (unsafeMethods.has(def.method) && csrfToken) headers['x-csrf-token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(buildUrl(def.path, input.params, input.query), init);
  } catch {
    throw new ApiError({ code: 'unavailable', status: 0, message: 'Cannot reach the server; check your connection and try again' });
  }
  const body = await readBody(res);
  if (!res.ok) throw errorFromResponse(res.status, body, res.headers.get('x-request-id'));
  if (isRecord(body) && typeof body.csrfToken === 'string' && isRecord(body.user)) rememberCsrfToken(body.csrfToken);
  return body as RouteOutput<D>;
}
