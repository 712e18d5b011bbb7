// The kernel rule's pattern also matches this package's own `sdk/server/` path; it is the MCP SDK, not our server.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { AppError, isAppError } from '../../shared/errors.ts';
import type { RouteDef } from '../../shared/route.ts';
import type { Actor, Ctx } from '../../server/context.ts';
import { type McpTool, mcpTools, scopeOf } from './mcp.tools.ts';

export const MCP_SERVER_NAME = 'rubric';
export const MCP_SERVER_VERSION = '0.1.0';

/**
 * The checks the HTTP layer applies to a route before its handler (http/register.ts), for a tool:
 * the contract's access declaration (member roles) and, for API tokens, the scope rule. Public
 * routes need nobody; the rest need a member of the organization.
 */
export function checkToolAccess(t: McpTool, actor: Actor | null): void {
  const access: RouteDef['access'] = t.route?.access ?? { kind: 'member' };
  if (access.kind === 'public') return;
  if (!actor) throw new AppError('unauthenticated', 'Sign in first');
  if (actor.via === 'token' && scopeOf(t) === 'write' && !actor.scopes?.includes('write')) {
    throw AppError.forbidden('This token has the read scope only');
  }
  if (actor.twoFactorMissing) throw new AppError('two_factor_required', 'Your organization requires two-factor sign-in');
  if (access.kind === 'signed-in') return;
  if (!actor.org) throw AppError.forbidden('Join or create an organization first');
  if (access.roles && !access.roles.includes(actor.org.role)) throw AppError.forbidden();
}

function errorResult(e: unknown, ctx: Ctx, tool: string): CallToolResult {
  if (isAppError(e) && e.code !== 'internal') {
    const error = { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) };
    return { isError: true, content: [{ type: 'text', text: `${e.code}: ${e.message}${e.details ? `\n${JSON.stringify(e.details)}` : ''}` }], structuredContent: { error } };
  }
  // Like a 5xx over HTTP: the agent learns nothing of the internals; the log keeps them.
  ctx.log.error({ err: e, tool }, 'MCP tool failed');
  return { isError: true, content: [{ type: 'text', text: `internal: Something went wrong (request ${ctx.requestId})` }], structuredContent: { error: { code: 'internal', message: 'Something went wrong' } } };
}

/** Runs one tool as the ctx's actor: the route's checks, the service call, the response schema. */
export async function callTool(t: McpTool, ctx: Ctx, args: unknown): Promise<CallToolResult> {
  try {
    checkToolAccess(t, ctx.actor);
    const raw = await t.run(ctx, args as never);
    // Like the HTTP layer: a route's response passes through its schema (undeclared fields are not sent).
    const out = t.response ? t.response.parse(raw) : raw;
    const text = t.text ? t.text(out as never) : JSON.stringify(out);
    return { content: [{ type: 'text', text }], structuredContent: out as Record<string, unknown> };
  } catch (e) {
    return errorResult(e, ctx, t.name);
  }
}

/**
 * An MCP server whose tools act as the ctx's actor (a member via the CLI, or an API token's user
 * over HTTP). One server per connection: for HTTP, per request (stateless).
 */
export function createMcpServer(ctx: Ctx): McpServer {
  const server = new McpServer(
    { name: MCP_SERVER_NAME, version: MCP_SERVER_VERSION },
    { instructions: 'Rubric: structured hiring. Tools act as the member the connection authenticated; they see and may do exactly what that member may in the app.' },
  );
  for (const t of mcpTools) {
    server.registerTool(
      t.name,
      {
        title: t.title,
        description: `${t.description}${scopeOf(t) === 'write' ? ' (API tokens need the write scope, as for the REST route.)' : ''}`,
        inputSchema: t.input,
        annotations: { title: t.title, readOnlyHint: true, openWorldHint: false },
      },
      (args: unknown) => callTool(t, ctx, args),
    );
  }
  return server;
}
