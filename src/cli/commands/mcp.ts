import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Command } from 'commander';
import { createMcpServer } from '../../modules/mcp/mcp.server.ts';
import { asMember, withDatabase } from '../context.ts';

/**
 * `rubric mcp --org <slug> --as <email>`: the MCP server over stdio for a local AI client (Claude
 * Desktop and others), acting as that member with the same tools, services and policies as /mcp.
 * Standard output carries only the protocol; logs go to standard error. It runs until the client
 * closes standard input.
 */
export function registerMcpCommands(program: Command): void {
  program
    .command('mcp')
    .description('Serve the MCP tools for AI agents over stdio as a member (stdout carries only the protocol)')
    .requiredOption('--org <slug>', 'organization slug')
    .requiredOption('--as <email>', 'act as this member')
    .action(async (opts: { org: string; as: string }) => {
      await withDatabase(async (base) => {
        const ctx = await asMember(base, opts.org, opts.as);
        const server = createMcpServer(ctx);
        const transport = new StdioServerTransport();
        const closed = new Promise<void>((resolve) => {
          process.stdin.once('end', resolve);
          process.stdin.once('close', resolve);
          server.server.onclose = resolve;
        });
        await server.connect(transport);
        ctx.log.info({ org: opts.org }, 'MCP server ready on stdio');
        await closed;
        await server.close();
      });
    });
}
