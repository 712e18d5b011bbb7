import { Worker } from 'node:worker_threads';
import JSZip from 'jszip';
import PDFDocument from 'pdfkit';
import { describe, expect, it, vi } from 'vitest';
import { extractResumeText, RESUME_MAX_BYTES, ResumeExtractError, resumeKindOf } from './resume.extract.ts';

const SENTENCE = 'Jane Doe led a platform team of forty engineers at Example Corp.';
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function makePdf(pages: string[][], options: PDFKit.PDFDocumentOptions = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ compress: true, ...options });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    pages.forEach((lines, i) => {
      if (i > 0) doc.addPage();
      for (const line of lines) doc.text(line);
    });
    doc.end();
  });
}

/** A minimal WordprocessingML package: one paragraph per entry, runs split on tabs. */
async function makeDocx(paragraphs: string[], { withMainPart = true } = {}): Promise<Buffer> {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const body = paragraphs
    .map((p) => `<w:p><w:r>${p.split('\t').map((t) => `<w:t xml:space="preserve">${escape(t)}</w:t>`).join('<w:tab/>')}</w:r></w:p>`)
    .join('');
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
      '</Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
      '</Relationships>',
  );
  if (withMainPart) {
    zip.file(
      'word/document.xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
    );
  } else {
    zip.file('word/styles.xml', '<?xml version="1.0"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>');
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** Deterministic junk, so a failure reproduces. */
function junk(length: number, seed = 1): Buffer {
  const out = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

async function extractError(promise: Promise<unknown>): Promise<ResumeExtractError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ResumeExtractError);
  return error as ResumeExtractError;
}

describe('resumeKindOf', () => {
  it('recognises a PDF by extension or content type when the bytes are a PDF', async () => {
    const pdf = await makePdf([[SENTENCE]]);
    expect(resumeKindOf('cv.pdf', 'application/pdf', pdf)).toBe('pdf');
    expect(resumeKindOf('CV.PDF', null, pdf)).toBe('pdf');
    expect(resumeKindOf('resume', 'application/pdf', pdf)).toBe('pdf');
    expect(resumeKindOf('resume', 'application/octet-stream', pdf)).toBe('pdf');
    expect(resumeKindOf('resume', null, pdf)).toBe('pdf');
  });

  it('recognises a DOCX (a zip holding word/ parts)', async () => {
    const docx = await makeDocx(['Hello']);
    expect(docx.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    expect(resumeKindOf('cv.docx', DOCX_TYPE, docx)).toBe('docx');
    expect(resumeKindOf('cv.docx', 'application/octet-stream', docx)).toBe('docx');
    expect(resumeKindOf('upload', DOCX_TYPE, docx)).toBe('docx');
  });

  it('recognises plain text, including UTF-16 with a BOM', () => {
    expect(resumeKindOf('cv.txt', 'text/plain', Buffer.from('Jane Doe\nEngineer\n'))).toBe('txt');
    expect(resumeKindOf('notes', 'text/plain; charset=utf-8', Buffer.from('Jane Doe'))).toBe('txt');
    expect(resumeKindOf('cv.txt', null, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Jane', 'utf16le')]))).toBe('txt');
  });

  it('answers null for other formats and for content that contradicts the name', async () => {
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), junk(512)]);
    expect(resumeKindOf('setup.exe', 'application/x-msdownload', exe)).toBeNull();
    expect(resumeKindOf('setup.exe', 'application/octet-stream', await makePdf([[SENTENCE]]))).toBeNull();
    expect(resumeKindOf('cv.pdf', 'application/pdf', Buffer.from('just some text, not a PDF'))).toBeNull();
    expect(resumeKindOf('cv.pdf', 'application/pdf', exe)).toBeNull();
    expect(resumeKindOf('cv.docx', DOCX_TYPE, Buffer.from('plain text'))).toBeNull();
    // A zip that is not a Word document (no word/ parts).
    const zip = new JSZip();
    zip.file('data.csv', 'a,b\n1,2\n');
    expect(resumeKindOf('cv.docx', DOCX_TYPE, await zip.generateAsync({ type: 'nodebuffer' }))).toBeNull();
    // Legacy .doc / encrypted Office file (OLE compound file).
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), junk(512)]);
    expect(resumeKindOf('cv.doc', 'application/msword', ole)).toBeNull();
    expect(resumeKindOf('cv.docx', DOCX_TYPE, ole)).toBeNull();
    // Binary bytes named .txt.
    expect(resumeKindOf('cv.txt', 'text/plain', exe)).toBeNull();
    expect(resumeKindOf('cv.txt', 'text/plain', await makePdf([[SENTENCE]]))).toBeNull();
    // Nothing declared and no recognisable magic.
    expect(resumeKindOf('resume', null, Buffer.from('Jane Doe'))).toBeNull();
  });
});

