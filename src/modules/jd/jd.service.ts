import { competenciesForRole, escapeHtml, formatSalary, generateJobDescription, type JdInput, type JdRole, jdInputSchema, jdPlanFromPlan } from '../../core/generation/jd.ts';
import type { JdContent, JdLanguage } from '../../core/generation/jd-content.ts';
import { markdownToHtml, markdownToText } from '../../core/generation/jd-markdown.ts';
import { extractFacts, mustHavesFromMarkdown, verifyRewrite } from '../../core/generation/jd-verify.ts';
import { toJobPosting, validateJobPosting } from '../../core/generation/jobposting.ts';
import { analyzeJobDescription } from '../../core/language/analyze.ts';
import { diffLines } from '../../core/util/line-diff.ts';
import type { PageQuery } from '../../shared/common.ts';
import { AppError, type FieldIssue, issuesFromZod } from '../../shared/errors.ts';
import type { FileBody } from '../../shared/route.ts';
import { type Ctx, inTransaction, type MemberActor } from '../../server/context.ts';
import { audit } from '../audit/audit.service.ts';
import * as docs from '../documents/documents.service.ts';
import * as openQ from '../openings/openings.queries.ts';
import { hiringSettings, listJobs, planBodyOf, requireJob } from '../openings/openings.service.ts';
import { canManageJob } from '../openings/openings.policy.ts';
import { requireMember } from '../orgs/orgs.policy.ts';
import { guideFor } from '../plans/plans.service.ts';
import type { OrgRoleBody } from '../roles/roles.contract.ts';
import { library } from '../roles/roles.library.ts';
import * as roleQ from '../roles/roles.queries.ts';
import { findLibraryRole, weightedCompetencies } from '../roles/roles.service.ts';
import type { employmentTypes, JdBody, JdDefaults, JdSettings, JdView } from './jd.contract.ts';
import { loadJdContent } from './jd.content.ts';
import { LlmError, openAiCompatible, unfence } from '../llm/llm.ts';
import * as q from './jd.queries.ts';

type EmploymentType = (typeof employmentTypes)[number];

const JD_KIND = 'job-description';
const FORMAT = 'rubric.jd/v1' as const;

const contentCache = new Map<JdLanguage, JdContent>();
/** The generator's wording for a language (read and validated once per process). */
export function jdContent(lang: JdLanguage): JdContent {
  let c = contentCache.get(lang);
  if (!c) contentCache.set(lang, (c = loadJdContent(lang)));
  return c;
}

// ---- Role and plan of a job ----

interface RoleInfo {
  role: JdRole;
  onet: string | null;
}

function libraryRoleInfo(roleId: string): RoleInfo {
  const p = findLibraryRole(roleId);
  return { role: { ...p, competencies: competenciesForRole(roleId, library().competencies) }, onet: p.occupationCodes.onet?.code ?? null };
}

type JobRow = Awaited<ReturnType<typeof requireJob>>['row'];

/** The role profile a job's description is generated from: its org role, its library role, or its plan's role. */
async function roleOfJob(ctx: Ctx, orgId: string, job: JobRow, planRoleId: string | null): Promise<RoleInfo | null> {
  if (job.orgRoleId) {
    const row = await roleQ.findOrgRole(ctx.db, orgId, job.orgRoleId);
    if (row) {
      const body = (await docs.getCurrentVersion<OrgRoleBody>(ctx, orgId, row.documentId)).body;
      const competencies = weightedCompetencies(row.sourceRoleId, body.competencyWeights).map((c) => ({ id: c.competencyId, name: c.name, weight: c.weight }));
      const onet = (() => {
        try {
          return findLibraryRole(row.sourceRoleId).occupationCodes.onet?.code ?? null;
        } catch {
          return null;
        }
      })();
      return { role: { ...body.profile, competencies }, onet };
    }
  }
  for (const id of [job.roleId, planRoleId]) {
    if (!id) continue;
    try {
      return libraryRoleInfo(id);
    } catch {
      /* a role removed from the library: try the next source */
    }
  }
  return null;
}

// ---- Analysis, defaults, publication ----

function locationOf(job: { location: string }, settings: JdSettings | null): string | undefined {
  const parts = [job.location, ...(settings?.company.locations ?? [])].map((s) => s.trim()).filter(Boolean);
  return parts.length ? [...new Set(parts)].join('; ') : undefined;
}

