import { describe, expect, it } from 'vitest';
import { canWriteQuestions, parseHighlight, questionFieldOfIssue, toQuestionBody } from './question-format.ts';

describe('search highlights', () => {
  it('splits «marked» parts from plain text', () => {
    expect(parseHighlight('Tell me about a «vision» you set and the «strategy» behind it')).toEqual([
      { text: 'Tell me about a ', marked: false },
      { text: 'vision', marked: true },
      { text: ' you set and the ', marked: false },
      { text: 'strategy', marked: true },
      { text: ' behind it', marked: false },
    ]);
  });

  it('handles marks at the edges, adjacent marks and no marks', () => {
    expect(parseHighlight('«Roadmap» and «plan»«ning»')).toEqual([
      { text: 'Roadmap', marked: true },
      { text: ' and ', marked: false },
      { text: 'planning', marked: true },
    ]);
    expect(parseHighlight('No match here')).toEqual([{ text: 'No match here', marked: false }]);
    expect(parseHighlight('')).toEqual([]);
  });

  it('keeps an unpaired guillemet and markup as plain text', () => {
    expect(parseHighlight('a «b <script>')).toEqual([{ text: 'a «b <script>', marked: false }]);
    expect(parseHighlight('<b>«x»</b>')).toEqual([
      { text: '<b>', marked: false },
      { text: 'x', marked: true },
      { text: '</b>', marked: false },
    ]);
  });
});

describe('question form mapping', () => {
  it('turns lines and comma lists into the body', () => {
    const body = toQuestionBody(
      {
        text: '  Tell me about a hard call you made.  ',
        type: 'behavioural',
        competencies: ['arch'],
        seniority: ['executive'],
        tags: 'cost, , scale ',
        probes: 'Why then?\n\n  What changed? ',
        strongAnswer: 'Names the trade-off',
        redFlags: 'Blames others',
        minutes: 12,
      },
      ['cto'],
    );
    expect(body).toEqual({
      text: 'Tell me about a hard call you made.',
      type: 'behavioural',
      competencies: ['arch'],
      roles: ['cto'],
      seniority: ['executive'],
      tags: ['cost', 'scale'],
      probes: ['Why then?', 'What changed?'],
      strongAnswer: ['Names the trade-off'],
      redFlags: ['Blames others'],
      minutes: 12,
    });
  });

  it('maps server issue paths to fields and knows the writers', () => {
    expect(questionFieldOfIssue('probes.1')).toBe('probes');
    expect(questionFieldOfIssue('text')).toBe('text');
    expect(questionFieldOfIssue('roles.0')).toBeNull();
    expect(canWriteQuestions('hiring_manager')).toBe(true);
    expect(canWriteQuestions('interviewer')).toBe(false);
    expect(canWriteQuestions(null)).toBe(false);
  });
});
