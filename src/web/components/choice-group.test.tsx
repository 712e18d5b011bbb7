// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CheckboxGroup, RadioGroup } from './choice-group.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLElement;
let root: Root;
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

const options = [
  { value: 'a', label: 'Alpha' },
  { value: 'b', label: 'Beta' },
  { value: 'c', label: 'Gamma' },
];

describe('RadioGroup', () => {
  it('is a fieldset named by its legend, each radio bound to its label, described by hint and error', () => {
    const onChange = vi.fn();
    act(() => root.render(<RadioGroup name="q" legend="Pick one" description="Only one." error="Choose one" options={options} value="b" onChange={onChange} />));
    const fieldset = container.querySelector('fieldset')!;
    expect(fieldset.querySelector('legend')!.textContent).toBe('Pick one');
    const described = fieldset.getAttribute('aria-describedby')!.split(' ').map((id) => document.getElementById(id)!.textContent);
    expect(described).toEqual(['Only one.', 'Choose one']);
    const radios = [...container.querySelectorAll<HTMLInputElement>('input[type=radio]')];
    expect(radios.map((r) => container.querySelector(`label[for="${r.id}"]`)!.textContent)).toEqual(['Alpha', 'Beta', 'Gamma']);
    expect(radios.map((r) => r.checked)).toEqual([false, true, false]);
    act(() => radios[2]!.click());
    expect(onChange).toHaveBeenCalledWith('c');
  });
});

describe('CheckboxGroup', () => {
  it('reports the ticked values in the options’ order', () => {
    const onChange = vi.fn();
    act(() => root.render(<CheckboxGroup name="m" legend="Pick any" options={options} value={['c']} onChange={onChange} />));
    const boxes = [...container.querySelectorAll<HTMLInputElement>('input[type=checkbox]')];
    act(() => boxes[0]!.click());
    expect(onChange).toHaveBeenLastCalledWith(['a', 'c']);
    act(() => boxes[2]!.click());
    expect(onChange).toHaveBeenLastCalledWith([]);
  });
});
