import type { FileBody } from '../../shared/route.ts';
import { AppError } from '../../shared/errors.ts';
import type { Ctx } from '../../server/context.ts';
import { audit } from '../audit/audit.service.ts';
import { planBodyOf } from '../openings/openings.service.ts';
import { requireRole } from '../orgs/orgs.policy.ts';
import type { Plan } from '../plans/plans.format.ts';
import type { ExportFormat } from './privacy.contract.ts';
import { exportToHtml, exportToPdf } from './export.render.ts';
import * as q from './export.queries.ts';

/**
 * The candidate data export (a data-subject access export, GDPR Art. 15): everything held about one
 * candidate, including every interviewer's scorecard, as one JSON bundle, or the same content as a
 * readable HTML report or a PDF. Owners and admins only; one audit entry per export (`{ format }`).
 */

export const EXPORT_FORMAT = 'rubric.candidate-export/v1';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export interface CandidateExport {
  format: typeof EXPORT_FORMAT;
  exportedAt: string;
  organization: { id: string; name: string };
  candidate: {
    id: string;
    name: string;
    email: string;
    phone: string | null;
    links: string[];
    source: string | null;
    notes: string | null;
    resume: { fileName: string; contentType: string | null; size: number | null; text: string | null } | null;
    interviewDataPurgedAt: string | null;
    legalHold: { reason: string; placedAt: string } | null;
    createdAt: string;
    updatedAt: string;
  };
  applications: ExportApplication[];
  consents: { id: string; kind: string; interviewId: string | null; wordingVersion: string; givenAt: string; withdrawnAt: string | null; recordedBy: string | null }[];
  demographics: { sex: string; raceEthnicity: string; ageBand: string; source: string; submittedAt: string } | null;
  privacyRequests: { id: string; kind: string; message: string | null; status: string; createdAt: string; dueAt: string; resolvedAt: string | null; resolutionNote: string | null }[];
  emails: { id: string; to: string; subject: string; body: string; kind: string; status: string; createdAt: string; sentAt: string | null }[];
  auditEntries: { id: number; action: string; createdAt: string; actor: string | null; targetType: string | null; targetId: string | null }[];
}

export interface ExportApplication {
  id: string;
  job: { id: string; title: string };
  stage: string;
  status: string;
  rejectionReason: string | null;
  rejectionNote: string | null;
  createdAt: string;
  updatedAt: string;
  stageMoves: { seq: number; from: string | null; to: string; reasonCode: string | null; note: string | null; undoes: string | null; movedBy: string | null; movedAt: string }[];
  availability: { startsAt: string; endsAt: string; timeZone: string; source: string }[];
  interviews: ExportInterview[];
  decisions: { id: string; decision: string; reasonCode: string; rationale: string; decidedBy: string | null; decidedAt: string }[];
  outcomes: {
    id: string;
    checkpoint: string;
    performanceRating: number | null;
    retained: boolean | null;
    rampDays: number | null;
    regrettedAttrition: boolean | null;
    managerSatisfaction: number | null;
    note: string | null;
    recordedBy: string | null;
    recordedAt: string;
  }[];
}

export interface ExportInterview {
  id: string;
  round: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  location: string;
  status: string;
  interviewers: string[];
  transcript: { fileName: string; format: string; turns: { speaker: string | null; startMs: number; endMs: number; text: string }[]; analysis: unknown; createdAt: string } | null;
  scorecards: { id: string; interviewer: string | null; status: string; submittedAt: string | null; body: unknown; revisions: { number: number; body: unknown; createdAt: string }[] }[];
}

