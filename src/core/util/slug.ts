/**
 * A URL slug from a display name: ASCII lowercase letters and digits joined by single hyphens,
 * accents folded, at most 40 characters; 'org' when nothing usable remains.
 */
export function slugify(name: string): string {
  const s = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
  return s.length >= 2 ? s : 'org';
}
