import { AppError } from '../../shared/errors.ts';
import type { Ctx } from '../../server/context.ts';
import * as q from './ratelimit.queries.ts';

function retryAfterSeconds(windowStart: Date, windowSeconds: number, now: Date): number {
  return Math.max(1, Math.ceil((windowStart.getTime() + windowSeconds * 1000 - now.getTime()) / 1000));
}

/** Counts a hit; throws `rate_limited` (with Retry-After seconds) once `limit` hits fall in one window. */
export async function consumeRateLimit(ctx: Ctx, key: string, limit: number, windowSeconds: number): Promise<void> {
  const now = ctx.clock.now();
  const row = await q.hitCounter(ctx.db, key, now, windowSeconds);
  if (row.count > limit) {
    throw new AppError('rate_limited', 'Too many attempts; try again later', undefined, retryAfterSeconds(row.windowStart, windowSeconds, now));
  }
}

/** Throws `rate_limited` when `key` already has `limit` hits in its window, without counting one. */
export async function assertUnderLimit(ctx: Ctx, key: string, limit: number, windowSeconds: number): Promise<void> {
  const now = ctx.clock.now();
  const row = await q.readCounter(ctx.db, key);
  if (!row) return;
  if (row.windowStart.getTime() + windowSeconds * 1000 <= now.getTime()) return;
  if (row.count >= limit) {
    throw new AppError('rate_limited', 'Too many attempts; try again later', undefined, retryAfterSeconds(row.windowStart, windowSeconds, now));
  }
}

/** Counts a hit without ever throwing (failures are counted, the caller decides later). */
export async function recordHit(ctx: Ctx, key: string, windowSeconds: number): Promise<void> {
  await q.hitCounter(ctx.db, key, ctx.clock.now(), windowSeconds);
}

export async function resetRateLimit(ctx: Ctx, key: string): Promise<void> {
  await q.clearCounter(ctx.db, key);
}
