// @vitest-environment happy-dom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { useDomRoot } from '../testing/dom-root.ts';
import { SelectField } from './select-field.tsx';
import { TextField } from './text-field.tsx';

const dom = useDomRoot();

describe('TextField', () => {
  it('binds its visible label to the input', () => {
    act(() => dom.root.render(<TextField label="Work email" type="email" name="email" />));
    const label = dom.container.querySelector('label')!;
    const input = dom.container.querySelector('input')!;
    expect(label.textContent).toBe('Work email');
    expect(label.getAttribute('for')).toBe(input.id);
    expect(input.id).toMatch(/^[a-zA-Z0-9_-]+$/);
    expect(input.type).toBe('email');
    expect(input.getAttribute('aria-invalid')).toBeNull();
    expect(input.getAttribute('aria-describedby')).toBeNull();
  });

  it('describes the input by its hint and error and marks it invalid', () => {
    act(() => dom.root.render(<TextField label="Password" hint="At least 10 characters." error="Use at least 10 characters" />));
    const input = dom.container.querySelector('input')!;
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const ids = input.getAttribute('aria-describedby')!.split(' ');
    expect(ids).toHaveLength(2);
    expect(ids.map((id) => document.getElementById(id)!.textContent)).toEqual(['At least 10 characters.', 'Use at least 10 characters']);
  });

  it('gives two fields distinct ids', () => {
    act(() =>
      dom.root.render(
        <>
          <TextField label="A" />
          <TextField label="B" />
        </>,
      ),
    );
    const [a, b] = [...dom.container.querySelectorAll('input')];
    expect(a!.id).not.toBe(b!.id);
  });
});

describe('SelectField', () => {
  it('renders its options under a bound label', () => {
    const options = [
      { value: 'admin', label: 'Admin' },
      { value: 'interviewer', label: 'Interviewer' },
    ];
    act(() => dom.root.render(<SelectField label="Role" options={options} defaultValue="interviewer" />));
    const select = dom.container.querySelector('select')!;
    expect(dom.container.querySelector('label')!.getAttribute('for')).toBe(select.id);
    expect([...select.options].map((o) => [o.value, o.textContent])).toEqual([
      ['admin', 'Admin'],
      ['interviewer', 'Interviewer'],
    ]);
    expect(select.value).toBe('interviewer');
  });
});
