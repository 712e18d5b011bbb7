import { createHash } from 'node:crypto';
import type { Insertable } from 'kysely';
import {
  generateHistoryChunks,
  type SyntheticCompetency,
  type SyntheticHistoryChunk,
  type SyntheticInterviewer,
  type SyntheticJob,
  type SyntheticOutcome,
  type SyntheticRating,
} from '../../core/stats/synthetic.ts';
import { AppError } from '../../shared/errors.ts';
import { type Ctx, inTransaction } from '../../server/context.ts';
import type { DB, OutcomeCheckpoint, StageDef } from '../../server/db/schema.ts';
import { audit } from '../audit/audit.service.ts';
import * as docQ from '../documents/documents.queries.ts';
import type { ScorecardBody } from '../feedback/feedback.contract.ts';
import { DEFAULT_REJECTION_REASONS } from '../openings/openings.service.ts';
import * as openingQ from '../openings/openings.queries.ts';
import type { Plan, PlanRound } from '../plans/plans.format.ts';
import * as planQ from '../plans/plans.queries.ts';
import { guideFor, parsePlan } from '../plans/plans.service.ts';
import { questionBank } from '../questions/questions.library.ts';
import { library } from '../roles/roles.library.ts';
import * as q from './generate.queries.ts';

/**
 * Writes the seeded synthetic hiring history (`core/stats/synthetic.ts`) into an existing
 * organization: interviewers as members, one interview plan and one closed job per synthetic job,
 * candidates, applications, stage moves, interviews with their panels, submitted scorecards with the
 * denormalized ratings and per-application summaries, decisions, post-hire outcomes, and
 * self-identified demographics with their consent records (source 'import').
 *
 * Ids are deterministic: every uuid is derived from sha1(orgId:seed:shortId), so the mapping needs no
 * state across chunks and the same seed written into two organizations never collides. Everything
 * is written chunk by chunk with multi-row INSERTs inside one transaction (DECISIONS 11, 34): a
 * failure leaves nothing behind.
 */

export interface WriteHistoryOptions {
  orgId: string;
  candidates: number;
  seed: number;
  /** First day of the application window, YYYY-MM-DD (generator default '2025-01-01'). */
  start?: string;
  /** Length of the application window in months (generator default 18). */
  months?: number;
  /** Observation date: censor everything after it (default: everything observed). */
  asOf?: string;
  /** Rows per INSERT statement (default 1000; statements also stay below 60k parameters). */
  batchRows?: number;
}

export interface HistoryCounts {
  candidates: number;
  applications: number;
  stageMoves: number;
  interviews: number;
  scorecards: number;
  ratings: number;
  decisions: number;
  outcomes: number;
  demographics: number;
  /** Wall-clock milliseconds of the whole write. */
  ms: number;
}

/** Readable candidate sources for the generator's source codes. */
export const SOURCE_LABELS: Record<string, string> = {
  'careers site': 'Careers page',
  referral: 'Referral',
  sourced: 'Sourced',
  agency: 'Agency',
  'job board': 'Job board',
};

/** The wording version of the consent row each imported self-identification links to. */
export const DEMOGRAPHICS_WORDING = 'self-id/1';

const MONTH_MS = 30.4375 * 86_400_000;
const CHUNK = 2000;

