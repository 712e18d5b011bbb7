import { type FormEvent, type ReactNode, useEffect, useRef } from 'react';
import { Button } from '../../components/button.tsx';
import { Form, FormActions } from '../../components/form.tsx';
import { progressLabel } from './advisor-model.ts';

/**
 * One step of an advisor: the progress ("Step 3 of 9"), the step's question, and Back / Next (or
 * the final button). Moving to another step puts focus on the progress heading, so screen readers
 * announce where the user is, and the question follows.
 */
export function StepFrame({
  stepIndex,
  total,
  title,
  finalLabel,
  busy,
  onBack,
  onNext,
  children,
}: {
  stepIndex: number;
  total: number;
  title?: string;
  finalLabel: string;
  busy?: boolean;
  onBack: (() => void) | null;
  onNext: () => void;
  children: ReactNode;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const isFirstRender = useRef(true);
  useEffect(() => {
    if (isFirstRender.current) {
      isFirstRender.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [stepIndex]);

  const isLast = stepIndex === total - 1;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    onNext();
  };
  const pct = Math.round(((stepIndex + 1) / total) * 100);

  return (
    <Form onSubmit={onSubmit} className="advisor-step" aria-labelledby="advisor-step-heading">
      <div className="advisor-progress">
        <h2 id="advisor-step-heading" className="advisor-progress__label" tabIndex={-1} ref={headingRef}>
          {progressLabel(stepIndex, total)}
          {title ? <span className="advisor-progress__title">: {title}</span> : null}
        </h2>
        <span className="advisor-progress__track" aria-hidden="true">
          <span className="advisor-progress__bar" style={{ width: `${pct}%` }} />
        </span>
      </div>
      {children}
      <FormActions>
        {onBack ? (
          <Button variant="secondary" onClick={onBack}>
            Back
          </Button>
        ) : null}
        <Button type="submit" busy={busy} busyLabel="Working it out…">
          {isLast ? finalLabel : 'Next'}
        </Button>
      </FormActions>
    </Form>
  );
}

/** A horizontal bar for a score or fit, beside its printed value. */
export function ScoreBar({ percent, label }: { percent: number; label: ReactNode }) {
  return (
    <span className="score-bar">
      <span className="score-bar__track" aria-hidden="true">
        <span className="score-bar__fill" style={{ width: `${Math.max(0, Math.min(100, percent))}%` }} />
      </span>
      <span className="score-bar__value">{label}</span>
    </span>
  );
}

/** Moves focus to the page's main region (after switching between the form and the result). */
export function focusMain(): void {
  window.scrollTo(0, 0);
  document.getElementById('main')?.focus({ preventScroll: true });
}
