import { describe, expect, it } from 'vitest';
import type { Stage } from '../../../modules/openings/openings.contract.ts';
import {
  addCustomStage,
  canManageJobs,
  csvHeaderCells,
  existingCandidateIdOf,
  formatRecommendationMix,
  formatScore,
  friendlyIssueMessage,
  groupByStage,
  importRowErrorsOf,
  importSummary,
  issuesByField,
  latestMoveId,
  mappingOf,
  memberOptions,
  moveItem,
  newJobPath,
  sameStages,
  sameTeam,
  sortByOverall,
  stageIdFor,
  teamDraftOf,
  teamEntriesOf,
  unknownHeaders,
} from './job-format.ts';

const stages: Stage[] = [
  { id: 'applied', name: 'Applied', kind: 'applied', roundId: null },
  { id: 'screen', name: 'Screen', kind: 'interview', roundId: 'screen' },
  { id: 'offer', name: 'Offer', kind: 'offer', roundId: null },
  { id: 'hired', name: 'Hired', kind: 'hired', roundId: null },
  { id: 'rejected', name: 'Rejected', kind: 'rejected', roundId: null },
];

describe('pipeline board grouping', () => {
  it('puts every application in its stage column, in the job’s stage order and the given item order', () => {
    const apps = [
      { id: 'a', stage: 'screen', stageName: 'Screen' },
      { id: 'b', stage: 'applied', stageName: 'Applied' },
      { id: 'c', stage: 'screen', stageName: 'Screen' },
    ];
    const columns = groupByStage(stages, apps);
    expect(columns.map((c) => c.name)).toEqual(['Applied', 'Screen', 'Offer', 'Hired', 'Rejected']);
    expect(columns.map((c) => c.items.map((i) => i.id))).toEqual([['b'], ['a', 'c'], [], [], []]);
    expect(columns[4]!.kind).toBe('rejected');
  });

  it('gives applications in a stage the job no longer lists a column of their own at the end', () => {
    const columns = groupByStage(stages.slice(0, 2), [
      { id: 'x', stage: 'old-step', stageName: 'Old step' },
      { id: 'y', stage: 'old-step', stageName: 'Old step' },
    ]);
    expect(columns).toHaveLength(3);
    expect(columns[2]).toEqual({ id: 'old-step', name: 'Old step', kind: 'custom', items: [{ id: 'x', stage: 'old-step', stageName: 'Old step' }, { id: 'y', stage: 'old-step', stageName: 'Old step' }] });
  });

  it('finds the newest move by sequence number whatever the order of the history', () => {
    expect(latestMoveId([{ id: 'm2', seq: 2 }, { id: 'm3', seq: 3 }, { id: 'm1', seq: 1 }])).toBe('m3');
    expect(latestMoveId([])).toBeNull();
  });
});

describe('stage editing', () => {
  it('moves an item up and down, and leaves the list alone at its edges', () => {
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });

  it('derives a valid, unique stage id from a name', () => {
    expect(stageIdFor('Reference checks', [])).toBe('reference-checks');
    expect(stageIdFor('Référence  check!', [])).toBe('reference-check');
    expect(stageIdFor('Screen', ['screen', 'screen-2'])).toBe('screen-3');
    expect(stageIdFor('!!!', [])).toBe('stage');
    const long = stageIdFor('A very long stage name that goes on and on and on', []);
    expect(long).toMatch(/^[a-z0-9][a-z0-9-]{0,39}$/);
    expect(long.endsWith('-')).toBe(false);
  });

  it('adds a custom stage before the closing stages', () => {
    const next = addCustomStage(stages, '  Reference checks ');
    expect(next.map((s) => s.id)).toEqual(['applied', 'screen', 'reference-checks', 'offer', 'hired', 'rejected']);
    expect(next[2]).toEqual({ id: 'reference-checks', name: 'Reference checks', kind: 'custom', roundId: null });
    expect(addCustomStage(stages.slice(0, 2), 'Trial day').map((s) => s.id)).toEqual(['applied', 'screen', 'trial-day']);
  });

  it('compares stage lists by id, name, kind, round and order', () => {
    expect(sameStages(stages, stages.map((s) => ({ ...s })))).toBe(true);
    expect(sameStages(stages, moveItem(stages, 1, 1))).toBe(false);
    expect(sameStages(stages, stages.map((s, i) => (i === 1 ? { ...s, name: 'Phone screen' } : s)))).toBe(false);
  });
});

