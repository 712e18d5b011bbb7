import type { Application, ImportResult } from '../../../modules/candidates/candidates.contract.ts';
import type { Stage } from '../../../modules/openings/openings.contract.ts';
import type { OrgRole } from '../../../shared/common.ts';

/**
 * Pure helpers of the jobs pages: labels, the pipeline board's grouping, stage and team editing,
 * comparison formatting and import error extraction. Only type imports of the contracts, so the
 * small "Create job from this role" link can use this file without pulling a contract into the
 * role and advisor chunks.
 */

export type JobStatus = 'draft' | 'open' | 'on_hold' | 'closed';
export type RemotePolicy = 'onsite' | 'hybrid' | 'remote';
export type ApplicationStatus = Application['status'];

export const jobStatusLabels: Record<JobStatus, string> = { draft: 'Draft', open: 'Open', on_hold: 'On hold', closed: 'Closed' };
export const jobStatusOrder: readonly JobStatus[] = ['draft', 'open', 'on_hold', 'closed'];
export const remotePolicyLabels: Record<RemotePolicy, string> = { onsite: 'Onsite', hybrid: 'Hybrid', remote: 'Remote' };
export const remotePolicyOrder: readonly RemotePolicy[] = ['onsite', 'hybrid', 'remote'];
export const applicationStatusLabels: Record<ApplicationStatus, string> = { active: 'Active', rejected: 'Rejected', hired: 'Hired' };
export const applicationStatusOrder: readonly ApplicationStatus[] = ['active', 'rejected', 'hired'];

export function jobStatusTone(status: JobStatus): 'success' | 'neutral' | 'warning' | 'info' {
  return status === 'open' ? 'success' : status === 'on_hold' ? 'warning' : status === 'draft' ? 'info' : 'neutral';
}

/** Organization roles that create and manage jobs, candidates and stage moves (the contracts' managers). */
export const jobManagers: readonly OrgRole[] = ['owner', 'admin', 'recruiter', 'hiring_manager'];

export function canManageJobs(role: OrgRole | null | undefined): boolean {
  return !!role && jobManagers.includes(role);
}

export function newJobPath(roleId: string): string {
  return `/jobs/new?role=${encodeURIComponent(roleId)}`;
}

// ---- Pipeline board ----

export interface StageColumn<T> {
  id: string;
  name: string;
  kind: string;
  items: T[];
}

/**
 * One column per stage of the job, in the job's order, each holding its applications in the order
 * given. Applications in a stage the job no longer lists get a column of their own at the end.
 */
export function groupByStage<T extends { stage: string; stageName: string }>(stages: readonly Pick<Stage, 'id' | 'name' | 'kind'>[], items: readonly T[]): StageColumn<T>[] {
  const columns: StageColumn<T>[] = stages.map((s) => ({ id: s.id, name: s.name, kind: s.kind, items: [] }));
  const byId = new Map(columns.map((c) => [c.id, c]));
  for (const item of items) {
    let column = byId.get(item.stage);
    if (!column) {
      column = { id: item.stage, name: item.stageName || item.stage, kind: 'custom', items: [] };
      byId.set(item.stage, column);
      columns.push(column);
    }
    column.items.push(item);
  }
  return columns;
}

/** The id of the newest move of an application's history (the one "Undo" reverts), or null. */
export function latestMoveId(history: readonly { id: string; seq: number }[]): string | null {
  let latest: { id: string; seq: number } | null = null;
  for (const m of history) if (!latest || m.seq > latest.seq) latest = m;
  return latest?.id ?? null;
}

// ---- Stage editing ----

/** A copy of `list` with the item at `index` moved by `delta` places; unchanged when it would leave the list. */
export function moveItem<T>(list: readonly T[], index: number, delta: number): T[] {
  const target = index + delta;
  if (index < 0 || index >= list.length || target < 0 || target >= list.length) return [...list];
  const next = [...list];
  const [item] = next.splice(index, 1);
  next.splice(target, 0, item!);
  return next;
}

/** A stage id from a name: lowercase letters, digits and hyphens, at most 40 characters, unique in `taken`. */
export function stageIdFor(name: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const base =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 32)
      .replace(/-+$/, '') || 'stage';
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!used.has(candidate)) return candidate;
  }
}

