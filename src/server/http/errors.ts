import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type ErrorBody, httpStatusOf, isAppError } from '../../shared/errors.ts';

function isDbUnavailable(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  const code = err?.code ?? '';
  return (
    // … and 53100 disk_full / 53300 too_many_connections: the database cannot take the write now;
    // 57014 query_canceled: the statement ran past DB_QUERY_TIMEOUT_MS.
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P03', '08006', '08001', '08003', '53100', '53300', '57014'].includes(code) ||
    /timeout exceeded when trying to connect|Connection terminated|Query read timeout/i.test(err?.message ?? '')
  );
}

/** Maps anything thrown to the closed list of codes. 5xx answers never carry internals. */
export function toAppError(e: unknown): AppError {
  if (isAppError(e)) return e;
  if (hasZodFastifySchemaValidationErrors(e)) {
    const location = (e as { validationContext?: string }).validationContext ?? 'body';
    const issues = e.validation.map((v) => ({
      path: v.instancePath.replace(/^\//, '').replaceAll('/', '.') || '(root)',
      message: v.message ?? 'Invalid value',
    }));
    const first = issues[0];
    return new AppError('invalid', first ? `Invalid ${location}: ${first.path}: ${first.message}` : `Invalid ${location}`, { location, issues });
  }
  const fe = e as FastifyError;
  if (fe?.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new AppError('payload_too_large', 'The request body is too large');
  if (fe?.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (fe instanceof SyntaxError && fe.statusCode === 400)) {
    return new AppError('invalid', 'The request body is not valid JSON');
  }
  if (fe?.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return new AppError('invalid', 'Send the body as application/json');
  if (fe?.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return new AppError('invalid', 'The request body is empty; send a JSON object');
  if (fe?.statusCode === 400) return new AppError('invalid', fe.message);
  if (fe?.statusCode === 413) return new AppError('payload_too_large', 'The request body is too large');
  if (isDbUnavailable(e)) return new AppError('unavailable', 'The database is unavailable; try again shortly');
  return new AppError('internal', 'Something went wrong on our side; the request id helps us find it');
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error);
    const status = httpStatusOf[appError.code];
    if (status >= 500 || isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'request failed');
    } else {
      request.log.info({ code: appError.code, msg: appError.message }, 'request rejected');
    }
    if (appError.retryAfter) void reply.header('retry-after', String(appError.retryAfter));
    const body: ErrorBody = {
      code: appError.code,
      message: appError.message,
      ...(appError.details ? { details: appError.details } : {}),
      requestId: String(request.id),
    };
    return reply.status(status).type('application/json').send(body);
  });
}

export function apiNotFound(requestId: string): ErrorBody {
  return { code: 'not_found', message: 'No such API route', requestId };
}