/** A v5-style uuid from sha1(orgId:seed:shortId): stable for the same inputs, distinct across organizations and seeds. */
export function historyUuid(orgId: string, seed: number, shortId: string): string {
  const b = createHash('sha1').update(`${orgId}:${seed}:${shortId}`).digest();
  b[6] = (b[6]! & 0x0f) | 0x50;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Login email of a generated interviewer account (no usable password). */
export function historyUserEmail(seed: number, interviewerId: string, orgSlug: string): string {
  return `history-${seed}-${interviewerId}@${orgSlug}.example`;
}

/** The generator's candidate email tagged with the seed, so two seeds can share an organization. */
export function historyCandidateEmail(email: string, seed: number): string {
  const at = email.lastIndexOf('@');
  return `${email.slice(0, at)}+s${seed}${email.slice(at)}`;
}

/** Stored for generated accounts: not a scrypt hash, so no password ever matches (verifyPassword answers false). */
const NO_PASSWORD = '!history-account-no-password';

/** Deterministic recommendation from the mean of a scorecard's ratings. */
export function recommendationFor(mean: number): NonNullable<ScorecardBody['recommendation']> {
  if (mean >= 3.25) return 'strong_yes';
  if (mean >= 2.5) return 'yes';
  if (mean >= 1.75) return 'no';
  return 'strong_no';
}

const EVIDENCE: Record<number, string> = {
  1: 'Could not give a concrete example; answers stayed general and did not meet the anchor.',
  2: 'Gave one example with gaps; the outcome and their own part in it were unclear.',
  3: 'Described a specific situation, what they did and the measurable result.',
  4: 'Gave several specific examples with trade-offs, results and what they would do differently.',
};

function evidenceFor(c: SyntheticCompetency | undefined, rating: number): string {
  return `${c?.name ?? 'Competency'}: ${EVIDENCE[rating] ?? EVIDENCE[2]!}`;
}

/** Integer weights ×100 by largest remainder, summing to exactly 100. */
function percentWeights(weights: number[]): number[] {
  const total = weights.reduce((s, w) => s + w, 0) || 1;
  const raw = weights.map((w) => (w / total) * 100);
  const out = raw.map(Math.floor);
  let left = 100 - out.reduce((s, w) => s + w, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    out[i]!++;
    left--;
  }
  return out;
}

function anchorsOf(competencyId: string): Plan['competencies'][number]['anchors'] {
  const c = library().competencies.find((x) => x.id === competencyId);
  const generic = { '1': 'Clear concern: no convincing evidence.', '2': 'Mixed: some evidence with notable gaps.', '3': 'Strong: specific, consistent evidence.', '4': 'Exceptional: deep, repeated evidence beyond the role.' };
  if (!c) return generic;
  const text = (level: '1' | '2' | '3' | '4') => `${c.anchors[level].label}: ${c.anchors[level].behaviours.join(' ')}`;
  return { '1': text('1'), '2': text('2'), '3': text('3'), '4': text('4') };
}

/** A normal rubric.plan/v1 for a synthetic job: the role's guide texts, the six competencies and the job's own rounds. */
export function planForJob(job: SyntheticJob, competencies: SyntheticCompetency[]): Plan {
  let base: Plan | null = null;
  try {
    base = guideFor(job.roleId).plan;
  } catch {
    base = null;
  }
  const weights = percentWeights(competencies.map((c) => c.weight));
  const bank = questionBank();
  const rounds: PlanRound[] = job.rounds.map((r, i) => {
    const last = i === job.rounds.length - 1;
    const questions = r.competencyIds.flatMap((cid) => {
      const found = bank.find((qq) => qq.competencies[0] === cid);
      return found ? [{ questionRef: `library:${found.id}`, text: found.text, type: found.type, competencies: found.competencies.filter((x) => competencies.some((c) => c.id === x)), probes: found.probes, minutes: found.minutes }] : [];
    });
    return {
      id: r.id,
      name: r.name,
      kind: last && job.rounds.length === 4 ? 'executive-panel' : 'competency-interview',
      minutes: last ? 90 : 60,
      interviewers: 1,
      focus: [...r.competencyIds],
      questions,
      interviewerDirections: 'Ask the questions in order, probe for specific examples, take notes of what was said and done, and submit your scorecard before the debrief.',
      candidateDirections: `A ${last ? 90 : 60}-minute conversation about your experience; bring specific examples.`,
    };
  });
  const plan = {
    format: 'rubric.plan/v1' as const,
    title: `${job.title} interview plan`,
    roleId: job.roleId,
    outcomes: base?.outcomes ?? { ninetyDays: ['Has met the team and agreed priorities for the first year.'], oneYear: ['Has delivered the agreed priorities.'] },
    competencies: competencies.map((c, i) => ({ id: c.id, name: c.name, weight: weights[i]!, anchors: anchorsOf(c.id) })),
    rounds,
    scorecard: { rounds: job.rounds.map((r) => ({ roundId: r.id, competencies: [...r.competencyIds] })), evidenceRequired: true, recommendationScale: ['strong_no', 'no', 'yes', 'strong_yes'] as ['strong_no', 'no', 'yes', 'strong_yes'] },
    debrief: base?.debrief ?? { agenda: ['Review the competency × round ratings side by side, starting with the largest disagreements.', 'The decider records the decision and the reasons in writing.'] },
    references: base?.references ?? { questions: ['In what capacity did you work with the candidate, for how long, and how closely?'] },
  };
  return parsePlan(plan);
}

/** The stages of every generated job (the generator's pipeline). */
export function historyStages(firstRoundId: string): StageDef[] {
  return [
    { id: 'applied', name: 'Applied', kind: 'applied', roundId: null },
    { id: 'screen', name: 'Recruiter screen', kind: 'custom', roundId: null },
    { id: 'interview', name: 'Interview loop', kind: 'interview', roundId: firstRoundId },
    { id: 'offer', name: 'Offer', kind: 'offer', roundId: null },
    { id: 'hired', name: 'Hired', kind: 'hired', roundId: null },
    { id: 'rejected', name: 'Rejected', kind: 'rejected', roundId: null },
  ];
}

/** Outcome rows of one synthetic hire: one per checkpoint with at least one measure. */
export function outcomeCheckpoints(o: SyntheticOutcome, asOfMs: number | null): { checkpoint: OutcomeCheckpoint; performanceRating: number | null; retained: boolean | null; rampDays: number | null; managerSatisfaction: number | null; regrettedAttrition: boolean | null; recordedAt: Date }[] {
  const startMs = Date.parse(o.startedAt);
  const leftMs = o.leftAt ? Date.parse(o.leftAt) : null;
  const points: { checkpoint: OutcomeCheckpoint; months: number; performanceRating: number | null; retained: boolean | null; rampDays: number | null; managerSatisfaction: number | null }[] = [
    { checkpoint: '6m', months: 6, performanceRating: o.performance6m, retained: o.retained6m, rampDays: o.rampDays, managerSatisfaction: o.managerSatisfaction },
    { checkpoint: '12m', months: 12, performanceRating: o.performance12m, retained: o.retained12m, rampDays: null, managerSatisfaction: null },
    { checkpoint: '24m', months: 24, performanceRating: null, retained: o.retained24m, rampDays: null, managerSatisfaction: null },
  ];
  // Regretted attrition goes on the first checkpoint after they left.
  const leftAt = leftMs === null ? null : points.find((p) => leftMs < startMs + p.months * MONTH_MS)?.checkpoint ?? null;
  const out = [];
  for (const p of points) {
    const regrettedAttrition = p.checkpoint === leftAt ? o.regrettedAttrition : null;
    if (p.performanceRating === null && p.retained === null && p.rampDays === null && p.managerSatisfaction === null && regrettedAttrition === null) continue;
    const due = startMs + p.months * MONTH_MS;
    const recordedMs = asOfMs !== null && due > asOfMs ? (leftMs ?? asOfMs) : due;
    out.push({ checkpoint: p.checkpoint, performanceRating: p.performanceRating, retained: p.retained, rampDays: p.rampDays, managerSatisfaction: p.managerSatisfaction, regrettedAttrition, recordedAt: new Date(Math.round(recordedMs)) });
  }
  return out;
}

function asOfMsOf(asOf: string | undefined): number | null {
  if (!asOf) return null;
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(asOf) ? `${asOf}T23:59:59.999Z` : asOf);
  return Number.isFinite(ms) ? ms : null;
}

