import type { Recommendation } from '../../../core/scoring/scoring.ts';
import { zonedToUtc } from '../../../core/scheduling/time.ts';
import type { OrgRole } from '../../../shared/common.ts';

/** Display labels and small conversions shared by the interview, scorecard and candidate pages. */

export const scorecardStateLabels: Record<'none' | 'draft' | 'submitted', string> = {
  none: 'not started',
  draft: 'draft',
  submitted: 'submitted',
};

export const recommendationLabels: Record<Recommendation, string> = {
  strong_no: 'Strong no',
  no: 'No',
  yes: 'Yes',
  strong_yes: 'Strong yes',
};

export const decisionLabels = { advance: 'Advance', reject: 'Reject', offer: 'Offer', hire: 'Hire' } as const;

/** Organization roles that schedule interviews and follow up on feedback (the contracts' schedulers). */
export const schedulerRoles: readonly OrgRole[] = ['owner', 'admin', 'recruiter', 'hiring_manager'];

export function isScheduler(role: OrgRole | null | undefined): boolean {
  return !!role && schedulerRoles.includes(role);
}

/** The browser's IANA time zone (UTC when the platform does not say). */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

function safeFormatter(options: Intl.DateTimeFormatOptions, timeZone: string): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat(undefined, { ...options, timeZone });
  } catch {
    return new Intl.DateTimeFormat(undefined, { ...options, timeZone: 'UTC' });
  }
}

/**
 * An interview's time in its own time zone: "5 May 2026, 10:00–11:00 (Europe/Berlin)". The end
 * carries its date too when it falls on another day.
 */
export function formatInterviewTime(startsAt: string, endsAt: string, timeZone: string): string {
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  if (Number.isNaN(start.getTime())) return startsAt;
  const full = safeFormatter({ dateStyle: 'medium', timeStyle: 'short' }, timeZone);
  const day = safeFormatter({ year: 'numeric', month: '2-digit', day: '2-digit' }, timeZone);
  const time = safeFormatter({ timeStyle: 'short' }, timeZone);
  let endText = '';
  if (!Number.isNaN(end.getTime())) endText = day.format(start) === day.format(end) ? `–${time.format(end)}` : ` – ${full.format(end)}`;
  return `${full.format(start)}${endText} (${timeZone})`;
}

/**
 * A `datetime-local` value ("2026-05-05T10:00") read as a wall time in `timeZone`, as an ISO
 * instant; null when the value is not a complete date and time.
 */
export function wallTimeToIso(value: string, timeZone: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(value);
  if (!m) return null;
  const [, date, hh, mm] = m as unknown as [string, string, string, string];
  const hours = Number(hh);
  const minutes = Number(mm);
  if (hours > 23 || minutes > 59) return null;
  try {
    return new Date(zonedToUtc(timeZone, date, hours * 60 + minutes)).toISOString();
  } catch {
    return null;
  }
}

/** Whole hours, or one decimal under ten hours ("3.5 h", "52 h"). */
export function formatHours(hours: number): string {
  if (!Number.isFinite(hours)) return '—';
  return hours < 10 ? `${Math.round(hours * 10) / 10}` : `${Math.round(hours)}`;
}
