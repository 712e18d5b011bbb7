import { describe, expect, it } from 'vitest';
import { mapSpeakers, NAME_MATCH_MIN, nameSimilarity } from './speakers.ts';

const participants = {
  interviewers: [
    { id: 'u1', name: 'Dana Scully' },
    { id: 'u2', name: 'Fox Mulder' },
  ],
  candidate: { id: 'c1', name: 'Tobias Grün' },
};

describe('nameSimilarity', () => {
  it.each([
    ['Tobias Grün', 1],
    ['tobias gruen', 1],
    ['TOBIAS GRUN', 1],
    ['Grün Tobias', 1],
    ['Tobias Grün (he/him)', 1],
    ['T. Grün', 0.9],
    ['Tobias', 0.8],
    ["Tobias's iPhone", 0.8],
    ['Grün', 0.75],
    ['TG', 0.7],
    ['Tobias Meyer', 0.4],
    ['Speaker 1', 0],
    ['Dana', 0],
  ])('%j ≈ "Tobias Grün": %d', (label, score) => {
    expect(nameSimilarity(label, 'Tobias Grün')).toBe(score);
  });

  it('folds diacritics on both sides', () => {
    expect(nameSimilarity('José', 'Jose Álvarez')).toBe(0.8);
    expect(nameSimilarity('Maria Garcia', 'María Luisa García')).toBe(0.9);
    expect(NAME_MATCH_MIN).toBe(0.6);
  });
});

describe('mapSpeakers', () => {
  it('maps by name', () => {
    expect(mapSpeakers(['Dana', 'tobias gruen', 'Fox M.', 'Dana'], participants)).toEqual([
      { speaker: 'Dana', role: 'interviewer', participantId: 'u1', name: 'Dana Scully', source: 'name' },
      { speaker: 'tobias gruen', role: 'candidate', participantId: 'c1', name: 'Tobias Grün', source: 'name' },
      { speaker: 'Fox M.', role: 'interviewer', participantId: 'u2', name: 'Fox Mulder', source: 'name' },
    ]);
  });

  it('maps generic labels by behaviour: who asks is an interviewer, who talks without asking is the candidate', () => {
    const turns = {
      'Speaker 1': [{ text: 'Tell me about your last role. Why did you leave?' }, { text: 'And what did you learn?' }],
      'Speaker 2': [{ text: 'I led the platform team for three years. We rebuilt billing and I hired twelve engineers.' }, { text: 'Mostly that hiring is slow.' }],
      'Speaker 3': [{ text: 'How did you measure that?' }],
    };
    expect(mapSpeakers(['Speaker 1', 'Speaker 2', 'Speaker 3'], participants, turns)).toEqual([
      { speaker: 'Speaker 1', role: 'interviewer', participantId: null, name: null, source: 'behaviour' },
      { speaker: 'Speaker 2', role: 'candidate', participantId: 'c1', name: 'Tobias Grün', source: 'behaviour' },
      { speaker: 'Speaker 3', role: 'interviewer', participantId: null, name: null, source: 'behaviour' },
    ]);
  });

  it('identifies the one interviewer left by elimination', () => {
    const turns = { Dana: [{ text: 'Describe your team.' }], 'Speaker 2': [{ text: 'What did you change?' }], Tobias: [{ text: 'Eight engineers, two managers.' }] };
    expect(mapSpeakers(['Dana', 'Speaker 2', 'Tobias'], participants, turns)).toEqual([
      { speaker: 'Dana', role: 'interviewer', participantId: 'u1', name: 'Dana Scully', source: 'name' },
      { speaker: 'Speaker 2', role: 'interviewer', participantId: 'u2', name: 'Fox Mulder', source: 'behaviour' },
      { speaker: 'Tobias', role: 'candidate', participantId: 'c1', name: 'Tobias Grün', source: 'name' },
    ]);
  });

  it('leaves an ambiguous first name to behaviour', () => {
    const two = { interviewers: [{ id: 'u3', name: 'Tobias Meyer' }], candidate: { id: 'c1', name: 'Tobias Grün' } };
    const turns = new Map([
      ['Tobias', [{ text: 'Walk me through the migration. What went wrong?' }]],
      ['Guest', [{ text: 'We moved four hundred services over two quarters and lost a week to DNS.' }]],
    ]);
    expect(mapSpeakers(['Tobias', 'Guest'], two, turns)).toEqual([
      { speaker: 'Tobias', role: 'interviewer', participantId: 'u3', name: 'Tobias Meyer', source: 'behaviour' },
      { speaker: 'Guest', role: 'candidate', participantId: 'c1', name: 'Tobias Grün', source: 'behaviour' },
    ]);
  });

  it('without turns, maps a single left-over label to the candidate and the rest to other', () => {
    expect(mapSpeakers(['Dana', 'Speaker 2'], participants)).toEqual([
      { speaker: 'Dana', role: 'interviewer', participantId: 'u1', name: 'Dana Scully', source: 'name' },
      { speaker: 'Speaker 2', role: 'candidate', participantId: 'c1', name: 'Tobias Grün', source: 'behaviour' },
    ]);
    expect(mapSpeakers(['Speaker 1', 'Speaker 2'], participants).map((m) => m.role)).toEqual(['other', 'other']);
  });
});

describe('generic labels', () => {
  it('never match by name, even a participant whose name contains "Speaker"', () => {
    const odd = { interviewers: [{ id: 'u9', name: 'Speaker Smith' }], candidate: { id: 'c1', name: 'Tobias Grün' } };
    expect(mapSpeakers(['Unknown Speaker', 'SPEAKER_00', 'Speaker A', 'Guest'], odd).map((m) => [m.speaker, m.role, m.source])).toEqual([
      ['Unknown Speaker', 'other', 'behaviour'],
      ['SPEAKER_00', 'other', 'behaviour'],
      ['Speaker A', 'other', 'behaviour'],
      ['Guest', 'other', 'behaviour'],
    ]);
  });
});
