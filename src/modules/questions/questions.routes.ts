import { bind } from '../../server/context.ts';
import * as c from './questions.contract.ts';
import * as s from './questions.service.ts';

export const questionsRoutes = [
  bind(c.searchLibraryQuestionsRoute, (ctx, { query }) => s.searchLibraryQuestions(ctx, query)),
  bind(c.lintQuestionRoute, async (_ctx, { body }) => s.lintQuestion(body.text)),
  bind(c.searchQuestionsRoute, (ctx, { query }) => s.searchQuestions(ctx, query)),
  bind(c.getQuestionRoute, (ctx, { params }) => s.getQuestion(ctx, params.ref)),
  bind(c.createQuestionRoute, (ctx, { body }) => s.createQuestion(ctx, body)),
  bind(c.saveQuestionRoute, (ctx, { params, body }) => s.saveQuestion(ctx, params.ref, body)),
  bind(c.retireQuestionRoute, (ctx, { params }) => s.retireQuestion(ctx, params.ref)),
];
