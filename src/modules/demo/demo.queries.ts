import { sql } from 'kysely';
import type { Db } from '../../server/db/connect.ts';

export async function countOrganizations(db: Db): Promise<number> {
  const r = await db.selectFrom('organizations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function deleteDemo(db: Db, slug: string, emails: string[]): Promise<void> {
  await db.deleteFrom('organizations').where('slug', '=', slug).execute();
  await db.deleteFrom('users').where(sql`lower(email)`, 'in', emails.map((e) => e.toLowerCase())).execute();
}
