import { z } from 'zod';
import { emailSchema } from '../../shared/common.ts';
import { AppError } from '../../shared/errors.ts';
import { type Ctx, inTransaction } from '../../server/context.ts';
import { audit } from '../audit/audit.service.ts';
import { candidateInputSchema, type CandidateInput, linkSchema } from '../candidates/candidates.contract.ts';
import * as candQ from '../candidates/candidates.queries.ts';
import { authorOf, insertApplication, insertCandidate } from '../candidates/candidates.service.ts';
import { JOB_CREATORS } from '../openings/openings.policy.ts';
import { requireJob } from '../openings/openings.service.ts';
import { requireRole } from '../orgs/orgs.policy.ts';
import type { ImportIssue, ImportReport } from './imports.contract.ts';
import { emptyCounts } from './imports.service.ts';

/* The parts of JSON Resume v1 (https://jsonresume.org/schema) we read; other sections are ignored. */
const text = (max: number) => z.string().max(max).optional();
const resumeSchema = z.looseObject({
  basics: z.looseObject({
    name: z.string().trim().min(1, 'Give the candidate’s name').max(120),
    label: text(200),
    email: emailSchema,
    phone: text(40),
    url: linkSchema.optional(),
    summary: text(5000),
    profiles: z.array(z.looseObject({ network: text(80), username: text(120), url: linkSchema.optional() })).max(20).optional(),
  }),
  work: z.array(z.looseObject({ name: text(200), position: text(200), startDate: text(20), endDate: text(20), summary: text(5000), highlights: z.array(z.string().max(1000)).max(30).optional() })).max(50).optional(),
  education: z.array(z.looseObject({ institution: text(200), area: text(200), studyType: text(200), startDate: text(20), endDate: text(20) })).max(30).optional(),
  skills: z.array(z.looseObject({ name: text(200), level: text(80), keywords: z.array(z.string().max(100)).max(50).optional() })).max(100).optional(),
});
type Resume = z.infer<typeof resumeSchema>;

const period = (from?: string, to?: string) => (from || to ? ` (${from ?? '?'} – ${to ?? 'present'})` : '');

/** The notes built from the résumé: headline and summary, then work, education and skills. */
export function resumeNotes(r: Resume): string {
  const parts: string[] = [];
  if (r.basics.label) parts.push(r.basics.label);
  if (r.basics.summary) parts.push(r.basics.summary);
  if (r.work?.length) {
    parts.push(
      `Work\n${r.work
        .map((w) => {
          const head = `- ${[w.position, w.name].filter(Boolean).join(', ')}${period(w.startDate, w.endDate)}`;
          const body = [w.summary, ...(w.highlights ?? []).map((h) => `  • ${h}`)].filter(Boolean).join('\n');
          return body ? `${head}\n${w.summary ? `  ${body}` : body}` : head;
        })
        .join('\n')}`,
    );
  }
  if (r.education?.length) parts.push(`Education\n${r.education.map((e) => `- ${[e.studyType, e.area].filter(Boolean).join(' ')}${e.institution ? `, ${e.institution}` : ''}${period(e.startDate, e.endDate)}`).join('\n')}`);
  if (r.skills?.length) parts.push(`Skills\n${r.skills.map((s) => `- ${s.name ?? ''}${s.level ? ` (${s.level})` : ''}${s.keywords?.length ? `: ${s.keywords.join(', ')}` : ''}`).join('\n')}`);
  const notes = parts.join('\n\n');
  return notes.length > 10_000 ? `${notes.slice(0, 9_990)}\n…` : notes;
}

const pathOf = (p: PropertyKey[]) => `resume${p.map((x) => (typeof x === 'number' ? `[${x}]` : `.${String(x)}`)).join('')}`;

/** Validates a JSON Resume and maps it onto a candidate; every problem names its JSON path. */
export function parseJsonResume(doc: unknown, source: string | undefined): CandidateInput {
  const r = resumeSchema.safeParse(doc);
  if (!r.success) throw AppError.invalid('The JSON Resume is not valid', r.error.issues.map((i) => ({ path: pathOf(i.path), message: i.message })));
  const b = r.data.basics;
  const links = [b.url, ...(b.profiles ?? []).map((p) => p.url)].filter((u): u is string => !!u?.trim());
  const where: Record<string, string> = { name: 'basics.name', email: 'basics.email', phone: 'basics.phone', source: 'source', notes: 'work' };
  const input = candidateInputSchema.safeParse({ name: b.name, email: b.email, phone: b.phone ?? null, links: links.slice(0, 10), source: source ?? 'JSON Resume', notes: resumeNotes(r.data) || null });
  if (!input.success) {
    throw AppError.invalid(
      'The JSON Resume is not valid',
      input.error.issues.map((i) => {
        const [field, index] = i.path;
        // links[0] is basics.url when given, the rest are profiles.
        const linkPath = typeof index === 'number' ? (b.url?.trim() ? (index === 0 ? 'basics.url' : `basics.profiles[${index - 1}].url`) : `basics.profiles[${index}].url`) : 'basics.profiles';
        return { path: field === 'source' ? 'source' : `resume.${field === 'links' ? linkPath : (where[String(field)] ?? String(field))}`, message: i.message };
      }),
    );
  }
  return input.data;
}

/** Adds the résumé's candidate (or links the existing one with that email) and applies them to the job. */
export async function importJsonResume(ctx: Ctx, jobId: string, body: { resume: unknown; source?: string | undefined; preview: boolean }): Promise<ImportReport> {
  const actor = requireRole(ctx, JOB_CREATORS);
  const input = parseJsonResume(body.resume, body.source);
  return inTransaction(ctx, async (tx) => {
    const { row: job } = await requireJob(tx, jobId, 'manage');
    const existing = await candQ.findCandidateByEmail(tx.db, actor.org.id, input.email);
    if (existing && (await candQ.findApplicationFor(tx.db, job.id, existing.id))) {
      throw AppError.invalid('This candidate already applied to this job', [{ path: 'resume.basics.email', message: 'A candidate with this email is already on this job' }]);
    }
    const warnings: ImportIssue[] = existing ? [{ line: null, path: 'resume.basics.email', reason: 'A candidate with this email exists: linked to the job, their details left as they are' }] : [];
    const counts = { ...emptyCounts(), candidates: existing ? 0 : 1, linkedExisting: existing ? 1 : 0, applications: 1 };
    const report: ImportReport = { preview: body.preview, rows: 1, counts, errors: [], warnings };
    if (body.preview) return report;
    const candidateId = existing?.id ?? (await insertCandidate(tx, authorOf(actor), input));
    await insertApplication(tx, authorOf(actor), job, candidateId);
    await audit(tx, 'json_resume.imported', { type: 'job', id: job.id }, { candidateId, linkedExisting: !!existing });
    return report;
  });
}
