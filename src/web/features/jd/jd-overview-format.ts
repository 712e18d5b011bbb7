import type { z } from 'zod';
import type { GenderVerdict } from '../../../core/language/types.ts';
import type { jdOverviewItemSchema } from '../../../modules/jd/jd.contract.ts';
import { formatDate } from '../../lib/format.ts';
import { type JobStatus, jobStatusLabels, jobStatusTone } from '../jobs/job-format.ts';
import { verdictLabels } from './jd-format.ts';

/**
 * Pure formatting of one row of the job-descriptions overview (`/job-descriptions`): the job's
 * status, the current description in one line, the publication and the editor link.
 */

export type JdOverviewItem = z.infer<typeof jdOverviewItemSchema>;

export interface JdOverviewRow {
  jobId: string;
  title: string;
  location: string;
  jobPath: string;
  status: { label: string; tone: 'success' | 'neutral' | 'warning' | 'info' };
  /** "Version 3 · score 86 · neutral", or "None yet". */
  description: string;
  /** "Version 2 on 5 Jan 2026" with the careers page's address; null: not published. */
  published: { text: string; url: string } | null;
  /** "Open editor" when a description exists, "Write description" before the first. */
  action: { label: 'Open editor' | 'Write description'; to: string };
}

export const NO_DESCRIPTION = 'None yet';
export const NOT_PUBLISHED = 'Not published';

function isJobStatus(s: string): s is JobStatus {
  return Object.hasOwn(jobStatusLabels, s);
}

function isVerdict(s: string): s is GenderVerdict {
  return Object.hasOwn(verdictLabels, s);
}

/** The gender verdict in words ("neutral", "masculine-coded"); an unknown verdict as the server sent it. */
export function verdictText(verdict: string): string {
  return isVerdict(verdict) ? verdictLabels[verdict] : verdict.replace(/[-_]+/g, ' ');
}

/** One row of the overview; `date` formats the publication date (the app's date format by default). */
export function overviewRow(item: JdOverviewItem, date: (iso: string) => string = formatDate): JdOverviewRow {
  const status = isJobStatus(item.jobStatus)
    ? { label: jobStatusLabels[item.jobStatus], tone: jobStatusTone(item.jobStatus) }
    : { label: item.jobStatus.replace(/[-_]+/g, ' ').replace(/^./, (c) => c.toUpperCase()), tone: 'neutral' as const };
  const current = item.current;
  const editor = `/jobs/${item.jobId}/description`;
  return {
    jobId: item.jobId,
    title: item.jobTitle,
    location: item.location,
    jobPath: `/jobs/${item.jobId}`,
    status,
    description: current ? `Version ${current.versionNumber} · score ${Math.round(current.score)} · ${verdictText(current.genderVerdict)}` : NO_DESCRIPTION,
    published: item.published ? { text: `Version ${item.published.versionNumber} on ${date(item.published.publishedAt)}`, url: item.published.url } : null,
    action: current ? { label: 'Open editor', to: editor } : { label: 'Write description', to: editor },
  };
}
