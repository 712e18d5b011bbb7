import { type Kysely, sql } from 'kysely';

/**
 * Privacy and trust (issue 10).
 * - Erasure (DECISIONS 36): an erased candidate's row is deleted; each of their applications keeps
 *   its dated stage moves, ratings, decision and outcome, with `candidate_id` null, `erased_at` set
 *   and `subject_id` — one random surrogate shared by that person's applications. Receipts record
 *   what was removed (counts per table, never the data) with a digest over their content.
 * - Notice and request page: single-use links per candidate (hashed), requests (access, erasure,
 *   human review) in a queue with a due date.
 * - Retention: policies per organization (rejected / hired / any closed application, N months after
 *   the decision, erase or purge interview data; the latest date wins), legal holds that suspend
 *   them, and a log of runs. `candidates.interview_data_purged_at` marks a purge done.
 * - API tokens: scoped, hashed at rest (sha256), shown once, revocable, with last-used time.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table applications alter column candidate_id drop not null;
    alter table applications add column erased_at timestamptz;
    alter table applications add column subject_id uuid;
    create index applications_subject_idx on applications (subject_id) where subject_id is not null;

    alter table candidates add column interview_data_purged_at timestamptz;

    create table privacy_links (
      id uuid primary key,
      org_id uuid not null references organizations(id) on delete cascade,
      candidate_id uuid not null references candidates(id) on delete cascade,
      token_hash text not null unique,
      expires_at timestamptz not null,
      used_at timestamptz,
      created_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now()
    );
    create index privacy_links_candidate_idx on privacy_links (candidate_id);

    create table privacy_requests (
      id uuid primary key,
      org_id uuid not null references organizations(id) on delete cascade,
      candidate_id uuid references candidates(id) on delete set null,
      kind text not null check (kind in ('access', 'erasure', 'human_review')),
      message text,
      status text not null default 'open' check (status in ('open', 'completed', 'declined')),
      due_at timestamptz not null,
      created_at timestamptz not null default now(),
      resolved_at timestamptz,
      resolved_by uuid references users(id) on delete set null,
      resolution_note text,
      receipt_id uuid
    );
    create index privacy_requests_org_idx on privacy_requests (org_id, status, due_at);
    create index privacy_requests_candidate_idx on privacy_requests (candidate_id);

    create table erasure_receipts (
      id uuid primary key,
      org_id uuid not null references organizations(id) on delete cascade,
      subject_id uuid not null,
      trigger text not null check (trigger in ('request', 'manual', 'retention')),
      request_id uuid references privacy_requests(id) on delete set null,
      policy_id uuid,
      erased_by uuid references users(id) on delete set null,
      erased_at timestamptz not null,
      removed jsonb not null,
      kept jsonb not null,
      digest text not null
    );
    create index erasure_receipts_org_idx on erasure_receipts (org_id, erased_at desc);

    create table retention_policies (
      id uuid primary key,
      org_id uuid not null references organizations(id) on delete cascade,
      name text not null,
      applies_to text not null check (applies_to in ('rejected', 'hired', 'any_closed')),
      after_months integer not null check (after_months between 0 and 600),
      action text not null check (action in ('erase', 'purge_interview_data')),
      enabled boolean not null default true,
      created_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index retention_policies_org_idx on retention_policies (org_id);

    create table legal_holds (
      candidate_id uuid primary key references candidates(id) on delete cascade,
      org_id uuid not null references organizations(id) on delete cascade,
      reason text not null,
      placed_by uuid references users(id) on delete set null,
      placed_at timestamptz not null default now()
    );
    create index legal_holds_org_idx on legal_holds (org_id);

    create table retention_runs (
      id uuid primary key,
      org_id uuid not null references organizations(id) on delete cascade,
      trigger text not null check (trigger in ('schedule', 'manual')),
      ran_by uuid references users(id) on delete set null,
      ran_at timestamptz not null,
      erased integer not null,
      purged integer not null,
      held integer not null,
      receipt_ids jsonb not null default '[]'
    );
    create index retention_runs_org_idx on retention_runs (org_id, ran_at desc);

    create table api_tokens (
      id uuid primary key,
      org_id uuid not null references organizations(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      name text not null,
      prefix text not null,
      token_hash text not null unique,
      scopes text[] not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz,
      last_used_at timestamptz,
      revoked_at timestamptz
    );
    create index api_tokens_org_idx on api_tokens (org_id, user_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table api_tokens;
    drop table retention_runs;
    drop table legal_holds;
    drop table retention_policies;
    drop table erasure_receipts;
    drop table privacy_requests;
    drop table privacy_links;
    alter table candidates drop column interview_data_purged_at;
    drop index applications_subject_idx;
    alter table applications drop column subject_id;
    alter table applications drop column erased_at;
    delete from applications where candidate_id is null;
    alter table applications alter column candidate_id set not null;
  `.execute(db);
}
