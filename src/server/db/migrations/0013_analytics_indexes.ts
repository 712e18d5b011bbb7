import { type Kysely, sql } from 'kysely';

/**
 * Indexes for the analytics reports at scale (issue: report suite at 1M ratings).
 * - `stage_moves_undoes_idx`: the moves that were undone, for the reports' "not undone" anti-join
 *   (and the foreign key's lookups). Partial: almost every move has `undoes` null, so the index
 *   holds only the undos and the anti-join reads a handful of entries instead of scanning every move.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index stage_moves_undoes_idx on stage_moves (undoes) where undoes is not null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index stage_moves_undoes_idx;
  `.execute(db);
}
