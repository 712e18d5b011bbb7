import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.ts';
import { parseCandidatesCsv } from '../candidates/candidates.import.ts';
import { parseOutcomesCsv } from '../outcomes/outcomes.import.ts';
import { mapHeader, readCsv } from './csv.ts';

describe('the shared CSV reading and column mapping', () => {
  it('reads records with their line numbers (BOM, blank lines, quoted newlines) and names the line of a broken file', () => {
    const { header, body } = readCsv('\uFEFFname,notes\n\n"Ada","two\nlines"\nBo,x\n');
    expect(header).toEqual(['name', 'notes']);
    expect(body).toEqual([
      { record: ['Ada', 'two\nlines'], line: 4 },
      { record: ['Bo', 'x'], line: 5 },
    ]);
    try {
      readCsv('a,b\n"unclosed,1\n', 'column');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).details).toMatchObject({ errors: [{ column: null, reason: expect.stringContaining('Quote') }] });
    }
    expect(() => readCsv('   ')).toThrow('The file is empty');
  });

  it('renames mapped headers (any case) and keeps the others', () => {
    expect(mapHeader(['Full Name', 'E-mail', 'Phone'], { name: 'full name', email: 'E-MAIL' })).toEqual(['name', 'email', 'phone']);
    expect(mapHeader(['name', 'email'])).toEqual(['name', 'email']);
  });

  it('lets the candidates and outcomes importers read files with their own headers', () => {
    const candidates = parseCandidatesCsv('Candidate,E-mail address,Where from\nAda Byron,ada@example.test,Referral\n', { demographicsAllowed: false }, {
      name: 'Candidate',
      email: 'E-mail address',
      source: 'Where from',
    });
    expect(candidates.errors).toEqual([]);
    expect(candidates.rows).toEqual([{ line: 2, input: expect.objectContaining({ name: 'Ada Byron', email: 'ada@example.test', source: 'Referral' }), demographics: null }]);
    // Without the mapping the same file is refused at its header, naming each unknown column.
    expect(() => parseCandidatesCsv('Candidate,E-mail address\nAda Byron,ada@example.test\n')).toThrow('The header row is not valid');

    const outcomes = parseOutcomesCsv('App,When,Rating\n3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f,12m,4\n', { application_id: 'App', checkpoint: 'When', performance_rating: 'Rating' });
    expect(outcomes.errors).toEqual([]);
    expect(outcomes.rows[0]).toMatchObject({ line: 2, checkpoint: '12m', measures: { performanceRating: 4 } });
  });
});
