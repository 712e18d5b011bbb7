import { z } from 'zod';
import { analyzeParsedTranscript } from '../../core/transcript/analyze.ts';
import { parseTranscript, TranscriptTooLargeError } from '../../core/transcript/parse.ts';
import { roundInput } from '../../core/transcript/round.ts';
import { transcriptFormats } from '../../core/transcript/types.ts';
import { idSchema } from '../../shared/common.ts';
import { AppError } from '../../shared/errors.ts';
import type { RouteDef } from '../../shared/route.ts';
import type { Ctx } from '../../server/context.ts';
import { adviseIndividualRoute, adviseOrganizationRoute } from '../advisor/advisor.contract.ts';
import { adviseIndividual, adviseOrg } from '../advisor/advisor.service.ts';
import {
  adverseImpactRoute,
  calibrationRoute,
  exportQuerySchema,
  funnelRoute,
  reliabilityRoute,
  validityRoute,
} from '../analytics/analytics.contract.ts';
import { adverseImpactReport, calibration, funnel, reliability, validity } from '../analytics/analytics.service.ts';
import { listApplicationsRoute } from '../candidates/candidates.contract.ts';
import { listApplications } from '../candidates/candidates.service.ts';
import { debriefRoute } from '../feedback/feedback.contract.ts';
import { getDebrief } from '../feedback/feedback.service.ts';
import { generateJdPreviewRoute, lintJdRoute } from '../jd/jd.contract.ts';
import { generatePreview, lintText } from '../jd/jd.service.ts';
import { getJob } from '../openings/openings.service.ts';
import { requireMember } from '../orgs/orgs.policy.ts';
import { getGuideRoute } from '../plans/plans.contract.ts';
import { exportGuide } from '../plans/guide.render.ts';
import { guideFor } from '../plans/plans.service.ts';
import { searchQuestionsRoute } from '../questions/questions.contract.ts';
import { searchQuestions } from '../questions/questions.service.ts';
import { compareRolesRoute, roleIdSchema } from '../roles/roles.contract.ts';
import { library } from '../roles/roles.library.ts';
import { compareLibraryRoles } from '../roles/roles.service.ts';
import { searchRequestSchema, searchSchedulesRoute } from '../scheduling/scheduling.contract.ts';
import { searchSchedules } from '../scheduling/scheduling.service.ts';

/**
 * The MCP tools: each one is a REST operation (or an offline CLI analysis) offered to AI agents.
 * A tool names the REST contract it stands for: its access declaration (roles) and the API-token
 * scope rule apply exactly as over HTTP, its input schema is built from the contract's zod schemas,
 * and its result passes through the contract's response schema (so no field the API would not send).
 * Tools call the same service functions as the routes, with the caller's ctx, so every policy
 * inside the services (job visibility, the blind-feedback rule, tenancy) is the same too.
 */

export interface McpTool {
  name: string;
  title: string;
  description: string;
  /** The REST contract this tool mirrors; null for offline analyses with no route. */
  route: RouteDef | null;
  /** A zod object schema (the SDK turns it into the tool's JSON Schema and validates calls with it). */
  input: z.ZodType;
  /**
   * The schema the result passes through, as the HTTP layer passes a route's response (fields it
   * does not declare are not sent); null when `run` builds its own shape from filtered parts.
   */
  response: z.ZodType | null;
  run: (ctx: Ctx, args: never) => Promise<unknown>;
  /** A text rendering of the result for the agent (JSON by default). */
  text?: (out: never) => string;
}

function tool<S extends z.ZodType, O>(t: {
  name: string;
  title: string;
  description: string;
  route: RouteDef | null;
  input: S;
  response: z.ZodType | null;
  run: (ctx: Ctx, args: z.output<S>) => Promise<O>;
  text?: (out: O) => string;
}): McpTool {
  return t as unknown as McpTool;
}

/**
 * The API-token scope a tool needs: the REST rule (anything but GET needs `write`), which public
 * routes do not apply because they ignore tokens altogether. None of these tools changes data;
 * the rule is kept so that a token gets the same answer here as from the API.
 */
export function scopeOf(t: McpTool): 'read' | 'write' {
  if (!t.route || t.route.access.kind === 'public' || t.route.method === 'GET') return 'read';
  return 'write';
}

/** The largest transcript accepted inline (characters); the upload route's limit is 5 MB of file. */
const TRANSCRIPT_TEXT_MAX = 5_000_000;

