import { renderPdf } from '../documents/pdf.ts';
import type { GuideResult } from './plans.contract.ts';
import type { Plan } from './plans.format.ts';

/** Renderings of an interview guide: Markdown, print-ready HTML, PDF. Pure except PDF streaming. */

const kindLabels: Record<Plan['rounds'][number]['kind'], string> = {
  'recruiter-screen': 'Recruiter screen',
  'hiring-manager-deep-dive': 'Hiring-manager deep dive',
  'competency-interview': 'Competency interview',
  'case-presentation': 'Case or presentation',
  'executive-panel': 'Executive or board panel',
  'reference-check': 'Reference check',
};
const scaleLabels = { strong_no: 'Strong no', no: 'No', yes: 'Yes', strong_yes: 'Strong yes' } as const;

export function guideToMarkdown(g: GuideResult): string {
  const p = g.plan;
  const name = new Map(p.competencies.map((c) => [c.id, c.name]));
  const out: string[] = [`# ${g.title}`, '', '## How to use this guide', ...g.howToUse.map((h) => `- ${h}`), '', '## The role', g.jobSummary.summary, '', ...g.jobSummary.responsibilities.map((r) => `- ${r}`)];
  out.push('', '## Outcomes', '**At 90 days**', ...p.outcomes.ninetyDays.map((o) => `- ${o}`), '', '**At one year**', ...p.outcomes.oneYear.map((o) => `- ${o}`));
  out.push('', '## Competencies and anchors', '| Competency | Weight |', '|---|---|', ...p.competencies.map((c) => `| ${c.name} | ${c.weight} |`));
  for (const c of p.competencies) out.push('', `### ${c.name} (${c.weight})`, ...(['1', '2', '3', '4'] as const).map((l) => `- **${l}** — ${c.anchors[l]}`));
  out.push('', '## The loop');
  for (const r of p.rounds) {
    out.push('', `### ${r.name}`, `${kindLabels[r.kind]} · ${r.minutes} minutes · ${r.interviewers} interviewer${r.interviewers === 1 ? '' : 's'}`);
    if (r.focus.length) out.push(`Focus: ${r.focus.map((f) => name.get(f) ?? f).join(', ')}`);
    out.push('', `**For interviewers.** ${r.interviewerDirections}`, '', `**For the candidate.** ${r.candidateDirections}`);
    r.questions.forEach((q, i) => {
      out.push('', `${i + 1}. ${q.text} *(${q.minutes} min; ${q.competencies.map((c) => name.get(c) ?? c).join(', ')})*`, ...q.probes.map((pr) => `   - Probe: ${pr}`));
    });
  }
  out.push('', '## Scorecard', `Evidence note required with every rating: ${p.scorecard.evidenceRequired ? 'yes' : 'no'}. Recommendation: ${p.scorecard.recommendationScale.map((s) => scaleLabels[s]).join(' / ')}.`);
  for (const s of p.scorecard.rounds) out.push(`- ${p.rounds.find((r) => r.id === s.roundId)?.name ?? s.roundId}: ${s.competencies.map((c) => name.get(c) ?? c).join(', ')}`);
  out.push('', '## Debrief agenda', ...p.debrief.agenda.map((a, i) => `${i + 1}. ${a}`), '', '## Reference checks', ...p.references.questions.map((q) => `- ${q}`));
  return out.join('\n') + '\n';
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A standalone, print-ready HTML document: A4/Letter friendly margins, each round on its own page. */
export function guideToHtml(g: GuideResult): string {
  const p = g.plan;
  const name = new Map(p.competencies.map((c) => [c.id, c.name]));
  const li = (xs: string[]) => `<ul>${xs.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>`;
  const rounds = p.rounds
    .map(
      (r) => `<section class="round"><h2>${esc(r.name)}</h2><p class="meta">${esc(kindLabels[r.kind])} · ${r.minutes} minutes · ${r.interviewers} interviewer${r.interviewers === 1 ? '' : 's'}${r.focus.length ? ` · Focus: ${esc(r.focus.map((f) => name.get(f) ?? f).join(', '))}` : ''}</p>
<p><strong>For interviewers.</strong> ${esc(r.interviewerDirections)}</p><p><strong>For the candidate.</strong> ${esc(r.candidateDirections)}</p>
<ol>${r.questions.map((q) => `<li><p>${esc(q.text)} <span class="meta">(${q.minutes} min)</span></p>${q.probes.length ? li(q.probes.map((x) => `Probe: ${x}`)) : ''}</li>`).join('')}</ol></section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(g.title)}</title>
<style>
@page { size: auto; margin: 18mm 16mm; }
body { font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #111; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 20pt; } h2 { font-size: 15pt; margin-top: 1.6rem; } h3 { font-size: 12pt; }
.meta { color: #444; font-size: 10pt; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #999; padding: 4px 6px; text-align: left; vertical-align: top; }
.round { break-before: page; page-break-before: always; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; } }
</style></head><body>
<h1>${esc(g.title)}</h1>
<h2>How to use this guide</h2>${li(g.howToUse)}
<h2>The role</h2><p>${esc(g.jobSummary.summary)}</p>${li(g.jobSummary.responsibilities)}
<h2>Outcomes</h2><h3>At 90 days</h3>${li(p.outcomes.ninetyDays)}<h3>At one year</h3>${li(p.outcomes.oneYear)}
<h2>Competencies and anchors</h2><table><thead><tr><th>Competency</th><th>Weight</th><th>1</th><th>2</th><th>3</th><th>4</th></tr></thead><tbody>
${p.competencies.map((c) => `<tr><td>${esc(c.name)}</td><td>${c.weight}</td>${(['1', '2', '3', '4'] as const).map((l) => `<td>${esc(c.anchors[l])}</td>`).join('')}</tr>`).join('\n')}
</tbody></table>
${rounds}
<section class="round"><h2>Scorecard</h2><p>Evidence note required with every rating: ${p.scorecard.evidenceRequired ? 'yes' : 'no'}. Recommendation: ${p.scorecard.recommendationScale.map((s) => scaleLabels[s]).join(' / ')}.</p>
${li(p.scorecard.rounds.map((s) => `${p.rounds.find((r) => r.id === s.roundId)?.name ?? s.roundId}: ${s.competencies.map((c) => name.get(c) ?? c).join(', ')}`))}
<h2>Debrief agenda</h2><ol>${p.debrief.agenda.map((a) => `<li>${esc(a)}</li>`).join('')}</ol>
<h2>Reference checks</h2>${li(p.references.questions)}</section>
</body></html>
`;
}

/** PDF made in-process by pdfkit (DECISIONS 16): cover, competencies, one page per round, scorecard. */
export function guideToPdf(g: GuideResult): Promise<Buffer> {
  const p = g.plan;
  const name = new Map(p.competencies.map((c) => [c.id, c.name]));
  return renderPdf(g.title, ({ h1, h2, body, bold, bullets, page }) => {
    h1(g.title);
    h2('How to use this guide');
    bullets(g.howToUse);
    h2('The role');
    body(g.jobSummary.summary);
    bullets(g.jobSummary.responsibilities);
    h2('Outcomes at 90 days');
    bullets(p.outcomes.ninetyDays);
    h2('Outcomes at one year');
    bullets(p.outcomes.oneYear);
    page();
    h1('Competencies and anchors');
    for (const c of p.competencies) {
      h2(`${c.name} (weight ${c.weight})`);
      (['1', '2', '3', '4'] as const).forEach((l) => body(`${l} — ${c.anchors[l]}`));
    }
    for (const r of p.rounds) {
      page();
      h1(r.name);
      body(`${kindLabels[r.kind]} · ${r.minutes} minutes · ${r.interviewers} interviewer${r.interviewers === 1 ? '' : 's'}${r.focus.length ? ` · Focus: ${r.focus.map((f) => name.get(f) ?? f).join(', ')}` : ''}`);
      body(`For interviewers. ${r.interviewerDirections}`);
      body(`For the candidate. ${r.candidateDirections}`);
      r.questions.forEach((q, i) => {
        bold(`${i + 1}. ${q.text} (${q.minutes} min)`);
        bullets(q.probes.map((x) => `Probe: ${x}`));
      });
    }
    page();
    h1('Scorecard, debrief and references');
    body(`Evidence note required with every rating: ${p.scorecard.evidenceRequired ? 'yes' : 'no'}. Recommendation: ${p.scorecard.recommendationScale.map((s) => scaleLabels[s]).join(' / ')}.`);
    bullets(p.scorecard.rounds.map((s) => `${p.rounds.find((r) => r.id === s.roundId)?.name ?? s.roundId}: ${s.competencies.map((c) => name.get(c) ?? c).join(', ')}`));
    h2('Debrief agenda');
    p.debrief.agenda.forEach((a, i) => body(`${i + 1}. ${a}`));
    h2('Reference checks');
    bullets(p.references.questions);
  });
}

export const guideExportFormats = ['md', 'html', 'pdf', 'json'] as const;
export type GuideExportFormat = (typeof guideExportFormats)[number];

/** The file for a format: body, content type and file name. */
export async function exportGuide(g: GuideResult, format: GuideExportFormat): Promise<{ body: string | Buffer; contentType: string; fileName: string }> {
  const base = `${g.roleId}-interview-guide`;
  switch (format) {
    case 'md':
      return { body: guideToMarkdown(g), contentType: 'text/markdown; charset=utf-8', fileName: `${base}.md` };
    case 'html':
      return { body: guideToHtml(g), contentType: 'text/html; charset=utf-8', fileName: `${base}.html` };
    case 'pdf':
      return { body: await guideToPdf(g), contentType: 'application/pdf', fileName: `${base}.pdf` };
    case 'json':
      return { body: JSON.stringify(g.plan, null, 2) + '\n', contentType: 'application/json; charset=utf-8', fileName: `${g.roleId}-plan.json` };
  }
}
