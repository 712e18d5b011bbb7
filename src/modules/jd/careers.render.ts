import { escapeHtml } from '../../core/generation/jd.ts';
import { jsonLdScript } from '../../core/generation/jobposting.ts';
import type { FieldIssue } from '../../shared/errors.ts';
import type { CareersJob } from './careers.service.ts';

/**
 * Server-rendered careers pages: no JavaScript, readable without CSS, JSON-LD for job boards.
 * Every value from the database is escaped; the JSON-LD goes through jsonLdScript.
 */

/** The pages' own policy: inline styles only, no scripts run (JSON-LD is data, not code). */
export const CAREERS_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const STYLE = `
body{font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2433;background:#f7f7f5}
main{max-width:46rem;margin:0 auto;padding:2rem 1.25rem 4rem}
header.site{border-bottom:1px solid #dcdcd6;background:#fff}
header.site p{max-width:46rem;margin:0 auto;padding:1rem 1.25rem;font-weight:600}
a{color:#1f4fb3}
ul.jobs{list-style:none;padding:0}
ul.jobs li{background:#fff;border:1px solid #dcdcd6;border-radius:8px;padding:1rem 1.25rem;margin:.75rem 0}
ul.jobs h2{margin:0 0 .25rem;font-size:1.15rem}
.meta{color:#555d6e;margin:0}
article.job-description{background:#fff;border:1px solid #dcdcd6;border-radius:8px;padding:.5rem 1.5rem 1rem}
form.apply{background:#fff;border:1px solid #dcdcd6;border-radius:8px;padding:1rem 1.5rem;margin-top:2rem}
form.apply label{display:block;font-weight:600;margin-top:1rem}
form.apply input[type=text],form.apply input[type=email],form.apply input[type=url],form.apply input[type=tel]{width:100%;box-sizing:border-box;padding:.5rem;border:1px solid #8a8f9c;border-radius:6px;font:inherit}
form.apply .check{display:flex;gap:.5rem;align-items:flex-start;margin-top:1rem}
form.apply .check label{font-weight:400;margin:0}
form.apply button{margin-top:1.25rem;padding:.6rem 1.2rem;border:0;border-radius:6px;background:#1f4fb3;color:#fff;font:inherit;font-weight:600;cursor:pointer}
.error{color:#a0231a;font-weight:400;margin:.25rem 0 0}
.notice{padding:.75rem 1rem;border-radius:6px;margin:1rem 0}
.notice.ok{background:#e3f4e8;border:1px solid #7cc495}
.notice.bad{background:#fbe9e7;border:1px solid #e0a39b}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
`;

function page(opts: { title: string; orgName: string; lang?: string; head?: string; body: string }): string {
  return `<!doctype html>
<html lang="${escapeHtml(opts.lang ?? 'en')}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(opts.title)}</title>
<style>${STYLE}</style>
${opts.head ?? ''}
</head>
<body>
<header class="site"><p>${escapeHtml(opts.orgName)} careers</p></header>
<main>
${opts.body}
</main>
</body>
</html>
`;
}

const workplace: Record<string, string> = { onsite: 'On site', hybrid: 'Hybrid', remote: 'Remote' };

function metaLine(job: Pick<CareersJob, 'location' | 'remotePolicy'>): string {
  return [workplace[job.remotePolicy], job.location].filter(Boolean).join(' · ');
}

export function renderListing(org: { name: string; slug: string }, jobs: CareersJob[], base: string): string {
  const items = jobs.length
    ? `<ul class="jobs">${jobs
        .map(
          (j) => `<li><h2><a href="${escapeHtml(`${base}/jobs/${j.id}`)}">${escapeHtml(j.title)}</a></h2><p class="meta">${escapeHtml(metaLine(j))}</p></li>`,
        )
        .join('\n')}</ul>`
    : '<p>There are no open positions right now. Please check back later.</p>';
  const ld = jobs.map((j) => jsonLdScript(j.jobPosting)).join('\n');
  return page({ title: `Careers at ${org.name}`, orgName: org.name, head: ld, body: `<h1>Open positions at ${escapeHtml(org.name)}</h1>\n${items}` });
}