function checkOptions(opts: WriteHistoryOptions): void {
  const issues: { path: string; message: string }[] = [];
  if (!Number.isSafeInteger(opts.candidates) || opts.candidates < 1) issues.push({ path: 'candidates', message: 'Use a whole number of candidates, at least 1' });
  if (!Number.isSafeInteger(opts.seed)) issues.push({ path: 'seed', message: 'Use a whole number as the seed' });
  if (opts.start !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(opts.start) || !Number.isFinite(Date.parse(opts.start)))) issues.push({ path: 'start', message: 'Use a date as YYYY-MM-DD' });
  if (opts.months !== undefined && (!Number.isInteger(opts.months) || opts.months < 1 || opts.months > 120)) issues.push({ path: 'months', message: 'Use a whole number of months from 1 to 120' });
  if (opts.asOf !== undefined && asOfMsOf(opts.asOf) === null) issues.push({ path: 'asOf', message: 'Use a date as YYYY-MM-DD or an ISO date-time' });
  if (opts.batchRows !== undefined && (!Number.isInteger(opts.batchRows) || opts.batchRows < 1)) issues.push({ path: 'batchRows', message: 'Use a positive whole number' });
  if (issues.length) throw AppError.invalid('Invalid history options', issues);
}

type Rows<T extends keyof DB> = Insertable<DB[T]>[];

