import type { Db } from '../../server/db/connect.ts';
import type { DemographicAgeBand, DemographicRace, DemographicSex } from '../../server/db/schema.ts';

/** All SQL of self-identified demographics (DECISIONS 35): the demographics table and its single-use links. */

export async function candidateInOrg(db: Db, orgId: string, candidateId: string) {
  return db.selectFrom('candidates').select(['id', 'name', 'email']).where('orgId', '=', orgId).where('id', '=', candidateId).executeTakeFirst();
}

export async function orgName(db: Db, orgId: string): Promise<string> {
  return (await db.selectFrom('organizations').select('name').where('id', '=', orgId).executeTakeFirstOrThrow()).name;
}

export async function findDemographics(db: Db, orgId: string, candidateId: string) {
  return db
    .selectFrom('demographics as d')
    .leftJoin('consents as c', 'c.id', 'd.consentId')
    .select(['d.candidateId', 'd.sex', 'd.raceEthnicity', 'd.ageBand', 'd.source', 'd.submittedAt', 'c.wordingVersion'])
    .where('d.orgId', '=', orgId)
    .where('d.candidateId', '=', candidateId)
    .executeTakeFirst();
}

export interface DemographicsRow {
  candidateId: string;
  orgId: string;
  sex: DemographicSex;
  raceEthnicity: DemographicRace;
  ageBand: DemographicAgeBand;
  consentId: string;
  source: 'form' | 'link' | 'import';
}

/** One row per candidate: a later submission replaces the answers (the earlier consent rows stay). */
export async function upsertDemographics(db: Db, r: DemographicsRow, now: Date) {
  await db
    .insertInto('demographics')
    .values({ ...r, submittedAt: now, createdAt: now, updatedAt: now })
    .onConflict((oc) =>
      oc
        .column('candidateId')
        .doUpdateSet({ sex: r.sex, raceEthnicity: r.raceEthnicity, ageBand: r.ageBand, consentId: r.consentId, source: r.source, submittedAt: now, updatedAt: now })
        .where('demographics.orgId', '=', r.orgId),
    )
    .execute();
}

export async function insertLink(db: Db, l: { id: string; orgId: string; candidateId: string; tokenHash: string; expiresAt: Date; createdBy: string | null; now: Date }) {
  await db
    .insertInto('demographicLinks')
    .values({ id: l.id, orgId: l.orgId, candidateId: l.candidateId, tokenHash: l.tokenHash, expiresAt: l.expiresAt, createdBy: l.createdBy, createdAt: l.now })
    .execute();
}

export async function findLinkByHash(db: Db, tokenHash: string, forUpdate = false) {
  let q = db
    .selectFrom('demographicLinks as l')
    .innerJoin('candidates as c', (j) => j.onRef('c.id', '=', 'l.candidateId').onRef('c.orgId', '=', 'l.orgId'))
    .innerJoin('organizations as org', 'org.id', 'l.orgId')
    .select(['l.id', 'l.orgId', 'l.candidateId', 'l.expiresAt', 'l.usedAt', 'l.createdBy', 'c.name as candidateName', 'org.name as orgName'])
    .where('l.tokenHash', '=', tokenHash);
  if (forUpdate) q = q.forUpdate('l');
  return q.executeTakeFirst();
}

export async function markLinkUsed(db: Db, id: string, now: Date) {
  await db.updateTable('demographicLinks').set({ usedAt: now }).where('id', '=', id).execute();
}
