import { type Kysely, sql } from 'kysely';

/**
 * Scheduling: interviewer availability (weekly hours in their zone, busy blocks from .ics files,
 * feeds or by hand — times only, never titles), interviewer pools with training status, candidate
 * windows and single-use availability links, invite identity on interviews (UID, SEQUENCE),
 * shadows on panels, private calendar feed tokens and outbox attachments; and per-application rating
 * summaries for the job comparison.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table availability_profiles (
      org_id uuid not null references organizations(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      time_zone text not null,
      working_hours jsonb not null,
      max_per_day integer check (max_per_day between 1 and 20),
      max_per_week integer check (max_per_week between 1 and 60),
      feed_url text,
      feed_fetched_at timestamptz,
      updated_at timestamptz not null default now(),
      primary key (org_id, user_id)
    );

    create table busy_blocks (
      id uuid primary key,
      org_id uuid not null references organizations(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      source text not null check (source in ('ics', 'feed', 'manual')),
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      created_at timestamptz not null default now(),
      check (ends_at > starts_at)
    );
    create index busy_blocks_user_idx on busy_blocks (org_id, user_id, starts_at);

    create table interviewer_pools (
      id uuid primary key,
      org_id uuid not null references organizations(id) on delete cascade,
      name text not null,
      created_at timestamptz not null default now(),
      unique (org_id, name)
    );

    create table pool_members (
      pool_id uuid not null references interviewer_pools(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      status text not null check (status in ('trained', 'shadowing', 'reverse_shadowing')),
      primary key (pool_id, user_id)
    );

    create table candidate_windows (
      id uuid primary key,
      org_id uuid not null references organizations(id) on delete cascade,
      application_id uuid not null references applications(id) on delete cascade,
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      time_zone text not null,
      source text not null check (source in ('recruiter', 'candidate')),
      created_at timestamptz not null default now(),
      check (ends_at > starts_at)
    );
    create index candidate_windows_application_idx on candidate_windows (application_id, starts_at);

    create table availability_links (
      id uuid primary key,
      org_id uuid not null references organizations(id) on delete cascade,
      application_id uuid not null references applications(id) on delete cascade,
      token_hash text not null unique,
      expires_at timestamptz not null,
      used_at timestamptz,
      created_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now()
    );

    create table calendar_feeds (
      org_id uuid not null references organizations(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      token_hash text not null unique,
      created_at timestamptz not null default now(),
      primary key (org_id, user_id)
    );

    alter table interviews add column uid text;
    alter table interviews add column sequence integer not null default 0;
    update interviews set uid = id::text || '@rubric';
    alter table interviews alter column uid set not null;
    alter table interviews add constraint interviews_uid_unique unique (uid);

    alter table interview_interviewers add column seat text not null default 'interviewer' check (seat in ('interviewer', 'shadow'));

    alter table outbox add column attachments jsonb not null default '[]'::jsonb;

    -- Sufficient statistics per application, rewritten on every submit, so the job comparison reads
    -- one row per candidate instead of aggregating every rating. stats: competency id → [n, mean, min, max].
    create table application_summaries (
      application_id uuid primary key references applications(id) on delete cascade,
      opening_id uuid not null references openings(id) on delete cascade,
      submitted integer not null,
      strong_no integer not null,
      no integer not null,
      yes integer not null,
      strong_yes integer not null,
      stats jsonb not null default '{}'::jsonb
    );
    create index application_summaries_opening_idx on application_summaries (opening_id);
  `.execute(db);
}
