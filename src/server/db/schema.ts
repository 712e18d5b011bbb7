import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * The database as Kysely sees it (camelCase; CamelCasePlugin maps to snake_case).
 * Hand-kept: schema.test.ts compares it with the migrated schema.
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T = unknown> = ColumnType<T, string | undefined, string>;

export interface AppSettingsTable {
  key: string;
  value: Json;
  updatedAt: Timestamp;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface OrganizationsTable {
  id: string;
  name: string;
  slug: string;
  settings: Json<Record<string, unknown>>;
  createdAt: Timestamp;
}

export interface MembershipsTable {
  orgId: string;
  userId: string;
  role: string;
  compliance: ColumnType<boolean, boolean | undefined, boolean>;
  createdAt: Timestamp;
}

export interface SessionsTable {
  id: string;
  userId: string;
  activeOrgId: string | null;
  createdAt: Timestamp;
  lastSeenAt: Timestamp;
  expiresAt: Timestamp;
}

export interface InvitationsTable {
  id: string;
  orgId: string;
  email: string;
  role: string;
  tokenHash: string;
  invitedBy: string | null;
  createdAt: Timestamp;
  expiresAt: Timestamp;
  acceptedAt: NullableTimestamp;
  acceptedBy: string | null;
  revokedAt: NullableTimestamp;
}

export interface PasswordResetsTable {
  id: string;
  userId: string;
  tokenHash: string;
  createdAt: Timestamp;
  expiresAt: Timestamp;
  usedAt: NullableTimestamp;
}

export interface OutboxTable {
  id: string;
  orgId: string | null;
  recipientUserId: string | null;
  toAddress: string;
  subject: string;
  bodyText: string;
  kind: string;
  status: 'held' | 'queued' | 'sent' | 'failed';
  attempts: ColumnType<number, number | undefined, number>;
  lastError: string | null;
  createdAt: Timestamp;
  sentAt: NullableTimestamp;
}

export interface JobsTable {
  id: Generated<number>;
  name: string;
  payload: Json<Record<string, unknown>>;
  uniqueKey: string | null;
  status: ColumnType<'queued' | 'running' | 'done' | 'dead', 'queued' | undefined, 'queued' | 'running' | 'done' | 'dead'>;
  attempts: ColumnType<number, number | undefined, number>;
  maxAttempts: ColumnType<number, number | undefined, number>;
  runAt: Timestamp;
  lockedAt: NullableTimestamp;
  lockedBy: string | null;
  lastError: string | null;
  createdAt: Timestamp;
  finishedAt: NullableTimestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  orgId: string | null;
  actorUserId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Json<Record<string, unknown>>;
  requestId: string | null;
  createdAt: Timestamp;
  prevHash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  lastId: number;
  lastHash: string;
}

export interface RateLimitsTable {
  key: string;
  windowStart: Timestamp;
  count: number;
}

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  requestHash: string;
  statusCode: number | null;
  response: Json | null;
  createdAt: Timestamp;
}

export interface DocumentsTable {
  id: string;
  orgId: string;
  kind: string;
  currentVersionId: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface DocumentVersionsTable {
  id: string;
  documentId: string;
  orgId: string;
  number: number;
  body: Json<unknown>;
  note: string | null;
  restoredFromId: string | null;
  createdBy: string | null;
  createdAt: Timestamp;
}

export interface OrgRolesTable {
  id: string;
  orgId: string;
  documentId: string;
  sourceRoleId: string;
  title: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface QuestionsTable {
  id: string;
  ref: string;
  orgId: string | null;
  source: 'library' | 'org';
  documentId: string | null;
  versionNumber: ColumnType<number, number | undefined, number>;
  text: string;
  type: string;
  competencies: ColumnType<string[], string[], string[]>;
  roles: ColumnType<string[], string[] | undefined, string[]>;
  seniority: ColumnType<string[], string[], string[]>;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  probes: Json<string[]>;
  strongAnswer: Json<string[]>;
  redFlags: Json<string[]>;
  minutes: number;
  /** tsvector, written with to_tsvector('english', …) by the queries. */
  search: ColumnType<string, unknown, unknown>;
  retiredAt: NullableTimestamp;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface PlansTable {
  id: string;
  orgId: string;
  documentId: string;
  title: string;
  roleId: string | null;
  sourceGuide: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface DB {
  appSettings: AppSettingsTable;
  users: UsersTable;
  organizations: OrganizationsTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  invitations: InvitationsTable;
  passwordResets: PasswordResetsTable;
  outbox: OutboxTable;
  jobs: JobsTable;
  auditLog: AuditLogTable;
  auditHead: AuditHeadTable;
  rateLimits: RateLimitsTable;
  idempotencyKeys: IdempotencyKeysTable;
  documents: DocumentsTable;
  documentVersions: DocumentVersionsTable;
  orgRoles: OrgRolesTable;
  questions: QuestionsTable;
  plans: PlansTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type OrganizationRow = Selectable<OrganizationsTable>;
export type MembershipRow = Selectable<MembershipsTable>;
export type SessionRow = Selectable<SessionsTable>;
export type InvitationRow = Selectable<InvitationsTable>;
export type OutboxRow = Selectable<OutboxTable>;
export type JobRow = Selectable<JobsTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type OrganizationUpdate = Updateable<OrganizationsTable>;
