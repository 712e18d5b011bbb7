import { z } from 'zod';
import { riskCategories } from '../../core/risk/risk-lint.ts';
import { transcriptFormats } from '../../core/transcript/types.ts';
import { idParamsSchema, idSchema, pageQuerySchema, pageSchema } from '../../shared/common.ts';
import { defineRoute } from '../../shared/route.ts';

/**
 * Interview intelligence: a transcript per interview (any meeting tool's VTT, SRT, text or JSON
 * export), its speakers mapped to the panel and the candidate, and a deterministic analysis —
 * exchanges, coverage of the planned questions, evidence per competency, talk metrics, risk flags
 * and draft ratings that sit beside (never replace) the interviewer's own. Consent per interview.
 */

export const consentKinds = ['recording', 'demographics'] as const;

export const consentSchema = z.object({
  id: z.string(),
  candidateId: z.string(),
  interviewId: z.string().nullable(),
  kind: z.enum(consentKinds),
  wordingVersion: z.string(),
  givenAt: z.string(),
  withdrawnAt: z.string().nullable(),
  recordedByName: z.string().nullable(),
});
export type Consent = z.infer<typeof consentSchema>;

export const interviewConsentsSchema = z.object({
  /** The organization requires recording consent before a transcript can be added. */
  required: z.boolean(),
  /** A current (not withdrawn) recording consent exists for this interview. */
  given: z.boolean(),
  items: z.array(consentSchema),
});

export const recordConsentSchema = z.strictObject({
  /** Which notice the candidate agreed to, e.g. "recording-notice-2026-01". */
  wordingVersion: z.string().trim().min(1).max(80),
  /** When the candidate agreed; now when omitted. */
  givenAt: z.iso.datetime({ offset: true }).optional(),
});

export const intelligenceSettingsSchema = z.object({
  /** Refuse transcripts of interviews without the candidate's recording consent (default on). */
  requireConsent: z.boolean(),
});
export type IntelligenceSettings = z.infer<typeof intelligenceSettingsSchema>;

export const TRANSCRIPT_UPLOAD_MAX_BASE64 = 7_000_000;

export const uploadTranscriptSchema = z
  .strictObject({
    fileName: z.string().trim().min(1).max(200),
    /** Force a format; detected from the file name and content otherwise. */
    format: z.enum(transcriptFormats).optional(),
    /** The file as text, or … */
    content: z.string().max(TRANSCRIPT_UPLOAD_MAX_BASE64).optional(),
    /** … as base64 bytes (for UTF-16 files). */
    dataBase64: z.string().max(TRANSCRIPT_UPLOAD_MAX_BASE64).optional(),
  })
  .refine((b) => (b.content === undefined) !== (b.dataBase64 === undefined), { path: ['content'], message: 'Send either content or dataBase64' });

export const participantRoles = ['interviewer', 'candidate', 'other'] as const;

export const speakerMappingSchema = z.object({
  speaker: z.string(),
  role: z.enum(participantRoles),
  participantId: z.string().nullable(),
  name: z.string().nullable(),
  source: z.enum(['name', 'behaviour', 'user']),
});

export const saveSpeakersSchema = z.strictObject({
  mapping: z
    .array(z.strictObject({ speaker: z.string().min(1).max(120), role: z.enum(participantRoles), participantId: idSchema.nullable() }))
    .min(1)
    .max(50),
});

const exchangeSchema = z.object({
  index: z.number().int(),
  askedBy: z.string().nullable(),
  question: z.string(),
  questionStartMs: z.number(),
  answer: z.string(),
  answerStartMs: z.number().nullable(),
  answerEndMs: z.number().nullable(),
  followUp: z.boolean(),
  closed: z.boolean(),
  leading: z.boolean(),
});

const evidenceSchema = z.object({
  competencyId: z.string(),
  exchange: z.number().int().nullable(),
  quote: z.string(),
  startMs: z.number(),
  strength: z.enum(['strong', 'moderate', 'weak']),
  negative: z.boolean(),
  reasons: z.array(z.string()),
});

