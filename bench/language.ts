// Job-description lint (src/core/language) on a generated ~1,000-word posting, in-process.
// Target: median ≤ 5 ms per analysis.
import { analyzeJobDescription } from '../src/core/language/analyze.ts';

const paragraphs = [
  'We are looking for a Director of Platform Engineering to lead our infrastructure and developer experience groups.',
  'You will work with product, security and finance leaders to shape a roadmap that balances reliability, cost and speed.',
  'Our teams support each other, share what they learn and collaborate across time zones in a friendly, inclusive way.',
  'The role reports to the CTO and manages six engineering managers, a budget of about four million dollars and a handful of vendors.',
  'In the first ninety days you will meet every team, review the incident history and agree the priorities for the next two quarters.',
  'We value honest feedback, careful decisions and a sustainable pace; nobody here is expected to answer messages at night.',
  'You are a competitive, driven rockstar who will hit the ground running and wear many hats while we move the needle together.',
  'Café meetings, naïve assumptions and 👩‍💻 late-night deploys are things we try to avoid, and we write down what we decide.',
];
const bullets = [
  '- 10+ years of experience running production systems at scale',
  '- Bachelor\'s degree in Computer Science',
  '- Experience leading leaders through a reorganisation',
  '- Strong written communication with executives and engineers',
  '- At least 5 years managing budgets and vendor contracts',
  '- Hands-on knowledge of Kubernetes, Terraform and observability tooling',
  '- A track record of hiring and developing diverse teams',
  '- Comfortable presenting to the board',
];

/** A deterministic posting of about `words` words: title, location, prose and requirement lists. */
export function generateDescription(words = 1000): string {
  const parts = ['Director of Platform Engineering', 'Location: Berlin, Germany', '', 'About the role'];
  let count = 0;
  let i = 0;
  while (count < words) {
    if (i % 6 === 5) {
      parts.push('', 'Requirements:', ...bullets, '');
      count += bullets.join(' ').split(/\s+/).length;
    } else {
      const p = paragraphs[i % paragraphs.length]!;
      parts.push(p);
      count += p.split(/\s+/).length;
    }
    i++;
  }
  parts.push('', 'Compensation: €120,000 – €150,000 per year plus equity.');
  return parts.join('\n');
}

export function benchLanguage(runs = 300) {
  const text = generateDescription();
  const warmUp = 20;
  const times: number[] = [];
  let words = 0;
  for (let i = 0; i < runs + warmUp; i++) {
    const start = performance.now();
    const result = analyzeJobDescription(text, { location: 'Berlin, Germany', seniority: 'senior' });
    if (i >= warmUp) times.push(performance.now() - start);
    words = result.readability.words;
  }
  times.sort((a, b) => a - b);
  const pct = (p: number) => Math.round(times[Math.min(times.length - 1, Math.floor((times.length * p) / 100))]! * 100) / 100;
  return { words, runs, p50Ms: pct(50), p95Ms: pct(95), targetMedianMs: 5 };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(benchLanguage(), null, 2));
}
