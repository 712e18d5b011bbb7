import { adviseOrganization, validateOrgAnswers } from '../../core/advisor/organization.ts';
import { fitIndividual } from '../../core/advisor/individual.ts';
import { AppError } from '../../shared/errors.ts';
import { library } from '../roles/roles.library.ts';
import type { IndividualAdviceResult, IndividualAnswersInput, OrgAdviceResult } from './advisor.contract.ts';
import { individualAdviceToMarkdown, orgAdviceToMarkdown } from './advisor.markdown.ts';

/** The organization questionnaire as content defines it. */
export function getOrgQuestionnaire() {
  return library().advisor.organization;
}

/** Ranks the outcomes for an organization's answers; every bad answer is listed (400). */
export function adviseOrg(answers: Record<string, string | string[]>): OrgAdviceResult {
  const { organization, organizationWeights } = library().advisor;
  const issues = validateOrgAnswers(organization, answers);
  if (issues.length) throw AppError.invalid('Some answers are missing or invalid', issues.map((i) => ({ path: `answers.${i.path}`, message: i.message })));
  const advice = adviseOrganization(organization, organizationWeights, answers);
  return { ...advice, markdown: orgAdviceToMarkdown(advice) };
}

export function getIndividualQuestionnaire() {
  const lib = library();
  return {
    questionnaire: lib.advisor.individual,
    competencies: lib.competencies.map((c) => ({ id: c.id, name: c.name, category: c.category, definition: c.definition })),
  };
}

/** Fit per role for a self-assessment; unknown current role or competency ids answer 400 naming them. */
export function adviseIndividual(answers: IndividualAnswersInput): IndividualAdviceResult {
  const lib = library();
  const current = lib.advisor.individual.questions.find((q) => q.id === 'currentRole');
  const currentIds = current && 'options' in current ? current.options.map((o) => o.id) : [];
  const issues: { path: string; message: string }[] = [];
  if (!currentIds.includes(answers.currentRole)) issues.push({ path: 'answers.currentRole', message: `Choose one of: ${currentIds.join(', ')}` });
  const known = new Set(lib.competencies.map((c) => c.id));
  for (const id of Object.keys(answers.ratings)) if (!known.has(id)) issues.push({ path: `answers.ratings.${id}`, message: 'Unknown competency' });
  if (Object.keys(answers.ratings).length === 0) issues.push({ path: 'answers.ratings', message: 'Rate at least one competency' });
  if (issues.length) throw AppError.invalid('Some answers are missing or invalid', issues);
  const weights = lib.advisor.individualWeights;
  const fits = fitIndividual(
    lib.roles.map((r) => ({
      id: r.id,
      title: r.title,
      level: r.level,
      orientation: r.focus.orientation,
      yearsTypical: r.qualifications.yearsOfExperience.typical,
      yearsMinimum: r.qualifications.yearsOfExperience.minimum,
      typicalSteps: r.careerPath.typicalSteps,
    })),
    lib.competencies,
    weights,
    answers,
  );
  return { fits, shares: weights.shares, markdown: individualAdviceToMarkdown(fits, weights.shares) };
}