/** Adds a custom stage before the closing stages (offer, hired, rejected), or at the end when there are none. */
export function addCustomStage(stages: readonly Stage[], name: string): Stage[] {
  const stage: Stage = { id: stageIdFor(name, stages.map((s) => s.id)), name: name.trim(), kind: 'custom', roundId: null };
  const closing = stages.findIndex((s) => s.kind === 'offer' || s.kind === 'hired' || s.kind === 'rejected');
  const at = closing === -1 ? stages.length : closing;
  return [...stages.slice(0, at), stage, ...stages.slice(at)];
}

export function sameStages(a: readonly Stage[], b: readonly Stage[]): boolean {
  return a.length === b.length && a.every((s, i) => s.id === b[i]!.id && s.name === b[i]!.name && s.kind === b[i]!.kind && s.roundId === b[i]!.roundId);
}

// ---- Hiring team ----

export type TeamRole = 'hiring_manager' | 'recruiter' | 'interviewer';
export interface TeamEntry {
  userId: string;
  teamRole: TeamRole;
  roundId: string;
}

/** The hiring team as the settings form edits it: one manager, recruiters, interviewers per round ('' = any round). */
export interface TeamDraft {
  hiringManager: string;
  recruiters: string[];
  interviewers: Record<string, string[]>;
}

export function teamDraftOf(team: readonly TeamEntry[]): TeamDraft {
  const draft: TeamDraft = { hiringManager: '', recruiters: [], interviewers: {} };
  for (const m of team) {
    if (m.teamRole === 'hiring_manager') {
      if (!draft.hiringManager) draft.hiringManager = m.userId;
    } else if (m.teamRole === 'recruiter') {
      if (!draft.recruiters.includes(m.userId)) draft.recruiters.push(m.userId);
    } else {
      const list = (draft.interviewers[m.roundId] ??= []);
      if (!list.includes(m.userId)) list.push(m.userId);
    }
  }
  return draft;
}

export function teamEntriesOf(draft: TeamDraft): TeamEntry[] {
  const entries: TeamEntry[] = [];
  if (draft.hiringManager) entries.push({ userId: draft.hiringManager, teamRole: 'hiring_manager', roundId: '' });
  for (const userId of new Set(draft.recruiters)) entries.push({ userId, teamRole: 'recruiter', roundId: '' });
  for (const [roundId, users] of Object.entries(draft.interviewers)) {
    for (const userId of new Set(users)) entries.push({ userId, teamRole: 'interviewer', roundId });
  }
  return entries;
}

/** Whether two teams hold the same entries, whatever their order. */
export function sameTeam(a: readonly TeamEntry[], b: readonly TeamEntry[]): boolean {
  const key = (e: TeamEntry) => `${e.teamRole}|${e.roundId}|${e.userId}`;
  const left = new Set(a.map(key));
  const right = new Set(b.map(key));
  return left.size === right.size && [...left].every((k) => right.has(k));
}

// ---- Comparison ----

export interface RecommendationMix {
  strong_no: number;
  no: number;
  yes: number;
  strong_yes: number;
}

const mixOrder: readonly (keyof RecommendationMix)[] = ['strong_yes', 'yes', 'no', 'strong_no'];
const mixLabels: Record<keyof RecommendationMix, string> = { strong_yes: 'strong yes', yes: 'yes', no: 'no', strong_no: 'strong no' };

/** "1 strong yes · 1 no": the non-zero recommendation counts from most to least positive; "—" when none. */
export function formatRecommendationMix(mix: RecommendationMix): string {
  const parts = mixOrder.filter((k) => mix[k] > 0).map((k) => `${mix[k]} ${mixLabels[k]}`);
  return parts.length ? parts.join(' · ') : '—';
}

/** A 1–4 score with two decimals ("3.25"); "—" when there is none. */
export function formatScore(score: number | null | undefined): string {
  return typeof score === 'number' && Number.isFinite(score) ? score.toFixed(2) : '—';
}

export type SortDirection = 'ascending' | 'descending';

/**
 * Rows sorted by overall score; rows without a score (none submitted, or hidden from you) stay
 * last in their original order whichever the direction. Ties keep their original order.
 */
export function sortByOverall<T extends { overall: number | null; redacted: boolean }>(rows: readonly T[], direction: SortDirection): T[] {
  const scored = rows.map((row, i) => ({ row, i })).filter(({ row }) => !row.redacted && row.overall !== null);
  const rest = rows.filter((row) => row.redacted || row.overall === null);
  const sign = direction === 'ascending' ? 1 : -1;
  scored.sort((a, b) => sign * (a.row.overall! - b.row.overall!) || a.i - b.i);
  return [...scored.map((s) => s.row), ...rest];
}

