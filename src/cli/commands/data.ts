import type { Command } from 'commander';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { verifyAuditChain } from '../../modules/audit/audit.service.ts';
import { DEMO_PASSWORD, DEMO_USERS, declineDemo, seedDemo } from '../../modules/demo/demo.service.ts';
import { listMembers } from '../../modules/orgs/orgs.service.ts';
import { roleLabels } from '../../shared/common.ts';
import type { Kysely } from 'kysely';
import { asMember, withDatabase } from '../context.ts';
import { CliExit, EXIT, type Format, output, usageError } from '../io.ts';

function formatOf(v: string): Format {
  if (v !== 'json' && v !== 'text') throw usageError(`--format must be json or text (got ${v})`);
  return v;
}

/** Commands that read or write the database (embedded folder or DATABASE_URL). */
export function registerDataCommands(program: Command): void {
  program
    .command('migrate')
    .description('Run pending database migrations (the server also runs them at start-up)')
    .option('--format <format>', 'json or text', 'text')
    .action(async (opts: { format: string }) => {
      const format = formatOf(opts.format);
      const applied = await withDatabase(async (_ctx, database) => migrateToLatest(database.db.withoutPlugins() as unknown as Kysely<unknown>), {
        migrate: false,
      });
      output(format, { applied }, () => (applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.'));
    });

  program
    .command('seed')
    .description('Re-create the demo workspace (--demo) or stop the server seeding it on first start (--none)')
    .option('--demo', 're-create the demo organization and its five members')
    .option('--none', 'never seed the demo workspace on this database')
    .option('--history', 'with --demo: also write the generated hiring history (1,500 candidates) for the analytics dashboards')
    .option('--format <format>', 'json or text', 'text')
    .action(async (opts: { demo?: boolean; none?: boolean; history?: boolean; format: string }) => {
      const format = formatOf(opts.format);
      if (!!opts.demo === !!opts.none) throw usageError('choose exactly one of --demo or --none');
      if (opts.history && !opts.demo) throw usageError('--history goes with --demo');
      if (opts.none) {
        await withDatabase((ctx) => declineDemo(ctx));
        output(format, { demo: 'none' }, () => 'The demo workspace will not be seeded on this database.');
        return;
      }
      const { orgId } = await withDatabase((ctx) => seedDemo(ctx, { hiring: 'now', history: !!opts.history }));
      output(format, { orgId, password: DEMO_PASSWORD, users: DEMO_USERS }, () =>
        [`Demo workspace created (password: ${DEMO_PASSWORD}):`, ...DEMO_USERS.map((u) => `  ${u.role.padEnd(15)} ${u.email}`)].join('\n'),
      );
    });

  const audit = program.command('audit').description('The audit log');
  audit
    .command('verify')
    .description('Recompute the audit hash chain; exits 3 when it is broken')
    .option('--format <format>', 'json or text', 'text')
    .action(async (opts: { format: string }) => {
      const format = formatOf(opts.format);
      const result = await withDatabase((ctx) => verifyAuditChain(ctx.db));
      output(format, result, () =>
        result.ok ? `Audit chain intact (${result.checked} entries).` : `Audit chain BROKEN at entry ${result.brokenAtId}: ${result.reason}`,
      );
      if (!result.ok) throw new CliExit(EXIT.auditBroken, '');
    });

  const members = program.command('members').description('Members of an organization');
  members
    .command('list')
    .description('List the members of an organization, as one of its members sees them')
    .requiredOption('--org <slug>', 'organization slug')
    .requiredOption('--as <email>', 'act as this member')
    .option('--format <format>', 'json or text', 'text')
    .action(async (opts: { org: string; as: string; format: string }) => {
      const format = formatOf(opts.format);
      const items = await withDatabase(async (ctx) => {
        const c = await asMember(ctx, opts.org, opts.as);
        const all = [];
        let cursor: string | undefined;
        do {
          const page = await listMembers(c, { limit: 200, cursor });
          all.push(...page.items);
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        return all;
      });
      output(format, { items }, () => items.map((m) => `${m.name} <${m.email}> — ${roleLabels[m.role]}`).join('\n'));
    });
}
