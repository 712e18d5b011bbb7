import { escapeHtml } from '../../core/generation/jd.ts';
import { publicPage } from '../../core/html/public-page.ts';
import type { FieldIssue } from '../../shared/errors.ts';
import { PRIVACY_REQUEST_DUE_DAYS, privacyRequestKindLabels, privacyRequestKinds } from './privacy.contract.ts';
import type { NoticePage, NoticeRetention } from './requests.service.ts';

/**
 * The server-rendered privacy notice and request page for candidates: no JavaScript, readable
 * without CSS, every value from the database escaped.
 */

const appliesToWords: Record<NoticeRetention['appliesTo'], string> = {
  rejected: 'rejected applications',
  hired: 'applications that led to a hire',
  any_closed: 'closed applications (rejected or hired)',
};
const actionWords: Record<NoticeRetention['action'], string> = {
  erase: 'erased',
  purge_interview_data: 'interview notes, transcripts and the résumé deleted',
};
const months = (n: number) => (n === 0 ? 'right' : n === 1 ? '1 month' : `${n} months`);

/** One policy in plain words: "rejected applications: erased 12 months after the decision". */
export function retentionSentence(p: NoticeRetention): string {
  return `${appliesToWords[p.appliesTo]}: ${actionWords[p.action]} ${months(p.afterMonths)} after the decision${p.action === 'purge_interview_data' ? ' (ratings and the decision are kept)' : ''}`;
}

export interface NoticeFormState {
  values: Record<string, string>;
  issues: FieldIssue[];
}

export function renderNoticePage(p: NoticePage, action: string, state: NoticeFormState): string {
  const org = escapeHtml(p.orgName);
  const errorOf = (field: string) => state.issues.find((i) => i.path === field);
  const notice = state.issues.length ? `<div class="notice bad" role="alert">${escapeHtml(state.issues.map((i) => i.message).join('. '))}. Nothing was sent.</div>` : '';
  const retention = p.retention.length
    ? `<p>${org} deletes data on a schedule:</p><ul>${p.retention.map((r) => `<li>${escapeHtml(retentionSentence(r))}</li>`).join('')}</ul><p>While an application is open, or if the law requires ${org} to keep the data longer, it is kept until that ends.</p>`
    : `<p>${org} keeps your data while your application is considered and afterwards only as long as it needs to (for example to answer a legal claim about the hiring decision). You may ask for it to be erased at any time with the form below.</p>`;
  const assessments = p.assessments.length
    ? p.assessments
        .map(
          (a) =>
            `<h3>${escapeHtml(a.jobTitle)}</h3>${a.competencies.length ? `<ul>${a.competencies.map((c) => `<li>${escapeHtml(c)}</li>`).join('')}</ul>` : '<p>No competencies are listed for this job yet.</p>'}`,
        )
        .join('\n')
    : '<p>You have no application under consideration at the moment.</p>';
  const kindErr = errorOf('kind');
  const messageErr = errorOf('message');
  const kinds = privacyRequestKinds
    .map((k, i) => {
      const checked = state.values.kind === k ? ' checked' : '';
      return `<div class="choice"><input type="radio" id="kind-${i}" name="kind" value="${k}"${checked}><label for="kind-${i}">${escapeHtml(privacyRequestKindLabels[k])}</label></div>`;
    })
    .join('\n');
  const body = `<h1>Your personal data</h1>
<p>Hello ${escapeHtml(p.candidateName)}. This page explains what ${org} keeps about you as a job candidate, why, for how long, and how you can use your rights.</p>
<h2>What is kept, and why</h2>
<ul>
<li><strong>Your profile and résumé</strong> — the contact details and documents you or a recruiter added — to consider you for the jobs you applied to and to contact you.</li>
<li><strong>Interview notes and ratings</strong> written by your interviewers, and the hiring decisions with their reasons, to make and justify a fair, consistent decision.</li>
<li><strong>Interview transcripts</strong>, only if an interview was recorded with your consent; you may withdraw that consent, and the transcript is then deleted.</li>
<li><strong>Voluntary demographic answers</strong>, if you gave any: they are kept apart from your application, never shown to interviewers or decision makers, and used only in aggregate to check that hiring is fair.</li>
</ul>
<h2>How long it is kept</h2>
${retention}
<h2>What you are assessed on</h2>
<p>Every candidate for the same job is assessed on the same competencies, with the same questions and rating scale:</p>
${assessments}
<h2>Automated analysis</h2>
<p>When an interview was recorded with your consent, its transcript may be analysed by fixed rules (no learning from your data): which planned questions were covered, and evidence for each competency. The analysis may propose draft ratings, but a draft never replaces an interviewer's own rating, and no decision is made automatically. You may ask for a person to review any automated analysis that concerns you.</p>
<h2>Your rights</h2>
<p>With the form below you may ask for a copy of your data, for its erasure, or for a person to review an automated analysis; to correct something, write to the recruiter. ${org} answers within ${PRIVACY_REQUEST_DUE_DAYS} days. You may also complain to your data protection authority.</p>
${notice}
<form method="post" action="${escapeHtml(action)}">
<fieldset${kindErr ? ' aria-describedby="kind-error"' : ''}>
<legend>What are you asking for?</legend>
${kinds}
${kindErr ? `<p class="error" id="kind-error">${escapeHtml(kindErr.message)}</p>` : ''}
</fieldset>
<fieldset>
<label class="block" for="message">Message (optional)</label>
<textarea id="message" name="message" rows="5" maxlength="2000"${messageErr ? ' aria-describedby="message-error"' : ''}>${escapeHtml(state.values.message ?? '')}</textarea>
${messageErr ? `<p class="error" id="message-error">${escapeHtml(messageErr.message)}</p>` : ''}
</fieldset>
<button type="submit">Send my request</button>
</form>
<p>This link works once, until ${escapeHtml(p.expiresAt.toUTCString())}.</p>`;
  return publicPage('Your personal data', p.orgName, body);
}