describe('extractResumeText: PDF', () => {
  it('extracts the text of every page, whitespace normalised', async () => {
    const pdf = await makePdf([[SENTENCE, 'Head   of    Engineering,  2019 – 2024'], ['Page two: Stockholm, Zürich']]);
    const text = await extractResumeText(pdf, 'pdf');
    expect(text).toContain(SENTENCE);
    expect(text).toContain('Head of Engineering, 2019 – 2024');
    expect(text).toContain('Page two: Stockholm, Zürich');
    expect(text.indexOf(SENTENCE)).toBeLessThan(text.indexOf('Page two'));
    expect(text).not.toMatch(/ {2}|\n{3}|^\s|\s$/);
  });

  it('leaves the caller’s buffer intact (the worker gets a copy)', async () => {
    const pdf = await makePdf([[SENTENCE]]);
    const before = Buffer.from(pdf);
    await extractResumeText(pdf, 'pdf');
    expect(pdf.equals(before)).toBe(true);
  });

  it('refuses a corrupt PDF with a clear message', async () => {
    const corrupt = Buffer.concat([Buffer.from('%PDF-1.7\n'), junk(4096)]);
    const error = await extractError(extractResumeText(corrupt, 'pdf'));
    expect(error.message).toBe('The résumé PDF is damaged or not a valid PDF');
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('refuses bytes that are not a PDF at all without starting a worker', async () => {
    const error = await extractError(extractResumeText(Buffer.from('hello'), 'pdf'));
    expect(error.message).toBe('The résumé PDF is damaged or not a valid PDF');
  });

  it('refuses a password-protected PDF', async () => {
    const pdf = await makePdf([[SENTENCE]], { userPassword: 'secret', ownerPassword: 'owner', pdfVersion: '1.7' });
    expect(resumeKindOf('cv.pdf', 'application/pdf', pdf)).toBe('pdf');
    const error = await extractError(extractResumeText(pdf, 'pdf'));
    expect(error.message).toMatch(/password-protected/);
  });

  it('gives up after timeoutMs and terminates the worker', async () => {
    const pdf = await makePdf([[SENTENCE]]);
    const terminate = vi.spyOn(Worker.prototype, 'terminate');
    try {
      const error = await extractError(extractResumeText(pdf, 'pdf', { timeoutMs: 1 }));
      expect(error.message).toBe('Could not read the résumé within 1 ms');
      expect(terminate).toHaveBeenCalledTimes(1);
      await expect(terminate.mock.results[0]!.value).resolves.toEqual(expect.any(Number)); // the thread has stopped
    } finally {
      terminate.mockRestore();
    }
    // The module is still usable afterwards.
    await expect(extractResumeText(pdf, 'pdf')).resolves.toContain(SENTENCE);
  });
});

describe('extractResumeText: DOCX', () => {
  it('extracts paragraphs as lines', async () => {
    const docx = await makeDocx([SENTENCE, 'Skills:\tHiring,   coaching', '', '', 'Zürich & Stockholm <remote>']);
    const text = await extractResumeText(docx, 'docx');
    expect(text).toBe(`${SENTENCE}\n\nSkills: Hiring, coaching\n\nZürich & Stockholm <remote>`);
  });

  it('refuses a corrupt DOCX with a clear message', async () => {
    const corrupt = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), junk(2048), Buffer.from('word/document.xml')]);
    const error = await extractError(extractResumeText(corrupt, 'docx'));
    expect(error.message).toBe('The résumé is damaged or not a valid Word (.docx) document');
  });

  it('refuses a zip without a main document part', async () => {
    const docx = await makeDocx([], { withMainPart: false });
    const error = await extractError(extractResumeText(docx, 'docx'));
    expect(error.message).toBe('The résumé is damaged or not a valid Word (.docx) document');
  });

  it('explains an encrypted or legacy Word file', async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), junk(512)]);
    const error = await extractError(extractResumeText(ole, 'docx'));
    expect(error.message).toMatch(/password-protected or in the old \.doc format/);
  });

  it('runs PDF and DOCX extractions concurrently', async () => {
    const [pdf, docx] = await Promise.all([makePdf([['From the PDF']]), makeDocx(['From the DOCX'])]);
    await expect(Promise.all([extractResumeText(pdf, 'pdf'), extractResumeText(docx, 'docx')])).resolves.toEqual(['From the PDF', 'From the DOCX']);
  });
});

describe('extractResumeText: TXT', () => {
  it('decodes UTF-8 and strips its BOM', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Zoë Ångström\r\nCTO — 2020\r\n')]);
    await expect(extractResumeText(bytes, 'txt')).resolves.toBe('Zoë Ångström\nCTO — 2020');
  });

  it('decodes UTF-16 LE and BE with a BOM', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Zoë Ångström 😀', 'utf16le')]);
    await expect(extractResumeText(le, 'txt')).resolves.toBe('Zoë Ångström 😀');
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('Zoë Ångström 😀', 'utf16le').swap16()]);
    await expect(extractResumeText(be, 'txt')).resolves.toBe('Zoë Ångström 😀');
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8', async () => {
    const bytes = Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x93, 0x71, 0x94]); // Café “q”
    await expect(extractResumeText(bytes, 'txt')).resolves.toBe('Café “q”');
  });

  it('normalises whitespace and drops control characters', async () => {
    const raw = '  Jane\t\tDoe \u00a0 \n\n\n\n  Engineer\u0000\u0007 \f Manager  \n';
    await expect(extractResumeText(Buffer.from(raw), 'txt')).resolves.toBe('Jane Doe\n\nEngineer\nManager');
  });

  it('returns at most 200_000 characters', async () => {
    const text = await extractResumeText(Buffer.from('word '.repeat(60_000)), 'txt');
    expect(text.length).toBeLessThanOrEqual(200_000);
    expect(text.length).toBeGreaterThan(199_990);
    expect(text.startsWith('word word')).toBe(true);
  });
});

describe('extractResumeText: limits', () => {
  it(`refuses files over ${RESUME_MAX_BYTES} bytes`, async () => {
    const big = Buffer.alloc(RESUME_MAX_BYTES + 1, 0x61);
    const error = await extractError(extractResumeText(big, 'txt'));
    expect(error.message).toBe('The résumé is larger than 5 MB');
  });
});
