import { z } from 'zod';
import { markdownToHtml } from '../../core/generation/jd-markdown.ts';
import { AppError, type FieldIssue, issuesFromZod } from '../../shared/errors.ts';
import { type Ctx, inTransaction } from '../../server/context.ts';
import { createSelfIdLink } from '../analytics/demographics.service.ts';
import { audit } from '../audit/audit.service.ts';
import type { StageDef } from '../../server/db/schema.ts';
import { applyFromCareers } from '../candidates/candidates.service.ts';
import { consumeRateLimit } from '../ratelimit/ratelimit.service.ts';
import * as roleQ from '../roles/roles.queries.ts';
import { findLibraryRole } from '../roles/roles.service.ts';
import type { JdBody } from './jd.contract.ts';
import { careersJobUrl, jobPostingFor } from './jd.service.ts';
import * as q from './jd.queries.ts';

/**
 * The public careers site of an organization: its open jobs whose description is published (and not
 * past its end date), each with its JobPosting JSON-LD, and the application form.
 */

function onetOf(roleId: string | null): string | null {
  if (!roleId) return null;
  try {
    return findLibraryRole(roleId).occupationCodes.onet?.code ?? null;
  } catch {
    return null;
  }
}

async function requireOrg(ctx: Ctx, slug: string) {
  const org = await q.orgBySlug(ctx.db, slug);
  if (!org) throw AppError.notFound('Careers page');
  return org;
}

export interface CareersJob {
  id: string;
  title: string;
  location: string;
  remotePolicy: 'onsite' | 'hybrid' | 'remote';
  publishedAt: string;
  url: string;
  body: JdBody;
  stages: StageDef[];
  jobPosting: Record<string, unknown>;
}

async function publishedJobs(ctx: Ctx, org: { id: string; name: string; slug: string }, jobId?: string): Promise<CareersJob[]> {
  const today = ctx.clock.now().toISOString().slice(0, 10);
  const rows = (await q.publishedJobs(ctx.db, org.id, jobId)).filter((r) => r.validThrough === null || r.validThrough >= today);
  const out: CareersJob[] = [];
  for (const r of rows) {
    const body = r.body as JdBody;
    const sourceRole = r.roleId ?? (r.orgRoleId ? ((await roleQ.findOrgRole(ctx.db, org.id, r.orgRoleId))?.sourceRoleId ?? null) : null);
    out.push({
      id: r.id,
      title: body.title,
      location: r.location,
      remotePolicy: r.remotePolicy,
      publishedAt: r.publishedAt!.toISOString(),
      url: careersJobUrl(ctx, org.slug, r.id),
      body,
      stages: r.stages,
      jobPosting: jobPostingFor(ctx, org, { id: r.id, title: r.title, location: r.location, remotePolicy: r.remotePolicy }, body, { publishedAt: r.publishedAt!, validThrough: r.validThrough, employmentType: r.employmentType }, onetOf(sourceRole)),
    });
  }
  return out;
}

export async function careersJson(ctx: Ctx, slug: string) {
  const org = await requireOrg(ctx, slug);
  const jobs = await publishedJobs(ctx, org);
  return {
    organization: { name: org.name, slug: org.slug },
    jobs: jobs.map((j) => ({ id: j.id, title: j.title, location: j.location, remotePolicy: j.remotePolicy, publishedAt: j.publishedAt, url: j.url, jobPosting: j.jobPosting })),
  };
}

export async function careersListing(ctx: Ctx, slug: string) {
  const org = await requireOrg(ctx, slug);
  return { org, jobs: await publishedJobs(ctx, org) };
}

export async function careersJob(ctx: Ctx, slug: string, jobId: string) {
  const org = await requireOrg(ctx, slug);
  if (!z.uuid().safeParse(jobId).success) throw AppError.notFound('Job');
  const [job] = await publishedJobs(ctx, org, jobId);
  if (!job) throw AppError.notFound('Job');
  return { org, job, html: markdownToHtml(job.body.markdown, { language: job.body.settings?.language ?? 'en' }) };
}

