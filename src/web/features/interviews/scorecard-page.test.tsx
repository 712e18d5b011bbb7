// @vitest-environment happy-dom
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Scorecard } from '../../../modules/feedback/feedback.contract.ts';
import { createQueryClient } from '../../lib/query-client.ts';
import { sessionQueryKey } from '../../lib/session.ts';
import { ScorecardPage } from './scorecard-page.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const anchors = { '1': 'No evidence', '2': 'Some evidence', '3': 'Good evidence', '4': 'Strong evidence' };
function card(patch: Partial<Scorecard> = {}): Scorecard {
  return {
    id: 'sc-1',
    interviewId: 'iv-1',
    applicationId: 'app-1',
    candidateName: 'Ada Lovelace',
    interviewer: { id: 'u-1', name: 'Ivy Interviewer' },
    roundId: 'deep-dive',
    roundName: 'Deep dive',
    planVersionId: 'pv-1',
    status: 'draft',
    version: 1,
    revisions: 0,
    submittedAt: null,
    updatedAt: '2026-07-01T10:00:00.000Z',
    redacted: false,
    body: { ratings: {}, questionRatings: [], recommendation: null, notes: '', redFlags: [] },
    form: {
      competencies: [
        { id: 'arch', name: 'Architecture', weight: 50, anchors },
        { id: 'lead', name: 'Leadership', weight: 30, anchors },
        { id: 'comms', name: 'Communication', weight: 20, anchors },
      ],
      questions: [{ index: 0, questionRef: null, text: 'Walk me through a design.' }],
      evidenceRequired: true,
    },
    mine: true,
    ...patch,
  };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

let container: HTMLElement;
let root: Root;
let calls: { method: string; url: string; body: unknown }[];
let answers: ((body: unknown) => Response)[];

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  calls = [];
  answers = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const body = init?.body ? (JSON.parse(String(init.body)) as unknown) : undefined;
      calls.push({ method: init?.method ?? 'GET', url, body });
      const next = answers.shift();
      if (!next) throw new Error(`unexpected request ${init?.method} ${url}`);
      return next(body);
    }),
  );
});
afterEach(async () => {
  act(() => root.unmount());
  container.remove();
  // Unmounting flushes a pending autosave: let it reach the stub, not the network.
  await new Promise((r) => setTimeout(r, 50));
  vi.unstubAllGlobals();
});

