import { type ReactNode, type Ref, type RefObject, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Finding, JobDescriptionAnalysis } from '../../../core/language/types.ts';
import { Button } from '../../components/button.tsx';
import { Badge } from '../../components/status.tsx';
import { describedBy, FieldError, FieldHint, useFieldIds } from '../../components/text-field.tsx';
import { type HighlightTone, highlightSegments, highlightTone, replacementOf, type SpanFinding } from './highlight.ts';
import { findingKindLabels, verdictLabels } from './jd-format.ts';

/** What the page can ask of the highlighted text area: select a span and bring it into view. */
export interface HighlightHandle {
  select: (start: number, end: number) => void;
}

export interface HighlightedTextAreaProps {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  value: string;
  onChange: (value: string) => void;
  findings: readonly SpanFinding[];
  readOnly?: boolean;
  rows?: number;
  maxLength?: number;
  textareaRef?: RefObject<HTMLTextAreaElement | null>;
  handleRef?: Ref<HighlightHandle>;
}

/** The backdrop's copy of the text: `<mark>` spans at the findings' offsets (class per kind). */
export function HighlightBackdrop({ text, findings }: { text: string; findings: readonly SpanFinding[] }) {
  const segments = useMemo(() => highlightSegments(text, findings), [text, findings]);
  return (
    <>
      {segments.map((s) => {
        if (s.kinds.length === 0) return s.text;
        const kind = s.kinds[0]!;
        return (
          <mark
            key={s.start}
            className={`jd-mark jd-mark--${highlightTone(kind)} jd-mark--${kind}`}
            data-start={s.start}
            data-end={s.end}
            data-kinds={s.kinds.join(' ')}
          >
            {s.text}
          </mark>
        );
      })}
      {/* A textarea shows an empty last line after a final newline; so must the backdrop. */}
      {text === '' || text.endsWith('\n') ? ' ' : null}
    </>
  );
}

/**
 * A labelled textarea with live highlights: a transparent-background textarea over a backdrop
 * that renders the same text with marks behind the flagged spans, scrolled in step with it.
 * The backdrop is decorative (aria-hidden); the findings are listed in text beside it.
 */
export function HighlightedTextArea({ label, hint, error, value, onChange, findings, readOnly, rows = 20, maxLength, textareaRef, handleRef }: HighlightedTextAreaProps) {
  const ids = useFieldIds();
  const ownRef = useRef<HTMLTextAreaElement>(null);
  const areaRef = textareaRef ?? ownRef;
  const backdropRef = useRef<HTMLDivElement>(null);

  const sync = () => {
    const area = areaRef.current;
    const backdrop = backdropRef.current;
    if (!area || !backdrop) return;
    backdrop.scrollTop = area.scrollTop;
    backdrop.scrollLeft = area.scrollLeft;
  };
  // Typing can scroll the textarea without a scroll event reaching us first; keep the backdrop in step.
  useLayoutEffect(sync);

  useImperativeHandle(handleRef, () => ({
    select(start, end) {
      const area = areaRef.current;
      if (!area) return;
      area.focus({ preventScroll: true });
      area.setSelectionRange(start, end);
      const mark = [...(backdropRef.current?.querySelectorAll<HTMLElement>('mark') ?? [])].find(
        (m) => Number(m.dataset.start) <= start && start < Number(m.dataset.end),
      );
      if (mark) area.scrollTop = Math.max(0, mark.offsetTop - area.clientHeight / 3);
      sync();
      area.scrollIntoView?.({ block: 'nearest' });
    },
  }));

  return (
    <div className="field jd-highlight-field">
      <label className="field__label" htmlFor={ids.id}>
        {label}
      </label>
      {hint ? <FieldHint id={ids.hintId}>{hint}</FieldHint> : null}
      <div className="jd-highlight">
        <div className="jd-highlight__backdrop" ref={backdropRef} aria-hidden="true">
          <HighlightBackdrop text={value} findings={findings} />
        </div>
        <textarea
          ref={areaRef}
          id={ids.id}
          rows={rows}
          value={value}
          readOnly={readOnly}
          maxLength={maxLength}
          spellCheck
          className="field__control field__control--textarea jd-highlight__area"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(ids, !!hint, !!error)}
          onChange={(e) => onChange(e.target.value)}
          onScroll={sync}
        />
      </div>
      <FieldError id={ids.errorId} message={error} />
    </div>
  );
}

