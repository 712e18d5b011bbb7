import { z } from 'zod';
import { idParamsSchema, idSchema, timeZoneSchema } from '../../shared/common.ts';
import { defineRoute } from '../../shared/route.ts';

export const scorecardStates = ['none', 'draft', 'submitted'] as const;

export const interviewSchema = z.object({
  id: z.string(),
  applicationId: z.string(),
  jobId: z.string(),
  jobTitle: z.string(),
  candidateId: z.string(),
  candidateName: z.string(),
  roundId: z.string(),
  roundName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  timeZone: z.string(),
  location: z.string(),
  status: z.enum(['scheduled', 'cancelled']),
  interviewers: z.array(z.object({ userId: z.string(), name: z.string(), scorecard: z.enum(scorecardStates), scorecardId: z.string().nullable() })),
  /** Trainees joining as extra seats (they score nothing and do not count as the interviewer). */
  shadows: z.array(z.object({ userId: z.string(), name: z.string() })),
  /** iCalendar SEQUENCE of the invites: grows with every reschedule. */
  sequence: z.number(),
});
export type Interview = z.infer<typeof interviewSchema>;


export const interviewInputSchema = z.strictObject({
  roundId: z.string().min(1).max(80),
  interviewerIds: z.array(idSchema).min(1).max(12),
  shadowIds: z.array(idSchema).max(6).optional(),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  timeZone: timeZoneSchema,
  location: z.string().trim().max(500).default(''),
});

export const myInterviewsSchema = z.object({
  upcoming: z.array(interviewSchema),
  /** Ended interviews of yours without any scorecard started. */
  toDo: z.array(interviewSchema),
  drafts: z.array(interviewSchema),
  /** Ended more than 24 hours ago and not submitted. */
  overdue: z.array(interviewSchema),
});

const text = z.string();
export const kitSchema = z.object({
  interview: interviewSchema,
  round: z.object({
    id: z.string(),
    name: z.string(),
    kind: z.string(),
    minutes: z.number(),
    interviewerDirections: text,
    candidateDirections: text,
    questions: z.array(z.object({ questionRef: z.string().nullable(), text, type: z.string(), competencies: z.array(z.string()), probes: z.array(text), minutes: z.number() })),
  }),
  competencies: z.array(z.object({ id: z.string(), name: z.string(), weight: z.number(), anchors: z.record(z.string(), text) })),
  evidenceRequired: z.boolean(),
  resume: z.object({ name: z.string(), url: z.string() }).nullable(),
  scorecardId: z.string().nullable(),
});

const schedulers = ['owner', 'admin', 'recruiter', 'hiring_manager'] as const;

export const createInterviewRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/applications/:id/interviews',
  summary: 'Add an interview for one round of the plan (manual scheduling)',
  tag: 'interviews',
  access: { kind: 'member', roles: schedulers },
  params: idParamsSchema,
  body: interviewInputSchema.meta({
    'x-examples': {
      deepDive: {
        summary: 'An hour-long deep dive on video',
        value: {
          roundId: 'deep-dive',
          interviewerIds: ['8c3f2b1e-6a7d-4e59-b0c4-1f2e3d4c5b6a'],
          startsAt: '2026-03-10T14:00:00+01:00',
          endsAt: '2026-03-10T15:00:00+01:00',
          timeZone: 'Europe/Berlin',
          location: 'Video call',
        },
      },
    },
  }),
  response: interviewSchema,
  status: 201,
});

export const listApplicationInterviewsRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/applications/:id/interviews',
  summary: "An application's interviews (with who has submitted, not what)",
  tag: 'interviews',
  access: { kind: 'member' },
  params: idParamsSchema,
  response: z.object({ items: z.array(interviewSchema) }),
});

export const getInterviewRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/interviews/:id',
  summary: 'One interview',
  tag: 'interviews',
  access: { kind: 'member' },
  params: idParamsSchema,
  response: interviewSchema,
});

export const updateInterviewRoute = defineRoute({
  method: 'PATCH',
  path: '/api/v1/interviews/:id',
  summary: 'Move, re-staff or cancel an interview',
  tag: 'interviews',
  access: { kind: 'member', roles: schedulers },
  params: idParamsSchema,
  // No defaults on an edit: a field left out stays as it is.
  body: interviewInputSchema.extend({ location: z.string().trim().max(500) }).partial().extend({ status: z.enum(['scheduled', 'cancelled']).optional() }).strict(),
  response: interviewSchema,
});

export const myInterviewsRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/me/interviews',
  summary: 'Your interviews: upcoming, scorecards to do, drafts and overdue feedback',
  tag: 'interviews',
  access: { kind: 'member' },
  response: myInterviewsSchema,
});

export const interviewKitRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/interviews/:id/kit',
  summary: "The interview kit: the round's questions, probes, anchors, directions and the résumé",
  tag: 'interviews',
  access: { kind: 'member' },
  params: idParamsSchema,
  response: kitSchema,
});
