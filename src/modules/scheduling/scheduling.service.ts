import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { writeIcs } from '../../core/scheduling/ics.ts';
import { writeIcsFeed } from '../../core/scheduling/ics-feed.ts';
import { IcsImportError, importBusy } from '../../core/scheduling/ics-import.ts';
import type { Interval } from '../../core/scheduling/intervals.ts';
import { findSchedules, type InterviewerInput, type LoopRequest } from '../../core/scheduling/search.ts';
import { isoWeekOf, localDate } from '../../core/scheduling/time.ts';
import { AppError, type FieldIssue } from '../../shared/errors.ts';
import type { FileBody } from '../../shared/route.ts';
import { type Ctx, inTransaction, type MemberActor } from '../../server/context.ts';
import { audit } from '../audit/audit.service.ts';
import { requireApplication } from '../candidates/candidates.service.ts';
import { interviewEvent } from '../interviews/interviews.invites.ts';
import { queueEmail } from '../outbox/outbox.service.ts';
import { createInterview, requireInterview } from '../interviews/interviews.service.ts';
import { requireMember, requireRole } from '../orgs/orgs.policy.ts';
import * as openQ from '../openings/openings.queries.ts';
import { planBodyOf } from '../openings/openings.service.ts';
import { fetchOutbound, normalizeFeedUrl, OutboundError, parseOutboundUrl } from '../outbound/outbound.service.ts';
import type { Availability, SearchRequest } from './scheduling.contract.ts';
import * as q from './scheduling.queries.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const LINK_DAYS = 7;
const DEFAULT_HOURS: Record<string, [number, number][]> = { '1': [[540, 1020]], '2': [[540, 1020]], '3': [[540, 1020]], '4': [[540, 1020]], '5': [[540, 1020]] };
const SCHEDULERS = ['owner', 'admin', 'recruiter', 'hiring_manager'] as const;
const AVAILABILITY_EDITORS = ['owner', 'admin', 'recruiter'] as const;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Someone's availability: their own, or anyone's for schedulers (reading) and owners, admins, recruiters (editing). */
async function requireAvailability(ctx: Ctx, userId: string, write: boolean) {
  const actor = requireMember(ctx);
  const member = await openQ.memberIds(ctx.db, actor.org.id, [userId]);
  if (!member.has(userId)) throw AppError.notFound('Member');
  const roles: readonly string[] = write ? AVAILABILITY_EDITORS : SCHEDULERS;
  if (userId !== actor.userId && !roles.includes(actor.org.role)) throw AppError.forbidden('You may only manage your own availability');
  return actor;
}

async function availabilityOf(ctx: Ctx, actor: MemberActor, userId: string): Promise<Availability> {
  const p = await q.findProfile(ctx.db, actor.org.id, userId);
  const name = (await q.userNames(ctx.db, [userId])).get(userId) ?? '';
  const now = ctx.clock.now().getTime();
  const busy = await q.busyOf(ctx.db, actor.org.id, [userId], new Date(now - DAY), new Date(now + 56 * DAY));
  return {
    userId,
    name,
    timeZone: p?.timeZone ?? 'UTC',
    workingHours: p?.workingHours ?? DEFAULT_HOURS,
    maxPerDay: p?.maxPerDay ?? null,
    maxPerWeek: p?.maxPerWeek ?? null,
    feedUrl: p?.feedUrl ?? null,
    feedFetchedAt: p?.feedFetchedAt?.toISOString() ?? null,
    isDefault: !p,
    busy: busy.map((b) => ({ id: b.id, source: b.source, startsAt: b.startsAt.toISOString(), endsAt: b.endsAt.toISOString() })),
  };
}

export async function getAvailability(ctx: Ctx, userId: string) {
  const actor = await requireAvailability(ctx, userId, false);
  return availabilityOf(ctx, actor, userId);
}

