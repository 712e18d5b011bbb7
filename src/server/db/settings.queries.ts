import type { Db } from './connect.ts';

export async function readSetting<T>(db: Db, key: string): Promise<T | undefined> {
  const row = await db.selectFrom('appSettings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value as T | undefined;
}

/** Stores `value` unless the key exists; returns what is stored (first writer wins across instances). */
export async function insertSettingIfAbsent<T>(db: Db, key: string, value: T): Promise<T> {
  await db
    .insertInto('appSettings')
    .values({ key, value: JSON.stringify(value) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return (await readSetting<T>(db, key)) as T;
}

export async function writeSetting<T>(db: Db, key: string, value: T): Promise<void> {
  await db
    .insertInto('appSettings')
    .values({ key, value: JSON.stringify(value) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updatedAt: new Date() }))
    .execute();
}
