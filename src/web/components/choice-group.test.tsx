// @vitest-environment happy-dom
import { act } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { useDomRoot } from '../testing/dom-root.ts';
import { CheckboxGroup, RadioGroup } from './choice-group.tsx';

const dom = useDomRoot();

const options = [
  { value: 'a', label: 'Alpha' },
  { value: 'b', label: 'Beta' },
  { value: 'c', label: 'Gamma' },
];

describe('RadioGroup', () => {
  it('is a fieldset named by its legend, each radio bound to its label, described by hint and error', () => {
    const onChange = vi.fn();
    act(() => dom.root.render(<RadioGroup name="q" legend="Pick one" description="Only one." error="Choose one" options={options} value="b" onChange={onChange} />));
    const fieldset = dom.container.querySelector('fieldset')!;
    expect(fieldset.querySelector('legend')!.textContent).toBe('Pick one');
    const described = fieldset.getAttribute('aria-describedby')!.split(' ').map((id) => document.getElementById(id)!.textContent);
    expect(described).toEqual(['Only one.', 'Choose one']);
    const radios = [...dom.container.querySelectorAll<HTMLInputElement>('input[type=radio]')];
    expect(radios.map((r) => dom.container.querySelector(`label[for="${r.id}"]`)!.textContent)).toEqual(['Alpha', 'Beta', 'Gamma']);
    expect(radios.map((r) => r.checked)).toEqual([false, true, false]);
    act(() => radios[2]!.click());
    expect(onChange).toHaveBeenCalledWith('c');
  });
});

describe('CheckboxGroup', () => {
  it('reports the ticked values in the options’ order', () => {
    const onChange = vi.fn();
    act(() => dom.root.render(<CheckboxGroup name="m" legend="Pick any" options={options} value={['c']} onChange={onChange} />));
    const boxes = [...dom.container.querySelectorAll<HTMLInputElement>('input[type=checkbox]')];
    act(() => boxes[0]!.click());
    expect(onChange).toHaveBeenLastCalledWith(['a', 'c']);
    act(() => boxes[2]!.click());
    expect(onChange).toHaveBeenLastCalledWith([]);
  });
});
