import { markdownText } from '../../core/util/markdown-text.ts';
import { safeCsv } from '../../core/util/csv.ts';
import type { Ctx } from '../../server/context.ts';
import type { FileBody } from '../../shared/route.ts';
import {
  characteristicLabels,
  type AdverseImpactReport,
  type AnalyticsFilter,
  type AnalyticsReportName,
  type Characteristic,
  type ImpactTable,
  type Rate,
  type ValidityOutcome,
} from './analytics.contract.ts';
import * as s from './analytics.service.ts';

/**
 * CSV exports of the reports and the bias-audit summary (Markdown or CSV). They are built from the
 * same report objects the API returns, so suppression (and complementary suppression) applies:
 * a hidden cell is written as "suppressed", never as its number.
 */

const num = (v: number | null | undefined, digits = 4) => (v === null || v === undefined ? '' : Number(v.toFixed(digits)));
const rateCells = (r: Rate) => (r.suppressed ? ['suppressed', 'suppressed', 'suppressed', '', ''] : [r.n ?? '', r.count ?? '', num(r.value), num(r.lower), num(r.upper)]);
const rateHeader = (p: string) => [`${p}_n`, `${p}_count`, `${p}_rate`, `${p}_ci_lower`, `${p}_ci_upper`];

function period(f: AnalyticsFilter) {
  return `${f.from ?? 'the first application'} to ${f.to ?? 'today'}`;
}

function fileName(report: string, f: AnalyticsFilter, ext: string) {
  return `rubric-${report}${f.from ? `-from-${f.from}` : ''}${f.to ? `-to-${f.to}` : ''}.${ext}`;
}

function impactRows(t: ImpactTable, characteristic: string) {
  return t.groups.map((g) => [
    characteristic,
    t.name,
    t.method,
    g.group,
    g.suppressed ? 'suppressed' : g.n,
    g.suppressed ? 'suppressed' : g.selected,
    num(g.rate.value),
    num(g.rate.lower),
    num(g.rate.upper),
    num(g.impactRatio.value),
    num(g.impactRatio.lower),
    num(g.impactRatio.upper),
    g.fourFifthsFlag ? 'yes' : 'no',
    num(g.fisherP, 6),
    num(g.zP, 6),
    g.isReference ? 'yes' : 'no',
  ]);
}
const impactHeader = ['characteristic', 'table', 'method', 'group', 'n', 'selected', 'rate', 'rate_ci_lower', 'rate_ci_upper', 'impact_ratio', 'impact_ratio_ci_lower', 'impact_ratio_ci_upper', 'below_four_fifths', 'fisher_p', 'z_p', 'reference_group'];

export async function exportReport(
  ctx: Ctx,
  query: AnalyticsFilter & { report: AnalyticsReportName; outcome?: ValidityOutcome; characteristic?: Characteristic; by?: 'job' | 'role' | 'source' | 'month' },
): Promise<FileBody> {
  const { report, outcome, characteristic, by, ...f } = query;
  let rows: (string | number | null)[][];
  switch (report) {
    case 'funnel': {
      const r = await s.funnel(ctx, { ...f, by: by ?? 'job' });
      rows = [
        ['section', 'id', 'name', 'entered', 'passed', 'exited', 'active', ...rateHeader('pass'), 'median_days_in_stage', 'days_n'],
        ...r.stages.map((x) => ['stage', x.id, x.name, x.entered, x.passed, x.exited, x.active, ...rateCells(x.rate), num(x.medianDays, 2), x.daysN]),
        ...r.groups.map((g) => [`by_${r.by}`, g.key, g.label, g.applications, g.hired, '', '', ...rateCells(g.hireRate), '', '']),
      ];
      break;
    }
    case 'calibration': {
      const r = await s.calibration(ctx, f);
      rows = [
        ['interviewer_id', 'name', 'ratings', 'scorecards', 'mean', 'difference', 'difference_ci_lower', 'difference_ci_upper', 'difference_n', 'verdict', ...rateHeader('extreme'), 'median_hours_to_submit', ...rateHeader('on_time'), ...rateHeader('panel_agreement'), ...rateHeader('decision_agreement')],
        ...r.interviewers.map((i) => [
          i.id,
          i.name,
          i.ratings,
          i.scorecards,
          num(i.mean),
          num(i.difference.value),
          num(i.difference.lower),
          num(i.difference.upper),
          i.difference.n,
          i.verdict,
          ...rateCells(i.extremeShare),
          num(i.medianHoursToSubmit, 1),
          ...rateCells(i.onTime),
          ...rateCells(i.panelAgreement),
          ...rateCells(i.decisionAgreement),
        ]),
      ];
      break;
    }
    case 'reliability': {
      const r = await s.reliability(ctx, f);
      rows = [
        ['competency_id', 'name', 'ratings', 'applications', 'k', 'n_complete', 'icc1', 'icc1_ci_lower', 'icc1_ci_upper', 'icc1k', 'icc1k_ci_lower', 'icc1k_ci_upper', 'alpha_ordinal', 'alpha_ci_lower', 'alpha_ci_upper', 'pairable_values'],
        ...[r.overall, ...r.competencies].map((c) => [
          c.id === '__overall__' ? 'overall' : c.id,
          c.name,
          c.ratings,
          c.applications,
          c.k ?? '',
          c.nComplete,
          num(c.icc1.value),
          num(c.icc1.lower),
          num(c.icc1.upper),
          num(c.icc1k.value),
          num(c.icc1k.lower),
          num(c.icc1k.upper),
          num(c.alphaOrdinal.value),
          num(c.alphaOrdinal.lower),
          num(c.alphaOrdinal.upper),
          c.alphaOrdinal.pairableValues,
        ]),
      ];
      break;
    }
    case 'validity': {
      const r = await s.validity(ctx, { ...f, outcome: outcome ?? 'performance_12m' });
      rows = [
        ['outcome', 'kind', 'id', 'label', 'n', 'method', 'r', 'r_ci_lower', 'r_ci_upper', 'p', 'spearman_rho', 'spearman_p'],
        ...r.predictors.map((p) =>
          p.suppressed
            ? [r.outcome.key, p.kind, p.id, p.label, 'suppressed', p.method, '', '', '', '', '', '']
            : [r.outcome.key, p.kind, p.id, p.label, p.n, p.method, num(p.r.value), num(p.r.lower), num(p.r.upper), num(p.r.p, 6), num(p.spearman.value), num(p.spearman.p, 6)],
        ),
      ];
      break;
    }
    case 'adverse-impact': {
      const ch = characteristic ?? 'sex';
      const r = await s.adverseImpactReport(ctx, { ...f, characteristic: ch });
      rows = [impactHeader, ...[...r.stages, r.final, r.scoringRate].flatMap((t) => impactRows(t, ch))];
      break;
    }
  }
  return { contentType: 'text/csv; charset=utf-8', fileName: fileName(report, f, 'csv'), body: safeCsv(rows) };
}

