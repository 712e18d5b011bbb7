// @vitest-environment happy-dom
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { json, useFakeApi } from '../../testing/fake-api.ts';
import type { TranscriptView } from '../../../modules/intelligence/intelligence.contract.ts';
import { createQueryClient } from '../../lib/query-client.ts';
import { sessionQueryKey } from '../../lib/session.ts';
import { TranscriptEvidence } from './scorecard-evidence.tsx';
import { transcriptKey } from './intelligence-queries.ts';
import { transcriptFixture } from './transcript-fixture.ts';
import { TranscriptPage } from './transcript-page.tsx';

const kit = {
  interview: {
    id: 'iv-1',
    applicationId: 'app-1',
    jobId: 'job-1',
    jobTitle: 'Chief Technology Officer',
    candidateId: 'c-1',
    candidateName: 'Ada Quinn',
    roundId: 'deep-dive',
    roundName: 'Deep dive',
    startsAt: '2026-07-01T10:00:00.000Z',
    endsAt: '2026-07-01T11:00:00.000Z',
    timeZone: 'UTC',
    location: '',
    status: 'scheduled',
    interviewers: [{ userId: 'u-1', name: 'Ivy Interviewer', scorecard: 'none', scorecardId: null }],
    shadows: [],
    sequence: 0,
  },
  round: { id: 'deep-dive', name: 'Deep dive', kind: 'deep-dive', minutes: 60, interviewerDirections: '', candidateDirections: '', questions: [] },
  competencies: [],
  evidenceRequired: false,
  resume: null,
  scorecardId: null,
};

const consent = {
  id: 'cs-1',
  candidateId: 'c-1',
  interviewId: 'iv-1',
  kind: 'recording',
  wordingVersion: 'recording-notice-v1',
  givenAt: '2026-07-01T09:55:00.000Z',
  withdrawnAt: null,
  recordedByName: 'Ivy Interviewer',
};

function richView(): TranscriptView {
  const v = transcriptFixture();
  v.analysis.coverage = {
    asked: [{ index: 0, text: 'Tell me about a cost programme.', exchange: 0, similarity: 0.9, startMs: 0 }],
    skipped: [{ index: 1, text: 'How do you hire?' }],
    unplanned: [{ exchange: 1, text: 'What else?', startMs: 30_000 }],
    threshold: 0.45,
  };
  v.analysis.speakers = [
    { speaker: 'Ivy', role: 'interviewer', name: 'Ivy Interviewer', talkMs: 9_000, share: 0.3, turns: 2, words: 12 },
    { speaker: 'Ada', role: 'candidate', name: 'Ada Quinn', talkMs: 31_000, share: 0.7, turns: 2, words: 10 },
  ];
  v.analysis.summary = { strongest: [{ competencyId: 'infra', quote: 'I cut cloud cost by 40 percent.', startMs: 8_000 }], probeNext: ['Planned question not asked: "How do you hire?"'] };
  return v;
}

const api = useFakeApi();
const { dom, text, control } = api;
const waitFor = (check: () => boolean, ms?: number) => api.waitFor(check, ms);
const button = (name: string) => [...dom.container.querySelectorAll('button')].find((b) => b.textContent === name);
async function click(el: HTMLElement | undefined | null) {
  if (!el) throw new Error('no such element');
  await act(async () => el.click());
}

async function render(path = '/interviews/iv-1/transcript') {
  const client = createQueryClient();
  client.setQueryData(sessionQueryKey, {
    user: { id: 'u-1', email: 'ivy@example.com', name: 'Ivy Interviewer' },
    organization: { id: 'o-1', name: 'Org', slug: 'org', role: 'interviewer', compliance: false },
    memberships: [],
    csrfToken: 'csrf',
  });
  const router = createMemoryRouter([{ path: '/interviews/:id/transcript', element: <TranscriptPage /> }], { initialEntries: [path] });
  await act(async () => {
    dom.root.render(
      <QueryClientProvider client={client}>
        <RouterProvider router={router} />
      </QueryClientProvider>,
    );
  });
  return client;
}

