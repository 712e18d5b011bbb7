import { createHash, randomUUID } from 'node:crypto';
import { lintRisk } from '../../core/risk/risk-lint.ts';
import { AppError } from '../../shared/errors.ts';
import { encodeCursor } from '../../core/util/cursor.ts';
import { readCursor } from '../../shared/pagination.ts';
import { type Ctx, inTransaction } from '../../server/context.ts';
import type { Db } from '../../server/db/connect.ts';
import { readSetting, writeSetting } from '../../server/db/settings.queries.ts';
import { audit } from '../audit/audit.service.ts';
import * as docs from '../documents/documents.service.ts';
import { requireMember, requireRole } from '../orgs/orgs.policy.ts';
import { library } from '../roles/roles.library.ts';
import type { OrgQuestionBody, Question, SearchQuery } from './questions.contract.ts';
import { questionBank } from './questions.library.ts';
import * as q from './questions.queries.ts';

const WRITERS = ['owner', 'admin', 'recruiter', 'hiring_manager'] as const;
const QUESTION_KIND = 'org_question';

/**
 * Mirrors content/questions into the questions table (library rows, no organization) when the
 * content changed since the last sync; cheap otherwise (one settings read).
 */
export async function syncLibraryQuestions(db: Db, now = new Date()): Promise<boolean> {
  const bank = questionBank();
  const hash = createHash('sha256').update(JSON.stringify(bank)).digest('hex');
  if ((await readSetting<string>(db, 'question_library_hash')) === hash) return false;
  await db.transaction().execute(async (tx) => {
    await q.upsertQuestions(
      tx,
      bank.map((x) => ({
        id: randomUUID(),
        ref: `library:${x.id}`,
        orgId: null,
        source: 'library' as const,
        documentId: null,
        versionNumber: 1,
        text: x.text,
        type: x.type,
        competencies: x.competencies,
        roles: x.roles ?? [],
        seniority: x.seniority,
        tags: [],
        probes: x.probes,
        strongAnswer: x.strongAnswer,
        redFlags: x.redFlags,
        minutes: x.minutes,
        now,
      })),
    );
    await q.deleteLibraryQuestionsExcept(tx, bank.map((x) => `library:${x.id}`));
    await writeSetting(tx, 'question_library_hash', hash);
  });
  await q.analyzeQuestions(db);
  return true;
}

type Row = NonNullable<Awaited<ReturnType<typeof q.findQuestion>>>;

function toQuestion(r: Row): Question {
  return {
    ref: r.ref,
    source: r.source,
    text: r.text,
    type: r.type as Question['type'],
    competencies: r.competencies,
    roles: r.roles,
    seniority: r.seniority as Question['seniority'],
    tags: r.tags,
    probes: r.probes,
    strongAnswer: r.strongAnswer,
    redFlags: r.redFlags,
    minutes: r.minutes,
    version: r.versionNumber,
    retired: r.retiredAt !== null,
  };
}

async function search(ctx: Ctx, orgId: string | null, query: SearchQuery) {
  const offset = Number(readCursor(query.cursor, 1)?.[0] ?? 0);
  if (!Number.isInteger(offset) || offset < 0) throw AppError.invalid('Invalid cursor', [{ path: 'cursor', message: 'Not a cursor from this list' }]);
  const rows = await q.searchQuestions(ctx.db, { ...query, orgId, limit: query.limit, offset, source: orgId ? query.source : 'library' });
  const items = rows.slice(0, query.limit).map((r) => ({ ...toQuestion(r as Row), highlight: r.highlight, rank: Number(r.rank) }));
  return { items, nextCursor: rows.length > query.limit ? encodeCursor([offset + query.limit]) : null };
}

export function searchLibraryQuestions(ctx: Ctx, query: SearchQuery) {
  return search(ctx, null, query);
}

export function searchQuestions(ctx: Ctx, query: SearchQuery) {
  const actor = requireMember(ctx);
  return search(ctx, actor.org.id, query);
}

