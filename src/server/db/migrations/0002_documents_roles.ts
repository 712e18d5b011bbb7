import { type Kysely, sql } from 'kysely';

/** Versioned documents (shared by organization roles, interview plans, job descriptions) and organization roles. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table documents (
      id uuid primary key,
      org_id uuid not null references organizations(id) on delete cascade,
      kind text not null,
      current_version_id uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index documents_org_kind_idx on documents (org_id, kind);

    create table document_versions (
      id uuid primary key,
      document_id uuid not null references documents(id) on delete cascade,
      org_id uuid not null references organizations(id) on delete cascade,
      number integer not null,
      body jsonb not null,
      note text,
      restored_from_id uuid references document_versions(id) on delete set null,
      created_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      unique (document_id, number)
    );

    alter table documents add constraint documents_current_version_fk
      foreign key (current_version_id) references document_versions(id) deferrable initially deferred;

    create table org_roles (
      id uuid primary key,
      org_id uuid not null references organizations(id) on delete cascade,
      document_id uuid not null unique references documents(id) on delete cascade,
      source_role_id text not null,
      title text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index org_roles_org_idx on org_roles (org_id, created_at);
  `.execute(db);
}