function analyze(markdown: string, job: { location: string }, settings: JdSettings | null) {
  const location = locationOf(job, settings);
  // Leadership roles: "recent graduate" and similar phrases are flagged.
  return analyzeJobDescription(markdown, { seniority: 'senior', ...(location ? { location } : {}) });
}

async function defaultsFor(ctx: Ctx, orgId: string, job: JobRow, current: JdBody | null, competencyIds: Set<string>): Promise<JdDefaults> {
  if (current?.settings) return current.settings;
  const org = await q.orgName(ctx.db, orgId);
  const fromJob: JdDefaults = {
    company: { name: org.name, remotePolicy: job.remotePolicy, ...(job.location ? { locations: [job.location] } : {}), reportsTo: 'CEO', benefits: [], emphasis: [] },
    tone: 'warm',
    length: 'standard',
    language: 'en',
  };
  for (const r of await q.lastSettingsBody(ctx.db, orgId)) {
    const s = (r.body as JdBody).settings;
    if (!s) continue;
    // The company's facts carry over; the job's own place and emphasis do not.
    const { emphasis, ...company } = s.company;
    return {
      ...s,
      company: { ...company, remotePolicy: job.remotePolicy, ...(job.location ? { locations: [job.location] } : {}), emphasis: emphasis.filter((e) => competencyIds.has(e)) },
    };
  }
  return fromJob;
}

async function canApprove(ctx: Ctx, actor: MemberActor, openingId: string): Promise<boolean> {
  const settings = await hiringSettings(ctx, actor.org.id);
  if (settings.approverRoles.includes(actor.org.role)) return true;
  return (await openQ.teamRolesOf(ctx.db, openingId, actor.userId)).includes('hiring_manager');
}

export function careersUrl(ctx: Ctx, slug: string): string {
  return `${ctx.baseUrl}/careers/${encodeURIComponent(slug)}`;
}

export function careersJobUrl(ctx: Ctx, slug: string, openingId: string): string {
  return `${careersUrl(ctx, slug)}/jobs/${openingId}`;
}

