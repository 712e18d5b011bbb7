import { z } from 'zod';
import { fileSchema, idParamsSchema, idSchema, okSchema, timeZoneSchema } from '../../shared/common.ts';

export { timeZoneSchema };
import { defineRoute } from '../../shared/route.ts';


const minuteOfDay = z.number().int().min(0).max(1440);
/** ISO weekday ("1" Monday … "7" Sunday) → working spans in local minutes, e.g. {"1": [[540, 1020]]}. */
export const workingHoursSchema = z
  .partialRecord(z.enum(['1', '2', '3', '4', '5', '6', '7']), z.array(z.tuple([minuteOfDay, minuteOfDay]).refine(([a, b]) => b > a, 'A span must end after it starts')).max(6))
  .default({});
export const isoInstant = z.iso.datetime({ offset: true });

export const busyBlockSchema = z.object({ id: z.string(), source: z.enum(['ics', 'feed', 'manual']), startsAt: z.string(), endsAt: z.string() });

export const availabilitySchema = z.object({
  userId: z.string(),
  name: z.string(),
  timeZone: z.string(),
  workingHours: z.record(z.string(), z.array(z.tuple([z.number(), z.number()]))),
  maxPerDay: z.number().nullable(),
  maxPerWeek: z.number().nullable(),
  feedUrl: z.string().nullable(),
  feedFetchedAt: z.string().nullable(),
  /** True until the interviewer (or a manager) saves a profile: defaults are Monday–Friday 9:00–17:00 UTC. */
  isDefault: z.boolean(),
  busy: z.array(busyBlockSchema),
});
export type Availability = z.infer<typeof availabilitySchema>;

export const saveAvailabilitySchema = z.strictObject({
  timeZone: timeZoneSchema,
  workingHours: workingHoursSchema,
  maxPerDay: z.number().int().min(1).max(20).nullable().default(null),
  maxPerWeek: z.number().int().min(1).max(60).nullable().default(null),
  feedUrl: z.string().trim().max(2000).nullable().default(null),
});

export const icsImportResultSchema = z.object({ imported: z.number(), from: z.string(), to: z.string(), source: z.enum(['ics', 'feed']) });

export const poolSchema = z.object({
  id: z.string(),
  name: z.string(),
  members: z.array(z.object({ userId: z.string(), name: z.string(), status: z.enum(['trained', 'shadowing', 'reverse_shadowing']) })),
  createdAt: z.string(),
});
export const poolInputSchema = z.strictObject({
  name: z.string().trim().min(2).max(100),
  members: z.array(z.strictObject({ userId: idSchema, status: z.enum(['trained', 'shadowing', 'reverse_shadowing']) })).max(200),
});

export const windowSchema = z.object({ id: z.string(), startsAt: z.string(), endsAt: z.string(), timeZone: z.string(), source: z.enum(['recruiter', 'candidate']) });
export const windowsInputSchema = z.strictObject({
  timeZone: timeZoneSchema,
  windows: z.array(z.strictObject({ startsAt: isoInstant, endsAt: isoInstant })).max(100),
});
export const candidateAvailabilitySchema = z.object({
  windows: z.array(windowSchema),
  links: z.array(z.object({ id: z.string(), expiresAt: z.string(), usedAt: z.string().nullable(), createdAt: z.string() })),
});

export const publicLinkSchema = z.object({ candidateName: z.string(), jobTitle: z.string(), organization: z.string(), expiresAt: z.string() });

export const searchRequestSchema = z.strictObject({
  rounds: z
    .array(
      z.strictObject({
        roundId: z.string().min(1).max(80),
        /** Everyone listed must attend. */
        interviewerIds: z.array(idSchema).max(12).default([]),
        /** And `count` trained members of this pool (least loaded first). */
        poolId: idSchema.optional(),
        count: z.number().int().min(1).max(6).default(1),
        /** Add free shadowing / reverse-shadowing members of the pool as extra seats. */
        withShadows: z.boolean().default(false),
      }),
    )
    .min(1)
    .max(8),
  horizon: z.strictObject({ start: z.iso.date(), days: z.number().int().min(1).max(42) }),
  sameDay: z.boolean().default(true),
  maxDays: z.number().int().min(1).max(10).optional(),
  order: z.enum(['fixed', 'any']).default('fixed'),
  minGapMinutes: z.number().int().min(0).max(240).default(0),
  maxGapMinutes: z.number().int().min(0).max(480).default(60),
  limit: z.number().int().min(1).max(20).default(10),
});
export type SearchRequest = z.infer<typeof searchRequestSchema>;