describe('TranscriptPage', () => {
  it('shows consent, file, the marked conversation and every panel, opening at ?t=', async () => {
    api.routes['GET /api/v1/interviews/iv-1/kit'] = () => json(200, kit);
    api.routes['GET /api/v1/interviews/iv-1/consents'] = () => json(200, { required: true, given: true, items: [consent] });
    api.routes['GET /api/v1/interviews/iv-1/transcript?redact=false'] = () => json(200, richView());
    await render('/interviews/iv-1/transcript?t=31500');
    await waitFor(() => text().includes('Risk flags'));

    expect(dom.container.querySelector('h1')!.textContent).toBe('Transcript');
    expect(text()).toContain('Ada Quinn · Deep dive');
    expect(text()).toContain('Recording consent recorded');
    expect(text()).toContain('recording-notice-v1');
    expect(button('Withdraw consent')).toBeTruthy();
    expect(control('Transcript file (VTT, SRT, TXT or JSON)').type).toBe('file');
    expect(button('Replace transcript')).toBeTruthy();
    expect(button('Delete transcript')).toBeTruthy();
    expect(control('Blind review (hide personal details)').type).toBe('checkbox');

    // ?t= opened the conversation at the candidate's turn at 00:31.
    const target = dom.container.querySelector('[aria-current="location"]')!;
    expect(target.id).toBe('tx-turn-3');
    expect(document.activeElement).toBe(target);

    // Flags: human category, quote, jump, explanation and the alternative.
    expect(text()).toContain('Family status');
    expect(text()).toContain('Ask instead: Can you meet the travel schedule?');
    await click(button('Jump to 00:05'));
    expect(document.activeElement!.id).toBe('tx-turn-0');
    const flagMark = dom.container.querySelector('#tx-turn-0 mark.tx-mark--flag')!;
    expect(flagMark.getAttribute('title')).toBe('Risk flag: Family status');
    expect(dom.container.querySelector('#tx-turn-1 mark.tx-mark--evidence')!.getAttribute('title')).toBe('Evidence for Infrastructure');

    // Speaker names with their role in words.
    expect(dom.container.querySelector('#tx-turn-0 .tx-speaker')!.textContent).toBe('Ivy Interviewer');
    expect(dom.container.querySelector('#tx-turn-0 .tx-role')!.textContent).toBe('Interviewer');
    expect(dom.container.querySelector('#tx-turn-1 .tx-role')!.textContent).toBe('Candidate');

    expect(text()).toContain('1 of 2 planned questions asked.');
    expect(text()).toContain('Unplanned questions');
    expect(text()).toContain('Candidate share of talk time: 70%');
    expect(text()).toContain('Suggested rating (draft): 3 — confidence 50%');
    expect(text()).toContain('Probe next round');

    const who = control<HTMLSelectElement>('Who is Ivy?');
    expect([...who.options].map((o) => o.textContent)).toEqual(['Interviewer: Ivy Interviewer', 'Interviewer (not on the panel)', 'Candidate: Ada Quinn', 'Other']);
    expect(who.value).toBe('interviewer:u-1');
    expect(control<HTMLSelectElement>('Who is Ada?').value).toBe('candidate:c-1');

    api.routes['PUT /api/v1/interviews/iv-1/transcript/speakers'] = () => json(200, richView());
    await click(button('Save speakers'));
    await waitFor(() => text().includes('Speakers saved'));
    expect(api.calls.at(-1)!.body).toEqual({
      mapping: [
        { speaker: 'Ivy', role: 'interviewer', participantId: 'u-1' },
        { speaker: 'Ada', role: 'candidate', participantId: 'c-1' },
      ],
    });
  });

  it('asks for consent first and explains a refused upload', async () => {
    let given = false;
    api.routes['GET /api/v1/interviews/iv-1/kit'] = () => json(200, kit);
    api.routes['GET /api/v1/interviews/iv-1/consents'] = () => json(200, given ? { required: true, given: true, items: [consent] } : { required: true, given: false, items: [] });
    api.routes['GET /api/v1/interviews/iv-1/transcript?redact=false'] = () => json(404, { code: 'not_found', message: 'Transcript not found' });
    await render();
    await waitFor(() => !!button('Upload transcript'));
    expect(text()).toContain('No recording consent yet');
    expect(control('Consent wording version').value).toBe('recording-notice-v1');
    expect(button('Delete transcript')).toBeUndefined();

    // Nothing chosen: the error sits under the file field.
    await click(button('Upload transcript'));
    expect(text()).toContain('Choose a transcript file');

    const input = control('Transcript file (VTT, SRT, TXT or JSON)');
    const file = new File([new Uint8Array([0xff, 0xfe, 0x57, 0x00])], 'interview.vtt');
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    api.routes['PUT /api/v1/interviews/iv-1/transcript'] = () =>
      json(409, { code: 'conflict', message: 'Record the candidate’s consent to recording before adding a transcript', details: { field: 'consent' } });
    await click(button('Upload transcript'));
    await waitFor(() => text().includes('Record the candidate’s consent first'));
    expect(api.calls.find((c) => c.method === 'PUT')!.body).toEqual({ fileName: 'interview.vtt', dataBase64: '//5XAA==' });

    api.routes['PUT /api/v1/interviews/iv-1/transcript'] = () =>
      json(400, { code: 'invalid', message: 'No transcript cues found in interview.vtt (read as vtt)', details: { issues: [{ path: 'line 1', message: 'Missing WEBVTT' }] } });
    await click(button('Upload transcript'));
    await waitFor(() => text().includes('Line 1: Missing WEBVTT'));
    expect(dom.container.querySelector('[role="alert"]')!.textContent).toContain('No transcript cues found');

    api.routes['POST /api/v1/interviews/iv-1/consents'] = () => {
      given = true;
      return json(201, consent);
    };
    await click(button('Record consent'));
    await waitFor(() => text().includes('Recording consent recorded'));
    expect(api.calls.find((c) => c.method === 'POST')!.body).toEqual({ wordingVersion: 'recording-notice-v1' });
  });

  it('refetches the blind view and keeps speakers read-only there', async () => {
    const redacted = { ...richView(), redacted: true };
    api.routes['GET /api/v1/interviews/iv-1/kit'] = () => json(200, kit);
    api.routes['GET /api/v1/interviews/iv-1/consents'] = () => json(200, { required: false, given: false, items: [] });
    api.routes['GET /api/v1/interviews/iv-1/transcript?redact=false'] = () => json(200, richView());
    api.routes['GET /api/v1/interviews/iv-1/transcript?redact=true'] = () => json(200, redacted);
    await render();
    await waitFor(() => text().includes('Risk flags'));
    await click(control('Blind review (hide personal details)'));
    await waitFor(() => text().includes('Blind review: personal details are hidden.'));
    expect(api.calls.some((c) => c.url.endsWith('redact=true'))).toBe(true);
    expect(button('Save speakers')!.disabled).toBe(true);
  });
});

