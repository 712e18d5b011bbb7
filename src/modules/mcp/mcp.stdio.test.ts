import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { findPackageRoot, openDatabase } from '../../server/db/connect.ts';
import { addCandidate, addInterview, fillScorecard, hiringWorld } from '../../server/testing/hiring.ts';
import { openTestApp, testConfig } from '../../server/testing/test-app.ts';
import { mcpTools } from './mcp.tools.ts';

// One real `rubric mcp` process (from source through tsx) on a loaded machine.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const bin = path.join(findPackageRoot(), 'bin', 'rubric.js');
let dataDir: string;
let world: { slug: string; iv1Email: string; jobId: string; applicationId: string };

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rubric-mcp-'));
  // Build the data in-process on an embedded folder of its own, then let go of it for the CLI.
  const database = await openDatabase(testConfig({ RUBRIC_DATA_DIR: dataDir }), { migrate: true });
  const t = await openTestApp({ database });
  try {
    const w = await hiringWorld(t);
    const { applicationId } = await addCandidate(w.as.recruiter, w.job.id, 'Lea Vogt', 'lea.vogt@example.test');
    const interviewId = await addInterview(w.as.recruiter, applicationId, 'deep-dive', [w.ids.iv1]);
    await fillScorecard(w.as.iv1, interviewId, 4, 'strong_yes');
    world = { slug: w.org.slug, iv1Email: w.org.members.find((m) => m.id === w.ids.iv1)!.email, jobId: w.job.id, applicationId };
  } finally {
    await t.close();
    await database.close();
  }
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const text = (r: CallToolResult) => r.content.map((c) => (c.type === 'text' ? c.text : '')).join('');

describe('rubric mcp (stdio)', () => {
  it('serves every tool as the --as member, with their permissions, and only the protocol on stdout', async () => {
    const { DATABASE_URL: _ignored, ...env } = process.env;
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [bin, 'mcp', '--org', world.slug, '--as', world.iv1Email],
      env: { ...(env as Record<string, string>), RUBRIC_DATA_DIR: dataDir, RUBRIC_CLI_FROM_SOURCE: '1', LOG_LEVEL: 'warn' },
      stderr: 'pipe',
    });
    let stderr = '';
    transport.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const protocolErrors: Error[] = [];
    const client = new Client({ name: 'rubric-stdio-test', version: '1.0.0' });
    client.onerror = (e) => protocolErrors.push(e);
    await client.connect(transport);
    try {
      expect(client.getServerVersion()).toEqual({ name: 'rubric', version: '0.1.0' });
      const { tools } = await client.listTools();
      expect(tools.map((x) => x.name).sort()).toEqual(mcpTools.map((x) => x.name).sort());
      expect(tools.every((x) => x.inputSchema.type === 'object')).toBe(true);

      // An offline tool.
      const compare = (await client.callTool({ name: 'compare_roles', arguments: { roles: 'cto,cpo' } })) as CallToolResult;
      expect((compare.structuredContent as { profiles: { id: string }[] }).profiles.map((p) => p.id)).toEqual(['cto', 'cpo']);

      // The interviewer sees the candidate they interview, and (having submitted) the debrief.
      const pipeline = (await client.callTool({ name: 'list_pipeline', arguments: { jobId: world.jobId } })) as CallToolResult;
      expect(pipeline.isError, text(pipeline)).toBeFalsy();
      expect((pipeline.structuredContent as { total: number }).total).toBe(1);
      const debrief = (await client.callTool({ name: 'get_debrief', arguments: { applicationId: world.applicationId } })) as CallToolResult;
      expect(debrief.isError, text(debrief)).toBeFalsy();
      expect(debrief.structuredContent).toMatchObject({ candidate: { name: 'Lea Vogt' }, recommendations: { strong_yes: 1, yes: 0, no: 0, strong_no: 0 } });

      // Analytics are not for interviewers: the route's roles apply over stdio too.
      const report = (await client.callTool({ name: 'run_analytics_report', arguments: { report: 'funnel' } })) as CallToolResult;
      expect(report.isError).toBe(true);
      expect(text(report)).toMatch(/^forbidden: /);
      const unknown = (await client.callTool({ name: 'get_debrief', arguments: { applicationId: '00000000-0000-4000-8000-000000000000' } })) as CallToolResult;
      expect(text(unknown)).toMatch(/^not_found: /);
    } finally {
      await client.close();
    }
    // Anything but JSON-RPC on stdout would have surfaced as a protocol error.
    expect(protocolErrors).toEqual([]);
    expect(stderr).not.toMatch(/error/i);
  });
});
