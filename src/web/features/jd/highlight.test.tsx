// @vitest-environment happy-dom
import { act } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { useDomRoot } from '../../testing/dom-root.ts';
import { analyzeJobDescription } from '../../../core/language/analyze.ts';
import type { Finding, JobDescriptionAnalysis } from '../../../core/language/types.ts';
import { applyReplacement, highlightSegments, type SpanFinding } from './highlight.ts';
import { AnalysisPanel, HighlightedTextArea } from './jd-editor.tsx';

const dom = useDomRoot();

/** A finding at the first occurrence of `text` (after `from`), as the analysis would report it. */
function at(value: string, text: string, kind: Finding['kind'], from = 0): SpanFinding {
  const start = value.indexOf(text, from);
  if (start < 0) throw new Error(`"${text}" not in the value`);
  return { kind, text, start, end: start + text.length };
}

function finding(value: string, text: string, kind: Finding['kind'], replacement: string | null): Finding {
  return { ...at(value, text, kind), message: `${text} is flagged`, suggestion: replacement ? `Use "${replacement}"` : null, replacement };
}

function renderArea(value: string, findings: readonly SpanFinding[]) {
  act(() => dom.root.render(<HighlightedTextArea label="Description (Markdown)" value={value} onChange={() => {}} findings={findings} />));
  const backdrop = dom.container.querySelector<HTMLElement>('.jd-highlight__backdrop')!;
  return { backdrop, textarea: dom.container.querySelector('textarea')! };
}

/** Every mark with the offset of its first character, counted in the backdrop's text (UTF-16 code units). */
function marksWithOffsets(backdrop: HTMLElement) {
  const out: { offset: number; text: string; start: number; end: number; className: string }[] = [];
  let offset = 0;
  for (const node of backdrop.childNodes) {
    const text = node.textContent ?? '';
    if (node instanceof HTMLElement && node.tagName === 'MARK') {
      out.push({ offset, text, start: Number(node.dataset.start), end: Number(node.dataset.end), className: node.className });
    }
    offset += text.length;
  }
  return out;
}

describe('HighlightedTextArea', () => {
  it('renders the same text behind the textarea with marks at the findings’ offsets, also after “é”', () => {
    const value = 'Café team: we want an aggressive, supportive chairman.';
    const findings = [at(value, 'aggressive', 'masculine-coded'), at(value, 'supportive', 'feminine-coded'), at(value, 'chairman', 'gendered-term')];
    const { backdrop, textarea } = renderArea(value, findings);

    expect(textarea.value).toBe(value);
    expect(backdrop.getAttribute('aria-hidden')).toBe('true');
    expect(backdrop.textContent).toBe(value);
    const marks = marksWithOffsets(backdrop);
    expect(marks.map((m) => m.text)).toEqual(['aggressive', 'supportive', 'chairman']);
    for (const m of marks) {
      expect(m.offset).toBe(m.start);
      expect(value.slice(m.start, m.end)).toBe(m.text);
    }
    expect(marks[0]!.start).toBe(22); // "é" is one UTF-16 code unit
    expect(marks[0]!.className).toContain('jd-mark--warm');
    expect(marks[0]!.className).toContain('jd-mark--masculine-coded');
    expect(marks[1]!.className).toContain('jd-mark--cool');
    expect(marks[2]!.className).toContain('jd-mark--warm');
  });

  it('counts offsets in UTF-16 code units after characters outside the BMP', () => {
    const value = '🚀 Rocket team 🚀 seeks a ninja';
    const { backdrop } = renderArea(value, [at(value, 'ninja', 'cliche')]);
    const [mark] = marksWithOffsets(backdrop);
    expect(mark).toMatchObject({ text: 'ninja', offset: value.length - 5, start: value.length - 5 });
    expect(mark!.className).toContain('jd-mark--note');
  });

  it('marks the live analysis of a text with accents at the right places', () => {
    const value = '# Résumé reviewer\n\nÉquipe café: we want a competitive, dominant chairman.\n';
    const analysis = analyzeJobDescription(value, { location: 'Berlin' });
    const { backdrop } = renderArea(value, analysis.findings);
    expect(backdrop.textContent).toBe(`${value} `); // a final newline gets a trailing space, as the textarea shows an empty last line
    const marks = marksWithOffsets(backdrop);
    expect(marks.length).toBeGreaterThan(0);
    for (const m of marks) expect(value.slice(m.offset, m.offset + m.text.length)).toBe(m.text);
    expect(marks.map((m) => m.text)).toEqual(expect.arrayContaining(['competitive', 'chairman']));
  });

  it('splits overlapping findings and drops findings that no longer match the text', () => {
    const value = 'A young and energetic rockstar';
    const overlapping: SpanFinding[] = [
      at(value, 'young and energetic', 'age'),
      at(value, 'energetic rockstar', 'cliche'),
      { kind: 'jargon', text: 'synergy', start: 2, end: 9 }, // stale: the text there is "young a"
      { kind: 'jargon', text: 'x', start: 40, end: 41 }, // out of range
    ];
    const segments = highlightSegments(value, overlapping);
    expect(segments.map((s) => s.text).join('')).toBe(value);
    expect(segments.filter((s) => s.kinds.length).map((s) => [s.text, s.kinds])).toEqual([
      ['young and ', ['age']],
      ['energetic', ['age', 'cliche']],
      [' rockstar', ['cliche']],
    ]);
    const { backdrop } = renderArea(value, overlapping);
    expect(backdrop.textContent).toBe(value);
    expect(marksWithOffsets(backdrop).map((m) => [m.offset, m.text])).toEqual([
      [2, 'young and '],
      [12, 'energetic'],
      [21, ' rockstar'],
    ]);
  });

  it('keeps the backdrop scrolled with the textarea', () => {
    const value = 'line\n'.repeat(200);
    const { backdrop, textarea } = renderArea(value, []);
    textarea.scrollTop = 120;
    act(() => {
      textarea.dispatchEvent(new Event('scroll'));
    });
    expect(backdrop.scrollTop).toBe(textarea.scrollTop);
  });
});

