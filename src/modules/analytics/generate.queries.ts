import { type Insertable, sql } from 'kysely';
import type { Db } from '../../server/db/connect.ts';
import type { DB } from '../../server/db/schema.ts';

/** Upper bound on rows per statement whatever `batchRows` says. */
const MAX_ROWS = 60_000;

const columnTypes = new WeakMap<Db, Map<string, Map<string, string>>>();

/** Column name (camelCase, as in the DB interface) → PostgreSQL element type of a table, cached per database. */
async function typesOf(db: Db, table: string): Promise<Map<string, string>> {
  let byTable = columnTypes.get(db);
  if (!byTable) columnTypes.set(db, (byTable = new Map()));
  let types = byTable.get(table);
  if (!types) {
    const snake = table.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    const rows = await sql<{ column: string; type: string }>`
      select column_name as column, udt_name as type from information_schema.columns
      where table_schema = current_schema() and table_name = ${snake}`.execute(db);
    types = new Map(rows.rows.map((r) => [r.column.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase()), r.type]));
    byTable.set(table, types);
  }
  return types;
}

/**
 * Inserts rows in batches of at most `batchRows` rows. Each batch is one INSERT … SELECT FROM
 * unnest(…) with one array parameter per column (so a statement's parameter count does not grow
 * with its rows — PGlite parses a 10-parameter statement much faster than a 10,000-parameter
 * one). Rows of one call share their columns (the first row's keys).
 */
export async function insertMany<T extends keyof DB & string>(db: Db, table: T, rows: Insertable<DB[T]>[], batchRows: number): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const types = await typesOf(db, table);
  const snake = (c: string) => c.replace(/[A-Z]/g, (x) => `_${x.toLowerCase()}`);
  const size = Math.max(1, Math.min(batchRows, MAX_ROWS));
  for (let i = 0; i < rows.length; i += size) {
    const slice = rows.slice(i, i + size) as Record<string, unknown>[];
    const arrays = columns.map((c) => {
      const type = types.get(c);
      if (!type) throw new Error(`insertMany: no column ${table}.${c}`);
      const values = slice.map((r) => {
        const v = r[c];
        return v instanceof Date ? v.toISOString() : v === undefined ? null : v;
      });
      return sql`${values}::${sql.raw(type)}[]`;
    });
    await sql`insert into ${sql.table(snake(table))} (${sql.join(columns.map((c) => sql.ref(snake(c))))}) select * from unnest(${sql.join(arrays)})`.execute(db);
  }
}

export async function organization(db: Db, orgId: string) {
  return db.selectFrom('organizations').select(['id', 'slug']).where('id', '=', orgId).executeTakeFirst();
}

export async function openingExists(db: Db, id: string): Promise<boolean> {
  return !!(await db.selectFrom('openings').select('id').where('id', '=', id).executeTakeFirst());
}

/** Existing users by lower-cased email (history accounts left behind by an earlier, deleted organization). */
export async function usersByEmail(db: Db, emails: string[]): Promise<Map<string, string>> {
  if (emails.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'email'])
    .where(sql<string>`lower(email)`, 'in', emails.map((e) => e.toLowerCase()))
    .execute();
  return new Map(rows.map((r) => [r.email.toLowerCase(), r.id]));
}

export async function insertMemberships(db: Db, rows: { orgId: string; userId: string; role: string; createdAt: Date }[]): Promise<void> {
  if (rows.length) await db.insertInto('memberships').values(rows).onConflict((oc) => oc.columns(['orgId', 'userId']).doNothing()).execute();
}

export async function rejectionReasonCodes(db: Db, orgId: string) {
  return db.selectFrom('rejectionReasons').select(['code', 'position']).where('orgId', '=', orgId).execute();
}

/** Refreshes the planner's statistics of the tables a bulk write filled (PGlite runs no autovacuum). */
export async function analyzeTables(db: Db, tables: string[]): Promise<void> {
  for (const t of tables) await sql`analyze ${sql.table(t)}`.execute(db);
}
