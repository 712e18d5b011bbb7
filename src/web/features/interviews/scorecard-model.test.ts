import { describe, expect, it } from 'vitest';
import { weightedScore } from '../../../core/scoring/scoring.ts';
import { scorecardBodySchema } from '../../../modules/feedback/feedback.contract.ts';
import {
  bodyFromDraft,
  draftFromBody,
  formatWeightedTotal,
  hasIssues,
  liveScore,
  mapScorecardIssues,
  sameBody,
  type ScorecardDraft,
  type ScorecardForm,
} from './scorecard-model.ts';

const anchors = { '1': 'No evidence', '2': 'Some evidence', '3': 'Good evidence', '4': 'Strong evidence' };
const form: ScorecardForm = {
  competencies: [
    { id: 'arch', name: 'Architecture', weight: 50, anchors },
    { id: 'lead', name: 'Leadership', weight: 30, anchors },
    { id: 'leadership-comms', name: 'Communication', weight: 20, anchors },
  ],
  questions: [
    { index: 0, questionRef: 'q-arch-1', text: 'Walk me through a system you designed.' },
    { index: 2, questionRef: null, text: 'Tell me about a hard conversation.' },
  ],
  evidenceRequired: true,
};

function draft(patch: Partial<ScorecardDraft> = {}): ScorecardDraft {
  return { ...draftFromBody(form, null), ...patch };
}

describe('draftFromBody', () => {
  it('starts every competency open when there is no body', () => {
    const d = draftFromBody(form, null);
    expect(d.ratings).toEqual({
      arch: { choice: null, evidence: '' },
      lead: { choice: null, evidence: '' },
      'leadership-comms': { choice: null, evidence: '' },
    });
    expect(d).toMatchObject({ questionRatings: {}, recommendation: null, notes: '', redFlags: [] });
  });

  it('reads ratings, "not assessed" (a null rating) and question ratings of a saved body', () => {
    const d = draftFromBody(form, {
      ratings: { arch: { rating: 3, evidence: 'Designed the queue' }, lead: { rating: null, evidence: '' } },
      questionRatings: [
        { index: 2, questionRef: null, rating: 4 },
        { index: 7, questionRef: null, rating: 2 },
      ],
      recommendation: 'yes',
      notes: 'Solid',
      redFlags: ['Blamed the team'],
    });
    expect(d.ratings.arch).toEqual({ choice: 3, evidence: 'Designed the queue' });
    expect(d.ratings.lead).toEqual({ choice: 'na', evidence: '' });
    expect(d.ratings['leadership-comms']).toEqual({ choice: null, evidence: '' });
    // Index 7 is not a question of this form: dropped.
    expect(d.questionRatings).toEqual({ 2: 4 });
    expect(d.recommendation).toBe('yes');
    expect(d.redFlags).toEqual(['Blamed the team']);
  });
});

describe('bodyFromDraft', () => {
  it('maps choices to the contract body and leaves untouched competencies out', () => {
    const body = bodyFromDraft(
      form,
      draft({
        ratings: {
          arch: { choice: 4, evidence: 'Clear trade-offs' },
          lead: { choice: 'na', evidence: '' },
          'leadership-comms': { choice: null, evidence: '' },
        },
        questionRatings: { 0: 3 },
        recommendation: 'strong_yes',
        notes: 'Great',
        redFlags: ['  Late  ', '', '   '],
      }),
    );
    expect(body).toEqual({
      ratings: { arch: { rating: 4, evidence: 'Clear trade-offs' }, lead: { rating: null, evidence: '' } },
      questionRatings: [{ index: 0, questionRef: 'q-arch-1', rating: 3 }],
      recommendation: 'strong_yes',
      notes: 'Great',
      redFlags: ['Late'],
    });
    // What the form sends is what the contract accepts.
    expect(scorecardBodySchema.safeParse(body).success).toBe(true);
  });

  it('keeps evidence typed before a rating was chosen (as not yet rated)', () => {
    const body = bodyFromDraft(form, draft({ ratings: { ...draft().ratings, lead: { choice: null, evidence: 'Ran a reorg' } } }));
    expect(body.ratings).toEqual({ lead: { rating: null, evidence: 'Ran a reorg' } });
  });

  it('round-trips through draftFromBody', () => {
    const d = draft({
      ratings: { arch: { choice: 2, evidence: 'x' }, lead: { choice: 'na', evidence: 'not covered' }, 'leadership-comms': { choice: 1, evidence: '' } },
      questionRatings: { 2: 1 },
      recommendation: 'no',
      notes: 'n',
      redFlags: ['a'],
    });
    expect(draftFromBody(form, bodyFromDraft(form, d))).toEqual(d);
    expect(sameBody(form, d, { ...d, redFlags: ['a', ''] })).toBe(true);
    expect(sameBody(form, d, { ...d, notes: 'changed' })).toBe(false);
  });
});

