import { type Outcome, type OutcomeCheckpoint, type OutcomeMeasures, outcomeCheckpoints, OUTCOME_NOTE_MAX } from '../../../modules/outcomes/outcomes.contract.ts';

/** The outcome form as typed: every value a string ('' = not recorded / unknown). */
export interface OutcomeFormValues {
  checkpoint: OutcomeCheckpoint;
  performanceRating: string;
  retained: '' | 'yes' | 'no';
  rampDays: string;
  regrettedAttrition: '' | 'yes' | 'no';
  managerSatisfaction: string;
  note: string;
}
export type OutcomeField = keyof OutcomeFormValues;
export type OutcomeErrors = Partial<Record<OutcomeField, string>>;

export const outcomeFields: readonly OutcomeField[] = ['checkpoint', 'performanceRating', 'retained', 'rampDays', 'regrettedAttrition', 'managerSatisfaction', 'note'];

const yesNo = (b: boolean | null): '' | 'yes' | 'no' => (b === null ? '' : b ? 'yes' : 'no');
const fromYesNo = (v: '' | 'yes' | 'no'): boolean | null => (v === '' ? null : v === 'yes');

/** The form for a checkpoint: the recorded outcome's values, or empty. */
export function outcomeFormValues(checkpoint: OutcomeCheckpoint, existing: Outcome | undefined): OutcomeFormValues {
  return {
    checkpoint,
    performanceRating: existing?.performanceRating?.toString() ?? '',
    retained: yesNo(existing?.retained ?? null),
    rampDays: existing?.rampDays?.toString() ?? '',
    regrettedAttrition: yesNo(existing?.regrettedAttrition ?? null),
    managerSatisfaction: existing?.managerSatisfaction?.toString() ?? '',
    note: existing?.note ?? '',
  };
}

/** The first checkpoint without an outcome (the last one when all are recorded). */
export function nextCheckpoint(items: readonly Outcome[]): OutcomeCheckpoint {
  return outcomeCheckpoints.find((c) => !items.some((o) => o.checkpoint === c)) ?? outcomeCheckpoints[outcomeCheckpoints.length - 1]!;
}

/** Checks the form and builds the PUT body; errors are keyed by field, like the server's. */
export function outcomeBody(v: OutcomeFormValues): { body: OutcomeMeasures; errors?: undefined } | { body?: undefined; errors: OutcomeErrors } {
  const errors: OutcomeErrors = {};
  const rating = (s: string, field: OutcomeField) => {
    if (s === '') return null;
    const n = Number(s);
    if (!Number.isInteger(n) || n < 1 || n > 5) errors[field] = 'Use a rating from 1 to 5';
    return n;
  };
  const body: OutcomeMeasures = {
    performanceRating: rating(v.performanceRating, 'performanceRating'),
    retained: fromYesNo(v.retained),
    rampDays: null,
    regrettedAttrition: fromYesNo(v.regrettedAttrition),
    managerSatisfaction: rating(v.managerSatisfaction, 'managerSatisfaction'),
    note: v.note.trim() === '' ? null : v.note.trim(),
  };
  const ramp = v.rampDays.trim();
  if (ramp !== '') {
    if (!/^\d+$/.test(ramp)) errors.rampDays = 'Enter a whole number of days (0 or more)';
    else body.rampDays = Number(ramp);
  }
  if ((body.note ?? '').length > OUTCOME_NOTE_MAX) errors.note = `At most ${OUTCOME_NOTE_MAX} characters`;
  const measures = [body.performanceRating, body.retained, body.rampDays, body.regrettedAttrition, body.managerSatisfaction];
  if (Object.keys(errors).length === 0 && measures.every((m) => m === null)) {
    errors.performanceRating = 'Record at least one measure: performance, retention, ramp time, regretted attrition or manager satisfaction';
  }
  return Object.keys(errors).length ? { errors } : { body };
}

export const yesNoLabel = (b: boolean | null) => (b === null ? 'Unknown' : b ? 'Yes' : 'No');
