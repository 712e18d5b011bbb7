import { toApiError } from '../../lib/forms.ts';

export interface PathIssue {
  path: string;
  message: string;
}

/** Every issue a failed call reported (`details.issues`), in order, with its path; none when it had none. */
export function serverIssues(error: unknown): PathIssue[] {
  const details = toApiError(error).details;
  if (!details || !Array.isArray(details.issues)) return [];
  return details.issues.flatMap((i: unknown) => {
    if (typeof i !== 'object' || i === null) return [];
    const { path, message } = i as { path?: unknown; message?: unknown };
    if (typeof message !== 'string') return [];
    return [{ path: Array.isArray(path) ? path.join('.') : typeof path === 'string' ? path : '', message }];
  });
}
