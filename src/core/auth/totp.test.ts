import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, otpauthUri, totp, totpStep, verifyTotp } from './totp.ts';

const SECRET = Buffer.from('12345678901234567890', 'ascii');

describe('TOTP (RFC 6238 Appendix B, SHA1)', () => {
  const vectors: [number, string][] = [
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ];
  it.each(vectors)('at %i s → %s (8 digits)', (seconds, expected) => {
    expect(totp(SECRET, seconds * 1000, 8)).toBe(expected);
  });
  it('6 digits are the last 6 of the 8-digit value', () => {
    for (const [s, code] of vectors) expect(totp(SECRET, s * 1000)).toBe(code.slice(2));
  });
  it('HOTP matches RFC 4226 Appendix D', () => {
    expect([0, 1, 2, 9].map((c) => hotp(SECRET, c))).toEqual(['755224', '287082', '359152', '520489']);
  });
});

describe('verifyTotp', () => {
  const at = 1111111111 * 1000;
  it('accepts the current step and one step either side, returns the matched step', () => {
    const step = totpStep(at);
    expect(verifyTotp(SECRET, totp(SECRET, at), at)).toBe(step);
    expect(verifyTotp(SECRET, totp(SECRET, at - 30_000), at)).toBe(step - 1);
    expect(verifyTotp(SECRET, totp(SECRET, at + 30_000), at)).toBe(step + 1);
    expect(verifyTotp(SECRET, totp(SECRET, at - 60_000), at)).toBeNull();
    expect(verifyTotp(SECRET, totp(SECRET, at + 60_000), at)).toBeNull();
  });
  it('refuses malformed codes', () => {
    expect(verifyTotp(SECRET, 'abcdef', at)).toBeNull();
    expect(verifyTotp(SECRET, '12345', at)).toBeNull();
    expect(verifyTotp(SECRET, '', at)).toBeNull();
  });
});

describe('base32 and otpauth URI', () => {
  it('round-trips and matches RFC 4648 vectors', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('MZXW6YTBOI======').toString()).toBe('foobar');
    expect(base32Decode(base32Encode(SECRET)).equals(SECRET)).toBe(true);
    expect(base32Encode(SECRET)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });
  it('builds a key URI', () => {
    expect(otpauthUri({ issuer: 'Rubric', account: 'a@b.co', secretBase32: 'ABC' })).toBe(
      'otpauth://totp/Rubric:a%40b.co?secret=ABC&issuer=Rubric&algorithm=SHA1&digits=6&period=30',
    );
  });
});
