/**
 * Role comparison: pure functions over role profiles and competencies. The types are structural so
 * core stays free of the content schemas (which live in the roles module).
 */

export interface ComparableRole {
  id: string;
  title: string;
  abbreviation: string;
  summary: string;
  level: string;
  focus: { orientation: number; orientationNote: string; primaryConcerns: string[]; successAt90Days: string[]; successAtOneYear: string[] };
  responsibilities: { title: string; description: string; area: string }[];
  skills: { hard: { name: string; competencies: string[] }[]; soft: { name: string; competencies: string[] }[] };
  qualifications: { yearsOfExperience: { minimum: number; typical: number }; priorRoles: string[]; education: string[] };
  positioning: { reportsTo: { to: string; frequency: string }[]; directReports: string[]; collaborators: { with: string }[] };
  overlaps: { role: string; sharedAreas: string[]; howToDivide: string }[];
  misconceptions: { myth: string; correction: string }[];
  careerPath: { feederRoles: string[]; nextRoles: string[] };
  whenToHire: { signals: string[]; notYet: string[] };
}

export interface ComparableCompetency {
  id: string;
  name: string;
  roleWeights: Record<string, number>;
}

export interface CompetencyRow {
  competencyId: string;
  name: string;
  /** Weight per role id, 0 where the role does not weigh it. */
  weights: Record<string, number>;
  /** Weighted by every compared role. */
  shared: boolean;
}

export interface PairSimilarity {
  a: string;
  b: string;
  /** Weighted Jaccard of competency weights: Σ min / Σ max, 0…1. */
  competencies: number;
  /** Jaccard of responsibility areas, 0…1. */
  responsibilities: number;
  /** Mean of the two. */
  overall: number;
  sharedAreas: string[];
}

export interface ListComparison {
  shared: string[];
  distinct: Record<string, string[]>;
}

export interface Comparison {
  roles: { id: string; title: string; abbreviation: string }[];
  similarity: PairSimilarity[];
  competencies: CompetencyRow[];
  responsibilities: { areas: ListComparison; byRole: Record<string, { title: string; area: string; shared: boolean }[]> };
  orientation: Record<string, number>;
  reportsTo: ListComparison;
  feederRoles: ListComparison;
  nextRoles: ListComparison;
  collaborators: ListComparison;
  /** How each pair's profiles say to divide the shared ground (from the roles' `overlaps`). */
  division: { from: string; to: string; sharedAreas: string[]; howToDivide: string }[];
  summary: string;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const norm = (s: string) => s.trim().toLowerCase();

/** Weighted Jaccard Σ min(a,b) / Σ max(a,b) over the union of keys; 0 when both are empty. */
export function weightedJaccard(a: Record<string, number>, b: Record<string, number>): number {
  let num = 0;
  let den = 0;
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = a[k] ?? 0;
    const y = b[k] ?? 0;
    num += Math.min(x, y);
    den += Math.max(x, y);
  }
  return den === 0 ? 0 : num / den;
}

/** |A ∩ B| / |A ∪ B|; 0 when both are empty. */
export function jaccard(a: Iterable<string>, b: Iterable<string>): number {
  const x = new Set(a);
  const y = new Set(b);
  const union = new Set([...x, ...y]);
  if (union.size === 0) return 0;
  let inter = 0;
  for (const v of x) if (y.has(v)) inter++;
  return inter / union.size;
}

/** Splits lists into items every role has (case-insensitive) and what each has alone. */
export function compareLists(lists: Record<string, string[]>): ListComparison {
  const ids = Object.keys(lists);
  const sets = Object.fromEntries(ids.map((id) => [id, new Set(lists[id]!.map(norm))]));
  const shared: string[] = [];
  const seen = new Set<string>();
  for (const item of lists[ids[0]!] ?? []) {
    const n = norm(item);
    if (!seen.has(n) && ids.every((id) => sets[id]!.has(n))) shared.push(item);
    seen.add(n);
  }
  const sharedN = new Set(shared.map(norm));
  const distinct = Object.fromEntries(ids.map((id) => [id, lists[id]!.filter((i) => !sharedN.has(norm(i)))]));
  return { shared, distinct };
}

export function competencyWeightsOf(roleId: string, competencies: ComparableCompetency[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of competencies) if (c.roleWeights[roleId]) out[c.id] = c.roleWeights[roleId]!;
  return out;
}

function orientationPhrase(o: number): string {
  if (o >= 0.5) return 'faces the market and customers';
  if (o >= 0.15) return 'leans towards the market';
  if (o > -0.15) return 'balances market and technology';
  if (o > -0.5) return 'leans towards the technology';
  return 'faces inward, to technology and operations';
}

/** The competencies that set a role apart: largest margin over the other roles' weight, then own weight. */
function distinctiveCompetencies(own: Record<string, number>, others: Record<string, number>[], names: Map<string, string>, n: number): string[] {
  return Object.entries(own)
    .map(([id, w]) => ({ id, w, margin: w - Math.max(0, ...others.map((o) => o[id] ?? 0)) }))
    .filter((x) => x.margin > 0)
    .sort((x, y) => y.margin - x.margin || y.w - x.w || x.id.localeCompare(y.id))
    .slice(0, n)
    .map((x) => names.get(x.id) ?? x.id);
}

/** Lower-cases a name for use mid-sentence, keeping acronyms such as R&D or UX. */
function midSentence(name: string): string {
  return name
    .split(' ')
    .map((w) => (/^[A-Z&]{2,}$/.test(w) ? w : w.toLowerCase()))
    .join(' ');
}

