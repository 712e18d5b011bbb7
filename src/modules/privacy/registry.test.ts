import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/connect.ts';
import { openTestDatabase } from '../../server/testing/test-db.ts';
import { personalDataRegistry } from './registry.ts';
import { classifiableColumns } from './registry.queries.ts';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => database?.close());

describe('the personal-data registry (DECISIONS 36)', () => {
  it('classifies every text, varchar, json, jsonb, bytea, tsvector and array column, and only existing ones', async () => {
    const columns = await classifiableColumns(database.db);
    const inDb = new Set(columns.map((c) => c.key));
    const missing = columns.filter((c) => !(c.key in personalDataRegistry)).map((c) => `${c.key} (${c.type})`);
    const stale = Object.keys(personalDataRegistry).filter((k) => !inDb.has(k));
    expect(missing, `columns missing from src/modules/privacy/registry.ts: ${missing.join(', ')}`).toEqual([]);
    expect(stale, `registry entries whose column no longer exists (or is no longer text-like): ${stale.join(', ')}`).toEqual([]);
    // The schema really is covered (not an empty query): the well-known columns are there.
    expect(inDb.has('candidates.resume_data')).toBe(true);
    expect(inDb.has('transcript_turns.search')).toBe(true);
    expect(inDb.has('questions.tags')).toBe(true);
    expect(columns.length).toBeGreaterThan(150);
  });

  it('says what erasure does for every candidate column and why a column holds nothing personal', () => {
    const noErasure = Object.entries(personalDataRegistry).filter(([, e]) => e.holds === 'candidate' && !e.erasure?.trim()).map(([k]) => k);
    const noNote = Object.entries(personalDataRegistry).filter(([, e]) => e.holds === 'none' && !e.note?.trim()).map(([k]) => k);
    expect(noErasure, `candidate columns without an erasure rule: ${noErasure.join(', ')}`).toEqual([]);
    expect(noNote, `'none' columns without a note: ${noNote.join(', ')}`).toEqual([]);
    // The core of the candidate's record is classified as theirs.
    for (const k of ['candidates.name', 'candidates.email', 'candidates.resume_data', 'scorecards.body', 'transcript_turns.text', 'demographics.sex', 'outbox.body_text']) {
      expect(personalDataRegistry[k]?.holds, k).toBe('candidate');
    }
  });
});
