import { type ComponentProps, type ReactNode, useId } from 'react';

export interface FieldMessages {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
}

/** Ids that tie a control to its hint and error, for aria-describedby. */
export function useFieldIds(explicitId?: string) {
  const generated = useId();
  const id = explicitId ?? `f${generated.replace(/[^a-zA-Z0-9_-]/g, '')}`;
  return { id, hintId: `${id}-hint`, errorId: `${id}-error` };
}

export function describedBy(ids: { hintId: string; errorId: string }, hasHint: boolean, hasError: boolean): string | undefined {
  const list = [hasHint ? ids.hintId : '', hasError ? ids.errorId : ''].filter(Boolean);
  return list.length ? list.join(' ') : undefined;
}

export function FieldHint({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p className="field__hint" id={id}>
      {children}
    </p>
  );
}

export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="field__error" id={id}>
      {message}
    </p>
  );
}

export type TextFieldProps = FieldMessages & Omit<ComponentProps<'input'>, 'children'>;

/** A labelled input with an optional hint and an error under it, wired for assistive technology. */
export function TextField({ label, hint, error, id: explicitId, className, type = 'text', ...inputProps }: TextFieldProps) {
  const ids = useFieldIds(explicitId);
  return (
    <div className={['field', className ?? ''].filter(Boolean).join(' ')}>
      <label className="field__label" htmlFor={ids.id}>
        {label}
      </label>
      {hint ? <FieldHint id={ids.hintId}>{hint}</FieldHint> : null}
      <input
        {...inputProps}
        id={ids.id}
        type={type}
        className="field__control"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(ids, !!hint, !!error)}
      />
      <FieldError id={ids.errorId} message={error} />
    </div>
  );
}
