import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RoundInput } from './analyze.ts';
import { buildCompetencyIndex, EVIDENCE_THRESHOLD, findEvidence, namedToolsIn, numbersIn, ownershipIn, passageUnits, starOf } from './evidence.ts';
import { segmentExchanges } from './exchanges.ts';
import type { ParticipantRole, Turn } from './types.ts';

const competencies: RoundInput['competencies'] = [
  {
    id: 'cost',
    name: 'Cost-aware engineering',
    definition: 'Manages infrastructure spend as a product decision. It is not cutting costs at any price.',
    positiveSignals: ['Quantifies savings against a baseline.', 'Names the systems and contracts that drove the cost.'],
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
    positiveSignals: ["Explains the peer's goals and constraints.", 'Describes how the conflict was resolved.'],
    redFlags: ['Claims never to have had a conflict with a peer.'],
    anchors: { '1': ['Escalates every disagreement to the CEO.'], '2': ['Resolves conflicts by compromise.'], '3': ['Set a shared goal with a peer and both changed plans.'], '4': ['Made the leadership team work as a team.'] },
  },
];

/** Turns of 50 ms per character, back to back. */
function turns(script: [string, string][]): Turn[] {
  let t = 0;
  return script.map(([speaker, text], index) => {
    const turn = { index, speaker, startMs: t, endMs: t + text.length * 50, text, interrupts: false };
    t += text.length * 50;
    return turn;
  });
}
const roleOf = (s: string | null): ParticipantRole => (s === 'Ana' ? 'interviewer' : 'candidate');

const COST_ANSWER =
  'When I joined Fernly the AWS bill was growing faster than revenue. My job was to fix that. I moved our batch jobs to spot instances and renegotiated the Datadog contract. As a result, cloud spend fell 32% against the previous baseline, and reliability held.';

