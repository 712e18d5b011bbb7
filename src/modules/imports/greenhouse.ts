import { z } from 'zod';
import { type Ctx, inTransaction } from '../../server/context.ts';
import { audit } from '../audit/audit.service.ts';
import { candidateInputSchema, type CandidateInput, linkSchema } from '../candidates/candidates.contract.ts';
import * as candQ from '../candidates/candidates.queries.ts';
import { authorOf, insertCandidate } from '../candidates/candidates.service.ts';
import type { ScorecardBody } from '../feedback/feedback.contract.ts';
import { JOB_CREATORS } from '../openings/openings.policy.ts';
import { planBodyOf, rejectionReasons, requireJob } from '../openings/openings.service.ts';
import { requireRole } from '../orgs/orgs.policy.ts';
import { greenhouseImportSchema, greenhouseRatingScale, greenhouseRecommendations, type ImportIssue, type ImportReport } from './imports.contract.ts';
import * as q from './imports.queries.ts';
import { dateOf, emptyCounts, refuseIfInvalid, roundFor, writeApplication, writeInterview, writeScorecard } from './imports.service.ts';

/*
 * Greenhouse Harvest (v1) shapes: only the fields we map are checked; everything else is ignored.
 * Ids are numbers in Harvest; strings are accepted too.
 */
const ghId = z.union([z.number(), z.string().min(1).max(80)]).transform(String);
const valued = z.array(z.looseObject({ value: z.string().max(500) })).default([]);
const named = z.looseObject({ name: z.string().max(300) }).nullish();
const person = z.looseObject({ email: z.string().max(320).nullish(), primary_email_address: z.string().max(320).nullish() }).nullish();

const applicationShape = z.looseObject({
  id: ghId,
  candidate_id: ghId.optional(),
  applied_at: z.string().max(40),
  rejected_at: z.string().max(40).nullish(),
  last_activity_at: z.string().max(40).nullish(),
  status: z.enum(['active', 'rejected', 'hired']),
  current_stage: named,
  rejection_reason: named,
  source: z.looseObject({ public_name: z.string().max(80).nullish() }).nullish(),
  jobs: z.array(z.looseObject({ id: ghId })).default([]),
});
const candidateShape = z.looseObject({
  id: ghId,
  first_name: z.string().max(120).nullish(),
  last_name: z.string().max(120).nullish(),
  email_addresses: valued,
  phone_numbers: valued,
  website_addresses: valued,
  social_media_addresses: valued,
  applications: z.array(z.unknown()).optional(),
});
const interviewShape = z.looseObject({
  id: ghId,
  application_id: ghId,
  start: z.looseObject({ date_time: z.string().max(40) }),
  end: z.looseObject({ date_time: z.string().max(40) }),
  location: z.string().max(200).nullish(),
  status: z.string().max(40).nullish(),
  interview: named,
  interviewers: z.array(z.looseObject({ email: z.string().max(320).nullish(), scorecard_id: ghId.nullish() })).default([]),
});
const scorecardShape = z.looseObject({
  id: ghId,
  application_id: ghId,
  interview: z.string().max(300).nullish(),
  interview_step: named,
  interviewed_at: z.string().max(40).nullish(),
  submitted_at: z.string().max(40),
  interviewer: person,
  submitted_by: person,
  overall_recommendation: z.string().max(40).nullish(),
  attributes: z.array(z.looseObject({ name: z.string().max(300), rating: z.string().max(40).nullish(), note: z.string().max(5000).nullish() })).default([]),
  questions: z.array(z.looseObject({ question: z.string().max(2000).nullish(), answer: z.string().max(20000).nullish() })).default([]),
});

type Input = z.infer<typeof greenhouseImportSchema>;
type Entity<T> = { path: string; value: T };

function zodIssues(path: string, error: z.ZodError): ImportIssue[] {
  return error.issues.map((i) => ({ line: null, path: `${path}${i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}`, reason: i.message }));
}