function mdTable(t: ImpactTable): string {
  const lines = [
    `| Group | n | Selected | Rate | Impact ratio | Below 4/5 | Fisher p |`,
    `|---|---:|---:|---:|---:|:---:|---:|`,
    ...t.groups.map((g) =>
      g.suppressed
        ? `| ${markdownText(g.group)} | suppressed (n < 5) | — | — | — | — | — |`
        : `| ${markdownText(g.group)}${g.isReference ? ' (reference)' : ''} | ${g.n} | ${g.selected} | ${g.rate.value === null ? '—' : `${(g.rate.value * 100).toFixed(1)} %`} | ${g.impactRatio.value === null ? '—' : g.impactRatio.value.toFixed(3)} | ${g.fourFifthsFlag ? 'yes' : 'no'} | ${g.fisherP === null ? '—' : g.fisherP < 0.001 ? '< 0.001' : g.fisherP.toFixed(3)} |`,
    ),
  ];
  return lines.join('\n');
}

/**
 * The bias-audit summary in the shape NYC Local Law 144 audits publish: the data period, how many
 * applicants, selection rates and impact ratios per category (sex, race/ethnicity, intersectional)
 * and the scoring rates of the interview score, the counts of unknown/declined — plus age, which
 * LL144 does not require but the ADEA makes relevant. Suppression applies.
 */
export async function biasAudit(ctx: Ctx, query: AnalyticsFilter & { format: 'md' | 'csv' }): Promise<FileBody> {
  const { format, ...f } = query;
  const order: Characteristic[] = ['sex', 'raceEthnicity', 'sexRace', 'ageBand'];
  const reports: AdverseImpactReport[] = [];
  for (const ch of order) reports.push(await s.adverseImpactReport(ctx, { ...f, characteristic: ch }, { audit: false }));
  await s.auditImpactView(ctx, ctx.actor!.org!.id, 'all');
  const first = reports[0]!;
  if (format === 'csv') {
    const rows: (string | number | null)[][] = [
      ['data_period', period(f)],
      ['applications', first.applications],
      ['generated_at', first.generatedAt],
      [],
      ['characteristic', 'provided', 'declined', 'not_provided'],
      ...reports.map((r) => [r.characteristic, r.counts.provided, r.counts.declined, r.counts.notProvided]),
      [],
      impactHeader,
      ...reports.flatMap((r) => [r.final, r.scoringRate, ...r.stages].flatMap((t) => impactRows(t, r.characteristic))),
    ];
    return { contentType: 'text/csv; charset=utf-8', fileName: fileName('bias-audit', f, 'csv'), body: safeCsv(rows) };
  }
  const parts = [
    '# Bias-audit summary',
    '',
    `- Data period: applications created from ${period(f)}`,
    `- Applications: ${first.applications}`,
    `- Generated: ${first.generatedAt} by Rubric`,
    '- Method: selection rate = selected ÷ decided per category; impact ratio = the category\'s rate ÷ the highest rate; "Below 4/5" marks an impact ratio under 0.8 (decided exactly). Scoring rate (NYC Local Law 144) = share of the category scoring above the median overall interview score of the whole sample. Fisher p: two-sided exact test against the reference category. Categories with fewer than 5 people are suppressed, and one more when a single one would be.',
    '',
  ];
  for (const r of reports) {
    parts.push(`## ${characteristicLabels[r.characteristic]}`, '', `Provided: ${r.counts.provided} · declined: ${r.counts.declined} · not provided (unknown): ${r.counts.notProvided}`, '');
    for (const t of [r.final, r.scoringRate, ...r.stages]) {
      parts.push(`### ${markdownText(t.name)}${t.median !== null ? ` — median score ${t.median.toFixed(3)}` : ''}`, '', t.groups.length ? mdTable(t) : '_No data._', '');
    }
  }
  return { contentType: 'text/markdown; charset=utf-8', fileName: fileName('bias-audit', f, 'md'), body: `${parts.join('\n')}\n` };
}
