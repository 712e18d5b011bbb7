import { describe, expect, it } from 'vitest';
import { ApiError } from './api.ts';
import { applyServerError, safeNextPath, toApiError } from './forms.ts';

describe('safeNextPath', () => {
  it('follows paths on this site', () => {
    expect(safeNextPath('/settings/members?x=1')).toBe('/settings/members?x=1');
    expect(safeNextPath('/')).toBe('/');
  });
  it('refuses anything that could leave the site', () => {
    expect(safeNextPath('//evil.test/path')).toBe('/dashboard');
    expect(safeNextPath('/\\evil.test')).toBe('/dashboard');
    expect(safeNextPath('https://evil.test')).toBe('/dashboard');
    expect(safeNextPath('javascript:alert(1)')).toBe('/dashboard');
    expect(safeNextPath(null)).toBe('/dashboard');
    expect(safeNextPath('', '/home')).toBe('/home');
  });
});

describe('applyServerError', () => {
  type Values = { email: string; password: string };
  function collect() {
    const calls: { name: string; message: string | undefined; focus: boolean | undefined }[] = [];
    const setError = (name: string, error: { message?: string }, options?: { shouldFocus?: boolean }) => {
      calls.push({ name, message: error.message, focus: options?.shouldFocus });
    };
    return { calls, setError: setError as Parameters<typeof applyServerError<Values>>[0] };
  }

  it('puts field issues under their fields, focusing the first', () => {
    const { calls, setError } = collect();
    const e = new ApiError({ code: 'invalid', status: 400, message: 'Invalid body', issues: { email: 'Bad email', password: 'Too short' } });
    applyServerError<Values>(setError, e, ['email', 'password']);
    expect(calls).toEqual([
      { name: 'email', message: 'Bad email', focus: true },
      { name: 'password', message: 'Too short', focus: false },
    ]);
  });

  it('shows a form-level message when an issue names no field of the form', () => {
    const { calls, setError } = collect();
    const e = new ApiError({ code: 'invalid', status: 400, message: 'Invalid link', issues: { token: 'Invalid or expired', password: 'x' } });
    applyServerError<Values>(setError, e, ['email', 'password']);
    expect(calls.map((c) => c.name)).toEqual(['password', 'root.server']);
    expect(calls[1]!.message).toBe('Invalid link');
  });

  it('shows errors without issues at form level', () => {
    const { calls, setError } = collect();
    applyServerError<Values>(setError, new ApiError({ code: 'unauthenticated', status: 401, message: 'Email or password is incorrect' }), ['email', 'password']);
    expect(calls).toEqual([{ name: 'root.server', message: 'Email or password is incorrect', focus: undefined }]);
  });

  it('wraps unexpected throwables', () => {
    expect(toApiError(new Error('boom')).message).toBe('boom');
    expect(toApiError('weird').code).toBe('internal');
  });
});
