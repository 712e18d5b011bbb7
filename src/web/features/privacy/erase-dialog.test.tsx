// @vitest-environment happy-dom
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import type { ErasureReceipt } from '../../../modules/privacy/privacy.contract.ts';
import { createQueryClient } from '../../lib/query-client.ts';
import { json, useFakeApi } from '../../testing/fake-api.ts';
import { EraseDialog } from './erase-dialog.tsx';

const api = useFakeApi();
const { dom, text, control } = api;
const waitFor = (check: () => boolean, ms?: number) => api.waitFor(check, ms);

const receipt: ErasureReceipt = {
  id: '0b9c1d2e-3f40-4a5b-8c6d-7e8f90a1b2c3',
  subjectId: '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d',
  trigger: 'request',
  requestId: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
  policyId: null,
  erasedBy: { id: 'u-1', name: 'Bruno Alvarez' },
  erasedAt: '2026-03-02T12:00:00.000Z',
  removed: { candidates: 1, scorecard_notes: 2, emails: 3 },
  kept: { applications: 1, stage_moves: 4 },
  digest: 'sha256:abc123',
};

async function type(label: string, value: string) {
  const el = control(label);
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
const eraseButton = () => [...dom.container.querySelectorAll('button')].find((b) => b.textContent === 'Erase for good')!;

async function render(props: { requestId?: string; onErased?: (r: ErasureReceipt) => void } = {}) {
  await act(async () => {
    dom.root.render(
      <QueryClientProvider client={createQueryClient()}>
        <MemoryRouter>
          <EraseDialog candidateId="c-1" candidateName="Priya Raman" onClose={() => undefined} {...props} />
        </MemoryRouter>
      </QueryClientProvider>,
    );
  });
}

describe('EraseDialog', () => {
  it('explains what happens and keeps the button disabled until the name matches', async () => {
    await render();
    expect(dom.container.querySelector('[role="dialog"]')).not.toBeNull();
    expect(text()).toContain('Erase Priya Raman?');
    expect(text()).toContain('removed everywhere');
    expect(text()).toContain('applications stay');
    expect(text()).toContain('cannot be undone');
    expect(eraseButton().disabled).toBe(true);
    await type('Type the candidate’s name to confirm', 'Priya');
    expect(eraseButton().disabled).toBe(true);
    await type('Type the candidate’s name to confirm', 'priya raman');
    expect(eraseButton().disabled).toBe(true); // case matters
    await type('Type the candidate’s name to confirm', '  Priya   Raman ');
    expect(eraseButton().disabled).toBe(false); // spaces around and doubled do not
    await type('Type the candidate’s name to confirm', 'Priya Ramen');
    expect(eraseButton().disabled).toBe(true);
    expect(api.calls).toEqual([]);
  });

  it('shows the server’s 409 under a legal hold and erases nothing', async () => {
    api.routes['POST /api/v1/candidates/c-1/erase'] = () =>
      json(409, { code: 'conflict', message: 'This candidate is under a legal hold; release it first', requestId: 'r' });
    const onErased = vi.fn();
    await render({ onErased });
    await type('Type the candidate’s name to confirm', 'Priya Raman');
    await act(async () => eraseButton().click());
    await waitFor(() => text().includes('under a legal hold'));
    const alert = dom.container.querySelector('[role="alert"]')!;
    expect(alert.textContent).toBe('Not erased: This candidate is under a legal hold; release it first');
    expect(api.calls.map((c) => c.body)).toEqual([{ confirmName: 'Priya Raman' }]);
    expect(onErased).not.toHaveBeenCalled();
    expect(text()).not.toContain('Candidate erased');
  });

  it('sends the request id, then shows the receipt with its downloads and the way back', async () => {
    api.routes['POST /api/v1/candidates/c-1/erase'] = () => json(200, receipt);
    const onErased = vi.fn();
    await render({ requestId: receipt.requestId!, onErased });
    await type('Type the candidate’s name to confirm', 'Priya Raman');
    await act(async () => eraseButton().click());
    await waitFor(() => text().includes('Candidate erased'));
    expect(api.calls.map((c) => c.body)).toEqual([{ confirmName: 'Priya Raman', requestId: receipt.requestId }]);
    expect(onErased).toHaveBeenCalledWith(receipt);
    expect(text()).toContain(receipt.id);
    expect(text()).toContain('6 rows: emails 3, scorecard notes 2, candidates 1');
    expect(text()).toContain('5 rows: stage moves 4, applications 1');
    const links = [...dom.container.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href')]);
    expect(links).toEqual([
      ['Download receipt (JSON)', `/api/v1/privacy/receipts/${receipt.id}?format=json`],
      ['Open printable receipt', `/api/v1/privacy/receipts/${receipt.id}?format=html`],
      ['Back to jobs and candidates', '/jobs'],
    ]);
    // The confirmation field is gone with the form.
    expect(dom.container.querySelector('input')).toBeNull();
  });
});