/** The application form's fields; `website` is the honeypot (hidden from people, filled by bots). */
export const applicationFormSchema = z.object({
  name: z.string().trim().min(2, 'Enter your full name').max(200),
  email: z.email('Enter an email address like name@example.com').trim().toLowerCase().max(320),
  phone: z.string().trim().max(50).optional().transform((v) => v || null),
  link: z
    .string()
    .trim()
    .max(500)
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || /^https?:\/\/\S+$/i.test(v), 'Enter a link starting with https://'),
  consent: z.literal('yes', { error: 'Please confirm you have read how we use your application' }),
  website: z.string().max(500).optional(),
});
export type ApplicationForm = z.input<typeof applicationFormSchema>;

/** `selfIdToken`: the token of the optional self-identification link offered on the thank-you page (new candidates only). */
export type ApplyOutcome = { kind: 'applied'; selfIdToken: string | null } | { kind: 'invalid'; issues: FieldIssue[] };

/**
 * Admits an application attempt to an open job: 404 for unknown jobs; every attempt (even one whose
 * upload turns out too large) counts against the client address's hourly limit. Call before reading
 * the body.
 */
export async function admitApplication(ctx: Ctx, slug: string, jobId: string): Promise<void> {
  await careersJob(ctx, slug, jobId);
  await consumeRateLimit(ctx, `careers-apply:${ctx.ip}`, ctx.config.careers.applyPerHour, 3600);
}

/** Handles a submitted application (after admitApplication); a filled honeypot is answered like a success and stores nothing. */
export async function applyViaCareers(
  ctx: Ctx,
  slug: string,
  jobId: string,
  form: Record<string, string>,
  resume: { fileName: string; contentType: string | null; data: Buffer } | null,
): Promise<ApplyOutcome> {
  const { org, job } = await careersJob(ctx, slug, jobId);
  const parsed = applicationFormSchema.safeParse(form);
  if (!parsed.success) return { kind: 'invalid', issues: issuesFromZod(parsed.error) };
  if (parsed.data.website) {
    ctx.log.info({ jobId }, 'careers application dropped: honeypot filled');
    return { kind: 'applied', selfIdToken: null };
  }
  const f = parsed.data;
  let applied: Awaited<ReturnType<typeof applyFromCareers>>;
  try {
    applied = await applyFromCareers(ctx, org.id, { id: job.id, stages: job.stages }, { name: f.name, email: f.email, phone: f.phone, links: f.link ? [f.link] : [], resume });
  } catch (e) {
    if (e instanceof AppError && e.code === 'invalid') return { kind: 'invalid', issues: (e.details?.issues as FieldIssue[] | undefined) ?? [{ path: 'resume', message: e.message }] };
    throw e;
  }
  return { kind: 'applied', selfIdToken: await offerSelfId(ctx, org.id, applied) };
}

/**
 * The voluntary self-identification link offered after applying (DECISIONS 35): only to a candidate
 * this application created — an application under an email we already know could come from anyone,
 * and must not let them answer for that person (the recruiter can email the known address a link).
 * Best effort: the application stands even if the link cannot be made.
 */
async function offerSelfId(ctx: Ctx, orgId: string, applied: { applicationId: string | null; candidateId: string; newCandidate: boolean }): Promise<string | null> {
  if (!applied.applicationId || !applied.newCandidate) return null;
  try {
    return await inTransaction(ctx, async (tx) => {
      const link = await createSelfIdLink(tx, { orgId, candidateId: applied.candidateId, createdBy: null });
      await audit({ ...tx, actor: null }, 'demographics.requested', { type: 'candidate', id: applied.candidateId }, { via: 'careers' }, orgId);
      return link.token;
    });
  } catch (e) {
    ctx.log.warn({ err: e }, 'could not create the self-identification link after a careers application');
    return null;
  }
}
