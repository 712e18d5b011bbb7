import type { ReactNode } from 'react';
import { useFieldIds } from './text-field.tsx';

export interface ChoiceOption {
  value: string;
  label: ReactNode;
}

interface GroupProps {
  /** The question: the fieldset's legend, read out with every option. */
  legend: ReactNode;
  description?: ReactNode;
  error?: string | undefined;
  /** Puts the options side by side (a short scale) instead of one per line. */
  inline?: boolean;
  className?: string;
  disabled?: boolean;
}

function groupClass(inline: boolean | undefined, error: string | undefined, extra?: string) {
  return ['choice-group', inline ? 'choice-group--inline' : '', error ? 'choice-group--invalid' : '', extra ?? ''].filter(Boolean).join(' ');
}

function GroupFrame({ legend, description, error, inline, className, ids, children }: GroupProps & { ids: ReturnType<typeof useFieldIds>; children: ReactNode }) {
  const describedBy = [description ? ids.hintId : '', error ? ids.errorId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className={groupClass(inline, error, className)} aria-describedby={describedBy}>
      <legend className="choice-group__legend">{legend}</legend>
      {description ? (
        <p className="choice-group__description" id={ids.hintId}>
          {description}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={ids.errorId}>
          {error}
        </p>
      ) : null}
      <div className="choice-group__options">{children}</div>
    </fieldset>
  );
}

/** One answer from a list: radio buttons in a fieldset whose legend is the question. */
export function RadioGroup({
  name,
  options,
  value,
  onChange,
  ...group
}: GroupProps & { name: string; options: readonly ChoiceOption[]; value: string | undefined; onChange: (value: string) => void }) {
  const ids = useFieldIds();
  return (
    <GroupFrame {...group} ids={ids}>
      {options.map((o, i) => (
        <label key={o.value} className="choice" htmlFor={`${ids.id}-${i}`}>
          <input
            id={`${ids.id}-${i}`}
            type="radio"
            name={name}
            value={o.value}
            checked={value === o.value}
            disabled={group.disabled}
            aria-invalid={group.error ? true : undefined}
            onChange={() => onChange(o.value)}
          />
          <span className="choice__label">{o.label}</span>
        </label>
      ))}
    </GroupFrame>
  );
}

/** Any number of answers from a list: checkboxes in a fieldset whose legend is the question. */
export function CheckboxGroup({
  name,
  options,
  value,
  onChange,
  ...group
}: GroupProps & { name: string; options: readonly ChoiceOption[]; value: readonly string[]; onChange: (value: string[]) => void }) {
  const ids = useFieldIds();
  const toggle = (v: string, on: boolean) => {
    // Keep the options' order, whatever order they were ticked in.
    const next = new Set(value);
    if (on) next.add(v);
    else next.delete(v);
    onChange(options.map((o) => o.value).filter((x) => next.has(x)));
  };
  return (
    <GroupFrame {...group} ids={ids}>
      {options.map((o, i) => (
        <label key={o.value} className="choice" htmlFor={`${ids.id}-${i}`}>
          <input
            id={`${ids.id}-${i}`}
            type="checkbox"
            name={name}
            value={o.value}
            checked={value.includes(o.value)}
            disabled={group.disabled}
            onChange={(e) => toggle(o.value, e.target.checked)}
          />
          <span className="choice__label">{o.label}</span>
        </label>
      ))}
    </GroupFrame>
  );
}