describe('hiring team', () => {
  const team = [
    { userId: 'u1', teamRole: 'hiring_manager' as const, roundId: '' },
    { userId: 'u2', teamRole: 'recruiter' as const, roundId: '' },
    { userId: 'u3', teamRole: 'interviewer' as const, roundId: 'screen' },
    { userId: 'u4', teamRole: 'interviewer' as const, roundId: '' },
  ];

  it('splits a team into manager, recruiters and interviewers per round, and back', () => {
    const draft = teamDraftOf(team);
    expect(draft).toEqual({ hiringManager: 'u1', recruiters: ['u2'], interviewers: { screen: ['u3'], '': ['u4'] } });
    expect(sameTeam(teamEntriesOf(draft), team)).toBe(true);
  });

  it('drops duplicates and an empty manager', () => {
    expect(teamEntriesOf({ hiringManager: '', recruiters: ['u2', 'u2'], interviewers: { screen: [] } })).toEqual([{ userId: 'u2', teamRole: 'recruiter', roundId: '' }]);
  });

  it('tells a changed team from a reordered one', () => {
    expect(sameTeam([...team].reverse(), team)).toBe(true);
    expect(sameTeam(team.slice(1), team)).toBe(false);
    expect(sameTeam(team.map((m) => (m.userId === 'u3' ? { ...m, roundId: 'final' } : m)), team)).toBe(false);
  });

  it('labels members by name, adding the email only where names repeat', () => {
    expect(
      memberOptions([
        { userId: 'a', name: 'Sam Lee', email: 'sam@x.example' },
        { userId: 'b', name: 'Sam Lee', email: 'sam.lee@y.example' },
        { userId: 'c', name: 'Ada', email: 'ada@x.example' },
      ]),
    ).toEqual([
      { value: 'a', label: 'Sam Lee (sam@x.example)' },
      { value: 'b', label: 'Sam Lee (sam.lee@y.example)' },
      { value: 'c', label: 'Ada' },
    ]);
  });
});