export interface FormState {
  values: Record<string, string>;
  issues: FieldIssue[];
  applied: boolean;
  /** After applying: the optional, voluntary self-identification page to offer (a path on this site). */
  selfIdPath?: string | null;
  /** A problem with the whole submission (rate limit, file too large). */
  problem: string | null;
}

const fieldError = (issues: FieldIssue[], field: string) => {
  const i = issues.find((x) => x.path === field);
  return i ? `<p class="error" id="${field}-error">${escapeHtml(i.message)}</p>` : '';
};

const described = (issues: FieldIssue[], field: string) => (issues.some((x) => x.path === field) ? ` aria-invalid="true" aria-describedby="${field}-error"` : '');

export function renderJob(org: { name: string; slug: string }, job: CareersJob, descriptionHtml: string, action: string, back: string, state: FormState): string {
  const v = (k: string) => escapeHtml(state.values[k] ?? '');
  const notice = state.applied
    ? `<div class="notice ok" role="status"><strong>Thank you — your application was received.</strong> ${escapeHtml(org.name)} will be in touch by email.</div>${
        state.selfIdPath
          ? `\n<p class="self-id"><a href="${escapeHtml(state.selfIdPath)}">Tell us about yourself (optional, voluntary)</a> — a few questions ${escapeHtml(org.name)} asks every candidate to check its hiring is fair. Your answers are never seen by interviewers or decision makers, and you may decline any of them.</p>`
          : ''
      }`
    : state.problem || state.issues.length
      ? `<div class="notice bad" role="alert">${escapeHtml(state.problem ?? 'Please correct the fields marked below.')}</div>`
      : '';
  const input = (name: string, label: string, type: string, extra = '') =>
    `<label for="${name}">${label}</label><input type="${type}" id="${name}" name="${name}" value="${v(name)}"${extra}${described(state.issues, name)}>${fieldError(state.issues, name)}`;
  const form = state.applied
    ? ''
    : `<form class="apply" method="post" action="${escapeHtml(action)}" enctype="multipart/form-data">
<h2 id="apply">Apply for this position</h2>
${input('name', 'Full name', 'text', ' required maxlength="200" autocomplete="name"')}
${input('email', 'Email', 'email', ' required maxlength="320" autocomplete="email"')}
${input('phone', 'Phone (optional)', 'tel', ' maxlength="50" autocomplete="tel"')}
${input('link', 'LinkedIn or website (optional)', 'url', ' maxlength="500"')}
<label for="resume">Résumé (PDF, DOCX or TXT, up to 5 MB; optional)</label><input type="file" id="resume" name="resume" accept=".pdf,.docx,.txt,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain"${described(state.issues, 'resume')}>${fieldError(state.issues, 'resume')}
<div class="hp" aria-hidden="true"><label for="website">Leave this field empty</label><input type="text" id="website" name="website" tabindex="-1" autocomplete="off"></div>
<div class="check"><input type="checkbox" id="consent" name="consent" value="yes" required${state.values.consent === 'yes' ? ' checked' : ''}${described(state.issues, 'consent')}><label for="consent">I agree that ${escapeHtml(org.name)} stores and reviews my application for this and similar roles.</label></div>${fieldError(state.issues, 'consent')}
<button type="submit">Submit application</button>
</form>`;
  return page({
    title: `${job.title} — ${org.name}`,
    orgName: org.name,
    lang: job.body.settings?.language ?? 'en',
    head: jsonLdScript(job.jobPosting),
    body: `<p><a href="${escapeHtml(back)}">All open positions</a></p>\n<p class="meta">${escapeHtml(metaLine(job))}</p>\n${notice}\n${descriptionHtml}\n${form}`,
  });
}

export function renderProblem(title: string, message: string): string {
  return page({ title, orgName: 'Rubric', body: `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>` });
}
