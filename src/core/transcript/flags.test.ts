import { describe, expect, it } from 'vitest';
import { segmentExchanges } from './exchanges.ts';
import { findFlags } from './flags.ts';
import type { ParticipantRole, Turn } from './types.ts';

function turns(script: [string, string][]): Turn[] {
  return script.map(([speaker, text], index) => ({ index, speaker, startMs: index * 10_000, endMs: index * 10_000 + 5000, text, interrupts: false }));
}
const roleOf = (s: string | null): ParticipantRole => (s === 'Ana' || s === 'Jo' ? 'interviewer' : s === 'Ben' ? 'candidate' : 'other');

describe('findFlags', () => {
  it('lints interviewer turns only: a candidate volunteering is not a flag', () => {
    const t = turns([
      ['Ana', 'Thanks for joining. How was your weekend?'],
      ['Ben', 'Busy, my kids had a football tournament. I am 52, by the way, and my wife is pregnant.'],
      ['Ana', 'Tell me about your last role. Do you have kids?'],
      ['Ben', 'Two, yes.'],
      ['Jo', 'And how old are you, if I may ask?'],
      ['Ben', 'Fifty-two.'],
      ['Ana', 'Are you legally authorized to work in this country?'],
      ['Ben', 'Yes.'],
    ]);
    const flags = findFlags(t, roleOf, segmentExchanges(t, roleOf));
    expect(flags.map(({ explanation: _e, alternative: _a, ...f }) => f)).toEqual([
      // The match starts 30 characters into the 47 of a turn from 20,000 to 25,000 ms: 20,000 + 5,000 × 30 / 47.
      { category: 'family_status', speaker: 'Ana', quote: 'Do you have kids?', match: 'Do you have kids', startMs: 23_191, exchange: 0 },
      // A second interviewer's question starts exchange 1; "how old" is 4 characters into 34.
      { category: 'age', speaker: 'Jo', quote: 'And how old are you, if I may ask?', match: 'how old', startMs: 40_588, exchange: 1 },
    ]);
    expect(flags[0]!.explanation).toMatch(/family/i);
    expect(flags[0]!.alternative).not.toBe('');
  });

  it('flags remarks outside exchanges, repeated sentences and small talk', () => {
    const t = turns([
      ['Ana', 'Where are you originally from?'],
      ['Ben', 'Lagos.'],
      ['Ana', 'Describe your team.'],
      ['Ben', 'Eight people.'],
      ['Ana', 'Nice. Where are you originally from?'],
      ['Ben', 'Lagos, as I said.'],
    ]);
    const flags = findFlags(t, roleOf, segmentExchanges(t, roleOf));
    expect(flags.map((f) => [f.category, f.quote, f.exchange])).toEqual([
      ['national_origin', 'Where are you originally from?', 0],
      ['national_origin', 'Where are you originally from?', 2],
    ]);
  });

  it('is empty without interviewer turns', () => {
    const t = turns([['Ben', 'Do you have kids? I do.']]);
    expect(findFlags(t, roleOf, [])).toEqual([]);
  });
});
