// @vitest-environment happy-dom
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import type { CandidateDemographics } from '../../../modules/analytics/analytics.contract.ts';
import type { OrgRole } from '../../../shared/common.ts';
import { createQueryClient } from '../../lib/query-client.ts';
import { json, useFakeApi } from '../../testing/fake-api.ts';
import { SelfIdCard } from './self-id-card.tsx';
import { demographicLabel, selfIdAccess } from './self-id-model.ts';

const answers: CandidateDemographics = {
  candidateId: 'c-1',
  provided: true,
  sex: 'declined',
  raceEthnicity: 'Asian',
  ageBand: '40 and over',
  source: 'link',
  submittedAt: '2026-03-02T12:00:00.000Z',
  consentWordingVersion: 'self-id/1',
};

describe('self-identification access', () => {
  it('lets compliance holders read and owners, admins and recruiters request', () => {
    expect(selfIdAccess({ role: 'interviewer', compliance: true })).toEqual({ read: true, request: false });
    expect(selfIdAccess({ role: 'recruiter', compliance: false })).toEqual({ read: false, request: true });
    expect(selfIdAccess({ role: 'owner', compliance: true })).toEqual({ read: true, request: true });
    expect(selfIdAccess({ role: 'hiring_manager', compliance: false })).toEqual({ read: false, request: false });
    expect(selfIdAccess(null)).toEqual({ read: false, request: false });
    expect(demographicLabel(null)).toBe('Not provided');
    expect(demographicLabel('declined')).toBe('Declined to answer');
  });
});

const api = useFakeApi();
const { dom, text } = api;
const waitFor = (check: () => boolean, ms?: number) => api.waitFor(check, ms);

async function render(org: { role: OrgRole; compliance: boolean }) {
  await act(async () => {
    dom.root.render(
      <QueryClientProvider client={createQueryClient()}>
        <SelfIdCard candidateId="c-1" org={org} />
      </QueryClientProvider>,
    );
  });
}
const button = () => [...dom.container.querySelectorAll('button')].find((b) => b.textContent === 'Send self-identification request');

describe('SelfIdCard', () => {
  it('shows a compliance holder the answers, without the request button for an interviewer', async () => {
    api.routes['GET /api/v1/candidates/c-1/demographics'] = () => json(200, answers);
    await render({ role: 'interviewer', compliance: true });
    await waitFor(() => text().includes('Asian'));
    expect(text()).toContain('Self-identification');
    expect(text()).toContain('Declined to answer');
    expect(text()).toContain('40 and over');
    expect(button()).toBeUndefined();
  });

  it('says "Not provided" when the candidate has not answered', async () => {
    api.routes['GET /api/v1/candidates/c-1/demographics'] = () => json(200, { ...answers, provided: false, sex: null, raceEthnicity: null, ageBand: null, source: null, submittedAt: null, consentWordingVersion: null });
    await render({ role: 'owner', compliance: true });
    await waitFor(() => text().includes('Not provided'));
    expect(button()).toBeDefined();
  });

  it('lets a recruiter without compliance send a request, and never asks for the answers', async () => {
    api.routes['POST /api/v1/candidates/c-1/demographics/request'] = () => json(201, { sentTo: 'mia@example.test', expiresAt: '2026-03-16T12:00:00.000Z' });
    await render({ role: 'recruiter', compliance: false });
    expect(text()).toContain('Self-identification');
    await act(async () => button()!.click());
    await waitFor(() => text().includes('Sent to mia@example.test'));
    expect(api.calls.map((c) => `${c.method} ${c.url}`)).toEqual(['POST /api/v1/candidates/c-1/demographics/request']);
  });

  it('shows the server’s message when the request fails', async () => {
    api.routes['POST /api/v1/candidates/c-1/demographics/request'] = () => json(404, { code: 'not_found', message: 'Candidate not found', requestId: 'r' });
    await render({ role: 'admin', compliance: false });
    await act(async () => button()!.click());
    await waitFor(() => text().includes('Candidate not found'));
  });

  it('renders nothing for hiring managers and interviewers without compliance', async () => {
    for (const role of ['hiring_manager', 'interviewer'] as const) {
      await render({ role, compliance: false });
      expect(text()).toBe('');
    }
    expect(api.calls).toEqual([]);
  });
});
