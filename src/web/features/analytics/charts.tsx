import { type ReactNode, useId } from 'react';

/**
 * The analytics charts: small SVG components, no chart library. Every chart is an image with a
 * summarising name (role="img", aria-label, <title>); the numbers it draws are also printed as text
 * in the chart and in the report's table. Colours and fonts are presentation attributes (not CSS),
 * so a downloaded SVG (chart-export.ts) looks the same outside the page.
 */

const WIDTH = 760;
const ROW = 28;
const AXIS = 26;
const FONT = 12;
const CHAR = 6.6; // average glyph width at 12 px, for column widths
const INK = '#18202e';
const MUTED = '#4a5568';
const GRID = '#cfd6e0';
const BAR = '#1f4fbf';
const ALERT = '#b42318';

// ── Scales ───────────────────────────────────────────────────────────────────────────────────────

/** Maps [d0, d1] onto [r0, r1] linearly (a zero-width domain maps to the middle of the range). */
export function linearScale([d0, d1]: readonly [number, number], [r0, r1]: readonly [number, number]): (v: number) => number {
  const span = d1 - d0;
  return (v) => (span === 0 ? (r0 + r1) / 2 : r0 + ((v - d0) / span) * (r1 - r0));
}

/** About `count` round tick values (steps of 1, 2 or 5 × 10ⁿ) covering [min, max]. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min === max) return [min];
  const raw = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step - 1e-9) * step; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toFixed(10)));
  return ticks;
}

export interface IntervalDatum {
  value: number | null;
  lower: number | null;
  upper: number | null;
}

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * The domain of an interval plot from its data: every value and interval end, always 0, padded
 * by a tenth and rounded out to ticks; `symmetric` centres it on 0; `clamp` bounds it (r is in [−1, 1]).
 */
export function intervalDomain(rows: readonly IntervalDatum[], opts: { symmetric?: boolean; clamp?: readonly [number, number] } = {}): [number, number] {
  const values = rows.flatMap((r) => [r.value, r.lower, r.upper]).filter(finite);
  let lo = Math.min(0, ...values);
  let hi = Math.max(0, ...values);
  if (opts.symmetric) {
    const m = Math.max(Math.abs(lo), Math.abs(hi));
    lo = -m;
    hi = m;
  }
  if (lo === hi) {
    lo -= 1;
    hi += 1;
  }
  const pad = (hi - lo) * 0.1;
  lo -= pad;
  hi += pad;
  const ticks = niceTicks(lo, hi, 8);
  const step = ticks.length > 1 ? ticks[1]! - ticks[0]! : 0;
  if (step > 0) {
    lo = Math.floor(lo / step) * step;
    hi = Math.ceil(hi / step) * step;
  }
  if (opts.clamp) {
    lo = Math.max(opts.clamp[0], lo);
    hi = Math.min(opts.clamp[1], hi);
  }
  return [Number(lo.toFixed(10)), Number(hi.toFixed(10))];
}

const textWidth = (texts: readonly string[], min: number, max: number) => Math.min(max, Math.max(min, ...texts.map((t) => t.length * CHAR + 12)));
const clip = (t: string, width: number) => {
  const chars = Math.floor((width - 12) / CHAR + 0.01);
  return t.length > chars ? `${t.slice(0, Math.max(1, chars - 1))}…` : t;
};
const tickLabel = (v: number, percent: boolean) => (percent ? `${Math.round(v * 100)}%` : String(Number(v.toFixed(2))));

function Whisker({ x1, x2, y, color = INK }: { x1: number; x2: number; y: number; color?: string }) {
  return (
    <g stroke={color} strokeWidth={1.5}>
      <line x1={x1} x2={x2} y1={y} y2={y} />
      <line x1={x1} x2={x1} y1={y - 5} y2={y + 5} />
      <line x1={x2} x2={x2} y1={y - 5} y2={y + 5} />
    </g>
  );
}

function Axis({ ticks, x, top, bottom, percent }: { ticks: readonly number[]; x: (v: number) => number; top: number; bottom: number; percent: boolean }) {
  return (
    <g>
      {ticks.map((t) => (
        <g key={t}>
          <line x1={x(t)} x2={x(t)} y1={top - 4} y2={bottom} stroke={GRID} strokeWidth={1} />
          <text x={x(t)} y={top - 8} textAnchor="middle" fill={MUTED}>
            {tickLabel(t, percent)}
          </text>
        </g>
      ))}
    </g>
  );
}

function ChartSvg({ title, summary, height, children }: { title: string; summary: string; height: number; children: ReactNode }) {
  const titleId = useId();
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      className="an-chart"
      role="img"
      aria-label={summary}
      aria-describedby={titleId}
      viewBox={`0 0 ${WIDTH} ${height}`}
      width={WIDTH}
      height={height}
      fontFamily="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"
      fontSize={FONT}
      fill={INK}
    >
      <title id={titleId}>{title}</title>
      <rect x={0} y={0} width={WIDTH} height={height} fill="#ffffff" />
      {children}
    </svg>
  );
}

// ── Horizontal bars with whiskers (rates in [0, 1]) ──────────────────────────────────────────────

export interface BarDatum extends IntervalDatum {
  key: string;
  label: string;
  /** The figures printed beside the bar ("120 entered / 80 passed / 67% (58–75%)"). */
  text: string;
}

