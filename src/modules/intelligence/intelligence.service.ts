import { randomUUID } from 'node:crypto';
import { analyzeTranscript, ENGINE_VERSION, type TranscriptAnalysis } from '../../core/transcript/analyze.ts';
import { checkCitedSummary, CITED_SUMMARY_RULES, citedSummaryPrompt } from '../../core/transcript/cited-summary.ts';
import { parseTranscript, TranscriptTooLargeError } from '../../core/transcript/parse.ts';
import { redactText } from '../../core/transcript/redact.ts';
import { roundInput } from '../../core/transcript/round.ts';
import { mapSpeakers } from '../../core/transcript/speakers.ts';
import { toTurns } from '../../core/transcript/turns.ts';
import type { Cue, ParseWarning, SpeakerMapping, TranscriptFormat, Turn } from '../../core/transcript/types.ts';
import type { PageQuery } from '../../shared/common.ts';
import { AppError, type FieldIssue } from '../../shared/errors.ts';
import { type Ctx, inTransaction, type MemberActor } from '../../server/context.ts';
import { audit } from '../audit/audit.service.ts';
import { requireInterview } from '../interviews/interviews.service.ts';
import * as openQ from '../openings/openings.queries.ts';
import { planBodyOf } from '../openings/openings.service.ts';
import { requireMember, requireRole } from '../orgs/orgs.policy.ts';
import { LlmError, openAiCompatible } from '../llm/llm.ts';
import { library } from '../roles/roles.library.ts';
import type { Consent, IntelligenceSettings, TranscriptView } from './intelligence.contract.ts';
import * as q from './intelligence.queries.ts';

// ---- Settings ----

const DEFAULTS: IntelligenceSettings = { requireConsent: true };

export async function intelligenceSettings(ctx: Ctx, orgId: string): Promise<IntelligenceSettings> {
  const s = (await openQ.orgSettings(ctx.db, orgId)).intelligence as Partial<IntelligenceSettings> | undefined;
  return { requireConsent: s?.requireConsent ?? DEFAULTS.requireConsent };
}

export async function getIntelligenceSettings(ctx: Ctx) {
  return intelligenceSettings(ctx, requireMember(ctx).org.id);
}

export async function updateIntelligenceSettings(ctx: Ctx, input: IntelligenceSettings) {
  const actor = requireRole(ctx, ['owner', 'admin']);
  return inTransaction(ctx, async (tx) => {
    const all = await openQ.orgSettings(tx.db, actor.org.id);
    await openQ.saveOrgSettings(tx.db, actor.org.id, { ...all, intelligence: { requireConsent: input.requireConsent } });
    await audit(tx, 'intelligence.settings_changed', { type: 'organization', id: actor.org.id }, { fields: ['intelligence.requireConsent'] });
    return { requireConsent: input.requireConsent };
  });
}

// ---- Consents ----

function toConsent(r: q.ConsentRow): Consent {
  return {
    id: r.id,
    candidateId: r.candidateId,
    interviewId: r.interviewId,
    kind: r.kind,
    wordingVersion: r.wordingVersion,
    givenAt: r.givenAt.toISOString(),
    withdrawnAt: r.withdrawnAt?.toISOString() ?? null,
    recordedByName: r.recordedByName,
  };
}

/** Transcripts and consents are handled by those who see the interview: the job's managers and its panel. */
const requireInterviewWork = (ctx: Ctx, interviewId: string) => requireInterview(ctx, interviewId, 'see');

async function facts(ctx: Ctx, orgId: string, interviewId: string) {
  const f = await q.interviewFacts(ctx.db, orgId, interviewId);
  if (!f) throw AppError.notFound('Interview');
  return f;
}

export async function getConsents(ctx: Ctx, interviewId: string) {
  const { actor } = await requireInterviewWork(ctx, interviewId);
  const items = (await q.consentsOfInterview(ctx.db, actor.org.id, interviewId)).map(toConsent);
  const settings = await intelligenceSettings(ctx, actor.org.id);
  return { required: settings.requireConsent, given: items.some((c) => c.kind === 'recording' && c.withdrawnAt === null), items };
}

