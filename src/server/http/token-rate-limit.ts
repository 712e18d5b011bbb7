import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { AppError } from '../../shared/errors.ts';
import { hitCounter } from '../../modules/ratelimit/ratelimit.queries.ts';
import type { Ctx } from '../context.ts';

/** The per-token window: one minute, fixed, starting at the window's first request. */
export const TOKEN_WINDOW_SECONDS = 60;

/**
 * The counter key of one API token. A hash of a hash: the stored lookup hash of the token never
 * appears outside api_tokens, and the key still names one token on every instance.
 */
function tokenKey(bearer: string): string {
  return `api-token:${createHash('sha256').update(`rate-limit\n${bearer}`).digest('hex').slice(0, 40)}`;
}

/**
 * Counts one request of an API token in the shared `rate_limits` table (one atomic upsert, so every
 * instance sees the same count) and sets the RateLimit headers of the IETF httpapi-ratelimit-headers
 * draft: `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` (seconds until the window ends)
 * and `RateLimit-Policy` (`600;w=60`). Past the limit throws 429 `rate_limited` with Retry-After.
 */
export async function consumeTokenRateLimit(ctx: Ctx, reply: FastifyReply, bearer: string): Promise<void> {
  const limit = ctx.config.api.tokenPerMinute;
  const now = ctx.clock.now();
  const row = await hitCounter(ctx.db, tokenKey(bearer), now, TOKEN_WINDOW_SECONDS);
  const reset = Math.max(1, Math.ceil((row.windowStart.getTime() + TOKEN_WINDOW_SECONDS * 1000 - now.getTime()) / 1000));
  void reply
    .header('ratelimit-limit', String(limit))
    .header('ratelimit-remaining', String(Math.max(0, limit - row.count)))
    .header('ratelimit-reset', String(reset))
    .header('ratelimit-policy', `${limit};w=${TOKEN_WINDOW_SECONDS}`);
  if (row.count > limit) {
    throw new AppError('rate_limited', `This API token made more than ${limit} requests this minute; wait ${reset} s`, undefined, reset);
  }
}
