import { describe, expect, it } from 'vitest';
import { answerTimeAt, classifySentence, isClosedQuestion, isLeadingQuestion, isQuestionSentence, segmentExchanges } from './exchanges.ts';
import type { ParticipantRole, Turn } from './types.ts';

/** Turns from [speaker, text, durationMs]; each starts where the previous ended. */
function turns(script: [string, string, number?][]): Turn[] {
  let t = 0;
  return script.map(([speaker, text, ms = 10_000], index) => {
    const turn = { index, speaker, startMs: t, endMs: t + ms, text, interrupts: false };
    t += ms;
    return turn;
  });
}
const roleOf = (s: string | null): ParticipantRole => (s === 'I' || s === 'J' ? 'interviewer' : s === 'C' ? 'candidate' : 'other');
const summary = (script: [string, string, number?][]) =>
  segmentExchanges(turns(script), roleOf).map((e) => ({ q: e.question, a: e.answer, followUp: e.followUp, of: e.followUpOf }));

describe('question detection', () => {
  it.each([
    ['What did you do?', true],
    ['Tell me about a time you hired a leader', true],
    ['Walk me through your last reorganisation', true],
    ['So, talk me through the migration', true],
    ['Okay, describe the team you inherited', true],
    ['Can you say more about the budget', true],
    ['How would you approach the first 90 days', true],
    ['Give me an example of a hard call', true],
    ['How many engineers reported to you', true],
    ["Let's start: tell me about your current role", true],
    ['so tell me about a time you had to cut costs and what you did', true],
    ['What I liked about that was the clarity.', false],
    ['That makes sense.', false],
    ['We use Kafka heavily here.', false],
  ])('%j → %s', (sentence, expected) => {
    expect(isQuestionSentence(sentence)).toBe(expected);
  });

  it.each([
    ['How are you?', 'smalltalk'],
    ['Hi Sam, how are you doing today?', 'smalltalk'],
    ['How was your weekend?', 'smalltalk'],
    ['Can you hear me?', 'smalltalk'],
    ['Can you see my screen?', 'smalltalk'],
    ['Shall we start?', 'smalltalk'],
    ['Do you have any questions for us?', 'smalltalk'],
    ['Nice weather today?', 'smalltalk'],
    ['Sorry, could you repeat that?', 'clarify'],
    ['Great, thanks.', 'ack'],
    ['How are you measuring success?', 'question'],
    ['Why?', 'question'],
    ['We are hiring a CTO.', 'statement'],
  ])('%j is %s', (sentence, kind) => {
    expect(classifySentence(sentence)).toBe(kind);
  });

  it.each([
    ['Did you lead that team?', true],
    ['Have you ever managed a budget over $1m?', true],
    ['Do you have experience with Kafka?', true],
    ['Would you say you are a strong communicator?', true],
    ['Can you tell me about the migration?', false],
    ['Could you walk me through it?', false],
    ['Did you decide, and how?', false],
    ['What happened next?', false],
  ])('closed: %j → %s', (q, expected) => {
    expect(isClosedQuestion(q)).toBe(expected);
  });

  it.each([
    ["Don't you think the reorg was overdue?", true],
    ["Wouldn't you agree that speed matters more than process?", true],
    ["Isn't it true that the project slipped?", true],
    ['I assume you handled the escalation yourself?', true],
    ['Surely the board pushed back?', true],
    ['You moved fast there, right?', true],
    ['What do you think the reorg achieved?', false],
    ['How did the board respond?', false],
  ])('leading: %j → %s', (q, expected) => {
    expect(isLeadingQuestion(q)).toBe(expected);
  });
});

