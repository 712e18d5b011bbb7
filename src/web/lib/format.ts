const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const date = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

function parse(iso: string): Date | null {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = parse(iso);
  return d ? dateTime.format(d) : iso;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = parse(iso);
  return d ? date.format(d) : iso;
}

/** Compact, stable JSON for small detail objects (audit entries). */
export function compactJson(value: unknown): string {
  if (value === undefined) return '';
  if (value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0) return '—';
  return JSON.stringify(value);
}
