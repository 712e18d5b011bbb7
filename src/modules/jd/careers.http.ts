import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../shared/errors.ts';
import type { Ctx } from '../../server/context.ts';
import { RESUME_MAX_BYTES } from '../candidates/resume.extract.ts';
import { CAREERS_CSP, type FormState, renderJob, renderListing, renderProblem } from './careers.render.ts';
import { admitApplication, applyViaCareers, careersJob, careersListing } from './careers.service.ts';

/**
 * The public careers pages (HTML, not JSON): /careers/:org, /careers/:org/jobs/:jobId and the
 * application form's POST. Multipart parsing is registered only in this scope, with the résumé
 * limits; errors render as pages with the right status, never as JSON.
 */

const FORM_FIELDS = new Set(['name', 'email', 'phone', 'link', 'consent', 'website']);

function send(reply: FastifyReply, status: number, html: string) {
  return reply.status(status).header('content-security-policy', CAREERS_CSP).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
}

function problemPage(reply: FastifyReply, e: unknown) {
  if (e instanceof AppError && e.code === 'not_found') return send(reply, 404, renderProblem('Not found', 'This careers page or position does not exist, or it is no longer open.'));
  throw e;
}

type Params = { org: string; jobId: string };
/** The shape of a self-identification token carried from the POST's redirect to the thank-you page. */
const SELF_ID_TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

export async function careersHttp(app: FastifyInstance, opts: { ctxOf: (req: FastifyRequest) => Ctx }) {
  await app.register(fastifyMultipart, {
    limits: { fileSize: RESUME_MAX_BYTES, files: 1, fields: 12, fieldSize: 10_000, parts: 14, headerPairs: 200 },
    throwFileSizeLimit: true,
  });

  const base = (slug: string) => `/careers/${encodeURIComponent(slug)}`;

  app.get<{ Params: { org: string } }>('/careers/:org', { schema: { hide: true } }, async (req, reply) => {
    const ctx = opts.ctxOf(req);
    try {
      const { org, jobs } = await careersListing(ctx, req.params.org);
      return send(reply, 200, renderListing(org, jobs, base(org.slug)));
    } catch (e) {
      return problemPage(reply, e);
    }
  });

  const jobPage = async (ctx: Ctx, reply: FastifyReply, params: Params, status: number, state: FormState) => {
    const { org, job, html } = await careersJob(ctx, params.org, params.jobId);
    const b = base(org.slug);
    return send(reply, status, renderJob(org, job, html, `${b}/jobs/${job.id}/apply`, b, state));
  };

  app.get<{ Params: Params; Querystring: { applied?: string; selfid?: string } }>('/careers/:org/jobs/:jobId', { schema: { hide: true } }, async (req, reply) => {
    const applied = req.query.applied === '1';
    const selfId = applied && typeof req.query.selfid === 'string' && SELF_ID_TOKEN.test(req.query.selfid) ? `/self-id/${req.query.selfid}` : null;
    try {
      return await jobPage(opts.ctxOf(req), reply, req.params, 200, { values: {}, issues: [], applied, selfIdPath: selfId, problem: null });
    } catch (e) {
      return problemPage(reply, e);
    }
  });

  app.post<{ Params: Params }>('/careers/:org/jobs/:jobId/apply', { schema: { hide: true } }, async (req, reply) => {
    const ctx = opts.ctxOf(req);
    const values: Record<string, string> = {};
    let resume: { fileName: string; contentType: string | null; data: Buffer } | null = null;
    const again = (status: number, state: Partial<FormState>) => jobPage(ctx, reply, req.params, status, { values, issues: [], applied: false, problem: null, ...state });
    try {
      await admitApplication(ctx, req.params.org, req.params.jobId);
      if (!req.isMultipart()) return await again(415, { problem: 'Send the form as multipart/form-data (the page’s own form does).' });
      try {
        for await (const part of req.parts()) {
          if (part.type === 'file') {
            const data = await part.toBuffer();
            if (part.fieldname === 'resume' && data.length > 0) resume = { fileName: part.filename || 'resume', contentType: part.mimetype || null, data };
          } else if (FORM_FIELDS.has(part.fieldname) && typeof part.value === 'string') {
            values[part.fieldname] = part.value;
          }
        }
      } catch (e) {
        const code = (e as { code?: string }).code ?? '';
        if (code === 'FST_REQ_FILE_TOO_LARGE') return await again(413, { issues: [{ path: 'resume', message: `The résumé is larger than ${RESUME_MAX_BYTES / 1024 / 1024} MB` }] });
        if (code.startsWith('FST_')) return await again(400, { problem: 'The form could not be read; please try again.' });
        throw e;
      }
      const outcome = await applyViaCareers(ctx, req.params.org, req.params.jobId, values, resume);
      if (outcome.kind === 'invalid') return await again(400, { issues: outcome.issues });
      const selfId = outcome.selfIdToken ? `&selfid=${outcome.selfIdToken}` : '';
      return await reply.redirect(`${base(req.params.org)}/jobs/${req.params.jobId}?applied=1${selfId}#apply`, 303);
    } catch (e) {
      if (e instanceof AppError && e.code === 'rate_limited') {
        if (e.retryAfter) void reply.header('retry-after', String(e.retryAfter));
        return again(429, { problem: 'Too many applications from your network in the last hour; please try again later.' }).catch((x: unknown) => problemPage(reply, x));
      }
      if (e instanceof AppError && e.code === 'payload_too_large') return again(413, { issues: [{ path: 'resume', message: e.message }] });
      return problemPage(reply, e);
    }
  });
}