const person = z.object({ userId: z.string(), name: z.string() });
export const proposedRoundSchema = z.object({ roundId: z.string(), roundName: z.string(), startsAt: z.string(), endsAt: z.string(), interviewers: z.array(person), shadows: z.array(person) });
export const searchResultSchema = z.object({
  timeZone: z.string(),
  schedules: z.array(z.object({ rounds: z.array(proposedRoundSchema), score: z.number(), days: z.number(), gapMinutes: z.number() })),
  explanation: z.array(z.string()),
});

export const bookSchema = z.strictObject({
  rounds: z
    .array(z.strictObject({ roundId: z.string().min(1).max(80), startsAt: isoInstant, endsAt: isoInstant, interviewerIds: z.array(idSchema).min(1).max(12), shadowIds: z.array(idSchema).max(6).default([]) }))
    .min(1)
    .max(8),
  timeZone: timeZoneSchema,
  location: z.string().trim().max(500).default(''),
});

const userParams = z.object({ userId: idSchema });
const schedulers = ['owner', 'admin', 'recruiter', 'hiring_manager'] as const;

export const getAvailabilityRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/availability/:userId',
  summary: "An interviewer's weekly hours, limits and busy blocks (times only) for the next eight weeks",
  tag: 'scheduling',
  access: { kind: 'member' },
  params: userParams,
  response: availabilitySchema,
});

export const saveAvailabilityRoute = defineRoute({
  method: 'PUT',
  path: '/api/v1/availability/:userId',
  summary: 'Save weekly hours in the interviewer’s zone, limits per day and week, and a calendar feed URL',
  tag: 'scheduling',
  access: { kind: 'member' },
  params: userParams,
  body: saveAvailabilitySchema,
  response: availabilitySchema,
});

export const importIcsRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/availability/:userId/ics',
  summary: 'Import busy times from an .ics file (recurrences expanded; titles never stored); replaces earlier imports',
  tag: 'scheduling',
  access: { kind: 'member' },
  params: userParams,
  body: z.strictObject({ ics: z.string().max(11_000_000) }),
  response: icsImportResultSchema,
  bodyLimit: 12 * 1024 * 1024,
});

export const refreshFeedRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/availability/:userId/feed/refresh',
  summary: "Fetch the interviewer's calendar feed now and replace its busy times",
  tag: 'scheduling',
  access: { kind: 'member' },
  params: userParams,
  response: icsImportResultSchema,
});

export const addBusyRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/availability/:userId/busy',
  summary: 'Add a manual busy block',
  tag: 'scheduling',
  access: { kind: 'member' },
  params: userParams,
  body: z.strictObject({ startsAt: isoInstant, endsAt: isoInstant }),
  response: availabilitySchema,
  status: 201,
});

export const deleteBusyRoute = defineRoute({
  method: 'DELETE',
  path: '/api/v1/availability/:userId/busy/:blockId',
  summary: 'Remove a busy block',
  tag: 'scheduling',
  access: { kind: 'member' },
  params: z.object({ userId: idSchema, blockId: idSchema }),
  response: availabilitySchema,
});

export const listPoolsRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/pools',
  summary: 'Interviewer pools with training status',
  tag: 'scheduling',
  access: { kind: 'member' },
  response: z.object({ items: z.array(poolSchema) }),
});

export const createPoolRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/pools',
  summary: 'Create an interviewer pool',
  tag: 'scheduling',
  access: { kind: 'member', roles: ['owner', 'admin', 'recruiter'] },
  body: poolInputSchema,
  response: poolSchema,
  status: 201,
});

