/**
 * Résumé upload hardening through the API: the declared type must match the bytes, stored names are
 * sanitized, downloads are attachments with a safe RFC 6266 Content-Disposition, size limits answer
 * 413, and a pathological file cannot hold a request beyond the extraction time limit.
 */
import JSZip from 'jszip';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentDisposition } from '../../server/http/register.ts';
import { addCandidate, hiringWorld } from '../../server/testing/hiring.ts';
import { openTestApp, type TestApp } from '../../server/testing/test-app.ts';
import { RESUME_MAX_BYTES, RESUME_NAME_MAX_CHARS, sanitizeResumeName } from './resume.extract.ts';

let t: TestApp;
beforeAll(async () => {
  t = await openTestApp();
});
afterAll(async () => t?.close());

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function pdf(text: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument();
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.text(text);
    doc.end();
  });
}

async function zip(files: Record<string, string>): Promise<Buffer> {
  const z = new JSZip();
  for (const [name, body] of Object.entries(files)) z.file(name, body);
  return z.generateAsync({ type: 'nodebuffer' });
}

let shared: Awaited<ReturnType<typeof hiringWorld>> | undefined;
/** One hiring team for the file (sign-ins are slow); a fresh candidate per test. */
async function world() {
  const w = (shared ??= await hiringWorld(t));
  const { candidateId } = await addCandidate(w.as.recruiter, w.job.id, 'Ines Duarte', `ines.${Math.random().toString(16).slice(2)}@example.test`);
  const upload = (fileName: string, contentType: string | null, data: Buffer | string) =>
    w.as.recruiter.request('PUT', `/api/v1/candidates/${candidateId}/resume`, { fileName, contentType, dataBase64: Buffer.from(data).toString('base64') });
  const download = () => w.as.recruiter.get(`/api/v1/candidates/${candidateId}/resume`);
  return { w, candidateId, upload, download };
}

describe('résumé type sniffing', () => {
  it.each([
    { why: 'text named .pdf', fileName: 'cv.pdf', contentType: 'application/pdf', bytes: async () => Buffer.from('Just some text') },
    { why: 'a PDF named .docx', fileName: 'cv.docx', contentType: DOCX, bytes: () => pdf('Ines Duarte') },
    { why: 'a PDF named .txt', fileName: 'cv.txt', contentType: 'text/plain', bytes: () => pdf('Ines Duarte') },
    { why: 'a DOCX declared as PDF (no extension)', fileName: 'cv', contentType: 'application/pdf', bytes: () => zip({ 'word/document.xml': '<w:document/>' }) },
    { why: 'a zip without word/ parts named .docx', fileName: 'cv.docx', contentType: DOCX, bytes: () => zip({ 'xl/workbook.xml': '<workbook/>' }) },
    { why: 'an executable named .txt', fileName: 'cv.txt', contentType: 'text/plain', bytes: async () => Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0]) },
    { why: 'HTML', fileName: 'cv.html', contentType: 'text/html', bytes: async () => Buffer.from('<html><script>alert(1)</script></html>') },
    { why: 'SVG', fileName: 'cv.svg', contentType: 'image/svg+xml', bytes: async () => Buffer.from('<svg onload="alert(1)"/>') },
    { why: 'HTML declared as PDF', fileName: 'cv.pdf', contentType: 'application/pdf', bytes: async () => Buffer.from('<html><script>alert(1)</script></html>') },
  ])('refuses $why with 400 naming fileName', async ({ fileName, contentType, bytes }) => {
    const { upload, download } = await world();
    const res = await upload(fileName, contentType, await bytes());
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ code: 'invalid', details: { issues: [{ path: 'fileName' }] } });
    expect((await download()).statusCode).toBe(404); // nothing was stored
  });

  it('accepts a file whose bytes match its name, and recognises an unnamed PDF by its bytes', async () => {
    const { upload } = await world();
    const named = await upload('cv.pdf', 'application/pdf', await pdf('Ines Duarte, CTO'));
    expect(named.statusCode, named.body).toBe(200);
    expect(named.json().resume).toMatchObject({ name: 'cv.pdf', type: 'application/pdf' });
    const docx = await upload('cv.docx', null, await zip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>' }));
    // A zip with word/ parts passes the sniffing; whether mammoth can read it decides the rest.
    expect([200, 400]).toContain(docx.statusCode);
    if (docx.statusCode === 400) expect(docx.json().details.issues[0].path).toBe('dataBase64');
    const bare = await upload('cv', 'application/octet-stream', await pdf('Ines Duarte, CTO'));
    expect(bare.json().resume).toMatchObject({ name: 'cv.pdf', type: 'application/pdf' });
  });

  it('stores a text file that contains markup as text/plain and serves it as a download, never inline', async () => {
    const { upload, download } = await world();
    const body = '<html><body><script>alert(1)</script><img src=x onerror=alert(1)></body></html>';
    expect((await upload('cv.txt', 'text/html', body)).statusCode).toBe(200);
    const res = await download();
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.headers['content-disposition']).toMatch(/^attachment;/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body).toBe(body);
  });
});

