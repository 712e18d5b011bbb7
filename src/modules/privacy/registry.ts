/**
 * The personal-data registry (DECISIONS 36): every column of type text, varchar, json(b), bytea,
 * tsvector or array in the public schema, classified by whose personal data it may hold.
 *
 * - `candidate`: may hold a candidate's personal data; `erasure` says what erasing the candidate
 *   does to it (erasure.service.ts).
 * - `staff`: personal data of members and users (names, addresses, devices); not touched by a
 *   candidate's erasure.
 * - `none`: configuration, codes, enums, hashes, tokens or ids; `note` says why.
 *
 * registry.test.ts compares this map with the migrated database in both directions, and the erasure
 * proof test searches every column listed here for an erased candidate's marker. A new migration
 * that adds such a column must add it here.
 */

export type Holder = 'candidate' | 'staff' | 'none';

export interface RegistryEntry {
  holds: Holder;
  /** For `candidate`: what erasure does to the column. */
  erasure?: string;
  /** Why the classification holds (required for `none`). */
  note?: string;
}

const WITH_CANDIDATE = 'deleted with the candidate';
const WITH_ROWS = (what: string) => `rows deleted with the candidate (${what})`;
const CODE = (what: string): RegistryEntry => ({ holds: 'none', note: what });
const HASH: RegistryEntry = { holds: 'none', note: 'sha256 hash of a random token' };