/** One question; organization questions come with their current version (the base for the next save). */
export async function getQuestion(ctx: Ctx, ref: string) {
  const actor = requireMember(ctx);
  const row = await q.findQuestion(ctx.db, actor.org.id, ref);
  if (!row) throw AppError.notFound('Question');
  if (row.source === 'org' && row.documentId) return withVersion(ctx, actor.org.id, ref);
  return { ...toQuestion(row), currentVersion: null };
}

/** Unknown competencies or roles, and risky wording, answer 400 naming the fields. */
function checkBody(body: OrgQuestionBody): void {
  const lib = library();
  const comps = new Set(lib.competencies.map((c) => c.id));
  const roles = new Set(lib.roles.map((r) => r.id));
  const issues: { path: string; message: string }[] = [];
  body.competencies.forEach((c, i) => !comps.has(c) && issues.push({ path: `competencies.${i}`, message: `Unknown competency "${c}"` }));
  body.roles.forEach((r, i) => !roles.has(r) && issues.push({ path: `roles.${i}`, message: `Unknown role "${r}"` }));
  const texts: [string, string][] = [['text', body.text], ...body.probes.map((p, i) => [`probes.${i}`, p] as [string, string])];
  for (const [path, t] of texts) {
    for (const f of lintRisk(t)) issues.push({ path, message: `Touches a protected characteristic (${f.category}): "${f.match}". ${f.alternative}` });
  }
  if (issues.length) throw AppError.invalid('The question needs changes before it can be saved', issues);
}

function rowInput(id: string, ref: string, orgId: string, documentId: string, versionNumber: number, body: OrgQuestionBody, now: Date): q.QuestionRowInput {
  return { id, ref, orgId, source: 'org', documentId, versionNumber, ...body, now };
}

async function withVersion(ctx: Ctx, orgId: string, ref: string) {
  const row = await q.findQuestion(ctx.db, orgId, ref);
  if (!row || row.source !== 'org' || !row.documentId) throw AppError.notFound('Question');
  const current = await docs.getCurrentVersion<OrgQuestionBody>(ctx, orgId, row.documentId);
  return { ...toQuestion(row), currentVersion: current.version };
}

export async function createQuestion(ctx: Ctx, body: OrgQuestionBody) {
  const actor = requireRole(ctx, WRITERS);
  checkBody(body);
  return inTransaction(ctx, async (tx) => {
    const id = randomUUID();
    const ref = `org:${id}`;
    const { documentId } = await docs.createDocument(tx, actor.org.id, QUESTION_KIND, body);
    await q.upsertQuestions(tx.db, [rowInput(id, ref, actor.org.id, documentId, 1, body, tx.clock.now())]);
    await audit(tx, 'question.created', { type: 'question', id: ref });
    return withVersion(tx, actor.org.id, ref);
  });
}

export async function saveQuestion(ctx: Ctx, ref: string, input: { baseVersionId: string; body: OrgQuestionBody }) {
  const actor = requireRole(ctx, WRITERS);
  checkBody(input.body);
  return inTransaction(ctx, async (tx) => {
    const row = await q.findQuestion(tx.db, actor.org.id, ref);
    if (!row || row.source !== 'org' || !row.documentId) throw AppError.notFound('Question');
    const saved = await docs.saveVersion(tx, actor.org.id, row.documentId, input.baseVersionId, input.body);
    await q.upsertQuestions(tx.db, [rowInput(randomUUID(), ref, actor.org.id, row.documentId, saved.number, input.body, tx.clock.now())]);
    await audit(tx, 'question.saved', { type: 'question', id: ref }, { version: saved.number });
    return withVersion(tx, actor.org.id, ref);
  });
}

export async function retireQuestion(ctx: Ctx, ref: string): Promise<Question> {
  const actor = requireRole(ctx, WRITERS);
  return inTransaction(ctx, async (tx) => {
    const row = await q.findQuestion(tx.db, actor.org.id, ref);
    if (!row || row.source !== 'org') throw AppError.notFound('Question');
    await q.setRetired(tx.db, actor.org.id, ref, tx.clock.now());
    await audit(tx, 'question.retired', { type: 'question', id: ref });
    return toQuestion((await q.findQuestion(tx.db, actor.org.id, ref))!);
  });
}

export function lintQuestion(text: string) {
  return { findings: lintRisk(text) };
}
