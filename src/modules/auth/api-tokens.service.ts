import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { AppError } from '../../shared/errors.ts';
import type { OrgRole } from '../../shared/common.ts';
import { type Actor, type Ctx, inTransaction } from '../../server/context.ts';
import { audit } from '../audit/audit.service.ts';
import { requireMember } from '../orgs/orgs.policy.ts';
import { API_TOKEN_PREFIX, type ApiToken, type ApiTokenScope, apiTokenScopes } from './api-tokens.contract.ts';
import * as q from './api-tokens.queries.ts';

const DAY_MS = 86_400_000;
/** `rbk_` and 8 characters of the secret: enough to tell tokens apart, far too little to guess one. */
const SHOWN_PREFIX_LENGTH = 12;
const MANAGERS: readonly OrgRole[] = ['owner', 'admin'];

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function toApiToken(r: q.ApiTokenRow): ApiToken {
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    scopes: r.scopes,
    user: { id: r.userId, name: r.userName },
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt?.toISOString() ?? null,
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    revokedAt: r.revokedAt?.toISOString() ?? null,
  };
}

export async function listApiTokens(ctx: Ctx): Promise<{ items: ApiToken[] }> {
  const actor = requireMember(ctx);
  const rows = await q.listApiTokens(ctx.db, actor.org.id, MANAGERS.includes(actor.org.role) ? null : actor.userId);
  return { items: rows.map(toApiToken) };
}

export async function createApiToken(
  ctx: Ctx,
  input: { name: string; scopes: ApiTokenScope[]; expiresInDays: number | null },
): Promise<ApiToken & { token: string }> {
  const actor = requireMember(ctx);
  const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const scopes = apiTokenScopes.filter((s) => input.scopes.includes(s));
  const now = ctx.clock.now();
  const id = randomUUID();
  return inTransaction(ctx, async (tx) => {
    await q.insertApiToken(tx.db, {
      id,
      orgId: actor.org.id,
      userId: actor.userId,
      name: input.name,
      prefix: token.slice(0, SHOWN_PREFIX_LENGTH),
      tokenHash: hashApiToken(token),
      scopes,
      createdAt: now,
      expiresAt: input.expiresInDays === null ? null : new Date(now.getTime() + input.expiresInDays * DAY_MS),
    });
    await audit(tx, 'api_token.created', { type: 'api_token', id }, { tokenId: id, scopes });
    const row = (await q.findApiToken(tx.db, actor.org.id, id))!;
    return { ...toApiToken(row), token };
  });
}

export async function revokeApiToken(ctx: Ctx, id: string): Promise<{ ok: true }> {
  const actor = requireMember(ctx);
  return inTransaction(ctx, async (tx) => {
    const row = await q.findApiToken(tx.db, actor.org.id, id);
    // Someone else's token is as invisible to a member as another organization's.
    if (!row || (row.userId !== actor.userId && !MANAGERS.includes(actor.org.role))) throw AppError.notFound('API token');
    if (!row.revokedAt) {
      await q.revokeApiToken(tx.db, id, tx.clock.now());
      await audit(tx, 'api_token.revoked', { type: 'api_token', id }, { tokenId: id, ownerUserId: row.userId });
    }
    return { ok: true as const };
  });
}

/**
 * Resolves `Authorization: Bearer rbk_…` to an actor: the token's user in the token's organization
 * with their current role and compliance grant. Anything else (unknown, revoked, expired, no longer
 * a member) answers 401 without saying more than needed.
 */
export async function resolveApiToken(ctx: Ctx, token: string): Promise<Actor> {
  const row = token.startsWith(API_TOKEN_PREFIX) && token.length <= 200 ? await q.findTokenForAuth(ctx.db, hashApiToken(token)) : undefined;
  if (!row) throw new AppError('unauthenticated', 'Unknown API token');
  const now = ctx.clock.now();
  if (row.revokedAt) throw new AppError('unauthenticated', 'API token revoked');
  if (row.expiresAt && row.expiresAt <= now) throw new AppError('unauthenticated', 'API token expired');
  if (!row.role) throw new AppError('unauthenticated', 'API token no longer valid: its user is not a member of the organization');
  await q.touchApiToken(ctx.db, row.id, now);
  return {
    userId: row.userId,
    sessionId: null,
    org: { id: row.orgId, role: row.role as OrgRole, compliance: !!row.compliance },
    via: 'token',
    scopes: row.scopes,
  };
}