async function waitFor(check: () => boolean, ms = 3000) {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out; page says: ${container.textContent}`);
    await act(async () => {
      await new Promise((r) => setTimeout(r, 20));
    });
  }
}

const byLabel = (label: string) => container.querySelector<HTMLInputElement>(`[aria-label="${label}"]`);
const text = () => container.textContent ?? '';

async function render() {
  const client = createQueryClient();
  client.setQueryData(sessionQueryKey, {
    user: { id: 'u-1', email: 'ivy@example.com', name: 'Ivy Interviewer' },
    organization: { id: 'o-1', name: 'Org', slug: 'org', role: 'interviewer', compliance: false },
    memberships: [],
    csrfToken: 'csrf',
  });
  const router = createMemoryRouter([{ path: '/interviews/:id/scorecard', element: <ScorecardPage /> }], { initialEntries: ['/interviews/iv-1/scorecard'] });
  await act(async () => {
    root.render(
      <QueryClientProvider client={client}>
        <RouterProvider router={router} />
      </QueryClientProvider>,
    );
  });
  await waitFor(() => !!byLabel('Architecture: 1'));
}

function click(el: HTMLElement | null) {
  if (!el) throw new Error('no such element');
  act(() => el.click());
}

describe('ScorecardPage', () => {
  it('gets or creates the draft, shows the labelled rating form and the live weighted total', async () => {
    answers.push(() => json(200, card()));
    await render();
    expect(calls[0]).toMatchObject({ method: 'POST', url: '/api/v1/interviews/iv-1/scorecard' });
    const legends = [...container.querySelectorAll('fieldset > legend')].map((l) => l.textContent);
    expect(legends).toEqual(expect.arrayContaining(['Architecture', 'Leadership', 'Communication', 'Overall recommendation', 'Red flags']));
    for (const label of ['Architecture: 1', 'Architecture: 4', 'Architecture: not assessed', 'Communication: 3']) expect(byLabel(label)).not.toBeNull();
    // The anchor text sits next to its radio.
    expect(byLabel('Architecture: 3')!.closest('label')!.textContent).toContain('Good evidence');
    const evidence = [...container.querySelectorAll('label')].find((l) => l.textContent === 'Evidence for Architecture')!;
    const area = container.querySelector<HTMLTextAreaElement>(`#${evidence.htmlFor}`)!;
    expect(area.required).toBe(true);
    expect(text()).toContain('Weighted total: —');
    expect(container.querySelector('details > summary')!.textContent).toBe('Rate individual questions');

    click(byLabel('Architecture: 4'));
    click(byLabel('Leadership: 2'));
    click(byLabel('Communication: not assessed'));
    expect(text()).toContain('Weighted total: 3.25 / 4');
    answers.push((body) => json(200, card({ version: 2, body: (body as { body: Scorecard['body'] }).body })));
  });

  it('autosaves a second after a change, carries the version, and stops on a conflict', async () => {
    answers.push(() => json(200, card()));
    await render();
    answers.push((body) => json(200, card({ version: 2, body: (body as { body: Scorecard['body'] }).body })));
    click(byLabel('Architecture: 3'));
    expect(calls).toHaveLength(1);
    await waitFor(() => text().includes('Draft saved'));
    expect(calls[1]).toMatchObject({
      method: 'PUT',
      url: '/api/v1/scorecards/sc-1',
      body: { baseVersion: 1, submit: false, body: { ratings: { arch: { rating: 3, evidence: '' } }, recommendation: null, notes: '', redFlags: [], questionRatings: [] } },
    });

    answers.push(() => json(409, { code: 'conflict', message: 'Stale version', details: { currentVersion: 5 } }));
    click(byLabel('Leadership: 1'));
    await waitFor(() => text().includes('This scorecard was changed elsewhere — reload'));
    expect((calls[2]!.body as { baseVersion: number }).baseVersion).toBe(2);
    const reload = [...container.querySelectorAll('button')].find((b) => b.textContent === 'Reload');
    expect(reload).toBeTruthy();
  });

  it('saves the last change right away when the page is left within the autosave delay', async () => {
    answers.push(() => json(200, card()));
    await render();
    answers.push((body) => json(200, card({ version: 2, body: (body as { body: Scorecard['body'] }).body })));
    click(byLabel('Leadership: 4'));
    act(() => root.unmount());
    root = createRoot(container);
    await waitFor(() => calls.length === 2, 500);
    expect(calls[1]).toMatchObject({ method: 'PUT', body: { baseVersion: 1, submit: false, body: { ratings: { lead: { rating: 4, evidence: '' } } } } });
  });

  it('shows the server field issues next to the fields on submit, then "Submitted" and "Edit scorecard"', async () => {
    answers.push(() => json(200, card()));
    await render();
    const submit = () => [...container.querySelectorAll('button')].find((b) => b.textContent === 'Submit scorecard')!;
    answers.push(() =>
      json(400, {
        code: 'invalid',
        message: 'The scorecard is not complete',
        details: { issues: [{ path: 'ratings.arch.evidence', message: 'Write the evidence for Architecture' }, { path: 'recommendation', message: 'Choose a recommendation' }] },
      }),
    );
    click(submit());
    await waitFor(() => text().includes('Write the evidence for Architecture'));
    const evidenceLabel = [...container.querySelectorAll('label')].find((l) => l.textContent === 'Evidence for Architecture')!;
    const area = container.querySelector<HTMLTextAreaElement>(`#${evidenceLabel.htmlFor}`)!;
    expect(area.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(area.getAttribute('aria-describedby')!.split(' ').at(-1)!)!.textContent).toBe('Write the evidence for Architecture');
    expect(text()).toContain('Choose a recommendation');

    answers.push((body) => json(200, card({ version: 3, status: 'submitted', submittedAt: '2026-07-01T12:00:00.000Z', body: (body as { body: Scorecard['body'] }).body })));
    click(submit());
    await waitFor(() => text().includes('Submitted'));
    expect((calls.at(-1)!.body as { submit: boolean }).submit).toBe(true);
    expect([...container.querySelectorAll('button')].some((b) => b.textContent === 'Edit scorecard')).toBe(true);
    expect(byLabel('Architecture: 1')!.closest('fieldset[disabled]')).not.toBeNull();

    // "Edit scorecard" only opens the form again: it must not submit (nor autosave) anything.
    const sent = calls.length;
    click([...container.querySelectorAll('button')].find((b) => b.textContent === 'Edit scorecard')!);
    await act(async () => {
      await new Promise((r) => setTimeout(r, 100));
    });
    expect(calls).toHaveLength(sent);
    expect(submit()).toBeTruthy();
    expect(byLabel('Architecture: 1')!.closest('fieldset[disabled]')).toBeNull();
    expect(text()).toContain('submitting it again records revision 1');
  });
});