export async function saveAvailability(
  ctx: Ctx,
  userId: string,
  input: { timeZone: string; workingHours: Partial<Record<string, [number, number][]>>; maxPerDay: number | null; maxPerWeek: number | null; feedUrl: string | null },
) {
  const actor = await requireAvailability(ctx, userId, true);
  let feedUrl: string | null = null;
  if (input.feedUrl) {
    try {
      feedUrl = normalizeFeedUrl(input.feedUrl);
      parseOutboundUrl(feedUrl);
    } catch (e) {
      throw AppError.invalid('The calendar feed URL is not usable', [{ path: 'feedUrl', message: e instanceof Error ? e.message : 'Invalid URL' }]);
    }
  }
  const hours: Record<string, [number, number][]> = {};
  for (const [day, spans] of Object.entries(input.workingHours)) if (spans?.length) hours[day] = [...spans].sort((a, b) => a[0] - b[0]);
  return inTransaction(ctx, async (tx) => {
    await q.upsertProfile(tx.db, { orgId: actor.org.id, userId, timeZone: input.timeZone, workingHours: hours, maxPerDay: input.maxPerDay, maxPerWeek: input.maxPerWeek, feedUrl, now: tx.clock.now() });
    await audit(tx, 'availability.saved', { type: 'user', id: userId }, { fields: ['timeZone', 'workingHours', 'maxPerDay', 'maxPerWeek', 'feedUrl'] });
    return availabilityOf(tx, actor, userId);
  });
}

function parseBusy(ctx: Ctx, text: string, field: string) {
  const now = ctx.clock.now().getTime();
  const from = now - DAY;
  const to = now + 120 * DAY;
  try {
    return { ...importBusy(text, from, to), from, to };
  } catch (e) {
    if (e instanceof IcsImportError) throw AppError.invalid(`Nothing was imported: ${e.message}`, [{ path: field, message: e.message }]);
    throw e;
  }
}

async function storeBusy(ctx: Ctx, actor: MemberActor, userId: string, source: 'ics' | 'feed', parsed: { busy: Interval[]; from: number; to: number }) {
  return inTransaction(ctx, async (tx) => {
    await q.replaceBusy(tx.db, actor.org.id, userId, source, parsed.busy, tx.clock.now(), randomUUID);
    if (source === 'feed') await q.markFeedFetched(tx.db, actor.org.id, userId, tx.clock.now());
    await audit(tx, 'availability.busy_imported', { type: 'user', id: userId }, { source, blocks: parsed.busy.length });
    return { imported: parsed.busy.length, from: new Date(parsed.from).toISOString(), to: new Date(parsed.to).toISOString(), source };
  });
}

/** Busy times from an uploaded .ics (recurrences expanded, titles dropped); a bad file imports nothing. */
export async function importIcs(ctx: Ctx, userId: string, ics: string) {
  const actor = await requireAvailability(ctx, userId, true);
  return storeBusy(ctx, actor, userId, 'ics', parseBusy(ctx, ics, 'ics'));
}

/** Fetches the saved feed through the outbound helper (outside any transaction) and replaces its busy times. */
export async function refreshFeed(ctx: Ctx, userId: string) {
  const actor = await requireAvailability(ctx, userId, true);
  const profile = await q.findProfile(ctx.db, actor.org.id, userId);
  if (!profile?.feedUrl) throw AppError.invalid('Save a calendar feed URL first', [{ path: 'feedUrl', message: 'No feed URL saved' }]);
  let text: string;
  try {
    const res = await fetchOutbound(profile.feedUrl, { allowPrivate: ctx.config.outbound.allowPrivate, timeoutMs: 10_000, maxBytes: 10 * 1024 * 1024 });
    if (res.status !== 200) throw AppError.invalid(`The calendar feed answered HTTP ${res.status}`, [{ path: 'feedUrl', message: `HTTP ${res.status}` }]);
    text = res.body.toString('utf8');
  } catch (e) {
    if (e instanceof OutboundError) throw AppError.invalid(`The calendar feed could not be fetched: ${e.message}`, [{ path: 'feedUrl', message: e.message }]);
    throw e;
  }
  return storeBusy(ctx, actor, userId, 'feed', parseBusy(ctx, text, 'feedUrl'));
}