// ---- CSV import ----

export interface ImportRowError {
  line: number;
  column: string | null;
  reason: string;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The row errors a failed import reported in its error details (`details.errors`, `details.rows`
 * or `details.issues`, whichever holds `{ line, column?, reason | message }` entries), in order.
 */
export function importRowErrorsOf(details: Record<string, unknown> | undefined): ImportRowError[] {
  if (!details) return [];
  for (const key of ['errors', 'rows', 'issues']) {
    const list = details[key];
    if (!Array.isArray(list)) continue;
    const rows = list.flatMap((e: unknown): ImportRowError[] => {
      if (!isRecord(e) || typeof e.line !== 'number') return [];
      const reason = typeof e.reason === 'string' ? e.reason : typeof e.message === 'string' ? e.message : null;
      if (!reason) return [];
      return [{ line: e.line, column: typeof e.column === 'string' && e.column ? e.column : null, reason }];
    });
    if (rows.length) return rows;
  }
  return [];
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** One sentence about an import or its preview: rows, problems, what was written. */
export function importSummary(r: Pick<ImportResult, 'preview' | 'rows' | 'imported' | 'linkedExisting' | 'errors'>): string {
  const bad = r.errors.length ? `, ${plural(r.errors.length, 'row error', 'row errors')}` : '';
  if (r.preview) return `Preview: ${plural(r.rows, 'row', 'rows')}${bad}. Nothing was imported yet.`;
  const linked = r.linkedExisting ? `, ${r.linkedExisting} linked to existing candidates` : '';
  return `Imported ${r.imported} of ${plural(r.rows, 'row', 'rows')}${linked}${bad}.`;
}

/** The `details.candidateId` of a "this email is already a candidate" conflict, if any. */
export function existingCandidateIdOf(details: Record<string, unknown> | undefined): string | null {
  return details && typeof details.candidateId === 'string' && details.candidateId ? details.candidateId : null;
}

// ---- People ----

/** Members as select options labelled by name; the email is added only where two share a name. */
export function memberOptions(members: readonly { userId: string; name: string; email: string }[]): { value: string; label: string }[] {
  const counts = new Map<string, number>();
  for (const m of members) counts.set(m.name, (counts.get(m.name) ?? 0) + 1);
  return members.map((m) => ({ value: m.userId, label: (counts.get(m.name) ?? 0) > 1 ? `${m.name} (${m.email})` : m.name }));
}

/** Issues of a failed zod parse keyed by their first path segment (the form field), first message wins. */
export function issuesByField(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) {
    const key = i.path.length ? String(i.path[0]) : '';
    if (!(key in out)) out[key] = i.message;
  }
  return out;
}

/** A zod issue's message in plain words for length limits of text and lists ("Use at least 2 characters"); others unchanged. */
export function friendlyIssueMessage(issue: { code?: string; message: string; origin?: unknown; minimum?: unknown; maximum?: unknown }): string {
  if (issue.origin === 'array') {
    if (issue.code === 'too_small' && typeof issue.minimum === 'number') return `Keep at least ${issue.minimum}`;
    if (issue.code === 'too_big' && typeof issue.maximum === 'number') return `Keep at most ${issue.maximum}`;
  }
  if (issue.origin !== 'string') return issue.message;
  if (issue.code === 'too_small' && typeof issue.minimum === 'number') return issue.minimum <= 1 ? 'Enter a value' : `Use at least ${issue.minimum} characters`;
  if (issue.code === 'too_big' && typeof issue.maximum === 'number') return `Use at most ${issue.maximum} characters`;
  return issue.message;
}

/** The cells of a CSV text's first line (double-quoted cells may hold commas and doubled quotes). */
export function csvHeaderCells(csv: string): string[] {
  const line = csv.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  if (!line.trim()) return [];
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  cells.push(cell.trim());
  return cells;
}

/** Headers of the file that are not one of `columns` (any case): the ones the user maps. */
export function unknownHeaders(headers: readonly string[], columns: readonly string[]): string[] {
  return headers.filter((h) => h !== '' && !columns.includes(h.toLowerCase()));
}

/** The importer's mapping (our column → the file's header) from the user's choices (header → our column). */
export function mappingOf(choices: Readonly<Record<string, string>>, headers: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of headers) {
    const ours = choices[h];
    if (ours) out[ours] = h;
  }
  return out;
}
