import { type RiskCategory, lintRisk } from './risk-lint.ts';

export interface LabelledItem {
  id: string;
  text: string;
  expected: RiskCategory | null;
  split: 'tuning' | 'holdout';
}

export interface RiskScores {
  n: number;
  /** Risky items flagged with the expected category / all flags of any category on risky-labelled items. */
  precision: number;
  /** Risky items flagged (with the expected category) / risky items. */
  recall: number;
  /** Lawful items flagged anyway. */
  falsePositives: number;
  /** Risky items flagged, but with another category. */
  wrongCategory: number;
  misses: string[];
}

/**
 * Scores the detector on a labelled table: an item counts as detected when a finding has its
 * category; precision counts every flagged item (lawful ones flagged are false positives, risky
 * ones flagged only under another category are wrong).
 */
export function scoreRisk(items: LabelledItem[]): RiskScores {
  let tp = 0;
  let flagged = 0;
  let fp = 0;
  let wrong = 0;
  const misses: string[] = [];
  for (const item of items) {
    const categories = new Set(lintRisk(item.text).map((f) => f.category));
    if (categories.size) flagged++;
    if (item.expected === null) {
      if (categories.size) {
        fp++;
        misses.push(`${item.id} lawful but flagged ${[...categories].join(',')}: ${item.text}`);
      }
    } else if (categories.has(item.expected)) tp++;
    else {
      if (categories.size) wrong++;
      misses.push(`${item.id} expected ${item.expected}, got ${[...categories].join(',') || 'nothing'}: ${item.text}`);
    }
  }
  const risky = items.filter((i) => i.expected !== null).length;
  return { n: items.length, precision: flagged ? tp / flagged : 1, recall: risky ? tp / risky : 1, falsePositives: fp, wrongCategory: wrong, misses };
}
