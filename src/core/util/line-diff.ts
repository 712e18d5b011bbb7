export interface LineChange {
  kind: 'same' | 'added' | 'removed';
  /** The line without its line ending. */
  text: string;
}

/**
 * Above this many cells (lines of a's middle × lines of b's middle) the exact comparison is
 * skipped: 4,000,000 cells of 2 bytes keep the table at 8 MB and the time in milliseconds.
 */
export const maxDiffCells = 4_000_000;

/**
 * Lines of a text: LF, CRLF and lone CR all end a line, and a final line ending does not start
 * another line ("a\n" and "a" are both ["a"]; "" is no lines at all).
 */
export function splitLines(text: string): string[] {
  if (!text) return [];
  const lines = text.split(/\r\n|\r|\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * A line diff of `a` into `b`: every line of both, in order, as `same`, `removed` (only in a) or
 * `added` (only in b). Keeping `same` and `removed` lines gives back a's lines, keeping `same` and
 * `added` gives b's. Line endings do not count (CRLF equals LF, a missing final newline is no
 * change).
 *
 * The common prefix and suffix are matched first. The rest is a longest common subsequence of
 * lines, computed exactly when the two middles span at most {@link maxDiffCells} cells (so two
 * 2,000-line texts always get the exact diff); beyond that the middle is reported as all of a's
 * lines removed, then all of b's added: still correct to apply, just not minimal. Within a
 * changed stretch, removals come before additions; among equally long subsequences the one
 * that removes earlier is chosen. Deterministic.
 */
export function diffLines(a: string, b: string): LineChange[] {
  const x = splitLines(a);
  const y = splitLines(b);
  let start = 0;
  while (start < x.length && start < y.length && x[start] === y[start]) start++;
  let endX = x.length;
  let endY = y.length;
  while (endX > start && endY > start && x[endX - 1] === y[endY - 1]) {
    endX--;
    endY--;
  }

  const out: LineChange[] = [];
  for (let i = 0; i < start; i++) out.push({ kind: 'same', text: x[i]! });
  out.push(...diffMiddle(x.slice(start, endX), y.slice(start, endY)));
  for (let i = endX; i < x.length; i++) out.push({ kind: 'same', text: x[i]! });
  return out;
}

function diffMiddle(x: string[], y: string[]): LineChange[] {
  const n = x.length;
  const m = y.length;
  const removeAll = () => x.map((text): LineChange => ({ kind: 'removed', text }));
  const addAll = () => y.map((text): LineChange => ({ kind: 'added', text }));
  if (!n || !m || n * m > maxDiffCells) return [...removeAll(), ...addAll()];

  // Compare small integers rather than strings in the inner loop.
  const ids = new Map<string, number>();
  const intern = (lines: string[]) => Int32Array.from(lines, (l) => ids.get(l) ?? (ids.set(l, ids.size), ids.size - 1));
  const xi = intern(x);
  const yi = intern(y);

  // lcs[i][j] (flattened, width m + 1): the LCS length of x[i..] and y[j..]. It never exceeds
  // min(n, m), which the cell limit keeps at 2,000, so 16 bits suffice.
  const w = m + 1;
  const lcs = new Uint16Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    const row = i * w;
    const below = row + w;
    const xv = xi[i];
    for (let j = m - 1; j >= 0; j--) {
      lcs[row + j] = xv === yi[j] ? lcs[below + j + 1]! + 1 : Math.max(lcs[below + j]!, lcs[row + j + 1]!);
    }
  }

  const out: LineChange[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (xi[i] === yi[j]) {
      out.push({ kind: 'same', text: x[i]! });
      i++;
      j++;
    } else if (lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!) {
      out.push({ kind: 'removed', text: x[i++]! });
    } else {
      out.push({ kind: 'added', text: y[j++]! });
    }
  }
  while (i < n) out.push({ kind: 'removed', text: x[i++]! });
  while (j < m) out.push({ kind: 'added', text: y[j++]! });
  return out;
}
