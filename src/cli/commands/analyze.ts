import fs from 'node:fs';
import type { Command } from 'commander';
import { adverseImpact, scoringRate, type AdverseImpactResult, type ImpactRow } from '../../core/stats/adverse-impact.ts';
import { alphaMetrics, krippendorffAlpha, type AlphaMetric } from '../../core/stats/alpha.ts';
import { pearson, spearman } from '../../core/stats/correlation.ts';
import { CsvTableError, formatProblem, readCsvTable, type ColumnSpec, type TypedTable } from '../../core/stats/csv-table.ts';
import { iccFromMatrix, type IccResult } from '../../core/stats/icc.ts';
import { buildDesign, fitLogistic, LogisticError, type LogisticFit } from '../../core/stats/logistic.ts';
import { output, usageError } from '../io.ts';

// `rubric analyze …`: offline statistics over CSV files (DECISIONS 9, 29–32). Nothing here opens the
// data folder. A file that can be analysed exits 0 whatever the numbers say; an unreadable or
// invalid file (missing columns, non-numeric values, a model that cannot be estimated) exits 2 with
// every problem on stderr and nothing on stdout.

/** Groups smaller than this are marked in the adverse-impact output (DECISIONS 31), not hidden. */
const SMALL_GROUP = 5;
/** Problems listed on stderr before "… and N more". */
const MAX_PROBLEMS = 50;

type OutputFormat = 'json' | 'text';

function formatOf(v: string): OutputFormat {
  if (v !== 'json' && v !== 'text') throw usageError(`--format must be json or text (got ${v})`);
  return v;
}

function readInput(file: string): string {
  try {
    return fs.readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    throw usageError(`cannot read ${file}: ${(e as Error).message}`);
  }
}

/** Reads and validates the CSV; every problem becomes one stderr line (exit 2). */
function readTable(file: string, specs: ColumnSpec[]): TypedTable {
  const text = readInput(file);
  try {
    return readCsvTable(text, specs);
  } catch (e) {
    if (e instanceof CsvTableError) {
      const shown = e.problems.slice(0, MAX_PROBLEMS).map((p) => `  ${formatProblem(p)}`);
      const more = e.problems.length > MAX_PROBLEMS ? [`  … and ${e.problems.length - MAX_PROBLEMS} more`] : [];
      throw usageError([`${file}: ${e.problems.length} problem(s):`, ...shown, ...more].join('\n'));
    }
    throw e;
  }
}

/** Fails loudly (exit 1) if a bug ever lets NaN or ±Infinity reach the output; JSON would print null silently. */
function assertFinite(value: unknown, path = '$'): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`internal error: ${path} is ${value}`);
  } else if (Array.isArray(value)) value.forEach((v, i) => assertFinite(v, `${path}[${i}]`));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) assertFinite(v, `${path}.${k}`);
}

function emit(format: OutputFormat, value: unknown, text: () => string): void {
  assertFinite(value);
  output(format, value, text);
}

const num = (v: number | null | undefined, digits = 3) => (v === null || v === undefined ? '—' : v.toFixed(digits));
const pval = (p: number | null | undefined) => (p === null || p === undefined ? '—' : p < 0.0001 ? '<0.0001' : p.toFixed(4));

