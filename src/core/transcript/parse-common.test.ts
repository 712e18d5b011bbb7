import { describe, expect, it } from 'vitest';
import { decodeEntities, isSpeakerLabel, splitSpeakerPrefix } from './parse-common.ts';

describe('speaker prefixes', () => {
  it.each([
    ['Jane: hi', 'Jane', 'hi'],
    ['Jane Doe: hi', 'Jane Doe', 'hi'],
    ["Seán O'Brien-Smith: hi", "Seán O'Brien-Smith", 'hi'],
    ['Mary Ann De Vries: hi', 'Mary Ann De Vries', 'hi'],
    ['Dr. J. R. Smith: hi', 'Dr. J. R. Smith', 'hi'],
    ['A. Smith: hi', 'A. Smith', 'hi'],
    ['Иван Петров: привет', 'Иван Петров', 'привет'],
    ['Ζωή: γεια', 'Ζωή', 'γεια'],
    ['Jane   Doe :  hi  there', 'Jane Doe', 'hi  there'],
    ['Jane Doe (she/her): hi', 'Jane Doe (she/her)', 'hi'],
    ['Jane Doe (Guest): hi', 'Jane Doe (Guest)', 'hi'],
    ['Speaker 1: hi', 'Speaker 1', 'hi'],
    ['Speaker 12: hi', 'Speaker 12', 'hi'],
    ['SPEAKER_00: hi', 'SPEAKER_00', 'hi'],
    ['Speaker A: hi', 'Speaker A', 'hi'],
    ['Unknown Speaker: hi', 'Unknown Speaker', 'hi'],
    ['Interviewer: hi', 'Interviewer', 'hi'],
    ['Jane:', 'Jane', ''],
    ['Jane: Re: your note', 'Jane', 'Re: your note'],
  ])('%j → %j', (text, speaker, rest) => {
    expect(splitSpeakerPrefix(text)).toEqual({ speaker, text: rest });
  });

  it.each([
    'Note: this',
    'Notes: this',
    'NOTE: this',
    'Q: what?',
    'A: this',
    'Q3: revenue',
    'Q1: x',
    'A1: x',
    'Question: why?',
    'Answer: because',
    'Summary: done',
    'Action Items: none',
    'Meeting Notes: x',
    'Next Steps: x',
    'Agenda: x',
    'Update: x',
    'Re: x',
    'Subject: x',
    'Time: 10',
    'Date: today',
    'Location: here',
    'Speaker: x',
    'Transcript: x',
    'Recording: x',
    'https://example.com',
    'Https: x',
    'jane: lowercase',
    'Jane doe: lowercase word',
    'Jane Mary Ann Doe Smith: five words',
    'Abcdefghijklmnopqrst Abcdefghijklmnopqrstu: too long',
    'Jane2: digits',
    'Jane Doe:no space after the colon',
    'The ratio was 3: 1',
    'Well, I think: yes',
    ': nothing',
    'Jane',
  ])('%j is not a speaker prefix', (text) => {
    expect(splitSpeakerPrefix(text)).toBeNull();
  });

  it('limits names to 40 characters', () => {
    expect(isSpeakerLabel('Abcdefghijklmnopqrs Abcdefghijklmnopqrst')).toBe(true); // 40
    expect(isSpeakerLabel('Abcdefghijklmnopqrs Abcdefghijklmnopqrstu')).toBe(false); // 41
  });
});

describe('decodeEntities', () => {
  it('decodes the named and numeric references and leaves the rest', () => {
    expect(decodeEntities('&amp;&lt;&gt;&quot;&apos;&nbsp;&lrm;&rlm;&#39;&#x27;&#X41;&#128512;')).toBe('&<>"\'\u00a0\u200e\u200f\'\'A😀');
    expect(decodeEntities('&constructor; &toString; &AMP; & amp; &#; &#xZZ; &#99999999999;')).toBe('&constructor; &toString; &AMP; & amp; &#; &#xZZ; &#99999999999;');
    expect(decodeEntities('&#xD800; &#0;')).toBe('\ufffd \ufffd');
  });
});
