import { describe, expect, it } from 'vitest';
import { talkMetrics } from './metrics.ts';
import type { SpeakerMapping, Turn } from './types.ts';

const mapping = new Map<string, SpeakerMapping>([
  ['A', { speaker: 'A', role: 'interviewer', participantId: 'u1', name: 'Ana', source: 'name' }],
  ['B', { speaker: 'B', role: 'candidate', participantId: 'c1', name: 'Ben', source: 'name' }],
  ['J', { speaker: 'J', role: 'interviewer', participantId: 'u2', name: 'Jo', source: 'name' }],
]);
const mappingOf = (s: string | null): SpeakerMapping | null => (s === null ? null : (mapping.get(s) ?? null));
const turn = (index: number, speaker: string | null, startMs: number, endMs: number, text: string, interrupts = false): Turn => ({ index, speaker, startMs, endMs, text, interrupts });

describe('talkMetrics', () => {
  it('sums talk time per speaker and role, finds the longest turn and counts interruptions', () => {
    const { speakers, talk } = talkMetrics(
      [
        turn(0, 'A', 0, 5000, 'Tell me about your team.'),
        turn(1, 'B', 5000, 35_000, 'Eight engineers, two designers and a product manager.'),
        turn(2, 'J', 34_000, 38_000, 'Sorry, how many?', true),
        turn(3, 'B', 38_000, 40_000, 'Eight.'),
        turn(4, null, 40_000, 41_000, 'laughter'),
        turn(5, 'B', 41_000, 40_000, 'Clock skew.', true),
      ],
      mappingOf,
      [],
    );
    expect(speakers).toEqual([
      { speaker: 'A', role: 'interviewer', name: 'Ana', talkMs: 5000, share: 0.119, turns: 1, words: 5 },
      { speaker: 'B', role: 'candidate', name: 'Ben', talkMs: 32_000, share: 0.762, turns: 3, words: 11 },
      { speaker: 'J', role: 'interviewer', name: 'Jo', talkMs: 4000, share: 0.095, turns: 1, words: 3 },
      { speaker: null, role: 'other', name: null, talkMs: 1000, share: 0.024, turns: 1, words: 1 },
    ]);
    expect(talk).toEqual({
      candidateShare: 0.762,
      interviewerShare: 0.214,
      candidateMs: 32_000,
      totalMs: 42_000,
      longestMonologue: { speaker: 'B', ms: 30_000, startMs: 5000 },
      interruptions: [
        { speaker: 'A', count: 0 },
        { speaker: 'B', count: 1 },
        { speaker: 'J', count: 1 },
        { speaker: null, count: 0 },
      ],
      questionsAsked: 0,
      closedQuestions: 0,
      leadingQuestions: 0,
    });
  });

  it('is all zeros without turns', () => {
    expect(talkMetrics([], mappingOf, []).talk).toMatchObject({ candidateShare: 0, interviewerShare: 0, totalMs: 0, longestMonologue: { speaker: null, ms: 0, startMs: 0 }, interruptions: [] });
  });
});
