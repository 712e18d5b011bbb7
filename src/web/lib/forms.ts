import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiError, isApiError } from './api.ts';

/** Any thrown value as an ApiError, so every failure can be shown the same way. */
export function toApiError(error: unknown): ApiError {
  if (isApiError(error)) return error;
  return new ApiError({ code: 'internal', status: 0, message: error instanceof Error ? error.message : 'Something went wrong' });
}

/**
 * Puts a failed submission on the form: each server issue about one of `fields` goes under that
 * field; anything else (or a failure about no field) goes to `root.server`, shown in an alert.
 */
export function applyServerError<T extends FieldValues>(
  setError: UseFormSetError<T>,
  error: unknown,
  fields: readonly Path<T>[],
): void {
  const e = toApiError(error);
  let mapped = 0;
  let unmapped = 0;
  for (const [path, message] of Object.entries(e.issues)) {
    if ((fields as readonly string[]).includes(path)) {
      setError(path as Path<T>, { type: 'server', message }, { shouldFocus: mapped === 0 });
      mapped++;
    } else {
      unmapped++;
    }
  }
  if (mapped === 0 || unmapped > 0) setError('root.server' as Path<T>, { type: 'server', message: e.message });
}

/** A `?next=` target is followed only when it is a path on this site (never `//host` or a URL). */
export function safeNextPath(next: string | null | undefined, fallback = '/dashboard'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}