const LIST_LIMIT = 100;
const badgeTone: Record<HighlightTone, 'warning' | 'info' | 'neutral'> = { warm: 'warning', cool: 'info', note: 'neutral' };

function wordList(words: readonly { word: string; count: number }[]): string {
  return words.length ? words.map((w) => (w.count > 1 ? `${w.word} (${w.count})` : w.word)).join(', ') : 'none';
}

function round1(n: number | null): string {
  return n === null ? '—' : String(Math.round(n * 10) / 10);
}

const breakdownLabels: Record<keyof JobDescriptionAnalysis['breakdown'], string> = {
  gender: 'Gender coding',
  exclusionary: 'Exclusionary wording',
  cliches: 'Clichés',
  jargon: 'Jargon',
  requirements: 'Requirements',
  readability: 'Readability',
  payTransparency: 'Pay transparency',
};

/**
 * The live lint of the text: score, gender coding, readability, requirements and the findings,
 * each with a way to find it in the text and, when there is one, a one-click replacement.
 */
export function AnalysisPanel({
  analysis,
  onSelect,
  onReplace,
  canReplace,
}: {
  analysis: JobDescriptionAnalysis;
  onSelect: (f: Finding) => void;
  onReplace: (f: Finding) => void;
  canReplace: boolean;
}) {
  const [showAll, setShowAll] = useState(false);
  const { findings, gender, readability, requirements, breakdown } = analysis;
  const shown = showAll ? findings : findings.slice(0, LIST_LIMIT);
  const lost = (Object.keys(breakdownLabels) as (keyof typeof breakdownLabels)[]).filter((k) => breakdown[k] > 0);

  return (
    <section className="card jd-analysis" aria-labelledby="jd-analysis-title">
      <h2 className="card__title" id="jd-analysis-title">
        Language check
      </h2>
      <p className="jd-analysis__score">
        <strong>Score {analysis.score}/100</strong>
      </p>
      {lost.length ? (
        <p className="muted jd-analysis__lost">
          Points lost: {lost.map((k) => `${breakdownLabels[k]} ${breakdown[k]}`).join(', ')}.
        </p>
      ) : null}
      <p>
        Gender coding: <strong>{verdictLabels[gender.verdict]}</strong>
      </p>
      <dl className="definition-list jd-analysis__facts">
        <dt>Masculine-coded words</dt>
        <dd>{wordList(gender.masculine)}</dd>
        <dt>Feminine-coded words</dt>
        <dd>{wordList(gender.feminine)}</dd>
        <dt>Reading ease</dt>
        <dd>{round1(readability.fleschReadingEase)}</dd>
        <dt>Grade level</dt>
        <dd>{round1(readability.gradeLevel)}</dd>
        <dt>Words</dt>
        <dd>
          {readability.words} in {readability.sentences} {readability.sentences === 1 ? 'sentence' : 'sentences'}
        </dd>
        <dt>Must-haves</dt>
        <dd>{requirements.mustHaves}</dd>
        <dt>Years demanded</dt>
        <dd>{requirements.yearsDemanded ?? 'none'}</dd>
        <dt>Degree required</dt>
        <dd>{requirements.degreeRequired ? 'yes' : 'no'}</dd>
      </dl>

      <h3 className="jd-analysis__subtitle">
        Findings <span className="muted">({findings.length})</span>
      </h3>
      {findings.length === 0 ? (
        <p className="muted">Nothing flagged.</p>
      ) : (
        <ul className="jd-findings">
          {shown.map((f, i) => {
            const replacement = replacementOf(f);
            return (
              <li key={`${f.start}-${f.end}-${f.kind}-${i}`} className="jd-finding">
                <p className="jd-finding__head">
                  <Badge tone={badgeTone[highlightTone(f.kind)]}>{findingKindLabels[f.kind]}</Badge>{' '}
                  <button type="button" className="jd-finding__text" onClick={() => onSelect(f)}>
                    “{f.text}”<span className="visually-hidden"> (select in the text)</span>
                  </button>
                </p>
                <p className="jd-finding__message">{f.message}</p>
                {f.suggestion ? <p className="jd-finding__suggestion">{f.suggestion}</p> : null}
                {replacement !== null && canReplace ? (
                  <Button size="sm" variant="secondary" onClick={() => onReplace(f)}>
                    Replace “{f.text}” with “{replacement}”
                  </Button>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {findings.length > shown.length ? (
        <Button size="sm" variant="secondary" onClick={() => setShowAll(true)}>
          Show all {findings.length} findings
        </Button>
      ) : null}
    </section>
  );
}