function groupBy<T, K>(rows: T[], key: (r: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

/** Round names of each plan, read once per plan (a deleted plan version leaves the round id). */
async function roundNames(ctx: Ctx, orgId: string, planIds: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const planId of new Set(planIds)) {
    try {
      const plan = (await planBodyOf(ctx, orgId, planId)).body as Plan;
      for (const r of plan.rounds) names.set(`${planId}:${r.id}`, r.name);
    } catch (e) {
      if (!(e instanceof AppError && e.code === 'not_found')) throw e;
    }
  }
  return names;
}

/** Reads the whole bundle; no policy check and no audit (the callers do both). */
export async function readCandidateExport(ctx: Ctx, orgId: string, candidateId: string): Promise<CandidateExport> {
  const db = ctx.db;
  const cand = await q.candidate(db, orgId, candidateId);
  if (!cand) throw AppError.notFound('Candidate');
  const org = await q.orgOf(db, orgId);
  const apps = await q.applications(db, orgId, candidateId);
  const appIds = apps.map((a) => a.id);
  const [moves, windows, ivs, cards, decs, outs, consents, demo, requests, hold, emails] = await Promise.all([
    q.stageMoves(db, orgId, appIds),
    q.availabilityWindows(db, orgId, appIds),
    q.interviews(db, orgId, appIds),
    q.scorecards(db, orgId, appIds),
    q.decisions(db, orgId, appIds),
    q.outcomes(db, orgId, appIds),
    q.consents(db, orgId, candidateId),
    q.demographics(db, orgId, candidateId),
    q.privacyRequests(db, orgId, candidateId),
    q.legalHold(db, orgId, candidateId),
    q.emails(db, orgId, cand.email, cand.name),
  ]);
  const ivIds = ivs.map((i) => i.id);
  const [panel, trs, revisions] = await Promise.all([q.panels(db, ivIds), q.transcripts(db, orgId, ivIds), q.scorecardRevisions(db, cards.map((c) => c.id))]);
  const turns = await q.turns(db, orgId, trs.map((t) => t.id));
  const audits = await q.auditEntries(db, orgId, [candidateId, ...appIds, ...ivIds, ...cards.map((c) => c.id)]);
  const rounds = await roundNames(ctx, orgId, apps.map((a) => a.planId));

  const movesOf = groupBy(moves, (m) => m.applicationId);
  const windowsOf = groupBy(windows, (w) => w.applicationId);
  const ivsOf = groupBy(ivs, (i) => i.applicationId);
  const cardsOf = groupBy(cards, (c) => c.interviewId);
  const decsOf = groupBy(decs, (d) => d.applicationId);
  const outsOf = groupBy(outs, (o) => o.applicationId);
  const panelOf = groupBy(panel, (p) => p.interviewId);
  const trOf = new Map(trs.map((t) => [t.interviewId, t]));
  const turnsOf = groupBy(turns, (t) => t.transcriptId);
  const revsOf = groupBy(revisions, (r) => r.scorecardId);

  return {
    format: EXPORT_FORMAT,
    exportedAt: ctx.clock.now().toISOString(),
    organization: { id: org.id, name: org.name },
    candidate: {
      id: cand.id,
      name: cand.name,
      email: cand.email,
      phone: cand.phone,
      links: cand.links ?? [],
      source: cand.source,
      notes: cand.notes,
      resume: cand.resumeName ? { fileName: cand.resumeName, contentType: cand.resumeType, size: cand.resumeSize, text: cand.resumeText } : null,
      interviewDataPurgedAt: iso(cand.interviewDataPurgedAt),
      legalHold: hold ? { reason: hold.reason, placedAt: hold.placedAt.toISOString() } : null,
      createdAt: cand.createdAt.toISOString(),
      updatedAt: cand.updatedAt.toISOString(),
    },
    applications: apps.map((a) => {
      const stageName = (id: string | null) => (id === null ? null : (a.stages.find((s) => s.id === id)?.name ?? id));
      return {
        id: a.id,
        job: { id: a.openingId, title: a.jobTitle },
        stage: stageName(a.stage)!,
        status: a.status,
        rejectionReason: a.rejectionLabel ?? a.rejectionReason,
        rejectionNote: a.rejectionNote,
        createdAt: a.createdAt.toISOString(),
        updatedAt: a.updatedAt.toISOString(),
        stageMoves: (movesOf.get(a.id) ?? []).map((m) => ({
          seq: m.seq,
          from: stageName(m.fromStage),
          to: stageName(m.toStage)!,
          reasonCode: m.reasonCode,
          note: m.note,
          undoes: m.undoes,
          movedBy: m.movedByName,
          movedAt: m.movedAt.toISOString(),
        })),
        availability: (windowsOf.get(a.id) ?? []).map((w) => ({ startsAt: w.startsAt.toISOString(), endsAt: w.endsAt.toISOString(), timeZone: w.timeZone, source: w.source })),
        interviews: (ivsOf.get(a.id) ?? []).map((i) => {
          const t = trOf.get(i.id);
          return {
            id: i.id,
            round: rounds.get(`${a.planId}:${i.roundId}`) ?? i.roundId,
            startsAt: i.startsAt.toISOString(),
            endsAt: i.endsAt.toISOString(),
            timeZone: i.timeZone,
            location: i.location,
            status: i.status,
            interviewers: (panelOf.get(i.id) ?? []).map((p) => (p.seat === 'shadow' ? `${p.name} (shadow)` : p.name)),
            transcript: t
              ? {
                  fileName: t.fileName,
                  format: t.format,
                  turns: (turnsOf.get(t.id) ?? []).map((x) => ({ speaker: x.speaker, startMs: x.startMs, endMs: x.endMs, text: x.text })),
                  analysis: t.analysis ?? null,
                  createdAt: t.createdAt.toISOString(),
                }
              : null,
            scorecards: (cardsOf.get(i.id) ?? []).map((c) => ({
              id: c.id,
              interviewer: c.interviewerName,
              status: c.status,
              submittedAt: iso(c.submittedAt),
              body: c.body,
              revisions: (revsOf.get(c.id) ?? []).map((r) => ({ number: r.number, body: r.body, createdAt: r.createdAt.toISOString() })),
            })),
          };
        }),
        decisions: (decsOf.get(a.id) ?? []).map((d) => ({ id: d.id, decision: d.decision, reasonCode: d.reasonCode, rationale: d.rationale, decidedBy: d.decidedByName, decidedAt: d.decidedAt.toISOString() })),
        outcomes: (outsOf.get(a.id) ?? []).map((o) => ({
          id: o.id,
          checkpoint: o.checkpoint,
          performanceRating: o.performanceRating,
          retained: o.retained,
          rampDays: o.rampDays,
          regrettedAttrition: o.regrettedAttrition,
          managerSatisfaction: o.managerSatisfaction,
          note: o.note,
          recordedBy: o.recordedByName,
          recordedAt: o.recordedAt.toISOString(),
        })),
      };
    }),
    consents: consents.map((c) => ({ id: c.id, kind: c.kind, interviewId: c.interviewId, wordingVersion: c.wordingVersion, givenAt: c.givenAt.toISOString(), withdrawnAt: iso(c.withdrawnAt), recordedBy: c.recordedByName })),
    demographics: demo ? { sex: demo.sex, raceEthnicity: demo.raceEthnicity, ageBand: demo.ageBand, source: demo.source, submittedAt: demo.submittedAt.toISOString() } : null,
    privacyRequests: requests.map((r) => ({ id: r.id, kind: r.kind, message: r.message, status: r.status, createdAt: r.createdAt.toISOString(), dueAt: r.dueAt.toISOString(), resolvedAt: iso(r.resolvedAt), resolutionNote: r.resolutionNote })),
    emails: emails.map((e) => ({ id: e.id, to: e.toAddress, subject: e.subject, body: e.bodyText, kind: e.kind, status: e.status, createdAt: e.createdAt.toISOString(), sentAt: iso(e.sentAt) })),
    auditEntries: audits.map((a) => ({ id: Number(a.id), action: a.action, createdAt: a.createdAt.toISOString(), actor: a.actorName, targetType: a.targetType, targetId: a.targetId })),
  };
}

/** The bundle for an owner or admin of the candidate's organization (another organization's id: 404). */
export async function buildCandidateExport(ctx: Ctx, candidateId: string): Promise<CandidateExport> {
  const actor = requireRole(ctx, ['owner', 'admin']);
  return readCandidateExport(ctx, actor.org.id, candidateId);
}

/** The export as a download in one of the three formats, audited once. */
export async function exportCandidate(ctx: Ctx, candidateId: string, format: ExportFormat): Promise<FileBody> {
  const bundle = await buildCandidateExport(ctx, candidateId);
  await audit(ctx, 'candidate.exported', { type: 'candidate', id: candidateId }, { format });
  const base = `candidate-${candidateId}`;
  if (format === 'html') return { contentType: 'text/html; charset=utf-8', fileName: `${base}.html`, body: exportToHtml(bundle) };
  if (format === 'pdf') return { contentType: 'application/pdf', fileName: `${base}.pdf`, body: await exportToPdf(bundle) };
  return { contentType: 'application/json', fileName: `${base}.json`, body: `${JSON.stringify(bundle, null, 2)}\n` };
}