export const savePoolRoute = defineRoute({
  method: 'PUT',
  path: '/api/v1/pools/:id',
  summary: 'Rename a pool or change its members and their training status',
  tag: 'scheduling',
  access: { kind: 'member', roles: ['owner', 'admin', 'recruiter'] },
  params: idParamsSchema,
  body: poolInputSchema,
  response: poolSchema,
});

export const deletePoolRoute = defineRoute({
  method: 'DELETE',
  path: '/api/v1/pools/:id',
  summary: 'Delete a pool',
  tag: 'scheduling',
  access: { kind: 'member', roles: ['owner', 'admin', 'recruiter'] },
  params: idParamsSchema,
  response: okSchema,
});

export const getCandidateAvailabilityRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/applications/:id/availability',
  summary: "The candidate's availability windows and the links sent to them",
  tag: 'scheduling',
  access: { kind: 'member', roles: schedulers },
  params: idParamsSchema,
  response: candidateAvailabilitySchema,
});

export const saveCandidateAvailabilityRoute = defineRoute({
  method: 'PUT',
  path: '/api/v1/applications/:id/availability',
  summary: "Replace the recruiter-entered availability windows of the candidate",
  tag: 'scheduling',
  access: { kind: 'member', roles: schedulers },
  params: idParamsSchema,
  body: windowsInputSchema,
  response: candidateAvailabilitySchema,
});

export const createAvailabilityLinkRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/applications/:id/availability-links',
  summary: 'A single-use link (7 days) for the candidate to enter their availability without an account; also emailed to them through the outbox',
  tag: 'scheduling',
  access: { kind: 'member', roles: schedulers },
  params: idParamsSchema,
  response: z.object({ url: z.string(), expiresAt: z.string() }),
  status: 201,
});

const tokenParams = z.object({ token: z.string().min(20).max(100) });

export const readAvailabilityLinkRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/availability-links/:token',
  summary: 'What the candidate sees on their availability page (the token is the credential)',
  tag: 'scheduling',
  access: { kind: 'public' },
  params: tokenParams,
  response: publicLinkSchema,
});

export const submitAvailabilityLinkRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/availability-links/:token',
  summary: 'The candidate submits their availability (once)',
  tag: 'scheduling',
  access: { kind: 'public' },
  params: tokenParams,
  body: windowsInputSchema,
  response: z.object({ saved: z.number() }),
});

export const searchSchedulesRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/applications/:id/schedule/search',
  summary: 'Ranked loop schedules from availability, pools, limits and the candidate windows; an explanation when none exists',
  tag: 'scheduling',
  access: { kind: 'member', roles: schedulers },
  params: idParamsSchema,
  body: searchRequestSchema,
  response: searchResultSchema,
});

export const bookScheduleRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/applications/:id/schedule/book',
  summary: 'Book a loop: creates the interviews and sends iCalendar invites (METHOD:REQUEST) through the outbox',
  tag: 'scheduling',
  access: { kind: 'member', roles: schedulers },
  params: idParamsSchema,
  body: bookSchema,
  response: z.object({ interviewIds: z.array(z.string()) }),
  status: 201,
});

export const interviewIcsRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/interviews/:id/ics',
  summary: 'The interview as an iCalendar file (current UID and SEQUENCE)',
  tag: 'scheduling',
  access: { kind: 'member' },
  params: idParamsSchema,
  response: fileSchema,
  file: true,
});

export const createCalendarFeedRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/me/calendar-feed',
  summary: 'A private iCalendar URL of your upcoming interviews (a new URL revokes the previous one)',
  tag: 'scheduling',
  access: { kind: 'member' },
  response: z.object({ url: z.string() }),
  status: 201,
});

export const revokeCalendarFeedRoute = defineRoute({
  method: 'DELETE',
  path: '/api/v1/me/calendar-feed',
  summary: 'Revoke your private calendar URL',
  tag: 'scheduling',
  access: { kind: 'member' },
  response: okSchema,
});

export const calendarFeedRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/calendar-feeds/:token',
  summary: "An interviewer's upcoming interviews as iCalendar (the token in the URL is the credential)",
  tag: 'scheduling',
  access: { kind: 'public' },
  params: tokenParams,
  response: fileSchema,
  file: true,
});