export async function addBusy(ctx: Ctx, userId: string, input: { startsAt: string; endsAt: string }) {
  const actor = await requireAvailability(ctx, userId, true);
  const start = new Date(input.startsAt);
  const end = new Date(input.endsAt);
  if (end <= start) throw AppError.invalid('A busy time must end after it starts', [{ path: 'endsAt', message: 'Ends before it starts' }]);
  if (end.getTime() - start.getTime() > 31 * DAY) throw AppError.invalid('A busy time lasts at most 31 days', [{ path: 'endsAt', message: 'Longer than 31 days' }]);
  return inTransaction(ctx, async (tx) => {
    await q.insertBusy(tx.db, { id: randomUUID(), orgId: actor.org.id, userId, startsAt: start, endsAt: end, now: tx.clock.now() });
    return availabilityOf(tx, actor, userId);
  });
}

export async function deleteBusy(ctx: Ctx, userId: string, blockId: string) {
  const actor = await requireAvailability(ctx, userId, true);
  if ((await q.deleteBusy(ctx.db, actor.org.id, userId, blockId)) === 0) throw AppError.notFound('Busy time');
  return availabilityOf(ctx, actor, userId);
}

function toPool(p: Awaited<ReturnType<typeof q.listPools>>[number]) {
  return { id: p.id, name: p.name, members: p.members.map((m) => ({ userId: m.userId, name: m.name, status: m.status })), createdAt: p.createdAt.toISOString() };
}

export async function listPools(ctx: Ctx) {
  const actor = requireMember(ctx);
  return { items: (await q.listPools(ctx.db, actor.org.id)).map(toPool) };
}

export async function savePool(ctx: Ctx, id: string | null, input: { name: string; members: { userId: string; status: 'trained' | 'shadowing' | 'reverse_shadowing' }[] }) {
  const actor = requireRole(ctx, AVAILABILITY_EDITORS);
  return inTransaction(ctx, async (tx) => {
    if (id && !(await q.findPool(tx.db, actor.org.id, id))) throw AppError.notFound('Pool');
    if (await q.poolNameTaken(tx.db, actor.org.id, input.name, id)) throw AppError.conflict('A pool with this name exists', { field: 'name' });
    const members = await openQ.memberIds(tx.db, actor.org.id, input.members.map((m) => m.userId));
    const issues: FieldIssue[] = [];
    input.members.forEach((m, i) => {
      if (!members.has(m.userId)) issues.push({ path: `members.${i}.userId`, message: 'Not a member of this organization' });
      if (input.members.findIndex((x) => x.userId === m.userId) !== i) issues.push({ path: `members.${i}.userId`, message: 'Listed twice' });
    });
    if (issues.length) throw AppError.invalid('The pool is not valid', issues);
    const poolId = id ?? randomUUID();
    await q.savePool(tx.db, { id: poolId, orgId: actor.org.id, name: input.name, now: tx.clock.now(), isNew: !id }, input.members);
    await audit(tx, 'pool.saved', { type: 'pool', id: poolId }, { members: input.members.length });
    return toPool((await q.listPools(tx.db, actor.org.id)).find((p) => p.id === poolId)!);
  });
}

export async function deletePool(ctx: Ctx, id: string) {
  const actor = requireRole(ctx, AVAILABILITY_EDITORS);
  if (!(await q.findPool(ctx.db, actor.org.id, id))) throw AppError.notFound('Pool');
  await q.deletePool(ctx.db, id);
  return { ok: true as const };
}

