// A throw-away PostgreSQL database (copied from the migrated test template) that another process
// can reach by URL: fault tests hand it to a child server. Only with DATABASE_URL (npm run test:pg).
import { randomBytes } from 'node:crypto';
import { adminQuery as admin, testDatabaseUrl } from './test-db.ts';


export async function createScratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = testDatabaseUrl();
  if (!base) throw new Error('createScratchDatabase needs DATABASE_URL');
  const adminUrl = new URL(base);
  adminUrl.pathname = '/postgres';
  const template = new URL(base).pathname.slice(1);
  const name = `rubric_f_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await admin(adminUrl.toString(), `create database ${name} template ${template}`);
  const u = new URL(base);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => admin(adminUrl.toString(), `drop database if exists ${name} with (force)`) };
}
