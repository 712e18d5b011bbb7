import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PUBLIC_PAGE_HEADERS, publicMessage } from '../../core/html/public-page.ts';
import type { Ctx } from '../../server/context.ts';
import { refusedByPublicFormLimit } from '../ratelimit/ratelimit.http.ts';
import { renderSelfIdForm, type SelfIdFormState } from './demographics.render.ts';
import { readSelfIdLink, SELF_ID_LINK_DAYS, type SelfIdLink, submitSelfId } from './demographics.service.ts';

/**
 * The public voluntary self-identification pages (HTML, not JSON): GET /self-id/:token shows the
 * form, POST stores the answers and redirects (post/redirect/get) to GET ?saved=1. The token is
 * the credential. Statuses: unknown token 404, link already used 409, link expired 410; a form
 * with a question unanswered re-renders with 400. POSTs count against the address's hourly limit
 * (RATE_LIMIT_APPLY_IP, its own counter). Only urlencoded forms are parsed, only in this scope.
 */

const FORM_FIELDS = new Set(['sex', 'raceEthnicity', 'ageBand', 'consent']);

function send(reply: FastifyReply, status: number, html: string) {
  return reply.status(status).headers(PUBLIC_PAGE_HEADERS).type('text/html; charset=utf-8').send(html);
}

function linkProblem(reply: FastifyReply, link: Exclude<SelfIdLink, { state: 'open' }>) {
  if (link.state === 'used') return send(reply, 409, publicMessage('This link was already used', link.orgName, 'Your answers were already submitted with this link, and each link works once. If you want to change them, ask the recruiter for a new link.'));
  if (link.state === 'expired') return send(reply, 410, publicMessage('This link has expired', link.orgName, `Self-identification links work for ${SELF_ID_LINK_DAYS} days. If you still want to answer, ask the recruiter for a new link.`));
  return send(reply, 404, publicMessage('Link not found', 'Rubric', 'This self-identification link does not exist. Check that you copied the whole address from the email.'));
}

type Params = { token: string };

export async function demographicsHttp(app: FastifyInstance, opts: { ctxOf: (req: FastifyRequest) => Ctx }) {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_req, body, done) => {
    const values: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(String(body))) if (FORM_FIELDS.has(k)) values[k] = v.slice(0, 200);
    done(null, values);
  });

  const action = (token: string) => `/self-id/${encodeURIComponent(token)}`;

  app.get<{ Params: Params; Querystring: { saved?: string } }>('/self-id/:token', { schema: { hide: true } }, async (req, reply) => {
    const link = await readSelfIdLink(opts.ctxOf(req), req.params.token);
    if (link.state === 'used' && req.query.saved === '1') {
      return send(reply, 200, publicMessage('Thank you', link.orgName, 'Your answers were saved. They are kept apart from your application and used only in aggregate.', 'ok'));
    }
    if (link.state !== 'open') return linkProblem(reply, link);
    const empty: SelfIdFormState = { values: {}, issues: [] };
    return send(reply, 200, renderSelfIdForm(link, action(req.params.token), empty));
  });

  app.post<{ Params: Params }>('/self-id/:token', { schema: { hide: true } }, async (req, reply) => {
    const ctx = opts.ctxOf(req);
    if (await refusedByPublicFormLimit(ctx, reply, 'self-id')) return reply;
    const values = req.body && typeof req.body === 'object' ? (req.body as Record<string, string>) : {};
    const result = await submitSelfId(ctx, req.params.token, values);
    if (result.state === 'saved') return reply.redirect(`${action(req.params.token)}?saved=1`, 303);
    if (result.state === 'invalid') return send(reply, 400, renderSelfIdForm(result, action(req.params.token), { values, issues: result.issues }));
    if (result.state === 'open') throw new Error('unreachable: an open link is either saved or invalid');
    return linkProblem(reply, result);
  });
}