async function candidateAvailability(ctx: Ctx, applicationId: string) {
  const windows = await q.windowsOf(ctx.db, applicationId);
  const links = await q.linksOf(ctx.db, applicationId);
  return {
    windows: windows.map((w) => ({ id: w.id, startsAt: w.startsAt.toISOString(), endsAt: w.endsAt.toISOString(), timeZone: w.timeZone, source: w.source })),
    links: links.map((l) => ({ id: l.id, expiresAt: l.expiresAt.toISOString(), usedAt: l.usedAt?.toISOString() ?? null, createdAt: l.createdAt.toISOString() })),
  };
}

function validateWindows(ctx: Ctx, windows: { startsAt: string; endsAt: string }[]) {
  const now = ctx.clock.now().getTime();
  const issues: FieldIssue[] = [];
  const out = windows.map((w, i) => {
    const s = new Date(w.startsAt);
    const e = new Date(w.endsAt);
    if (e <= s) issues.push({ path: `windows.${i}.endsAt`, message: 'A window must end after it starts' });
    else if (e.getTime() - s.getTime() > 14 * DAY) issues.push({ path: `windows.${i}.endsAt`, message: 'A window lasts at most 14 days' });
    if (e.getTime() < now) issues.push({ path: `windows.${i}.endsAt`, message: 'This window is in the past' });
    if (s.getTime() > now + 180 * DAY) issues.push({ path: `windows.${i}.startsAt`, message: 'More than six months ahead' });
    return { startsAt: s, endsAt: e };
  });
  if (issues.length) throw AppError.invalid('Some availability windows are not valid', issues);
  return out;
}

export async function getCandidateAvailability(ctx: Ctx, applicationId: string) {
  await requireApplication(ctx, applicationId, 'manage');
  return candidateAvailability(ctx, applicationId);
}

export async function saveCandidateAvailability(ctx: Ctx, applicationId: string, input: { timeZone: string; windows: { startsAt: string; endsAt: string }[] }) {
  const windows = validateWindows(ctx, input.windows);
  return inTransaction(ctx, async (tx) => {
    const { actor } = await requireApplication(tx, applicationId, 'manage');
    await q.replaceWindows(tx.db, actor.org.id, applicationId, 'recruiter', input.timeZone, windows, tx.clock.now(), randomUUID);
    await audit(tx, 'candidate.availability_saved', { type: 'application', id: applicationId }, { windows: windows.length, source: 'recruiter' });
    return candidateAvailability(tx, applicationId);
  });
}

export async function createAvailabilityLink(ctx: Ctx, applicationId: string) {
  return inTransaction(ctx, async (tx) => {
    const { actor, app } = await requireApplication(tx, applicationId, 'manage');
    const token = randomBytes(24).toString('base64url');
    const expiresAt = new Date(tx.clock.now().getTime() + LINK_DAYS * DAY);
    await q.insertLink(tx.db, { id: randomUUID(), orgId: actor.org.id, applicationId, tokenHash: sha256(token), expiresAt, createdBy: actor.userId, now: tx.clock.now() });
    await audit(tx, 'candidate.availability_link_created', { type: 'application', id: applicationId }, {});
    const url = `${tx.baseUrl}/availability-links/${token}`;
    const org = { name: await q.orgName(tx.db, actor.org.id) };
    await queueEmail(tx, {
      to: app.candidateEmail,
      subject: `${org.name}: when can you interview for ${app.jobTitle}?`,
      text: `Hello ${app.candidateName},\n\nPlease tell us when you are available for interviews for ${app.jobTitle}. The link works once and until ${expiresAt.toUTCString()}; no account is needed:\n\n${url}\n\n— ${org.name}`,
      kind: 'availability_request',
      orgId: actor.org.id,
      recipientUserId: null,
    });
    return { url, expiresAt: expiresAt.toISOString() };
  });
}

