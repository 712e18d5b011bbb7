import type { OrgRole } from '../../../shared/common.ts';
import type { ErasureReceipt, ExportFormat, RetentionPolicy } from '../../../modules/privacy/privacy.contract.ts';

/**
 * Pure helpers of the privacy screens (the /privacy page, the candidate's "Privacy and data rights"
 * card and the erasure dialog): who sees what, labels, download addresses and count summaries.
 */

/** The candidate card: owners, admins and recruiters see it; only owners and admins hold, export and erase. */
export function privacyAccess(role: OrgRole | null | undefined): { view: boolean; manage: boolean } {
  const manage = role === 'owner' || role === 'admin';
  return { view: manage || role === 'recruiter', manage };
}

/** Spaces around and runs of spaces do not count; letters and case must match the stored name. */
export function normalizeName(name: string): string {
  return name.trim().replace(/\s+/g, ' ');
}

/** Whether what was typed in the erasure dialog is the candidate's name. */
export function nameMatches(typed: string, name: string): boolean {
  const n = normalizeName(name);
  return n.length > 0 && normalizeName(typed) === n;
}

export const retentionActionLabels: Record<RetentionPolicy['action'], string> = {
  erase: 'Erase the candidate',
  purge_interview_data: 'Delete interview data (transcripts and notes)',
};

export const appliesToLabels: Record<RetentionPolicy['appliesTo'], string> = {
  rejected: 'Rejected candidates',
  hired: 'Hired candidates',
  any_closed: 'Any closed application',
};

export const receiptTriggerLabels: Record<ErasureReceipt['trigger'], string> = {
  request: 'Candidate request',
  manual: 'Erased by a member',
  retention: 'Retention policy',
};

export const requestStatusLabels = { open: 'Open', completed: 'Completed', declined: 'Declined' } as const;

export function receiptUrl(id: string, format: 'json' | 'html'): string {
  return `/api/v1/privacy/receipts/${encodeURIComponent(id)}?format=${format}`;
}

export function exportUrl(candidateId: string, format: ExportFormat): string {
  return `/api/v1/candidates/${encodeURIComponent(candidateId)}/export?format=${format}`;
}

/** Table → rows as one readable line ("applications 1, scorecards 2"), largest first; "nothing" when empty. */
export function countSummary(counts: Record<string, number>): string {
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([table, n]) => `${table.replace(/_/g, ' ')} ${n}`);
  return parts.length ? parts.join(', ') : 'nothing';
}

export function totalCount(counts: Record<string, number>): number {
  return Object.values(counts).reduce((s, n) => s + n, 0);
}

/** "after 12 months" / "after 1 month" / "right away". */
export function monthsLabel(months: number): string {
  if (months === 0) return 'right away';
  return months === 1 ? 'after 1 month' : `after ${months} months`;
}

/** Query keys shared by the privacy page and the candidate card. */
export const retentionPoliciesKey = ['privacy', 'retention-policies'] as const;
export const privacyRequestsKey = (status: 'open' | 'all') => ['privacy', 'requests', status] as const;
export const receiptsKey = ['privacy', 'receipts'] as const;
