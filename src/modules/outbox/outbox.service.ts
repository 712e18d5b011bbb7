import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { PageQuery } from '../../shared/common.ts';
import { AppError } from '../../shared/errors.ts';
import { timeIdCursor, toPage } from '../../shared/pagination.ts';
import { type Ctx, inTransaction } from '../../server/context.ts';
import type { OutboxAttachment, OutboxRow } from '../../server/db/schema.ts';
import type { FileBody } from '../../shared/route.ts';
import { enqueueJob, type JobHandler } from '../jobs/jobs.service.ts';
import { canSeeOutbox, requireMember } from '../orgs/orgs.policy.ts';
import type { OutboxMessage } from './outbox.contract.ts';
import * as q from './outbox.queries.ts';

export const SEND_EMAIL_JOB = 'outbox.send';
const MAX_ATTEMPTS = 5;

export interface EmailInput {
  to: string;
  subject: string;
  text: string;
  kind: string;
  orgId: string | null;
  recipientUserId?: string | null;
  attachments?: OutboxAttachment[];
}

/**
 * Stores an email in the outbox. With SMTP configured a job sends it (with retries); without, it is
 * held and shown to the organization's admins at /admin/outbox, so invites work on a fresh machine.
 */
export async function queueEmail(ctx: Ctx, email: EmailInput): Promise<string> {
  const id = randomUUID();
  const willSend = !!ctx.config.mail.smtpUrl;
  await inTransaction(ctx, async (tx) => {
    await q.insertMessage(tx.db, {
      id,
      orgId: email.orgId,
      recipientUserId: email.recipientUserId ?? null,
      toAddress: email.to,
      subject: email.subject,
      bodyText: email.text,
      kind: email.kind,
      status: willSend ? 'queued' : 'held',
      createdAt: tx.clock.now(),
      attachments: JSON.stringify(email.attachments ?? []),
    });
    if (willSend) await enqueueJob(tx, SEND_EMAIL_JOB, { id }, { maxAttempts: MAX_ATTEMPTS });
  });
  return id;
}

export interface MailTransport {
  sendMail(msg: { from: string; to: string; subject: string; text: string; attachments?: { filename: string; content: string; contentType: string }[] }): Promise<unknown>;
}

export function smtpTransport(url: string): MailTransport {
  return nodemailer.createTransport(url);
}

/** The job that delivers one outbox message; a thrown error makes the job runner retry it. */
export function makeSendEmailJob(transportFor: (ctx: Ctx) => MailTransport | undefined): JobHandler {
  return async (ctx, payload) => {
    const id = String(payload.id);
    const msg = await q.findMessage(ctx.db, id);
    if (!msg || msg.status === 'sent') return;
    const transport = transportFor(ctx);
    if (!transport) return;
    try {
      await transport.sendMail({
        from: ctx.config.mail.from,
        to: msg.toAddress,
        subject: msg.subject,
        text: msg.bodyText,
        ...(msg.attachments.length ? { attachments: msg.attachments.map((a) => ({ filename: a.fileName, content: a.content, contentType: a.contentType })) } : {}),
      });
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      await q.markAttemptFailed(ctx.db, id, error.slice(0, 1000), msg.attempts + 1 >= MAX_ATTEMPTS);
      throw e;
    }
    await q.markSent(ctx.db, id, ctx.clock.now());
  };
}

function toMessage(r: OutboxRow): OutboxMessage {
  return {
    id: r.id,
    to: r.toAddress,
    subject: r.subject,
    body: r.bodyText,
    kind: r.kind,
    status: r.status,
    attempts: r.attempts,
    lastError: r.lastError,
    createdAt: r.createdAt.toISOString(),
    sentAt: r.sentAt?.toISOString() ?? null,
    attachments: r.attachments.map((a) => ({ fileName: a.fileName, contentType: a.contentType, size: Buffer.byteLength(a.content) })),
  };
}

export async function getOutboxAttachment(ctx: Ctx, id: string, index: number): Promise<FileBody> {
  const actor = requireMember(ctx);
  if (!canSeeOutbox(actor)) throw AppError.forbidden();
  const row = await q.findVisibleMessage(ctx.db, actor.org.id, id);
  const a = row?.attachments[index];
  if (!a) throw AppError.notFound('Attachment');
  return { contentType: a.contentType, fileName: a.fileName, body: a.content };
}

export async function listOutbox(ctx: Ctx, page: PageQuery) {
  const actor = requireMember(ctx);
  if (!canSeeOutbox(actor)) throw AppError.forbidden();
  const before = timeIdCursor(page.cursor);
  const rows = await q.listMessages(ctx.db, actor.org.id, page.limit, before && { createdAt: before.at, id: before.id });
  return toPage(rows.map(toMessage), page.limit, (m) => [m.createdAt, m.id]);
}

export async function getOutboxMessage(ctx: Ctx, id: string): Promise<OutboxMessage> {
  const actor = requireMember(ctx);
  if (!canSeeOutbox(actor)) throw AppError.forbidden();
  const row = await q.findVisibleMessage(ctx.db, actor.org.id, id);
  if (!row) throw AppError.notFound('Message');
  return toMessage(row);
}