async function usableLink(ctx: Ctx, token: string, forUpdate = false) {
  const link = await q.findLinkByHash(ctx.db, sha256(token), forUpdate);
  if (!link) throw AppError.notFound('Availability link');
  if (link.usedAt) throw AppError.conflict('This link was already used; ask the recruiter for a new one if your availability changed');
  if (link.expiresAt.getTime() <= ctx.clock.now().getTime()) throw AppError.conflict('This link has expired; ask the recruiter for a new one');
  return link;
}

export async function readAvailabilityLink(ctx: Ctx, token: string) {
  const link = await usableLink(ctx, token);
  return { candidateName: link.candidateName, jobTitle: link.jobTitle, organization: link.orgName, expiresAt: link.expiresAt.toISOString() };
}

export async function submitAvailabilityLink(ctx: Ctx, token: string, input: { timeZone: string; windows: { startsAt: string; endsAt: string }[] }) {
  const windows = validateWindows(ctx, input.windows);
  if (windows.length === 0) throw AppError.invalid('Add at least one time', [{ path: 'windows', message: 'No times given' }]);
  return inTransaction(ctx, async (tx) => {
    const link = await usableLink(tx, token, true);
    await q.replaceWindows(tx.db, link.orgId, link.applicationId, 'candidate', input.timeZone, windows, tx.clock.now(), randomUUID);
    await q.markLinkUsed(tx.db, link.id, tx.clock.now());
    await audit({ ...tx, actor: null }, 'candidate.availability_saved', { type: 'application', id: link.applicationId }, { windows: windows.length, source: 'candidate' }, link.orgId);
    return { saved: windows.length };
  });
}

