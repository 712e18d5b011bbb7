// @vitest-environment happy-dom
/**
 * Stored XSS in the SPA: a candidate page and its scorecards full of script payloads (as the API
 * would return them) render them as text. No element is created from a payload, and a link that is
 * not http(s) is never an href. (src/web uses no dangerouslySetInnerHTML; the last test keeps it so.)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { Scorecard } from '../../../modules/feedback/feedback.contract.ts';
import { createQueryClient } from '../../lib/query-client.ts';
import { sessionQueryKey } from '../../lib/session.ts';
import { json, useFakeApi } from '../../testing/fake-api.ts';
import { Snippet } from '../intelligence/intelligence-page.tsx';
import { CandidatePage } from './candidate-page.tsx';

const P = {
  script: '<script>alert(1)</script>',
  attribute: '"><img src=x onerror=alert(1)>',
  breakout: '</script><script>alert(1)</script>',
  template: "{{constructor.constructor('alert(1)')()}}",
};
const ALL = Object.values(P).join(' ');
const JS_URL = 'javascript:alert(1)';
const now = '2026-03-01T09:00:00.000Z';

const application = {
  id: 'app-1',
  jobId: 'job-1',
  jobTitle: `CTO ${P.script}`,
  candidateId: 'c-1',
  candidateName: `Eve ${P.attribute}`,
  candidateEmail: 'eve@example.test',
  stage: 'rejected',
  stageName: `Rejected ${P.breakout}`,
  status: 'rejected',
  rejectionReason: 'skills_gap',
  rejectionNote: ALL,
  version: 3,
  createdAt: now,
  updatedAt: now,
};

const candidate = {
  id: 'c-1',
  name: `Eve ${P.attribute}`,
  email: 'eve"><img src=x onerror=alert(1)>@example.test',
  phone: P.attribute,
  links: [JS_URL, ' JavaScript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'https://example.test/"><img src=x onerror=alert(1)>'],
  source: P.template,
  notes: ALL,
  resume: { name: `cv ${P.attribute}.pdf`, type: 'application/pdf', size: 1234, textLength: 100 },
  createdAt: now,
  updatedAt: now,
  applications: [application],
  timeline: [{ at: now, kind: 'decision', applicationId: 'app-1', text: `Decision: ${P.script}`, actorName: P.attribute }],
};

const anchors = { '1': P.script, '2': P.attribute, '3': P.breakout, '4': P.template };
const scorecard: Scorecard = {
  id: 'sc-1',
  interviewId: 'iv-1',
  applicationId: 'app-1',
  candidateName: candidate.name,
  interviewer: { id: 'u-2', name: `Ivy ${P.attribute}` },
  roundId: 'panel',
  roundName: `Panel ${P.script}`,
  planVersionId: 'pv-1',
  status: 'submitted',
  version: 2,
  revisions: 0,
  submittedAt: now,
  updatedAt: now,
  redacted: false,
  body: {
    ratings: { arch: { rating: 2, evidence: `Said ${ALL}` }, lead: { rating: 3, evidence: P.breakout } },
    questionRatings: [{ index: 0, questionRef: null, rating: 3 }],
    recommendation: 'no',
    notes: ALL,
    redFlags: [P.script, P.attribute],
  },
  form: {
    competencies: [
      { id: 'arch', name: `Architecture ${P.script}`, weight: 50, anchors },
      { id: 'lead', name: `Leadership ${P.attribute}`, weight: 50, anchors },
    ],
    questions: [{ index: 0, questionRef: null, text: `Question ${ALL}` }],
    evidenceRequired: true,
  },
  mine: false,
};

const api = useFakeApi();
const { dom, text } = api;

async function render() {
  api.routes['GET /api/v1/candidates/c-1'] = () => json(200, candidate);
  api.routes['GET /api/v1/applications/app-1'] = () => json(200, { ...application, stages: [{ id: 'rejected', name: application.stageName, kind: 'rejected', roundId: null }], history: [], canManage: false });
  api.routes['GET /api/v1/applications/app-1/interviews'] = () => json(200, { items: [], nextCursor: null });
  api.routes['GET /api/v1/applications/app-1/scorecards'] = () => json(200, { items: [scorecard], canSeeFeedback: true });
  const client = createQueryClient();
  client.setQueryData(sessionQueryKey, {
    user: { id: 'u-1', email: 'ivy@example.com', name: 'Ivy Interviewer' },
    organization: { id: 'o-1', name: `Org ${P.script}`, slug: 'org', role: 'interviewer', compliance: false },
    memberships: [],
    csrfToken: 'csrf',
  });
  const router = createMemoryRouter([{ path: '/candidates/:id', element: <CandidatePage /> }], { initialEntries: ['/candidates/c-1'] });
  await act(async () => {
    dom.root.render(
      <QueryClientProvider client={client}>
        <RouterProvider router={router} />
      </QueryClientProvider>,
    );
  });
  await api.waitFor(() => text().includes('Said') && text().includes(candidate.notes));
}

describe('CandidatePage with stored XSS payloads', () => {
  it('shows every payload as text and creates no element from it', async () => {
    await render();
    const root = dom.container;
    expect(root.querySelectorAll('script, img, iframe, object, embed, svg').length).toBe(0);
    for (const el of root.querySelectorAll('*')) {
      for (const attr of Array.from(el.attributes)) expect(attr.name.startsWith('on'), `${el.tagName} ${attr.name}`).toBe(false);
    }
    // The payloads are visible, literally.
    for (const shown of [candidate.name, candidate.notes, P.template, `Said ${ALL}`, P.breakout, application.jobTitle, scorecard.interviewer.name]) {
      expect(text()).toContain(shown);
    }
  });

  it('never renders a javascript: or data: link as an href', async () => {
    await render();
    const hrefs = [...dom.container.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? '');
    for (const href of hrefs) expect(href.trim().toLowerCase()).not.toMatch(/^(javascript|data|vbscript):/);
    // The https link is a link; the others are shown as text.
    expect(hrefs).toContain(candidate.links[3]);
    expect(text()).toContain(JS_URL);
    const mail = [...dom.container.querySelectorAll('a')].find((a) => a.getAttribute('href')?.startsWith('mailto:'));
    expect(mail?.getAttribute('href')).toBe(`mailto:${candidate.email}`); // an attribute value, not markup
  });
});

describe('transcript search snippets with payloads', () => {
  it('marks the matches and shows markup as text', async () => {
    await act(async () => {
      dom.root.render(<Snippet snippet={`«${P.script}» said ${P.attribute} and «${P.breakout}»`} />);
    });
    expect(dom.container.querySelectorAll('script, img').length).toBe(0);
    expect([...dom.container.querySelectorAll('mark')].map((m) => m.textContent)).toEqual([P.script, P.breakout]);
    expect(text()).toContain(P.attribute);
  });
});

describe('dangerouslySetInnerHTML', () => {
  it('is not used anywhere in src/web (React escapes everything else)', () => {
    const dir = join(import.meta.dirname, '..', '..');
    const files: string[] = [];
    const walk = (d: string) => {
      for (const name of readdirSync(d)) {
        const p = join(d, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.tsx?$/.test(name) && !name.endsWith('.test.tsx')) files.push(p);
      }
    };
    walk(dir);
    expect(files.length).toBeGreaterThan(20);
    expect(files.filter((f) => /dangerouslySetInnerHTML|\.innerHTML\s*=|insertAdjacentHTML|document\.write/.test(readFileSync(f, 'utf8')))).toEqual([]);
  });
});
