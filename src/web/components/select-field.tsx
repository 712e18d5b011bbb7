import type { ComponentProps } from 'react';
import { describedBy, FieldError, FieldHint, type FieldMessages, useFieldIds } from './text-field.tsx';

export interface SelectOption {
  value: string;
  label: string;
}

export type SelectFieldProps = FieldMessages & Omit<ComponentProps<'select'>, 'children'> & { options: readonly SelectOption[] };

export function SelectField({ label, hint, error, id: explicitId, className, options, ...selectProps }: SelectFieldProps) {
  const ids = useFieldIds(explicitId);
  return (
    <div className={['field', className ?? ''].filter(Boolean).join(' ')}>
      <label className="field__label" htmlFor={ids.id}>
        {label}
      </label>
      {hint ? <FieldHint id={ids.hintId}>{hint}</FieldHint> : null}
      <select
        {...selectProps}
        id={ids.id}
        className="field__control field__control--select"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(ids, !!hint, !!error)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError id={ids.errorId} message={error} />
    </div>
  );
}
