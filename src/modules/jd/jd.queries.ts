import type { Db } from '../../server/db/connect.ts';

export async function findJd(db: Db, orgId: string, openingId: string, forUpdate = false) {
  let q = db
    .selectFrom('jobDescriptions as j')
    .leftJoin('documents as d', 'd.id', 'j.documentId')
    .leftJoin('documentVersions as pv', 'pv.id', 'j.publishedVersionId')
    .leftJoin('users as u', 'u.id', 'j.publishedBy')
    .select([
      'j.openingId',
      'j.documentId',
      'd.currentVersionId',
      'j.publishedVersionId',
      'j.publishedAt',
      'j.validThrough',
      'j.employmentType',
      'pv.number as publishedNumber',
      'u.name as publishedByName',
    ])
    .where('j.orgId', '=', orgId)
    .where('j.openingId', '=', openingId);
  if (forUpdate) q = q.forUpdate('j');
  return q.executeTakeFirst();
}
export type JdRow = NonNullable<Awaited<ReturnType<typeof findJd>>>;

export async function insertJd(db: Db, r: { openingId: string; orgId: string; documentId: string; now: Date }) {
  await db.insertInto('jobDescriptions').values({ openingId: r.openingId, orgId: r.orgId, documentId: r.documentId, createdAt: r.now, updatedAt: r.now }).execute();
}

export async function setPublication(
  db: Db,
  openingId: string,
  p: { versionId: string; by: string | null; validThrough: string | null; employmentType: string } | null,
  now: Date,
) {
  await db
    .updateTable('jobDescriptions')
    .set(
      p
        ? { publishedVersionId: p.versionId, publishedAt: now, publishedBy: p.by, validThrough: p.validThrough, employmentType: p.employmentType, updatedAt: now }
        : { publishedVersionId: null, publishedAt: null, publishedBy: null, updatedAt: now },
    )
    .where('openingId', '=', openingId)
    .execute();
}

export async function touchJd(db: Db, openingId: string, now: Date) {
  await db.updateTable('jobDescriptions').set({ updatedAt: now }).where('openingId', '=', openingId).execute();
}

/** The settings of the organization's most recently saved generated description (to prefill the next one). */
export async function lastSettingsBody(db: Db, orgId: string) {
  return db
    .selectFrom('jobDescriptions as j')
    .innerJoin('documents as d', 'd.id', 'j.documentId')
    .innerJoin('documentVersions as v', 'v.id', 'd.currentVersionId')
    .select('v.body')
    .where('j.orgId', '=', orgId)
    .orderBy('j.updatedAt', 'desc')
    .limit(5)
    .execute();
}

export async function orgBySlug(db: Db, slug: string) {
  return db.selectFrom('organizations').select(['id', 'name', 'slug']).where('slug', '=', slug).executeTakeFirst();
}

export async function orgName(db: Db, orgId: string) {
  return db.selectFrom('organizations').select(['name', 'slug']).where('id', '=', orgId).executeTakeFirstOrThrow();
}

/** Open, unarchived jobs with a published description, newest first. */
export async function publishedJobs(db: Db, orgId: string, openingId?: string) {
  let q = db
    .selectFrom('jobDescriptions as j')
    .innerJoin('openings as o', 'o.id', 'j.openingId')
    .innerJoin('documentVersions as v', 'v.id', 'j.publishedVersionId')
    .select(['o.id', 'o.title', 'o.location', 'o.remotePolicy', 'o.roleId', 'o.orgRoleId', 'o.stages', 'j.publishedAt', 'j.validThrough', 'j.employmentType', 'v.body'])
    .where('j.orgId', '=', orgId)
    .where('o.status', '=', 'open')
    .where('o.archivedAt', 'is', null)
    .where('j.publishedVersionId', 'is not', null)
    .orderBy('j.publishedAt', 'desc');
  if (openingId) q = q.where('o.id', '=', openingId);
  return q.execute();
}

/** Current version (number, body) and publication of several jobs' descriptions. */
export async function overviewRows(db: Db, orgId: string, openingIds: string[]) {
  if (!openingIds.length) return [];
  return db
    .selectFrom('jobDescriptions as j')
    .innerJoin('documents as d', 'd.id', 'j.documentId')
    .innerJoin('documentVersions as v', 'v.id', 'd.currentVersionId')
    .leftJoin('documentVersions as pv', 'pv.id', 'j.publishedVersionId')
    .select(['j.openingId', 'v.number', 'v.body', 'j.updatedAt', 'j.publishedAt', 'pv.number as publishedNumber'])
    .where('j.orgId', '=', orgId)
    .where('j.openingId', 'in', openingIds)
    .execute();
}
