import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.ts';

/** Append-only: add new migrations at the end, never edit a released one. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
};
