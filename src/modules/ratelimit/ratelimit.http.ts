import type { FastifyReply } from 'fastify';
import { PUBLIC_PAGE_HEADERS, publicMessage } from '../../core/html/public-page.ts';
import { AppError } from '../../shared/errors.ts';
import type { Ctx } from '../../server/context.ts';
import { consumeRateLimit } from './ratelimit.service.ts';

/**
 * The hourly limit on the public link pages' form posts (self-identification, privacy requests),
 * counted per address under `purpose` (RATE_LIMIT_APPLY_IP). Over it, answers the 429 page with
 * Retry-After and returns true: the caller stops there.
 */
export async function refusedByPublicFormLimit(ctx: Ctx, reply: FastifyReply, purpose: string): Promise<boolean> {
  try {
    await consumeRateLimit(ctx, `${purpose}:${ctx.ip}`, ctx.config.careers.applyPerHour, 3600);
    return false;
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== 'rate_limited') throw e;
    if (e.retryAfter) void reply.header('retry-after', String(e.retryAfter));
    await reply
      .status(429)
      .headers(PUBLIC_PAGE_HEADERS)
      .type('text/html; charset=utf-8')
      .send(publicMessage('Too many attempts', 'Rubric', 'Too many submissions from your network in the last hour; please try again later.', 'bad'));
    return true;
  }
}
