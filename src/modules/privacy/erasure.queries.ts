import { sql } from 'kysely';
import type { Db } from '../../server/db/connect.ts';

/**
 * The SQL of erasure and of the interview-data purge (DECISIONS 36). Every write returns the number
 * of rows it deleted or blanked, so the receipt can say what happened without holding any of it.
 * Raw statements keep their aliases single lower-case words (camel-case plugin).
 */

const affected = (r: { numAffectedRows?: bigint }) => Number(r.numAffectedRows ?? 0n);

/** Locks the candidate row for the rest of the transaction. */
export async function lockCandidate(db: Db, orgId: string, candidateId: string) {
  return db
    .selectFrom('candidates')
    .select(['id', 'name', 'email'])
    .where('orgId', '=', orgId)
    .where('id', '=', candidateId)
    .forUpdate()
    .executeTakeFirst();
}

export async function findLegalHold(db: Db, candidateId: string) {
  return db.selectFrom('legalHolds').select(['placedAt']).where('candidateId', '=', candidateId).executeTakeFirst();
}

export async function findRequest(db: Db, orgId: string, requestId: string) {
  return db
    .selectFrom('privacyRequests')
    .select(['id', 'candidateId', 'kind', 'status'])
    .where('orgId', '=', orgId)
    .where('id', '=', requestId)
    .forUpdate()
    .executeTakeFirst();
}

export async function completeRequest(db: Db, requestId: string, r: { resolvedBy: string | null; now: Date; receiptId: string }) {
  await db
    .updateTable('privacyRequests')
    .set({ status: 'completed', resolvedBy: r.resolvedBy, resolvedAt: r.now, resolutionNote: `Erased; receipt ${r.receiptId}`, receiptId: r.receiptId })
    .where('id', '=', requestId)
    .execute();
}

/** The ids erasure and purge work on: the candidate's applications, their interviews and scorecards. */
export async function subjectIds(db: Db, orgId: string, candidateId: string) {
  const apps = await db.selectFrom('applications').select('id').where('orgId', '=', orgId).where('candidateId', '=', candidateId).execute();
  const appIds = apps.map((a) => a.id);
  if (appIds.length === 0) return { appIds, interviewIds: [] as string[], scorecardIds: [] as string[] };
  const interviews = await db.selectFrom('interviews').select('id').where('applicationId', 'in', appIds).execute();
  const scorecards = await db.selectFrom('scorecards').select('id').where('applicationId', 'in', appIds).execute();
  return { appIds, interviewIds: interviews.map((i) => i.id), scorecardIds: scorecards.map((s) => s.id) };
}

const KEPT_TABLES = ['stage_moves', 'ratings', 'decisions', 'outcomes', 'scorecards', 'application_summaries'] as const;

/** Rows that stay, anonymized, with the applications (for the receipt's `kept`). */
export async function keptCounts(db: Db, appIds: string[]): Promise<Record<string, number>> {
  const kept: Record<string, number> = { applications: appIds.length };
  for (const t of KEPT_TABLES) kept[t] = 0;
  if (appIds.length === 0) return kept;
  const ids = sql.join(appIds);
  const r = await sql<{ moves: number; ratings: number; decisions: number; outcomes: number; scorecards: number; summaries: number }>`
    select
      (select count(*)::int from stage_moves where application_id in (${ids})) as moves,
      (select count(*)::int from ratings where application_id in (${ids})) as ratings,
      (select count(*)::int from decisions where application_id in (${ids})) as decisions,
      (select count(*)::int from outcomes where application_id in (${ids})) as outcomes,
      (select count(*)::int from scorecards where application_id in (${ids})) as scorecards,
      (select count(*)::int from application_summaries where application_id in (${ids})) as summaries`.execute(db);
  const row = r.rows[0]!;
  return {
    applications: appIds.length,
    stage_moves: row.moves,
    ratings: row.ratings,
    decisions: row.decisions,
    outcomes: row.outcomes,
    scorecards: row.scorecards,
    application_summaries: row.summaries,
  };
}

/** Detaches the applications from the person: surrogate subject id, erasure time, no rejection note. */
export async function anonymizeApplications(db: Db, appIds: string[], subjectId: string, now: Date) {
  if (appIds.length === 0) return { applications: 0, notes: 0 };
  const notes = await db.updateTable('applications').set({ rejectionNote: null }).where('id', 'in', appIds).where('rejectionNote', 'is not', null).executeTakeFirst();
  const apps = await db.updateTable('applications').set({ candidateId: null, erasedAt: now, subjectId, updatedAt: now }).where('id', 'in', appIds).executeTakeFirst();
  return { applications: Number(apps.numUpdatedRows), notes: Number(notes.numUpdatedRows) };
}

