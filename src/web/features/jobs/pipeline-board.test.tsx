// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useDomRoot } from '../../testing/dom-root.ts';
import type { Application } from '../../../modules/candidates/candidates.contract.ts';
import type { Job } from '../../../modules/openings/openings.contract.ts';
import { PipelineBoard } from './pipeline-board.tsx';

const job: Job = {
  id: '00000000-0000-4000-8000-000000000001',
  title: 'CTO',
  roleId: 'cto',
  orgRoleId: null,
  planId: 'p',
  planTitle: 'CTO plan',
  planVersionId: 'pv',
  location: 'Berlin',
  remotePolicy: 'hybrid',
  status: 'open',
  stages: [
    { id: 'applied', name: 'Applied', kind: 'applied', roundId: null },
    { id: 'screen', name: 'Screen', kind: 'interview', roundId: 'screen' },
    { id: 'offer', name: 'Offer', kind: 'offer', roundId: null },
    { id: 'rejected', name: 'Rejected', kind: 'rejected', roundId: null },
  ],
  team: [],
  archived: false,
  access: 'manage',
  counts: { total: 1, active: 1, byStage: { applied: 1 } },
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

const app: Application = {
  id: '00000000-0000-4000-8000-0000000000a1',
  jobId: job.id,
  jobTitle: job.title,
  candidateId: '00000000-0000-4000-8000-0000000000c1',
  candidateName: 'Ada Lovelace',
  candidateEmail: 'ada@example.test',
  stage: 'applied',
  stageName: 'Applied',
  status: 'active',
  rejectionReason: null,
  rejectionNote: null,
  version: 1,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

const dom = useDomRoot();
afterEach(() => {
  vi.unstubAllGlobals();
});

async function render(canManage: boolean) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const router = createMemoryRouter([
    {
      path: '/',
      element: (
        <QueryClientProvider client={client}>
          <PipelineBoard job={job} applications={[app]} canManage={canManage} onMoved={() => undefined} />
        </QueryClientProvider>
      ),
    },
  ]);
  await act(async () => dom.root.render(<RouterProvider router={router} />));
}

const labelled = (text: string) => {
  const label = [...dom.container.querySelectorAll('label')].find((l) => l.textContent === text);
  return label ? dom.container.querySelector<HTMLSelectElement | HTMLTextAreaElement>(`#${CSS.escape(label.htmlFor)}`) : null;
};

describe('PipelineBoard', () => {
  it('has a column per stage headed by its name, and a card linking to the candidate', async () => {
    await render(false);
    expect([...dom.container.querySelectorAll('h3')].map((h) => h.textContent)).toEqual(['Applied', 'Screen', 'Offer', 'Rejected']);
    const link = dom.container.querySelector('a');
    expect(link?.textContent).toBe('Ada Lovelace');
    expect(link?.getAttribute('href')).toBe(`/candidates/${app.candidateId}`);
    // Visitors without manage rights get no move controls.
    expect(labelled('Move to')).toBeNull();
  });

  it('offers the other stages, starting at the next one, and asks for a reason before a rejection', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify({ items: [{ code: 'not_a_fit', label: 'Not a fit' }] }), { headers: { 'content-type': 'application/json' } })),
    );
    await render(true);
    const select = labelled('Move to') as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual(['Screen', 'Offer', 'Rejected']);
    expect(select.value).toBe('screen');
    // The select is described by the candidate's name, so each card's control is told apart.
    expect(document.getElementById(select.getAttribute('aria-describedby')!)?.textContent).toBe('Ada Lovelace');

    await act(async () => {
      select.value = 'rejected';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    const move = [...dom.container.querySelectorAll('button')].find((b) => b.textContent === 'Move')!;
    await act(async () => move.click());

    const reason = labelled('Reason') as HTMLSelectElement;
    expect(reason).not.toBeNull();
    expect(labelled('Note')).not.toBeNull();
    await vi.waitFor(() => expect([...reason.options].map((o) => o.textContent)).toEqual(['Choose a reason', 'Not a fit']));
    const reject = [...dom.container.querySelectorAll('button')].find((b) => b.textContent === 'Reject')!;
    await act(async () => reject.click());
    expect(dom.container.textContent).toContain('Choose a reason');
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    // Only the reasons were fetched: nothing was moved without a reason.
    expect(vi.mocked(fetch).mock.calls.map((c) => String(c[0]))).toEqual(['/api/v1/hiring/rejection-reasons']);
  });
});