/** Splits the export into its four lists, each element with the JSON path it was found at. */
function listsOf(data: Input['data'], errors: ImportIssue[], warnings: ImportIssue[]) {
  const raw: Record<string, unknown> = Array.isArray(data) ? { candidates: data } : data;
  const known = ['candidates', 'applications', 'scorecards', 'scheduled_interviews'];
  for (const k of Object.keys(raw)) if (!known.includes(k)) warnings.push({ line: null, path: k, reason: `Ignored: only ${known.join(', ')} are imported` });
  const list = (key: string, required: boolean): Entity<unknown>[] => {
    const v = raw[key];
    if (v === undefined && !required) return [];
    if (!Array.isArray(v)) {
      errors.push({ line: null, path: key, reason: 'Expected an array (the list Harvest returns)' });
      return [];
    }
    return v.map((value, i) => ({ path: `${key}[${i}]`, value }));
  };
  const candidates = list('candidates', true);
  let applications = list('applications', false);
  if (raw.applications === undefined) {
    // Harvest embeds each candidate's applications in the candidate.
    applications = candidates.flatMap((c) => {
      const apps = (c.value as { applications?: unknown; id?: unknown } | null)?.applications;
      return Array.isArray(apps) ? apps.map((a, i) => ({ path: `${c.path}.applications[${i}]`, value: { candidate_id: (c.value as { id?: unknown }).id, ...(a as object) } })) : [];
    });
  }
  return { candidates, applications, interviews: list('scheduled_interviews', false), scorecards: list('scorecards', false) };
}

function parseAll<T extends z.ZodType>(items: Entity<unknown>[], schema: T, errors: ImportIssue[]): Entity<z.infer<T>>[] {
  const out: Entity<z.infer<T>>[] = [];
  for (const it of items) {
    const r = schema.safeParse(it.value);
    if (r.success) out.push({ path: it.path, value: r.data });
    else errors.push(...zodIssues(it.path, r.error));
  }
  return out;
}

/**
 * Imports a Greenhouse Harvest export into one job (docs/imports.md has the mapping table). Every
 * record is checked first; a record that depends on a bad one (an application of a bad candidate, a
 * scorecard of a bad application) is itself reported. All writes happen in one transaction.
 */