describe('TranscriptEvidence (scorecard)', () => {
  async function renderEvidence(data: TranscriptView | null) {
    const client = createQueryClient();
    client.setQueryData(transcriptKey('iv-1', false), data);
    const router = createMemoryRouter(
      [{ path: '/', element: <TranscriptEvidence interviewId="iv-1" competencyId="infra" competencyName="Infrastructure" /> }],
      { initialEntries: ['/'] },
    );
    await act(async () => {
      dom.root.render(
        <QueryClientProvider client={client}>
          <RouterProvider router={router} />
        </QueryClientProvider>,
      );
    });
  }

  it('lists the quotes with time and strength and the draft suggestion, collapsed', async () => {
    await renderEvidence(richView());
    const details = dom.container.querySelector('details')!;
    expect(details.open).toBe(false);
    expect(details.querySelector('summary')!.textContent).toBe('Evidence from the transcript');
    expect(text()).toContain('Suggested (draft): 3');
    expect(text()).toContain('by 40 percent. Within two quarters');
    expect(text()).toContain('Strong');
    expect(dom.container.querySelector('a[href="/interviews/iv-1/transcript?t=20000"]')!.textContent).toBe('00:20');
    expect(dom.container.querySelector('input')).toBeNull();
  });

  it('shows nothing without a transcript', async () => {
    await renderEvidence(null);
    expect(dom.container.querySelector('details')).toBeNull();
    expect(text()).toBe('');
  });
});
