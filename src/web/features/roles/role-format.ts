import type { OrgRole } from '../../../shared/common.ts';

/** Display text for the role library's controlled values, and small formatting helpers. */

export const familyOrder = ['product', 'technology', 'combined', 'information', 'digital'] as const;

export const familyLabels: Record<string, string> = {
  product: 'Product',
  technology: 'Technology',
  combined: 'Product and technology combined',
  information: 'Information',
  digital: 'Digital',
};

export const levelLabels: Record<string, string> = {
  'c-suite': 'C-suite',
  vp: 'Vice president',
  head: 'Head of function',
};

export const categoryLabels: Record<string, string> = {
  product: 'Product',
  technology: 'Technology',
  leadership: 'Leadership',
  business: 'Business',
};

export function labelOf(labels: Record<string, string>, value: string): string {
  return labels[value] ?? value;
}

/** Roles grouped by family in the library's family order; unknown families come last. */
export function groupByFamily<T extends { family: string }>(roles: readonly T[]): { family: string; label: string; roles: T[] }[] {
  const known = new Set<string>(familyOrder);
  const families = [...familyOrder, ...[...new Set(roles.map((r) => r.family))].filter((f) => !known.has(f))];
  return families
    .map((family) => ({ family, label: labelOf(familyLabels, family), roles: roles.filter((r) => r.family === family) }))
    .filter((g) => g.roles.length > 0);
}

/** −1 internal/technology … +1 external/market, in words. */
export function describeOrientation(orientation: number): string {
  const o = Math.max(-1, Math.min(1, orientation));
  const strength = Math.abs(o) >= 0.6 ? 'strongly' : Math.abs(o) >= 0.25 ? 'leans' : '';
  if (!strength) return 'Balanced between internal technology and the external market';
  const side = o < 0 ? 'internal, technology' : 'external, market';
  return strength === 'strongly' ? `Strongly ${side} facing` : `Leans ${side} facing`;
}

/** Position of an orientation on a 0–100 % track (−1 at the left edge, +1 at the right). */
export function orientationPercent(orientation: number): number {
  const o = Math.max(-1, Math.min(1, orientation));
  return Math.round(((o + 1) / 2) * 1000) / 10;
}

export function formatSigned(n: number): string {
  const rounded = Math.round(n * 100) / 100;
  return rounded > 0 ? `+${rounded}` : rounded < 0 ? `−${Math.abs(rounded)}` : '0';
}

/** 0…1 as a whole percentage: 0.625 → "63%". */
export function percent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

/** Organization roles allowed to create and edit organization role profiles (the contract's writers). */
export const roleWriters: readonly OrgRole[] = ['owner', 'admin', 'recruiter', 'hiring_manager'];

export function canWriteRoles(role: OrgRole | null | undefined): boolean {
  return !!role && roleWriters.includes(role);
}

export function comparePath(roleIds: readonly string[]): string {
  return `/compare/${roleIds.map(encodeURIComponent).join('/')}`;
}

export function compareFilename(roleIds: readonly string[]): string {
  return `${roleIds.join('-vs-')}.md`;
}

export function formatMoney(amount: number | undefined, currency: string): string {
  if (amount === undefined) return '—';
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}
