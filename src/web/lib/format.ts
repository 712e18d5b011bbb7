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

export interface MarkedPart {
  text: string;
  marked: boolean;
}

/**
 * Splits text with «marked» stretches (search highlights and snippets from the server) into parts
 * to render, the marked ones in <mark>. A guillemet without its partner stays as text; empty parts
 * are dropped and neighbours of the same kind joined.
 */
export function splitMarked(text: string): MarkedPart[] {
  const parts: MarkedPart[] = [];
  const push = (t: string, marked: boolean) => {
    if (!t) return;
    const last = parts[parts.length - 1];
    if (last && last.marked === marked) last.text += t;
    else parts.push({ text: t, marked });
  };
  const re = /«([^«»]*)»/g;
  let at = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    push(text.slice(at, m.index), false);
    push(m[1]!, true);
    at = m.index + m[0].length;
  }
  push(text.slice(at), false);
  return parts;
}
