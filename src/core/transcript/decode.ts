/**
 * Bytes of an uploaded transcript → text. A byte-order mark picks the encoding: UTF-8 (EF BB BF),
 * UTF-16 LE (FF FE) or UTF-16 BE (FE FF); without one the bytes are read as UTF-8. The BOM is not part
 * of the result. Invalid sequences become U+FFFD; never throws. Pure.
 */

const utf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
const utf16le = new TextDecoder('utf-16le', { fatal: false, ignoreBOM: true });

export function decodeTranscript(bytes: Uint8Array): string {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) return utf8.decode(bytes.subarray(3));
  if (b0 === 0xff && b1 === 0xfe) return utf16le.decode(bytes.subarray(2));
  if (b0 === 0xfe && b1 === 0xff) {
    // UTF-16 BE: swap each pair into a copy and decode as LE (no dependency on the runtime knowing
    // "utf-16be"). An odd trailing byte stays last and decodes to U+FFFD.
    const body = bytes.subarray(2);
    const swapped = new Uint8Array(body.length);
    const even = body.length - (body.length % 2);
    for (let k = 0; k < even; k += 2) {
      swapped[k] = body[k + 1]!;
      swapped[k + 1] = body[k]!;
    }
    if (even < body.length) swapped[even] = body[even]!;
    return utf16le.decode(swapped);
  }
  return utf8.decode(bytes);
}