export const flagSchema = z.object({
  category: z.enum(riskCategories),
  speaker: z.string().nullable(),
  quote: z.string(),
  match: z.string(),
  startMs: z.number(),
  explanation: z.string(),
  alternative: z.string(),
  exchange: z.number().int().nullable(),
});

const suggestionSchema = z.object({
  competencyId: z.string(),
  rating: z.number().int().min(1).max(4).nullable(),
  confidence: z.number(),
  quotes: z.array(z.object({ quote: z.string(), startMs: z.number() })),
  note: z.string().nullable().optional(),
});

export const analysisSchema = z.object({
  engineVersion: z.string(),
  speakers: z.array(z.object({ speaker: z.string().nullable(), role: z.string(), name: z.string().nullable(), talkMs: z.number(), share: z.number(), turns: z.number(), words: z.number() })),
  talk: z.object({
    candidateShare: z.number().nullable(),
    interviewerShare: z.number().nullable(),
    candidateMs: z.number(),
    totalMs: z.number(),
    longestMonologue: z.object({ speaker: z.string().nullable(), ms: z.number(), startMs: z.number() }).nullable(),
    interruptions: z.array(z.object({ speaker: z.string().nullable(), count: z.number() })),
    questionsAsked: z.number(),
    closedQuestions: z.number(),
    leadingQuestions: z.number(),
  }),
  exchanges: z.array(exchangeSchema),
  coverage: z.object({
    asked: z.array(z.object({ index: z.number(), text: z.string(), exchange: z.number(), similarity: z.number(), startMs: z.number() })),
    skipped: z.array(z.object({ index: z.number(), text: z.string() })),
    unplanned: z.array(z.object({ exchange: z.number(), text: z.string(), startMs: z.number() })),
    threshold: z.number(),
  }),
  evidence: z.array(evidenceSchema),
  star: z.array(z.object({ exchange: z.number(), situation: z.boolean(), task: z.boolean(), action: z.boolean(), result: z.boolean(), completeness: z.number() })),
  flags: z.array(flagSchema),
  suggestions: z.array(suggestionSchema),
  summary: z.object({ strongest: z.array(z.object({ competencyId: z.string(), quote: z.string(), startMs: z.number() })), probeNext: z.array(z.string()) }),
});

export const turnSchema = z.object({
  index: z.number().int(),
  speaker: z.string().nullable(),
  startMs: z.number(),
  endMs: z.number(),
  text: z.string(),
  interrupts: z.boolean(),
});

export const transcriptViewSchema = z.object({
  id: z.string(),
  interviewId: z.string(),
  fileName: z.string(),
  format: z.enum(transcriptFormats),
  warnings: z.array(z.object({ line: z.number(), message: z.string() })),
  uploadedAt: z.string(),
  uploadedByName: z.string().nullable(),
  /** True when names, emails, phone numbers, addresses and profile links are replaced by placeholders. */
  redacted: z.boolean(),
  participants: z.object({
    interviewers: z.array(z.object({ id: z.string(), name: z.string() })),
    candidate: z.object({ id: z.string(), name: z.string() }),
  }),
  speakers: z.array(speakerMappingSchema),
  /** The round's competencies (for labels). */
  competencies: z.array(z.object({ id: z.string(), name: z.string() })),
  turns: z.array(turnSchema),
  analysis: analysisSchema,
});
export type TranscriptView = z.infer<typeof transcriptViewSchema>;

export const searchQuerySchema = pageQuerySchema.extend({ q: z.string().trim().min(2).max(200) });

export const searchHitSchema = z.object({
  interviewId: z.string(),
  applicationId: z.string(),
  candidateName: z.string(),
  jobTitle: z.string(),
  roundName: z.string(),
  speaker: z.string().nullable(),
  startMs: z.number(),
  /** The turn's text with matches between « and ». */
  snippet: z.string(),
  turnIndex: z.number().int(),
});

