import { describe, expect, it } from 'vitest';
import { BIGRAM_BONUS, COVERAGE_THRESHOLD, analyzeCoverage, buildCoverageIndex, matchQuestion, scoreQuestion, type PlannedQuestion } from './coverage.ts';
import { segmentExchanges } from './exchanges.ts';
import type { ParticipantRole, Turn } from './types.ts';

function turns(script: [string, string][]): Turn[] {
  return script.map(([speaker, text], index) => ({ index, speaker, startMs: index * 10_000, endMs: index * 10_000 + 9000, text, interrupts: false }));
}
const roleOf = (s: string | null): ParticipantRole => (s === 'I' ? 'interviewer' : 'candidate');

const planned: PlannedQuestion[] = [
  {
    index: 0,
    text: 'Tell me about a metric framework you set up that linked a company-level outcome to the measures individual teams worked on.',
    probes: ['Why did you choose those metrics over the alternatives?', 'What counter-metrics or guardrails did you set?'],
    competencies: ['data'],
  },
  {
    index: 1,
    text: 'Tell me about a serious disagreement you had with a peer leader from another function, such as sales or finance. How was it resolved?',
    probes: ['Was it escalated?'],
    competencies: ['collab'],
  },
  { index: 2, text: 'Describe a slipping programme you took over and recovered.', probes: [], competencies: ['delivery'] },
];

describe('similarity', () => {
  it('is TF-IDF cosine plus a bigram bonus, with the IDF from the planned documents', () => {
    // Two planned documents, no shared words: every known word has idf ln(3/2) + 1, an unknown one ln(3) + 1.
    const index = buildCoverageIndex([
      { index: 1, text: 'budget roadmap', probes: [], competencies: [] },
      { index: 2, text: 'pricing churn', probes: [], competencies: [] },
    ]);
    const known = Math.log(3 / 2) + 1;
    const unknown = Math.log(3) + 1;
    expect(index.unseenIdf).toBeCloseTo(unknown, 12);
    // Same words, same order: cosine 1 plus one shared bigram, capped at 1.
    expect(scoreQuestion(index, 'Budget roadmap?')).toEqual([1, 0]);
    // k unknown words between the two known ones: no shared bigram.
    const expected = (k: number): number => (Math.SQRT2 * known) / Math.sqrt(2 * known * known + k * unknown * unknown);
    const filler = 'alpha bravo charlie delta echo foxtrot golf hotel india juliet'.split(' ');
    const asked = (k: number): string => ['budget', ...filler.slice(0, k), 'roadmap'].join(' ');
    expect(scoreQuestion(index, asked(1))[0]).toBeCloseTo(expected(1), 12);
    expect(scoreQuestion(index, asked(9))[0]).toBeCloseTo(0.30106, 5);
    expect(scoreQuestion(index, asked(10))[0]).toBeCloseTo(0.28691, 5);
    // The threshold boundary: 9 fillers still match, 10 do not.
    expect(COVERAGE_THRESHOLD).toBe(0.3);
    expect(matchQuestion(index, asked(9))).toEqual({ position: 0, similarity: expect.closeTo(expected(9), 12) });
    expect(matchQuestion(index, asked(10))).toBeNull();
    // A shared bigram adds BIGRAM_BONUS: "budget roadmap" adjacent, then 10 fillers.
    expect(scoreQuestion(index, `budget roadmap ${filler.join(' ')}`)[0]).toBeCloseTo(expected(10) + BIGRAM_BONUS, 12);
  });

  it('needs two shared words and ignores question framing', () => {
    const index = buildCoverageIndex(planned);
    expect(scoreQuestion(index, 'And then what happened?')).toEqual([0, 0, 0]);
    expect(scoreQuestion(index, 'Tell me about a time you described something.')).toEqual([0, 0, 0]);
    expect(matchQuestion(index, 'Walk me through a metrics framework you set up that tied company outcomes to what teams measured')?.position).toBe(0);
  });
});

describe('analyzeCoverage', () => {
  it('matches asked questions and probes, reports the best exchange, skipped and unplanned questions', () => {
    const exchanges = segmentExchanges(
      turns([
        ['I', 'Can you walk me through a metrics framework you set up, that tied company outcomes to what teams measured?'],
        ['C', 'We built a metric tree.'],
        ['I', 'Why those metrics over the alternatives?'],
        ['C', 'They predicted retention.'],
        ['I', 'And then what?'],
        ['C', 'We dropped page views.'],
        ['I', 'What are you most proud of in your career?'],
        ['C', 'Building teams.'],
        ['I', 'Was the disagreement with finance escalated?'],
        ['C', 'No, we resolved it together.'],
      ]),
      roleOf,
    );
    const { coverage, planned: perExchange } = analyzeCoverage(buildCoverageIndex(planned), exchanges);
    expect(exchanges.map((e) => e.followUp)).toEqual([false, true, true, false, false]);
    expect(perExchange).toEqual([0, 0, 0, null, 1]);
    expect(coverage.asked.map(({ index, exchange, startMs }) => ({ index, exchange, startMs }))).toEqual([
      { index: 0, exchange: 0, startMs: 0 },
      { index: 1, exchange: 4, startMs: 80_000 },
    ]);
    expect(coverage.asked[0]!.similarity).toBeGreaterThanOrEqual(COVERAGE_THRESHOLD);
    expect(coverage.skipped).toEqual([{ index: 2, text: 'Describe a slipping programme you took over and recovered.' }]);
    // The unmatched follow-up ("And then what?") probes exchange 0; it is not unplanned.
    expect(coverage.unplanned).toEqual([{ exchange: 3, text: 'What are you most proud of in your career?', startMs: 60_000 }]);
    expect(coverage.threshold).toBe(COVERAGE_THRESHOLD);
  });

  it('without a round every main question is unplanned', () => {
    const exchanges = segmentExchanges(
      turns([
        ['I', 'Describe your team.'],
        ['C', 'Five people.'],
        ['I', 'Why?'],
        ['C', 'Budget.'],
      ]),
      roleOf,
    );
    expect(analyzeCoverage(null, exchanges)).toEqual({
      coverage: { asked: [], skipped: [], unplanned: [{ exchange: 0, text: 'Describe your team.', startMs: 0 }], threshold: COVERAGE_THRESHOLD },
      planned: [null, null],
    });
  });
});