describe('stored résumé file names', () => {
  it.each([
    ['../../etc/passwd.txt', 'passwd.txt'],
    ['C:\\Users\\ines\\cv.txt', 'cv.txt'],
    ['..\\..\\cv.txt', 'cv.txt'],
    ['..txt', 'txt.txt'], ['...', 'resume.txt'],
    ['cv\u0000\u0007\r\n.txt', 'cv.txt'],
    ['evil\u202Etxt.exe.txt', 'eviltxt.exe.txt'],
    ['my   cv .. final.txt', 'my cv . final.txt'],
    ['.hidden.txt', 'hidden.txt'],
    ['cv', 'cv.txt'],
    ['"; filename=x.html.txt', '"; filename=x.html.txt'],
  ])('%j is stored as %j', async (given, stored) => {
    expect(sanitizeResumeName(given, 'txt')).toBe(stored);
  });

  it('caps the length and keeps the extension', () => {
    const name = sanitizeResumeName(`${'a'.repeat(300)}.pdf`, 'pdf');
    expect(name).toHaveLength(RESUME_NAME_MAX_CHARS);
    expect(name.endsWith('.pdf')).toBe(true);
    expect(sanitizeResumeName(`${'é'.repeat(195)}.docx`, 'docx')).toHaveLength(RESUME_NAME_MAX_CHARS);
  });

  it('stores the sanitized name through the API and serves it with an RFC 6266 Content-Disposition', async () => {
    const { upload, download } = await world();
    const up = await upload('../../Zoë "Ä" résumé\u0000.txt', 'text/plain', 'Zoë Ä, COO');
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json().resume.name).toBe('Zoë "Ä" résumé.txt');
    const res = await download();
    expect(res.headers['content-disposition']).toBe(`attachment; filename="Zo______r_sum_.txt"; filename*=UTF-8''Zo%C3%AB%20%22%C3%84%22%20r%C3%A9sum%C3%A9.txt`);
    const long = await upload(`${'x'.repeat(190)}.txt`, 'text/plain', 'Long name');
    expect(long.json().resume.name).toHaveLength(RESUME_NAME_MAX_CHARS);
  });

  it('contentDisposition never lets a name break out of the header value', () => {
    expect(contentDisposition('attachment', 'cv.pdf')).toBe('attachment; filename="cv.pdf"');
    for (const name of ['a"b.txt', 'a\r\nSet-Cookie: x=1.txt', 'a/b\\c.txt', "it's (1).txt", '\uD800x.txt', '']) {
      const header = contentDisposition('attachment', name);
      expect(header).toMatch(/^attachment; filename="[\w.-]+"(; filename\*=UTF-8''[A-Za-z0-9%._~-]+)?$/);
    }
    expect(contentDisposition('attachment', 'a/b.txt')).toBe('attachment; filename="a_b.txt"');
  });
});

describe('résumé size and time limits', () => {
  it('answers 413 above 5 MB, both for the decoded file and for the request body', async () => {
    const { upload } = await world();
    const over = await upload('big.txt', 'text/plain', Buffer.alloc(RESUME_MAX_BYTES + 1, 97));
    expect(over.statusCode).toBe(413);
    expect(over.json().code).toBe('payload_too_large');
    const atLimit = await upload('ok.txt', 'text/plain', Buffer.alloc(RESUME_MAX_BYTES, 97));
    expect(atLimit.statusCode).toBe(200);
    const { w, candidateId } = await world();
    const huge = await w.as.recruiter.request('PUT', `/api/v1/candidates/${candidateId}/resume`, { fileName: 'x.txt', contentType: null, dataBase64: 'A'.repeat(7_600_000) });
    expect(huge.statusCode).toBe(413);
  });

  it('does not hold the request beyond the extraction time limit for a huge malformed PDF', { timeout: 60_000 }, async () => {
    const { upload } = await world();
    // 5 MB: a PDF header, deeply nested arrays and dictionaries, unterminated streams, and junk.
    const parts = ['%PDF-1.7\n', '1 0 obj\n', '['.repeat(200_000), '<<'.repeat(200_000), '\nstream\n'];
    let body = Buffer.from(parts.join(''), 'latin1');
    const junk = Buffer.alloc(RESUME_MAX_BYTES - body.length - 64);
    let x = 7;
    for (let i = 0; i < junk.length; i++) junk[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
    body = Buffer.concat([body, junk, Buffer.from('\nxref\n0 1\ntrailer\n<< /Root 1 0 R /Size 9999999 >>\n')]);
    expect(body.length).toBeLessThanOrEqual(RESUME_MAX_BYTES);
    const started = Date.now();
    const res = await upload('cv.pdf', 'application/pdf', body);
    const elapsed = Date.now() - started;
    // The worker's limit is 10 s; allow for start-up and decoding, never an unbounded wait.
    expect(elapsed).toBeLessThan(15_000);
    expect([200, 400]).toContain(res.statusCode);
    if (res.statusCode === 400) expect(res.json().details.issues[0].path).toBe('dataBase64');
  });
});