const analyzeTranscriptInput = z.strictObject({
  content: z.string().min(1).max(TRANSCRIPT_TEXT_MAX).describe('The transcript file as text: WebVTT, SRT, plain "Name: text" lines or a JSON export'),
  fileName: z.string().trim().max(200).optional().describe('The original file name; its extension helps detect the format'),
  format: z.enum(transcriptFormats).optional().describe('Force the format instead of detecting it'),
  roleId: roleIdSchema.optional().describe("A library role whose interview guide's round is compared (e.g. cto)"),
  round: z.string().trim().min(1).max(80).optional().describe('The round id or name in that guide (needed with roleId)'),
  candidate: z.string().trim().max(200).optional().describe("The candidate's name, to tell the candidate from the interviewers"),
  interviewers: z.array(z.string().trim().min(1).max(200)).max(12).optional().describe("The interviewers' names"),
});

/** The offline analysis `rubric transcript analyze` performs, on text instead of a file. */
function analyzeTranscriptText(input: z.output<typeof analyzeTranscriptInput>) {
  if (input.round && !input.roleId) throw AppError.invalid('round needs roleId', [{ path: 'roleId', message: 'Give the role whose guide holds the round' }]);
  if (input.roleId && !input.round) throw AppError.invalid('roleId needs round', [{ path: 'round', message: 'Give the round to compare' }]);
  const plan = input.roleId ? guideFor(input.roleId).plan : null;
  const round = plan ? roundInput(plan, input.round!, library().competencies) : null;
  if (plan && !round) {
    throw AppError.invalid(`The guide has no round "${input.round}"`, [{ path: 'round', message: `Rounds: ${plan.rounds.map((r) => r.id).join(', ')}` }]);
  }
  let parsed;
  try {
    parsed = parseTranscript(input.content, { ...(input.fileName ? { fileName: input.fileName } : {}), ...(input.format ? { format: input.format } : {}) });
  } catch (e) {
    if (e instanceof TranscriptTooLargeError) throw AppError.invalid('The transcript is too large', [{ path: 'content', message: `At most ${e.limit} bytes` }]);
    throw e;
  }
  if (parsed.cues.length === 0) {
    throw AppError.invalid(`No transcript cues found (read as ${parsed.format})`, [
      { path: 'content', message: parsed.warnings[0] ? `line ${parsed.warnings[0].line}: ${parsed.warnings[0].message}` : 'empty transcript' },
    ]);
  }
  return analyzeParsedTranscript(parsed, { round, candidate: input.candidate, interviewers: input.interviewers }).result;
}

/** Runs one analytics report; each result passes through its own REST route's response schema. */
async function runReport(ctx: Ctx, args: z.output<typeof exportQuerySchema>) {
  const { report, outcome, characteristic, by, ...filter } = args;
  switch (report) {
    case 'funnel':
      return funnelRoute.response.parse(await funnel(ctx, { ...filter, by: by ?? 'job' }));
    case 'calibration':
      return calibrationRoute.response.parse(await calibration(ctx, filter));
    case 'reliability':
      return reliabilityRoute.response.parse(await reliability(ctx, filter));
    case 'validity':
      return validityRoute.response.parse(await validity(ctx, { ...filter, outcome: outcome ?? 'performance_12m' }));
    case 'adverse-impact':
      return adverseImpactRoute.response.parse(await adverseImpactReport(ctx, { ...filter, characteristic: characteristic ?? 'sex' }));
  }
}

