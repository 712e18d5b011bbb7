/**
 * Area under the ROC curve, computed by ranks (the Mann–Whitney U statistic divided by n₁·n₀).
 *
 * The AUC is the probability that a randomly drawn positive case scores higher than a randomly
 * drawn negative one; a tie between a positive and a negative counts one half. Ranking the pooled
 * scores with mid-ranks for tied values gives exactly that count without comparing every pair, so
 * the cost is one sort.
 */

/**
 * AUC of `scores` for the binary `outcomes` (1 or true = positive, 0 or false = negative).
 * Returns null when either class is empty (the AUC is undefined, not 0.5). Scores must be finite.
 */
export function auc(scores: readonly number[], outcomes: readonly (number | boolean)[]): number | null {
  if (scores.length !== outcomes.length) throw new RangeError(`auc: ${scores.length} scores but ${outcomes.length} outcomes`);
  const n = scores.length;
  let positives = 0;
  for (let i = 0; i < n; i++) {
    const s = scores[i]!;
    if (!Number.isFinite(s)) throw new RangeError(`auc: score ${i} is not a finite number`);
    const o = outcomes[i]!;
    if (o === true || o === 1) positives++;
    else if (o !== false && o !== 0) throw new RangeError(`auc: outcome ${i} must be 0 or 1`);
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return null;

  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  // Walk runs of equal scores; every member of a run gets the run's average rank (1-based).
  let positiveRankSum = 0;
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && scores[order[end]!] === scores[order[start]!]) end++;
    const midRank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) {
      const o = outcomes[order[k]!];
      if (o === true || o === 1) positiveRankSum += midRank;
    }
    start = end;
  }
  const u = positiveRankSum - (positives * (positives + 1)) / 2;
  return u / (positives * negatives);
}
