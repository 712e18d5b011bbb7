import { type Kysely, sql } from 'kysely';

/**
 * Two-factor sign-in (issue 10): a TOTP secret per user, stored encrypted (AES-256-GCM under a key
 * derived from the stored session secret) and never returned after enrolment; `confirmed_at` is set
 * once a first code proved the authenticator works; `last_used_step` refuses a code twice (replay).
 * Recovery codes are stored as sha256 hashes, single use. Sessions gain `second_factor_pending` (a
 * password-verified sign-in waiting for its code: it authenticates nothing else) and the user agent
 * for the session list. Organizations gain the "require two-factor sign-in" setting.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table user_two_factor (
      user_id uuid primary key references users(id) on delete cascade,
      secret_encrypted text not null,
      confirmed_at timestamptz,
      last_used_step integer,
      created_at timestamptz not null default now()
    );

    create table recovery_codes (
      id uuid primary key,
      user_id uuid not null references users(id) on delete cascade,
      code_hash text not null unique,
      used_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index recovery_codes_user_idx on recovery_codes (user_id);

    alter table sessions add column second_factor_pending boolean not null default false;
    alter table sessions add column user_agent text;

    alter table organizations add column require_two_factor boolean not null default false;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table organizations drop column require_two_factor;
    alter table sessions drop column user_agent;
    alter table sessions drop column second_factor_pending;
    drop table recovery_codes;
    drop table user_two_factor;
  `.execute(db);
}
