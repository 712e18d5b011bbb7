import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeTranscript, ENGINE_VERSION, type RoundInput, roundIndex } from './analyze.ts';
import type { SpeakerMapping, Turn } from './types.ts';

const round: RoundInput = {
  questions: [
    { index: 0, text: 'Tell me about a time you reduced the cost of running your infrastructure.', probes: ['How did you measure the savings?'], competencies: ['cost'] },
    { index: 1, text: 'Tell me about a conflict with a peer in another function and how you resolved it.', probes: [], competencies: ['peers'] },
    { index: 2, text: 'Describe a hiring process you redesigned.', probes: [], competencies: ['hiring'] },
  ],
  competencies: [
    {
      id: 'cost',
      name: 'Cost-aware engineering',
      definition: 'Manages infrastructure spend as a product decision.',
      positiveSignals: ['Quantifies savings against a baseline.'],
      redFlags: ['Cannot say what the infrastructure costs.'],
      anchors: {
        '1': ['Has never looked at the cloud bill.'],
        '2': ['Cut costs once, without a baseline.'],
        '3': ['Reduced cloud spend with measured savings and kept reliability.'],
        '4': ['Built a cost culture: teams own budgets and review spend monthly.'],
      },
    },
    {
      id: 'peers',
      name: 'Peer collaboration',
      definition: 'Resolves conflicts with peers in other functions through shared goals.',
      positiveSignals: ['Describes how the conflict was resolved.'],
      redFlags: ['Claims never to have had a conflict with a peer.'],
      anchors: { '1': ['Escalates every disagreement to the CEO.'], '2': ['Resolves conflicts by compromise.'], '3': ['Set a shared goal with a peer and both changed plans.'], '4': ['Made the leadership team work as a team.'] },
    },
    {
      id: 'hiring',
      name: 'Hiring',
      definition: 'Builds fair, structured hiring processes.',
      positiveSignals: ['Uses structured interviews and scorecards.'],
      redFlags: ['Hires on gut feeling.'],
      anchors: { '1': ['Hires friends.'], '2': ['Uses unstructured interviews.'], '3': ['Introduced scorecards.'], '4': ['Built an organisation-wide hiring system.'] },
    },
  ],
};

const mapping: SpeakerMapping[] = [
  { speaker: 'Ana', role: 'interviewer', participantId: 'u1', name: 'Ana Ortiz', source: 'name' },
  { speaker: 'Ben', role: 'candidate', participantId: 'c1', name: 'Ben Okafor', source: 'name' },
];

const script: [string, number, number, string][] = [
  ['Ana', 0, 4000, 'Hi Ben, can you hear me? Shall we start?'],
  ['Ben', 4000, 6000, 'Yes, ready. My kids are at school, so it is quiet.'],
  ['Ana', 6000, 12_000, 'Tell me about a time you reduced the cost of running your infrastructure.'],
  [
    'Ben',
    12_000,
    42_000,
    'When I joined Fernly the AWS bill was growing faster than revenue. I moved our batch jobs to spot instances and renegotiated the Datadog contract. As a result, cloud spend fell 32% against the previous baseline, and reliability held.',
  ],
  ['Ana', 41_000, 44_000, 'How did you measure the savings?'],
  ['Ben', 44_000, 56_000, 'I built a Kubecost report so teams own their budgets and review spend monthly against the baseline.'],
  ['Ana', 56_000, 64_000, 'Do you have kids? Did you ever have a conflict with a peer in another function?'],
  ['Ben', 64_000, 68_000, 'Two. And no, never really.'],
];
const turns: Turn[] = script.map(([speaker, startMs, endMs, text], index) => ({ index, speaker, startMs, endMs, text, interrupts: index === 4 }));