export async function recordConsent(ctx: Ctx, interviewId: string, input: { wordingVersion: string; givenAt?: string | undefined }) {
  const { actor } = await requireInterviewWork(ctx, interviewId);
  const f = await facts(ctx, actor.org.id, interviewId);
  const now = ctx.clock.now();
  const givenAt = input.givenAt ? new Date(input.givenAt) : now;
  if (givenAt.getTime() > now.getTime() + 60_000) throw AppError.invalid('Consent cannot be given in the future', [{ path: 'givenAt', message: 'Use the time the candidate agreed' }]);
  return inTransaction(ctx, async (tx) => {
    const id = randomUUID();
    await q.insertConsent(tx.db, { id, orgId: actor.org.id, candidateId: f.candidateId, interviewId, kind: 'recording', wordingVersion: input.wordingVersion, givenAt, recordedBy: actor.userId, now });
    await audit(tx, 'consent.recorded', { type: 'interview', id: interviewId }, { consentId: id, kind: 'recording' });
    return toConsent((await q.findConsent(tx.db, actor.org.id, id))!);
  });
}

/**
 * Withdrawal of recording consent deletes the interview's transcript and its analysis (search index
 * included); withdrawal of demographics consent deletes the candidate's self-identified answers, in
 * the same transaction. Demographics consents belong to no interview: the candidate managers
 * (owner, admin, recruiter) record their withdrawal.
 */
export async function withdrawConsent(ctx: Ctx, consentId: string) {
  const actor = requireMember(ctx);
  const consent = await q.findConsent(ctx.db, actor.org.id, consentId);
  if (consent?.kind === 'demographics') return withdrawDemographicsConsent(ctx, consent);
  if (!consent?.interviewId) throw AppError.notFound('Consent');
  await requireInterviewWork(ctx, consent.interviewId).catch((e: unknown) => {
    if (e instanceof AppError && e.code === 'not_found') throw AppError.notFound('Consent');
    throw e;
  });
  return inTransaction(ctx, async (tx) => {
    if (consent.withdrawnAt === null) {
      await q.withdrawConsent(tx.db, consentId, tx.clock.now());
      const deleted = consent.kind === 'recording' ? await q.deleteTranscriptOf(tx.db, actor.org.id, consent.interviewId!) : false;
      await audit(tx, 'consent.withdrawn', { type: 'interview', id: consent.interviewId! }, { consentId, transcriptDeleted: deleted });
    }
    return toConsent((await q.findConsent(tx.db, actor.org.id, consentId))!);
  });
}

async function withdrawDemographicsConsent(ctx: Ctx, consent: q.ConsentRow) {
  const actor = requireRole(ctx, ['owner', 'admin', 'recruiter']);
  return inTransaction(ctx, async (tx) => {
    if (consent.withdrawnAt === null) {
      await q.withdrawConsent(tx.db, consent.id, tx.clock.now());
      const deleted = await q.deleteDemographicsOf(tx.db, actor.org.id, consent.candidateId);
      await audit(tx, 'consent.withdrawn', { type: 'candidate', id: consent.candidateId }, { consentId: consent.id, kind: 'demographics' });
      if (deleted) await audit(tx, 'demographics.deleted', { type: 'candidate', id: consent.candidateId }, { consentId: consent.id });
    }
    return toConsent((await q.findConsent(tx.db, actor.org.id, consent.id))!);
  });
}

// ---- Transcripts ----

type Facts = Awaited<ReturnType<typeof facts>>;

async function participantsOf(ctx: Ctx, f: Facts) {
  const panel = await q.panelNames(ctx.db, f.id);
  return { interviewers: panel.map((p) => ({ id: p.id, name: p.name })), candidate: { id: f.candidateId, name: f.candidateName } };
}

async function roundOf(ctx: Ctx, orgId: string, f: Facts) {
  const plan = (await planBodyOf(ctx, orgId, f.planId)).body;
  const input = roundInput(plan, f.roundId, library().competencies);
  const names = new Map(plan.competencies.map((c) => [c.id, c.name]));
  return { input, competencies: (input?.competencies ?? []).map((c) => ({ id: c.id, name: names.get(c.id) ?? c.name })) };
}

function bySpeakerOf(turns: Turn[]) {
  const m = new Map<string, Turn[]>();
  for (const t of turns) if (t.speaker !== null) m.set(t.speaker, [...(m.get(t.speaker) ?? []), t]);
  return m;
}

