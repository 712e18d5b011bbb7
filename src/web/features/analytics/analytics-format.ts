import {
  ANALYTICS_READERS,
  applyReweightRoute,
  type AnalyticsFilter,
  analyticsFilterSchema,
  type Characteristic,
  characteristics,
  type Estimate,
  funnelBreakdowns,
  type Rate,
  type ValidityOutcome,
  validityOutcomes,
} from '../../../modules/analytics/analytics.contract.ts';
import type { OrgRole } from '../../../shared/common.ts';

/** The reports of the analytics page, in the order of its tabs; `id` is the `?report=` value. */
export const reportTabs = [
  { id: 'funnel', label: 'Funnel' },
  { id: 'calibration', label: 'Interviewer calibration' },
  { id: 'reliability', label: 'Reliability' },
  { id: 'validity', label: 'Predictive validity' },
  { id: 'adverse-impact', label: 'Adverse impact' },
  { id: 'recommendations', label: 'Recommendations' },
] as const;
export type ReportTab = (typeof reportTabs)[number]['id'];

export type FunnelBreakdown = (typeof funnelBreakdowns)[number];
export const breakdownLabels: Record<FunnelBreakdown, string> = { job: 'Job', role: 'Role', source: 'Source', month: 'Month' };

/** Everything the page keeps in the URL: the cohort filter and each report's own choice. */
export interface AnalyticsView {
  filter: AnalyticsFilter;
  report: ReportTab;
  by: FunnelBreakdown;
  outcome: ValidityOutcome;
  characteristic: Characteristic;
}

const filterKeys = ['jobId', 'from', 'to', 'source'] as const;

/** Reads the view from the query string; values the contract would refuse are dropped, not sent. */
export function readView(params: URLSearchParams): AnalyticsView {
  const filter: AnalyticsFilter = {};
  for (const key of filterKeys) {
    const raw = params.get(key)?.trim();
    if (!raw) continue;
    const parsed = analyticsFilterSchema.shape[key].safeParse(raw);
    if (parsed.success && parsed.data) filter[key] = parsed.data;
  }
  const pick = <T extends string>(key: string, allowed: readonly T[], fallback: T): T => {
    const v = params.get(key);
    return v && (allowed as readonly string[]).includes(v) ? (v as T) : fallback;
  };
  return {
    filter,
    report: pick(
      'report',
      reportTabs.map((t) => t.id),
      'funnel',
    ),
    by: pick('by', funnelBreakdowns, 'job'),
    outcome: pick('outcome', validityOutcomes, 'performance_12m'),
    characteristic: pick('characteristic', characteristics, 'sex'),
  };
}

/**
 * The query string of a view (stable key order, defaults left out) so a shared link shows the same
 * thing; `patch` changes some values first (a filter set to '' or undefined is removed).
 */
export function viewSearch(view: AnalyticsView, patch: Partial<Omit<AnalyticsView, 'filter'>> & { filter?: AnalyticsFilter } = {}): string {
  const next = { ...view, ...patch };
  const s = new URLSearchParams();
  if (next.report !== 'funnel') s.set('report', next.report);
  for (const key of filterKeys) {
    const v = next.filter[key];
    if (v) s.set(key, v);
  }
  if (next.by !== 'job') s.set('by', next.by);
  if (next.outcome !== 'performance_12m') s.set('outcome', next.outcome);
  if (next.characteristic !== 'sex') s.set('characteristic', next.characteristic);
  const qs = s.toString();
  return qs ? `?${qs}` : '';
}

/** `/api/v1/…?a=b` with the filter (and extra values) as its query, undefined values left out. */
export function withQuery(path: string, query: Record<string, string | undefined>): string {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') s.set(k, v);
  const qs = s.toString();
  return qs ? `${path}?${qs}` : path;
}

/** Who sees the analytics reports (ANALYTICS_READERS in the contract) and who may apply a re-weighting. */
export const analyticsReaders: readonly OrgRole[] = ANALYTICS_READERS;
const applyAccess = applyReweightRoute.access;
export const reweightAppliers: readonly OrgRole[] = applyAccess.kind === 'member' ? (applyAccess.roles ?? []) : [];
export const canApplyReweight = (role: OrgRole | null | undefined) => !!role && reweightAppliers.includes(role);

// ── Numbers ──────────────────────────────────────────────────────────────────────────────────────

const isNum = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** 0.6667 → "67%"; null → "—". */
export function pct(v: number | null | undefined): string {
  return isNum(v) ? `${Math.round(v * 100)}%` : '—';
}

/** A number with at most `digits` decimals ("0.42", "-1.5", "12"); null → "—". */
export function num(v: number | null | undefined, digits = 2): string {
  if (!isNum(v)) return '—';
  const rounded = Number(v.toFixed(digits));
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** A signed difference: "+0.42", "-0.3", "0". */
export function signed(v: number | null | undefined, digits = 2): string {
  if (!isNum(v)) return '—';
  const s = num(v, digits);
  return v > 0 && s !== '0' ? `+${s}` : s;
}

/** The interval of an estimate: "0.21 to 0.63" (or "58–75%" for rates); "" when undefined. */
export function interval(e: Pick<Estimate, 'lower' | 'upper'>, asPercent = false): string {
  if (!isNum(e.lower) || !isNum(e.upper)) return '';
  return asPercent ? `${Math.round(e.lower * 100)}–${Math.round(e.upper * 100)}%` : `${num(e.lower)} to ${num(e.upper)}`;
}

/** An estimate with its interval: "0.42 (0.21 to 0.63)"; "—" when undefined. */
export function estimateText(e: Estimate, digits = 2): string {
  if (!isNum(e.value)) return '—';
  const ci = interval(e);
  return ci ? `${num(e.value, digits)} (${ci})` : num(e.value, digits);
}

export const SUPPRESSED = 'Suppressed (n < 5)';

/** A rate with its Wilson interval and its n: "67% (58–75%), n = 12"; suppressed and empty rates say so. */
export function rateText(r: Rate): string {
  if (r.suppressed) return SUPPRESSED;
  if (!isNum(r.value)) return `— (n = ${r.n ?? 0})`;
  const ci = interval(r, true);
  return `${pct(r.value)}${ci ? ` (${ci})` : ''}, n = ${r.n ?? 0}`;
}

/** A p-value: "< 0.001", "0.04", "—". */
export function pValue(p: number | null | undefined): string {
  if (!isNum(p)) return '—';
  return p < 0.001 ? '< 0.001' : p < 0.01 ? p.toFixed(3) : p.toFixed(2);
}

/** Days: "12 days", "1 day", "—". */
export function days(v: number | null | undefined): string {
  if (!isNum(v)) return '—';
  const s = num(v, 1);
  return `${s} ${s === '1' ? 'day' : 'days'}`;
}

/** The Koo & Li (2016) reading of an ICC. */
export function iccBand(v: number | null | undefined): string {
  if (!isNum(v)) return '';
  return v < 0.5 ? 'poor' : v < 0.75 ? 'moderate' : v < 0.9 ? 'good' : 'excellent';
}

/** A file name for a chart download: "rubric-funnel-2026-01-01-to-2026-03-31". */
export function chartFileName(report: string, filter: AnalyticsFilter): string {
  const parts = ['rubric', report];
  if (filter.from) parts.push(`from-${filter.from}`);
  if (filter.to) parts.push(`to-${filter.to}`);
  return parts.join('-');
}
