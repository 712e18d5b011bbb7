/**
 * Property-based fuzzing of the importers' pure parse steps (issue 12, "Bad input at scale"): the
 * shared CSV reader, the candidates / outcomes / historical-scorecards CSV validators, the JSON Resume
 * validator and the rubric.plan/v1 parser. Properties: only AppError `invalid` escapes, each input is
 * handled within a time bound, and what is returned is valid (line numbers ≥ 2 for data rows, rows
 * pass their schema, a parsed plan parses again to itself). Fixed seeds; the regression corpus in
 * src/fuzz/corpus/ (files named csv-*, candidates-*, outcomes-*, scorecards-*, plan-*) is replayed.
 * The Greenhouse importer has no pure parse step (it validates inside its transaction) and is covered
 * only through its route tests.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { fuzzHarness } from './harness.ts';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors.ts';
import { candidateInputSchema } from '../modules/candidates/candidates.contract.ts';
import { parseCandidatesCsv } from '../modules/candidates/candidates.import.ts';
import { readCsv } from '../modules/imports/csv.ts';
import { parseJsonResume } from '../modules/imports/json-resume.ts';
import { parseScorecardsCsv } from '../modules/imports/scorecards-csv.ts';
import { outcomeMeasuresSchema } from '../modules/outcomes/outcomes.contract.ts';
import { parseOutcomesCsv } from '../modules/outcomes/outcomes.import.ts';
import { planSchema } from '../modules/plans/plans.format.ts';
import { guideFor, parsePlan } from '../modules/plans/plans.service.ts';
import { library } from '../modules/roles/roles.library.ts';

const CORPUS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'corpus');
const PER_INPUT_MS = 250;
const { timed, assertProperty, report } = fuzzHarness(20_260_313, PER_INPUT_MS);

/** Runs `fn`; an AppError `invalid` (with details when it names lines) is the documented refusal. */
function orInvalid<T>(name: string, fn: () => T, check: (v: T) => void): void {
  let v: T;
  try {
    v = timed(name, fn);
  } catch (e) {
    if (e instanceof AppError && e.code === 'invalid') {
      const errors = (e.details as { errors?: { line: number }[] } | undefined)?.errors ?? [];
      for (const err of errors) expect(Number.isInteger(err.line) && err.line >= 1, `error line ${err.line}`).toBe(true);
      return;
    }
    throw e;
  }
  check(v);
}

afterAll(() => {
  console.info('fuzz slowest input (ms):', report());
});

// ---------------------------------------------------------------------------------------------
// CSV generators: cells with random quotes, separators, newlines; a random BOM; random line ends.

const cell = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: fc.constantFrom('"', ',', '\n', '\r', ' ', 'a', '\ufeff', ';', '\t'), maxLength: 8 }),
  fc.constantFrom('', 'Jane Doe', 'jane@example.com', 'not-an-email', '00000000-0000-4000-8000-000000000000', 'ninety_days', '3', '-1', '1e9', 'yes', 'maybe', '2026-03-01', 'strong_yes', 'x'.repeat(300)),
);
const quoted = cell.map((c) => `"${c.replace(/"/g, '""')}"`);
const rawCell = fc.oneof(cell, quoted, cell.map((c) => `"${c}`), cell.map((c) => `${c}"x"`));
const csvOf = (headers: fc.Arbitrary<string[]>) =>
  fc
    .tuple(fc.boolean(), headers, fc.array(fc.array(rawCell, { maxLength: 8 }), { maxLength: 12 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean())
    .map(([bom, head, rows, eol, trailing]) => `${bom ? '\ufeff' : ''}${[head.join(','), ...rows.map((r) => r.join(','))].join(eol)}${trailing ? eol : ''}`);
const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: fc.constantFrom('"', ',', '\n', '\r', 'a', '\ufeff', ' '), maxLength: 200 }));
const headerFrom = (cols: readonly string[]) => fc.array(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...cols) }, { weight: 1, arbitrary: fc.string({ maxLength: 10 }) }), { minLength: 1, maxLength: 8 });

