import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The webhook signature (docs/webhooks.md): `v1=` and the hex HMAC-SHA256 of `<timestamp>.<body>`,
 * keyed with the endpoint's secret exactly as shown (`whsec_…`, as UTF-8). The timestamp is the
 * `webhook-timestamp` header (unix seconds); receivers refuse timestamps more than five minutes
 * away from their clock, which bounds replays.
 */
export const SIGNATURE_VERSION = 'v1';
export const REPLAY_WINDOW_SECONDS = 300;

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `${SIGNATURE_VERSION}=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export type VerifyResult = { ok: true } | { ok: false; reason: 'missing' | 'stale_timestamp' | 'bad_signature' };

/**
 * The receiver's check, as documented: the timestamp within the window, then a constant-time
 * comparison with any `v1=` entry of the header (space-separated, so a rotation could send two).
 */
export function verifyWebhook(
  secret: string,
  headers: { signature: string | undefined; timestamp: string | undefined },
  body: string,
  nowSeconds: number,
  windowSeconds = REPLAY_WINDOW_SECONDS,
): VerifyResult {
  if (!headers.signature || !headers.timestamp || !/^\d+$/.test(headers.timestamp)) return { ok: false, reason: 'missing' };
  const ts = Number(headers.timestamp);
  if (Math.abs(nowSeconds - ts) > windowSeconds) return { ok: false, reason: 'stale_timestamp' };
  const expected = Buffer.from(signWebhook(secret, ts, body));
  for (const candidate of headers.signature.split(' ')) {
    const given = Buffer.from(candidate.trim());
    if (given.length === expected.length && timingSafeEqual(given, expected)) return { ok: true };
  }
  return { ok: false, reason: 'bad_signature' };
}
