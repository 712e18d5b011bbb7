import type { OrgRoleBody } from '../../../modules/roles/roles.contract.ts';

/** The editable part of an organization role: title, summary and competency weights (0 = not needed). */
export interface OrgRoleFormValues {
  title: string;
  summary: string;
  /** Competency id → weight 0…5. */
  weights: Record<string, number>;
  note: string;
}

/** Form values from a saved body; every competency of the framework gets a field (0 when absent). */
export function toFormValues(body: OrgRoleBody, competencyIds: readonly string[]): OrgRoleFormValues {
  const weights: Record<string, number> = {};
  for (const id of competencyIds) weights[id] = body.competencyWeights[id] ?? 0;
  for (const [id, w] of Object.entries(body.competencyWeights)) if (!(id in weights)) weights[id] = w;
  return { title: body.profile.title, summary: body.profile.summary, weights, note: '' };
}

/**
 * The body to save: the edits put onto `base` (the version the save starts from, so every other
 * dimension of the profile stays as saved). Weights of 0 are dropped unless the base held them, so
 * a save that changes nothing yields an identical body and an empty diff.
 */
export function toSaveBody(base: OrgRoleBody, values: Pick<OrgRoleFormValues, 'title' | 'summary' | 'weights'>): OrgRoleBody {
  const competencyWeights: Record<string, number> = {};
  for (const [id, raw] of Object.entries(values.weights)) {
    const w = Math.round(Number(raw));
    if (!Number.isFinite(w)) continue;
    if (w === 0 && !(id in base.competencyWeights)) continue;
    competencyWeights[id] = Math.max(0, Math.min(5, w));
  }
  return { ...base, profile: { ...base.profile, title: values.title.trim(), summary: values.summary.trim() }, competencyWeights };
}

/** The fields whose values differ between two bodies' editable parts (for "your unsaved changes"). */
export function changedFields(a: Pick<OrgRoleFormValues, 'title' | 'summary' | 'weights'>, b: Pick<OrgRoleFormValues, 'title' | 'summary' | 'weights'>): string[] {
  const out: string[] = [];
  if (a.title.trim() !== b.title.trim()) out.push('title');
  if (a.summary.trim() !== b.summary.trim()) out.push('summary');
  for (const id of new Set([...Object.keys(a.weights), ...Object.keys(b.weights)])) {
    if (Number(a.weights[id] ?? 0) !== Number(b.weights[id] ?? 0)) out.push(`weights.${id}`);
  }
  return out;
}

export { formatDiffValue } from '../documents/version-history.tsx';

/**
 * The form field a server issue is about: `body.profile.title` → `title`,
 * `body.competencyWeights.cto-x` → `weights.cto-x`, `note` → `note`; null for anything else.
 */
export function formFieldOfIssue(path: string): string | null {
  const p = path.replace(/^body\./, '');
  if (p === 'profile.title') return 'title';
  if (p === 'profile.summary') return 'summary';
  if (p === 'note') return 'note';
  const weight = /^competencyWeights\.(.+)$/.exec(p);
  return weight ? `weights.${weight[1]}` : null;
}

/**
 * After a conflict, the form on top of the latest version: each field the user changed (their value
 * differs from the version they started from) keeps the user's value; every other field takes the
 * latest saved value, so someone else's save is not undone. `kept` names the fields the user changed.
 */
export function mergeOntoLatest(
  started: OrgRoleFormValues,
  latest: OrgRoleFormValues,
  current: OrgRoleFormValues,
): { values: OrgRoleFormValues; kept: string[] } {
  const kept = changedFields(started, current);
  const keptSet = new Set(kept);
  const weights: Record<string, number> = { ...latest.weights };
  for (const id of Object.keys(current.weights)) if (keptSet.has(`weights.${id}`)) weights[id] = current.weights[id]!;
  return {
    values: {
      title: keptSet.has('title') ? current.title : latest.title,
      summary: keptSet.has('summary') ? current.summary : latest.summary,
      weights,
      note: current.note,
    },
    kept,
  };
}