/**
 * Inserts the whole synthetic history into the organization `opts.orgId`, in one transaction.
 * Refuses (409) when the organization already has the history of this seed.
 */
export async function writeSyntheticHistory(ctx: Ctx, opts: WriteHistoryOptions): Promise<HistoryCounts> {
  checkOptions(opts);
  const t0 = Date.now();
  const { orgId, seed } = opts;
  const batch = opts.batchRows ?? 1000;
  const id = (shortId: string) => historyUuid(orgId, seed, shortId);
  const asOfMs = asOfMsOf(opts.asOf);
  const counts: HistoryCounts = { candidates: 0, applications: 0, stageMoves: 0, interviews: 0, scorecards: 0, ratings: 0, decisions: 0, outcomes: 0, demographics: 0, ms: 0 };

  return inTransaction(ctx, async (tx) => {
    const db = tx.db;
    const org = await q.organization(db, orgId);
    if (!org) throw AppError.notFound('Organization');
    if (await q.openingExists(db, id('j01'))) {
      throw AppError.conflict(`This organization already has the generated history of seed ${seed}; use another seed or another organization`, { seed });
    }

    // The rejection reasons the generator uses must exist when the organization keeps its own list.
    const reasons = await q.rejectionReasonCodes(db, orgId);
    if (reasons.length) {
      const have = new Set(reasons.map((r) => r.code));
      let position = Math.max(...reasons.map((r) => r.position)) + 1;
      const missing = DEFAULT_REJECTION_REASONS.filter((r) => ['skills_gap', 'leadership_gap', 'compensation', 'location', 'withdrew'].includes(r.code) && !have.has(r.code));
      await q.insertMany(db, 'rejectionReasons', missing.map((r) => ({ orgId, code: r.code, label: r.label, position: position++ })), batch);
    }

    const users = new Map<string, string>(); // interviewer id → user id
    const jobs = new Map<string, { openingId: string; planVersionId: string; hiringManager: string; competencies: Map<string, SyntheticCompetency> }>();
    const team = new Map<string, { openingId: string; orgId: string; userId: string; teamRole: 'interviewer'; roundId: string }>();
    let competencies: SyntheticCompetency[] = [];
    let interviewers: SyntheticInterviewer[] = [];

    const writeStatic = async (chunk: SyntheticHistoryChunk) => {
      competencies = chunk.competencies;
      interviewers = chunk.interviewers;
      const now = tx.clock.now();
      const firstOpened = new Date(Math.min(...chunk.jobs.map((j) => Date.parse(j.openedAt)), now.getTime()));
      const managers = new Set(chunk.jobs.map((j) => j.hiringManagerId));
      const emails = interviewers.map((u) => historyUserEmail(seed, u.id, org.slug));
      const existing = await q.usersByEmail(db, emails);
      const newUsers: Rows<'users'> = [];
      interviewers.forEach((u, i) => {
        const email = emails[i]!;
        const userId = existing.get(email.toLowerCase()) ?? id(u.id);
        users.set(u.id, userId);
        if (!existing.has(email.toLowerCase())) newUsers.push({ id: userId, email, name: u.name, passwordHash: NO_PASSWORD, createdAt: firstOpened, updatedAt: firstOpened });
      });
      await q.insertMany(db, 'users', newUsers, batch);
      await q.insertMemberships(
        db,
        interviewers.map((u) => ({ orgId, userId: users.get(u.id)!, role: managers.has(u.id) ? 'hiring_manager' : 'interviewer', createdAt: firstOpened })),
      );

      for (const job of chunk.jobs) {
        const opened = new Date(job.openedAt);
        const plan = planForJob(job, competencies);
        const planId = id(`${job.id}-plan`);
        const documentId = id(`${job.id}-plan-doc`);
        const versionId = id(`${job.id}-plan-v1`);
        const hiringManager = users.get(job.hiringManagerId)!;
        await docQ.insertDocument(db, { id: documentId, orgId, kind: 'plan', now: opened });
        await docQ.insertVersion(db, { id: versionId, documentId, orgId, number: 1, body: plan, note: `Generated history (seed ${seed})`, restoredFromId: null, createdBy: hiringManager, now: opened });
        await docQ.setCurrentVersion(db, documentId, versionId, opened);
        await planQ.insertPlan(db, { id: planId, orgId, documentId, title: plan.title, roleId: plan.roleId, sourceGuide: null, now: opened });
        const openingId = id(job.id);
        await openingQ.insertOpening(db, {
          id: openingId,
          orgId,
          title: job.title,
          roleId: job.roleId,
          orgRoleId: null,
          planId,
          location: '',
          remotePolicy: 'hybrid',
          status: 'closed',
          stages: historyStages(job.rounds[0]!.id),
          createdBy: hiringManager,
          now: opened,
        });
        await openingQ.replaceTeam(db, orgId, openingId, [{ userId: hiringManager, teamRole: 'hiring_manager', roundId: '' }]);
        jobs.set(job.id, { openingId, planVersionId: versionId, hiringManager, competencies: new Map(competencies.map((c) => [c.id, c])) });
      }
    };

    const writeChunk = async (chunk: SyntheticHistoryChunk) => {
      const jobOf = (jobId: string) => jobs.get(jobId)!;
      const appJob = new Map<string, string>();
      const candidates: Rows<'candidates'> = chunk.candidates.map((c) => ({
        id: id(c.id),
        orgId,
        name: c.name,
        email: historyCandidateEmail(c.email, seed),
        source: SOURCE_LABELS[c.source] ?? c.source,
        createdAt: c.createdAt,
        updatedAt: c.createdAt,
      }));
      await q.insertMany(db, 'candidates', candidates, batch);

      const moveCount = new Map<string, number>();
      for (const m of chunk.stageMoves) moveCount.set(m.applicationId, (moveCount.get(m.applicationId) ?? 0) + 1);
      const applications: Rows<'applications'> = chunk.applications.map((a) => {
        appJob.set(a.id, a.jobId);
        return {
          id: id(a.id),
          orgId,
          openingId: jobOf(a.jobId).openingId,
          candidateId: id(a.candidateId),
          stage: a.stage,
          status: a.status,
          rejectionReason: a.rejectionReason,
          rejectionNote: null,
          version: moveCount.get(a.id) ?? 1,
          createdAt: a.appliedAt,
          updatedAt: a.updatedAt,
        };
      });
      await q.insertMany(db, 'applications', applications, batch);

      const moves: Rows<'stageMoves'> = chunk.stageMoves.map((m) => ({
        id: id(m.id),
        orgId,
        applicationId: id(m.applicationId),
        seq: m.seq,
        fromStage: m.fromStage,
        toStage: m.toStage,
        reasonCode: m.reasonCode,
        note: null,
        undoes: null,
        movedBy: jobOf(appJob.get(m.applicationId)!).hiringManager,
        movedAt: m.movedAt,
      }));
      await q.insertMany(db, 'stageMoves', moves, batch);

      const interviews: Rows<'interviews'> = [];
      const panels: Rows<'interviewInterviewers'> = [];
      for (const iv of chunk.interviews) {
        const interviewId = id(iv.id);
        const job = jobOf(iv.jobId);
        const userId = users.get(iv.interviewerId)!;
        interviews.push({
          id: interviewId,
          orgId,
          applicationId: id(iv.applicationId),
          roundId: iv.roundId,
          startsAt: iv.startsAt,
          endsAt: iv.endsAt,
          timeZone: 'UTC',
          location: 'Video call',
          status: 'scheduled',
          uid: `${interviewId}@rubric`,
          sequence: 0,
          createdBy: job.hiringManager,
          createdAt: iv.startsAt,
          updatedAt: iv.startsAt,
        });
        panels.push({ interviewId, userId, seat: 'interviewer' });
        const key = `${iv.jobId}|${userId}|${iv.roundId}`;
        if (!team.has(key)) team.set(key, { openingId: job.openingId, orgId, userId, teamRole: 'interviewer', roundId: iv.roundId });
      }
      await q.insertMany(db, 'interviews', interviews, batch);
      await q.insertMany(db, 'interviewInterviewers', panels, batch);

      // One submitted scorecard per interview whose ratings are observed (ratings come grouped by interview).
      const byInterview = new Map<string, SyntheticRating[]>();
      for (const r of chunk.ratings) {
        const list = byInterview.get(r.interviewId);
        if (list) list.push(r);
        else byInterview.set(r.interviewId, [r]);
      }
      const scorecards: Rows<'scorecards'> = [];
      const ratings: Rows<'ratings'> = [];
      const summaries = new Map<string, { openingId: string; recommendations: Record<string, number>; stats: Map<string, { n: number; sum: number; min: number; max: number }> }>();
      for (const [interviewShort, rs] of byInterview) {
        const first = rs[0]!;
        const job = jobOf(first.jobId);
        const scorecardId = id(`${interviewShort}-s`);
        const interviewerId = users.get(first.interviewerId)!;
        const mean = rs.reduce((s, r) => s + r.rating, 0) / rs.length;
        const body: ScorecardBody = {
          ratings: Object.fromEntries(rs.map((r) => [r.competencyId, { rating: r.rating, evidence: evidenceFor(job.competencies.get(r.competencyId), r.rating) }])),
          questionRatings: [],
          recommendation: recommendationFor(mean),
          notes: '',
          redFlags: [],
        };
        scorecards.push({
          id: scorecardId,
          orgId,
          interviewId: id(interviewShort),
          applicationId: id(first.applicationId),
          interviewerId,
          planVersionId: job.planVersionId,
          status: 'submitted',
          version: 2,
          body: JSON.stringify(body),
          submittedAt: first.submittedAt,
          createdAt: first.submittedAt,
          updatedAt: first.submittedAt,
        });
        let summary = summaries.get(first.applicationId);
        if (!summary) summaries.set(first.applicationId, (summary = { openingId: job.openingId, recommendations: { strong_no: 0, no: 0, yes: 0, strong_yes: 0 }, stats: new Map() }));
        summary.recommendations[body.recommendation!]!++;
        for (const r of rs) {
          const st = summary.stats.get(r.competencyId);
          if (st) {
            st.n++;
            st.sum += r.rating;
            st.min = Math.min(st.min, r.rating);
            st.max = Math.max(st.max, r.rating);
          } else summary.stats.set(r.competencyId, { n: 1, sum: r.rating, min: r.rating, max: r.rating });
          ratings.push({ scorecardId, orgId, openingId: job.openingId, applicationId: id(r.applicationId), interviewerId, competencyId: r.competencyId, rating: r.rating, submittedAt: r.submittedAt });
        }
      }
      await q.insertMany(db, 'scorecards', scorecards, batch);
      // Interviews whose scorecards lie after the observation date: generated accounts cannot sign in,
      // so mark their reminders as done rather than queue emails to fictional addresses.
      const reminded = tx.clock.now();
      const reminders: Rows<'feedbackReminders'> = chunk.interviews
        .filter((iv) => !byInterview.has(iv.id))
        .flatMap((iv) => (['24h', '48h'] as const).map((kind) => ({ interviewId: id(iv.id), userId: users.get(iv.interviewerId)!, kind, sentAt: reminded })));
      await q.insertMany(db, 'feedbackReminders', reminders, batch);
      await q.insertMany(db, 'ratings', ratings, batch);
      // The same figures as feedback's refreshSummaries (n, mean, min, max per competency; the mean of
      // integers divided once is the same double as avg(rating)::float8).
      const summaryRows: Rows<'applicationSummaries'> = [...summaries].map(([applicationShort, s]) => ({
        applicationId: id(applicationShort),
        openingId: s.openingId,
        submitted: s.recommendations.strong_no! + s.recommendations.no! + s.recommendations.yes! + s.recommendations.strong_yes!,
        strongNo: s.recommendations.strong_no!,
        no: s.recommendations.no!,
        yes: s.recommendations.yes!,
        strongYes: s.recommendations.strong_yes!,
        stats: JSON.stringify(Object.fromEntries([...s.stats].map(([cid, st]) => [cid, [st.n, st.sum / st.n, st.min, st.max]]))),
      }));
      await q.insertMany(db, 'applicationSummaries', summaryRows, batch);

      const decisions: Rows<'decisions'> = chunk.decisions.map((d) => ({
        id: id(d.id),
        orgId,
        applicationId: id(d.applicationId),
        decision: d.decision,
        reasonCode: d.reasonCode,
        rationale: d.rationale,
        stageMoveId: id(d.stageMoveId),
        decidedBy: users.get(d.decidedBy) ?? null,
        decidedAt: d.decidedAt,
      }));
      await q.insertMany(db, 'decisions', decisions, batch);

      const outcomes: Rows<'outcomes'> = [];
      for (const o of chunk.outcomes) {
        const recordedBy = jobOf(o.jobId).hiringManager;
        for (const p of outcomeCheckpoints(o, asOfMs)) {
          outcomes.push({
            id: id(`${o.id}-${p.checkpoint}`),
            orgId,
            applicationId: id(o.applicationId),
            checkpoint: p.checkpoint,
            performanceRating: p.performanceRating,
            retained: p.retained,
            rampDays: p.rampDays,
            regrettedAttrition: p.regrettedAttrition,
            managerSatisfaction: p.managerSatisfaction,
            note: null,
            recordedBy,
            recordedAt: p.recordedAt,
            createdAt: p.recordedAt,
            updatedAt: p.recordedAt,
          });
        }
      }
      await q.insertMany(db, 'outcomes', outcomes, batch);

      const consents: Rows<'consents'> = [];
      const demographics: Rows<'demographics'> = [];
      for (const d of chunk.demographics) {
        const consentId = id(`${d.candidateId}-consent`);
        consents.push({ id: consentId, orgId, candidateId: id(d.candidateId), interviewId: null, kind: 'demographics', wordingVersion: DEMOGRAPHICS_WORDING, givenAt: d.submittedAt, withdrawnAt: null, recordedBy: null, createdAt: d.submittedAt });
        demographics.push({ candidateId: id(d.candidateId), orgId, sex: d.sex, raceEthnicity: d.raceEthnicity, ageBand: d.ageBand, consentId, source: 'import', submittedAt: d.submittedAt, createdAt: d.submittedAt, updatedAt: d.submittedAt });
      }
      await q.insertMany(db, 'consents', consents, batch);
      await q.insertMany(db, 'demographics', demographics, batch);

      counts.candidates += candidates.length;
      counts.applications += applications.length;
      counts.stageMoves += moves.length;
      counts.interviews += interviews.length;
      counts.scorecards += scorecards.length;
      counts.ratings += ratings.length;
      counts.decisions += decisions.length;
      counts.outcomes += outcomes.length;
      counts.demographics += demographics.length;
    };

    const genOpts = { candidates: opts.candidates, seed, ...(opts.start ? { start: opts.start } : {}), ...(opts.months ? { months: opts.months } : {}), ...(opts.asOf ? { asOf: opts.asOf } : {}) };
    for (const chunk of generateHistoryChunks(genOpts, CHUNK)) {
      if (chunk.index === 0) await writeStatic(chunk);
      await writeChunk(chunk);
    }

    // The panel of every job: each interviewer on the rounds they interviewed for.
    await q.insertMany(db, 'openingTeam', [...team.values()], batch);
    await q.analyzeTables(db, ['openings', 'candidates', 'applications', 'stage_moves', 'interviews', 'interview_interviewers', 'scorecards', 'ratings', 'application_summaries', 'decisions', 'outcomes', 'consents', 'demographics']);

    counts.ms = Date.now() - t0;
    const { ms: _ms, ...recorded } = counts;
    await audit(tx, 'analytics.history_generated', { type: 'organization', id: orgId }, { ...recorded, interviewers: interviewers.length, jobs: jobs.size }, orgId);
    counts.ms = Date.now() - t0;
    return counts;
  });
}
