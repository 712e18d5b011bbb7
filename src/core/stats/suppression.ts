/**
 * Small-cell suppression for published tables (DECISIONS 31). A cell describing fewer than `min`
 * people (but at least one) is hidden. When exactly one cell of a table is hidden, the table's total
 * minus the shown cells would give it away, so the smallest shown cell is hidden too
 * (complementary suppression). Empty cells (n = 0) reveal nobody and stay shown.
 */
export function suppressedCells(sizes: readonly number[], min = 5): boolean[] {
  const hidden = sizes.map((n) => n > 0 && n < min);
  const count = hidden.filter(Boolean).length;
  if (count === 1) {
    let pick = -1;
    for (let i = 0; i < sizes.length; i++) {
      if (hidden[i] || sizes[i]! <= 0) continue;
      if (pick < 0 || sizes[i]! < sizes[pick]!) pick = i;
    }
    if (pick >= 0) hidden[pick] = true;
  }
  return hidden;
}
