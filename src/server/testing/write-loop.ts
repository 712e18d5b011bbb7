// Child process for the crash test: opens the embedded database in argv[2] and commits one row at a
// time, printing each key after its commit returns, until it is killed.
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/connect.ts';

const database = await openDatabase(loadConfig({ RUBRIC_DATA_DIR: process.argv[2]!, LOG_LEVEL: 'silent' }));
process.stdout.write('ready\n');
for (let i = 0; ; i++) {
  await database.db.transaction().execute(async (tx) => {
    await tx.insertInto('appSettings').values({ key: `crash-${i}`, value: JSON.stringify({ i, pad: 'x'.repeat(200) }) }).execute();
  });
  process.stdout.write(`${i}\n`);
}
