import pino from 'pino';
import { type Config, ConfigError, baseUrlOf, loadConfig } from '../server/config.ts';
import { type Actor, type Ctx, systemClock } from '../server/context.ts';
import { type Database, openDatabase } from '../server/db/connect.ts';
import { DataDirLockedError } from '../server/db/lock.ts';
import { withSessionSecret } from '../server/db/settings.ts';
import { actorForEmail } from '../modules/auth/auth.service.ts';
import { CliExit, EXIT } from './io.ts';

export function cliConfig(): Config {
  try {
    return loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) throw new CliExit(EXIT.usage, e.message);
    throw e;
  }
}

/**
 * Opens the database for a data command and runs `fn` with a ctx; the CLI refuses an embedded
 * folder that a running server holds. Logs go to stderr.
 */
export async function withDatabase<T>(fn: (ctx: Ctx, database: Database) => Promise<T>, opts: { migrate?: boolean } = {}): Promise<T> {
  let config = cliConfig();
  let database: Database;
  try {
    database = await openDatabase(config, { migrate: opts.migrate });
  } catch (e) {
    if (e instanceof DataDirLockedError) {
      throw new CliExit(EXIT.internal, `${e.message}\nstop the server or use DATABASE_URL`);
    }
    throw e;
  }
  try {
    config = await withSessionSecret(database.db, config);
    const ctx: Ctx = {
      db: database.db,
      clock: systemClock,
      log: pino({ level: config.logLevel === 'info' ? 'warn' : config.logLevel }, pino.destination(2)),
      actor: null,
      config,
      requestId: `cli-${process.pid}`,
      ip: 'cli',
      baseUrl: baseUrlOf(config),
    };
    return await fn(ctx, database);
  } finally {
    await database.close();
  }
}

/** `--org <slug> --as <email>`: the same actor, policies and services as that member in the app. */
export async function asMember(ctx: Ctx, org: string | undefined, as: string | undefined): Promise<Ctx> {
  if (!org || !as) throw new CliExit(EXIT.usage, 'this command needs --org <slug> and --as <email>');
  const actor: Actor = await actorForEmail(ctx, as.toLowerCase(), org);
  return { ...ctx, actor };
}
