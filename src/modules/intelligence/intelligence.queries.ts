import { sql } from 'kysely';
import type { Db } from '../../server/db/connect.ts';

// ---- Consents ----

const consentColumns = ['c.id', 'c.candidateId', 'c.interviewId', 'c.kind', 'c.wordingVersion', 'c.givenAt', 'c.withdrawnAt', 'u.name as recordedByName'] as const;

export async function consentsOfInterview(db: Db, orgId: string, interviewId: string) {
  return db
    .selectFrom('consents as c')
    .leftJoin('users as u', 'u.id', 'c.recordedBy')
    .select(consentColumns)
    .where('c.orgId', '=', orgId)
    .where('c.interviewId', '=', interviewId)
    .orderBy('c.givenAt', 'desc')
    .execute();
}
export type ConsentRow = Awaited<ReturnType<typeof consentsOfInterview>>[number];

export async function findConsent(db: Db, orgId: string, id: string) {
  return db.selectFrom('consents as c').leftJoin('users as u', 'u.id', 'c.recordedBy').select(consentColumns).where('c.orgId', '=', orgId).where('c.id', '=', id).executeTakeFirst();
}

export async function insertConsent(
  db: Db,
  c: { id: string; orgId: string; candidateId: string; interviewId: string | null; kind: 'recording' | 'demographics'; wordingVersion: string; givenAt: Date; recordedBy: string | null; now: Date },
) {
  await db
    .insertInto('consents')
    .values({ id: c.id, orgId: c.orgId, candidateId: c.candidateId, interviewId: c.interviewId, kind: c.kind, wordingVersion: c.wordingVersion, givenAt: c.givenAt, recordedBy: c.recordedBy, createdAt: c.now })
    .execute();
}

export async function withdrawConsent(db: Db, id: string, at: Date) {
  await db.updateTable('consents').set({ withdrawnAt: at }).where('id', '=', id).where('withdrawnAt', 'is', null).execute();
}