function labelsOf(turns: Turn[]): string[] {
  return [...new Set(turns.map((t) => t.speaker).filter((s): s is string => s !== null))];
}

/** Keys of the analysis that hold codes, not text a person said. */
const KEEP = new Set(['engineVersion', 'competencyId', 'category', 'role', 'strength', 'source', 'participantId']);

/** Replaces personal data in every text of the analysis (quotes, questions, answers, speaker labels). */
function redactAnalysis(a: TranscriptAnalysis, names: string[]): TranscriptAnalysis {
  const r = (s: string) => redactText(s, { names }).text;
  const walk = (v: unknown, key = ''): unknown => {
    if (typeof v === 'string') return KEEP.has(key) ? v : r(v);
    if (Array.isArray(v)) return v.map((x) => walk(x, key));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  return walk(a) as TranscriptAnalysis;
}

async function toView(ctx: Ctx, actor: MemberActor, f: Facts, row: q.TranscriptRow, redact: boolean): Promise<TranscriptView> {
  const turns = toTurns(row.cues as Cue[]);
  const participants = await participantsOf(ctx, f);
  const { competencies } = await roundOf(ctx, actor.org.id, f);
  const names = [f.candidateName];
  const analysis = row.analysis as TranscriptAnalysis;
  return {
    id: row.id,
    interviewId: row.interviewId,
    fileName: row.fileName,
    format: row.format,
    warnings: row.warnings as ParseWarning[],
    uploadedAt: row.updatedAt.toISOString(),
    uploadedByName: row.uploadedByName,
    redacted: redact,
    participants: redact ? { ...participants, candidate: { id: participants.candidate.id, name: '[CANDIDATE]' } } : participants,
    speakers: (row.speakerMap as SpeakerMapping[]).map((m) => (redact && m.role === 'candidate' ? { ...m, name: '[CANDIDATE]', speaker: redactText(m.speaker, { names }).text } : m)),
    competencies,
    turns: redact ? turns.map((t) => ({ ...t, text: redactText(t.text, { names }).text, speaker: t.speaker === null ? null : redactText(t.speaker, { names }).text })) : turns,
    analysis: redact ? redactAnalysis(analysis, names) : analysis,
  };
}

function decodeUpload(input: { content?: string | undefined; dataBase64?: string | undefined }): string | Uint8Array {
  if (input.content !== undefined) return input.content;
  const b64 = input.dataBase64!.replace(/\s/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) throw AppError.invalid('The file is not valid base64', [{ path: 'dataBase64', message: 'Not base64' }]);
  return Buffer.from(b64, 'base64');
}

export async function uploadTranscript(ctx: Ctx, interviewId: string, input: { fileName: string; format?: TranscriptFormat | undefined; content?: string | undefined; dataBase64?: string | undefined }) {
  const { actor } = await requireInterviewWork(ctx, interviewId);
  const f = await facts(ctx, actor.org.id, interviewId);
  const settings = await intelligenceSettings(ctx, actor.org.id);
  if (settings.requireConsent) {
    const consents = await q.consentsOfInterview(ctx.db, actor.org.id, interviewId);
    if (!consents.some((c) => c.kind === 'recording' && c.withdrawnAt === null)) {
      throw AppError.conflict("Record the candidate's consent to recording before adding a transcript (your organization requires it)", { field: 'consent' });
    }
  }
  let parsed;
  try {
    parsed = parseTranscript(decodeUpload(input), { fileName: input.fileName, ...(input.format ? { format: input.format } : {}) });
  } catch (e) {
    if (e instanceof TranscriptTooLargeError) throw new AppError('payload_too_large', `Transcripts are limited to ${e.limit / 1024 / 1024} MB (this one is ${(e.size / 1024 / 1024).toFixed(1)} MB)`);
    throw e;
  }
  if (parsed.cues.length === 0) {
    const issues: FieldIssue[] = parsed.warnings.slice(0, 20).map((w) => ({ path: `line ${w.line}`, message: w.message }));
    throw AppError.invalid(`No transcript cues found in ${input.fileName} (read as ${parsed.format})`, issues.length ? issues : [{ path: 'content', message: 'Empty transcript' }]);
  }
  const turns = toTurns(parsed.cues);
  const participants = await participantsOf(ctx, f);
  const mapping = mapSpeakers(labelsOf(turns), participants, bySpeakerOf(turns));
  const { input: round } = await roundOf(ctx, actor.org.id, f);
  const analysis = analyzeTranscript({ turns, mapping, round, candidateName: f.candidateName });
  await inTransaction(ctx, async (tx) => {
    await q.deleteTranscriptOf(tx.db, actor.org.id, interviewId);
    const id = randomUUID();
    await q.insertTranscript(tx.db, {
      id,
      orgId: actor.org.id,
      interviewId,
      fileName: input.fileName,
      format: parsed.format,
      cues: parsed.cues,
      warnings: parsed.warnings,
      speakerMap: mapping,
      analysis,
      engineVersion: ENGINE_VERSION,
      uploadedBy: actor.userId,
      now: tx.clock.now(),
    });
    await q.insertTurns(tx.db, actor.org.id, id, turns);
    await audit(tx, 'transcript.uploaded', { type: 'interview', id: interviewId }, { transcriptId: id, format: parsed.format, cues: parsed.cues.length, flags: analysis.flags.length });
  });
  return (await transcriptView(ctx, interviewId, false)).view;
}

async function transcriptView(ctx: Ctx, interviewId: string, redact: boolean) {
  const { actor } = await requireInterviewWork(ctx, interviewId);
  const row = await q.findTranscript(ctx.db, actor.org.id, interviewId);
  if (!row) throw AppError.notFound('Transcript');
  return { transcriptId: row.id, view: await toView(ctx, actor, await facts(ctx, actor.org.id, interviewId), row, redact) };
}

/** The transcript with its analysis; each read is audited once (DECISIONS 8). */
export async function getTranscript(ctx: Ctx, interviewId: string, redact: boolean) {
  const { transcriptId, view } = await transcriptView(ctx, interviewId, redact);
  await audit(ctx, 'transcript.read', { type: 'interview', id: interviewId }, { transcriptId, view: 'transcript', redacted: redact });
  return view;
}

export async function saveSpeakers(ctx: Ctx, interviewId: string, input: { mapping: { speaker: string; role: 'interviewer' | 'candidate' | 'other'; participantId: string | null }[] }) {
  const { actor } = await requireInterviewWork(ctx, interviewId);
  const row = await q.findTranscript(ctx.db, actor.org.id, interviewId);
  if (!row) throw AppError.notFound('Transcript');
  const f = await facts(ctx, actor.org.id, interviewId);
  const participants = await participantsOf(ctx, f);
  const turns = toTurns(row.cues as Cue[]);
  const labels = new Set(labelsOf(turns));
  const issues: FieldIssue[] = [];
  const mapping: SpeakerMapping[] = input.mapping.map((m, i) => {
    if (!labels.has(m.speaker)) issues.push({ path: `mapping.${i}.speaker`, message: `The transcript has no speaker "${m.speaker}"` });
    let name: string | null = null;
    if (m.participantId !== null) {
      const person = m.role === 'candidate' ? (participants.candidate.id === m.participantId ? participants.candidate : undefined) : participants.interviewers.find((p) => p.id === m.participantId);
      if (!person || m.role === 'other') issues.push({ path: `mapping.${i}.participantId`, message: m.role === 'candidate' ? "Not this interview's candidate" : 'Not on this interview’s panel' });
      else name = person.name;
    }
    return { speaker: m.speaker, role: m.role, participantId: m.participantId, name, source: 'user' };
  });
  if (issues.length) throw AppError.invalid('The speaker mapping is not valid', issues);
  // Speakers left out keep their previous mapping.
  const given = new Set(mapping.map((m) => m.speaker));
  const full = [...mapping, ...(row.speakerMap as SpeakerMapping[]).filter((m) => !given.has(m.speaker))];
  const { input: round } = await roundOf(ctx, actor.org.id, f);
  const analysis = analyzeTranscript({ turns, mapping: full, round, candidateName: f.candidateName });
  await inTransaction(ctx, async (tx) => {
    await q.saveAnalysis(tx.db, row.id, { speakerMap: full, analysis, engineVersion: ENGINE_VERSION }, tx.clock.now());
    await audit(tx, 'transcript.speakers_changed', { type: 'interview', id: interviewId }, { transcriptId: row.id, speakers: mapping.length });
  });
  return (await transcriptView(ctx, interviewId, false)).view;
}

export async function deleteTranscript(ctx: Ctx, interviewId: string) {
  const { actor } = await requireInterviewWork(ctx, interviewId);
  await inTransaction(ctx, async (tx) => {
    if (!(await q.deleteTranscriptOf(tx.db, actor.org.id, interviewId))) throw AppError.notFound('Transcript');
    await audit(tx, 'transcript.deleted', { type: 'interview', id: interviewId }, {});
  });
  return null;
}

// ---- Cited summary ----

/** The extractive summary as cited sentences: the strongest quote per competency, with its turn. */
function extractiveSentences(view: TranscriptView): { text: string; turns: number[] }[] {
  const names = new Map(view.competencies.map((c) => [c.id, c.name]));
  const turnAt = (ms: number) => {
    const t = [...view.turns].reverse().find((x) => x.startMs <= ms) ?? view.turns[0];
    return t ? [t.index] : [];
  };
  return view.analysis.summary.strongest.map((s) => ({ text: `${names.get(s.competencyId) ?? s.competencyId}: “${s.quote}”`, turns: turnAt(s.startMs) }));
}

export async function summarizeTranscript(ctx: Ctx, interviewId: string) {
  // The model only ever sees the redacted transcript: no names, emails, phone numbers or addresses.
  const { transcriptId, view } = await transcriptView(ctx, interviewId, true);
  await audit(ctx, 'transcript.read', { type: 'interview', id: interviewId }, { transcriptId, view: 'summary', redacted: true });
  const extractive = (notice: string | null, problems: string[] = []) => ({ kind: 'extractive' as const, sentences: extractiveSentences(view), notice, problems });
  const { baseUrl, model, apiKey, timeoutMs } = ctx.config.llm;
  if (!baseUrl || !model) return extractive('No language model is configured; this is the extractive summary.');
  const roles = new Map(view.speakers.map((m) => [m.speaker, m.role]));
  let text: string;
  try {
    text = await openAiCompatible({ baseUrl, model, apiKey, timeoutMs }).complete([
      { role: 'system', content: CITED_SUMMARY_RULES },
      { role: 'user', content: citedSummaryPrompt(view.turns, (s) => (s === null ? 'other' : (roles.get(s) ?? 'other'))) },
    ]);
  } catch (e) {
    if (!(e instanceof LlmError)) throw e;
    return extractive(`${e.message}; this is the extractive summary.`);
  }
  const check = checkCitedSummary(text, view.turns.length);
  if (!check.ok) return extractive('The model’s summary had sentences without valid citations, so the extractive summary stands.', check.problems);
  return { kind: 'abstractive' as const, sentences: check.sentences, notice: null, problems: [] };
}

// ---- Search ----

export async function searchTranscripts(ctx: Ctx, query: PageQuery & { q: string }) {
  const actor = requireMember(ctx);
  const orgWide = actor.org.role === 'owner' || actor.org.role === 'admin' || actor.org.role === 'recruiter';
  const offset = query.cursor ? Number(Buffer.from(query.cursor, 'base64url').toString()) || 0 : 0;
  const rows = await q.searchTurns(ctx.db, actor.org.id, { q: query.q, visibleTo: orgWide ? null : actor.userId, limit: query.limit, offset });
  const planNames = new Map<string, Map<string, string>>();
  const items = [];
  for (const r of rows.slice(0, query.limit)) {
    let rounds = planNames.get(r.planId);
    if (!rounds) {
      const plan = (await planBodyOf(ctx, actor.org.id, r.planId)).body;
      planNames.set(r.planId, (rounds = new Map(plan.rounds.map((x) => [x.id, x.name]))));
    }
    items.push({
      interviewId: r.interviewId,
      applicationId: r.applicationId,
      candidateName: r.candidateName,
      jobTitle: r.jobTitle,
      roundName: rounds.get(r.roundId) ?? r.roundId,
      speaker: r.speaker,
      startMs: r.startMs,
      snippet: r.snippet,
      turnIndex: r.turnIndex,
    });
  }
  const more = rows.length > query.limit;
  // The search words are free text: the entry records only how many turns of how many interviews were shown.
  if (items.length) await audit(ctx, 'transcript.read', null, { view: 'search', results: items.length, interviews: new Set(items.map((i) => i.interviewId)).size });
  return { items, nextCursor: more ? Buffer.from(String(offset + query.limit)).toString('base64url') : null };
}
