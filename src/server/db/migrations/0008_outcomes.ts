import { type Kysely, sql } from 'kysely';

/**
 * Post-hire outcomes: one row per hired application and checkpoint (3, 6, 12 or 24 months), with
 * the measures the validity reports correlate with interview ratings. Every measure is optional,
 * but a row records at least one (DECISIONS 36: outcomes survive erasure with the application).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table outcomes (
      id uuid primary key,
      org_id uuid not null references organizations(id) on delete cascade,
      application_id uuid not null references applications(id) on delete cascade,
      checkpoint text not null check (checkpoint in ('3m', '6m', '12m', '24m')),
      performance_rating integer check (performance_rating between 1 and 5),
      retained boolean,
      ramp_days integer check (ramp_days >= 0),
      regretted_attrition boolean,
      manager_satisfaction integer check (manager_satisfaction between 1 and 5),
      note text check (char_length(note) <= 1000),
      recorded_by uuid references users(id) on delete set null,
      recorded_at timestamptz not null default now(),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (application_id, checkpoint),
      check (performance_rating is not null or retained is not null or ramp_days is not null
        or regretted_attrition is not null or manager_satisfaction is not null)
    );
    create index outcomes_org_idx on outcomes (org_id, checkpoint);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table outcomes;`.execute(db);
}
