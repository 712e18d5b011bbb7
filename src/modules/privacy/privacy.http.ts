import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PUBLIC_PAGE_HEADERS, publicMessage } from '../../core/html/public-page.ts';
import type { Ctx } from '../../server/context.ts';
import { refusedByPublicFormLimit } from '../ratelimit/ratelimit.http.ts';
import { PRIVACY_LINK_DAYS } from './privacy.contract.ts';
import { type NoticeFormState, renderNoticePage } from './privacy.render.ts';
import { MESSAGE_MAX, type NoticeLink, readNoticeLink, submitNoticeRequest } from './requests.service.ts';

/**
 * The candidate's public privacy notice and request page (HTML, not JSON; /privacy belongs to the
 * SPA): GET /my-data/:token shows the notice and the form, POST records the request and redirects
 * (post/redirect/get) to GET ?sent=1. The token is the credential. Statuses: unknown token 404,
 * link already used 409, expired 410; a form without a kind (or with too long a message)
 * re-renders with 400, the message kept. POSTs count against the address's hourly limit
 * (RATE_LIMIT_APPLY_IP, their own counter). Only urlencoded forms are parsed, only in this scope.
 */

const FORM_FIELDS = new Set(['kind', 'message']);

function send(reply: FastifyReply, status: number, html: string) {
  return reply.status(status).headers(PUBLIC_PAGE_HEADERS).type('text/html; charset=utf-8').send(html);
}

function linkProblem(reply: FastifyReply, link: Exclude<NoticeLink, { state: 'open' }>) {
  if (link.state === 'used') return send(reply, 409, publicMessage('This link was already used', link.orgName, 'A request was already sent with this link, and each link works once. If you need to ask for something else, reply to the email you received or ask the recruiter for a new link.'));
  if (link.state === 'expired') return send(reply, 410, publicMessage('This link has expired', link.orgName, `These links work for ${PRIVACY_LINK_DAYS} days. Ask the recruiter for a new link.`));
  return send(reply, 404, publicMessage('Link not found', 'Rubric', 'This link does not exist. Check that you copied the whole address from the email.'));
}

type Params = { token: string };

export async function privacyHttp(app: FastifyInstance, opts: { ctxOf: (req: FastifyRequest) => Ctx }) {
  // A message of MESSAGE_MAX characters may take up to 9 bytes each once percent-encoded.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: MESSAGE_MAX * 9 + 1024 }, (_req, body, done) => {
    const values: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(String(body))) if (FORM_FIELDS.has(k)) values[k] = v.slice(0, MESSAGE_MAX + 1000);
    done(null, values);
  });

  const action = (token: string) => `/my-data/${encodeURIComponent(token)}`;

  app.get<{ Params: Params; Querystring: { sent?: string } }>('/my-data/:token', { schema: { hide: true } }, async (req, reply) => {
    const link = await readNoticeLink(opts.ctxOf(req), req.params.token);
    if (link.state === 'used' && req.query.sent === '1' && link.sent) {
      const due = link.sent.dueAt.toISOString().slice(0, 10);
      return send(reply, 200, publicMessage('Thank you', link.orgName, `Your request was received. ${link.orgName} will answer it by ${due}.`, 'ok'));
    }
    if (link.state !== 'open') return linkProblem(reply, link);
    const empty: NoticeFormState = { values: {}, issues: [] };
    return send(reply, 200, renderNoticePage(link, action(req.params.token), empty));
  });

  app.post<{ Params: Params }>('/my-data/:token', { schema: { hide: true } }, async (req, reply) => {
    const ctx = opts.ctxOf(req);
    if (await refusedByPublicFormLimit(ctx, reply, 'my-data')) return reply;
    const values = req.body && typeof req.body === 'object' ? (req.body as Record<string, string>) : {};
    const result = await submitNoticeRequest(ctx, req.params.token, values);
    if (result.state === 'sent') return reply.redirect(`${action(req.params.token)}?sent=1`, 303);
    if (result.state === 'invalid') return send(reply, 400, renderNoticePage(result, action(req.params.token), { values, issues: result.issues }));
    if (result.state === 'open') throw new Error('unreachable: an open link is either sent or invalid');
    return linkProblem(reply, result);
  });
}
