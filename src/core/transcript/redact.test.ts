import { describe, expect, it } from 'vitest';
import { redactText, redactTranscript } from './redact.ts';

const options = { names: ['Tobias Grün'] };
const zero = { name: 0, email: 0, phone: 0, address: 0, profileUrl: 0 };

describe('redactText', () => {
  it('replaces the full name and its parts, case-insensitively, with and without diacritics, keeping possessives', () => {
    expect(redactText("Hi Tobias, I read Tobias's CV. Mr. Grun, or gruen? TOBIAS GRÜN. Tobiasz and Grünwald stay.", options)).toEqual({
      text: "Hi [CANDIDATE], I read [CANDIDATE]'s CV. Mr. [CANDIDATE], or [CANDIDATE]? [CANDIDATE]. Tobiasz and Grünwald stay.",
      counts: { ...zero, name: 5 },
    });
  });

  it('matches hyphenated parts and keeps short parts', () => {
    expect(redactText('Anne-Marie Li said Marie and Anne and Li agreed.', { names: ['Anne-Marie Li'] })).toEqual({
      text: '[CANDIDATE] said [CANDIDATE] and [CANDIDATE] and Li agreed.',
      counts: { ...zero, name: 3 },
    });
  });

  it('matches name parts that are common words only when capitalised', () => {
    expect(redactText('Will said he will join in May. Smith agreed.', { names: ['Will Smith'] }).text).toBe('[CANDIDATE] said he will join in May. [CANDIDATE] agreed.');
  });

  it('replaces e-mail addresses, written and spoken', () => {
    expect(redactText('Mail tobias.gruen@example.com or t.g@firma.de, or tobias at gmail dot com.', options)).toEqual({
      text: 'Mail [EMAIL] or [EMAIL], or [EMAIL].',
      counts: { ...zero, email: 3 },
    });
  });

  it('replaces phone numbers, not amounts, percentages, years or large counts', () => {
    expect(
      redactText('Call +49 30 1234567, 0049 170 1234567, (555) 123-4567, 555-123-4567, 555.123.4567, 030 1234567 or 07700 900123.', options),
    ).toEqual({ text: 'Call [PHONE], [PHONE], [PHONE], [PHONE], [PHONE], [PHONE] or [PHONE].', counts: { ...zero, phone: 7 } });
    const safe = 'We grew to 1 200 000 users from 2019 2020 to 2021, raised $1,500,000 and 12345678% more, ticket 1234567.';
    expect(redactText(safe, options)).toEqual({ text: safe, counts: zero });
  });

  it('replaces street addresses in English, German, French and Italian forms', () => {
    expect(redactText('I live at 12 Baker Street, moved from 221b baker street; before that Hauptstraße 5, Berliner Straße 12, Via Roma 3 and 10 Rue de Rivoli.', options)).toEqual({
      text: 'I live at [ADDRESS], moved from [ADDRESS]; before that [ADDRESS], [ADDRESS], [ADDRESS] and [ADDRESS].',
      counts: { ...zero, address: 6 },
    });
    const safe = 'We had 3 teams on the road, sent it via email 3 times, and 2 deals close this week.';
    expect(redactText(safe, options).text).toBe(safe);
  });

  it('replaces personal profile URLs, not company sites', () => {
    expect(redactText('See linkedin.com/in/tobias-gruen, https://github.com/tgruen/dotfiles, twitter.com/tg, x.com/tobi and https://tobiasgruen.dev/blog. We use acme.com.', options)).toEqual({
      text: 'See [PROFILE_URL], [PROFILE_URL], [PROFILE_URL], [PROFILE_URL] and [PROFILE_URL]. We use acme.com.',
      counts: { ...zero, profileUrl: 5 },
    });
  });

  it('leaves text without personal data unchanged', () => {
    expect(redactText('We shipped the billing rewrite in Q3.', options)).toEqual({ text: 'We shipped the billing rewrite in Q3.', counts: zero });
    expect(redactText('Tobias', { names: [] }).text).toBe('Tobias');
  });
});

describe('redactTranscript', () => {
  it('redacts turns consistently and totals the counts', () => {
    const turns = [
      { index: 0, speaker: 'Ana', startMs: 0, endMs: 10, text: 'Welcome, Tobias. Is tobias@gruen.dev still right?', interrupts: false },
      { index: 1, speaker: 'Tobias Grün', startMs: 10, endMs: 20, text: 'Yes. Or call +44 7700 900123. Grün is fine.', interrupts: false },
    ];
    const { items, counts } = redactTranscript(turns, options);
    expect(items.map((t) => t.text)).toEqual(['Welcome, [CANDIDATE]. Is [EMAIL] still right?', 'Yes. Or call [PHONE]. [CANDIDATE] is fine.']);
    expect(items[1]).toMatchObject({ index: 1, speaker: 'Tobias Grün', startMs: 10, endMs: 20 });
    expect(turns[0]!.text).toBe('Welcome, Tobias. Is tobias@gruen.dev still right?');
    expect(counts).toEqual({ name: 2, email: 1, phone: 1, address: 0, profileUrl: 0 });
  });

  it('redacts plain strings the same way', () => {
    expect(redactTranscript(['Tobias', 'TOBIAS'], options)).toEqual({ items: ['[CANDIDATE]', '[CANDIDATE]'], counts: { ...zero, name: 2 } });
  });
});