/** Lays out rows as a plain-text table with columns padded to their widest cell. */
function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, j) => Math.max(h.length, ...rows.map((r) => (r[j] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, j) => (j === 0 ? c.padEnd(widths[j]!) : c.padStart(widths[j]!))).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------------------------------------------
// reliability
// ---------------------------------------------------------------------------------------------------

const ICC_KEYS = ['icc1', 'icc2', 'icc3', 'icc1k', 'icc2k', 'icc3k'] as const;

interface ReliabilityReport {
  nTargets: number;
  nRaters: number;
  nComplete: number;
  icc: Record<(typeof ICC_KEYS)[number], number | null> | null;
  alpha: Record<AlphaMetric, number | null>;
  notes: string[];
}

interface Rating {
  target: string;
  rater: string;
  score: number | null;
}

function reliabilityOf(ratings: readonly Rating[]): ReliabilityReport {
  const targets = [...new Set(ratings.map((r) => r.target))];
  const raters = [...new Set(ratings.map((r) => r.rater))];
  const targetIndex = new Map(targets.map((t, i) => [t, i]));
  const raterIndex = new Map(raters.map((r, i) => [r, i]));
  const matrix = targets.map(() => new Array<number | null>(raters.length).fill(null));
  for (const r of ratings) matrix[targetIndex.get(r.target)!]![raterIndex.get(r.rater)!] = r.score;

  const notes: string[] = [];
  // Alpha pairs every value it can: each target is a unit holding its raters' scores.
  const alpha = {} as Record<AlphaMetric, number | null>;
  const alphaReasons = new Map<string, AlphaMetric[]>();
  for (const metric of alphaMetrics) {
    const a = krippendorffAlpha(matrix, metric);
    alpha[metric] = a.alpha;
    if (a.alpha === null && a.reason) alphaReasons.set(a.reason, [...(alphaReasons.get(a.reason) ?? []), metric]);
  }
  for (const [reason, metrics] of alphaReasons) notes.push(`alpha (${metrics.length === alphaMetrics.length ? 'all metrics' : metrics.join(', ')}): ${reason}`);
  // ICC uses only the targets every rater scored.
  const result: IccResult = iccFromMatrix(matrix);
  let icc: ReliabilityReport['icc'] = null;
  if (raters.length < 2) {
    notes.push(`ICC needs at least 2 raters; found ${raters.length}.`);
  } else if (result.nComplete < 2) {
    notes.push(`ICC needs at least 2 targets rated by all ${raters.length} raters; found ${result.nComplete}.`);
  } else {
    icc = Object.fromEntries(ICC_KEYS.map((key) => [key, result[key].value])) as NonNullable<ReliabilityReport['icc']>;
    for (const key of ICC_KEYS) if (result[key].value === null && result[key].reason) notes.push(`${key}: ${result[key].reason}`);
    for (const note of result.notes) if (!notes.includes(note)) notes.push(note);
  }
  return { nTargets: targets.length, nRaters: raters.length, nComplete: result.nComplete, icc, alpha, notes: [...new Set(notes)] };
}

function reliabilityText(r: ReliabilityReport): string {
  const icc = r.icc ? ICC_KEYS.map((k) => `${k} ${num(r.icc![k])}`).join('  ') : 'not computed';
  return [
    `targets ${r.nTargets}, raters ${r.nRaters}, complete targets ${r.nComplete}`,
    `ICC: ${icc}`,
    `Krippendorff's alpha: ${alphaMetrics.map((m) => `${m} ${num(r.alpha[m])}`).join('  ')}`,
    ...r.notes.map((n) => `note: ${n}`),
  ].join('\n');
}

function runReliability(opts: { input: string; format: string }): void {
  const format = formatOf(opts.format);
  const t = readTable(opts.input, [
    { name: 'target', type: 'string' },
    { name: 'rater', type: 'string' },
    { name: 'score', type: 'number', allowMissing: true },
    { name: 'competency', type: 'string', required: false },
  ]);
  const target = t.strings('target');
  const rater = t.strings('rater');
  const score = t.numbers('score');
  const competency = t.has('competency') ? t.strings('competency') : null;
  // Each (competency, target, rater) may appear once: a second score is ambiguous.
  const seen = new Map<string, number>();
  const problems: string[] = [];
  for (let i = 0; i < t.n; i++) {
    const key = JSON.stringify([competency?.[i] ?? '', target[i], rater[i]]);
    const first = seen.get(key);
    if (first !== undefined) problems.push(`line ${t.lines[i]}: rater "${rater[i]}" already scored target "${target[i]}"${competency ? ` on "${competency[i]}"` : ''} (line ${first})`);
    else seen.set(key, t.lines[i]!);
  }
  if (problems.length) throw usageError([`${opts.input}: ${problems.length} problem(s):`, ...problems.slice(0, MAX_PROBLEMS).map((p) => `  ${p}`)].join('\n'));

  const ratings = (i: number): Rating => ({ target: target[i]!, rater: rater[i]!, score: score[i]! });
  if (!competency) {
    const report = reliabilityOf(Array.from({ length: t.n }, (_, i) => ratings(i)));
    return emit(format, report, () => reliabilityText(report));
  }
  const ids = [...new Set(competency)].sort();
  const competencies: Record<string, ReliabilityReport> = {};
  for (const id of ids) {
    const rows: Rating[] = [];
    for (let i = 0; i < t.n; i++) if (competency[i] === id) rows.push(ratings(i));
    competencies[id] = reliabilityOf(rows);
  }
  emit(format, { competencies }, () => ids.map((id) => `== ${id}\n${reliabilityText(competencies[id]!)}`).join('\n\n'));
}

// ---------------------------------------------------------------------------------------------------
// adverse-impact
// ---------------------------------------------------------------------------------------------------

function impactText(r: { referenceGroup: string | null; groups: (ImpactRow & { smallGroup: boolean })[]; median?: number | null }, notes: string[]): string {
  const rows = r.groups.map((g) => [
    g.group + (g.group === r.referenceGroup ? ' (reference)' : '') + (g.smallGroup ? ' *' : ''),
    String(g.n),
    String(g.selected),
    num(g.rate),
    num(g.impactRatio),
    g.fourFifthsFlag ? 'YES' : 'no',
    pval(g.fisherP),
    pval(g.zP),
  ]);
  return [
    ...(r.median !== undefined ? [`median score ${num(r.median)}; rate = share scoring above it (ties at the median do not count)`] : []),
    table(['group', 'n', 'selected', 'rate', 'ratio', 'below 4/5', 'Fisher p', 'z p'], rows),
    ...(r.groups.some((g) => g.smallGroup) ? [`* fewer than ${SMALL_GROUP} people: too few to read much into`] : []),
    ...notes.map((n) => `note: ${n}`),
  ].join('\n');
}

function runAdverseImpact(opts: { input: string; method: string; format: string }): void {
  const format = formatOf(opts.format);
  if (opts.method !== 'selection' && opts.method !== 'scoring-rate') throw usageError(`--method must be selection or scoring-rate (got ${opts.method})`);
  const scoring = opts.method === 'scoring-rate';
  const t = readTable(opts.input, [{ name: 'group', type: 'string' }, scoring ? { name: 'score', type: 'number' } : { name: 'selected', type: 'binary' }]);
  const group = t.strings('group');
  const values = t.numbers(scoring ? 'score' : 'selected') as number[];
  const names = [...new Set(group)].sort();

  let result: AdverseImpactResult & { median?: number | null };
  if (scoring) {
    const scores = new Map(names.map((g) => [g, [] as number[]]));
    group.forEach((g, i) => scores.get(g)!.push(values[i]!));
    result = scoringRate(names.map((g) => ({ group: g, scores: scores.get(g)! })));
  } else {
    const counts = new Map(names.map((g) => [g, { group: g, n: 0, selected: 0 }]));
    group.forEach((g, i) => {
      const c = counts.get(g)!;
      c.n++;
      c.selected += values[i]!;
    });
    result = adverseImpact(names.map((g) => counts.get(g)!));
  }
  const groups = result.groups.map((g) => ({ ...g, smallGroup: g.n < SMALL_GROUP }));
  const doc = scoring ? { referenceGroup: result.referenceGroup, groups, median: result.median ?? null } : { referenceGroup: result.referenceGroup, groups };
  emit(format, doc, () => impactText(doc, result.notes));
}

// ---------------------------------------------------------------------------------------------------
// correlate
// ---------------------------------------------------------------------------------------------------

function runCorrelate(opts: { input: string; x: string; y: string; format: string }): void {
  const format = formatOf(opts.format);
  // Empty cells are missing values: the pair is left out and n says how many pairs were used.
  const t = readTable(opts.input, [
    { name: opts.x, type: 'number', allowMissing: true },
    { name: opts.y, type: 'number', allowMissing: true },
  ]);
  const x = t.numbers(opts.x);
  const y = t.numbers(opts.y);
  const r = pearson(x, y);
  const rho = spearman(x, y);
  const notes = [...new Set([r.reason, ...r.notes, rho.reason && rho.reason !== r.reason ? `spearman: ${rho.reason}` : null].filter((s): s is string => !!s))];
  const doc = {
    n: r.n,
    pearson: { r: r.r, ci95: r.lower !== null && r.upper !== null ? [r.lower, r.upper] : null, p: r.p },
    spearman: { rho: rho.r, p: rho.p },
    notes,
  };
  emit(format, doc, () =>
    [
      `${opts.x} × ${opts.y}: ${doc.n} complete pair(s)`,
      `Pearson r ${num(doc.pearson.r)}  95% CI ${doc.pearson.ci95 ? `${num(doc.pearson.ci95[0])} … ${num(doc.pearson.ci95[1])}` : '—'}  p ${pval(doc.pearson.p)}`,
      `Spearman rho ${num(doc.spearman.rho)}  p ${pval(doc.spearman.p)}`,
      ...notes.map((n) => `note: ${n}`),
    ].join('\n'),
  );
}

// ---------------------------------------------------------------------------------------------------
// logistic
// ---------------------------------------------------------------------------------------------------

const list = (v: string | string[] | undefined): string[] =>
  (Array.isArray(v) ? v : v ? [v] : [])
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean);