describe('applyReplacement', () => {
  const value = 'Our chairman, Élodie, wants a chairman.';

  it('replaces exactly the finding’s span', () => {
    const f = finding(value, 'chairman', 'gendered-term', 'chair');
    expect(applyReplacement(value, f)).toBe('Our chair, Élodie, wants a chairman.');
    const second = { ...f, start: value.lastIndexOf('chairman'), end: value.lastIndexOf('chairman') + 8 };
    expect(applyReplacement(value, second)).toBe('Our chairman, Élodie, wants a chair.');
  });

  it('refuses when the span no longer holds the finding’s text', () => {
    const f = finding(value, 'chairman', 'gendered-term', 'chair');
    expect(applyReplacement(`X${value}`, f)).toBeNull();
    expect(applyReplacement(value.replace('chairman', 'chairwoman'), f)).toBeNull();
    expect(applyReplacement(value.slice(0, 6), f)).toBeNull();
  });

  it('refuses when the finding has no replacement (or an old core that has no such field)', () => {
    expect(applyReplacement(value, finding(value, 'chairman', 'gendered-term', null))).toBeNull();
    expect(applyReplacement(value, at(value, 'chairman', 'gendered-term'))).toBeNull();
  });
});

describe('AnalysisPanel', () => {
  it('offers a named replace button for findings with a replacement, and selects a finding’s text', () => {
    const value = 'We need a chairman who is supportive.';
    const base = analyzeJobDescription(value);
    const analysis: JobDescriptionAnalysis = {
      ...base,
      findings: [finding(value, 'chairman', 'gendered-term', 'chair'), finding(value, 'supportive', 'feminine-coded', null)],
    };
    const onReplace = vi.fn();
    const onSelect = vi.fn();
    act(() => dom.root.render(<AnalysisPanel analysis={analysis} onSelect={onSelect} onReplace={onReplace} canReplace />));
    expect(dom.container.textContent).toContain(`Score ${analysis.score}/100`);
    expect(dom.container.textContent).toContain('Gender coding:');
    const buttons = [...dom.container.querySelectorAll('button')];
    const replace = buttons.filter((b) => b.textContent?.startsWith('Replace'));
    expect(replace.map((b) => b.textContent)).toEqual(['Replace “chairman” with “chair”']);
    act(() => replace[0]!.click());
    expect(onReplace).toHaveBeenCalledWith(analysis.findings[0]);
    const select = buttons.find((b) => b.textContent?.startsWith('“supportive”'))!;
    act(() => select.click());
    expect(onSelect).toHaveBeenCalledWith(analysis.findings[1]);
  });
});
