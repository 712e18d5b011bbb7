import { describe, expect, it } from 'vitest';
import { linkify } from './linkify.ts';

describe('linkify', () => {
  it('returns plain text unchanged as one part', () => {
    expect(linkify('Hello, no links here.')).toEqual([{ kind: 'text', text: 'Hello, no links here.' }]);
  });

  it('returns nothing for empty text', () => {
    expect(linkify('')).toEqual([]);
  });

  it('finds an invitation link and keeps the sentence around it', () => {
    const body = 'Accept here: http://127.0.0.1:3999/invite/abcDEF123_-x.\nThe link expires in 7 days.';
    expect(linkify(body)).toEqual([
      { kind: 'text', text: 'Accept here: ' },
      { kind: 'link', text: 'http://127.0.0.1:3999/invite/abcDEF123_-x', href: 'http://127.0.0.1:3999/invite/abcDEF123_-x' },
      { kind: 'text', text: '.\nThe link expires in 7 days.' },
    ]);
  });

  it('drops a closing parenthesis that belongs to the sentence but keeps balanced ones', () => {
    expect(linkify('(see https://example.com/a)')).toEqual([
      { kind: 'text', text: '(see ' },
      { kind: 'link', text: 'https://example.com/a', href: 'https://example.com/a' },
      { kind: 'text', text: ')' },
    ]);
    expect(linkify('https://en.wikipedia.org/wiki/Rubric_(academic)')[0]).toEqual({
      kind: 'link',
      text: 'https://en.wikipedia.org/wiki/Rubric_(academic)',
      href: 'https://en.wikipedia.org/wiki/Rubric_(academic)',
    });
  });

  it('keeps query strings and fragments, and finds several links', () => {
    const parts = linkify('a https://x.test/p?q=1&r=2#frag, b http://y.test/!');
    expect(parts.filter((p) => p.kind === 'link').map((p) => p.text)).toEqual(['https://x.test/p?q=1&r=2#frag', 'http://y.test/']);
  });

  it('never links other schemes or markup', () => {
    const text = 'javascript:alert(1) data:text/html,<b>x</b> <a href="http://evil.test">x</a> ftp://files.test';
    const links = linkify(text).filter((p) => p.kind === 'link');
    expect(links).toEqual([{ kind: 'link', text: 'http://evil.test', href: 'http://evil.test' }]);
  });

  it('does not link a scheme without a host', () => {
    expect(linkify('see https:// for details')).toEqual([{ kind: 'text', text: 'see https:// for details' }]);
  });

  it('round-trips: the parts join back to the input', () => {
    const samples = ['x https://a.test/b), y', 'https://a.test', 'line1\nhttps://a.test/?x=(1)\n', '<<https://a.test>>'];
    for (const s of samples) expect(linkify(s).map((p) => p.text).join('')).toBe(s);
  });
});
