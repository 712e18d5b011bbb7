import type { TranscriptView } from '../../../modules/intelligence/intelligence.contract.ts';

/** A small transcript view for the tests: a flagged question, and evidence over two of the candidate's turns. */
export function transcriptFixture(): TranscriptView {
  const turns = [
    { index: 0, speaker: 'Ivy', startMs: 0, endMs: 8_000, text: 'Tell me about a cost programme. Do you have children?', interrupts: false },
    { index: 1, speaker: 'Ada', startMs: 8_000, endMs: 30_000, text: 'I cut cloud cost by 40 percent.', interrupts: false },
    { index: 2, speaker: 'Ivy', startMs: 30_000, endMs: 31_000, text: 'Right.', interrupts: false },
    { index: 3, speaker: 'Ada', startMs: 31_000, endMs: 40_000, text: 'Within two quarters.', interrupts: false },
  ];
  return {
    id: 't-1',
    interviewId: 'iv-1',
    fileName: 'a.vtt',
    format: 'vtt',
    warnings: [],
    uploadedAt: '2026-07-01T10:00:00.000Z',
    uploadedByName: 'Ivy',
    redacted: false,
    participants: { interviewers: [{ id: 'u-1', name: 'Ivy Interviewer' }], candidate: { id: 'c-1', name: 'Ada Quinn' } },
    speakers: [
      { speaker: 'Ivy', role: 'interviewer', participantId: 'u-1', name: 'Ivy Interviewer', source: 'name' },
      { speaker: 'Ada', role: 'candidate', participantId: 'c-1', name: 'Ada Quinn', source: 'name' },
    ],
    competencies: [{ id: 'infra', name: 'Infrastructure' }],
    turns,
    analysis: {
      engineVersion: 'rubric-intel/1',
      speakers: [],
      talk: { candidateShare: 0.7, interviewerShare: 0.3, candidateMs: 31_000, totalMs: 40_000, longestMonologue: null, interruptions: [], questionsAsked: 1, closedQuestions: 1, leadingQuestions: 0 },
      exchanges: [],
      coverage: { asked: [], skipped: [], unplanned: [], threshold: 0.45 },
      evidence: [{ competencyId: 'infra', exchange: 0, quote: 'by 40 percent. Within two quarters', startMs: 20_000, strength: 'strong', negative: false, reasons: [] }],
      star: [],
      flags: [
        {
          category: 'family_status',
          speaker: 'Ivy',
          quote: 'Do you have children?',
          match: 'Do you have children',
          startMs: 5_000,
          explanation: 'Family status is protected.',
          alternative: 'Can you meet the travel schedule?',
          exchange: 0,
        },
      ],
      suggestions: [{ competencyId: 'infra', rating: 3, confidence: 0.5, quotes: [] }],
      summary: { strongest: [], probeNext: [] },
    },
  };
}
