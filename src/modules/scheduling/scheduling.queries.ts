import type { Db } from '../../server/db/connect.ts';

export async function userNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((u) => [u.id, u.name]));
}

export async function orgName(db: Db, orgId: string): Promise<string> {
  return (await db.selectFrom('organizations').select('name').where('id', '=', orgId).executeTakeFirstOrThrow()).name;
}

export async function findProfile(db: Db, orgId: string, userId: string) {
  return db.selectFrom('availabilityProfiles').selectAll().where('orgId', '=', orgId).where('userId', '=', userId).executeTakeFirst();
}

export async function profilesOf(db: Db, orgId: string, userIds: string[]) {
  if (userIds.length === 0) return [];
  return db.selectFrom('availabilityProfiles').selectAll().where('orgId', '=', orgId).where('userId', 'in', userIds).execute();
}

export async function upsertProfile(
  db: Db,
  p: { orgId: string; userId: string; timeZone: string; workingHours: Record<string, [number, number][]>; maxPerDay: number | null; maxPerWeek: number | null; feedUrl: string | null; now: Date },
) {
  const { now, workingHours, ...row } = p;
  const values = { ...row, workingHours: JSON.stringify(workingHours), updatedAt: now };
  await db
    .insertInto('availabilityProfiles')
    .values(values)
    .onConflict((oc) => oc.columns(['orgId', 'userId']).doUpdateSet({ timeZone: row.timeZone, workingHours: values.workingHours, maxPerDay: row.maxPerDay, maxPerWeek: row.maxPerWeek, feedUrl: row.feedUrl, updatedAt: now }))
    .execute();
}

export async function markFeedFetched(db: Db, orgId: string, userId: string, now: Date) {
  await db.updateTable('availabilityProfiles').set({ feedFetchedAt: now }).where('orgId', '=', orgId).where('userId', '=', userId).execute();
}

export async function busyOf(db: Db, orgId: string, userIds: string[], from: Date, to: Date) {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('busyBlocks')
    .select(['id', 'userId', 'source', 'startsAt', 'endsAt'])
    .where('orgId', '=', orgId)
    .where('userId', 'in', userIds)
    .where('endsAt', '>', from)
    .where('startsAt', '<', to)
    .orderBy('startsAt')
    .execute();
}

export async function replaceBusy(db: Db, orgId: string, userId: string, source: 'ics' | 'feed', blocks: { start: number; end: number }[], now: Date, ids: () => string) {
  await db.deleteFrom('busyBlocks').where('orgId', '=', orgId).where('userId', '=', userId).where('source', '=', source).execute();
  for (let i = 0; i < blocks.length; i += 500) {
    const chunk = blocks.slice(i, i + 500);
    await db
      .insertInto('busyBlocks')
      .values(chunk.map((b) => ({ id: ids(), orgId, userId, source, startsAt: new Date(b.start), endsAt: new Date(b.end), createdAt: now })))
      .execute();
  }
}

export async function insertBusy(db: Db, b: { id: string; orgId: string; userId: string; startsAt: Date; endsAt: Date; now: Date }) {
  const { now, ...row } = b;
  await db.insertInto('busyBlocks').values({ ...row, source: 'manual', createdAt: now }).execute();
}

