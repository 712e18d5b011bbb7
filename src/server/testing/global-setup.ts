import { buildTemplate } from '../../../scripts/build-template.ts';
import { prepareServerTemplate, testDatabaseUrl } from './test-db.ts';

/** Vitest global setup: the migrated PGlite template, and the server template database for test:pg. */
export default async function setup(): Promise<void> {
  await buildTemplate();
  const url = testDatabaseUrl();
  if (url) await prepareServerTemplate(url);
}
