// The kernel rule's pattern also matches this package's own `sdk/server/` path; it is the MCP SDK, not our server.
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../shared/errors.ts';
import type { Ctx } from '../../server/context.ts';
import { resolveApiToken } from '../auth/api-tokens.service.ts';
import { createMcpServer } from './mcp.server.ts';

export const MCP_PATH = '/mcp';

/** The credential of `Authorization: Bearer …` (the same reading as the API's). */
function bearerToken(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return undefined;
  return /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
}

/**
 * The MCP server over streamable HTTP at /mcp, stateless: each POST gets a fresh server and
 * transport that act as the API token's user (resolved exactly as the API resolves tokens), and
 * answers in JSON. Only a bearer token authenticates here — a session cookie is ignored, so a
 * browser cannot be made to call tools with its ambient credentials (no Origin or CSRF check is
 * needed, as for the API's bearer requests). No token, or an unknown, revoked or expired one: 401.
 * GET (a server-to-client stream) and DELETE (ending a session) have no meaning without sessions:
 * 405 once authenticated.
 */
export interface McpHttpOptions {
  ctxOf: (req: FastifyRequest) => Ctx;
  /** The API's per-token rate limit (server/http/token-rate-limit.ts), counted once per HTTP request. */
  rateLimit?: (ctx: Ctx, reply: FastifyReply, bearer: string) => Promise<void>;
}

export async function mcpHttp(app: FastifyInstance, opts: McpHttpOptions) {
  async function authenticate(req: FastifyRequest, reply: FastifyReply): Promise<Ctx> {
    const ctx = opts.ctxOf(req);
    const token = bearerToken(req);
    void reply.header('www-authenticate', 'Bearer realm="rubric"');
    if (!token) throw new AppError('unauthenticated', 'Send an API token: Authorization: Bearer rbk_… (Account → API tokens)');
    const actor = await resolveApiToken(ctx, token);
    void reply.removeHeader('www-authenticate');
    if (opts.rateLimit) await opts.rateLimit(ctx, reply, token);
    return { ...ctx, actor };
  }

  // `access` is what the permission matrix reads: any member, through their token.
  const config: Record<string, unknown> = { access: { kind: 'member' } };

  app.post(MCP_PATH, { schema: { hide: true }, config }, async (req, reply) => {
    const ctx = await authenticate(req, reply);
    const server = createMcpServer(ctx);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    // The transport writes the response itself; keep the headers Fastify's hooks set so far (helmet, request id).
    for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) reply.raw.setHeader(name, value);
    reply.raw.setHeader('x-request-id', String(req.id));
    reply.hijack();
    reply.raw.on('close', () => {
      void transport.close();
      void server.close();
    });
    try {
      await server.connect(transport);
      await transport.handleRequest(req.raw, reply.raw, req.body);
    } catch (e) {
      ctx.log.error({ err: e }, 'MCP request failed');
      if (!reply.raw.headersSent) {
        reply.raw.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32603, message: 'Internal error' }, id: null }));
      }
    }
  });

  const notAllowed = async (req: FastifyRequest, reply: FastifyReply) => {
    await authenticate(req, reply);
    return reply
      .status(405)
      .header('allow', 'POST')
      .send({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed: this MCP server is stateless; send every message as a POST' }, id: null });
  };
  app.get(MCP_PATH, { schema: { hide: true }, config }, notAllowed);
  app.delete(MCP_PATH, { schema: { hide: true }, config }, notAllowed);
}