describe('segmentExchanges', () => {
  it('keeps multi-sentence questions whole, drops acknowledgements and small talk', () => {
    const out = summary([
      ['I', 'Hi Sam, how are you? Can you hear me okay?'],
      ['C', 'Yes, all good. Busy weekend with the kids.'],
      ['I', 'Great, thanks. Shall we start? We are rebuilding our data platform this year. Tell me about a migration you led. What went wrong?'],
      ['C', 'At Acme I led the move from Oracle to Postgres.'],
      ['I', 'Mm-hm.'],
      ['C', 'It took nine months.'],
    ]);
    expect(out).toEqual([
      {
        q: 'We are rebuilding our data platform this year. Tell me about a migration you led. What went wrong?',
        a: 'At Acme I led the move from Oracle to Postgres. It took nine months.',
        followUp: false,
        of: null,
      },
    ]);
  });

  it('makes short back-referring questions after an answer follow-up probes', () => {
    const out = summary([
      ['I', 'Tell me about a hard hiring decision.'],
      ['C', 'I hired a head of data over an internal candidate.'],
      ['I', 'Why?'],
      ['C', 'She had built the function twice before.'],
      ['I', 'And then what?'],
      ['C', 'The internal candidate left.'],
      ['I', 'What did you learn?'],
      ['C', 'To involve internal candidates earlier.'],
      ['I', 'How did you measure that?'],
      ['C', 'Retention of the team.'],
      ['I', 'Moving on: walk me through how you set the engineering budget for a new financial year.'],
      ['C', 'Bottom-up from the roadmap.'],
    ]);
    expect(out.map((e) => [e.q, e.followUp, e.of])).toEqual([
      ['Tell me about a hard hiring decision.', false, null],
      ['Why?', true, 0],
      ['And then what?', true, 0],
      ['What did you learn?', true, 0],
      ['How did you measure that?', true, 0],
      ['Moving on: walk me through how you set the engineering budget for a new financial year.', false, null],
    ]);
  });

  it('a question before any answer is not a follow-up; a question asked twice before an answer is one exchange', () => {
    const out = summary([
      ['I', 'Why?'],
      ['C', 'Why what?'],
      ['I', 'Describe your current team.'],
      ['J', 'And how is it structured?'],
      ['C', 'Forty engineers in five squads.'],
    ]);
    expect(out).toEqual([
      { q: 'Why?', a: 'Why what?', followUp: false, of: null },
      { q: 'Describe your current team. And how is it structured?', a: 'Forty engineers in five squads.', followUp: false, of: null },
    ]);
  });

  it('ends the answer at small talk and ignores other speakers and repeat requests', () => {
    const out = summary([
      ['I', 'Describe the biggest outage you handled.'],
      ['C', 'Our payments API went down for four hours.'],
      ['X', 'Sorry, joining late.'],
      ['I', 'Sorry, could you repeat that?'],
      ['C', 'Payments were down for four hours.'],
      ['I', 'Do you have any questions for us?'],
      ['C', 'Yes, how big is the team?'],
    ]);
    expect(out).toEqual([{ q: 'Describe the biggest outage you handled.', a: 'Our payments API went down for four hours. Payments were down for four hours.', followUp: false, of: null }]);
  });

  it('times the question and answer and maps answer offsets to time', () => {
    const [ex] = segmentExchanges(
      turns([
        ['I', 'Thanks. Describe your team.', 4000],
        ['C', 'Five people.', 2000],
        ['I', 'Right.', 1000],
        ['C', 'All senior.', 3000],
      ]),
      roleOf,
    );
    expect(ex).toMatchObject({ questionStartMs: 1185, answerStartMs: 4000, answerEndMs: 10_000, closed: false, leading: false, askedBy: 'I' });
    expect(ex!.segments).toEqual([
      { turnIndex: 1, offset: 0, length: 12, startMs: 4000, endMs: 6000 },
      { turnIndex: 3, offset: 13, length: 11, startMs: 7000, endMs: 10_000 },
    ]);
    expect(answerTimeAt(ex!, 6)).toBe(5000);
    expect(answerTimeAt(ex!, 13)).toBe(7000);
    expect(answerTimeAt(ex!, 24)).toBe(10_000);
  });

  it('marks closed and leading exchanges', () => {
    const out = segmentExchanges(
      turns([
        ['I', 'Did you run the platform team?'],
        ['C', 'Yes.'],
        ['I', "Don't you think the rewrite was a mistake? Be honest."],
        ['C', 'No.'],
        ['I', 'Did you rewrite it? Why?'],
        ['C', 'Because of scale.'],
      ]),
      roleOf,
    );
    expect(out.map((e) => [e.question, e.closed, e.leading])).toEqual([
      ['Did you run the platform team?', true, false],
      ["Don't you think the rewrite was a mistake?", true, true],
      ['Did you rewrite it? Why?', false, false],
    ]);
  });
});
