import { randomBytes } from 'node:crypto';
import type { Config } from '../config.ts';
import type { Db } from './connect.ts';
import { insertSettingIfAbsent } from './settings.queries.ts';

/**
 * SESSION_SECRET from the environment, else the one stored in the database (generated on first run),
 * so every instance sharing the database signs with the same secret. Returns a config carrying it.
 */
export async function withSessionSecret(db: Db, config: Config): Promise<Config> {
  if (config.auth.sessionSecret) return config;
  const secret = await insertSettingIfAbsent(db, 'session_secret', randomBytes(32).toString('base64url'));
  return { ...config, auth: { ...config.auth, sessionSecret: secret } };
}
