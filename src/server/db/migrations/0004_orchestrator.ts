import { type Kysely, sql } from 'kysely';

/**
 * The interview orchestrator: openings (hiring "jobs"; the table name keeps them apart from the job
 * runner's `jobs`), hiring teams, candidates and applications with stage history, interviews,
 * scorecards with revisions, decisions and feedback reminders.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table openings (
      id uuid primary key,
      org_id uuid not null references organizations(id) on delete cascade,
      title text not null,
      role_id text,
      org_role_id uuid references org_roles(id) on delete set null,
      plan_id uuid not null references plans(id),
      location text not null default '',
      remote_policy text not null check (remote_policy in ('onsite', 'hybrid', 'remote')),
      status text not null default 'draft' check (status in ('draft', 'open', 'on_hold', 'closed')),
      stages jsonb not null,
      archived_at timestamptz,
      created_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index openings_org_idx on openings (org_id, created_at);

    create table opening_team (
      opening_id uuid not null references openings(id) on delete cascade,
      org_id uuid not null references organizations(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      team_role text not null check (team_role in ('hiring_manager', 'recruiter', 'interviewer')),
      round_id text not null default '',
      primary key (opening_id, user_id, team_role, round_id)
    );
    create index opening_team_user_idx on opening_team (user_id);

    create table rejection_reasons (
      org_id uuid not null references organizations(id) on delete cascade,
      code text not null,
      label text not null,
      position integer not null,
      primary key (org_id, code)
    );

    create table candidates (
      id uuid primary key,
      org_id uuid not null references organizations(id) on delete cascade,
      name text not null,
      email text not null,
      phone text,
      links jsonb not null default '[]'::jsonb,
      source text,
      notes text,
      resume_name text,
      resume_type text,
      resume_size integer,
      resume_data bytea,
      resume_text text,
      search tsvector generated always as (
        to_tsvector('simple', name || ' ' || email || ' ' || coalesce(source, '') || ' ' || coalesce(resume_text, ''))
      ) stored,
      created_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (org_id, email)
    );
    create index candidates_search_idx on candidates using gin (search);

    create table applications (
      id uuid primary key,
      org_id uuid not null references organizations(id) on delete cascade,
      opening_id uuid not null references openings(id),
      candidate_id uuid not null references candidates(id) on delete cascade,
      stage text not null,
      status text not null default 'active' check (status in ('active', 'rejected', 'hired')),
      rejection_reason text,
      rejection_note text,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (opening_id, candidate_id)
    );
    create index applications_opening_idx on applications (opening_id, created_at);
    create index applications_candidate_idx on applications (candidate_id);

    create table stage_moves (
      id uuid primary key,
      org_id uuid not null references organizations(id) on delete cascade,
      application_id uuid not null references applications(id) on delete cascade,
      seq integer not null,
      from_stage text,
      to_stage text not null,
      reason_code text,
      note text,
      undoes uuid references stage_moves(id),
      moved_by uuid references users(id) on delete set null,
      moved_at timestamptz not null default now(),
      unique (application_id, seq)
    );

    create table interviews (
      id uuid primary key,
      org_id uuid not null references organizations(id) on delete cascade,
      application_id uuid not null references applications(id) on delete cascade,
      round_id text not null,
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      time_zone text not null,
      location text not null default '',
      status text not null default 'scheduled' check (status in ('scheduled', 'cancelled')),
      created_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (ends_at > starts_at)
    );
    create index interviews_application_idx on interviews (application_id);
    create index interviews_ends_idx on interviews (ends_at);

    create table interview_interviewers (
      interview_id uuid not null references interviews(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      primary key (interview_id, user_id)
    );
    create index interview_interviewers_user_idx on interview_interviewers (user_id);

    create table scorecards (
      id uuid primary key,
      org_id uuid not null references organizations(id) on delete cascade,
      interview_id uuid not null references interviews(id) on delete cascade,
      application_id uuid not null references applications(id) on delete cascade,
      interviewer_id uuid not null references users(id) on delete cascade,
      plan_version_id uuid not null references document_versions(id),
      status text not null default 'draft' check (status in ('draft', 'submitted')),
      version integer not null default 1,
      body jsonb not null,
      submitted_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (interview_id, interviewer_id)
    );
    create index scorecards_application_idx on scorecards (application_id);

    -- Submitted ratings, one row per scorecard and competency (rewritten on each submit): reports
    -- aggregate them with GROUP BY instead of reading scorecard bodies.
    create table ratings (
      scorecard_id uuid not null references scorecards(id) on delete cascade,
      org_id uuid not null references organizations(id) on delete cascade,
      opening_id uuid not null references openings(id) on delete cascade,
      application_id uuid not null references applications(id) on delete cascade,
      interviewer_id uuid not null references users(id) on delete cascade,
      competency_id text not null,
      rating smallint not null check (rating between 1 and 4),
      submitted_at timestamptz not null,
      primary key (scorecard_id, competency_id)
    );
    create index ratings_opening_idx on ratings (opening_id, application_id);

    create table scorecard_revisions (
      scorecard_id uuid not null references scorecards(id) on delete cascade,
      number integer not null,
      body jsonb not null,
      created_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      primary key (scorecard_id, number)
    );

    create table decisions (
      id uuid primary key,
      org_id uuid not null references organizations(id) on delete cascade,
      application_id uuid not null references applications(id) on delete cascade,
      decision text not null check (decision in ('advance', 'reject', 'offer', 'hire')),
      reason_code text not null,
      rationale text not null,
      stage_move_id uuid references stage_moves(id),
      decided_by uuid references users(id) on delete set null,
      decided_at timestamptz not null default now()
    );
    create index decisions_application_idx on decisions (application_id, decided_at);

    create table feedback_reminders (
      interview_id uuid not null references interviews(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      kind text not null check (kind in ('24h', '48h')),
      sent_at timestamptz not null default now(),
      primary key (interview_id, user_id, kind)
    );
  `.execute(db);
}