export const personalDataRegistry: Record<string, RegistryEntry> = {
  // ── Accounts and organizations ──────────────────────────────────────────────────────────────
  'app_settings.key': CODE('setting name'),
  'app_settings.value': CODE('instance settings (generated session secret, demo preference)'),
  'users.email': { holds: 'staff' },
  'users.name': { holds: 'staff' },
  'users.password_hash': CODE('scrypt hash'),
  'user_two_factor.secret_encrypted': CODE('encrypted TOTP secret of a user'),
  'recovery_codes.code_hash': HASH,
  'organizations.name': CODE('organization name'),
  'organizations.slug': CODE('organization slug'),
  'organizations.settings': CODE('organization settings (roles, stages, switches)'),
  'memberships.role': CODE('enum'),
  'sessions.id': CODE('sha256 hash of the session token'),
  'sessions.user_agent': { holds: 'staff', note: "the member's browser" },
  'invitations.email': { holds: 'staff', note: 'address of an invited member' },
  'invitations.role': CODE('enum'),
  'invitations.token_hash': HASH,
  'password_resets.token_hash': HASH,
  'api_tokens.name': { holds: 'staff', note: 'label a member gave their token' },
  'api_tokens.prefix': CODE('first characters of a token, for recognising it'),
  'api_tokens.token_hash': HASH,
  'api_tokens.scopes': CODE('scope names'),

  // ── Kernel: outbox, jobs, audit, rate limits, idempotency ─────────────────────────────────
  'outbox.to_address': { holds: 'candidate', erasure: 'emails to the candidate deleted' },
  'outbox.subject': { holds: 'candidate', erasure: "emails naming the candidate (name or address, case-insensitive) deleted" },
  'outbox.body_text': { holds: 'candidate', erasure: "emails naming the candidate (name or address, case-insensitive) deleted" },
  'outbox.attachments': { holds: 'candidate', erasure: "emails naming the candidate (name or address, case-insensitive) deleted" },
  'outbox.kind': CODE('message kind'),
  'outbox.status': CODE('enum'),
  'outbox.last_error': { holds: 'candidate', erasure: 'deleted with the email (SMTP errors may quote the address)' },
  'jobs.name': CODE('job name'),
  'jobs.payload': { holds: 'candidate', erasure: "jobs not running whose payload holds the candidate's id, address, application or interview ids deleted" },
  'jobs.unique_key': CODE('job name and due time'),
  'jobs.status': CODE('enum'),
  'jobs.locked_by': CODE('instance id'),
  'jobs.last_error': { holds: 'candidate', erasure: "jobs not running whose last error holds the candidate's id or address deleted" },
  'audit_log.action': CODE('action name'),
  'audit_log.target_type': CODE('entity name'),
  'audit_log.target_id': CODE('an id (ids may stay after erasure: they identify no one once the rows are gone)'),
  'audit_log.details': CODE('ids, counts and field names only (DECISIONS 8)'),
  'audit_log.request_id': CODE('request id'),
  'audit_log.prev_hash': CODE('hash chain'),
  'audit_log.hash': CODE('hash chain'),
  'audit_head.last_hash': CODE('hash chain'),
  'rate_limits.key': CODE('purpose and client address or account; not linked to a candidate, pruned hourly'),
  'idempotency_keys.scope': CODE('user and organization ids'),
  'idempotency_keys.key': CODE('client-chosen key'),
  'idempotency_keys.request_hash': CODE('sha256 of the request'),
  'idempotency_keys.response': { holds: 'candidate', erasure: "stored responses holding the candidate's id, address or an application id deleted" },

  // ── Documents, roles, questions, plans, openings, job descriptions ─────────────────────────
  'documents.kind': CODE('enum'),
  'document_versions.body': CODE('role, plan or job-description content'),
  'document_versions.note': CODE("a member's note on a document version"),
  'org_roles.source_role_id': CODE('knowledge-base id'),
  'org_roles.title': CODE('role title'),
  'questions.ref': CODE('question reference'),
  'questions.source': CODE('enum'),
  'questions.text': CODE('interview question'),
  'questions.type': CODE('enum'),
  'questions.competencies': CODE('competency ids'),
  'questions.roles': CODE('role ids'),
  'questions.seniority': CODE('seniority levels'),
  'questions.tags': CODE('tags'),
  'questions.probes': CODE('question content'),
  'questions.strong_answer': CODE('question content'),
  'questions.red_flags': CODE('question content'),
  'questions.search': CODE('search index of question content'),
  'plans.title': CODE('plan title'),
  'plans.role_id': CODE('knowledge-base id'),
  'plans.source_guide': CODE('generator settings'),
  'openings.title': CODE('job title'),
  'openings.role_id': CODE('knowledge-base id'),
  'openings.location': CODE('job location'),
  'openings.remote_policy': CODE('enum'),
  'openings.status': CODE('enum'),
  'openings.stages': CODE('pipeline configuration'),
  'opening_team.team_role': CODE('enum'),
  'opening_team.round_id': CODE('plan round id'),
  'job_descriptions.valid_through': CODE('date'),
  'job_descriptions.employment_type': CODE('enum'),
  'rejection_reasons.code': CODE('reason code'),
  'rejection_reasons.label': CODE('reason label'),

  // ── Candidates and applications ────────────────────────────────────────────────────────────
  'candidates.name': { holds: 'candidate', erasure: WITH_CANDIDATE },
  'candidates.email': { holds: 'candidate', erasure: WITH_CANDIDATE },
  'candidates.phone': { holds: 'candidate', erasure: WITH_CANDIDATE },
  'candidates.links': { holds: 'candidate', erasure: WITH_CANDIDATE },
  'candidates.source': { holds: 'candidate', erasure: WITH_CANDIDATE },
  'candidates.notes': { holds: 'candidate', erasure: WITH_CANDIDATE },
  'candidates.resume_name': { holds: 'candidate', erasure: `${WITH_CANDIDATE}; nulled by the interview-data purge` },
  'candidates.resume_type': { holds: 'candidate', erasure: `${WITH_CANDIDATE}; nulled by the interview-data purge` },
  'candidates.resume_data': { holds: 'candidate', erasure: `${WITH_CANDIDATE}; nulled by the interview-data purge` },
  'candidates.resume_text': { holds: 'candidate', erasure: `${WITH_CANDIDATE}; nulled by the interview-data purge` },
  'candidates.search': { holds: 'candidate', erasure: WITH_CANDIDATE },
  'applications.stage': CODE('stage id'),
  'applications.status': CODE('enum'),
  'applications.rejection_reason': CODE('reason code'),
  'applications.rejection_note': { holds: 'candidate', erasure: 'blanked (null); the application stays under the surrogate subject id' },
  'stage_moves.from_stage': CODE('stage id'),
  'stage_moves.to_stage': CODE('stage id'),
  'stage_moves.reason_code': CODE('reason code'),
  'stage_moves.note': { holds: 'candidate', erasure: 'blanked (null); the dated move stays' },
  'decisions.decision': CODE('enum'),
  'decisions.reason_code': CODE('reason code'),
  'decisions.rationale': { holds: 'candidate', erasure: "blanked to '(erased)'; the decision and reason code stay" },
  'outcomes.checkpoint': CODE('enum'),
  'outcomes.note': { holds: 'candidate', erasure: 'blanked (null); the measures stay' },
  'application_summaries.stats': CODE('rating statistics per competency (numbers)'),
  'legal_holds.reason': { holds: 'candidate', erasure: 'erasure is refused while a hold exists; the row goes with the candidate' },

  // ── Interviews and feedback ────────────────────────────────────────────────────────────────
  'interviews.round_id': CODE('plan round id'),
  'interviews.time_zone': CODE('IANA zone'),
  'interviews.location': { holds: 'candidate', erasure: "blanked (''): may hold a meeting link naming the candidate" },
  'interviews.status': CODE('enum'),
  'interviews.uid': CODE('invite UID derived from the interview id'),
  'interview_interviewers.seat': CODE('enum'),
  'scorecards.status': CODE('enum'),
  'scorecards.body': { holds: 'candidate', erasure: 'blanked to ratings, per-question ratings and recommendation; evidence, notes and red flags emptied; also by the interview-data purge' },
  'scorecard_revisions.body': { holds: 'candidate', erasure: 'rows deleted (also by the interview-data purge)' },
  'ratings.competency_id': CODE('competency id'),
  'feedback_reminders.kind': CODE('enum'),

  // ── Scheduling ─────────────────────────────────────────────────────────────────────────────
  'availability_profiles.time_zone': { holds: 'staff', note: "a member's zone" },
  'availability_profiles.working_hours': { holds: 'staff', note: "a member's working hours" },
  'availability_profiles.feed_url': { holds: 'staff', note: "a member's private calendar feed" },
  'busy_blocks.source': CODE('enum'),
  'interviewer_pools.name': CODE('pool name'),
  'pool_members.status': CODE('enum'),
  'candidate_windows.time_zone': { holds: 'candidate', erasure: WITH_ROWS('also by the interview-data purge') },
  'candidate_windows.source': { holds: 'candidate', erasure: WITH_ROWS('also by the interview-data purge') },
  'availability_links.token_hash': { holds: 'candidate', erasure: WITH_ROWS('also by the interview-data purge') },
  'calendar_feeds.token_hash': HASH,

  // ── Interview intelligence ─────────────────────────────────────────────────────────────────
  'consents.kind': { holds: 'candidate', erasure: WITH_ROWS('consent records') },
  'consents.wording_version': { holds: 'candidate', erasure: WITH_ROWS('consent records') },
  'transcripts.file_name': { holds: 'candidate', erasure: WITH_ROWS('transcripts; also by the interview-data purge') },
  'transcripts.format': { holds: 'candidate', erasure: WITH_ROWS('transcripts; also by the interview-data purge') },
  'transcripts.cues': { holds: 'candidate', erasure: WITH_ROWS('transcripts; also by the interview-data purge') },
  'transcripts.warnings': { holds: 'candidate', erasure: WITH_ROWS('transcripts; also by the interview-data purge') },
  'transcripts.speaker_map': { holds: 'candidate', erasure: WITH_ROWS('transcripts; also by the interview-data purge') },
  'transcripts.analysis': { holds: 'candidate', erasure: WITH_ROWS('transcripts; also by the interview-data purge') },
  'transcripts.engine_version': { holds: 'candidate', erasure: WITH_ROWS('transcripts; also by the interview-data purge') },
  'transcript_turns.speaker': { holds: 'candidate', erasure: WITH_ROWS('turns of deleted transcripts') },
  'transcript_turns.text': { holds: 'candidate', erasure: WITH_ROWS('turns of deleted transcripts') },
  'transcript_turns.search': { holds: 'candidate', erasure: WITH_ROWS('turns of deleted transcripts, with their search index') },

  // ── Analytics ──────────────────────────────────────────────────────────────────────────────
  'demographics.sex': { holds: 'candidate', erasure: WITH_ROWS('demographics') },
  'demographics.race_ethnicity': { holds: 'candidate', erasure: WITH_ROWS('demographics') },
  'demographics.age_band': { holds: 'candidate', erasure: WITH_ROWS('demographics') },
  'demographics.source': { holds: 'candidate', erasure: WITH_ROWS('demographics') },
  'demographic_links.token_hash': { holds: 'candidate', erasure: WITH_ROWS('self-identification links') },

  // ── Privacy ────────────────────────────────────────────────────────────────────────────────
  'privacy_links.token_hash': { holds: 'candidate', erasure: WITH_ROWS('notice links') },
  'privacy_requests.kind': CODE('enum; the request stays without its candidate'),
  'privacy_requests.message': { holds: 'candidate', erasure: 'blanked (null); candidate_id goes null' },
  'privacy_requests.status': CODE('enum'),
  'privacy_requests.resolution_note': { holds: 'candidate', erasure: "blanked (null); the erasure's own request gets 'Erased; receipt <id>'" },
  'erasure_receipts.trigger': CODE('enum'),
  'erasure_receipts.removed': CODE('table names and counts'),
  'erasure_receipts.kept': CODE('table names and counts'),
  'erasure_receipts.digest': CODE('sha256 of the receipt'),
  'retention_policies.name': CODE('policy name'),
  'retention_policies.applies_to': CODE('enum'),
  'retention_policies.action': CODE('enum'),
  'retention_runs.trigger': CODE('enum'),
  'retention_runs.receipt_ids': CODE('receipt ids'),

  // ── Webhooks ───────────────────────────────────────────────────────────────────────────────
  'webhook_endpoints.url': CODE('receiver URL configured by an admin'),
  'webhook_endpoints.description': CODE('label an admin gave the endpoint'),
  'webhook_endpoints.events': CODE('event type names'),
  'webhook_endpoints.secret_encrypted': CODE('encrypted signing secret'),
  'webhook_deliveries.event_type': CODE('event type name'),
  'webhook_deliveries.data': {
    holds: 'candidate',
    erasure: "ids and codes only; the erased candidate's id is replaced by null in stored events (emitEvent forgetCandidateId)",
  },
  'webhook_deliveries.status': CODE('enum'),
  'webhook_deliveries.last_error': CODE('HTTP or network error of the receiver'),
  'webhook_attempts.error': CODE('HTTP or network error of the receiver'),
};

/** Tables of the migration tool, not of the application. */
export const REGISTRY_IGNORED_TABLES = ['kysely_migration', 'kysely_migration_lock'];
