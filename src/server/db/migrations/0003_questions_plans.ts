import { type Kysely, sql } from 'kysely';

/** The question bank (library rows have no organization) with full-text search, and interview plans. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table questions (
      id uuid primary key,
      ref text not null unique,
      org_id uuid references organizations(id) on delete cascade,
      source text not null check (source in ('library', 'org')),
      document_id uuid references documents(id) on delete cascade,
      version_number integer not null default 1,
      text text not null,
      type text not null,
      competencies text[] not null,
      roles text[] not null default '{}',
      seniority text[] not null,
      tags text[] not null default '{}',
      probes jsonb not null default '[]'::jsonb,
      strong_answer jsonb not null default '[]'::jsonb,
      red_flags jsonb not null default '[]'::jsonb,
      minutes integer not null,
      search tsvector not null,
      retired_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((source = 'library') = (org_id is null))
    );
    create index questions_search_idx on questions using gin (search);
    create index questions_org_idx on questions (org_id);
    create index questions_competencies_idx on questions using gin (competencies);

    create table plans (
      id uuid primary key,
      org_id uuid not null references organizations(id) on delete cascade,
      document_id uuid not null unique references documents(id) on delete cascade,
      title text not null,
      role_id text,
      source_guide text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index plans_org_idx on plans (org_id, created_at);
  `.execute(db);
}
