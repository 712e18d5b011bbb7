// @vitest-environment happy-dom
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { json, useFakeApi } from '../../testing/fake-api.ts';
import type { Outcome } from '../../../modules/outcomes/outcomes.contract.ts';
import { createQueryClient } from '../../lib/query-client.ts';
import { OutcomesCard } from './outcomes-card.tsx';
import { nextCheckpoint, outcomeBody, outcomeFormValues } from './outcomes-model.ts';

const sixMonths: Outcome = {
  id: 'o-1',
  applicationId: 'app-1',
  checkpoint: '6m',
  performanceRating: 4,
  retained: true,
  rampDays: 45,
  regrettedAttrition: null,
  managerSatisfaction: null,
  note: 'Strong first half',
  recordedByName: 'Hana Manager',
  recordedAt: '2026-07-01T10:00:00.000Z',
  updatedAt: '2026-07-01T10:00:00.000Z',
};

describe('outcome form model', () => {
  it('builds the body from the form, reading Unknown as null', () => {
    const v = { ...outcomeFormValues('3m', undefined), performanceRating: '4', retained: 'no' as const, rampDays: ' 30 ', note: '  fine ' };
    expect(outcomeBody(v)).toEqual({ body: { performanceRating: 4, retained: false, rampDays: 30, regrettedAttrition: null, managerSatisfaction: null, note: 'fine' } });
    expect(outcomeFormValues('6m', sixMonths)).toEqual({ checkpoint: '6m', performanceRating: '4', retained: 'yes', rampDays: '45', regrettedAttrition: '', managerSatisfaction: '', note: 'Strong first half' });
    expect(nextCheckpoint([sixMonths])).toBe('3m');
  });

  it('names the field of each problem and asks for one measure', () => {
    expect(outcomeBody({ ...outcomeFormValues('3m', undefined), rampDays: '-2' }).errors).toEqual({ rampDays: 'Enter a whole number of days (0 or more)' });
    expect(outcomeBody({ ...outcomeFormValues('3m', undefined), note: 'only a note' }).errors).toEqual({ performanceRating: expect.stringMatching(/at least one measure/) });
  });
});

const api = useFakeApi();
const { dom, text, control } = api;
const waitFor = (check: () => boolean, ms?: number) => api.waitFor(check, ms);
async function change(label: string, value: string) {
  const el = control<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(label);
  const proto = el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  await act(async () => {
    Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(el, value);
    el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });
}
async function save() {
  const b = [...dom.container.querySelectorAll('button')].find((x) => x.textContent === 'Save outcome')!;
  await act(async () => b.click());
}

describe('OutcomesCard', () => {
  it('lists the recorded checkpoints, edits one, and shows problems under their fields', async () => {
    let items = [sixMonths];
    api.routes['GET /api/v1/applications/app-1/outcomes'] = () => json(200, { applicationId: 'app-1', hired: true, items });
    await act(async () => {
      dom.root.render(
        <QueryClientProvider client={createQueryClient()}>
          <OutcomesCard applicationId="app-1" />
        </QueryClientProvider>,
      );
    });
    await waitFor(() => text().includes('6 months'));
    expect(text()).toContain('Performance 4/5 · Retained: Yes · Ramp 45 days');
    expect(control<HTMLSelectElement>('Checkpoint').value).toBe('3m');

    // Client-side check: the ramp time field says what is wrong; nothing is sent.
    await change('Ramp time (days)', 'soon');
    await save();
    expect(text()).toContain('Enter a whole number of days (0 or more)');
    expect(api.calls.filter((c) => c.method === 'PUT')).toEqual([]);

    // Editing the 6-month outcome loads its values; the server's field error lands under its field.
    await change('Checkpoint', '6m');
    expect(control<HTMLSelectElement>('Performance rating (1–5)').value).toBe('4');
    api.routes['PUT /api/v1/applications/app-1/outcomes/6m'] = () =>
      json(400, { code: 'invalid', message: 'Invalid body', details: { issues: [{ path: 'managerSatisfaction', message: 'Use a rating from 1 to 5' }] }, requestId: 'r' });
    await change('Manager satisfaction (1–5)', '5');
    await save();
    await waitFor(() => text().includes('Use a rating from 1 to 5'));
    expect(api.calls.at(-1)).toMatchObject({ method: 'PUT', body: { performanceRating: 4, retained: true, rampDays: 45, managerSatisfaction: 5, note: 'Strong first half' } });

    api.routes['PUT /api/v1/applications/app-1/outcomes/6m'] = (body) => {
      items = [{ ...sixMonths, ...(body as object) }];
      return json(200, items[0]);
    };
    await change('Retained', 'no');
    await save();
    await waitFor(() => text().includes('Saved the 6 months outcome.'));
    await waitFor(() => text().includes('Retained: No'));
  });
});
