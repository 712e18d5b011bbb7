/** Half-open time intervals [start, end) in epoch milliseconds, and their set algebra. Pure. */

export interface Interval {
  start: number;
  end: number;
}

/** Sorted, merged, non-empty intervals (touching intervals merge). */
export function normalize(list: Interval[]): Interval[] {
  const sorted = list.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out.at(-1);
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else out.push({ ...i });
  }
  return out;
}

/** a minus b. */
export function subtract(a: Interval[], b: Interval[]): Interval[] {
  const bs = normalize(b);
  const out: Interval[] = [];
  for (const i of normalize(a)) {
    let cursor = i.start;
    for (const x of bs) {
      if (x.end <= cursor || x.start >= i.end) continue;
      if (x.start > cursor) out.push({ start: cursor, end: x.start });
      cursor = Math.max(cursor, x.end);
      if (cursor >= i.end) break;
    }
    if (cursor < i.end) out.push({ start: cursor, end: i.end });
  }
  return out;
}

/** a ∩ b. */
export function intersect(a: Interval[], b: Interval[]): Interval[] {
  const as = normalize(a);
  const bs = normalize(b);
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < as.length && j < bs.length) {
    const start = Math.max(as[i]!.start, bs[j]!.start);
    const end = Math.min(as[i]!.end, bs[j]!.end);
    if (end > start) out.push({ start, end });
    if (as[i]!.end < bs[j]!.end) i++;
    else j++;
  }
  return out;
}

/** Whether [start, end) lies wholly inside one interval of a normalized list (binary search). */
export function covers(list: Interval[], start: number, end: number): boolean {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const x = list[mid]!;
    if (x.end <= start) lo = mid + 1;
    else if (x.start > start) hi = mid - 1;
    else return end <= x.end;
  }
  return false;
}
