import { type Kysely, sql } from 'kysely';

/**
 * Interview intelligence: consent records (DECISIONS 27: one table for every kind; the privacy issue
 * adds what withdrawal triggers), one transcript per interview with its parsed cues, speaker mapping
 * and analysis (engine version stamped), and its turns as rows with a full-text index for search
 * with jump-to-time.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table consents (
      id uuid primary key,
      org_id uuid not null references organizations(id) on delete cascade,
      candidate_id uuid not null references candidates(id) on delete cascade,
      interview_id uuid references interviews(id) on delete cascade,
      kind text not null check (kind in ('recording', 'demographics')),
      wording_version text not null,
      given_at timestamptz not null,
      withdrawn_at timestamptz,
      recorded_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      check (withdrawn_at is null or withdrawn_at >= given_at)
    );
    create index consents_candidate_idx on consents (org_id, candidate_id, kind);
    create index consents_interview_idx on consents (interview_id) where interview_id is not null;

    create table transcripts (
      id uuid primary key,
      org_id uuid not null references organizations(id) on delete cascade,
      interview_id uuid not null unique references interviews(id) on delete cascade,
      file_name text not null,
      format text not null check (format in ('vtt', 'srt', 'text', 'json')),
      cues jsonb not null,
      warnings jsonb not null default '[]',
      speaker_map jsonb not null default '[]',
      analysis jsonb,
      engine_version text,
      uploaded_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );

    create table transcript_turns (
      transcript_id uuid not null references transcripts(id) on delete cascade,
      org_id uuid not null references organizations(id) on delete cascade,
      idx integer not null,
      speaker text,
      start_ms integer not null,
      end_ms integer not null,
      text text not null,
      search tsvector generated always as (to_tsvector('english', text)) stored,
      primary key (transcript_id, idx)
    );
    create index transcript_turns_search_idx on transcript_turns using gin (search);
    create index transcript_turns_org_idx on transcript_turns (org_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table transcript_turns; drop table transcripts; drop table consents;`.execute(db);
}
