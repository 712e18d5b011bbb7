/**
 * Retention due dates (issue 10), pure: no clock, no I/O. The service feeds in one candidate's
 * applications (with the time each reached its terminal status), their legal hold and purge mark,
 * and the organization's enabled policies; these functions say what is due, when, and under which
 * policies.
 *
 * Rules:
 * - A candidate with any active application: nothing is due.
 * - An action applies only when EVERY application of the candidate is covered by at least one
 *   enabled policy of that action (`any_closed` covers rejected and hired). "Erase rejected after
 *   12 months" therefore never erases someone who was also hired.
 * - The action's due date is the latest, over all (covering policy, application) pairs, of the
 *   decision time plus the policy's months (calendar months in UTC, the day clamped to the end of
 *   a shorter month). Several policies may apply; the latest date wins.
 * - Erase makes a purge moot: a purge is dropped when the erasure is due no later than it, and a
 *   purge already done (interviewDataPurgedAt set) is not due again.
 * - A legal hold moves a due item to `held`; nothing happens to the candidate.
 */

export type RetentionAction = 'erase' | 'purge_interview_data';
export type RetentionAppliesTo = 'rejected' | 'hired' | 'any_closed';
export type ApplicationStatus = 'active' | 'rejected' | 'hired';

export interface RetentionRule {
  id: string;
  appliesTo: RetentionAppliesTo;
  afterMonths: number;
  action: RetentionAction;
}

export interface RetentionApplication {
  status: ApplicationStatus;
  /** When the application reached its terminal status; null when unknown. */
  decidedAt: Date | null;
}

export interface RetentionSubject {
  applications: RetentionApplication[];
  interviewDataPurgedAt: Date | null;
}

export interface RetentionDue {
  action: RetentionAction;
  dueAt: Date;
  /**
   * The policies whose (policy, application) date is the winning (latest) one — not every
   * covering policy: these are the ones that decide the date.
   */
  policyIds: string[];
}

export const RETENTION_ACTIONS: readonly RetentionAction[] = ['erase', 'purge_interview_data'];
/** How far ahead the preview's `upcoming` list looks. */
export const UPCOMING_DAYS = 90;
const DAY = 86_400_000;

/** `d` plus `months` calendar months in UTC; the day is clamped (Jan 31 + 1 month = Feb 28 or 29). */
export function addMonthsUtc(d: Date, months: number): Date {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const targetYear = y + Math.floor(m / 12);
  const targetMonth = ((m % 12) + 12) % 12;
  const daysInTarget = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  return new Date(
    Date.UTC(targetYear, targetMonth, Math.min(d.getUTCDate(), daysInTarget), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()),
  );
}

export function policyCovers(appliesTo: RetentionAppliesTo, status: ApplicationStatus): boolean {
  if (status === 'active') return false;
  return appliesTo === 'any_closed' || appliesTo === status;
}

/** When one action falls due for a candidate, or null when it does not apply to them. */
export function dueFor(subject: RetentionSubject, rules: readonly RetentionRule[], action: RetentionAction): RetentionDue | null {
  const apps = subject.applications;
  if (apps.length === 0 || apps.some((a) => a.status === 'active')) return null;
  const ofAction = rules.filter((r) => r.action === action);
  let best: number | null = null;
  let winners = new Set<string>();
  for (const app of apps) {
    const covering = ofAction.filter((r) => policyCovers(r.appliesTo, app.status));
    // One uncovered application (or one without a decision time) and the action does not apply.
    if (covering.length === 0 || !app.decidedAt) return null;
    for (const r of covering) {
      const at = addMonthsUtc(app.decidedAt, r.afterMonths).getTime();
      if (best === null || at > best) {
        best = at;
        winners = new Set([r.id]);
      } else if (at === best) winners.add(r.id);
    }
  }
  if (best === null) return null;
  return { action, dueAt: new Date(best), policyIds: [...winners].sort() };
}

/**
 * The candidate's schedule: erase and/or purge with their dates, earliest first. A purge is left out
 * once done, and when the erasure comes no later than it (erase wins).
 */
export function retentionSchedule(subject: RetentionSubject, rules: readonly RetentionRule[]): RetentionDue[] {
  const erase = dueFor(subject, rules, 'erase');
  let purge = subject.interviewDataPurgedAt ? null : dueFor(subject, rules, 'purge_interview_data');
  if (erase && purge && erase.dueAt.getTime() <= purge.dueAt.getTime()) purge = null;
  return [purge, erase].filter((x): x is RetentionDue => x !== null).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

export interface RetentionClassification {
  due: RetentionDue[];
  held: RetentionDue[];
  upcoming: RetentionDue[];
}

/**
 * Sorts a candidate's schedule at `asOf`: `due` (dueAt ≤ asOf; when the erasure is due, a due purge
 * is dropped: erase wins), `held` (what would be due, under a legal hold) and `upcoming`
 * (asOf < dueAt ≤ asOf + 90 days). A held candidate has no upcoming items: nothing happens to them
 * while the hold stands.
 */
export function classifyRetention(
  subject: RetentionSubject & { legalHold: boolean },
  rules: readonly RetentionRule[],
  asOf: Date,
  upcomingDays = UPCOMING_DAYS,
): RetentionClassification {
  const schedule = retentionSchedule(subject, rules);
  const now = asOf.getTime();
  let due = schedule.filter((s) => s.dueAt.getTime() <= now);
  if (due.some((s) => s.action === 'erase')) due = due.filter((s) => s.action === 'erase');
  if (subject.legalHold) return { due: [], held: due, upcoming: [] };
  const horizon = now + upcomingDays * DAY;
  const upcoming = schedule.filter((s) => s.dueAt.getTime() > now && s.dueAt.getTime() <= horizon);
  return { due, held: [], upcoming };
}
