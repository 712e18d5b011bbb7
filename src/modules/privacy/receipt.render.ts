import { escapeHtml } from '../../core/generation/jd.ts';
import type { ErasureReceipt } from './privacy.contract.ts';

/**
 * The erasure receipt as a standalone, printable HTML page: what was removed per table, what was
 * kept and why, when, by whom, the trigger and the digest. A receipt holds counts and ids only, so
 * the page holds no personal data of the candidate. Every value is escaped.
 */

/** Plain-language description of each `removed` key (unknown keys are shown as they are). */
const removedLabels: Record<string, string> = {
  candidates: 'Candidate profile: name, email, phone, links, source, notes, résumé file and text (the search index with it)',
  'applications.rejection_note': 'Rejection notes on the applications',
  'stage_moves.note': 'Notes on stage moves',
  'decisions.rationale': 'Written rationales of decisions (the decision and its reason code stay)',
  'outcomes.note': 'Notes on post-hire outcomes (the measures stay)',
  'interviews.location': 'Interview locations and meeting links',
  'scorecards.body': 'Scorecard evidence, notes and red flags (ratings and recommendations stay)',
  scorecard_revisions: 'Earlier scorecard revisions',
  transcripts: 'Interview transcripts and their analyses',
  transcript_turns: 'Transcript turns and their search index',
  candidate_windows: 'Candidate availability windows',
  availability_links: 'Availability links',
  demographics: 'Self-identified demographics',
  demographic_links: 'Self-identification links',
  consents: 'Consent records',
  privacy_links: 'Privacy notice links',
  'privacy_requests.message': 'Messages and notes of privacy requests (the requests themselves stay, without the candidate)',
  outbox: 'Emails to or about the candidate',
  idempotency_keys: 'Stored responses of repeated requests that held the candidate',
  jobs: 'Pending background jobs about the candidate',
  'candidates.resume': 'Résumé file and text',
};

const keptLabels: Record<string, string> = {
  applications: 'Applications: job, stage, status and dates, under the surrogate subject id',
  stage_moves: 'Dated stage moves (without notes)',
  ratings: 'Interview ratings per competency',
  decisions: 'Decisions and their reason codes',
  outcomes: 'Post-hire outcome measures',
  scorecards: 'Scorecards reduced to ratings and recommendation',
  application_summaries: 'Rating summaries per application',
};

const triggerLabels: Record<ErasureReceipt['trigger'], string> = {
  request: "the candidate's erasure request",
  manual: 'a decision of a staff member',
  retention: 'a retention policy',
};

const STYLE = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2433;max-width:48rem;margin:2rem auto;padding:0 1.25rem}
h1{font-size:1.5rem;margin-bottom:.25rem}
h2{font-size:1.1rem;margin-top:1.75rem}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #dcdcd6;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums;width:5rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
dt{font-weight:600}
dd{margin:0}
code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.85em;word-break:break-all}
.note{background:#f3f5f9;border:1px solid #d5dbe6;border-radius:6px;padding:.75rem 1rem}
@media print{body{margin:0;max-width:none}.note{border-color:#999}}
`;

function rows(counts: Record<string, number>, labels: Record<string, string>): string {
  const keys = Object.keys(counts).sort();
  if (keys.length === 0) return '<tr><td colspan="3">Nothing</td></tr>';
  return keys
    .map((k) => `<tr><td><code>${escapeHtml(k)}</code></td><td>${escapeHtml(labels[k] ?? k)}</td><td class="n">${escapeHtml(String(counts[k]))}</td></tr>`)
    .join('\n');
}

export function renderReceipt(r: ErasureReceipt): string {
  const by = r.erasedBy ? escapeHtml(r.erasedBy.name || r.erasedBy.id) : 'The retention job (no staff member)';
  const ref = [
    r.requestId ? `<dt>Request</dt><dd><code>${escapeHtml(r.requestId)}</code></dd>` : '',
    r.policyId ? `<dt>Retention policy</dt><dd><code>${escapeHtml(r.policyId)}</code></dd>` : '',
  ].join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Erasure receipt ${escapeHtml(r.id)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Erasure receipt</h1>
<p>A candidate's personal data was erased. This receipt records what was done, in counts of rows; it holds no personal data of the candidate — no name, contact details or content, only ids and numbers.</p>
<dl>
<dt>Receipt</dt><dd><code>${escapeHtml(r.id)}</code></dd>
<dt>Erased at</dt><dd>${escapeHtml(r.erasedAt)} (UTC)</dd>
<dt>Erased by</dt><dd>${by}</dd>
<dt>Trigger</dt><dd>${escapeHtml(triggerLabels[r.trigger] ?? r.trigger)}</dd>
${ref}
<dt>Subject id</dt><dd><code>${escapeHtml(r.subjectId)}</code> — a random id now linking the kept application records to each other, not to a person</dd>
</dl>

<h2>Removed</h2>
<p>Rows deleted, or fields emptied, per table.</p>
<table>
<thead><tr><th>Table</th><th>What</th><th class="n">Rows</th></tr></thead>
<tbody>
${rows(r.removed, removedLabels)}
</tbody>
</table>

<h2>Kept, without the person</h2>
<p>These records stay, detached from the candidate, so that funnel and validity statistics stay correct: they hold dates, stages, numbers and codes, and no free text. They are not counted in adverse-impact reports, because the candidate's demographics were deleted.</p>
<table>
<thead><tr><th>Table</th><th>What</th><th class="n">Rows</th></tr></thead>
<tbody>
${rows(r.kept, keptLabels)}
</tbody>
</table>

<h2>Digest</h2>
<p class="note">SHA-256 over the receipt's content (every field above, as JSON with sorted keys): <code>${escapeHtml(r.digest)}</code>. The audit log records the erasure with this receipt's id.</p>
</body>
</html>
`;
}
