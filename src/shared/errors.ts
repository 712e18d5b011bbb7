import { z } from 'zod';

/** The closed list of error codes every surface (API, CLI, web) speaks. */
export const errorCodes = [
  'invalid',
  'unauthenticated',
  'forbidden',
  /** The active organization requires two-factor sign-in and this account has not set it up. */
  'two_factor_required',
  'not_found',
  'conflict',
  'rate_limited',
  'payload_too_large',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const httpStatusOf: Record<ErrorCode, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  two_factor_required: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  payload_too_large: 413,
  unavailable: 503,
  internal: 500,
};

/** One problem with one field of the input; `path` joins nested keys with dots. */
export const fieldIssueSchema = z.object({ path: z.string(), message: z.string() });
export type FieldIssue = z.infer<typeof fieldIssueSchema>;

export const errorBodySchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
  requestId: z.string(),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/**
 * The only error services throw. It carries a code from the closed list, a message safe to show a
 * user, and optional structured details (for `invalid`, `details.issues` lists every bad field).
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  /** Seconds the caller should wait; set for `rate_limited`. */
  readonly retryAfter: number | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>, retryAfter?: number) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
    this.retryAfter = retryAfter;
  }

  static invalid(message: string, issues: FieldIssue[] = []): AppError {
    return new AppError('invalid', message, issues.length ? { issues } : undefined);
  }
  static notFound(what: string): AppError {
    return new AppError('not_found', `${what} not found`);
  }
  static forbidden(message = 'You do not have permission to do that'): AppError {
    return new AppError('forbidden', message);
  }
  static conflict(message: string, details?: Record<string, unknown>): AppError {
    return new AppError('conflict', message, details);
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** Turns zod issues into field issues that name the field (`members.0.email`, or `(root)`). */
export function issuesFromZod(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({
    path: i.path.length ? i.path.map(String).join('.') : '(root)',
    message: i.message,
  }));
}