function runLogistic(opts: { input: string; outcome: string; predictors: string; factor?: string[]; format: string }): void {
  const format = formatOf(opts.format);
  const predictors = list(opts.predictors);
  const factors = list(opts.factor);
  if (predictors.length === 0) throw usageError('--predictors needs at least one column name');
  const dup = predictors.find((p, i) => predictors.indexOf(p) !== i);
  if (dup) throw usageError(`--predictors lists "${dup}" twice`);
  if (predictors.includes(opts.outcome)) throw usageError(`the outcome "${opts.outcome}" cannot also be a predictor`);
  const stray = factors.find((f) => !predictors.includes(f));
  if (stray) throw usageError(`--factor "${stray}" is not one of --predictors`);

  const t = readTable(opts.input, [
    { name: opts.outcome, type: 'binary' },
    ...predictors.map((p): ColumnSpec => ({ name: p, type: factors.includes(p) ? 'string' : 'number' })),
  ]);
  const columns: Record<string, readonly (string | number)[]> = {};
  for (const p of predictors) columns[p] = factors.includes(p) ? t.strings(p) : (t.numbers(p) as number[]);
  let fit: LogisticFit;
  try {
    const design = buildDesign(columns, predictors, factors);
    fit = fitLogistic(design.X, t.numbers(opts.outcome) as number[], { names: design.names });
  } catch (e) {
    if (e instanceof LogisticError) throw usageError(`${opts.input}: cannot fit the model: ${e.message}`);
    throw e;
  }
  const doc = { n: fit.n, coefficients: fit.coefficients, deviance: fit.deviance, aic: fit.aic, auc: fit.auc };
  emit(format, doc, () =>
    [
      `${opts.outcome} ~ ${predictors.map((p) => (factors.includes(p) ? `factor(${p})` : p)).join(' + ')}   (n = ${fit.n})`,
      table(
        ['term', 'estimate', 'std. error', 'z', 'p'],
        Object.entries(fit.coefficients).map(([name, c]) => [name, num(c.estimate, 6), num(c.se, 6), num(c.z, 3), pval(c.p)]),
      ),
      `residual deviance ${num(fit.deviance, 4)}; null deviance ${num(fit.nullDeviance, 4)}; AIC ${num(fit.aic, 4)}; in-sample AUC ${num(fit.auc)}`,
    ].join('\n'),
  );
}

