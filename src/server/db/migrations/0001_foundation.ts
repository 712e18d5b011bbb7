import { type Kysely, sql } from 'kysely';

/** Accounts, organizations, sessions, invitations, the outbox, jobs, audit, rate limits, idempotency. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table app_settings (
      key text primary key,
      value jsonb not null,
      updated_at timestamptz not null default now()
    );

    create table users (
      id uuid primary key,
      email text not null,
      name text not null,
      password_hash text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index users_email_key on users (lower(email));

    create table organizations (
      id uuid primary key,
      name text not null,
      slug text not null unique,
      settings jsonb not null default '{}'::jsonb,
      created_at timestamptz not null default now()
    );

    create table memberships (
      org_id uuid not null references organizations(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      role text not null check (role in ('owner','admin','recruiter','hiring_manager','interviewer')),
      compliance boolean not null default false,
      created_at timestamptz not null default now(),
      primary key (org_id, user_id)
    );
    create index memberships_user_idx on memberships (user_id);

    create table sessions (
      id text primary key,
      user_id uuid not null references users(id) on delete cascade,
      active_org_id uuid references organizations(id) on delete set null,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null
    );
    create index sessions_user_idx on sessions (user_id);

    create table invitations (
      id uuid primary key,
      org_id uuid not null references organizations(id) on delete cascade,
      email text not null,
      role text not null check (role in ('owner','admin','recruiter','hiring_manager','interviewer')),
      token_hash text not null unique,
      invited_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      accepted_at timestamptz,
      accepted_by uuid references users(id) on delete set null,
      revoked_at timestamptz
    );
    create index invitations_org_idx on invitations (org_id, created_at);
    create unique index invitations_open_email_key on invitations (org_id, lower(email))
      where accepted_at is null and revoked_at is null;

    create table password_resets (
      id uuid primary key,
      user_id uuid not null references users(id) on delete cascade,
      token_hash text not null unique,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz
    );

    create table outbox (
      id uuid primary key,
      org_id uuid references organizations(id) on delete cascade,
      recipient_user_id uuid references users(id) on delete set null,
      to_address text not null,
      subject text not null,
      body_text text not null,
      kind text not null,
      status text not null check (status in ('held','queued','sent','failed')),
      attempts integer not null default 0,
      last_error text,
      created_at timestamptz not null default now(),
      sent_at timestamptz
    );
    create index outbox_org_idx on outbox (org_id, created_at desc);

    create table jobs (
      id bigserial primary key,
      name text not null,
      payload jsonb not null default '{}'::jsonb,
      unique_key text unique,
      status text not null default 'queued' check (status in ('queued','running','done','dead')),
      attempts integer not null default 0,
      max_attempts integer not null default 5,
      run_at timestamptz not null default now(),
      locked_at timestamptz,
      locked_by text,
      last_error text,
      created_at timestamptz not null default now(),
      finished_at timestamptz
    );
    create index jobs_due_idx on jobs (run_at) where status = 'queued';

    create table audit_log (
      id bigserial primary key,
      org_id uuid,
      actor_user_id uuid,
      action text not null,
      target_type text,
      target_id text,
      details jsonb not null default '{}'::jsonb,
      request_id text,
      created_at timestamptz not null default now(),
      prev_hash text not null,
      hash text not null
    );
    create index audit_log_org_idx on audit_log (org_id, id desc);

    create table audit_head (
      id integer primary key check (id = 1),
      last_id bigint not null default 0,
      last_hash text not null
    );
    insert into audit_head (id, last_id, last_hash) values (1, 0, repeat('0', 64));

    create table rate_limits (
      key text primary key,
      window_start timestamptz not null,
      count integer not null
    );

    create table idempotency_keys (
      scope text not null,
      key text not null,
      request_hash text not null,
      status_code integer,
      response jsonb,
      created_at timestamptz not null default now(),
      primary key (scope, key)
    );
  `.execute(db);
}