export async function deleteBusy(db: Db, orgId: string, userId: string, id: string) {
  const r = await db.deleteFrom('busyBlocks').where('orgId', '=', orgId).where('userId', '=', userId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Scheduled interviews of these users overlapping [from, to): busy time and load. */
export async function interviewsOfUsers(db: Db, orgId: string, userIds: string[], from: Date, to: Date) {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('interviews as i')
    .innerJoin('interviewInterviewers as ii', 'ii.interviewId', 'i.id')
    .select(['ii.userId', 'i.startsAt', 'i.endsAt'])
    .where('i.orgId', '=', orgId)
    .where('ii.userId', 'in', userIds)
    .where('i.status', '=', 'scheduled')
    .where('i.endsAt', '>', from)
    .where('i.startsAt', '<', to)
    .execute();
}

export async function listPools(db: Db, orgId: string) {
  const pools = await db.selectFrom('interviewerPools').selectAll().where('orgId', '=', orgId).orderBy('name').execute();
  const members = pools.length
    ? await db
        .selectFrom('poolMembers as m')
        .innerJoin('users as u', 'u.id', 'm.userId')
        .select(['m.poolId', 'm.userId', 'm.status', 'u.name'])
        .where(
          'm.poolId',
          'in',
          pools.map((p) => p.id),
        )
        .orderBy('u.name')
        .execute()
    : [];
  return pools.map((p) => ({ ...p, members: members.filter((m) => m.poolId === p.id) }));
}

export async function findPool(db: Db, orgId: string, id: string) {
  return db.selectFrom('interviewerPools').selectAll().where('orgId', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export async function poolNameTaken(db: Db, orgId: string, name: string, exceptId: string | null) {
  let q = db.selectFrom('interviewerPools').select('id').where('orgId', '=', orgId).where('name', '=', name);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return !!(await q.executeTakeFirst());
}

export async function savePool(db: Db, p: { id: string; orgId: string; name: string; now: Date; isNew: boolean }, members: { userId: string; status: 'trained' | 'shadowing' | 'reverse_shadowing' }[]) {
  if (p.isNew) await db.insertInto('interviewerPools').values({ id: p.id, orgId: p.orgId, name: p.name, createdAt: p.now }).execute();
  else await db.updateTable('interviewerPools').set({ name: p.name }).where('id', '=', p.id).execute();
  await db.deleteFrom('poolMembers').where('poolId', '=', p.id).execute();
  if (members.length) await db.insertInto('poolMembers').values(members.map((m) => ({ poolId: p.id, ...m }))).execute();
}

export async function deletePool(db: Db, id: string) {
  await db.deleteFrom('interviewerPools').where('id', '=', id).execute();
}

export async function windowsOf(db: Db, applicationId: string) {
  return db.selectFrom('candidateWindows').selectAll().where('applicationId', '=', applicationId).orderBy('startsAt').execute();
}

export async function replaceWindows(db: Db, orgId: string, applicationId: string, source: 'recruiter' | 'candidate', timeZone: string, windows: { startsAt: Date; endsAt: Date }[], now: Date, ids: () => string) {
  await db.deleteFrom('candidateWindows').where('applicationId', '=', applicationId).where('source', '=', source).execute();
  if (windows.length) {
    await db
      .insertInto('candidateWindows')
      .values(windows.map((w) => ({ id: ids(), orgId, applicationId, startsAt: w.startsAt, endsAt: w.endsAt, timeZone, source, createdAt: now })))
      .execute();
  }
}

export async function linksOf(db: Db, applicationId: string) {
  return db.selectFrom('availabilityLinks').select(['id', 'expiresAt', 'usedAt', 'createdAt']).where('applicationId', '=', applicationId).orderBy('createdAt', 'desc').execute();
}

export async function insertLink(db: Db, l: { id: string; orgId: string; applicationId: string; tokenHash: string; expiresAt: Date; createdBy: string; now: Date }) {
  const { now, ...row } = l;
  await db.insertInto('availabilityLinks').values({ ...row, createdAt: now }).execute();
}

export async function findLinkByHash(db: Db, tokenHash: string, forUpdate = false) {
  let q = db
    .selectFrom('availabilityLinks as l')
    .innerJoin('applications as a', 'a.id', 'l.applicationId')
    .innerJoin('candidates as c', 'c.id', 'a.candidateId')
    .innerJoin('openings as o', 'o.id', 'a.openingId')
    .innerJoin('organizations as org', 'org.id', 'l.orgId')
    .select(['l.id', 'l.orgId', 'l.applicationId', 'l.expiresAt', 'l.usedAt', 'c.name as candidateName', 'o.title as jobTitle', 'org.name as orgName'])
    .where('l.tokenHash', '=', tokenHash);
  if (forUpdate) q = q.forUpdate('l');
  return q.executeTakeFirst();
}

export async function markLinkUsed(db: Db, id: string, now: Date) {
  await db.updateTable('availabilityLinks').set({ usedAt: now }).where('id', '=', id).execute();
}

export async function setFeedToken(db: Db, orgId: string, userId: string, tokenHash: string, now: Date) {
  await db
    .insertInto('calendarFeeds')
    .values({ orgId, userId, tokenHash, createdAt: now })
    .onConflict((oc) => oc.columns(['orgId', 'userId']).doUpdateSet({ tokenHash, createdAt: now }))
    .execute();
}

export async function deleteFeedToken(db: Db, orgId: string, userId: string) {
  await db.deleteFrom('calendarFeeds').where('orgId', '=', orgId).where('userId', '=', userId).execute();
}

export async function findFeedByHash(db: Db, tokenHash: string) {
  return db
    .selectFrom('calendarFeeds as f')
    .innerJoin('memberships as m', (j) => j.onRef('m.orgId', '=', 'f.orgId').onRef('m.userId', '=', 'f.userId'))
    .innerJoin('users as u', 'u.id', 'f.userId')
    .select(['f.orgId', 'f.userId', 'u.name'])
    .where('f.tokenHash', '=', tokenHash)
    .executeTakeFirst();
}

export async function upcomingInterviewIds(db: Db, orgId: string, userId: string, from: Date) {
  const rows = await db
    .selectFrom('interviews as i')
    .innerJoin('interviewInterviewers as ii', 'ii.interviewId', 'i.id')
    .select('i.id')
    .where('i.orgId', '=', orgId)
    .where('ii.userId', '=', userId)
    .where('i.status', '=', 'scheduled')
    .where('i.endsAt', '>', from)
    .orderBy('i.startsAt')
    .limit(500)
    .execute();
  return rows.map((r) => r.id);
}
