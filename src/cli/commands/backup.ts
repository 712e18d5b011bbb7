import path from 'node:path';
import type { Command } from 'commander';
import { BackupFileError, RestoreTargetError, backupEmbedded, restoreEmbedded } from '../../server/db/backup.ts';
import { DataDirLockedError } from '../../server/db/lock.ts';
import { cliConfig } from '../context.ts';
import { CliExit, EXIT, type Format, output, usageError } from '../io.ts';

/** README "Backups": what to run instead on PostgreSQL (exit 2: the command does not apply). */
export function postgresBackupAdvice(kind: 'backup' | 'restore', file: string): string {
  const dump = `pg_dump -Fc --no-owner -f ${file} "$DATABASE_URL"`;
  const restore = `pg_restore --clean --if-exists --no-owner -d "$DATABASE_URL" ${file}`;
  return [
    `rubric ${kind} works on the embedded database only; DATABASE_URL points at PostgreSQL. Use its own tools:`,
    `  backup:  ${dump}`,
    `  restore: ${restore}   (into an empty database of the same or a newer PostgreSQL; stop Rubric first)`,
    'Rubric runs any pending migrations when it starts, so a dump from an older Rubric restores into a newer one.',
  ].join('\n');
}

function format(v: string): Format {
  if (v !== 'json' && v !== 'text') throw usageError(`--format must be json or text (got ${v})`);
  return v;
}

function embeddedDataDir(kind: 'backup' | 'restore', file: string): string {
  const config = cliConfig();
  if (config.database.kind !== 'embedded') throw new CliExit(EXIT.usage, postgresBackupAdvice(kind, file));
  return config.database.dataDir;
}

/** Maps the backup module's errors to DECISIONS 9 exit codes: a bad file or target is usage (2), a held folder 1. */
function cliError(e: unknown): unknown {
  if (e instanceof DataDirLockedError) return new CliExit(EXIT.internal, `${e.message}\nstop the server or use DATABASE_URL`);
  if (e instanceof RestoreTargetError) return new CliExit(e.locked ? EXIT.internal : EXIT.usage, e.message);
  if (e instanceof BackupFileError) return new CliExit(EXIT.usage, e.message);
  return e;
}

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

export function registerBackupCommands(program: Command): void {
  program
    .command('backup <file>')
    .description('Back up the embedded database (RUBRIC_DATA_DIR) into one file; stop the server first. On PostgreSQL prints the pg_dump command (exit 2)')
    .option('--force', 'replace <file> if it exists')
    .option('--format <f>', 'json or text', 'text')
    .action(async (file: string, opts: { force?: boolean; format: string }) => {
      const fmt = format(opts.format);
      const dataDir = embeddedDataDir('backup', file);
      try {
        const r = await backupEmbedded(dataDir, path.resolve(file), { force: !!opts.force });
        const rows = Object.values(r.manifest.tables).reduce((a, b) => a + b, 0);
        output(fmt, { file: r.file, bytes: r.bytes, manifest: r.manifest }, () =>
          [
            `Backed up ${dataDir} to ${r.file} (${mb(r.bytes)}).`,
            `${Object.keys(r.manifest.tables).length} tables, ${rows} rows; ${r.manifest.migrations.length} migrations (last ${r.manifest.migrations.at(-1) ?? 'none'}).`,
            `Restore with: RUBRIC_DATA_DIR=<empty folder> rubric restore ${file}`,
          ].join('\n'),
        );
      } catch (e) {
        throw cliError(e);
      }
    });

  program
    .command('restore <file>')
    .description(
      'Restore a backup into RUBRIC_DATA_DIR, which must be empty or missing (--force moves a non-empty one aside); the file is verified first and the database migrated if older',
    )
    .option('--force', 'move a non-empty data folder aside (<folder>.before-restore-<time>) and restore in its place')
    .option('--format <f>', 'json or text', 'text')
    .action(async (file: string, opts: { force?: boolean; format: string }) => {
      const fmt = format(opts.format);
      const dataDir = embeddedDataDir('restore', file);
      try {
        const r = await restoreEmbedded(path.resolve(file), dataDir, { force: !!opts.force });
        const { manifest } = r;
        output(
          fmt,
          {
            dataDir: r.dataDir,
            createdAt: manifest.createdAt,
            rubricVersion: manifest.rubricVersion,
            tables: manifest.tables,
            rows: r.rows,
            migrated: r.migrated,
            movedAside: r.movedAside ?? null,
          },
          () =>
            [
              `Restored ${file} into ${r.dataDir}.`,
              `Made ${manifest.createdAt} by Rubric ${manifest.rubricVersion}; ${Object.keys(manifest.tables).length} tables, ${r.rows} rows, row counts verified.`,
              r.migrated.length ? `Migrated: ${r.migrated.join(', ')}.` : 'No migrations needed.',
              ...(r.movedAside ? [`The previous folder is now ${r.movedAside} (delete it once you are satisfied).`] : []),
            ].join('\n'),
        );
      } catch (e) {
        throw cliError(e);
      }
    });
}