describe('analyzeTranscript', () => {
  const a = analyzeTranscript({ turns, mapping, round, candidateName: 'Ben Okafor' });

  it('reports speakers and talk time', () => {
    expect(a.engineVersion).toBe(ENGINE_VERSION);
    expect(a.speakers).toEqual([
      { speaker: 'Ana', role: 'interviewer', name: 'Ana Ortiz', talkMs: 21_000, share: 0.304, turns: 4, words: 44 },
      { speaker: 'Ben', role: 'candidate', name: 'Ben Okafor', talkMs: 48_000, share: 0.696, turns: 4, words: 72 },
    ]);
    expect(a.talk).toEqual({
      candidateShare: 0.696,
      interviewerShare: 0.304,
      candidateMs: 48_000,
      totalMs: 69_000,
      longestMonologue: { speaker: 'Ben', ms: 30_000, startMs: 12_000 },
      interruptions: [
        { speaker: 'Ana', count: 1 },
        { speaker: 'Ben', count: 0 },
      ],
      questionsAsked: 3,
      closedQuestions: 1,
      leadingQuestions: 0,
    });
  });

  it('segments exchanges (small talk is not one) and covers the plan', () => {
    expect(a.exchanges.map((e) => [e.index, e.question, e.followUp, e.followUpOf, e.closed, e.questionStartMs, e.answerStartMs, e.answerEndMs])).toEqual([
      [0, 'Tell me about a time you reduced the cost of running your infrastructure.', false, null, false, 6000, 12_000, 42_000],
      [1, 'How did you measure the savings?', true, 0, false, 41_000, 44_000, 56_000],
      [2, 'Do you have kids? Did you ever have a conflict with a peer in another function?', false, null, true, 56_000, 64_000, 68_000],
    ]);
    expect(a.coverage).toEqual({
      asked: [
        { index: 0, text: round.questions[0]!.text, exchange: 0, similarity: 1, startMs: 6000 },
        { index: 1, text: round.questions[1]!.text, exchange: 2, similarity: 0.939, startMs: 56_000 },
      ],
      skipped: [{ index: 2, text: 'Describe a hiring process you redesigned.' }],
      unplanned: [],
      threshold: 0.3,
    });
  });

  it('finds evidence, STAR, flags on the interviewer only, draft ratings and the summary', () => {
    expect(a.evidence.map((e) => [e.competencyId, e.exchange, e.quote, e.startMs, e.strength, e.negative, e.anchorLevel])).toEqual([
      [
        'cost',
        0,
        'I moved our batch jobs to spot instances and renegotiated the Datadog contract. As a result, cloud spend fell 32% against the previous baseline, and reliability held.',
        20_627,
        'moderate',
        false,
        3,
      ],
      ['cost', 1, 'I built a Kubecost report so teams own their budgets and review spend monthly against the baseline.', 44_000, 'strong', false, 4],
    ]);
    for (const e of a.evidence) expect(a.exchanges[e.exchange]!.answer).toContain(e.quote);
    expect(a.star).toEqual([
      { exchange: 0, situation: true, task: false, action: true, result: true, completeness: 0.75 },
      { exchange: 1, situation: false, task: false, action: true, result: false, completeness: 0.25 },
      { exchange: 2, situation: false, task: false, action: false, result: false, completeness: 0 },
    ]);
    // "My kids are at school" (the candidate) is not flagged; "Do you have kids?" (the interviewer) is.
    expect(a.flags.map((f) => [f.category, f.speaker, f.quote, f.startMs, f.exchange])).toEqual([['family_status', 'Ana', 'Do you have kids?', 56_000, 2]]);
    // cost: strong at level 4 (weight 3) and moderate at level 3 (weight 2): mean 3.6 → 4;
    // confidence 5 / 11 × (1 − √0.24 / 1.5) = 0.31. The others have no evidence: null.
    expect(a.suggestions.map((s) => [s.competencyId, s.rating, s.confidence, s.evidence])).toEqual([
      ['cost', 4, 0.31, 2],
      ['peers', null, 0, 0],
      ['hiring', null, 0, 0],
    ]);
    expect(a.summary).toEqual({
      strongest: [{ competencyId: 'cost', quote: 'I built a Kubecost report so teams own their budgets and review spend monthly against the baseline.', startMs: 44_000 }],
      probeNext: [
        'Peer collaboration: no evidence yet — ask for a specific example.',
        'Hiring: no evidence yet — ask for a specific example.',
        'Planned question not asked: "Describe a hiring process you redesigned."',
      ],
    });
  });

  it('is deterministic and reuses the round index', () => {
    const again = analyzeTranscript({ turns, mapping, round, candidateName: 'Ben Okafor' });
    expect(JSON.stringify(again)).toBe(JSON.stringify(a));
    expect(roundIndex(round)).toBe(roundIndex(round));
  });

  it('works without a round', () => {
    const r = analyzeTranscript({ turns, mapping, round: null });
    expect(r.coverage.unplanned.map((u) => u.exchange)).toEqual([0, 2]);
    expect([r.evidence, r.suggestions, r.summary]).toEqual([[], [], { strongest: [], probeNext: [] }]);
    expect(r.flags).toHaveLength(1);
  });

  it('infers roles by behaviour when the mapping names nobody', () => {
    const r = analyzeTranscript({ turns, mapping: [], round, candidateName: 'Ben Okafor' });
    expect(r.speakers.map((s) => [s.speaker, s.role, s.name])).toEqual([
      ['Ana', 'interviewer', null],
      ['Ben', 'candidate', 'Ben Okafor'],
    ]);
    expect(r.exchanges).toEqual(a.exchanges);
  });

  it('never throws and keeps its invariants on arbitrary turns (property)', () => {
    const text = fc.array(fc.constantFrom('Tell me about the budget.', 'Why?', 'I cut cloud spend by 30%.', 'Do you have kids?', 'My kids are fine.', 'um', '', '...', 'How was your weekend?', 'We had 3 engineers.', 'Grün'), { maxLength: 5 }).map((s) => s.join(' '));
    const turn = fc.record({ speaker: fc.constantFrom('Ana', 'Ben', 'Eve', null), startMs: fc.integer({ min: 0, max: 100_000 }), len: fc.integer({ min: -10, max: 20_000 }), text, interrupts: fc.boolean() });
    fc.assert(
      fc.property(fc.array(turn, { maxLength: 25 }), fc.boolean(), (raw, withRound) => {
        const ts: Turn[] = raw.map((t, index) => ({ index, speaker: t.speaker, startMs: t.startMs, endMs: t.startMs + t.len, text: t.text, interrupts: t.interrupts }));
        const r = analyzeTranscript({ turns: ts, mapping, round: withRound ? round : null, candidateName: 'Ben' });
        expect(r.exchanges.map((e) => e.index)).toEqual(r.exchanges.map((_, i) => i));
        expect(r.speakers.reduce((s, x) => s + x.share, 0)).toBeLessThanOrEqual(1.01);
        for (const e of r.evidence) expect(r.exchanges[e.exchange]!.answer.slice(e.offset, e.offset + e.quote.length)).toBe(e.quote);
        for (const f of r.flags) expect(f.speaker).toBe('Ana');
        for (const s of r.suggestions) expect(s.confidence).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 150 },
    );
  });

  it('analyses a 60-minute interview without quadratic behaviour', () => {
    // ~300 turns, ~9,000 words. The engine takes well under 50 ms once warm (15–25 ms here);
    // the generous bound catches a quadratic scan, not a slow machine.
    const questions = [
      'Tell me about a time you reduced the cost of running your infrastructure.',
      'How did you measure the savings?',
      'And then what?',
      'Tell me about a conflict with a peer in another function and how you resolved it.',
      'Describe a hiring process you redesigned.',
    ];
    const answer =
      'When I joined the company we had about 40 engineers and no shared goals. I set up a cost review with the finance lead, and I moved our batch jobs to spot instances. We used Kubecost and Snowflake for the reports. As a result, cloud spend fell 32% in a year and reliability held. The peer in sales and I set a shared goal and both changed plans. ';
    const long: Turn[] = [];
    let t = 0;
    for (let i = 0; i < 300; i++) {
      const text = i % 2 === 0 ? questions[(i / 2) % questions.length]! : answer.slice(0, 150 + ((i * 37) % 200));
      const ms = text.split(' ').length * 400;
      long.push({ index: i, speaker: i % 2 === 0 ? 'Ana' : 'Ben', startMs: t, endMs: t + ms, text, interrupts: false });
      t += ms;
    }
    const words = long.reduce((n, x) => n + x.text.split(' ').length, 0);
    expect(words).toBeGreaterThan(8000);
    const started = performance.now();
    const r = analyzeTranscript({ turns: long, mapping, round, candidateName: 'Ben Okafor' });
    const elapsed = performance.now() - started;
    expect(r.exchanges).toHaveLength(150);
    expect(elapsed).toBeLessThan(500);
  });
});