export async function blankStageMoveNotes(db: Db, appIds: string[]) {
  if (appIds.length === 0) return 0;
  const r = await db.updateTable('stageMoves').set({ note: null }).where('applicationId', 'in', appIds).where('note', 'is not', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export const ERASED_RATIONALE = '(erased)';

export async function blankDecisionRationales(db: Db, appIds: string[]) {
  if (appIds.length === 0) return 0;
  const r = await db.updateTable('decisions').set({ rationale: ERASED_RATIONALE }).where('applicationId', 'in', appIds).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function blankOutcomeNotes(db: Db, appIds: string[]) {
  if (appIds.length === 0) return 0;
  const r = await db.updateTable('outcomes').set({ note: null }).where('applicationId', 'in', appIds).where('note', 'is not', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function blankInterviewLocations(db: Db, interviewIds: string[]) {
  if (interviewIds.length === 0) return 0;
  const r = await db.updateTable('interviews').set({ location: '' }).where('id', 'in', interviewIds).where('location', '<>', '').executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * Scorecard bodies keep what the ratings need — the rating per competency, the per-question ratings
 * and the recommendation — and lose evidence, notes and red flags. The shape stays valid for
 * `scorecardBodySchema`. Their revisions (full earlier bodies) are deleted.
 */
export async function blankScorecards(db: Db, scorecardIds: string[]) {
  if (scorecardIds.length === 0) return { scorecards: 0, revisions: 0 };
  const ids = sql.join(scorecardIds);
  const cards = await sql`
    update scorecards set body = jsonb_build_object(
      'ratings', coalesce((select jsonb_object_agg(e.key, jsonb_build_object('rating', coalesce(e.value->'rating', 'null'::jsonb), 'evidence', ''))
                           from jsonb_each(case when jsonb_typeof(body->'ratings') = 'object' then body->'ratings' else '{}'::jsonb end) as e), '{}'::jsonb),
      'questionRatings', coalesce((select jsonb_agg(jsonb_build_object('index', qr.value->'index', 'questionRef', coalesce(qr.value->'questionRef', 'null'::jsonb), 'rating', qr.value->'rating'))
                           from jsonb_array_elements(case when jsonb_typeof(body->'questionRatings') = 'array' then body->'questionRatings' else '[]'::jsonb end) as qr), '[]'::jsonb),
      'recommendation', coalesce(body->'recommendation', 'null'::jsonb),
      'notes', '',
      'redFlags', '[]'::jsonb)
    where id in (${ids})`.execute(db);
  const revisions = await sql`delete from scorecard_revisions where scorecard_id in (${ids})`.execute(db);
  return { scorecards: affected(cards), revisions: affected(revisions) };
}

/** Transcripts of the interviews with their turns (and the turns' search vectors). */
export async function deleteTranscripts(db: Db, interviewIds: string[]) {
  if (interviewIds.length === 0) return { transcripts: 0, turns: 0 };
  const ids = sql.join(interviewIds);
  const turns = await sql`delete from transcript_turns where transcript_id in (select id from transcripts where interview_id in (${ids}))`.execute(db);
  const transcripts = await sql`delete from transcripts where interview_id in (${ids})`.execute(db);
  return { transcripts: affected(transcripts), turns: affected(turns) };
}

export async function deleteByApplications(db: Db, table: 'candidate_windows' | 'availability_links', appIds: string[]) {
  if (appIds.length === 0) return 0;
  return affected(await sql`delete from ${sql.table(table)} where application_id in (${sql.join(appIds)})`.execute(db));
}

export async function deleteByCandidate(db: Db, table: 'demographic_links' | 'privacy_links' | 'demographics' | 'consents', candidateId: string) {
  return affected(await sql`delete from ${sql.table(table)} where candidate_id = ${candidateId}`.execute(db));
}

/** The candidate's requests lose their free text (message, and resolution notes that might name them). */
export async function blankRequests(db: Db, orgId: string, candidateId: string) {
  const r = await sql`
    update privacy_requests set message = null, resolution_note = null
    where org_id = ${orgId} and candidate_id = ${candidateId}`.execute(db);
  return affected(r);
}

/** A case-insensitive PostgreSQL pattern for `text` as a whole word or phrase (so "Al" does not match "Alice"). */
function wholeWords(text: string): string {
  return `(^|[^[:alnum:]_])${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^[:alnum:]_])`;
}

/**
 * Emails to the candidate or mentioning them (the full name as whole words, or the address, in the
 * subject, text or attachments; case-insensitive), with their pending send jobs. The address is
 * found with `position` (no pattern escaping needed).
 */
export async function deleteOutbox(db: Db, orgId: string, name: string, email: string) {
  const r = await sql<{ id: string }>`
    delete from outbox
    where (org_id = ${orgId} or org_id is null)
      and (lower(to_address) = lower(${email})
        or position(lower(${email}) in lower(subject || ' ' || body_text || ' ' || attachments::text)) > 0
        or (subject || ' ' || body_text || ' ' || attachments::text) ~* ${wholeWords(name)})
    returning id`.execute(db);
  const ids = r.rows.map((x) => x.id);
  if (ids.length > 0) {
    await sql`delete from jobs where name = 'outbox.send' and status <> 'running' and payload->>'id' in (${sql.join(ids)})`.execute(db);
  }
  return ids.length;
}

/** Stored first responses of idempotent requests that carry the candidate (their id, address or an application id). */
export async function deleteIdempotencyKeys(db: Db, needles: string[]) {
  const cond = sql.join(
    needles.map((n) => sql`position(lower(${n}) in lower(response::text)) > 0`),
    sql` or `,
  );
  return affected(await sql`delete from idempotency_keys where response is not null and (${cond})`.execute(db));
}

/** Jobs not running whose payload or last error carries the candidate. */
export async function deleteJobs(db: Db, needles: string[]) {
  const cond = sql.join(
    needles.map((n) => sql`position(lower(${n}) in lower(payload::text || ' ' || coalesce(last_error, ''))) > 0`),
    sql` or `,
  );
  return affected(await sql`delete from jobs where status <> 'running' and (${cond})`.execute(db));
}

export async function deleteCandidate(db: Db, candidateId: string) {
  const r = await db.deleteFrom('candidates').where('id', '=', candidateId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** The purge: résumé file and text go, the candidate stays; the purge time is recorded. */
export async function purgeResume(db: Db, candidateId: string, now: Date) {
  const had = await db.selectFrom('candidates').select('id').where('id', '=', candidateId).where('resumeData', 'is not', null).executeTakeFirst();
  await db
    .updateTable('candidates')
    .set({ resumeName: null, resumeType: null, resumeSize: null, resumeData: null, resumeText: null, interviewDataPurgedAt: now, updatedAt: now })
    .where('id', '=', candidateId)
    .execute();
  return had ? 1 : 0;
}

export async function insertReceipt(
  db: Db,
  r: {
    id: string;
    orgId: string;
    subjectId: string;
    trigger: 'request' | 'manual' | 'retention';
    requestId: string | null;
    policyId: string | null;
    erasedBy: string | null;
    erasedAt: Date;
    removed: Record<string, number>;
    kept: Record<string, number>;
    digest: string;
  },
) {
  await db
    .insertInto('erasureReceipts')
    .values({ ...r, removed: JSON.stringify(r.removed), kept: JSON.stringify(r.kept) })
    .execute();
}

export interface ReceiptRow {
  id: string;
  subjectId: string;
  trigger: 'request' | 'manual' | 'retention';
  requestId: string | null;
  policyId: string | null;
  erasedBy: string | null;
  erasedByName: string | null;
  erasedAt: Date;
  removed: Record<string, number>;
  kept: Record<string, number>;
  digest: string;
}

/**
 * Receipts are read without the camel-case plugin: it would rewrite the snake_case table names that
 * key `removed` and `kept` (and the digest covers them as stored). Aliases are quoted camelCase.
 */
async function receiptRows(db: Db, orgId: string, where: { id?: string; limit: number }): Promise<ReceiptRow[]> {
  const r = await sql<ReceiptRow>`
    select r.id, r.subject_id as "subjectId", r.trigger, r.request_id as "requestId", r.policy_id as "policyId",
      r.erased_by as "erasedBy", u.name as "erasedByName", r.erased_at as "erasedAt", r.removed, r.kept, r.digest
    from erasure_receipts r left join users u on u.id = r.erased_by
    where r.org_id = ${orgId} ${where.id ? sql`and r.id = ${where.id}` : sql``}
    order by r.erased_at desc, r.id desc
    limit ${where.limit}`.execute(db.withoutPlugins());
  return r.rows;
}

export async function listReceipts(db: Db, orgId: string, limit: number) {
  return receiptRows(db, orgId, { limit });
}

export async function findReceipt(db: Db, orgId: string, id: string) {
  return (await receiptRows(db, orgId, { id, limit: 1 }))[0];
}

export async function userName(db: Db, userId: string) {
  const r = await db.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirst();
  return r?.name ?? null;
}
