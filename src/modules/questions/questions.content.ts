import { z } from 'zod';

/** Schemas of the question bank in content/questions/ (one file per competency). */

const text = z.string().trim().min(15, 'Write a full sentence');
const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'kebab-case id');

export const questionTypes = ['behavioural', 'situational', 'technical', 'product-case', 'motivational'] as const;
export const questionTypeSchema = z.enum(questionTypes);
export const senioritySchema = z.enum(['senior', 'executive']);

export const libraryQuestionSchema = z.strictObject({
  /** Unique across the bank, e.g. "product-vision-strategy-03". */
  id,
  text: z.string().trim().min(20).max(600),
  type: questionTypeSchema,
  /** The competencies this question gives evidence of; the file's competency first. */
  competencies: z.array(id).min(1).max(3),
  seniority: z.array(senioritySchema).min(1),
  probes: z.array(text).min(2).max(6),
  /** What a strong answer shows. */
  strongAnswer: z.array(text).min(2).max(6),
  redFlags: z.array(text).min(2).max(6),
  minutes: z.number().int().min(3).max(45),
  /** Roles for which the question is especially apt (optional). */
  roles: z.array(id).optional(),
});
export type LibraryQuestion = z.infer<typeof libraryQuestionSchema>;

export const questionFileSchema = z.strictObject({
  competency: id,
  questions: z.array(libraryQuestionSchema).min(8),
});
export type QuestionFile = z.infer<typeof questionFileSchema>;
