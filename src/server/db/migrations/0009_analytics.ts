import { type Kysely, sql } from 'kysely';

/**
 * Analytics: voluntary self-identified demographics (DECISIONS 35) in their own table, readable
 * individually only by members holding `compliance`; single-use self-identification links sent
 * through the outbox; indexes for the report queries (aggregation in SQL, DECISIONS 34).
 *
 * Every characteristic may be 'declined'; a missing row means "not provided". The values are the
 * EEO-1 categories (race/ethnicity), sex as collected there, and the two age bands of the ADEA.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table demographics (
      candidate_id uuid primary key references candidates(id) on delete cascade,
      org_id uuid not null references organizations(id) on delete cascade,
      sex text not null check (sex in ('female', 'male', 'declined')),
      race_ethnicity text not null check (race_ethnicity in ('Hispanic or Latino', 'White', 'Black or African American',
        'Native Hawaiian or Other Pacific Islander', 'Asian', 'American Indian or Alaska Native', 'Two or More Races', 'declined')),
      age_band text not null check (age_band in ('under 40', '40 and over', 'declined')),
      consent_id uuid references consents(id) on delete set null,
      source text not null check (source in ('form', 'link', 'import')),
      submitted_at timestamptz not null default now(),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index demographics_org_idx on demographics (org_id);

    create table demographic_links (
      id uuid primary key,
      org_id uuid not null references organizations(id) on delete cascade,
      candidate_id uuid not null references candidates(id) on delete cascade,
      token_hash text not null unique,
      expires_at timestamptz not null,
      used_at timestamptz,
      created_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now()
    );
    create index demographic_links_candidate_idx on demographic_links (candidate_id);

    create index ratings_org_competency_idx on ratings (org_id, competency_id);
    create index ratings_org_interviewer_idx on ratings (org_id, interviewer_id);
    create index applications_org_created_idx on applications (org_id, created_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index applications_org_created_idx;
    drop index ratings_org_interviewer_idx;
    drop index ratings_org_competency_idx;
    drop table demographic_links;
    drop table demographics;
  `.execute(db);
}