describe('findEvidence', () => {
  const exchanges = segmentExchanges(
    turns([
      ['Ana', 'Tell me about a time you reduced the cost of running your infrastructure.'],
      ['Ben', COST_ANSWER],
      ['Ana', 'Tell me about a conflict with a peer in another function and how you resolved it.'],
      ['Ben', "Honestly, I can't think of a conflict with a peer. We always agreed."],
      ['Ana', 'What do you do at weekends?'],
      ['Ben', 'I cycle and cook.'],
    ]),
    roleOf,
  );
  const evidence = findEvidence(buildCompetencyIndex(competencies), exchanges, [['cost'], ['peers'], []], new Set(['ben', 'okafor']));

  it('finds scored, explained passages that are exact substrings of the answer', () => {
    expect(evidence).toEqual([
      {
        competencyId: 'cost',
        exchange: 0,
        quote: 'I moved our batch jobs to spot instances and renegotiated the Datadog contract. As a result, cloud spend fell 32% against the previous baseline, and reliability held.',
        offset: 91,
        // the turn starts at 3,650 ms and lasts 12,850 ms; the quote starts 91 of its 257 characters in
        startMs: 8200,
        strength: 'moderate',
        negative: false,
        score: 0.58,
        anchorLevel: 3,
        reasons: [
          'anchor 3: "Reduced cloud spend with measured savings and kept…" (39% of its terms; shared: cloud, spend, reliability)',
          'asked by a planned question for this competency',
          'numbers/metrics: 32%',
          'named systems/tools: Datadog',
          'first person: 1 "I" vs 1 "we"',
        ],
      },
      {
        competencyId: 'peers',
        exchange: 1,
        quote: "Honestly, I can't think of a conflict with a peer.",
        offset: 0,
        startMs: 20_550,
        strength: 'moderate',
        negative: true,
        score: 0.5,
        anchorLevel: null,
        reasons: [
          `no example given: "I can't think of"`,
          'red flag: "Claims never to have had a conflict with a peer." (37% of its terms; shared: conflict, peer)',
          'asked by a planned question for this competency',
          'first person: 1 "I" vs 0 "we"',
        ],
      },
    ]);
    for (const e of evidence) {
      const answer = exchanges[e.exchange]!.answer;
      expect(answer.slice(e.offset, e.offset + e.quote.length)).toBe(e.quote);
      expect(e.score).toBeGreaterThanOrEqual(EVIDENCE_THRESHOLD);
    }
  });

  it('finds nothing in off-topic answers or without competencies', () => {
    expect(evidence.filter((e) => e.exchange === 2)).toEqual([]);
    expect(findEvidence(buildCompetencyIndex([]), exchanges, [], new Set())).toEqual([]);
  });

  it('quotes are always exact substrings (property)', () => {
    const index = buildCompetencyIndex(competencies);
    const sentence = fc.constantFrom(
      'I reduced cloud spend by 20% with measured savings.',
      'We kept reliability.',
      'Honestly I cannot remember.',
      'The peer and I set a shared goal and both changed plans',
      'um',
      '',
      'Cost?',
      'We moved to Kubernetes and the AWS bill fell, which meant the CFO was happy, and the team reviewed spend monthly, and budgets were owned by teams, and so on and so on and so on and so on and so on and so on.',
    );
    fc.assert(
      fc.property(fc.array(fc.array(sentence, { maxLength: 6 }).map((s) => s.join(' ')), { minLength: 1, maxLength: 4 }), (answers) => {
        const script: [string, string][] = answers.flatMap((a): [string, string][] => [['Ana', 'Describe how you reduced cloud costs.'], ['Ben', a]]);
        const ex = segmentExchanges(turns(script), roleOf);
        for (const e of findEvidence(index, ex, ex.map(() => ['cost']), new Set())) {
          expect(ex[e.exchange]!.answer.slice(e.offset, e.offset + e.quote.length)).toBe(e.quote);
          expect(e.quote).not.toBe('');
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('STAR', () => {
  it('detects all four parts from cue words', () => {
    expect(starOf(COST_ANSWER)).toEqual({ situation: true, task: true, action: true, result: true, completeness: 1 });
  });

  it.each([
    ['At the time we had no on-call rota.', { situation: true, task: false, action: false, result: false, completeness: 0.25 }],
    ['I was asked to cut the release cycle, so I introduced trunk-based development.', { situation: false, task: true, action: true, result: false, completeness: 0.5 }],
    ['I postponed the rewrite. Lead time dropped from 9 days to 2.', { situation: false, task: false, action: true, result: true, completeness: 0.5 }],
    ['We just sort of did it and it was fine.', { situation: false, task: false, action: false, result: false, completeness: 0 }],
    ['I wanted to improve things. We had 40 engineers.', { situation: true, task: true, action: false, result: false, completeness: 0.5 }],
    ['Revenue grew 12% which meant we could hire.', { situation: false, task: false, action: false, result: true, completeness: 0.25 }],
  ])('%j', (answer, expected) => {
    expect(starOf(answer)).toEqual(expected);
  });
});

describe('specificity signals', () => {
  it('finds numbers and metrics, not bare years', () => {
    expect(numbersIn('In 2019 we had 40 engineers, cut costs by 32% and $2m, in three months; revenue doubled.')).toEqual(['40 engineers', '32%', '$2m', 'three months', 'doubled']);
  });

  it('finds named systems and tools, not sentence starts, pronouns, months or the candidate', () => {
    expect(namedToolsIn('Kafka was slow. We moved to PostgreSQL on AWS with EC2 and Snowflake in March, and Ben signed off. I agreed.', new Set(['ben']))).toEqual([
      'PostgreSQL',
      'AWS',
      'EC2',
      'Snowflake',
    ]);
  });

  it('counts first person singular and plural', () => {
    expect(ownershipIn("I led it, my team and I; we shipped, our users and us. I've done it.")).toEqual({ i: 4, we: 3 });
  });

  it('cuts run-on sentences into pieces of at most 30 words, at commas when possible', () => {
    const long = `${Array.from({ length: 20 }, (_, i) => `w${i}`).join(' ')}, ${Array.from({ length: 30 }, (_, i) => `x${i}`).join(' ')}`;
    const units = passageUnits(long);
    expect(units.map((u) => u.text.split(' ').length)).toEqual([20, 30]);
    for (const u of units) expect(long.slice(u.start, u.end)).toBe(u.text);
  });
});
