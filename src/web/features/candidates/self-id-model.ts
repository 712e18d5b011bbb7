import type { CandidateDemographics } from '../../../modules/analytics/analytics.contract.ts';
import type { OrgRole } from '../../../shared/common.ts';

/** Who sees what of the self-identification card: compliance holders read answers; owners, admins and recruiters send requests. */
export function selfIdAccess(org: { role: OrgRole; compliance: boolean } | null | undefined): { read: boolean; request: boolean } {
  return { read: !!org?.compliance, request: !!org && ['owner', 'admin', 'recruiter'].includes(org.role) };
}

const valueLabels: Record<string, string> = { female: 'Female', male: 'Male', declined: 'Declined to answer', 'under 40': 'Under 40' };
export const demographicLabel = (v: string | null) => (v === null ? 'Not provided' : (valueLabels[v] ?? v));

const sourceLabels: Record<NonNullable<CandidateDemographics['source']>, string> = { form: 'after applying', link: 'by emailed link', import: 'by import' };
export const demographicSourceLabel = (s: CandidateDemographics['source']) => (s ? sourceLabels[s] : '');