/** `rubric analyze …`: offline statistics over CSV files. */
export function registerAnalyzeCommands(program: Command): void {
  const analyze = program.command('analyze').description('Statistics over CSV files (offline): rater reliability, adverse impact, correlation, logistic regression');
  analyze
    .command('reliability')
    .description('Inter-rater reliability from target,rater,score rows (optional competency column): ICC (targets rated by every rater) and Krippendorff’s alpha (every pairable value)')
    .requiredOption('--input <file>', 'CSV with a header row, or - for standard input')
    .option('--format <format>', 'json or text', 'json')
    .action(runReliability);
  analyze
    .command('adverse-impact')
    .description('Selection rates per group against the highest-rate group: impact ratio, four-fifths flag, Fisher exact and z-test p-values; groups under 5 are marked')
    .requiredOption('--input <file>', 'CSV with group,selected (0/1), or group,score with --method scoring-rate')
    .option('--method <method>', 'selection, or scoring-rate (NYC Local Law 144: share scoring above the overall median)', 'selection')
    .option('--format <format>', 'json or text', 'json')
    .action(runAdverseImpact);
  analyze
    .command('correlate')
    .description('Pearson r (Fisher-z 95% interval, t-test p) and Spearman rho between two numeric columns; empty cells drop the pair')
    .requiredOption('--input <file>', 'CSV with a header row, or - for standard input')
    .requiredOption('--x <column>', 'first column')
    .requiredOption('--y <column>', 'second column')
    .option('--format <format>', 'json or text', 'json')
    .action(runCorrelate);
  analyze
    .command('logistic')
    .description('Logistic regression by maximum likelihood: estimates, Wald standard errors and p-values, deviance, AIC, in-sample AUC')
    .requiredOption('--input <file>', 'CSV with a header row, or - for standard input')
    .requiredOption('--outcome <column>', 'the 0/1 outcome column')
    .requiredOption('--predictors <columns>', 'comma-separated predictor columns')
    .option('--factor <columns...>', 'predictors to treat as categorical (treatment coding against the first level in sorted order)')
    .option('--format <format>', 'json or text', 'json')
    .action(runLogistic);
}
