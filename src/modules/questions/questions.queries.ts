import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../server/db/connect.ts';

export interface QuestionRowInput {
  id: string;
  ref: string;
  orgId: string | null;
  source: 'library' | 'org';
  documentId: string | null;
  versionNumber: number;
  text: string;
  type: string;
  competencies: string[];
  roles: string[];
  seniority: string[];
  tags: string[];
  probes: string[];
  strongAnswer: string[];
  redFlags: string[];
  minutes: number;
  now: Date;
}

function values(q: QuestionRowInput) {
  return {
    id: q.id,
    ref: q.ref,
    orgId: q.orgId,
    source: q.source,
    documentId: q.documentId,
    versionNumber: q.versionNumber,
    text: q.text,
    type: q.type,
    competencies: q.competencies,
    roles: q.roles,
    seniority: q.seniority,
    tags: q.tags,
    probes: JSON.stringify(q.probes),
    strongAnswer: JSON.stringify(q.strongAnswer),
    redFlags: JSON.stringify(q.redFlags),
    minutes: q.minutes,
    // Weighted: the question text matters most, then tags and competencies, then probes.
    search: sql`setweight(to_tsvector('english', ${q.text}), 'A') || setweight(to_tsvector('english', ${[...q.tags, ...q.competencies.map((c) => c.replaceAll('-', ' '))].join(' ')}), 'B') || setweight(to_tsvector('english', ${q.probes.join(' ')}), 'C')`,
    createdAt: q.now,
    updatedAt: q.now,
  };
}

/** Inserts or replaces questions by ref (library sync and bulk loads), in batches. */
export async function upsertQuestions(db: Db, rows: QuestionRowInput[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    const batch = rows.slice(i, i + 200).map(values);
    await db
      .insertInto('questions')
      .values(batch)
      .onConflict((oc) =>
        oc.column('ref').doUpdateSet((eb) => ({
          text: eb.ref('excluded.text'),
          type: eb.ref('excluded.type'),
          competencies: eb.ref('excluded.competencies'),
          roles: eb.ref('excluded.roles'),
          seniority: eb.ref('excluded.seniority'),
          tags: eb.ref('excluded.tags'),
          probes: eb.ref('excluded.probes'),
          strongAnswer: eb.ref('excluded.strongAnswer'),
          redFlags: eb.ref('excluded.redFlags'),
          minutes: eb.ref('excluded.minutes'),
          search: eb.ref('excluded.search'),
          versionNumber: eb.ref('excluded.versionNumber'),
          updatedAt: eb.ref('excluded.updatedAt'),
        })),
      )
      .execute();
  }
}

export async function deleteLibraryQuestionsExcept(db: Db, refs: string[]): Promise<void> {
  let q = db.deleteFrom('questions').where('source', '=', 'library');
  if (refs.length) q = q.where('ref', 'not in', refs);
  await q.execute();
}

const columns = [
  'q.ref',
  'q.source',
  'q.text',
  'q.type',
  'q.competencies',
  'q.roles',
  'q.seniority',
  'q.tags',
  'q.probes',
  'q.strongAnswer',
  'q.redFlags',
  'q.minutes',
  'q.versionNumber',
  'q.retiredAt',
  'q.documentId',
  'q.orgId',
] as const;

/** A question visible to `orgId` (library rows to everyone); null org sees the library only. */
export async function findQuestion(db: Db, orgId: string | null, ref: string) {
  return db
    .selectFrom('questions as q')
    .select(columns)
    .where('q.ref', '=', ref)
    .where((eb) => (orgId ? eb.or([eb('q.orgId', 'is', null), eb('q.orgId', '=', orgId)]) : eb('q.orgId', 'is', null)))
    .executeTakeFirst();
}

export interface SearchFilters {
  orgId: string | null;
  q?: string;
  competency?: string;
  type?: string;
  role?: string;
  seniority?: string;
  source?: 'library' | 'org';
  tags?: string[];
  includeRetired?: boolean;
  limit: number;
  offset: number;
}

/**
 * Full-text search (websearch syntax, English stemming) ranked by ts_rank, with filters; highlights
 * are computed only for the page returned. Without a query, questions come in ref order.
 */
export async function searchQuestions(db: Db, f: SearchFilters) {
  const query = f.q ? sql`websearch_to_tsquery('english', ${f.q})` : null;
  let base = db.selectFrom('questions as q').select(columns);
  base = base.where((eb) => (f.orgId ? eb.or([eb('q.orgId', 'is', null), eb('q.orgId', '=', f.orgId)]) : eb('q.orgId', 'is', null)));
  if (!f.includeRetired) base = base.where('q.retiredAt', 'is', null);
  if (f.competency) base = base.where(sql<SqlBool>`${f.competency} = any(q.competencies)`);
  if (f.role) base = base.where(sql<SqlBool>`${f.role} = any(q.roles)`);
  if (f.seniority) base = base.where(sql<SqlBool>`${f.seniority} = any(q.seniority)`);
  if (f.tags?.length) base = base.where(sql<SqlBool>`q.tags @> ${sql.val(f.tags)}::text[]`);
  if (f.type) base = base.where('q.type', '=', f.type);
  if (f.source) base = base.where('q.source', '=', f.source);
  const withRank = query
    ? base.select(sql<number>`ts_rank(q.search, ${query})`.as('rank')).where(sql<SqlBool>`q.search @@ ${query}` as Expression<SqlBool>).orderBy('rank', 'desc')
    : base.select(sql<number>`0`.as('rank'));
  const page = withRank.orderBy('q.ref').limit(f.limit + 1).offset(f.offset);
  const highlight = query
    ? sql<string>`ts_headline('english', p.text, ${query}, 'StartSel=«, StopSel=», HighlightAll=true')`
    : sql<string>`p.text`;
  return db
    .selectFrom(page.as('p'))
    .selectAll('p')
    .select(highlight.as('highlight'))
    .orderBy('p.rank', 'desc')
    .orderBy('p.ref')
    .execute();
}

export async function setRetired(db: Db, orgId: string, ref: string, at: Date) {
  await db.updateTable('questions').set({ retiredAt: at, updatedAt: at }).where('orgId', '=', orgId).where('ref', '=', ref).execute();
}

/** Planner statistics: PGlite runs no autovacuum, so the search plan needs them gathered explicitly. */
export async function analyzeQuestions(db: Db): Promise<void> {
  await sql`analyze questions`.execute(db);
}
