import { randomUUID } from 'node:crypto';
import type { Ctx } from '../../server/context.ts';
import * as q from './jobs.queries.ts';

export type JobHandler = (ctx: Ctx, payload: Record<string, unknown>) => Promise<void>;

export interface EnqueueOptions {
  runAt?: Date;
  /** At most one job ever exists per unique key (recurring work: name + due time). */
  uniqueKey?: string;
  maxAttempts?: number;
}

/** Adds a job to the PostgreSQL-backed queue. Call inside the transaction that creates its reason. */
export async function enqueueJob(ctx: Ctx, name: string, payload: Record<string, unknown>, opts: EnqueueOptions = {}) {
  return q.insertJob(ctx.db, {
    name,
    payload,
    runAt: opts.runAt ?? ctx.clock.now(),
    uniqueKey: opts.uniqueKey ?? null,
    maxAttempts: opts.maxAttempts ?? 5,
  });
}

/** Exponential backoff: 10 s, 20 s, 40 s … capped at one hour. */
export function backoffMs(attempt: number): number {
  return Math.min(3_600_000, 10_000 * 2 ** Math.max(0, attempt - 1));
}

/**
 * Claims and runs due jobs until none is left; returns how many ran. Each job runs outside any
 * transaction; a failure is retried with backoff and goes dead after max attempts.
 */
export async function runDueJobs(ctx: Ctx, handlers: Record<string, JobHandler>, worker = `w-${process.pid}`, max = 100): Promise<number> {
  let ran = 0;
  while (ran < max) {
    const job = await q.claimDueJob(ctx.db, ctx.clock.now(), worker, Object.keys(handlers));
    if (!job) break;
    ran++;
    const handler = handlers[job.name]!;
    try {
      await handler(ctx, job.payload);
      await q.markJobDone(ctx.db, job.id, ctx.clock.now());
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const now = ctx.clock.now();
      const retryAt = job.attempts < job.maxAttempts ? new Date(now.getTime() + backoffMs(job.attempts)) : null;
      ctx.log.warn({ job: job.id, name: job.name, attempt: job.attempts, err: message }, retryAt ? 'job failed; will retry' : 'job failed; dead-lettered');
      await q.markJobFailed(ctx.db, job.id, message.slice(0, 2000), retryAt, now);
    }
  }
  return ran;
}

/** Recurring work: one occurrence per period, whatever the number of instances (DECISIONS 12). */
export interface RecurringJob {
  name: string;
  everyMs: number;
  payload?: Record<string, unknown>;
}

/**
 * Enqueues the current occurrence of each recurring job, keyed by name and due time, so concurrent
 * instances insert it once (ON CONFLICT DO NOTHING on the unique key). Returns how many were new.
 */
export async function enqueueRecurring(ctx: Ctx, jobs: RecurringJob[]): Promise<number> {
  let added = 0;
  const now = ctx.clock.now().getTime();
  for (const job of jobs) {
    const due = new Date(Math.floor(now / job.everyMs) * job.everyMs);
    const id = await enqueueJob(ctx, job.name, job.payload ?? {}, { runAt: due, uniqueKey: `${job.name}@${due.toISOString()}`, maxAttempts: 3 });
    if (id !== undefined) added++;
  }
  return added;
}

export interface JobRunner {
  /** Runs one polling pass now (tests, and after enqueueing urgent work). */
  kick(): Promise<void>;
  stop(): Promise<void>;
}

/** Polls for due jobs every `pollMs` in this process; safe with several instances. */
export function startJobRunner(makeCtx: () => Ctx, handlers: Record<string, JobHandler>, pollMs: number, recurring: RecurringJob[] = []): JobRunner {
  const worker = `w-${process.pid}-${randomUUID().slice(0, 8)}`;
  let running: Promise<void> | null = null;
  let stopped = false;
  const pass = async () => {
    const ctx = makeCtx();
    try {
      await q.requeueStaleJobs(ctx.db, new Date(ctx.clock.now().getTime() - 15 * 60_000));
      await enqueueRecurring(ctx, recurring);
      await runDueJobs(ctx, handlers, worker);
    } catch (e) {
      ctx.log.error({ err: e }, 'job runner pass failed');
    }
  };
  const kick = () => {
    if (stopped) return Promise.resolve();
    running ??= pass().finally(() => {
      running = null;
    });
    return running;
  };
  const timer = setInterval(() => void kick(), pollMs);
  timer.unref();
  return {
    kick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