const CANDIDATE_COLS = ['name', 'email', 'phone', 'links', 'source', 'notes', 'sex', 'race_ethnicity', 'age_band', 'Name', ' EMAIL '];
const OUTCOME_COLS = ['application_id', 'candidate_email', 'job_id', 'checkpoint', 'performance_rating', 'retained', 'ramp_days', 'regretted_attrition', 'manager_satisfaction', 'note'];
const SCORECARD_COLS = ['application_id', 'candidate_email', 'job_id', 'interviewer_email', 'round_id', 'competency_id', 'rating', 'recommendation', 'submitted_at', 'notes'];

function assertRowLines(rows: { line: number }[], errors: { line: number }[], total: number): void {
  for (const r of rows) expect(Number.isInteger(r.line) && r.line >= 2, `row line ${r.line}`).toBe(true);
  for (const e of errors) expect(Number.isInteger(e.line) && e.line >= 2, `error line ${e.line}`).toBe(true);
  expect(rows.length).toBeLessThanOrEqual(total);
  for (let k = 1; k < rows.length; k++) expect(rows[k]!.line).toBeGreaterThan(rows[k - 1]!.line);
}

describe('CSV importers under fuzzing', () => {
  it('readCsv: random text and CSV-shaped input → rows with increasing line numbers ≥ 2, or AppError invalid', () => {
    assertProperty(
      fc.oneof(csvOf(fc.array(cell, { minLength: 1, maxLength: 6 })), anyText),
      (s) =>
        orInvalid(
          'readCsv',
          () => readCsv(s),
          (r) => {
            expect(Array.isArray(r.header)).toBe(true);
            let prev = 1;
            for (const b of r.body) {
              expect(Number.isInteger(b.line) && b.line > prev, `line ${b.line} after ${prev}`).toBe(true);
              expect(b.record.every((c) => typeof c === 'string')).toBe(true);
              prev = b.line;
            }
          },
        ),
      600,
    );
  });

  it('parseCandidatesCsv: good rows pass the candidate schema, every problem names its line', () => {
    assertProperty(
      fc.tuple(fc.oneof(csvOf(headerFrom(CANDIDATE_COLS)), anyText), fc.boolean()),
      ([s, demographicsAllowed]) =>
        orInvalid(
          'parseCandidatesCsv',
          () => parseCandidatesCsv(s, { demographicsAllowed }),
          (r) => {
            assertRowLines(r.rows, r.errors, r.total);
            for (const row of r.rows) expect(candidateInputSchema.safeParse(row.input).success).toBe(true);
            if (!demographicsAllowed) expect(r.rows.every((row) => row.demographics === null)).toBe(true);
          },
        ),
      500,
    );
  });

  it('parseOutcomesCsv: good rows carry valid measures and a target', () => {
    assertProperty(
      fc.oneof(csvOf(headerFrom(OUTCOME_COLS)), anyText),
      (s) =>
        orInvalid(
          'parseOutcomesCsv',
          () => parseOutcomesCsv(s),
          (r) => {
            assertRowLines(r.rows, r.errors, r.total);
            for (const row of r.rows) expect(outcomeMeasuresSchema.safeParse(row.measures).success).toBe(true);
          },
        ),
      500,
    );
  });

  it('parseScorecardsCsv: good rows have finite ratings and valid dates', () => {
    assertProperty(
      fc.oneof(csvOf(headerFrom(SCORECARD_COLS)), anyText),
      (s) =>
        orInvalid(
          'parseScorecardsCsv',
          () => parseScorecardsCsv(s),
          (r) => {
            assertRowLines(r.rows, r.errors.map((e) => ({ line: e.line ?? 0 })), r.total);
            for (const row of r.rows) {
              expect(row.rating === null || Number.isFinite(row.rating)).toBe(true);
              expect(Number.isFinite(row.submittedAt.getTime())).toBe(true);
            }
          },
        ),
      500,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// JSON: random shapes, deep nesting, and a valid plan with one random mutation.

const validPlan = guideFor(library().roles[0]!.id).plan as unknown;

/** Replaces the value at a random path of `doc` with `value` (a structure-aware mutation). */
function mutate(doc: unknown, choices: number[], value: unknown): unknown {
  if (choices.length === 0 || doc === null || typeof doc !== 'object') return value;
  const [c, ...rest] = choices;
  if (Array.isArray(doc)) {
    if (doc.length === 0) return value;
    const copy = [...doc];
    const k = c! % copy.length;
    copy[k] = mutate(copy[k], rest, value);
    return copy;
  }
  const keys = Object.keys(doc);
  if (keys.length === 0) return value;
  const key = keys[c! % keys.length]!;
  return { ...(doc as Record<string, unknown>), [key]: mutate((doc as Record<string, unknown>)[key], rest, value) };
}

const deepArray = (n: number): unknown => {
  let v: unknown = [];
  for (let k = 0; k < n; k++) v = [v];
  return v;
};
const jsonish = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.constantFrom(null, '', 0, -1, 1e308, 'x'.repeat(5000), [], {}, { __proto__: 1 }, JSON.parse('{"__proto__":{"polluted":true}}') as unknown),
  fc.integer({ min: 1, max: 5000 }).map(deepArray),
);
const planInput = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), jsonish).map(([choices, value]) => mutate(validPlan, choices, value)) },
  { weight: 1, arbitrary: jsonish },
);

