import { sql } from 'kysely';
import type { Db } from '../../server/db/connect.ts';
import { REGISTRY_IGNORED_TABLES } from './registry.ts';

/** Every column that can hold text or structured data, read from the migrated database itself. */
export async function classifiableColumns(db: Db): Promise<{ key: string; table: string; column: string; type: string }[]> {
  const r = await sql<{ tab: string; col: string; typ: string }>`
    select table_name as tab, column_name as col, data_type as typ
    from information_schema.columns
    where table_schema = 'public'
      and (data_type in ('text', 'character varying', 'character', 'jsonb', 'json', 'bytea', 'tsvector') or data_type = 'ARRAY')
    order by table_name, ordinal_position`.execute(db);
  return r.rows.filter((x) => !REGISTRY_IGNORED_TABLES.includes(x.tab)).map((x) => ({ key: `${x.tab}.${x.col}`, table: x.tab, column: x.col, type: x.typ }));
}