/** Markdown without its first `# ` title line (the posting's title is a field of its own). */
function withoutTitle(markdown: string): string {
  return markdown.replace(/^\s*#[ \t]+[^\n]*\n?/, '');
}

const dateOf = (d: Date) => d.toISOString().slice(0, 10);

/** The schema.org JobPosting of a job's published (or, for a preview, current) description. */
export function jobPostingFor(
  ctx: Ctx,
  org: { name: string; slug: string },
  job: { id: string; title: string; location: string; remotePolicy: 'onsite' | 'hybrid' | 'remote' },
  body: JdBody,
  pub: { publishedAt: Date; validThrough: string | null; employmentType: string },
  onet: string | null,
): Record<string, unknown> {
  const company = body.settings?.company;
  const locations = company?.locations?.length ? company.locations : job.location ? [job.location] : [];
  return toJobPosting({
    title: body.title,
    descriptionHtml: markdownToHtml(withoutTitle(body.markdown), { language: body.settings?.language ?? 'en' }),
    datePosted: dateOf(pub.publishedAt),
    validThrough: pub.validThrough,
    employmentType: pub.employmentType,
    organization: { name: company?.name ?? org.name, url: careersUrl(ctx, org.slug) },
    locations,
    remotePolicy: company?.remotePolicy ?? job.remotePolicy,
    salary: company?.salary ?? null,
    directApply: true,
    occupationalCategory: onet,
    identifier: { name: org.name, value: job.id },
    url: careersJobUrl(ctx, org.slug, job.id),
  });
}

// ---- Overview ----

/** The jobs the actor sees (newest first, unarchived) with their description's state. */
export async function listJobDescriptions(ctx: Ctx, page: PageQuery) {
  const actor = requireMember(ctx);
  const jobs = await listJobs(ctx, { ...page, archived: 'false' });
  const org = await q.orgName(ctx.db, actor.org.id);
  const rows = await q.overviewRows(ctx.db, actor.org.id, jobs.items.map((j) => j.id));
  const byJob = new Map(rows.map((r) => [r.openingId, r]));
  return {
    ...jobs,
    careersUrl: careersUrl(ctx, org.slug),
    items: jobs.items.map((j) => {
      const r = byJob.get(j.id);
      const body = r?.body as JdBody | undefined;
      const analysis = body ? analyze(body.markdown, j, body.settings) : null;
      return {
        jobId: j.id,
        jobTitle: j.title,
        jobStatus: j.status,
        location: j.location,
        current: r && body && analysis ? { versionNumber: r.number, updatedAt: r.updatedAt.toISOString(), score: analysis.score, genderVerdict: analysis.gender.verdict } : null,
        published: r?.publishedAt && r.publishedNumber !== null ? { versionNumber: r.publishedNumber, publishedAt: r.publishedAt.toISOString(), url: careersJobUrl(ctx, org.slug, j.id) } : null,
      };
    }),
  };
}

// ---- The job's description ----

async function context(ctx: Ctx, jobId: string, need: 'see' | 'manage') {
  const { actor, row: job, access } = await requireJob(ctx, jobId, need);
  const plan = await planBodyOf(ctx, actor.org.id, job.planId);
  return { actor, job, access, plan: plan.body };
}

async function currentOf(ctx: Ctx, orgId: string, openingId: string) {
  const row = await q.findJd(ctx.db, orgId, openingId);
  if (!row?.currentVersionId) return { row: row ?? null, current: null };
  const current = await docs.getVersion<JdBody>(ctx, orgId, row.documentId, row.currentVersionId);
  return { row, current };
}

async function view(ctx: Ctx, jobId: string): Promise<JdView> {
  const { actor, job, access, plan } = await context(ctx, jobId, 'see');
  const { row, current } = await currentOf(ctx, actor.org.id, job.id);
  const role = await roleOfJob(ctx, actor.org.id, job, plan.roleId ?? null);
  const competencies = (role?.role.competencies ?? plan.competencies.map((c) => ({ id: c.id, name: c.name, weight: c.weight }))).map((c) => ({ id: c.id, name: c.name }));
  const org = await q.orgName(ctx.db, actor.org.id);
  const body = current?.body ?? null;
  return {
    jobId: job.id,
    jobTitle: job.title,
    jobStatus: job.status,
    exists: !!current,
    currentVersion: current?.version ?? null,
    body,
    analysis: body ? analyze(body.markdown, job, body.settings) : null,
    defaults: await defaultsFor(ctx, actor.org.id, job, body, new Set(competencies.map((c) => c.id))),
    competencies,
    publication:
      row?.publishedVersionId && row.publishedAt
        ? {
            versionId: row.publishedVersionId,
            versionNumber: row.publishedNumber ?? 0,
            publishedAt: row.publishedAt.toISOString(),
            publishedByName: row.publishedByName,
            validThrough: row.validThrough,
            employmentType: row.employmentType as EmploymentType,
            url: careersJobUrl(ctx, org.slug, job.id),
          }
        : null,
    canEdit: canManageJob(actor, access),
    canApprove: await canApprove(ctx, actor, job.id),
    llmConfigured: !!(ctx.config.llm.baseUrl && ctx.config.llm.model),
    careersUrl: careersUrl(ctx, org.slug),
  };
}

export async function getJobDescription(ctx: Ctx, jobId: string) {
  return view(ctx, jobId);
}

/** Saves a body as a new version, creating the job's document on its first save. */
async function saveBody(ctx: Ctx, orgId: string, jobId: string, baseVersionId: string | null, body: JdBody, note: string) {
  return inTransaction(ctx, async (tx) => {
    const row = await q.findJd(tx.db, orgId, jobId, true);
    if (!row) {
      if (baseVersionId !== null) throw AppError.conflict('This job has no description yet; start from none', { currentVersionId: null, baseVersionId });
      const { documentId, versionId } = await docs.createDocument(tx, orgId, JD_KIND, body, note);
      await q.insertJd(tx.db, { openingId: jobId, orgId, documentId, now: tx.clock.now() });
      await audit(tx, 'job_description.saved', { type: 'job', id: jobId }, { versionId, version: 1 });
      return;
    }
    if (baseVersionId === null) {
      throw AppError.conflict('Someone saved a description for this job since you started; reload and apply your changes again', { currentVersionId: row.currentVersionId, baseVersionId });
    }
    const saved = await docs.saveVersion(tx, orgId, row.documentId, baseVersionId, body, { note });
    await q.touchJd(tx.db, jobId, tx.clock.now());
    await audit(tx, 'job_description.saved', { type: 'job', id: jobId }, { versionId: saved.versionId, version: saved.number });
  });
}

/** The generator's input for a job, or a 400 naming every problem (paths under `settings.`). */
function generatorInput(role: RoleInfo, title: string, settings: JdSettings, plan: Parameters<typeof jdPlanFromPlan>[0]): JdInput {
  const parsed = jdInputSchema.safeParse({ ...settings, role: { ...role.role, title }, plan: jdPlanFromPlan(plan) });
  if (!parsed.success) {
    const issues: FieldIssue[] = issuesFromZod(parsed.error).map((i) => ({ ...i, path: i.path.startsWith('company') ? `settings.${i.path}` : i.path }));
    throw AppError.invalid('The generator cannot use these settings', issues);
  }
  return parsed.data;
}

export async function generateForJob(ctx: Ctx, jobId: string, input: { settings: JdSettings; baseVersionId: string | null }) {
  const { actor, job, plan } = await context(ctx, jobId, 'manage');
  const role = await roleOfJob(ctx, actor.org.id, job, plan.roleId ?? null);
  if (!role) throw AppError.invalid('This job has no role profile to generate from; write the description by hand', [{ path: 'settings', message: 'No role profile' }]);
  const jd = generateJobDescription(generatorInput(role, job.title, input.settings, plan), jdContent(input.settings.language));
  const { tone, length } = input.settings;
  await saveBody(ctx, actor.org.id, job.id, input.baseVersionId, { format: FORMAT, title: jd.title, markdown: jd.markdown, settings: input.settings }, `Generated (${tone}, ${length})`);
  return view(ctx, jobId);
}

export async function saveJobDescription(ctx: Ctx, jobId: string, input: { baseVersionId: string | null; title: string; markdown: string; note?: string | undefined }) {
  const { actor, job } = await context(ctx, jobId, 'manage');
  const { current } = await currentOf(ctx, actor.org.id, job.id);
  const body: JdBody = { format: FORMAT, title: input.title, markdown: input.markdown, settings: current?.body.settings ?? null };
  await saveBody(ctx, actor.org.id, job.id, input.baseVersionId, body, input.note ?? 'Edited');
  return view(ctx, jobId);
}

async function documentOf(ctx: Ctx, jobId: string) {
  const { actor, row: job } = await requireJob(ctx, jobId, 'see');
  const row = await q.findJd(ctx.db, actor.org.id, job.id);
  if (!row) throw AppError.notFound('Job description');
  return { actor, job, row };
}

export async function listJobDescriptionVersions(ctx: Ctx, jobId: string, page: PageQuery) {
  const { actor, row } = await documentOf(ctx, jobId);
  return docs.listVersions(ctx, actor.org.id, row.documentId, page);
}

export async function getJobDescriptionVersion(ctx: Ctx, jobId: string, versionId: string) {
  const { actor, job, row } = await documentOf(ctx, jobId);
  const v = await docs.getVersion<JdBody>(ctx, actor.org.id, row.documentId, versionId);
  return { version: v.version, body: v.body, analysis: analyze(v.body.markdown, job, v.body.settings) };
}

export async function diffJobDescription(ctx: Ctx, jobId: string, from: string, to: string) {
  const { actor, row } = await documentOf(ctx, jobId);
  const a = await docs.getVersion<JdBody>(ctx, actor.org.id, row.documentId, from);
  const b = await docs.getVersion<JdBody>(ctx, actor.org.id, row.documentId, to);
  const d = await docs.diffVersions(ctx, actor.org.id, row.documentId, from, to);
  return { ...d, lines: diffLines(a.body.markdown, b.body.markdown) };
}

export async function restoreJobDescription(ctx: Ctx, jobId: string, input: { versionId: string; baseVersionId: string; note?: string | undefined }) {
  const { actor, row: job } = await requireJob(ctx, jobId, 'manage');
  await inTransaction(ctx, async (tx) => {
    const row = await q.findJd(tx.db, actor.org.id, job.id, true);
    if (!row) throw AppError.notFound('Job description');
    const saved = await docs.restoreVersion(tx, actor.org.id, row.documentId, input.versionId, input.baseVersionId, input.note);
    await q.touchJd(tx.db, job.id, tx.clock.now());
    await audit(tx, 'job_description.restored', { type: 'job', id: job.id }, { versionId: saved.versionId, restoredFromId: input.versionId });
  });
  return view(ctx, jobId);
}

async function requireApprover(ctx: Ctx, jobId: string) {
  const { actor, row: job } = await requireJob(ctx, jobId, 'see');
  if (!(await canApprove(ctx, actor, job.id))) {
    throw AppError.forbidden("Publishing needs an approver: the job's hiring manager or a role allowed in the hiring settings");
  }
  return { actor, job };
}

export async function publishJobDescription(ctx: Ctx, jobId: string, input: { versionId: string; validThrough: string | null; employmentType: string }) {
  const { actor, job } = await requireApprover(ctx, jobId);
  const now = ctx.clock.now();
  if (input.validThrough !== null && input.validThrough < dateOf(now)) {
    throw AppError.invalid('The posting would already have expired', [{ path: 'validThrough', message: 'Choose today or a later date' }]);
  }
  await inTransaction(ctx, async (tx) => {
    const row = await q.findJd(tx.db, actor.org.id, job.id, true);
    if (!row) throw AppError.notFound('Job description');
    const v = await docs.getVersion<JdBody>(tx, actor.org.id, row.documentId, input.versionId);
    const plan = await planBodyOf(tx, actor.org.id, job.planId);
    const role = await roleOfJob(tx, actor.org.id, job, plan.body.roleId ?? null);
    const org = await q.orgName(tx.db, actor.org.id);
    const posting = jobPostingFor(tx, org, job, v.body, { publishedAt: now, validThrough: input.validThrough, employmentType: input.employmentType }, role?.onet ?? null);
    const { errors } = validateJobPosting(posting);
    if (errors.length) {
      throw AppError.invalid(
        'The posting is not valid for job boards yet',
        errors.map((message) => ({ path: /location/i.test(message) ? 'settings.company.locations' : 'versionId', message })),
      );
    }
    await q.setPublication(tx.db, job.id, { versionId: input.versionId, by: actor.userId, validThrough: input.validThrough, employmentType: input.employmentType }, now);
    await audit(tx, 'job_description.published', { type: 'job', id: job.id }, { versionId: input.versionId, version: v.version.number, validThrough: input.validThrough });
  });
  return view(ctx, jobId);
}

export async function unpublishJobDescription(ctx: Ctx, jobId: string) {
  const { actor, job } = await requireApprover(ctx, jobId);
  await inTransaction(ctx, async (tx) => {
    const row = await q.findJd(tx.db, actor.org.id, job.id, true);
    if (!row?.publishedVersionId) return;
    await q.setPublication(tx.db, job.id, null, tx.clock.now());
    await audit(tx, 'job_description.unpublished', { type: 'job', id: job.id }, { versionId: row.publishedVersionId });
  });
  return view(ctx, jobId);
}

// ---- Language-model polish ----

const REWRITE_RULES = [
  'You edit job descriptions written in Markdown. Improve clarity, flow and warmth without changing what the text says.',
  'Keep every fact exactly: the company name, the job title, the salary range as written, the locations, the benefits and every bullet in the requirements section (you may smooth their wording, one bullet each).',
  'Keep the headings and their order. Do not add requirements, years of experience, degrees, perks or claims that are not in the draft.',
  'Use inclusive, gender-neutral language and plain words. Answer with the Markdown of the job description only, nothing before or after it.',
].join('\n');

export async function rewriteJobDescription(ctx: Ctx, jobId: string, input: { versionId: string }) {
  const { actor, row: job } = await requireJob(ctx, jobId, 'manage');
  const row = await q.findJd(ctx.db, actor.org.id, job.id);
  if (!row) throw AppError.notFound('Job description');
  const draft = (await docs.getVersion<JdBody>(ctx, actor.org.id, row.documentId, input.versionId)).body;
  const result = (status: 'rewritten' | 'fallback' | 'unconfigured', markdown: string, notice: string | null, missing: string[] = []) => ({
    status,
    markdown,
    notice,
    missing,
    analysis: analyze(markdown, job, draft.settings),
  });
  const { baseUrl, model, apiKey, timeoutMs } = ctx.config.llm;
  if (!baseUrl || !model) {
    return result('unconfigured', draft.markdown, 'No language model is configured (an administrator can set LLM_BASE_URL and LLM_MODEL); the generated text stands.');
  }
  const settings = draft.settings;
  const tone = jdContent(settings?.language ?? 'en').tones[settings?.tone ?? 'warm'];
  const facts = extractFacts({
    company: settings?.company.name ?? (await q.orgName(ctx.db, actor.org.id)).name,
    title: draft.title,
    salary: settings?.company.salary ? formatSalary(settings.company.salary, jdContent(settings.language)) : null,
    locations: settings?.company.locations ?? (job.location ? [job.location] : []),
    mustHaves: mustHavesFromMarkdown(draft.markdown, tone.headings['what-you-will-bring']),
  });
  let text: string;
  try {
    text = unfence(
      await openAiCompatible({ baseUrl, model, apiKey, timeoutMs }).complete([
        { role: 'system', content: REWRITE_RULES },
        { role: 'user', content: draft.markdown },
      ]),
    );
  } catch (e) {
    if (!(e instanceof LlmError)) throw e;
    ctx.log.warn({ reason: e.reason }, 'language-model rewrite failed');
    return result('fallback', draft.markdown, `${e.message}; the draft stands.`);
  }
  const check = verifyRewrite(facts, text);
  if (!check.ok) {
    return result('fallback', draft.markdown, `The polished text lost ${check.missing.length === 1 ? 'a fact' : `${check.missing.length} facts`} of the draft, so the draft stands.`, check.missing);
  }
  return result('rewritten', text, null);
}

// ---- Exports ----

export async function exportJobDescription(ctx: Ctx, jobId: string, input: { format: 'md' | 'html' | 'text' | 'jsonld'; versionId?: string | undefined }): Promise<FileBody> {
  const { actor, job, row } = await documentOf(ctx, jobId);
  const versionId = input.versionId ?? row.currentVersionId;
  if (!versionId) throw AppError.notFound('Job description');
  const body = (await docs.getVersion<JdBody>(ctx, actor.org.id, row.documentId, versionId)).body;
  const base = job.title.replace(/[^\w]+/g, '-').replace(/^-|-$/g, '').toLowerCase() || 'job';
  const lang = body.settings?.language ?? 'en';
  switch (input.format) {
    case 'md':
      return { contentType: 'text/markdown; charset=utf-8', fileName: `${base}.md`, body: body.markdown };
    case 'text':
      return { contentType: 'text/plain; charset=utf-8', fileName: `${base}.txt`, body: markdownToText(body.markdown) };
    case 'html':
      return {
        contentType: 'text/html; charset=utf-8',
        fileName: `${base}.html`,
        body: `<!doctype html>\n<html lang="${lang}">\n<head><meta charset="utf-8"><title>${escapeHtml(body.title)}</title></head>\n<body>\n${markdownToHtml(body.markdown, { language: lang })}</body>\n</html>\n`,
      };
    case 'jsonld': {
      const plan = await planBodyOf(ctx, actor.org.id, job.planId);
      const role = await roleOfJob(ctx, actor.org.id, job, plan.body.roleId ?? null);
      const published = row.publishedVersionId === versionId && row.publishedAt;
      const pub = published
        ? { publishedAt: row.publishedAt!, validThrough: row.validThrough, employmentType: row.employmentType }
        : { publishedAt: ctx.clock.now(), validThrough: null, employmentType: 'FULL_TIME' };
      const posting = jobPostingFor(ctx, await q.orgName(ctx.db, actor.org.id), job, body, pub, role?.onet ?? null);
      return { contentType: 'application/ld+json; charset=utf-8', fileName: `${base}.jsonld`, body: `${JSON.stringify(posting, null, 2)}\n` };
    }
  }
}

// ---- Stateless lint and generation (API, CLI, MCP) ----

export function lintText(input: { text: string; location?: string | undefined; seniority?: 'senior' | 'other' | undefined }) {
  return analyzeJobDescription(input.text, {
    ...(input.location ? { location: input.location } : {}),
    ...(input.seniority ? { seniority: input.seniority } : {}),
  });
}

/** Generates from a library role (and the role's guide, or an organization plan, for "how we hire"). */
export async function generatePreview(ctx: Ctx | null, input: { roleId: string; settings: JdSettings; planId?: string | undefined }) {
  const role = libraryRoleInfo(input.roleId);
  const plan = input.planId && ctx ? (await planBodyOf(ctx, requireMember(ctx).org.id, input.planId)).body : guideFor(input.roleId).plan;
  const jd = generateJobDescription(generatorInput(role, role.role.title, input.settings, plan), jdContent(input.settings.language));
  return { title: jd.title, markdown: jd.markdown, html: jd.html, text: jd.text, analysis: analyze(jd.markdown, { location: '' }, input.settings) };
}