export const mcpTools: McpTool[] = [
  tool({
    name: 'compare_roles',
    title: 'Compare leadership roles',
    description: 'Compare 2–3 library roles (e.g. "cpo,cto") dimension by dimension: similarity, shared and distinct competencies, a summary and Markdown.',
    route: compareRolesRoute,
    input: compareRolesRoute.query!,
    response: compareRolesRoute.response,
    run: async (_ctx, args) => compareLibraryRoles(args.roles),
    text: (out) => out.markdown,
  }),
  tool({
    name: 'advise_organization',
    title: 'Advise an organization on its leadership role',
    description: 'Rank CPO, CTO, both, CPTO, head-of or fractional leaders for an organization from questionnaire answers, with the answers that drove each score.',
    route: adviseOrganizationRoute,
    input: adviseOrganizationRoute.body!,
    response: adviseOrganizationRoute.response,
    run: async (_ctx, args) => adviseOrg(args.answers),
  }),
  tool({
    name: 'advise_individual',
    title: 'Advise an individual on role fit',
    description: 'Fit per leadership role from a self-assessment, the gaps to close and the typical steps from the current role.',
    route: adviseIndividualRoute,
    input: adviseIndividualRoute.body!,
    response: adviseIndividualRoute.response,
    run: async (_ctx, args) => adviseIndividual(args.answers),
  }),
  tool({
    name: 'generate_job_description',
    title: 'Generate a job description',
    description: 'Generate a job description (Markdown, HTML, text and its language analysis) from a library role and company context, offline and without saving it.',
    route: generateJdPreviewRoute,
    input: generateJdPreviewRoute.body!,
    response: generateJdPreviewRoute.response,
    run: (ctx, args) => generatePreview(ctx, args),
    text: (out) => `${out.markdown}\n\n---\nAnalysis: ${JSON.stringify(out.analysis)}`,
  }),
  tool({
    name: 'lint_job_description',
    title: 'Lint a job description',
    description: 'Check job-description text for gender-coded wording, exclusionary phrases, requirement inflation, readability and pay transparency.',
    route: lintJdRoute,
    input: lintJdRoute.body!,
    response: lintJdRoute.response,
    run: async (_ctx, args) => lintText(args),
  }),
  tool({
    name: 'get_interview_guide',
    title: 'Get an interview guide',
    description: "The complete interview guide for a library role as Markdown: rounds, questions, probes, rating anchors and scorecards.",
    route: getGuideRoute,
    input: getGuideRoute.params!,
    response: null,
    run: async (_ctx, args) => {
      const g = guideFor(args.roleId);
      const file = await exportGuide(g, 'md');
      return { roleId: g.roleId, markdown: String(file.body) };
    },
    text: (out) => out.markdown,
  }),
  tool({
    name: 'search_questions',
    title: 'Search interview questions',
    description: "Search the question library and the organization's own questions (full text, ranked), filtered by competency, type, role, seniority or source.",
    route: searchQuestionsRoute,
    input: searchQuestionsRoute.query!,
    response: searchQuestionsRoute.response,
    run: (ctx, args) => searchQuestions(ctx, args),
  }),
  tool({
    name: 'find_schedule_slots',
    title: 'Find interview schedule slots',
    description: "Ranked loop schedules for an application's rounds from interviewer availability, pools, limits and the candidate's windows; an explanation when none exists. Books nothing.",
    route: searchSchedulesRoute,
    input: searchRequestSchema.extend({ applicationId: idSchema.describe('The application to schedule') }),
    response: searchSchedulesRoute.response,
    run: (ctx, { applicationId, ...req }) => searchSchedules(ctx, applicationId, req),
  }),
  tool({
    name: 'list_pipeline',
    title: "List a job's pipeline",
    description: "A job's applications you can see, grouped by stage in the job's stage order, with optional stage, status and text filters.",
    route: listApplicationsRoute,
    input: listApplicationsRoute.query!.extend({ jobId: idSchema.describe('The job') }),
    response: null,
    run: async (ctx, { jobId, ...query }) => {
      const job = await getJob(ctx, jobId);
      const page = listApplicationsRoute.response.parse(await listApplications(ctx, jobId, query));
      return {
        job: { id: job.id, title: job.title, status: job.status },
        stages: job.stages.map((s) => {
          const applications = page.items.filter((a) => a.stage === s.id);
          return { id: s.id, name: s.name, kind: s.kind, count: applications.length, applications };
        }),
        total: page.items.length,
        nextCursor: page.nextCursor,
      };
    },
  }),
  tool({
    name: 'get_debrief',
    title: 'Get an application debrief',
    description: "An application's debrief: competency × interviewer ratings, weighted score, disagreements, missing scorecards and a summary. The blind-feedback rule applies: until you submit your own scorecard you cannot see others'.",
    route: debriefRoute,
    input: z.strictObject({ applicationId: idSchema.describe('The application') }),
    response: debriefRoute.response,
    run: (ctx, args) => getDebrief(ctx, args.applicationId),
  }),
  tool({
    name: 'analyze_transcript',
    title: 'Analyze an interview transcript',
    description: "Offline analysis of a transcript (like `rubric transcript analyze`): speakers, talk time, exchanges, coverage of a guide round's planned questions, evidence, risk flags and draft ratings. Stores nothing.",
    route: null,
    input: analyzeTranscriptInput,
    response: null,
    run: async (ctx, args) => {
      requireMember(ctx);
      return analyzeTranscriptText(args);
    },
  }),
  tool({
    name: 'run_analytics_report',
    title: 'Run an analytics report',
    description: 'One hiring-analytics report — funnel, calibration, reliability, validity or adverse-impact — over a cohort filter (job, role, source, dates), with sample sizes, intervals and small-cell suppression.',
    // The five report routes share one access declaration (ANALYTICS_READERS); funnel's stands for them.
    route: funnelRoute,
    input: exportQuerySchema,
    response: null,
    run: (ctx, args) => runReport(ctx, args),
  }),
];

