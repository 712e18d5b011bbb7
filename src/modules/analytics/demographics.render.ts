import { escapeHtml } from '../../core/generation/jd.ts';
import { publicPage } from '../../core/html/public-page.ts';
import type { FieldIssue } from '../../shared/errors.ts';
import { ageBandValues, raceEthnicityValues, sexValues } from './analytics.contract.ts';
import { selfIdQuestions } from './demographics.service.ts';

/**
 * The server-rendered voluntary self-identification pages: no JavaScript, readable without CSS,
 * every value from the database escaped.
 */

export const DECLINE_LABEL = 'I decline to answer';
const label = (v: string) => (v === 'declined' ? DECLINE_LABEL : v === 'female' ? 'Female' : v === 'male' ? 'Male' : v === 'under 40' ? 'Under 40' : v);
const choices: Record<(typeof selfIdQuestions)[number]['field'], readonly string[]> = { sex: sexValues, raceEthnicity: raceEthnicityValues, ageBand: ageBandValues };
const hints: Record<string, string> = {
  sex: '',
  raceEthnicity: 'The categories are the ones employers report in the United States (EEO-1).',
  ageBand: '',
};

export interface SelfIdFormState {
  values: Record<string, string>;
  issues: FieldIssue[];
}

export function renderSelfIdForm(link: { orgName: string; candidateName: string }, action: string, state: SelfIdFormState): string {
  const org = escapeHtml(link.orgName);
  const errorOf = (field: string) => state.issues.find((i) => i.path === field);
  const missing = selfIdQuestions.filter((q) => errorOf(q.field)).map((q) => q.label);
  const notice = state.issues.length
    ? `<div class="notice bad" role="alert">${escapeHtml(
        missing.length
          ? `Please answer ${missing.join(', ')} — choose “${DECLINE_LABEL}” to skip a question. Nothing was saved.`
          : 'Please tick the consent box below. Nothing was saved.',
      )}</div>`
    : '';
  const questions = selfIdQuestions
    .map((q) => {
      const err = errorOf(q.field);
      const hint = hints[q.field] ? `<p>${escapeHtml(hints[q.field]!)}</p>` : '';
      const options = choices[q.field]
        .map((v, i) => {
          const id = `${q.field}-${i}`;
          const checked = state.values[q.field] === v ? ' checked' : '';
          return `<div class="choice"><input type="radio" id="${id}" name="${q.field}" value="${escapeHtml(v)}"${checked}><label for="${id}">${escapeHtml(label(v))}</label></div>`;
        })
        .join('\n');
      const described = err ? ` aria-describedby="${q.field}-error"` : '';
      return `<fieldset${described}>\n<legend>${escapeHtml(q.label)}</legend>\n${hint}${options}\n${err ? `<p class="error" id="${q.field}-error">${escapeHtml(`${q.label}: ${err.message}`)}</p>` : ''}\n</fieldset>`;
    })
    .join('\n');
  const consentErr = errorOf('consent');
  const body = `<h1>Voluntary self-identification</h1>
<p>Hello ${escapeHtml(link.candidateName)}.</p>
<p>${org} asks every candidate these three questions. <strong>Answering is voluntary.</strong> Your answers are never seen by interviewers or by the people who decide on your application; they are used only in aggregate, to check that the hiring process treats every group fairly. You may choose “${DECLINE_LABEL}” for any question, and declining has no effect on your application.</p>
${notice}
<form method="post" action="${escapeHtml(action)}">
${questions}
<fieldset${consentErr ? ' aria-describedby="consent-error"' : ''}>
<legend>Consent</legend>
<div class="choice"><input type="checkbox" id="consent" name="consent" value="yes"${state.values.consent === 'yes' ? ' checked' : ''}><label for="consent">I agree that ${org} stores these answers, separately from my application, only to check the fairness of its hiring process in aggregate.</label></div>
${consentErr ? `<p class="error" id="consent-error">${escapeHtml(consentErr.message)}</p>` : ''}
</fieldset>
<button type="submit">Submit my answers</button>
</form>`;
  return publicPage('Voluntary self-identification', link.orgName, body);
}

