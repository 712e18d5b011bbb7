import type { ComponentProps } from 'react';
import { describedBy, FieldError, FieldHint, type FieldMessages, useFieldIds } from './text-field.tsx';

export type TextAreaFieldProps = FieldMessages & Omit<ComponentProps<'textarea'>, 'children'>;

/** A labelled multi-line input with an optional hint and an error under it. */
export function TextAreaField({ label, hint, error, id: explicitId, className, rows = 4, ...areaProps }: TextAreaFieldProps) {
  const ids = useFieldIds(explicitId);
  return (
    <div className={['field', className ?? ''].filter(Boolean).join(' ')}>
      <label className="field__label" htmlFor={ids.id}>
        {label}
      </label>
      {hint ? <FieldHint id={ids.hintId}>{hint}</FieldHint> : null}
      <textarea
        {...areaProps}
        id={ids.id}
        rows={rows}
        className="field__control field__control--textarea"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(ids, !!hint, !!error)}
      />
      <FieldError id={ids.errorId} message={error} />
    </div>
  );
}
