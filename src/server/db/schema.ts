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
  requireTwoFactor: ColumnType<boolean, boolean | undefined, boolean>;
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
  secondFactorPending: ColumnType<boolean, boolean | undefined, boolean>;
  userAgent: string | null;
}

export interface UserTwoFactorTable {
  userId: string;
  /** AES-256-GCM, `iv.tag.ciphertext` base64url; never returned after enrolment. */
  secretEncrypted: string;
  confirmedAt: NullableTimestamp;
  lastUsedStep: number | null;
  createdAt: Timestamp;
}

export interface RecoveryCodesTable {
  id: string;
  userId: string;
  codeHash: string;
  usedAt: NullableTimestamp;
  createdAt: Timestamp;
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
  attachments: ColumnType<OutboxAttachment[], string | undefined, string>;
}

export interface OutboxAttachment {
  fileName: string;
  contentType: string;
  /** Text content (e.g. an iCalendar invite). */
  content: string;
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

export interface StageDef {
  id: string;
  name: string;
  kind: 'applied' | 'interview' | 'offer' | 'hired' | 'rejected' | 'custom';
  roundId: string | null;
}

export interface OpeningsTable {
  id: string;
  orgId: string;
  title: string;
  roleId: string | null;
  orgRoleId: string | null;
  planId: string;
  location: ColumnType<string, string | undefined, string>;
  remotePolicy: 'onsite' | 'hybrid' | 'remote';
  status: ColumnType<'draft' | 'open' | 'on_hold' | 'closed', 'draft' | 'open' | 'on_hold' | 'closed' | undefined, 'draft' | 'open' | 'on_hold' | 'closed'>;
  stages: Json<StageDef[]>;
  archivedAt: NullableTimestamp;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface JobDescriptionsTable {
  openingId: string;
  orgId: string;
  documentId: string;
  publishedVersionId: string | null;
  publishedAt: NullableTimestamp;
  publishedBy: string | null;
  /** YYYY-MM-DD (text, so both drivers read it the same way). */
  validThrough: ColumnType<string | null, string | null | undefined, string | null>;
  employmentType: ColumnType<string, string | undefined, string>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface ConsentsTable {
  id: string;
  orgId: string;
  candidateId: string;
  interviewId: string | null;
  kind: 'recording' | 'demographics';
  wordingVersion: string;
  givenAt: Timestamp;
  withdrawnAt: NullableTimestamp;
  recordedBy: string | null;
  createdAt: Timestamp;
}

export interface TranscriptsTable {
  id: string;
  orgId: string;
  interviewId: string;
  fileName: string;
  format: 'vtt' | 'srt' | 'text' | 'json';
  cues: Json<unknown[]>;
  warnings: Json<unknown[]>;
  speakerMap: Json<unknown[]>;
  analysis: ColumnType<unknown, string | null | undefined, string | null>;
  engineVersion: string | null;
  uploadedBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface TranscriptTurnsTable {
  transcriptId: string;
  orgId: string;
  idx: number;
  speaker: string | null;
  startMs: number;
  endMs: number;
  text: string;
  /** Generated tsvector (english) over text. */
  search: ColumnType<string | null, never, never>;
}

export type OutcomeCheckpoint = '3m' | '6m' | '12m' | '24m';

export interface OutcomesTable {
  id: string;
  orgId: string;
  applicationId: string;
  checkpoint: OutcomeCheckpoint;
  performanceRating: number | null;
  retained: boolean | null;
  rampDays: number | null;
  regrettedAttrition: boolean | null;
  managerSatisfaction: number | null;
  note: string | null;
  recordedBy: string | null;
  recordedAt: Timestamp;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export type DemographicSex = 'female' | 'male' | 'declined';
export type DemographicRace =
  | 'Hispanic or Latino'
  | 'White'
  | 'Black or African American'
  | 'Native Hawaiian or Other Pacific Islander'
  | 'Asian'
  | 'American Indian or Alaska Native'
  | 'Two or More Races'
  | 'declined';
export type DemographicAgeBand = 'under 40' | '40 and over' | 'declined';

export interface DemographicsTable {
  candidateId: string;
  orgId: string;
  sex: DemographicSex;
  raceEthnicity: DemographicRace;
  ageBand: DemographicAgeBand;
  consentId: string | null;
  source: 'form' | 'link' | 'import';
  submittedAt: Timestamp;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface DemographicLinksTable {
  id: string;
  orgId: string;
  candidateId: string;
  tokenHash: string;
  expiresAt: Timestamp;
  usedAt: NullableTimestamp;
  createdBy: string | null;
  createdAt: Timestamp;
}

export interface OpeningTeamTable {
  openingId: string;
  orgId: string;
  userId: string;
  teamRole: 'hiring_manager' | 'recruiter' | 'interviewer';
  roundId: ColumnType<string, string | undefined, string>;
}

export interface RejectionReasonsTable {
  orgId: string;
  code: string;
  label: string;
  position: number;
}

export interface CandidatesTable {
  id: string;
  orgId: string;
  name: string;
  email: string;
  phone: string | null;
  links: Json<string[]>;
  source: string | null;
  notes: string | null;
  resumeName: string | null;
  resumeType: string | null;
  resumeSize: number | null;
  resumeData: Buffer | null;
  resumeText: string | null;
  interviewDataPurgedAt: NullableTimestamp;
  /** Generated tsvector over name, email, source and résumé text. */
  search: ColumnType<string | null, never, never>;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface ApplicationsTable {
  id: string;
  orgId: string;
  openingId: string;
  /** Null once the candidate was erased (DECISIONS 36): then `erasedAt` and `subjectId` are set. */
  candidateId: string | null;
  stage: string;
  status: ColumnType<'active' | 'rejected' | 'hired', 'active' | 'rejected' | 'hired' | undefined, 'active' | 'rejected' | 'hired'>;
  rejectionReason: string | null;
  rejectionNote: string | null;
  version: ColumnType<number, number | undefined, number>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  erasedAt: NullableTimestamp;
  /** A random surrogate shared by an erased person's applications. */
  subjectId: string | null;
}

export interface StageMovesTable {
  id: string;
  orgId: string;
  applicationId: string;
  seq: number;
  fromStage: string | null;
  toStage: string;
  reasonCode: string | null;
  note: string | null;
  undoes: string | null;
  movedBy: string | null;
  movedAt: Timestamp;
}

export interface InterviewsTable {
  id: string;
  orgId: string;
  applicationId: string;
  roundId: string;
  startsAt: Timestamp;
  endsAt: Timestamp;
  timeZone: string;
  location: ColumnType<string, string | undefined, string>;
  status: ColumnType<'scheduled' | 'cancelled', 'scheduled' | 'cancelled' | undefined, 'scheduled' | 'cancelled'>;
  /** Stable iCalendar UID of the invites. */
  uid: string;
  /** iCalendar SEQUENCE: grows on every reschedule or cancel. */
  sequence: ColumnType<number, number | undefined, number>;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface InterviewInterviewersTable {
  interviewId: string;
  userId: string;
  seat: ColumnType<'interviewer' | 'shadow', 'interviewer' | 'shadow' | undefined, 'interviewer' | 'shadow'>;
}

export interface AvailabilityProfilesTable {
  orgId: string;
  userId: string;
  timeZone: string;
  /** ISO weekday ("1" Monday … "7" Sunday) → [from, to] local minutes. */
  workingHours: Json<Record<string, [number, number][]>>;
  maxPerDay: number | null;
  maxPerWeek: number | null;
  feedUrl: string | null;
  feedFetchedAt: NullableTimestamp;
  updatedAt: Timestamp;
}

export interface BusyBlocksTable {
  id: string;
  orgId: string;
  userId: string;
  source: 'ics' | 'feed' | 'manual';
  startsAt: Timestamp;
  endsAt: Timestamp;
  createdAt: Timestamp;
}

export interface InterviewerPoolsTable {
  id: string;
  orgId: string;
  name: string;
  createdAt: Timestamp;
}

export interface PoolMembersTable {
  poolId: string;
  userId: string;
  status: 'trained' | 'shadowing' | 'reverse_shadowing';
}

export interface CandidateWindowsTable {
  id: string;
  orgId: string;
  applicationId: string;
  startsAt: Timestamp;
  endsAt: Timestamp;
  timeZone: string;
  source: 'recruiter' | 'candidate';
  createdAt: Timestamp;
}

export interface AvailabilityLinksTable {
  id: string;
  orgId: string;
  applicationId: string;
  tokenHash: string;
  expiresAt: Timestamp;
  usedAt: NullableTimestamp;
  createdBy: string | null;
  createdAt: Timestamp;
}

export interface CalendarFeedsTable {
  orgId: string;
  userId: string;
  tokenHash: string;
  createdAt: Timestamp;
}

export interface ScorecardsTable {
  id: string;
  orgId: string;
  interviewId: string;
  applicationId: string;
  interviewerId: string;
  planVersionId: string;
  status: ColumnType<'draft' | 'submitted', 'draft' | 'submitted' | undefined, 'draft' | 'submitted'>;
  version: ColumnType<number, number | undefined, number>;
  body: Json;
  submittedAt: NullableTimestamp;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface RatingsTable {
  scorecardId: string;
  orgId: string;
  openingId: string;
  applicationId: string;
  interviewerId: string;
  competencyId: string;
  rating: number;
  submittedAt: Timestamp;
}

export interface ApplicationSummariesTable {
  applicationId: string;
  openingId: string;
  submitted: number;
  strongNo: number;
  no: number;
  yes: number;
  strongYes: number;
  /** Competency id → [n, mean, min, max] of the submitted ratings. */
  stats: Json<Record<string, [number, number, number, number]>>;
}

export interface ScorecardRevisionsTable {
  scorecardId: string;
  number: number;
  body: Json;
  createdBy: string | null;
  createdAt: Timestamp;
}

export interface DecisionsTable {
  id: string;
  orgId: string;
  applicationId: string;
  decision: 'advance' | 'reject' | 'offer' | 'hire';
  reasonCode: string;
  rationale: string;
  stageMoveId: string | null;
  decidedBy: string | null;
  decidedAt: Timestamp;
}

export interface FeedbackRemindersTable {
  interviewId: string;
  userId: string;
  kind: '24h' | '48h';
  sentAt: Timestamp;
}

export interface PrivacyLinksTable {
  id: string;
  orgId: string;
  candidateId: string;
  tokenHash: string;
  expiresAt: Timestamp;
  usedAt: NullableTimestamp;
  createdBy: string | null;
  createdAt: Timestamp;
}

export type PrivacyRequestKind = 'access' | 'erasure' | 'human_review';
export type PrivacyRequestStatus = 'open' | 'completed' | 'declined';

export interface PrivacyRequestsTable {
  id: string;
  orgId: string;
  candidateId: string | null;
  kind: PrivacyRequestKind;
  message: string | null;
  status: ColumnType<PrivacyRequestStatus, PrivacyRequestStatus | undefined, PrivacyRequestStatus>;
  dueAt: Timestamp;
  createdAt: Timestamp;
  resolvedAt: NullableTimestamp;
  resolvedBy: string | null;
  resolutionNote: string | null;
  receiptId: string | null;
}

export interface ErasureReceiptsTable {
  id: string;
  orgId: string;
  subjectId: string;
  trigger: 'request' | 'manual' | 'retention';
  requestId: string | null;
  policyId: string | null;
  erasedBy: string | null;
  erasedAt: Timestamp;
  /** Table → rows deleted or blanked (counts only, never the data). */
  removed: Json<Record<string, number>>;
  /** Table → rows kept in anonymized form for the statistics. */
  kept: Json<Record<string, number>>;
  /** sha256 over the receipt's canonical content. */
  digest: string;
}

export type RetentionAppliesTo = 'rejected' | 'hired' | 'any_closed';
export type RetentionAction = 'erase' | 'purge_interview_data';

export interface RetentionPoliciesTable {
  id: string;
  orgId: string;
  name: string;
  appliesTo: RetentionAppliesTo;
  afterMonths: number;
  action: RetentionAction;
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface LegalHoldsTable {
  candidateId: string;
  orgId: string;
  reason: string;
  placedBy: string | null;
  placedAt: Timestamp;
}

export interface RetentionRunsTable {
  id: string;
  orgId: string;
  trigger: 'schedule' | 'manual';
  ranBy: string | null;
  ranAt: Timestamp;
  erased: number;
  purged: number;
  held: number;
  receiptIds: Json<string[]>;
}

export type ApiTokenScope = 'read' | 'write';

export interface ApiTokensTable {
  id: string;
  orgId: string;
  userId: string;
  name: string;
  /** The first characters of the token, shown in lists to tell tokens apart. */
  prefix: string;
  tokenHash: string;
  scopes: ColumnType<ApiTokenScope[], ApiTokenScope[], ApiTokenScope[]>;
  createdAt: Timestamp;
  expiresAt: NullableTimestamp;
  lastUsedAt: NullableTimestamp;
  revokedAt: NullableTimestamp;
}

export interface WebhookEndpointsTable {
  id: string;
  orgId: string;
  url: string;
  description: ColumnType<string, string | undefined, string>;
  /** Subscribed event types; empty: every type. */
  events: ColumnType<string[], string[] | undefined, string[]>;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  /** AES-256-GCM, `iv.tag.ciphertext` base64url; shown in clear only at creation and rotation. */
  secretEncrypted: string;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export type WebhookDeliveryStatus = 'pending' | 'retrying' | 'delivered' | 'dead';

export interface WebhookDeliveriesTable {
  id: string;
  orgId: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  /** The event's data, frozen when the change happened (ids and codes only). */
  data: Json<Record<string, unknown>>;
  status: ColumnType<WebhookDeliveryStatus, WebhookDeliveryStatus | undefined, WebhookDeliveryStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: NullableTimestamp;
  deliveredAt: NullableTimestamp;
  createdAt: Timestamp;
}

export interface WebhookAttemptsTable {
  id: string;
  deliveryId: string;
  attempt: number;
  at: Timestamp;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

export interface DB {
  appSettings: AppSettingsTable;
  users: UsersTable;
  organizations: OrganizationsTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  userTwoFactor: UserTwoFactorTable;
  recoveryCodes: RecoveryCodesTable;
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
  openings: OpeningsTable;
  openingTeam: OpeningTeamTable;
  jobDescriptions: JobDescriptionsTable;
  consents: ConsentsTable;
  transcripts: TranscriptsTable;
  transcriptTurns: TranscriptTurnsTable;
  outcomes: OutcomesTable;
  demographics: DemographicsTable;
  demographicLinks: DemographicLinksTable;
  rejectionReasons: RejectionReasonsTable;
  candidates: CandidatesTable;
  applications: ApplicationsTable;
  stageMoves: StageMovesTable;
  interviews: InterviewsTable;
  interviewInterviewers: InterviewInterviewersTable;
  scorecards: ScorecardsTable;
  scorecardRevisions: ScorecardRevisionsTable;
  ratings: RatingsTable;
  applicationSummaries: ApplicationSummariesTable;
  availabilityProfiles: AvailabilityProfilesTable;
  busyBlocks: BusyBlocksTable;
  interviewerPools: InterviewerPoolsTable;
  poolMembers: PoolMembersTable;
  candidateWindows: CandidateWindowsTable;
  availabilityLinks: AvailabilityLinksTable;
  calendarFeeds: CalendarFeedsTable;
  decisions: DecisionsTable;
  feedbackReminders: FeedbackRemindersTable;
  privacyLinks: PrivacyLinksTable;
  privacyRequests: PrivacyRequestsTable;
  erasureReceipts: ErasureReceiptsTable;
  retentionPolicies: RetentionPoliciesTable;
  legalHolds: LegalHoldsTable;
  retentionRuns: RetentionRunsTable;
  apiTokens: ApiTokensTable;
  webhookEndpoints: WebhookEndpointsTable;
  webhookDeliveries: WebhookDeliveriesTable;
  webhookAttempts: WebhookAttemptsTable;
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
