import { escapeHtml } from '../../core/generation/jd.ts';
import { type PdfWriter, renderPdf } from '../documents/pdf.ts';
import type { CandidateExport, ExportApplication, ExportInterview } from './export.service.ts';

/**
 * The candidate data export as a standalone, printable HTML report and as a PDF. Both follow the
 * sections of the JSON bundle, with counts in the headings; every value is escaped in the HTML.
 * Free-form structures (scorecard bodies, transcript analyses) are flattened to "path: value" lines.
 */

/** Flattens nested values into `a.b[0].c: value` lines; empty strings, nulls and empty lists are left out. */
export function flatten(value: unknown, prefix = ''): string[] {
  if (value === null || value === undefined || value === '') return [];
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object')) return value.length ? [`${prefix || 'value'}: ${value.map(String).join(', ')}`] : [];
    return value.flatMap((v, i) => flatten(v, `${prefix}[${i}]`));
  }
  if (typeof value === 'object') return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
  return [`${prefix || 'value'}: ${String(value)}`];
}

const orNone = (v: string | number | boolean | null | undefined) => (v === null || v === undefined || v === '' ? '—' : String(v));

type Fields = [string, string | number | boolean | null | undefined][];

function interviewFields(i: ExportInterview): Fields {
  return [
    ['Round', i.round],
    ['Time', `${i.startsAt} – ${i.endsAt} (${i.timeZone})`],
    ['Location', i.location],
    ['Status', i.status],
    ['Interviewers', i.interviewers.join(', ')],
  ];
}

function applicationFields(a: ExportApplication): Fields {
  return [
    ['Job', a.job.title],
    ['Stage', a.stage],
    ['Status', a.status],
    ['Rejection reason', a.rejectionReason],
    ['Rejection note', a.rejectionNote],
    ['Applied', a.createdAt],
  ];
}

// ── HTML ─────────────────────────────────────────────────────────────────────────────────────────

