// @vitest-environment happy-dom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { useDomRoot } from '../../testing/dom-root.ts';
import { Snippet } from './intelligence-page.tsx';
import {
  bytesToBase64,
  formatDuration,
  formatShare,
  formatTimestamp,
  issueLines,
  locateQuotes,
  parseSnippet,
  parseTimeParam,
  type QuoteTarget,
  riskCategoryLabel,
  scorecardSuggestionText,
  segmentTurn,
  speakerInfos,
  suggestionText,
  type TurnLike,
  type TurnMark,
  transcriptHref,
  turnAtTime,
  uploadProblem,
} from './transcript-format.ts';
import { transcriptFixture as view } from './transcript-fixture.ts';
import { buildTranscriptModel, evidenceKey, flagKey } from './transcript-model.ts';
import { TurnText } from './transcript-viewer.tsx';

const dom = useDomRoot();

describe('times', () => {
  it('formats timestamps as mm:ss under an hour and h:mm:ss from an hour on', () => {
    expect(formatTimestamp(0)).toBe('00:00');
    expect(formatTimestamp(5_000)).toBe('00:05');
    expect(formatTimestamp(59_999)).toBe('00:59');
    expect(formatTimestamp(754_000)).toBe('12:34');
    expect(formatTimestamp(3_599_000)).toBe('59:59');
    expect(formatTimestamp(3_600_000)).toBe('1:00:00');
    expect(formatTimestamp(3_723_400)).toBe('1:02:03');
    expect(formatTimestamp(36_000_000)).toBe('10:00:00');
    expect(formatTimestamp(-5)).toBe('00:00');
    expect(formatTimestamp(Number.NaN)).toBe('00:00');
  });

  it('formats durations and shares in words', () => {
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(185_000)).toBe('3 min 5 s');
    expect(formatDuration(180_000)).toBe('3 min');
    expect(formatDuration(3_720_000)).toBe('1 h 2 min');
    expect(formatDuration(0)).toBe('0 s');
    expect(formatShare(0.624)).toBe('62%');
    expect(formatShare(1.2)).toBe('100%');
    expect(formatShare(null)).toBe('—');
  });

  it('reads ?t= and builds the transcript address', () => {
    expect(parseTimeParam('754000')).toBe(754_000);
    expect(parseTimeParam(null)).toBeNull();
    expect(parseTimeParam('soon')).toBeNull();
    expect(parseTimeParam('-1')).toBeNull();
    expect(transcriptHref('iv-1', 1234.6)).toBe('/interviews/iv-1/transcript?t=1235');
    expect(transcriptHref('iv-1')).toBe('/interviews/iv-1/transcript');
  });
});

describe('labels', () => {
  it('names risk categories for people', () => {
    expect(riskCategoryLabel('family_status')).toBe('Family status');
    expect(riskCategoryLabel('sexual_orientation_gender_identity')).toBe('Sexual orientation or gender identity');
    expect(riskCategoryLabel('disability_health')).toBe('Disability or health');
    expect(riskCategoryLabel('brand_new_category')).toBe('Brand new category');
  });

  it('words draft suggestions as drafts, or says there is not enough evidence', () => {
    expect(suggestionText({ rating: 3, confidence: 0.724 })).toBe('Suggested rating (draft): 3 — confidence 72%');
    expect(suggestionText({ rating: null, confidence: 0 })).toBe('Not enough evidence for a suggestion');
    expect(suggestionText(undefined)).toBe('Not enough evidence for a suggestion');
    expect(scorecardSuggestionText({ rating: 2, confidence: 0.4 })).toBe('Suggested (draft): 2');
    expect(scorecardSuggestionText({ rating: null, confidence: 0 })).toBe('Suggested (draft): not enough evidence');
  });
});