describe('JSON importers under fuzzing', () => {
  it('a valid plan parses (sanity of the mutation base)', () => {
    expect(parsePlan(validPlan)).toEqual(planSchema.parse(validPlan));
  });

  it('parsePlan: random and mutated plans → a plan that parses again to itself, or AppError invalid', () => {
    assertProperty(
      planInput,
      (raw) =>
        orInvalid(
          'parsePlan',
          () => parsePlan(raw),
          (plan) => {
            expect(parsePlan(plan)).toEqual(plan);
            expect(plan.competencies.reduce((s, c) => s + c.weight, 0)).toBe(100);
          },
        ),
      500,
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('parseJsonResume: random and resume-shaped documents → a valid candidate, or AppError invalid', () => {
    const resume = fc.record(
      {
        basics: fc.record({ name: fc.oneof(fc.string({ maxLength: 130 }), jsonish), email: fc.oneof(fc.constantFrom('a@example.com', 'bad', ''), jsonish), url: fc.oneof(fc.constantFrom('https://example.com', 'javascript:alert(1)', ' '), jsonish), profiles: fc.oneof(fc.array(fc.record({ url: fc.oneof(fc.webUrl(), fc.string()) }), { maxLength: 25 }), jsonish) }, { requiredKeys: [] }),
        work: fc.oneof(fc.array(fc.record({ summary: fc.string({ maxLength: 6000 }), highlights: fc.array(fc.string({ maxLength: 50 }), { maxLength: 5 }) }, { requiredKeys: [] }), { maxLength: 60 }), jsonish),
      },
      { requiredKeys: [] },
    );
    assertProperty(
      fc.tuple(fc.oneof(resume, jsonish), fc.option(fc.string({ maxLength: 300 }), { nil: undefined })),
      ([doc, source]) =>
        orInvalid(
          'parseJsonResume',
          () => parseJsonResume(doc, source),
          (c) => expect(candidateInputSchema.safeParse(c).success).toBe(true),
        ),
      500,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Regression corpus

const replay: Record<string, (text: string) => void> = {
  csv: (s) => orInvalid('readCsv', () => readCsv(s), () => {}),
  candidates: (s) => orInvalid('parseCandidatesCsv', () => parseCandidatesCsv(s, { demographicsAllowed: true }), (r) => assertRowLines(r.rows, r.errors, r.total)),
  outcomes: (s) => orInvalid('parseOutcomesCsv', () => parseOutcomesCsv(s), (r) => assertRowLines(r.rows, r.errors, r.total)),
  scorecards: (s) => orInvalid('parseScorecardsCsv', () => parseScorecardsCsv(s), () => {}),
  plan: (s) => orInvalid('parsePlan', () => parsePlan(JSON.parse(s) as unknown), (p) => expect(parsePlan(p)).toEqual(p)),
};

describe('regression corpus (CSV, plan JSON)', () => {
  const files = readdirSync(CORPUS).filter((f) => Object.hasOwn(replay, f.split('-')[0]!));
  it.each(files.length ? files : ['(none)'])('replays %s', (file) => {
    if (file === '(none)') return;
    replay[file.split('-')[0]!]!(readFileSync(path.join(CORPUS, file), 'utf8'));
  });
});
