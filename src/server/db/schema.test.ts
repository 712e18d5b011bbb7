import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../testing/test-db.ts';
import type { Database } from './connect.ts';

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Reads the hand-kept DB interface of schema.ts: table -> column -> nullable. */
function declaredSchema(): Map<string, Map<string, boolean>> {
  const file = path.join(import.meta.dirname, 'schema.ts');
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  source.forEachChild((n) => {
    if (ts.isInterfaceDeclaration(n)) interfaces.set(n.name.text, n);
  });
  const out = new Map<string, Map<string, boolean>>();
  for (const member of interfaces.get('DB')!.members) {
    if (!ts.isPropertySignature(member) || !member.type) continue;
    const table = snake((member.name as ts.Identifier).text);
    const iface = interfaces.get(member.type.getText(source))!;
    const cols = new Map<string, boolean>();
    for (const col of iface.members) {
      if (!ts.isPropertySignature(col) || !col.type) continue;
      const text = col.type.getText(source);
      cols.set(snake((col.name as ts.Identifier).text), /\bnull\b|NullableTimestamp|Json<[^>]*> \| null/.test(text));
    }
    out.set(table, cols);
  }
  return out;
}

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => database?.close());

describe('schema.ts', () => {
  it('matches the migrated database: same tables, columns and nullability', async () => {
    const rows = await sql<{ table_name: string; column_name: string; is_nullable: string }>`
      select table_name, column_name, is_nullable from information_schema.columns
      where table_schema = 'public' and table_name not like 'kysely_%'`.execute(database.db.withoutPlugins());
    const actual = new Map<string, Map<string, boolean>>();
    for (const r of rows.rows) {
      if (!actual.has(r.table_name)) actual.set(r.table_name, new Map());
      actual.get(r.table_name)!.set(r.column_name, r.is_nullable === 'YES');
    }
    const declared = declaredSchema();
    expect([...declared.keys()].sort()).toEqual([...actual.keys()].sort());
    for (const [table, cols] of actual) {
      const d = declared.get(table)!;
      expect({ table, columns: [...d.keys()].sort() }).toEqual({ table, columns: [...cols.keys()].sort() });
      for (const [col, nullable] of cols) expect({ table, col, nullable: d.get(col) }).toEqual({ table, col, nullable });
    }
  });
});
