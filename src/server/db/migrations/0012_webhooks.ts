import { type Kysely, sql } from 'kysely';

/**
 * Webhooks (issue 11).
 * - `webhook_endpoints`: per organization, a URL (http/https), a description, the subscribed event
 *   types (empty array: every type), an active flag and the signing secret, encrypted at rest
 *   (AES-256-GCM, the helper two-factor uses for TOTP secrets) because it must be readable to sign.
 * - `webhook_deliveries`: one row per (event, endpoint), written in the transaction of the change
 *   with the event's data frozen; `webhooks.deliver` jobs send it. Status: pending (never tried),
 *   retrying, delivered, dead (dead-lettered after the last attempt).
 * - `webhook_attempts`: every attempt with its status code or error and duration.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table webhook_endpoints (
      id uuid primary key,
      org_id uuid not null references organizations(id) on delete cascade,
      url text not null,
      description text not null default '',
      events text[] not null default '{}',
      active boolean not null default true,
      secret_encrypted text not null,
      created_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index webhook_endpoints_org_idx on webhook_endpoints (org_id, created_at);

    create table webhook_deliveries (
      id uuid primary key,
      org_id uuid not null references organizations(id) on delete cascade,
      endpoint_id uuid not null references webhook_endpoints(id) on delete cascade,
      event_id uuid not null,
      event_type text not null,
      data jsonb not null,
      status text not null default 'pending' check (status in ('pending', 'retrying', 'delivered', 'dead')),
      attempts integer not null default 0,
      last_status_code integer,
      last_error text,
      next_attempt_at timestamptz,
      delivered_at timestamptz,
      created_at timestamptz not null
    );
    create index webhook_deliveries_endpoint_idx on webhook_deliveries (endpoint_id, created_at desc, id);
    create index webhook_deliveries_org_idx on webhook_deliveries (org_id, created_at desc);

    create table webhook_attempts (
      id uuid primary key,
      delivery_id uuid not null references webhook_deliveries(id) on delete cascade,
      attempt integer not null,
      at timestamptz not null,
      status_code integer,
      error text,
      duration_ms integer not null
    );
    create index webhook_attempts_delivery_idx on webhook_attempts (delivery_id, attempt);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table webhook_attempts;
    drop table webhook_deliveries;
    drop table webhook_endpoints;
  `.execute(db);
}