const STYLE = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2433;margin:0;background:#fff}
main{max-width:52rem;margin:0 auto;padding:2rem 1.25rem 4rem}
h1{font-size:1.6rem;margin:0 0 .25rem}
h2{font-size:1.25rem;margin:2rem 0 .5rem;border-bottom:1px solid #dcdcd6;padding-bottom:.25rem}
h3{font-size:1.05rem;margin:1.25rem 0 .35rem}
h4{font-size:.95rem;margin:1rem 0 .25rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:.25rem 0}
dt{font-weight:600}
dd{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
ul.lines{margin:.25rem 0;padding-left:1.1rem}
ul.lines li{white-space:pre-wrap;overflow-wrap:anywhere}
.meta{color:#5b6272}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border:1px solid #dcdcd6;padding:.25rem .4rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
section.block{border-left:3px solid #dcdcd6;padding-left:.9rem;margin:.75rem 0}
@media print{body{font-size:11pt}main{max-width:none;padding:0}h2{break-after:avoid}section.block{break-inside:avoid}a{color:inherit}}
`;

const e = (v: string | number | boolean | null | undefined) => escapeHtml(orNone(v));

function dl(fields: Fields): string {
  return `<dl>${fields.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${e(v)}</dd>`).join('')}</dl>`;
}

function lines(xs: string[]): string {
  return xs.length ? `<ul class="lines">${xs.map((x) => `<li>${escapeHtml(x)}</li>`).join('')}</ul>` : '<p class="meta">None.</p>';
}

function table(head: string[], rows: (string | number | boolean | null | undefined)[][]): string {
  if (!rows.length) return '<p class="meta">None.</p>';
  return `<table><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${e(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

function interviewHtml(i: ExportInterview): string {
  const t = i.transcript;
  const transcript = t
    ? `<h4>Transcript (${t.turns.length} turns)</h4>${dl([['File', t.fileName], ['Format', t.format]])}${table(
        ['Speaker', 'Start (ms)', 'End (ms)', 'Text'],
        t.turns.map((x) => [x.speaker, x.startMs, x.endMs, x.text]),
      )}<h4>Analysis</h4>${lines(flatten(t.analysis))}`
    : '<h4>Transcript</h4><p class="meta">None.</p>';
  const cards = i.scorecards
    .map(
      (c) =>
        `<section class="block"><h4>Scorecard by ${e(c.interviewer)}</h4>${dl([['Status', c.status], ['Submitted', c.submittedAt]])}${lines(flatten(c.body))}${
          c.revisions.length ? `<p class="meta">Earlier revisions: ${c.revisions.length}</p>${c.revisions.map((r) => `<p class="meta">Revision ${r.number} (${e(r.createdAt)})</p>${lines(flatten(r.body))}`).join('')}` : ''
        }</section>`,
    )
    .join('');
  return `<section class="block"><h3>Interview: ${e(i.round)}</h3>${dl(interviewFields(i))}${transcript}<h4>Scorecards (${i.scorecards.length})</h4>${cards || '<p class="meta">None.</p>'}</section>`;
}

function applicationHtml(a: ExportApplication): string {
  return `<section class="block"><h3>${e(a.job.title)}</h3>${dl(applicationFields(a))}
<h4>Stage history (${a.stageMoves.length})</h4>${table(['#', 'From', 'To', 'Reason', 'Note', 'By', 'When'], a.stageMoves.map((m) => [m.seq, m.from, m.to, m.reasonCode, m.note, m.movedBy, m.movedAt]))}
<h4>Availability given (${a.availability.length})</h4>${table(['From', 'To', 'Time zone', 'Source'], a.availability.map((w) => [w.startsAt, w.endsAt, w.timeZone, w.source]))}
<h4>Interviews (${a.interviews.length})</h4>${a.interviews.map(interviewHtml).join('') || '<p class="meta">None.</p>'}
<h4>Decisions (${a.decisions.length})</h4>${table(['Decision', 'Reason', 'Rationale', 'By', 'When'], a.decisions.map((d) => [d.decision, d.reasonCode, d.rationale, d.decidedBy, d.decidedAt]))}
<h4>Outcomes after hiring (${a.outcomes.length})</h4>${table(
    ['Checkpoint', 'Performance', 'Retained', 'Ramp days', 'Regretted attrition', 'Manager satisfaction', 'Note', 'Recorded'],
    a.outcomes.map((o) => [o.checkpoint, o.performanceRating, o.retained, o.rampDays, o.regrettedAttrition, o.managerSatisfaction, o.note, o.recordedAt]),
  )}</section>`;
}

export function exportToHtml(x: CandidateExport): string {
  const c = x.candidate;
  const body = `<h1>Personal data held about ${e(c.name)}</h1>
<p class="meta">Held by ${e(x.organization.name)} · exported ${e(x.exportedAt)} · ${e(x.format)}</p>
<h2>Profile</h2>${dl([
    ['Name', c.name],
    ['Email', c.email],
    ['Phone', c.phone],
    ['Links', c.links.join(', ')],
    ['Source', c.source],
    ['Notes', c.notes],
    ['Added', c.createdAt],
    ['Last changed', c.updatedAt],
    ['Interview data purged', c.interviewDataPurgedAt],
    ['Legal hold', c.legalHold ? `${c.legalHold.reason} (since ${c.legalHold.placedAt})` : null],
  ])}
<h2>Résumé</h2>${c.resume ? `${dl([['File', c.resume.fileName], ['Type', c.resume.contentType], ['Size (bytes)', c.resume.size]])}<h3>Text</h3><dl><dd>${e(c.resume.text)}</dd></dl>` : '<p class="meta">None.</p>'}
<h2>Applications (${x.applications.length})</h2>${x.applications.map(applicationHtml).join('') || '<p class="meta">None.</p>'}
<h2>Consents (${x.consents.length})</h2>${table(['Kind', 'Interview', 'Wording version', 'Given', 'Withdrawn', 'Recorded by'], x.consents.map((k) => [k.kind, k.interviewId, k.wordingVersion, k.givenAt, k.withdrawnAt, k.recordedBy]))}
<h2>Voluntary demographics</h2>${x.demographics ? dl([['Sex', x.demographics.sex], ['Race/ethnicity', x.demographics.raceEthnicity], ['Age', x.demographics.ageBand], ['Source', x.demographics.source], ['Submitted', x.demographics.submittedAt]]) : '<p class="meta">None provided.</p>'}
<h2>Privacy requests (${x.privacyRequests.length})</h2>${table(['Kind', 'Message', 'Status', 'Received', 'Due', 'Resolved', 'Resolution'], x.privacyRequests.map((r) => [r.kind, r.message, r.status, r.createdAt, r.dueAt, r.resolvedAt, r.resolutionNote]))}
<h2>Emails (${x.emails.length})</h2>${x.emails.map((m) => `<section class="block"><h3>${e(m.subject)}</h3>${dl([['To', m.to], ['Status', m.status], ['Created', m.createdAt], ['Sent', m.sentAt]])}<dl><dd>${e(m.body)}</dd></dl></section>`).join('') || '<p class="meta">None.</p>'}
<h2>Audit entries (${x.auditEntries.length})</h2>${table(['When', 'Action', 'By', 'Target type', 'Target id'], x.auditEntries.map((a) => [a.createdAt, a.action, a.actor, a.targetType, a.targetId]))}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Personal data export</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

// ── PDF ──────────────────────────────────────────────────────────────────────────────────────────

function fieldsPdf(w: PdfWriter, fields: Fields) {
  for (const [k, v] of fields) w.body(`${k}: ${orNone(v)}`);
}

function interviewPdf(w: PdfWriter, i: ExportInterview) {
  w.bold(`Interview: ${i.round}`);
  fieldsPdf(w, interviewFields(i));
  const t = i.transcript;
  if (t) {
    w.bold(`Transcript (${t.turns.length} turns): ${t.fileName} (${t.format})`);
    for (const x of t.turns) w.body(`[${x.startMs}–${x.endMs} ms] ${x.speaker ?? '?'}: ${x.text}`);
    w.bold('Analysis');
    w.bullets(flatten(t.analysis));
  } else w.body('Transcript: none');
  w.bold(`Scorecards (${i.scorecards.length})`);
  for (const c of i.scorecards) {
    w.bold(`Scorecard by ${orNone(c.interviewer)} — ${c.status}${c.submittedAt ? `, submitted ${c.submittedAt}` : ''}`);
    w.bullets(flatten(c.body));
    for (const r of c.revisions) {
      w.body(`Revision ${r.number} (${r.createdAt})`);
      w.bullets(flatten(r.body));
    }
  }
}

export function exportToPdf(x: CandidateExport): Promise<Buffer> {
  const c = x.candidate;
  return renderPdf('Personal data export', (w) => {
    w.h1(`Personal data held about ${c.name}`);
    w.body(`Held by ${x.organization.name}. Exported ${x.exportedAt} (${x.format}).`);
    w.h2('Profile');
    fieldsPdf(w, [
      ['Name', c.name],
      ['Email', c.email],
      ['Phone', c.phone],
      ['Links', c.links.join(', ')],
      ['Source', c.source],
      ['Notes', c.notes],
      ['Added', c.createdAt],
      ['Interview data purged', c.interviewDataPurgedAt],
      ['Legal hold', c.legalHold ? `${c.legalHold.reason} (since ${c.legalHold.placedAt})` : null],
    ]);
    w.h2('Résumé');
    if (c.resume) {
      fieldsPdf(w, [['File', c.resume.fileName], ['Type', c.resume.contentType], ['Size (bytes)', c.resume.size]]);
      w.body(orNone(c.resume.text));
    } else w.body('None.');
    w.h2(`Applications (${x.applications.length})`);
    for (const a of x.applications) {
      w.bold(a.job.title);
      fieldsPdf(w, applicationFields(a));
      w.bold(`Stage history (${a.stageMoves.length})`);
      w.bullets(a.stageMoves.map((m) => `${m.movedAt}: ${orNone(m.from)} → ${m.to}${m.reasonCode ? ` (${m.reasonCode})` : ''}${m.note ? ` — ${m.note}` : ''}${m.movedBy ? ` by ${m.movedBy}` : ''}`));
      w.bold(`Availability given (${a.availability.length})`);
      w.bullets(a.availability.map((v) => `${v.startsAt} – ${v.endsAt} (${v.timeZone}, ${v.source})`));
      w.bold(`Interviews (${a.interviews.length})`);
      for (const i of a.interviews) interviewPdf(w, i);
      w.bold(`Decisions (${a.decisions.length})`);
      w.bullets(a.decisions.map((d) => `${d.decidedAt}: ${d.decision} (${d.reasonCode}) by ${orNone(d.decidedBy)} — ${d.rationale}`));
      w.bold(`Outcomes after hiring (${a.outcomes.length})`);
      w.bullets(a.outcomes.map((o) => flatten({ checkpoint: o.checkpoint, performanceRating: o.performanceRating, retained: o.retained, rampDays: o.rampDays, regrettedAttrition: o.regrettedAttrition, managerSatisfaction: o.managerSatisfaction, note: o.note, recordedAt: o.recordedAt }).join('; ')));
    }
    w.h2(`Consents (${x.consents.length})`);
    w.bullets(x.consents.map((k) => `${k.kind}, wording ${k.wordingVersion}, given ${k.givenAt}${k.withdrawnAt ? `, withdrawn ${k.withdrawnAt}` : ''}`));
    w.h2('Voluntary demographics');
    if (x.demographics) fieldsPdf(w, [['Sex', x.demographics.sex], ['Race/ethnicity', x.demographics.raceEthnicity], ['Age', x.demographics.ageBand], ['Source', x.demographics.source], ['Submitted', x.demographics.submittedAt]]);
    else w.body('None provided.');
    w.h2(`Privacy requests (${x.privacyRequests.length})`);
    w.bullets(x.privacyRequests.map((r) => `${r.createdAt}: ${r.kind}, ${r.status}, due ${r.dueAt}${r.message ? ` — ${r.message}` : ''}${r.resolutionNote ? ` — resolution: ${r.resolutionNote}` : ''}`));
    w.h2(`Emails (${x.emails.length})`);
    for (const m of x.emails) {
      w.bold(`${m.createdAt} to ${m.to}: ${m.subject} (${m.status})`);
      w.body(m.body);
    }
    w.h2(`Audit entries (${x.auditEntries.length})`);
    w.bullets(x.auditEntries.map((a) => `${a.createdAt}: ${a.action} by ${orNone(a.actor)} on ${orNone(a.targetType)} ${orNone(a.targetId)}`));
  });
}