function joinAnd(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * Compares 2–3 roles dimension by dimension. Deterministic: the same inputs give the same output,
 * and every figure is derived from the profiles (similarities from competency weights and
 * responsibility areas; the summary from orientation, the most distinctive competencies, the shared
 * ones and the profiles' own advice on dividing shared areas).
 */
export function compareRoles(roles: ComparableRole[], competencies: ComparableCompetency[]): Comparison {
  if (roles.length < 2 || roles.length > 3) throw new RangeError('compare 2 or 3 roles');
  const ids = roles.map((r) => r.id);
  if (new Set(ids).size !== ids.length) throw new RangeError('compare distinct roles');
  const names = new Map(competencies.map((c) => [c.id, c.name]));
  const weights = Object.fromEntries(ids.map((id) => [id, competencyWeightsOf(id, competencies)]));
  const areas = Object.fromEntries(roles.map((r) => [r.id, [...new Set(r.responsibilities.map((x) => x.area))]]));

  const similarity: PairSimilarity[] = [];
  for (let i = 0; i < roles.length; i++) {
    for (let j = i + 1; j < roles.length; j++) {
      const a = ids[i]!;
      const b = ids[j]!;
      const comp = weightedJaccard(weights[a]!, weights[b]!);
      const resp = jaccard(areas[a]!, areas[b]!);
      similarity.push({
        a,
        b,
        competencies: round2(comp),
        responsibilities: round2(resp),
        overall: round2((comp + resp) / 2),
        sharedAreas: areas[a]!.filter((x) => areas[b]!.includes(x)).sort(),
      });
    }
  }

  const competencyRows: CompetencyRow[] = competencies
    .filter((c) => ids.some((id) => c.roleWeights[id]))
    .map((c) => ({
      competencyId: c.id,
      name: c.name,
      weights: Object.fromEntries(ids.map((id) => [id, c.roleWeights[id] ?? 0])),
      shared: ids.every((id) => (c.roleWeights[id] ?? 0) > 0),
    }))
    .sort((x, y) => {
      const sx = Object.values(x.weights).reduce((s, v) => s + v, 0);
      const sy = Object.values(y.weights).reduce((s, v) => s + v, 0);
      return sy - sx || x.name.localeCompare(y.name);
    });

  const areaLists = compareLists(areas);
  const sharedAreaSet = new Set(areaLists.shared);
  const byRole = Object.fromEntries(
    roles.map((r) => [r.id, r.responsibilities.map((x) => ({ title: x.title, area: x.area, shared: sharedAreaSet.has(x.area) }))]),
  );

  const division = roles.flatMap((r) =>
    r.overlaps.filter((o) => ids.includes(o.role)).map((o) => ({ from: r.id, to: o.role, sharedAreas: o.sharedAreas, howToDivide: o.howToDivide })),
  );

  // The summary: who faces where, what is distinctive, what is shared, and how to divide it.
  const sharedCompetencies = competencyRows.filter((r) => r.shared && Object.values(r.weights).every((w) => w >= 3)).map((r) => r.competencyId);
  const parts = roles.map((r) => {
    const others = ids.filter((id) => id !== r.id).map((id) => weights[id]!);
    const distinctive = distinctiveCompetencies(weights[r.id]!, others, names, 2).map(midSentence);
    const judged = distinctive.length ? `, and stands apart on ${joinAnd(distinctive)}` : ', with no competency it weighs above the others';
    return `the ${r.abbreviation} ${orientationPhrase(r.focus.orientation)}${judged}`;
  });
  const first = parts[0]!;
  let summary = `${[`${first.charAt(0).toUpperCase()}${first.slice(1)}`, ...parts.slice(1)].join('; ')}.`;
  const pairText = similarity
    .map((s) => {
      const ra = roles.find((r) => r.id === s.a)!;
      const rb = roles.find((r) => r.id === s.b)!;
      return `${ra.abbreviation} and ${rb.abbreviation} overlap ${Math.round(s.overall * 100)}%`;
    })
    .join('; ');
  summary += ` ${pairText} (competency weights and responsibility areas combined)`;
  if (sharedCompetencies.length) {
    summary += `, chiefly in ${joinAnd(sharedCompetencies.slice(0, 3).map((id) => midSentence(names.get(id) ?? id)))}`;
  }
  summary += '.';
  const firstDivision = division[0];
  if (firstDivision) summary += ` Dividing the shared ground: ${firstDivision.howToDivide}`;

  return {
    roles: roles.map((r) => ({ id: r.id, title: r.title, abbreviation: r.abbreviation })),
    similarity,
    competencies: competencyRows,
    responsibilities: { areas: areaLists, byRole },
    orientation: Object.fromEntries(roles.map((r) => [r.id, r.focus.orientation])),
    reportsTo: compareLists(Object.fromEntries(roles.map((r) => [r.id, r.positioning.reportsTo.map((x) => x.to)]))),
    feederRoles: compareLists(Object.fromEntries(roles.map((r) => [r.id, r.careerPath.feederRoles]))),
    nextRoles: compareLists(Object.fromEntries(roles.map((r) => [r.id, r.careerPath.nextRoles]))),
    collaborators: compareLists(Object.fromEntries(roles.map((r) => [r.id, r.positioning.collaborators.map((x) => x.with)]))),
    division,
    summary,
  };
}