describe('liveScore and formatWeightedTotal', () => {
  it('is the shared weightedScore over the form weights (not assessed left out)', () => {
    const d = draft({
      ratings: { arch: { choice: 4, evidence: '' }, lead: { choice: 2, evidence: '' }, 'leadership-comms': { choice: 'na', evidence: '' } },
    });
    const live = liveScore(form, d);
    expect(live).toEqual(weightedScore(form.competencies, { arch: 4, lead: 2, 'leadership-comms': null }));
    // (50·4 + 30·2) / 80 = 3.25
    expect(live.score).toBeCloseTo(3.25, 10);
    expect(live.rated).toBe(2);
    expect(live.coverage).toBeCloseTo(0.8, 10);
    expect(formatWeightedTotal(live.score)).toBe('Weighted total: 3.25 / 4');
  });

  it('shows a dash while nothing is rated', () => {
    const live = liveScore(form, draft({ ratings: { ...draft().ratings, arch: { choice: 'na', evidence: '' } } }));
    expect(live.score).toBeNull();
    expect(formatWeightedTotal(live.score)).toBe('Weighted total: —');
    expect(formatWeightedTotal(3)).toBe('Weighted total: 3.00 / 4');
  });
});

describe('mapScorecardIssues', () => {
  it('puts each issue next to its field, with or without the body. prefix', () => {
    const d = draft({ redFlags: ['', 'Second line', 'Third'], questionRatings: { 2: 3 } });
    const issues = mapScorecardIssues(form, d, {
      'ratings.arch.evidence': 'Write the evidence for Architecture',
      'body.ratings.lead': 'Rate Leadership or mark it not assessed',
      'ratings.leadership-comms.rating': 'Choose a rating',
      recommendation: 'Choose a recommendation',
      'body.notes': 'Too long',
      'redFlags.1': 'Too long',
      'questionRatings.0.rating': 'Out of range',
      baseVersion: 'Stale',
    });
    expect(issues.evidence).toEqual({ arch: 'Write the evidence for Architecture' });
    // "lead" must not swallow "leadership-comms".
    expect(issues.rating).toEqual({ lead: 'Rate Leadership or mark it not assessed', 'leadership-comms': 'Choose a rating' });
    expect(issues.recommendation).toBe('Choose a recommendation');
    expect(issues.notes).toBe('Too long');
    // Body red flag 1 is the draft's line 2 (the blank first line is not sent).
    expect(issues.redFlags).toEqual({ 2: 'Too long' });
    // Body question rating 0 is question index 2 (the only rated one).
    expect(issues.questions).toEqual({ 2: 'Out of range' });
    expect(issues.other).toEqual(['baseVersion: Stale']);
    expect(hasIssues(issues)).toBe(true);
  });

  it('keeps issues about unknown competencies for the alert', () => {
    const issues = mapScorecardIssues(form, draft(), { 'ratings.ghost.rating': 'Unknown competency', '(root)': 'Bad body' });
    expect(issues.rating).toEqual({});
    expect(issues.other).toEqual(['ratings.ghost.rating: Unknown competency', 'Bad body']);
    expect(hasIssues(mapScorecardIssues(form, draft(), {}))).toBe(false);
  });
});
