import fs from 'node:fs';
import path from 'node:path';
import { findPackageRoot } from '../../server/db/connect.ts';
import { library } from '../roles/roles.library.ts';
import { type LibraryQuestion, questionFileSchema } from './questions.content.ts';

export interface QuestionProblem {
  file: string;
  path: string;
  message: string;
}

/** Loads content/questions/*.json and checks ids are unique and competencies and roles exist. */
export function loadQuestionBank(root = path.join(findPackageRoot(), 'content', 'questions')): { questions: LibraryQuestion[]; problems: QuestionProblem[] } {
  const problems: QuestionProblem[] = [];
  const questions: LibraryQuestion[] = [];
  const lib = library();
  const competencyIds = new Set(lib.competencies.map((c) => c.id));
  const roleIds = new Set(lib.roles.map((r) => r.id));
  const seen = new Set<string>();
  for (const name of fs.existsSync(root) ? fs.readdirSync(root).filter((n) => n.endsWith('.json')).sort() : []) {
    const file = path.join(root, name);
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      problems.push({ file, path: '(file)', message: `not valid JSON: ${(e as Error).message}` });
      continue;
    }
    const r = questionFileSchema.safeParse(raw);
    if (!r.success) {
      for (const i of r.error.issues) problems.push({ file, path: i.path.map(String).join('.') || '(root)', message: i.message });
      continue;
    }
    if (`${r.data.competency}.json` !== name) problems.push({ file, path: 'competency', message: 'must match the file name' });
    r.data.questions.forEach((q, i) => {
      if (seen.has(q.id)) problems.push({ file, path: `questions.${i}.id`, message: `duplicate id ${q.id}` });
      seen.add(q.id);
      if (q.competencies[0] !== r.data.competency) problems.push({ file, path: `questions.${i}.competencies.0`, message: "the file's competency comes first" });
      q.competencies.forEach((c, j) => {
        if (!competencyIds.has(c)) problems.push({ file, path: `questions.${i}.competencies.${j}`, message: `unknown competency "${c}"` });
      });
      (q.roles ?? []).forEach((x, j) => {
        if (!roleIds.has(x)) problems.push({ file, path: `questions.${i}.roles.${j}`, message: `unknown role "${x}"` });
      });
      questions.push(q);
    });
  }
  return { questions, problems };
}

let cached: LibraryQuestion[] | undefined;

/** The validated question bank, loaded once per process; throws listing every problem. */
export function questionBank(): LibraryQuestion[] {
  if (cached) return cached;
  const { questions, problems } = loadQuestionBank();
  if (problems.length) throw new Error(`The question bank is invalid:\n${problems.map((p) => `  ${p.file} ${p.path}: ${p.message}`).join('\n')}`);
  cached = questions;
  return questions;
}
