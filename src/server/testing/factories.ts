import { randomUUID } from 'node:crypto';
import type { OrgRole } from '../../shared/common.ts';
import * as authQ from '../../modules/auth/auth.queries.ts';
import * as orgQ from '../../modules/orgs/orgs.queries.ts';
import type { Db } from '../db/connect.ts';
import type { FastifyInstance } from 'fastify';
import { Browser } from './test-app.ts';

/** Password of every factory user; its hash is precomputed so factories cost no scrypt time. */
export const FACTORY_PASSWORD = 'factory-password-1';
export const FACTORY_PASSWORD_HASH =
  'scrypt$32768$8$1$bYb0L2hD1R2WykKId9aj_w$jXBXiHBwiTt-2SBmopxkM7x65M47r3YzySBYBc1tog0';

let counter = 0;
export function uniqueEmail(prefix = 'user'): string {
  counter++;
  return `${prefix}.${Date.now().toString(36)}.${counter}.${randomUUID().slice(0, 6)}@example.test`;
}

export async function createUser(db: Db, o: { email?: string; name?: string } = {}) {
  const id = randomUUID();
  const email = o.email ?? uniqueEmail();
  await authQ.insertUser(db, { id, email, name: o.name ?? 'Test User', passwordHash: FACTORY_PASSWORD_HASH, now: new Date() });
  return { id, email };
}

/** An organization with one member per requested role; returns ids and emails. */
export async function createOrg(db: Db, roles: OrgRole[] = ['owner']) {
  const orgId = randomUUID();
  const slug = `org-${randomUUID().slice(0, 8)}`;
  await orgQ.insertOrganization(db, { id: orgId, name: `Org ${slug}`, slug, now: new Date() });
  const members: { id: string; email: string; role: OrgRole }[] = [];
  for (const role of roles) {
    const u = await createUser(db, { name: `${role} person` });
    await orgQ.insertMembership(db, { orgId, userId: u.id, role, now: new Date() });
    members.push({ ...u, role });
  }
  return { orgId, slug, members };
}

/** A Browser already signed in as `email` (factory password). */
export async function signedIn(app: FastifyInstance, email: string, ip?: string): Promise<Browser> {
  const b = new Browser(app, ip ?? `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`);
  const res = await b.post('/api/v1/auth/sign-in', { email, password: FACTORY_PASSWORD });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  return b;
}