export const citedSummarySchema = z.object({
  /** `abstractive`: the model's summary, every sentence citing turns; `extractive`: the engine's own (no model configured, or the model's text failed the checks). */
  kind: z.enum(['abstractive', 'extractive']),
  sentences: z.array(z.object({ text: z.string(), turns: z.array(z.number().int()) })),
  notice: z.string().nullable(),
  problems: z.array(z.string()),
});

const managersAndPanel = 'job managers and the interview’s panel';

export const getConsentsRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/interviews/:id/consents',
  summary: "The candidate's recording consents for this interview",
  tag: 'intelligence',
  access: { kind: 'member' },
  params: idParamsSchema,
  response: interviewConsentsSchema,
});

export const recordConsentRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/interviews/:id/consents',
  summary: `Record the candidate's consent to recording and transcript analysis for this interview (${managersAndPanel})`,
  tag: 'intelligence',
  access: { kind: 'member' },
  params: idParamsSchema,
  body: recordConsentSchema,
  response: consentSchema,
  status: 201,
});

export const withdrawConsentRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/consents/:id/withdraw',
  summary: "Record that the candidate withdrew consent; the interview's transcript and analysis are deleted",
  tag: 'intelligence',
  access: { kind: 'member' },
  params: idParamsSchema,
  response: consentSchema,
});

export const uploadTranscriptRoute = defineRoute({
  method: 'PUT',
  path: '/api/v1/interviews/:id/transcript',
  summary: `Add or replace the interview's transcript (VTT, SRT, text or JSON, at most 5 MB) and analyse it (${managersAndPanel})`,
  tag: 'intelligence',
  access: { kind: 'member' },
  params: idParamsSchema,
  body: uploadTranscriptSchema,
  response: transcriptViewSchema,
  bodyLimit: 7_500_000,
});

export const getTranscriptRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/interviews/:id/transcript',
  summary: 'The transcript with its speakers and analysis; `redact=true` for blind review',
  tag: 'intelligence',
  access: { kind: 'member' },
  params: idParamsSchema,
  query: z.strictObject({ redact: z.enum(['true', 'false']).default('false') }),
  response: transcriptViewSchema,
});

export const saveSpeakersRoute = defineRoute({
  method: 'PUT',
  path: '/api/v1/interviews/:id/transcript/speakers',
  summary: 'Correct who each speaker is; the analysis runs again',
  tag: 'intelligence',
  access: { kind: 'member' },
  params: idParamsSchema,
  body: saveSpeakersSchema,
  response: transcriptViewSchema,
});

export const summarizeTranscriptRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/interviews/:id/transcript/summary',
  summary: "A summary whose every sentence cites transcript turns, by the organization's language model (sent the redacted transcript); the extractive summary otherwise",
  tag: 'intelligence',
  access: { kind: 'member' },
  params: idParamsSchema,
  response: citedSummarySchema,
});

export const deleteTranscriptRoute = defineRoute({
  method: 'DELETE',
  path: '/api/v1/interviews/:id/transcript',
  summary: 'Delete the transcript and its analysis',
  tag: 'intelligence',
  access: { kind: 'member' },
  params: idParamsSchema,
  response: z.null(),
  status: 204,
});

export const searchTranscriptsRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/transcripts/search',
  summary: 'Full-text search over the transcripts you may see, with snippets and the time to jump to',
  tag: 'intelligence',
  access: { kind: 'member' },
  query: searchQuerySchema,
  response: pageSchema(searchHitSchema),
});

export const getIntelligenceSettingsRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/intelligence/settings',
  summary: "The organization's interview-intelligence settings",
  tag: 'intelligence',
  access: { kind: 'member' },
  response: intelligenceSettingsSchema,
});

export const updateIntelligenceSettingsRoute = defineRoute({
  method: 'PUT',
  path: '/api/v1/intelligence/settings',
  summary: "Change the organization's interview-intelligence settings",
  tag: 'intelligence',
  access: { kind: 'member', roles: ['owner', 'admin'] },
  body: intelligenceSettingsSchema.strict(),
  response: intelligenceSettingsSchema,
});
