import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.ts';
import * as m0002 from './0002_documents_roles.ts';
import * as m0003 from './0003_questions_plans.ts';
import * as m0004 from './0004_orchestrator.ts';
import * as m0005 from './0005_scheduling.ts';
import * as m0006 from './0006_job_descriptions.ts';
import * as m0007 from './0007_intelligence.ts';
import * as m0008 from './0008_outcomes.ts';
import * as m0009 from './0009_analytics.ts';
import * as m0010 from './0010_two_factor.ts';
import * as m0011 from './0011_privacy.ts';
import * as m0012 from './0012_webhooks.ts';
import * as m0013 from './0013_analytics_indexes.ts';

/** Append-only: add new migrations at the end, never edit a released one. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_documents_roles': m0002,
  '0003_questions_plans': m0003,
  '0004_orchestrator': m0004,
  '0005_scheduling': m0005,
  '0006_job_descriptions': m0006,
  '0007_intelligence': m0007,
  '0008_outcomes': m0008,
  '0009_analytics': m0009,
  '0010_two_factor': m0010,
  '0011_privacy': m0011,
  '0012_webhooks': m0012,
  '0013_analytics_indexes': m0013,
};
