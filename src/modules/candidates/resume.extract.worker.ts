/**
 * Worker thread for resume.extract.ts: parses one PDF (pdfjs-dist, legacy build for Node) or DOCX
 * (mammoth) from workerData and posts one ResumeWorkerReply. Raw text only; the caller normalises
 * it. The parent enforces the time limit and heap cap by terminating this thread. Keep the libraries
 * imported here in step with WORKER_LIBRARIES in resume.extract.ts (preloaded when run from source).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ResumeWorkerJob, ResumeWorkerReply } from './resume.extract.ts';

/** Raw characters collected before stopping (the caller keeps 200_000 after normalising). */
const RAW_TEXT_LIMIT = 1_000_000;

async function pdfText(data: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({
    data,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  try {
    const doc = await task.promise;
    const parts: string[] = [];
    let length = 0;
    for (let n = 1; n <= doc.numPages && length < RAW_TEXT_LIMIT; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      for (const item of content.items) {
        if (!('str' in item)) continue;
        const piece = item.hasEOL ? `${item.str}\n` : item.str;
        parts.push(piece);
        length += piece.length;
      }
      parts.push('\n\n');
      page.cleanup();
    }
    return parts.join('');
  } finally {
    await task.destroy();
  }
}

async function docxText(data: Uint8Array): Promise<string> {
  const { default: mammoth } = await import('mammoth');
  const result = await mammoth.extractRawText({ buffer: Buffer.from(data.buffer, data.byteOffset, data.byteLength) });
  return result.value.slice(0, RAW_TEXT_LIMIT);
}

function failure(kind: ResumeWorkerJob['kind'], error: unknown): ResumeWorkerReply {
  const name = error instanceof Error ? error.name : '';
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (kind === 'pdf') {
    if (name === 'PasswordException') return { ok: false, reason: 'password', detail };
    if (name === 'InvalidPDFException' || name === 'FormatError') return { ok: false, reason: 'invalid', detail };
    return { ok: false, reason: 'failed', detail };
  }
  // mammoth and jszip throw plain Errors for anything that is not a readable .docx package.
  return { ok: false, reason: 'invalid', detail };
}

async function main(): Promise<void> {
  const job = workerData as ResumeWorkerJob;
  let reply: ResumeWorkerReply;
  try {
    const text = job.kind === 'pdf' ? await pdfText(job.bytes) : await docxText(job.bytes);
    reply = { ok: true, text };
  } catch (error) {
    reply = failure(job.kind, error);
  }
  parentPort!.postMessage(reply);
}

await main();
