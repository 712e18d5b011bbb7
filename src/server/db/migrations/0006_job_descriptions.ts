import { type Kysely, sql } from 'kysely';

/**
 * Job descriptions: one versioned document per job (the documents mechanism) and its publication
 * on the public careers page (which version, when, by whom, until when, employment type).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table job_descriptions (
      opening_id uuid primary key references openings(id) on delete cascade,
      org_id uuid not null references organizations(id) on delete cascade,
      document_id uuid not null references documents(id),
      published_version_id uuid references document_versions(id),
      published_at timestamptz,
      published_by uuid references users(id) on delete set null,
      valid_through text check (valid_through ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
      employment_type text not null default 'FULL_TIME',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((published_version_id is null) = (published_at is null))
    );
    create index job_descriptions_published_idx on job_descriptions (org_id, published_at) where published_version_id is not null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table job_descriptions`.execute(db);
}