/** Loop slot search over the organization's data: availability, existing interviews, pools, limits, candidate windows. */
export async function searchSchedules(ctx: Ctx, applicationId: string, req: SearchRequest) {
  const { actor, app } = await requireApplication(ctx, applicationId, 'manage');
  const plan = await planBodyOf(ctx, actor.org.id, app.planId);
  const issues: FieldIssue[] = [];
  req.rounds.forEach((r, i) => {
    if (!plan.body.rounds.some((x) => x.id === r.roundId)) issues.push({ path: `rounds.${i}.roundId`, message: `The interview plan has no round "${r.roundId}"` });
    if (r.interviewerIds.length === 0 && !r.poolId) issues.push({ path: `rounds.${i}.interviewerIds`, message: 'Choose interviewers or a pool' });
  });
  const pools = new Map((await q.listPools(ctx.db, actor.org.id)).map((p) => [p.id, p]));
  req.rounds.forEach((r, i) => {
    if (r.poolId && !pools.has(r.poolId)) issues.push({ path: `rounds.${i}.poolId`, message: 'No such pool' });
  });
  const named = [...new Set(req.rounds.flatMap((r) => r.interviewerIds))];
  const members = await openQ.memberIds(ctx.db, actor.org.id, named);
  req.rounds.forEach((r, i) => r.interviewerIds.forEach((u, j) => !members.has(u) && issues.push({ path: `rounds.${i}.interviewerIds.${j}`, message: 'Not a member of this organization' })));
  if (issues.length) throw AppError.invalid('The scheduling request is not valid', issues);

  const windows = await q.windowsOf(ctx.db, applicationId);
  const zone = windows[0]?.timeZone ?? 'UTC';
  const userIds = [...new Set([...named, ...req.rounds.flatMap((r) => (r.poolId ? pools.get(r.poolId)!.members.map((m) => m.userId) : []))])];
  const from = new Date(Date.parse(`${req.horizon.start}T00:00:00Z`) - 2 * DAY);
  const to = new Date(from.getTime() + (req.horizon.days + 4) * DAY);
  const profiles = new Map((await q.profilesOf(ctx.db, actor.org.id, userIds)).map((p) => [p.userId, p]));
  const busy = await q.busyOf(ctx.db, actor.org.id, userIds, from, to);
  // Load counts the weeks around the horizon too, so weekly limits see earlier bookings of the same week.
  const booked = await q.interviewsOfUsers(ctx.db, actor.org.id, userIds, new Date(from.getTime() - 7 * DAY), new Date(to.getTime() + 7 * DAY));
  const names = await q.userNames(ctx.db, userIds);
  const interviewers: InterviewerInput[] = userIds.map((id) => {
    const p = profiles.get(id);
    const tz = p?.timeZone ?? 'UTC';
    const perDay: Record<string, number> = {};
    const perWeek: Record<string, number> = {};
    for (const b of booked.filter((x) => x.userId === id)) {
      const d = localDate(tz, b.startsAt.getTime());
      perDay[d] = (perDay[d] ?? 0) + 1;
      const w = isoWeekOf(d);
      perWeek[w] = (perWeek[w] ?? 0) + 1;
    }
    return {
      id,
      zone: tz,
      workingHours: Object.fromEntries(Object.entries(p?.workingHours ?? DEFAULT_HOURS).map(([k, v]) => [Number(k), v])) as InterviewerInput['workingHours'],
      busy: [...busy.filter((b) => b.userId === id), ...booked.filter((b) => b.userId === id)].map((b) => ({ start: b.startsAt.getTime(), end: b.endsAt.getTime() })),
      ...(p?.maxPerDay ? { maxPerDay: p.maxPerDay } : {}),
      ...(p?.maxPerWeek ? { maxPerWeek: p.maxPerWeek } : {}),
      existingPerDay: perDay,
      existingPerWeek: perWeek,
    };
  });
  const request: LoopRequest = {
    rounds: req.rounds.map((r) => {
      const round = plan.body.rounds.find((x) => x.id === r.roundId)!;
      const pool = r.poolId ? pools.get(r.poolId)! : null;
      return {
        id: r.roundId,
        name: round.name,
        minutes: round.minutes,
        interviewers: r.interviewerIds,
        ...(pool ? { pools: [{ name: pool.name, members: pool.members.filter((m) => m.status === 'trained').map((m) => m.userId), count: r.count }] } : {}),
        ...(pool && r.withShadows ? { shadows: { members: pool.members.filter((m) => m.status !== 'trained').map((m) => m.userId), count: 1 } } : {}),
      };
    }),
    interviewers,
    candidate: { zone, windows: windows.map((w) => ({ start: w.startsAt.getTime(), end: w.endsAt.getTime() })) },
    horizon: { start: req.horizon.start, days: req.horizon.days },
    sameDay: req.sameDay,
    ...(req.maxDays ? { maxDays: req.maxDays } : {}),
    order: req.order,
    minGapMinutes: req.minGapMinutes,
    maxGapMinutes: req.maxGapMinutes,
    limit: req.limit,
  };
  const result = findSchedules(request);
  const person = (id: string) => ({ userId: id, name: names.get(id) ?? id });
  const roundNameOf = (id: string) => plan.body.rounds.find((r) => r.id === id)?.name ?? id;
  const explanation = windows.length === 0 && result.schedules.length === 0 ? ['The candidate has no availability windows yet: add them, or send the candidate the availability link.'] : result.explanation.map((line) => userIds.reduce((s, id) => s.replaceAll(id, names.get(id) ?? id), line));
  return {
    timeZone: zone,
    schedules: result.schedules.map((s) => ({
      rounds: s.rounds.map((r) => ({ roundId: r.roundId, roundName: roundNameOf(r.roundId), startsAt: new Date(r.start).toISOString(), endsAt: new Date(r.end).toISOString(), interviewers: r.interviewers.map(person), shadows: (r.shadows ?? []).map(person) })),
      score: s.score,
      days: s.days,
      gapMinutes: s.gapMinutes,
    })),
    explanation,
  };
}

