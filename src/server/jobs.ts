import type { JobHandler, RecurringJob } from '../modules/jobs/jobs.service.ts';
import { deleteFinishedJobs } from '../modules/jobs/jobs.queries.ts';
import { SEND_EMAIL_JOB, makeSendEmailJob, smtpTransport, type MailTransport } from '../modules/outbox/outbox.service.ts';
import { DEMO_HIRING_JOB, DEMO_HISTORY_JOB, seedDemoHiringJob, seedDemoHistoryJob } from '../modules/demo/demo.service.ts';
import { sendFeedbackReminders } from '../modules/feedback/feedback.service.ts';
import { RETENTION_JOB, runScheduledRetention } from '../modules/privacy/retention.service.ts';
import { deleteExpiredCounters } from '../modules/ratelimit/ratelimit.queries.ts';
import { deleteOldKeys } from './http/idempotency.queries.ts';
import { deliverWebhook } from '../modules/webhooks/webhooks.deliver.ts';
import { WEBHOOK_DELIVER_JOB } from '../modules/webhooks/webhooks.events.ts';

export const PRUNE_JOB = 'maintenance.prune';
export const FEEDBACK_REMINDERS_JOB = 'feedback.reminders';
const HOUR = 3_600_000;

/** Every background job by name. Later modules add theirs here. */
export function jobHandlers(transport?: MailTransport): Record<string, JobHandler> {
  let smtp: MailTransport | undefined = transport;
  return {
    [SEND_EMAIL_JOB]: makeSendEmailJob((ctx) => {
      if (!smtp && ctx.config.mail.smtpUrl) smtp = smtpTransport(ctx.config.mail.smtpUrl);
      return smtp;
    }),
    /** Housekeeping: expired rate-limit windows, day-old idempotency keys, finished jobs after a week. */
    [PRUNE_JOB]: async (ctx) => {
      const now = ctx.clock.now().getTime();
      const counters = await deleteExpiredCounters(ctx.db, new Date(now - ctx.config.auth.rateLimit.windowSeconds * 1000));
      const keys = await deleteOldKeys(ctx.db, new Date(now - 24 * HOUR));
      const jobs = await deleteFinishedJobs(ctx.db, new Date(now - 7 * 24 * HOUR));
      ctx.log.info({ counters, keys, jobs }, 'pruned');
    },
    /** The demo workspace's hiring data, right after the first start (see seedDemoIfFirstStart). */
    [DEMO_HIRING_JOB]: seedDemoHiringJob,
    /** The demo's synthetic hiring history for the analytics dashboards, a minute after the first start. */
    [DEMO_HISTORY_JOB]: seedDemoHistoryJob,
    /** Scorecard reminders 24 h and 48 h after an interview ends (each at most once per interviewer). */
    [FEEDBACK_REMINDERS_JOB]: async (ctx) => {
      const sent = await sendFeedbackReminders(ctx);
      if (sent) ctx.log.info({ sent }, 'feedback reminders queued');
    },
    /** Daily retention: applies the policies of every organization that has an enabled one. */
    [RETENTION_JOB]: async (ctx) => {
      await runScheduledRetention(ctx);
    },
    /** One attempt at one webhook delivery; throws on failure so the runner retries with backoff. */
    [WEBHOOK_DELIVER_JOB]: deliverWebhook,
  };
}

/** Recurring work, enqueued once per period across instances. */
export const recurringJobs: RecurringJob[] = [
  { name: PRUNE_JOB, everyMs: HOUR },
  { name: FEEDBACK_REMINDERS_JOB, everyMs: HOUR },
  { name: RETENTION_JOB, everyMs: 24 * HOUR },
];