describe('search snippets', () => {
  it('turns «…» into marked parts and leaves lone guillemets as text', () => {
    expect(parseSnippet('We «hired» a «team» lead')).toEqual([
      { text: 'We ', marked: false },
      { text: 'hired', marked: true },
      { text: ' a ', marked: false },
      { text: 'team', marked: true },
      { text: ' lead', marked: false },
    ]);
    expect(parseSnippet('«a»«b» and «» and «open')).toEqual([
      { text: 'ab', marked: true },
      { text: ' and  and «open', marked: false },
    ]);
    expect(parseSnippet('')).toEqual([]);
  });

  it('renders the marks as <mark> without interpreting HTML', () => {
    act(() => dom.root.render(<Snippet snippet={'<b>x</b> «cost» per «unit»'} />));
    expect([...dom.container.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['cost', 'unit']);
    expect(dom.container.querySelector('b')).toBeNull();
    expect(dom.container.textContent).toBe('<b>x</b> cost per unit');
  });
});

describe('upload', () => {
  it('encodes bytes as base64, UTF-16 and large files included', () => {
    const utf16 = new Uint8Array([0xff, 0xfe, 0x57, 0x00, 0x45, 0x00]); // BOM + "WE" in UTF-16 LE
    expect(bytesToBase64(utf16)).toBe('//5XAEUA');
    const big = new Uint8Array(100_000).map((_, i) => i % 256);
    const back = Uint8Array.from(atob(bytesToBase64(big)), (c) => c.charCodeAt(0));
    expect(back).toEqual(big);
    expect(bytesToBase64(new Uint8Array())).toBe('');
  });

  it('explains the server’s refusals: consent, size and unreadable lines', () => {
    expect(uploadProblem({ status: 409, message: 'Record consent', details: { field: 'consent' } })).toMatchObject({ consent: true, lines: ['Record consent'] });
    expect(uploadProblem({ status: 413, message: 'Transcripts are limited to 5 MB' })).toMatchObject({ title: 'The file is too large', consent: false });
    const bad = uploadProblem({
      status: 400,
      message: 'No transcript cues found in x.vtt (read as vtt)',
      details: { issues: [{ path: 'line 1', message: 'Missing WEBVTT header' }, { path: 'line 7', message: 'Bad timing' }, { path: 'content', message: 'Empty transcript' }] },
    });
    expect(bad).toEqual({ title: 'No transcript cues found in x.vtt (read as vtt)', lines: ['Line 1: Missing WEBVTT header', 'Line 7: Bad timing', 'Empty transcript'], consent: false });
    expect(issueLines(undefined)).toEqual([]);
  });
});

const turn = (index: number, speaker: string | null, startMs: number, endMs: number, text: string): TurnLike => ({ index, speaker, startMs, endMs, text });

describe('turns and speakers', () => {
  const turns = [turn(0, 'Ivy', 0, 10_000, 'Hello.'), turn(1, 'Ada', 10_000, 40_000, 'Hi.'), turn(2, 'Bob', 40_000, 50_000, 'Next?'), turn(3, null, 50_000, 60_000, 'Noise')];

  it('finds the turn at a moment', () => {
    expect(turnAtTime(turns, 0)).toBe(0);
    expect(turnAtTime(turns, 10_000)).toBe(1);
    expect(turnAtTime(turns, 39_999)).toBe(1);
    expect(turnAtTime(turns, 99_000)).toBe(3);
    expect(turnAtTime([turn(0, 'A', 5_000, 6_000, 'x')], 1_000)).toBe(0);
    expect(turnAtTime([], 0)).toBe(-1);
  });

  it('colours speakers by role: interviewers in order, the candidate apart, the rest neutral', () => {
    const infos = speakerInfos(turns, [
      { speaker: 'Ivy', role: 'interviewer', name: 'Ivy Interviewer' },
      { speaker: 'Ada', role: 'candidate', name: 'Ada Quinn' },
      { speaker: 'Bob', role: 'interviewer', name: null },
    ]);
    expect(infos.get('Ivy')).toMatchObject({ name: 'Ivy Interviewer', role: 'interviewer', tone: 'interviewer-0' });
    expect(infos.get('Ada')).toMatchObject({ name: 'Ada Quinn', role: 'candidate', tone: 'candidate' });
    expect(infos.get('Bob')).toMatchObject({ name: 'Bob', role: 'interviewer', tone: 'interviewer-1' });
    expect(infos.get(null)).toMatchObject({ name: 'Unknown speaker', role: 'other', tone: 'other' });
  });
});

describe('locateQuotes', () => {
  const candidateOnly = (t: TurnLike) => t.speaker === 'Ada';

  it('picks the occurrence closest in time when a quote appears twice', () => {
    const turns = [
      turn(0, 'Ada', 0, 10_000, 'I led the migration. Then I led the migration again.'),
      turn(1, 'Ivy', 10_000, 12_000, 'And then?'),
      turn(2, 'Ada', 12_000, 20_000, 'I led the migration.'),
    ];
    const target = (startMs: number): QuoteTarget => ({ key: 'e', kind: 'evidence', quote: 'I led the migration', startMs, label: 'Evidence', eligible: candidateOnly });
    const early = locateQuotes(turns, [target(0)]);
    expect(early.turnOf.get('e')).toBe(0);
    expect(early.byTurn.get(0)).toEqual([{ key: 'e', kind: 'evidence', label: 'Evidence', start: 0, end: 19 }]);
    const later = locateQuotes(turns, [target(4_200)]);
    expect(later.byTurn.get(0)![0]!.start).toBe('I led the migration. Then '.length);
    const last = locateQuotes(turns, [target(12_000)]);
    expect(last.turnOf.get('e')).toBe(2);
    expect(last.byTurn.has(0)).toBe(false);
  });

  it('marks a quote that runs over two of the candidate’s turns, skipping the interviewer between them', () => {
    const turns = [
      turn(0, 'Ada', 0, 5_000, 'We cut costs by half.'),
      turn(1, 'Ivy', 5_000, 6_000, 'Mm-hmm.'),
      turn(2, 'Ada', 6_000, 9_000, 'Within two quarters, too.'),
    ];
    const located = locateQuotes(turns, [{ key: 'e', kind: 'evidence', quote: 'by half. Within two quarters', startMs: 2_000, label: 'Evidence', eligible: candidateOnly }]);
    expect(located.turnOf.get('e')).toBe(0);
    expect(located.byTurn.get(0)).toEqual([expect.objectContaining({ start: 13, end: 21 })]);
    expect(located.byTurn.get(1)).toBeUndefined();
    expect(located.byTurn.get(2)).toEqual([expect.objectContaining({ start: 0, end: 19 })]);
    expect(turns[2]!.text.slice(0, 19)).toBe('Within two quarters');
  });

  it('falls back to every turn when the eligible ones do not hold the quote, and leaves out quotes found nowhere', () => {
    const turns = [turn(0, 'Ivy', 0, 5_000, 'Do you have kids?'), turn(1, 'Ada', 5_000, 9_000, 'Yes.')];
    const located = locateQuotes(turns, [
      { key: 'f', kind: 'flag', quote: 'Do you have kids?', startMs: 0, label: 'Risk flag', eligible: candidateOnly },
      { key: 'x', kind: 'evidence', quote: 'not said', startMs: 0, label: 'Evidence' },
      { key: 'empty', kind: 'evidence', quote: '', startMs: 0, label: 'Evidence' },
    ]);
    expect(located.turnOf.get('f')).toBe(0);
    expect(located.turnOf.has('x')).toBe(false);
    expect(located.turnOf.has('empty')).toBe(false);
  });
});

const mark = (key: string, kind: TurnMark['kind'], start: number, end: number): TurnMark => ({ key, kind, label: `${kind} ${key}`, start, end });

describe('segmentTurn', () => {
  it('splits overlapping flag and evidence marks into plain, flag, both and evidence pieces', () => {
    const text = 'So are you married? I ship every week.';
    const segments = segmentTurn(text, [mark('e', 'evidence', 11, 27), mark('f', 'flag', 3, 19)]);
    expect(segments.map((s) => s.text).join('')).toBe(text);
    expect(segments.map((s) => [s.text, s.marks.map((m) => m.key)])).toEqual([
      ['So ', []],
      ['are you ', ['f']],
      ['married?', ['f', 'e']],
      [' I ship ', ['e']],
      ['every week.', []],
    ]);
    expect(segments[1]!.starting.map((m) => m.key)).toEqual(['f']);
    expect(segments[2]!.starting.map((m) => m.key)).toEqual(['e']);
    expect(segments[3]!.starting).toEqual([]);
  });

  it('keeps two marks of the same span together (flags first), ignores marks out of range and joins plain text', () => {
    const text = 'When did you graduate? How old are you?';
    const segments = segmentTurn(text, [
      mark('e', 'evidence', 0, 22),
      mark('f1', 'flag', 0, 22),
      mark('f2', 'flag', 0, 22),
      mark('bad', 'flag', 30, 99),
      mark('empty', 'flag', 5, 5),
    ]);
    expect(segments.map((s) => [s.text, s.marks.map((m) => m.key)])).toEqual([
      ['When did you graduate?', ['f1', 'f2', 'e']],
      [' How old are you?', []],
    ]);
    expect(segmentTurn('plain', [])).toEqual([{ start: 0, end: 5, text: 'plain', marks: [], starting: [] }]);
    expect(segmentTurn('', [mark('a', 'flag', 0, 0)])).toEqual([]);
  });

  it('counts offsets in UTF-16 code units (emoji, accents)', () => {
    const text = '🚀 Zoë said: ship it';
    const start = text.indexOf('ship');
    const segments = segmentTurn(text, [mark('e', 'evidence', start, start + 4)]);
    expect(segments.find((s) => s.marks.length)!.text).toBe('ship');
  });
});

describe('TurnText', () => {
  it('renders flag and evidence marks with their labels for screen readers and as tooltips', () => {
    const text = 'So are you married? I ship every week.';
    act(() => dom.root.render(<TurnText text={text} marks={[mark('f', 'flag', 3, 19), mark('e', 'evidence', 11, 27)]} />));
    const marks = [...dom.container.querySelectorAll('mark')];
    expect(marks.map((m) => m.className)).toEqual(['tx-mark tx-mark--flag', 'tx-mark tx-mark--flag tx-mark--evidence', 'tx-mark tx-mark--evidence']);
    expect(marks[0]!.getAttribute('title')).toBe('flag f');
    expect(marks[1]!.getAttribute('title')).toBe('flag f; evidence e');
    expect(marks[0]!.querySelector('.visually-hidden')!.textContent).toBe('[flag f] ');
    expect(marks[0]!.querySelector('[aria-hidden="true"]')!.textContent).toContain('⚑');
    // Without the announcements and the sign, the text is the turn's.
    const clone = dom.container.cloneNode(true) as HTMLElement;
    for (const el of clone.querySelectorAll('.visually-hidden, [aria-hidden="true"]')) el.remove();
    expect(clone.textContent).toBe(text);
  });
});

describe('buildTranscriptModel', () => {
  it('marks the flag in the interviewer’s turn and the evidence over the candidate’s two turns', () => {
    const v = view();
    const model = buildTranscriptModel(v);
    expect(model.flagTurn(0)).toBe(0);
    expect(model.evidenceTurn(0)).toBe(1);
    const flagMark = model.marks.get(0)!.find((m) => m.key === flagKey(0))!;
    expect(v.turns[0]!.text.slice(flagMark.start, flagMark.end)).toBe('Do you have children?');
    expect(flagMark.label).toBe('Risk flag: Family status');
    const ev1 = model.marks.get(1)!.find((m) => m.key === evidenceKey(0))!;
    const ev3 = model.marks.get(3)!.find((m) => m.key === evidenceKey(0))!;
    expect(v.turns[1]!.text.slice(ev1.start, ev1.end)).toBe('by 40 percent.');
    expect(v.turns[3]!.text.slice(ev3.start, ev3.end)).toBe('Within two quarters');
    expect(ev1.label).toBe('Evidence for Infrastructure');
    expect(model.marks.get(2)).toBeUndefined();
    expect(model.turnAt(31_500)).toBe(3);
  });

  it('marks what the lint matched when the flag’s sentence is not in the text', () => {
    const v = view();
    v.analysis.flags[0]!.quote = 'Do you have children? (paraphrased)';
    const model = buildTranscriptModel(v);
    const m = model.marks.get(0)!.find((x) => x.key === flagKey(0))!;
    expect(v.turns[0]!.text.slice(m.start, m.end)).toBe('Do you have children');
  });
});
