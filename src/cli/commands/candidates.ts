import fs from 'node:fs';
import type { Command } from 'commander';
import { eraseCandidate } from '../../modules/privacy/erasure.service.ts';
import { exportCandidate } from '../../modules/privacy/export.service.ts';
import { exportFormatSchema } from '../../modules/privacy/privacy.contract.ts';
import { idSchema } from '../../shared/common.ts';
import { asMember, withDatabase } from '../context.ts';
import { output, usageError } from '../io.ts';

function candidateId(id: string): string {
  if (!idSchema.safeParse(id).success) throw usageError(`${id} is not a candidate id`);
  return id;
}

/**
 * Candidate data rights from the command line: `candidates export` (the same JSON bundle, HTML
 * report or PDF as the app) and `candidates erase` (the same erasure and receipt), as the member
 * named by --org/--as, with that member's policies (owners and admins only).
 */
export function registerCandidatePrivacyCommands(program: Command): void {
  // `candidates` already exists (import); add to it, or create it when registered alone.
  const candidates = program.commands.find((c) => c.name() === 'candidates') ?? program.command('candidates').description('Candidates');

  candidates
    .command('export <id>')
    .description('Everything held about a candidate (a data-subject access export) as JSON, an HTML report or a PDF')
    .requiredOption('--org <slug>', 'organization slug')
    .requiredOption('--as <email>', 'act as this member (owner or admin)')
    .option('--format <format>', 'json, html or pdf', 'json')
    .option('--out <file>', 'write to this file instead of standard output (required for pdf)')
    .action(async (id: string, opts: { org: string; as: string; format: string; out?: string }) => {
      const format = exportFormatSchema.safeParse(opts.format);
      if (!format.success) throw usageError('--format must be one of json, html, pdf');
      if (format.data === 'pdf' && !opts.out) throw usageError('--format pdf needs --out <file>');
      const file = await withDatabase(async (ctx) => exportCandidate(await asMember(ctx, opts.org, opts.as), candidateId(id), format.data));
      if (opts.out) {
        try {
          fs.writeFileSync(opts.out, file.body);
        } catch (e) {
          throw usageError(`cannot write ${opts.out}: ${(e as Error).message}`);
        }
        process.stderr.write(`Wrote ${opts.out} (${Buffer.byteLength(file.body)} bytes).\n`);
      } else process.stdout.write(file.body);
    });

  candidates
    .command('erase <id>')
    .description("Erase a candidate for good and print the erasure receipt (refused under a legal hold); --confirm-name must be the candidate's name as stored")
    .requiredOption('--org <slug>', 'organization slug')
    .requiredOption('--as <email>', 'act as this member (owner or admin)')
    .requiredOption('--confirm-name <name>', "the candidate's name exactly as stored")
    .option('--format <format>', 'json or text', 'text')
    .action(async (id: string, opts: { org: string; as: string; confirmName: string; format: string }) => {
      if (!['json', 'text'].includes(opts.format)) throw usageError('--format must be one of json, text');
      const receipt = await withDatabase(async (ctx) => eraseCandidate(await asMember(ctx, opts.org, opts.as), candidateId(id), { trigger: 'manual', confirmName: opts.confirmName }));
      const counts = (m: Record<string, number>) =>
        Object.entries(m)
          .filter(([, n]) => n > 0)
          .map(([table, n]) => `  ${table}: ${n}`);
      output(opts.format, receipt, () =>
        [
          `Erased. Receipt ${receipt.id} (subject ${receipt.subjectId}, ${receipt.erasedAt}).`,
          'Removed:',
          ...counts(receipt.removed),
          'Kept, anonymized:',
          ...counts(receipt.kept),
          `Digest: ${receipt.digest}`,
        ].join('\n'),
      );
    });
}
