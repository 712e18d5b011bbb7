import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeTranscript } from './decode.ts';

const text = 'WEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\n<v Zoë>Grüße, 你好 😀\r\n';

function utf16(s: string, bigEndian: boolean): Uint8Array {
  const out = new Uint8Array(2 + s.length * 2);
  out.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]);
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    out[2 + 2 * k + (bigEndian ? 0 : 1)] = c >> 8;
    out[2 + 2 * k + (bigEndian ? 1 : 0)] = c & 0xff;
  }
  return out;
}

describe('decodeTranscript', () => {
  it('reads UTF-8 with and without a BOM', () => {
    const bytes = new TextEncoder().encode(text);
    expect(decodeTranscript(bytes)).toBe(text);
    expect(decodeTranscript(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]))).toBe(text);
  });

  it('reads UTF-16 LE and BE with a BOM', () => {
    expect(decodeTranscript(utf16(text, false))).toBe(text);
    expect(decodeTranscript(utf16(text, true))).toBe(text);
  });

  it('replaces invalid sequences and odd trailing bytes', () => {
    expect(decodeTranscript(new Uint8Array([0x61, 0xff, 0x62, 0xc3]))).toBe('a\ufffdb\ufffd');
    expect(decodeTranscript(new Uint8Array([0xfe, 0xff, 0x00, 0x61, 0x00]))).toBe('a\ufffd');
    expect(decodeTranscript(new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x00, 0xd8]))).toBe('a\ufffd');
    expect(decodeTranscript(new Uint8Array([]))).toBe('');
  });

  it('never throws', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.constantFrom([], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]), (body, bom) => {
        expect(typeof decodeTranscript(new Uint8Array([...bom, ...body]))).toBe('string');
      }),
    );
  });
});
