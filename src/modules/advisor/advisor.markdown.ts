import type { OrgAdvice } from '../../core/advisor/organization.ts';
import type { RoleFit } from '../../core/advisor/individual.ts';

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

export function orgAdviceToMarkdown(a: OrgAdvice): string {
  const top = a.ranking[0]!;
  return (
    [
      `# Recommendation: ${top.label}`,
      '',
      '| Option | Score |',
      '|---|---|',
      ...a.ranking.map((r) => `| ${r.label} | ${r.score} |`),
      '',
      '## What moved the recommendation most',
      ...a.drivers.map((d) => `- ${d.questionLabel} — *${d.optionLabel}* (${signed(d.points)}): ${d.reason}`),
      '',
      `## Every point of "${top.label}"`,
      ...top.contributions.map((c) => `- ${signed(c.points)} from *${c.optionLabel}*: ${c.reason}`),
      '',
      '## Next steps',
      ...a.nextSteps.map((s) => `- ${s}`),
    ].join('\n') + '\n'
  );
}

export function individualAdviceToMarkdown(fits: RoleFit[], shares: Record<string, number>): string {
  const out = ['# Your fit by role', '', '| Role | Fit | Competencies | Orientation | Leadership | Experience | Path |', '|---|---|---|---|---|---|---|'];
  for (const f of fits) {
    out.push(
      `| ${f.title} | ${f.fit} | ${Math.round(f.parts.competencies * 100)}% | ${Math.round(f.parts.orientation * 100)}% | ${Math.round(f.parts.leadership * 100)}% | ${Math.round(f.parts.experience * 100)}% | ${Math.round(f.parts.path * 100)}% |`,
    );
  }
  out.push('', `Fit = ${Object.entries(shares).map(([k, v]) => `${v} × ${k}`).join(' + ')} (each part 0–100%).`);
  for (const f of fits.slice(0, 3)) {
    out.push('', `## ${f.title} (${f.fit})`);
    if (f.coverage < 0.8) out.push('', `You rated ${Math.round(f.coverage * 100)}% of what this role weighs; unrated competencies count as not shown.`);
    out.push('', '**Gaps to close**');
    if (f.gaps.length === 0) out.push('- None at the weights this role gives.');
    for (const g of f.gaps) out.push(`- ${g.name} (weight ${g.weight}, your rating ${g.rating ?? 'not rated'}): ${g.suggestions[0] ?? ''}`);
    out.push('', '**Typical steps from your current role**', ...f.steps.map((s) => `- ${s}`));
  }
  return out.join('\n') + '\n';
}