/** Books a loop: one interview per round (invites go out as each is created); a panel member now busy answers 409. */
export async function bookSchedule(
  ctx: Ctx,
  applicationId: string,
  input: { rounds: { roundId: string; startsAt: string; endsAt: string; interviewerIds: string[]; shadowIds: string[] }[]; timeZone: string; location: string },
) {
  requireRole(ctx, SCHEDULERS);
  return inTransaction(ctx, async (tx) => {
    const { actor } = await requireApplication(tx, applicationId, 'manage', true);
    const ids: string[] = [];
    for (const [i, r] of input.rounds.entries()) {
      const clash = await q.interviewsOfUsers(tx.db, actor.org.id, r.interviewerIds, new Date(r.startsAt), new Date(r.endsAt));
      if (clash.length) {
        const who = (await q.userNames(tx.db, [clash[0]!.userId])).get(clash[0]!.userId) ?? 'An interviewer';
        throw AppError.conflict(`${who} has another interview at that time now; search again`, { round: i });
      }
      const iv = await createInterview(tx, applicationId, { roundId: r.roundId, interviewerIds: r.interviewerIds, shadowIds: r.shadowIds, startsAt: r.startsAt, endsAt: r.endsAt, timeZone: input.timeZone, location: input.location });
      ids.push(iv.id);
    }
    await audit(tx, 'interviews.booked', { type: 'application', id: applicationId }, { interviews: ids.length });
    return { interviewIds: ids };
  });
}

export async function interviewIcs(ctx: Ctx, id: string): Promise<FileBody> {
  const { row } = await requireInterview(ctx, id);
  const { iv, name, base } = await interviewEvent(ctx, id, row.status === 'cancelled' ? 'CANCEL' : 'REQUEST');
  const kit = `${ctx.baseUrl}/interviews/${id}/kit`;
  return { contentType: 'text/calendar; charset=utf-8', fileName: `interview-${id.slice(0, 8)}.ics`, body: writeIcs({ ...base, summary: `Interview: ${iv.candidateName} — ${name} (${iv.jobTitle})`, description: `Interview kit: ${kit}`, url: kit }) };
}

export async function createCalendarFeed(ctx: Ctx) {
  const actor = requireMember(ctx);
  const token = randomBytes(24).toString('base64url');
  await q.setFeedToken(ctx.db, actor.org.id, actor.userId, sha256(token), ctx.clock.now());
  await audit(ctx, 'calendar_feed.created', { type: 'user', id: actor.userId }, {});
  return { url: `${ctx.baseUrl}/api/v1/calendar-feeds/${token}` };
}

export async function revokeCalendarFeed(ctx: Ctx) {
  const actor = requireMember(ctx);
  await q.deleteFeedToken(ctx.db, actor.org.id, actor.userId);
  await audit(ctx, 'calendar_feed.revoked', { type: 'user', id: actor.userId }, {});
  return { ok: true as const };
}

export async function calendarFeed(ctx: Ctx, token: string): Promise<FileBody> {
  const feed = await q.findFeedByHash(ctx.db, sha256(token));
  if (!feed) throw AppError.notFound('Calendar feed');
  const ids = await q.upcomingInterviewIds(ctx.db, feed.orgId, feed.userId, new Date(ctx.clock.now().getTime() - 7 * DAY));
  const events = [];
  for (const id of ids) {
    const { iv, name, base } = await interviewEvent({ ...ctx, actor: null }, id, 'REQUEST');
    const kit = `${ctx.baseUrl}/interviews/${id}/kit`;
    const { method: _m, ...rest } = base;
    events.push({ ...rest, summary: `Interview: ${iv.candidateName} — ${name} (${iv.jobTitle})`, description: `Interview kit: ${kit}`, url: kit });
  }
  return { contentType: 'text/calendar; charset=utf-8', fileName: 'interviews.ics', body: writeIcsFeed(`Rubric interviews — ${feed.name}`, events), disposition: 'inline' };
}