/** Withdrawn demographics consent: the candidate's answers go (DECISIONS 27, 35). */
export async function deleteDemographicsOf(db: Db, orgId: string, candidateId: string): Promise<boolean> {
  const r = await db.deleteFrom('demographics').where('orgId', '=', orgId).where('candidateId', '=', candidateId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

// ---- Transcripts ----

export async function findTranscript(db: Db, orgId: string, interviewId: string) {
  return db
    .selectFrom('transcripts as t')
    .leftJoin('users as u', 'u.id', 't.uploadedBy')
    .select(['t.id', 't.interviewId', 't.fileName', 't.format', 't.cues', 't.warnings', 't.speakerMap', 't.analysis', 't.engineVersion', 't.updatedAt', 'u.name as uploadedByName'])
    .where('t.orgId', '=', orgId)
    .where('t.interviewId', '=', interviewId)
    .executeTakeFirst();
}
export type TranscriptRow = NonNullable<Awaited<ReturnType<typeof findTranscript>>>;

export async function deleteTranscriptOf(db: Db, orgId: string, interviewId: string): Promise<boolean> {
  const r = await db.deleteFrom('transcripts').where('orgId', '=', orgId).where('interviewId', '=', interviewId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function insertTranscript(
  db: Db,
  t: { id: string; orgId: string; interviewId: string; fileName: string; format: 'vtt' | 'srt' | 'text' | 'json'; cues: unknown[]; warnings: unknown[]; speakerMap: unknown[]; analysis: unknown; engineVersion: string; uploadedBy: string | null; now: Date },
) {
  await db
    .insertInto('transcripts')
    .values({
      id: t.id,
      orgId: t.orgId,
      interviewId: t.interviewId,
      fileName: t.fileName,
      format: t.format,
      cues: JSON.stringify(t.cues),
      warnings: JSON.stringify(t.warnings),
      speakerMap: JSON.stringify(t.speakerMap),
      analysis: JSON.stringify(t.analysis),
      engineVersion: t.engineVersion,
      uploadedBy: t.uploadedBy,
      createdAt: t.now,
      updatedAt: t.now,
    })
    .execute();
}

export async function saveAnalysis(db: Db, id: string, a: { speakerMap: unknown[]; analysis: unknown; engineVersion: string }, now: Date) {
  await db
    .updateTable('transcripts')
    .set({ speakerMap: JSON.stringify(a.speakerMap), analysis: JSON.stringify(a.analysis), engineVersion: a.engineVersion, updatedAt: now })
    .where('id', '=', id)
    .execute();
}

export async function insertTurns(db: Db, orgId: string, transcriptId: string, turns: { index: number; speaker: string | null; startMs: number; endMs: number; text: string }[]) {
  for (let i = 0; i < turns.length; i += 500) {
    const chunk = turns.slice(i, i + 500);
    await db
      .insertInto('transcriptTurns')
      .values(chunk.map((t) => ({ transcriptId, orgId, idx: t.index, speaker: t.speaker, startMs: Math.round(t.startMs), endMs: Math.round(t.endMs), text: t.text })))
      .execute();
  }
}

/** The interview's people and round, for mapping speakers and for the analysis. */
export async function interviewFacts(db: Db, orgId: string, interviewId: string) {
  return db
    .selectFrom('interviews as i')
    .innerJoin('applications as a', 'a.id', 'i.applicationId')
    .innerJoin('candidates as c', 'c.id', 'a.candidateId')
    .innerJoin('openings as o', 'o.id', 'a.openingId')
    .select(['i.id', 'i.roundId', 'i.applicationId', 'c.id as candidateId', 'c.name as candidateName', 'o.id as openingId', 'o.planId'])
    .where('i.orgId', '=', orgId)
    .where('i.id', '=', interviewId)
    .executeTakeFirst();
}

export async function panelNames(db: Db, interviewId: string) {
  return db
    .selectFrom('interviewInterviewers as ii')
    .innerJoin('users as u', 'u.id', 'ii.userId')
    .select(['u.id', 'u.name', 'ii.seat'])
    .where('ii.interviewId', '=', interviewId)
    .orderBy('u.name')
    .execute();
}

/**
 * Full-text search over turns, newest transcript first then by time, limited to what `visibleTo`
 * may see (null: the whole organization): interviews they sit on and jobs they manage.
 */
export async function searchTurns(db: Db, orgId: string, o: { q: string; visibleTo: string | null; limit: number; offset: number }) {
  const query = sql`websearch_to_tsquery('english', ${o.q})`;
  let qb = db
    .selectFrom('transcriptTurns as tt')
    .innerJoin('transcripts as t', 't.id', 'tt.transcriptId')
    .innerJoin('interviews as i', 'i.id', 't.interviewId')
    .innerJoin('applications as a', 'a.id', 'i.applicationId')
    .innerJoin('candidates as c', 'c.id', 'a.candidateId')
    .innerJoin('openings as o', 'o.id', 'a.openingId')
    .select([
      'i.id as interviewId',
      'a.id as applicationId',
      'c.name as candidateName',
      'o.title as jobTitle',
      'i.roundId',
      'o.planId',
      'tt.speaker',
      'tt.startMs',
      'tt.idx as turnIndex',
      sql<string>`ts_headline('english', tt.text, ${query}, 'StartSel=«, StopSel=», MaxWords=40, MinWords=15')`.as('snippet'),
    ])
    .where('tt.orgId', '=', orgId)
    .where(sql<boolean>`tt.search @@ ${query}`)
    .orderBy('t.updatedAt', 'desc')
    .orderBy('t.id')
    .orderBy('tt.idx')
    .limit(o.limit + 1)
    .offset(o.offset);
  if (o.visibleTo) {
    const user = o.visibleTo;
    qb = qb.where((eb) =>
      eb.or([
        eb.exists(eb.selectFrom('interviewInterviewers as ii').select('ii.userId').whereRef('ii.interviewId', '=', 'i.id').where('ii.userId', '=', user)),
        eb.exists(
          eb.selectFrom('openingTeam as ot').select('ot.userId').whereRef('ot.openingId', '=', 'o.id').where('ot.userId', '=', user).where('ot.teamRole', 'in', ['hiring_manager', 'recruiter']),
        ),
      ]),
    );
  }
  return qb.execute();
}