export async function importGreenhouse(ctx: Ctx, jobId: string, input: Input): Promise<ImportReport> {
  const actor = requireRole(ctx, JOB_CREATORS);
  const errors: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  const lists = listsOf(input.data, errors, warnings);
  const rows = lists.candidates.length + lists.applications.length + lists.interviews.length + lists.scorecards.length;

  return inTransaction(ctx, async (tx) => {
    const { row: job } = await requireJob(tx, jobId, 'manage');
    const plan = await planBodyOf(tx, actor.org.id, job.planId);
    const competencyIds = new Set(plan.body.competencies.map((c) => c.id));
    for (const [attr, comp] of Object.entries(input.attributeMap)) {
      if (!competencyIds.has(comp)) errors.push({ line: null, path: `attributeMap.${attr}`, reason: `The job's plan has no competency "${comp}" (use ${[...competencyIds].join(', ')})` });
    }

    // Candidates.
    const candidates = parseAll(lists.candidates, candidateShape, errors);
    const goodCandidates = new Map<string, { path: string; input: CandidateInput; existingId?: string }>();
    const seenEmail = new Map<string, string>();
    const appsRaw = parseAll(lists.applications, applicationShape, errors);
    const sourceOf = new Map(appsRaw.map((a) => [a.value.candidate_id ?? '', a.value.source?.public_name ?? null]));
    for (const c of candidates) {
      const v = c.value;
      const links: string[] = [];
      [...v.website_addresses.map((w, i) => ({ w, p: `website_addresses[${i}]` })), ...v.social_media_addresses.map((w, i) => ({ w, p: `social_media_addresses[${i}]` }))].forEach(({ w, p }) => {
        if (linkSchema.safeParse(w.value).success && links.length < 10) links.push(w.value.trim());
        else warnings.push({ line: null, path: `${c.path}.${p}.value`, reason: 'Left out: not an http(s) link (or more than 10 links)' });
      });
      const raw = {
        name: `${v.first_name ?? ''} ${v.last_name ?? ''}`.trim(),
        email: v.email_addresses[0]?.value ?? '',
        phone: v.phone_numbers[0]?.value ?? null,
        links,
        source: sourceOf.get(v.id) ?? 'Greenhouse import',
      };
      const parsed = candidateInputSchema.safeParse(raw);
      if (!parsed.success) {
        for (const i of parsed.error.issues) {
          const f = String(i.path[0] ?? '');
          const at = f === 'name' ? 'first_name' : f === 'email' ? 'email_addresses[0].value' : f === 'phone' ? 'phone_numbers[0].value' : f;
          errors.push({ line: null, path: `${c.path}.${at}`, reason: i.message });
        }
        continue;
      }
      const earlier = seenEmail.get(parsed.data.email);
      if (earlier) {
        errors.push({ line: null, path: `${c.path}.email_addresses[0].value`, reason: `Same email as ${earlier}` });
        continue;
      }
      seenEmail.set(parsed.data.email, c.path);
      goodCandidates.set(v.id, { path: c.path, input: parsed.data });
    }
    const existing = await candQ.candidatesByEmail(tx.db, actor.org.id, [...goodCandidates.values()].map((c) => c.input.email));
    const existingByEmail = new Map(existing.map((e) => [e.email, e.id]));
    const alreadyOnJob = await q.candidatesOnJob(tx.db, job.id, existing.map((e) => e.id));
    for (const [id, c] of goodCandidates) {
      const ex = existingByEmail.get(c.input.email);
      if (ex && alreadyOnJob.has(ex)) {
        errors.push({ line: null, path: `${c.path}.email_addresses[0].value`, reason: 'This candidate already applied to this job (imported before?)' });
        goodCandidates.delete(id);
      } else if (ex) c.existingId = ex;
    }
    const badCandidate = new Set(candidates.map((c) => c.value.id).filter((id) => !goodCandidates.has(id)));

    // Applications: one per candidate, into this job.
    const reasons = (await rejectionReasons(tx, actor.org.id)).map((r) => r.code);
    const rejectionCode = reasons.includes('other') ? 'other' : (reasons[0] ?? null);
    const stageOfKind = (kind: string) => job.stages.find((s) => s.kind === kind)?.id;
    const goodApps = new Map<string, { path: string; candidateId: string; appliedAt: Date; movedAt: Date; stage: string; status: 'active' | 'rejected' | 'hired'; rejectionReason: string | null; rejectionNote: string | null }>();
    const appOfCandidate = new Map<string, string>();
    const skippedApps = new Set<string>();
    for (const a of appsRaw) {
      const v = a.value;
      if (input.greenhouseJobId !== undefined && !v.jobs.some((j) => j.id === String(input.greenhouseJobId))) {
        skippedApps.add(v.id);
        continue;
      }
      const cid = v.candidate_id ?? '';
      if (!goodCandidates.has(cid)) {
        errors.push({ line: null, path: `${a.path}.candidate_id`, reason: badCandidate.has(cid) ? 'Its candidate is not valid (see the candidate’s errors)' : `No candidate with id ${cid} in the file` });
        continue;
      }
      if (appOfCandidate.has(cid)) {
        errors.push({ line: null, path: `${a.path}`, reason: `The candidate already has an application in this import (${goodApps.get(appOfCandidate.get(cid)!)?.path}); one application per candidate and job (use greenhouseJobId to pick a Greenhouse job)` });
        continue;
      }
      const appliedAt = dateOf(v.applied_at);
      if (!appliedAt) {
        errors.push({ line: null, path: `${a.path}.applied_at`, reason: 'Not a date-time' });
        continue;
      }
      let stage = stageOfKind(v.status === 'active' ? '' : v.status);
      if (v.status === 'active') {
        const want = v.current_stage?.name.trim().toLowerCase();
        stage = job.stages.find((s) => want && s.name.trim().toLowerCase() === want)?.id ?? job.stages[0]!.id;
        if (want && !job.stages.some((s) => s.name.trim().toLowerCase() === want)) warnings.push({ line: null, path: `${a.path}.current_stage.name`, reason: `No stage named "${v.current_stage!.name}" in this job: placed in ${job.stages[0]!.name}` });
      }
      if (!stage) {
        errors.push({ line: null, path: `${a.path}.status`, reason: `This job has no ${v.status} stage` });
        continue;
      }
      const rejected = v.status === 'rejected';
      const movedAt = dateOf(v.rejected_at) ?? dateOf(v.last_activity_at) ?? appliedAt;
      goodApps.set(v.id, {
        path: a.path,
        candidateId: cid,
        appliedAt,
        movedAt: movedAt < appliedAt ? appliedAt : movedAt,
        stage,
        status: v.status,
        rejectionReason: rejected ? rejectionCode : null,
        rejectionNote: rejected ? (v.rejection_reason?.name ?? null) : null,
      });
      appOfCandidate.set(cid, v.id);
    }
    const rawIds = (list: Entity<unknown>[], key: string) => new Set(list.map((x) => String((x.value as Record<string, unknown> | null)?.[key] ?? '')));
    const allAppIds = rawIds(lists.applications, 'id');
    const appCandidates = rawIds(lists.applications, 'candidate_id');
    for (const [id, c] of goodCandidates) if (!appCandidates.has(id)) warnings.push({ line: null, path: c.path, reason: 'Not imported: no application of this candidate in the file' });
    const appError = (path: string, appId: string) =>
      errors.push({ line: null, path: `${path}.application_id`, reason: skippedApps.has(appId) ? 'Its application is not for the chosen Greenhouse job' : allAppIds.has(appId) ? 'Its application is not valid (see the application’s errors)' : `No application with id ${appId} in the file` });

    // Members by email (interviewers).
    const interviews = parseAll(lists.interviews, interviewShape, errors);
    const scorecards = parseAll(lists.scorecards, scorecardShape, errors);
    const emailOf = (p: z.infer<typeof person>) => (p?.email ?? p?.primary_email_address ?? '').trim().toLowerCase();
    const emails = [...interviews.flatMap((i) => i.value.interviewers.map((x) => (x.email ?? '').toLowerCase())), ...scorecards.flatMap((s) => [emailOf(s.value.interviewer), emailOf(s.value.submitted_by)])].filter(Boolean);
    const members = new Map((await q.membersByEmail(tx.db, actor.org.id, emails)).map((m) => [m.email.toLowerCase(), m.id]));

    // Scheduled interviews.
    type GoodInterview = { path: string; ghId: string; appId: string; roundId: string; startsAt: Date; endsAt: Date; location: string; interviewerIds: string[]; scorecardIds: string[] };
    const goodInterviews: GoodInterview[] = [];
    for (const it of interviews) {
      const v = it.value;
      if (!goodApps.has(v.application_id)) {
        appError(it.path, v.application_id);
        continue;
      }
      const startsAt = dateOf(v.start.date_time);
      const endsAt = dateOf(v.end.date_time);
      if (!startsAt) errors.push({ line: null, path: `${it.path}.start.date_time`, reason: 'Not a date-time' });
      if (!endsAt) errors.push({ line: null, path: `${it.path}.end.date_time`, reason: 'Not a date-time' });
      if (!startsAt || !endsAt) continue;
      if (endsAt <= startsAt) {
        errors.push({ line: null, path: `${it.path}.end.date_time`, reason: 'Ends before it starts' });
        continue;
      }
      const interviewerIds: string[] = [];
      v.interviewers.forEach((x, i) => {
        const id = members.get((x.email ?? '').toLowerCase());
        if (id) interviewerIds.push(id);
        else warnings.push({ line: null, path: `${it.path}.interviewers[${i}].email`, reason: 'Left off the panel: no member of this organization has this email' });
      });
      if (!interviewerIds.length) {
        warnings.push({ line: null, path: it.path, reason: 'Not imported: none of its interviewers is a member' });
        continue;
      }
      goodInterviews.push({ path: it.path, ghId: v.id, appId: v.application_id, roundId: roundFor(plan.body, [v.interview?.name]), startsAt, endsAt, location: v.location ?? '', interviewerIds, scorecardIds: v.interviewers.flatMap((x) => (x.scorecard_id ? [x.scorecard_id] : [])) });
    }

    // Scorecards.
    type GoodScorecard = { path: string; ghId: string; appId: string; interviewerId: string; roundId: string; submittedAt: Date; interviewedAt: Date; body: ScorecardBody; ratings: number };
    const goodScorecards: GoodScorecard[] = [];
    for (const sc of scorecards) {
      const v = sc.value;
      const before = errors.length;
      if (!goodApps.has(v.application_id)) {
        appError(sc.path, v.application_id);
        continue;
      }
      const email = emailOf(v.interviewer) || emailOf(v.submitted_by);
      const interviewerId = members.get(email);
      if (!interviewerId) errors.push({ line: null, path: `${sc.path}.interviewer.email`, reason: email ? `No member of this organization has the email ${email}: imported scorecards need their interviewer as a member` : 'Give the interviewer’s email (interviewer.email)' });
      const submittedAt = dateOf(v.submitted_at);
      if (!submittedAt) errors.push({ line: null, path: `${sc.path}.submitted_at`, reason: 'Not a date-time' });
      let recommendation: ScorecardBody['recommendation'] = null;
      const rec = v.overall_recommendation ?? 'no_decision';
      if (rec in greenhouseRecommendations) recommendation = greenhouseRecommendations[rec as keyof typeof greenhouseRecommendations];
      else if (rec === 'no_decision') warnings.push({ line: null, path: `${sc.path}.overall_recommendation`, reason: 'No decision: imported without a recommendation' });
      else errors.push({ line: null, path: `${sc.path}.overall_recommendation`, reason: `Unknown recommendation "${rec}" (use ${[...Object.keys(greenhouseRecommendations), 'no_decision'].join(', ')})` });
      const ratings: ScorecardBody['ratings'] = {};
      v.attributes.forEach((attr, i) => {
        const comp = input.attributeMap[attr.name];
        if (!comp) {
          warnings.push({ line: null, path: `${sc.path}.attributes[${i}].name`, reason: `Not imported: "${attr.name}" is not in attributeMap` });
          return;
        }
        if (!competencyIds.has(comp)) return; // reported once under attributeMap
        const word = attr.rating ?? 'no_decision';
        if (word === 'no_decision') return;
        if (!(word in greenhouseRatingScale)) {
          errors.push({ line: null, path: `${sc.path}.attributes[${i}].rating`, reason: `Unknown rating "${word}" (use ${Object.keys(greenhouseRatingScale).join(', ')} or no_decision)` });
          return;
        }
        const rating = greenhouseRatingScale[word as keyof typeof greenhouseRatingScale];
        const prev = ratings[comp];
        // Several attributes mapped to one competency: the rounded mean of their ratings, evidence joined.
        if (prev?.rating != null) ratings[comp] = { rating: Math.round((prev.rating + rating) / 2), evidence: [prev.evidence, attr.note ?? ''].filter(Boolean).join('\n') };
        else ratings[comp] = { rating, evidence: attr.note ?? '' };
      });
      if (errors.length > before || !interviewerId || !submittedAt) continue;
      const notes = v.questions
        .filter((x) => x.answer?.trim())
        .map((x) => `${x.question ?? ''}\n${x.answer ?? ''}`.trim())
        .join('\n\n')
        .slice(0, 20_000);
      const rated = Object.keys(ratings);
      goodScorecards.push({
        path: sc.path,
        ghId: v.id,
        appId: v.application_id,
        interviewerId,
        roundId: roundFor(plan.body, [v.interview, v.interview_step?.name], rated),
        submittedAt,
        interviewedAt: dateOf(v.interviewed_at) ?? submittedAt,
        body: { ratings, questionRatings: [], recommendation, notes, redFlags: [] },
        ratings: Object.values(ratings).filter((r) => r.rating !== null).length,
      });
    }

    refuseIfInvalid(errors, input);
    warnings.sort((a, b) => (a.path ?? '').localeCompare(b.path ?? '', 'en', { numeric: true }));

    // What would be written (good applications and everything hanging off them).
    const usedCandidates = new Set([...goodApps.values()].map((a) => a.candidateId));
    const writeCandidates = [...goodCandidates.entries()].filter(([id]) => usedCandidates.has(id));
    const counts = emptyCounts();
    counts.candidates = writeCandidates.filter(([, c]) => !c.existingId).length;
    counts.linkedExisting = writeCandidates.filter(([, c]) => c.existingId).length;
    counts.applications = goodApps.size;
    counts.interviews = goodInterviews.length;
    counts.scorecards = goodScorecards.length;
    counts.ratings = goodScorecards.reduce((s, c) => s + c.ratings, 0);
    // Attach each scorecard to the scheduled interview naming it, else one of the same application and
    // round with the interviewer on its panel, else a new interview of its own at interviewed_at.
    const used = goodInterviews.map(() => new Set<string>());
    const slotOf = goodScorecards.map((sc) => {
      const fits = (gi: GoodInterview, i: number) => gi.appId === sc.appId && gi.interviewerIds.includes(sc.interviewerId) && !used[i]!.has(sc.interviewerId);
      let i = goodInterviews.findIndex((gi, n) => fits(gi, n) && gi.scorecardIds.includes(sc.ghId));
      if (i < 0) i = goodInterviews.findIndex((gi, n) => fits(gi, n) && gi.roundId === sc.roundId);
      if (i >= 0) used[i]!.add(sc.interviewerId);
      return i;
    });
    counts.interviews += slotOf.filter((i) => i < 0).length;
    const report: ImportReport = { preview: input.preview, rows, counts, errors, warnings };
    if (input.preview) return report;

    const candidateIds = new Map<string, string>();
    for (const [ghId, c] of writeCandidates) candidateIds.set(ghId, c.existingId ?? (await insertCandidate(tx, authorOf(actor), c.input)));
    const appIds = new Map<string, string>();
    for (const [ghId, a] of goodApps) appIds.set(ghId, await writeApplication(tx, actor, job, candidateIds.get(a.candidateId)!, a));
    const interviewIds: string[] = [];
    for (const gi of goodInterviews) {
      interviewIds.push(await writeInterview(tx, actor, { applicationId: appIds.get(gi.appId)!, roundId: gi.roundId, startsAt: gi.startsAt, endsAt: gi.endsAt, location: gi.location, interviewerIds: gi.interviewerIds }));
    }
    for (const [n, sc] of goodScorecards.entries()) {
      const i = slotOf[n]!;
      const applicationId = appIds.get(sc.appId)!;
      const interviewId =
        i >= 0 ? interviewIds[i]! : await writeInterview(tx, actor, { applicationId, roundId: sc.roundId, startsAt: sc.interviewedAt, endsAt: new Date(sc.interviewedAt.getTime() + 3_600_000), location: '', interviewerIds: [sc.interviewerId] });
      await writeScorecard(tx, actor, { applicationId, openingId: job.id, interviewId, interviewerId: sc.interviewerId, planVersionId: plan.planVersionId, body: sc.body, submittedAt: sc.submittedAt });
    }
    await audit(tx, 'greenhouse.imported', { type: 'job', id: job.id }, { ...counts, skipped: errors.length, warnings: warnings.length });
    return report;
  });
}
