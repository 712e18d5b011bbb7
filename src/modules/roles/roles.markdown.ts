import type { Comparison } from '../../core/roles/compare.ts';
import type { Competency, RoleProfile } from './roles.content.ts';

/** Markdown renderings of roles and comparisons, for the CLI and exports. Pure string building. */

const bullets = (items: string[]) => items.map((i) => `- ${i}`).join('\n');
const pct = (x: number) => `${Math.round(x * 100)}%`;

export function roleToMarkdown(role: RoleProfile, competencies: Competency[]): string {
  const weighted = competencies
    .filter((c) => c.roleWeights[role.id])
    .sort((a, b) => b.roleWeights[role.id]! - a.roleWeights[role.id]! || a.name.localeCompare(b.name));
  const out = [
    `# ${role.title} (${role.abbreviation})`,
    '',
    role.summary,
    '',
    '## Overview',
    role.overview.definition,
    '',
    role.overview.background,
    '',
    role.overview.evolution,
    '',
    '## Responsibilities',
    ...role.responsibilities.map((r) => `- **${r.title}** — ${r.description}`),
    '',
    '## Focus',
    `Orientation: ${role.focus.orientation > 0 ? '+' : ''}${role.focus.orientation} (−1 internal/technology … +1 external/market). ${role.focus.orientationNote}`,
    '',
    '**Primary concerns**',
    bullets(role.focus.primaryConcerns),
    '',
    '**Success at 90 days**',
    bullets(role.focus.successAt90Days),
    '',
    '**Success at one year**',
    bullets(role.focus.successAtOneYear),
    '',
    '## Skills',
    '**Hard skills**',
    ...role.skills.hard.map((s) => `- **${s.name}** — ${s.description}`),
    '',
    '**Soft skills**',
    ...role.skills.soft.map((s) => `- **${s.name}** — ${s.description}`),
    '',
    '## Competencies (weight 1–5)',
    '| Competency | Weight |',
    '|---|---|',
    ...weighted.map((c) => `| ${c.name} | ${c.roleWeights[role.id]} |`),
    '',
    '## Qualifications and background',
    `Experience: at least ${role.qualifications.yearsOfExperience.minimum} years, typically ${role.qualifications.yearsOfExperience.typical}.`,
    '',
    bullets([...role.qualifications.education, ...role.qualifications.certifications]),
    '',
    `Prior roles: ${role.qualifications.priorRoles.join('; ')}.`,
    '',
    role.qualifications.typicalBackground,
    '',
    '## Organizational positioning',
    ...role.positioning.reportsTo.map((r) => `- Reports to **${r.to}** (${r.frequency}): ${r.note}`),
    `- Direct reports: ${role.positioning.directReports.join('; ')}`,
    ...role.positioning.collaborators.map((c) => `- Works with **${c.with}**: ${c.how}`),
    '',
    '## Overlap with neighbouring roles',
    ...role.overlaps.map((o) => `- **${o.role}** (${o.sharedAreas.join(', ')}): ${o.howToDivide}`),
    '',
    '## Common misconceptions',
    ...role.misconceptions.map((m) => `- *${m.myth}* — ${m.correction}`),
    '',
    '## Career path',
    `From: ${role.careerPath.feederRoles.join('; ')}. Next: ${role.careerPath.nextRoles.join('; ')}.`,
    '',
    bullets(role.careerPath.typicalSteps),
    '',
    '## Compensation',
    ...role.compensation.drivers.map((d) => `- **${d.factor}** — ${d.description}`),
    ...role.compensation.figures.map(
      (f) => `- ${f.description}: ${[f.low, f.median, f.high].filter(Boolean).map((n) => `${f.currency} ${n!.toLocaleString('en-US')}`).join(' / ')} (${f.region}; ${f.source}, ${f.year})`,
    ),
    '',
    '## When to hire',
    bullets(role.whenToHire.signals),
    '',
    '**Not yet when**',
    bullets(role.whenToHire.notYet),
    '',
    '**Alternatives**',
    bullets(role.whenToHire.alternatives),
    '',
    '## Occupation codes',
    `- O*NET-SOC: ${role.occupationCodes.onet ? `${role.occupationCodes.onet.code} ${role.occupationCodes.onet.title}` : 'none'}`,
    `- ESCO: ${role.occupationCodes.esco ? `${role.occupationCodes.esco.code} ${role.occupationCodes.esco.title}` : 'none'}`,
    '',
    role.occupationCodes.note,
  ];
  return out.join('\n') + '\n';
}

export function comparisonToMarkdown(c: Comparison): string {
  const ids = c.roles.map((r) => r.id);
  const head = c.roles.map((r) => r.abbreviation);
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const list = (l: { shared: string[]; distinct: Record<string, string[]> }) => [
    row(['Shared', l.shared.join('; ') || '—']),
    ...c.roles.map((r) => row([`${r.abbreviation} only`, l.distinct[r.id]!.join('; ') || '—'])),
  ];
  return (
    [
      `# ${c.roles.map((r) => r.title).join(' vs ')}`,
      '',
      `**The difference in one breath.** ${c.summary}`,
      '',
      '## Similarity',
      row(['Pair', 'Competencies', 'Responsibilities', 'Overall', 'Shared areas']),
      row(['---', '---', '---', '---', '---']),
      ...c.similarity.map((s) =>
        row([`${s.a} / ${s.b}`, pct(s.competencies), pct(s.responsibilities), pct(s.overall), s.sharedAreas.join(', ') || '—']),
      ),
      '',
      '## Orientation (−1 internal/technology … +1 market)',
      ...c.roles.map((r) => `- ${r.abbreviation}: ${c.orientation[r.id]}`),
      '',
      '## Competency weights (1–5)',
      row(['Competency', ...head, 'Shared']),
      row(['---', ...head.map(() => '---'), '---']),
      ...c.competencies.map((x) => row([x.name, ...ids.map((id) => String(x.weights[id] || '—')), x.shared ? 'yes' : ''])),
      '',
      '## Responsibility areas',
      row(['', 'Areas']),
      row(['---', '---']),
      ...list(c.responsibilities.areas),
      '',
      '## Reports to',
      row(['', 'To']),
      row(['---', '---']),
      ...list(c.reportsTo),
      '',
      '## Career: feeder roles',
      row(['', 'Roles']),
      row(['---', '---']),
      ...list(c.feederRoles),
      '',
      '## Dividing the shared ground',
      ...c.division.map((d) => `- **${d.from} ↔ ${d.to}** (${d.sharedAreas.join(', ')}): ${d.howToDivide}`),
    ].join('\n') + '\n'
  );
}
