import type { OrgQuestionBody, Question } from '../../../modules/questions/questions.contract.ts';
import type { OrgRole } from '../../../shared/common.ts';
import { type MarkedPart, splitMarked } from '../../lib/format.ts';

/** Display text of the question bank's controlled values, highlight parsing and form mapping. Pure. */

export const questionTypeLabels: Record<string, string> = {
  behavioural: 'Behavioural',
  situational: 'Situational',
  technical: 'Technical',
  'product-case': 'Product case',
  motivational: 'Motivational',
};

export const seniorityLabels: Record<string, string> = { senior: 'Senior', executive: 'Executive' };

export const sourceLabels: Record<string, string> = { library: 'Library', org: 'Your organization' };

export function labelOf(labels: Record<string, string>, value: string): string {
  return labels[value] ?? value;
}

/** Organization roles that may add, edit and retire the organization's questions (the contract's writers). */
const questionWriters: readonly OrgRole[] = ['owner', 'admin', 'recruiter', 'hiring_manager'];

export function canWriteQuestions(role: OrgRole | null | undefined): boolean {
  return !!role && questionWriters.includes(role);
}

export type HighlightPart = MarkedPart;

/** Splits a search highlight ("plain text with «matches»") into parts, the marked ones to render in <mark>. */
export const parseHighlight = splitMarked;

/** The add/edit form's values: lists as one item per line, tags comma-separated. */
export interface QuestionFormValues {
  text: string;
  type: OrgQuestionBody['type'];
  competencies: string[];
  seniority: ('senior' | 'executive')[];
  tags: string;
  probes: string;
  strongAnswer: string;
  redFlags: string;
  minutes: number;
}

export const emptyQuestionForm: QuestionFormValues = {
  text: '',
  type: 'behavioural',
  competencies: [],
  seniority: ['senior', 'executive'],
  tags: '',
  probes: '',
  strongAnswer: '',
  redFlags: '',
  minutes: 10,
};

export function lines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

export function toQuestionForm(q: Question): QuestionFormValues {
  return {
    text: q.text,
    type: q.type,
    competencies: [...q.competencies],
    seniority: [...q.seniority],
    tags: q.tags.join(', '),
    probes: q.probes.join('\n'),
    strongAnswer: q.strongAnswer.join('\n'),
    redFlags: q.redFlags.join('\n'),
    minutes: q.minutes,
  };
}

export function toQuestionBody(values: QuestionFormValues, roles: readonly string[] = []): OrgQuestionBody {
  return {
    text: values.text.trim(),
    type: values.type,
    competencies: values.competencies,
    roles: [...roles],
    seniority: values.seniority,
    tags: values.tags
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
    probes: lines(values.probes),
    strongAnswer: lines(values.strongAnswer),
    redFlags: lines(values.redFlags),
    minutes: values.minutes,
  };
}

const formFields = new Set(['text', 'type', 'competencies', 'seniority', 'tags', 'probes', 'strongAnswer', 'redFlags', 'minutes']);

/** The form field a server issue is about (`probes.1` → `probes`), or null when none is. */
export function questionFieldOfIssue(path: string): keyof QuestionFormValues | null {
  const head = path.split('.')[0] ?? '';
  return formFields.has(head) ? (head as keyof QuestionFormValues) : null;
}
