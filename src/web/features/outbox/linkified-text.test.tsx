// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import { LinkifiedText } from './linkified-text.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

describe('LinkifiedText', () => {
  it('renders URLs as links and markup as literal text', () => {
    const container = document.createElement('pre');
    document.body.append(container);
    const root = createRoot(container);
    const body = 'Join: http://127.0.0.1:3999/invite/tok123.\n<img src=x onerror=alert(1)> <script>alert(2)</script>';
    act(() => root.render(<LinkifiedText text={body} />));

    const links = [...container.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['http://127.0.0.1:3999/invite/tok123']);
    expect(links[0]!.textContent).toBe('http://127.0.0.1:3999/invite/tok123');
    expect(links[0]!.getAttribute('rel')).toBe('noopener noreferrer');
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    expect(container.textContent).toBe(body);

    act(() => root.unmount());
    container.remove();
  });
});