describe('comparison formatting', () => {
  it('writes the recommendation mix from most to least positive, skipping zeros', () => {
    expect(formatRecommendationMix({ strong_no: 0, no: 1, yes: 0, strong_yes: 1 })).toBe('1 strong yes · 1 no');
    expect(formatRecommendationMix({ strong_no: 2, no: 0, yes: 3, strong_yes: 0 })).toBe('3 yes · 2 strong no');
    expect(formatRecommendationMix({ strong_no: 0, no: 0, yes: 0, strong_yes: 0 })).toBe('—');
  });

  it('prints scores with two decimals', () => {
    expect(formatScore(3.256)).toBe('3.26');
    expect(formatScore(2)).toBe('2.00');
    expect(formatScore(null)).toBe('—');
    expect(formatScore(undefined)).toBe('—');
  });

  it('sorts by overall score with unscored and hidden rows last', () => {
    const rows = [
      { id: 'a', overall: 2.5, redacted: false },
      { id: 'b', overall: null, redacted: false },
      { id: 'c', overall: 3.75, redacted: false },
      { id: 'd', overall: 1.2, redacted: true },
      { id: 'e', overall: 2.5, redacted: false },
    ];
    expect(sortByOverall(rows, 'descending').map((r) => r.id)).toEqual(['c', 'a', 'e', 'b', 'd']);
    expect(sortByOverall(rows, 'ascending').map((r) => r.id)).toEqual(['a', 'e', 'c', 'b', 'd']);
    expect(rows.map((r) => r.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});

describe('import and add candidate errors', () => {
  it('reads row errors from the details of a failed import', () => {
    expect(
      importRowErrorsOf({
        errors: [
          { line: 2, column: 'email', reason: 'Enter a valid email address' },
          { line: 3, column: null, reason: 'Expected 2 columns' },
          { nonsense: true },
        ],
      }),
    ).toEqual([
      { line: 2, column: 'email', reason: 'Enter a valid email address' },
      { line: 3, column: null, reason: 'Expected 2 columns' },
    ]);
    expect(importRowErrorsOf({ issues: [{ line: 5, message: 'Missing name' }] })).toEqual([{ line: 5, column: null, reason: 'Missing name' }]);
    expect(importRowErrorsOf({ issues: [{ path: 'csv', message: 'Empty' }] })).toEqual([]);
    expect(importRowErrorsOf(undefined)).toEqual([]);
  });

  it('summarises a preview and an import', () => {
    expect(importSummary({ preview: true, rows: 3, imported: 0, linkedExisting: 0, errors: [{ line: 2, column: 'email', reason: 'x' }] })).toBe(
      'Preview: 3 rows, 1 row error. Nothing was imported yet.',
    );
    expect(importSummary({ preview: false, rows: 4, imported: 3, linkedExisting: 1, errors: [] })).toBe('Imported 3 of 4 rows, 1 linked to existing candidates.');
  });

  it('finds the existing candidate of an email conflict', () => {
    expect(existingCandidateIdOf({ candidateId: 'c-1', field: 'email' })).toBe('c-1');
    expect(existingCandidateIdOf({ field: 'email' })).toBeNull();
    expect(existingCandidateIdOf(undefined)).toBeNull();
  });

  it('keys validation issues by their field, first message first', () => {
    expect(
      issuesByField([
        { path: ['roleId'], message: 'Choose a role or an interview plan' },
        { path: ['team', 0, 'userId'], message: 'Invalid UUID' },
        { path: ['roleId'], message: 'second' },
        { path: [], message: 'whole form' },
      ]),
    ).toEqual({ roleId: 'Choose a role or an interview plan', team: 'Invalid UUID', '': 'whole form' });
  });
});

describe('access and links', () => {
  it('lets owners, admins, recruiters and hiring managers manage jobs', () => {
    expect(['owner', 'admin', 'recruiter', 'hiring_manager'].every((r) => canManageJobs(r as 'owner'))).toBe(true);
    expect(canManageJobs('interviewer')).toBe(false);
    expect(canManageJobs(null)).toBe(false);
  });

  it('links to the new-job form with the role chosen', () => {
    expect(newJobPath('cto')).toBe('/jobs/new?role=cto');
  });
});

describe('friendly issue messages', () => {
  it('words text length limits plainly and leaves other messages alone', () => {
    expect(friendlyIssueMessage({ code: 'too_small', origin: 'string', minimum: 2, message: 'Too small: expected string to have >=2 characters' })).toBe('Use at least 2 characters');
    expect(friendlyIssueMessage({ code: 'too_small', origin: 'string', minimum: 1, message: 'Too small' })).toBe('Enter a value');
    expect(friendlyIssueMessage({ code: 'too_big', origin: 'string', maximum: 80, message: 'Too big' })).toBe('Use at most 80 characters');
    expect(friendlyIssueMessage({ code: 'too_small', origin: 'array', minimum: 4, message: 'Too small: expected array to have >=4 items' })).toBe('Keep at least 4');
    expect(friendlyIssueMessage({ code: 'too_small', origin: 'number', minimum: 1, message: 'Too small: expected number to be >=1' })).toBe('Too small: expected number to be >=1');
    expect(friendlyIssueMessage({ code: 'invalid_format', message: 'Use lowercase letters, digits and underscores' })).toBe('Use lowercase letters, digits and underscores');
  });
});

describe('CSV column mapping', () => {
  it('reads the header cells (quotes, doubled quotes, BOM, CRLF) and lists the ones to map', () => {
    const headers = csvHeaderCells('\uFEFF"Full name", E-mail ,"Said ""hi"", then",Phone\r\nAda,ada@x.test,y,1\n');
    expect(headers).toEqual(['Full name', 'E-mail', 'Said "hi", then', 'Phone']);
    expect(unknownHeaders(headers, ['name', 'email', 'phone'])).toEqual(['Full name', 'E-mail', 'Said "hi", then']);
    expect(csvHeaderCells('')).toEqual([]);
  });

  it('turns the choices into the importer mapping, leaving unchosen headers out', () => {
    expect(mappingOf({ 'Full name': 'name', 'E-mail': 'email', Other: '' }, ['Full name', 'E-mail', 'Other'])).toEqual({ name: 'Full name', email: 'E-mail' });
    expect(mappingOf({ Gone: 'name' }, ['Full name'])).toEqual({});
  });
});
