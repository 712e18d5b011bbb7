// Prints how well the advisors agree with the labelled scenarios (tuning and held-out parts).
import { evaluateIndividualScenarios, evaluateOrganizationScenarios, summarize } from '../src/modules/advisor/advisor.evaluation.ts';

const split = process.argv.includes('--tuning-only') ? 'tuning' : undefined;
const org = summarize(evaluateOrganizationScenarios());
const ind = summarize(evaluateIndividualScenarios());
const pick = <T extends { tuning: unknown; holdout: unknown }>(s: T) => (split ? { tuning: s.tuning } : s);
console.log(JSON.stringify({ organization: pick(org), individual: pick(ind) }, null, 2));
