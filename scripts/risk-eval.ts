// Prints the risk lint's precision and recall on content/risk/fixtures.json (tuning and held-out parts).
import fs from 'node:fs';
import { type LabelledItem, scoreRisk } from '../src/core/risk/evaluate.ts';

const items = JSON.parse(fs.readFileSync('content/risk/fixtures.json', 'utf8')) as LabelledItem[];
const only = process.argv.includes('--tuning-only') ? ['tuning'] : ['tuning', 'holdout'];
const out: Record<string, unknown> = {};
for (const split of only) {
  const s = scoreRisk(items.filter((i) => i.split === split));
  out[split] = { ...s, precision: Math.round(s.precision * 1000) / 1000, recall: Math.round(s.recall * 1000) / 1000, misses: process.argv.includes('--misses') ? s.misses : s.misses.length };
}
console.log(JSON.stringify(out, null, 2));
