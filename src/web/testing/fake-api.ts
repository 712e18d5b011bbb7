import { act } from 'react';
import { afterEach, beforeEach, vi } from 'vitest';
import { useDomRoot } from './dom-root.ts';

export type FakeHandler = (body: unknown) => Response;

/** A JSON response for a fake route. */
export const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/**
 * A component test's DOM root plus a fake `fetch`: `routes['GET /api/v1/…']` answers a request, any
 * other request fails the test, and `calls` records every request made. Also small queries over the
 * rendered page (text, a control by its label) and `waitFor` that lets React settle between checks.
 */
export function useFakeApi() {
  const dom = useDomRoot();
  const state = { calls: [] as { method: string; url: string; body: unknown }[], routes: {} as Record<string, FakeHandler> };
  beforeEach(() => {
    state.calls = [];
    state.routes = {};
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        const method = init?.method ?? 'GET';
        const body = init?.body ? (JSON.parse(String(init.body)) as unknown) : undefined;
        state.calls.push({ method, url, body });
        const handler = state.routes[`${method} ${url}`];
        if (!handler) throw new Error(`unexpected request ${method} ${url}`);
        return handler(body);
      }),
    );
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });
  const text = () => dom.container.textContent ?? '';
  return {
    dom,
    get calls() {
      return state.calls;
    },
    get routes() {
      return state.routes;
    },
    text,
    async waitFor(check: () => boolean, ms = 3000) {
      const until = Date.now() + ms;
      while (!check()) {
        if (Date.now() > until) throw new Error(`timed out; the page says: ${text()}`);
        await act(async () => {
          await new Promise((r) => setTimeout(r, 20));
        });
      }
    },
    control<T extends HTMLElement = HTMLInputElement>(label: string): T {
      const l = [...dom.container.querySelectorAll('label')].find((x) => x.textContent === label);
      if (!l) throw new Error(`no label ${label}`);
      return dom.container.querySelector<T>(`#${CSS.escape(l.htmlFor)}`)!;
    },
  };
}
