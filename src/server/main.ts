import pino from 'pino';
import { ConfigError, baseUrlOf, loadConfig } from './config.ts';
import { systemClock } from './context.ts';
import { openDatabase } from './db/connect.ts';
import { DataDirLockedError, DataDirUnwritableError } from './db/lock.ts';
import { withSessionSecret } from './db/settings.ts';
import { buildApp } from './app.ts';
import { DEMO_PASSWORD, DEMO_USERS, seedDemoIfFirstStart } from '../modules/demo/demo.service.ts';
import { startJobRunner } from '../modules/jobs/jobs.service.ts';
import { syncLibraryQuestions } from '../modules/questions/questions.service.ts';
import { jobHandlers, recurringJobs } from './jobs.ts';

async function main(): Promise<void> {
  const t0 = Date.now();
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  let database;
  try {
    database = await openDatabase(config);
  } catch (e) {
    if (e instanceof DataDirLockedError || e instanceof DataDirUnwritableError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  config = await withSessionSecret(database.db, config);
  await syncLibraryQuestions(database.db);
  const log = pino({ level: config.logLevel });
  const ctxFor = () => ({
    db: database.db,
    clock: systemClock,
    log,
    actor: null,
    config,
    requestId: 'system',
    ip: '127.0.0.1',
    baseUrl: baseUrlOf(config),
  });
  // Seeding (first start only) and building the app are independent: do both at once.
  const [app, seeded] = await Promise.all([buildApp({ config, database }), seedDemoIfFirstStart(ctxFor())]);
  await app.listen({ port: config.http.port, host: config.http.host });
  const runner = startJobRunner(ctxFor, jobHandlers(), config.jobs.pollMs, recurringJobs);

  const url = baseUrlOf(config);
  const lines = [`Rubric is running at ${url} (${database.kind} database, started in ${Date.now() - t0} ms)`];
  if (database.kind === 'embedded') {
    lines.push('The embedded database does not fsync: it survives a crash, not a power loss. Use DATABASE_URL in production.');
  }
  if (seeded) {
    lines.push('Demo workspace created. Sign in with any of these (password: ' + DEMO_PASSWORD + '):');
    for (const u of DEMO_USERS) lines.push(`  ${u.role.padEnd(15)} ${u.email}`);
  }
  console.log(lines.join('\n'));

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    try {
      await app.close(); // stops accepting, lets in-flight requests finish
      await runner.stop();
      await database.close();
      process.exit(0);
    } catch (e) {
      app.log.error({ err: e }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

await main();