/** A horizontal bar per row for a proportion, its 95 % interval as a whisker, the figures beside it. */
export function BarWhiskerChart({ title, summary, rows }: { title: string; summary: string; rows: readonly BarDatum[] }) {
  const left = textWidth(
    rows.map((r) => r.label),
    80,
    200,
  );
  const right = textWidth(
    rows.map((r) => r.text),
    120,
    330,
  );
  const x = linearScale([0, 1], [left, WIDTH - right - 8]);
  const height = AXIS + rows.length * ROW + 8;
  return (
    <ChartSvg title={title} summary={summary} height={height}>
      <Axis ticks={[0, 0.25, 0.5, 0.75, 1]} x={x} top={AXIS} bottom={height - 4} percent />
      {rows.map((r, i) => {
        const y = AXIS + i * ROW + ROW / 2;
        return (
          <g key={r.key}>
            <text x={left - 8} y={y + 4} textAnchor="end">
              {clip(r.label, left)}
            </text>
            {finite(r.value) ? <rect x={x(0)} y={y - 7} width={Math.max(0, x(r.value) - x(0))} height={14} fill={BAR} opacity={0.85} /> : null}
            {finite(r.lower) && finite(r.upper) ? <Whisker x1={x(r.lower)} x2={x(r.upper)} y={y} /> : null}
            <text x={WIDTH - right} y={y + 4} fill={finite(r.value) ? INK : MUTED}>
              {clip(r.text, right + 8)}
            </text>
          </g>
        );
      })}
    </ChartSvg>
  );
}

// ── Interval plots: dot plot around zero, forest plot ────────────────────────────────────────────

export interface IntervalRow extends IntervalDatum {
  key: string;
  label: string;
  /** Printed at the right ("n = 23", "lenient +0.42"). */
  text: string;
  /** Drawn in the alert colour (the text says why; colour never carries it alone). */
  emphasis?: boolean;
  /** Printed across the plot instead of a dot ("fewer than 5 — hidden"). */
  hidden?: string;
}
export type IntervalItem = IntervalRow | { heading: string; key: string };

function IntervalPlot({
  title,
  summary,
  items,
  domain,
  zeroLabel,
}: {
  title: string;
  summary: string;
  items: readonly IntervalItem[];
  domain: [number, number];
  zeroLabel?: string;
}) {
  const rows = items.filter((i): i is IntervalRow => !('heading' in i));
  const left = textWidth(
    rows.map((r) => r.label),
    90,
    220,
  );
  const right = textWidth(
    rows.map((r) => r.text),
    70,
    260,
  );
  const x = linearScale(domain, [left, WIDTH - right - 8]);
  const bottomPad = zeroLabel ? 24 : 8;
  const height = AXIS + items.length * ROW + bottomPad;
  const ticks = niceTicks(domain[0], domain[1]);
  return (
    <ChartSvg title={title} summary={summary} height={height}>
      <Axis ticks={ticks} x={x} top={AXIS} bottom={height - bottomPad} percent={false} />
      {domain[0] <= 0 && domain[1] >= 0 ? (
        <g>
          <line x1={x(0)} x2={x(0)} y1={AXIS - 4} y2={height - bottomPad} stroke={INK} strokeWidth={1} strokeDasharray="4 3" />
          {zeroLabel ? (
            <text x={x(0)} y={height - 8} textAnchor="middle" fill={MUTED}>
              {zeroLabel}
            </text>
          ) : null}
        </g>
      ) : null}
      {items.map((item, i) => {
        const y = AXIS + i * ROW + ROW / 2;
        if ('heading' in item) {
          return (
            <text key={item.key} x={8} y={y + 4} fontWeight={700}>
              {item.heading}
            </text>
          );
        }
        const color = item.emphasis ? ALERT : INK;
        return (
          <g key={item.key}>
            <text x={left - 8} y={y + 4} textAnchor="end">
              {clip(item.label, left)}
            </text>
            {item.hidden ? (
              <text x={(x(domain[0]) + x(domain[1])) / 2} y={y + 4} textAnchor="middle" fill={MUTED} fontStyle="italic">
                {item.hidden}
              </text>
            ) : (
              <>
                {finite(item.lower) && finite(item.upper) ? <Whisker x1={x(clampTo(item.lower, domain))} x2={x(clampTo(item.upper, domain))} y={y} color={color} /> : null}
                {finite(item.value) ? <circle cx={x(clampTo(item.value, domain))} cy={y} r={4.5} fill={color} /> : null}
              </>
            )}
            {item.hidden ? null : (
              <text x={WIDTH - right} y={y + 4} fill={color}>
                {clip(item.text, right + 8)}
              </text>
            )}
          </g>
        );
      })}
    </ChartSvg>
  );
}

const clampTo = (v: number, [lo, hi]: readonly [number, number]) => Math.min(hi, Math.max(lo, v));

/** Each row's difference from a reference (0) as a dot with its interval; the axis is symmetric around 0. */
export function DotPlot({ title, summary, rows, zeroLabel }: { title: string; summary: string; rows: readonly IntervalRow[]; zeroLabel: string }) {
  return <IntervalPlot title={title} summary={summary} items={rows} domain={intervalDomain(rows, { symmetric: true })} zeroLabel={zeroLabel} />;
}

/** A forest plot: correlations with their intervals in groups (headings), a line at 0, n at the right. */
export function ForestPlot({ title, summary, groups }: { title: string; summary: string; groups: readonly { heading: string; rows: readonly IntervalRow[] }[] }) {
  const items: IntervalItem[] = groups.flatMap((g) => [{ heading: g.heading, key: `h:${g.heading}` }, ...g.rows]);
  const rows = groups.flatMap((g) => g.rows.filter((r) => !r.hidden));
  return <IntervalPlot title={title} summary={summary} items={items} domain={intervalDomain(rows, { clamp: [-1, 1] })} zeroLabel="0 = no relation" />;
}
