/**
 * Plain text from an uploaded résumé (PDF, DOCX or TXT), for search and for the reviewer's view.
 * TXT is decoded here; PDF (pdfjs-dist, legacy build) and DOCX (mammoth) are parsed in a
 * worker_threads Worker with a memory cap and a time limit, so a hostile or pathological file
 * cannot stall the event loop or grow the server's heap: on timeout the worker is terminated.
 * Every failure is a ResumeExtractError whose message is safe to show to the uploader; the
 * underlying error, if any, is its `cause` (for logs only).
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

export type ResumeKind = 'pdf' | 'docx' | 'txt';

/** Largest résumé accepted, in bytes; larger files are refused before parsing. */
export const RESUME_MAX_BYTES = 5 * 1024 * 1024;

/** Longest text returned, in characters (after whitespace normalisation). */
const MAX_TEXT_CHARS = 200_000;
const DEFAULT_TIMEOUT_MS = 10_000;
/** Heap cap of the parsing worker; a file needing more fails with "too complex". */
const WORKER_MAX_OLD_GENERATION_MB = 256;

export class ResumeExtractError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ResumeExtractError';
  }
}

/** Sent to the worker as workerData. */
export interface ResumeWorkerJob {
  kind: 'pdf' | 'docx';
  bytes: Uint8Array;
}

/** Posted back by the worker. `reason` picks the user-safe message; `detail` is for logs. */
export type ResumeWorkerReply =
  | { ok: true; text: string }
  | { ok: false; reason: 'invalid' | 'password' | 'failed'; detail: string };

// ---------------------------------------------------------------------------------------------
// Kind detection

const EXTENSION_KINDS: Record<string, ResumeKind> = { pdf: 'pdf', docx: 'docx', txt: 'txt' };
const CONTENT_TYPE_KINDS: Record<string, ResumeKind> = {
  'application/pdf': 'pdf',
  'application/x-pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'text/plain': 'txt',
};
/** Content types that say nothing about the format (browsers send these for unknown files). */
const GENERIC_CONTENT_TYPES = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/binary']);

const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** OLE compound file: legacy .doc, and password-protected (encrypted) .docx files. */
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const BOM_UTF8 = Buffer.from([0xef, 0xbb, 0xbf]);
const BOM_UTF16LE = Buffer.from([0xff, 0xfe]);
const BOM_UTF16BE = Buffer.from([0xfe, 0xff]);

/** PDF readers accept the header anywhere in the first 1024 bytes. */
function looksLikePdf(bytes: Buffer): boolean {
  return bytes.subarray(0, 1024).includes(PDF_MAGIC);
}

/** A zip archive holding a Word document part (file names are stored in clear in a zip). */
function looksLikeDocx(bytes: Buffer): boolean {
  return bytes.subarray(0, 4).equals(ZIP_MAGIC) && bytes.includes('word/', 0, 'latin1');
}

/** Text has a UTF-16 BOM, or no NUL bytes and hardly any other control characters. */
function looksLikeText(bytes: Buffer): boolean {
  if (startsWith(bytes, BOM_UTF16LE) || startsWith(bytes, BOM_UTF16BE)) return bytes.length % 2 === 0;
  if (looksLikePdf(bytes) || startsWith(bytes, ZIP_MAGIC) || startsWith(bytes, OLE_MAGIC)) return false;
  if (bytes.includes(0)) return false;
  const sample = bytes.subarray(0, 64 * 1024);
  let control = 0;
  for (const b of sample) {
    // Tab, LF, VT, FF, CR and ESC occur in real text files; the rest of C0 and DEL do not.
    if ((b < 0x20 && !(b >= 0x09 && b <= 0x0d) && b !== 0x1b) || b === 0x7f) control++;
  }
  return control <= sample.length / 100;
}

function startsWith(bytes: Buffer, prefix: Buffer): boolean {
  return bytes.length >= prefix.length && bytes.subarray(0, prefix.length).equals(prefix);
}

function extensionOf(filename: string): string | null {
  const base = filename.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 && dot < base.length - 1 ? base.slice(dot + 1).toLowerCase() : null;
}

/**
 * Kind from file name extension and/or content type and magic bytes; null when not PDF, DOCX or
 * TXT. The declared kind (the extension if it is .pdf/.docx/.txt, else a specific content type)
 * must agree with the bytes: a ".pdf" that is not a PDF is null, as is any other extension.
 * Without an extension or a specific content type, a PDF or DOCX is recognised by its bytes alone.
 */
export function resumeKindOf(filename: string, contentType: string | null, bytes: Buffer): ResumeKind | null {
  const ext = extensionOf(filename);
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  let declared: ResumeKind | null = (ext !== null ? EXTENSION_KINDS[ext] : undefined) ?? CONTENT_TYPE_KINDS[type] ?? null;
  if (declared === null) {
    if (ext !== null || !GENERIC_CONTENT_TYPES.has(type)) return null;
    declared = looksLikePdf(bytes) ? 'pdf' : looksLikeDocx(bytes) ? 'docx' : null;
    if (declared === null) return null;
  }
  switch (declared) {
    case 'pdf':
      return looksLikePdf(bytes) ? 'pdf' : null;
    case 'docx':
      return looksLikeDocx(bytes) ? 'docx' : null;
    case 'txt':
      return looksLikeText(bytes) ? 'txt' : null;
  }
}

/** Longest stored résumé file name, in characters (the extension is kept when cutting). */
export const RESUME_NAME_MAX_CHARS = 120;

/**
 * The file name to store for an upload: the last path segment only (no `/` or `\\`), control and
 * bidi-override characters removed, no leading dots (so never `..` or a hidden file), runs of
 * whitespace collapsed, at most RESUME_NAME_MAX_CHARS characters with the extension kept; `resume`
 * (plus the detected kind's extension) when nothing usable is left.
 */
export function sanitizeResumeName(fileName: string, kind: ResumeKind): string {
  const base = fileName.normalize('NFC').split(/[\\/]/).pop() ?? '';
  let name = base
    // eslint-disable-next-line no-control-regex -- stripping control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/\.{2,}/g, '.')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  if (!name) name = 'resume';
  if (extensionOf(name) !== kind) name = `${name}.${kind}`;
  if (name.length > RESUME_NAME_MAX_CHARS) {
    const ext = `.${kind}`;
    const stem = [...name.slice(0, -ext.length)].slice(0, RESUME_NAME_MAX_CHARS - ext.length).join('');
    name = `${stem.replace(/[\s.]+$/, '') || 'resume'}${ext}`;
  }
  return name;
}

// ---------------------------------------------------------------------------------------------
// Extraction

/**
 * Extracted plain text (whitespace normalised, at most 200_000 chars). Throws ResumeExtractError
 * with a clear, user-safe message for a corrupt/encrypted file or a timeout. PDF and DOCX are
 * parsed in a worker thread that is terminated after `timeoutMs` (default 10 s).
 */
export async function extractResumeText(bytes: Buffer, kind: ResumeKind, opts: { timeoutMs?: number } = {}): Promise<string> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new RangeError('timeoutMs must be a positive number');
  if (bytes.length > RESUME_MAX_BYTES) {
    throw new ResumeExtractError(`The résumé is larger than ${RESUME_MAX_BYTES / 1024 / 1024} MB`);
  }
  switch (kind) {
    case 'txt':
      return normaliseText(decodeText(bytes));
    case 'pdf':
      if (!looksLikePdf(bytes)) throw new ResumeExtractError(MESSAGES.pdf.invalid);
      return normaliseText(await runWorker(bytes, 'pdf', timeoutMs));
    case 'docx':
      if (startsWith(bytes, OLE_MAGIC)) {
        throw new ResumeExtractError('The résumé is password-protected or in the old .doc format; upload an unprotected .docx or a PDF');
      }
      if (!startsWith(bytes, ZIP_MAGIC)) throw new ResumeExtractError(MESSAGES.docx.invalid);
      return normaliseText(await runWorker(bytes, 'docx', timeoutMs));
    default:
      throw new ResumeExtractError('Unsupported résumé format; upload a PDF, DOCX or TXT file');
  }
}

const MESSAGES = {
  pdf: {
    invalid: 'The résumé PDF is damaged or not a valid PDF',
    password: 'The résumé PDF is password-protected; upload a copy without a password',
    failed: 'Could not read the text of the résumé PDF',
  },
  docx: {
    invalid: 'The résumé is damaged or not a valid Word (.docx) document',
    password: 'The résumé is password-protected; upload a copy without a password',
    failed: 'Could not read the text of the résumé Word document',
  },
} as const;

/** UTF-8 (BOM stripped), or UTF-16 LE/BE when the file starts with their BOM; Windows-1252 when not valid UTF-8. */
function decodeText(bytes: Buffer): string {
  if (startsWith(bytes, BOM_UTF8)) return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(3));
  if (startsWith(bytes, BOM_UTF16LE)) return new TextDecoder('utf-16le', { ignoreBOM: true }).decode(bytes.subarray(2));
  if (startsWith(bytes, BOM_UTF16BE)) {
    // Swap to little-endian rather than rely on the ICU-only 'utf-16be' decoder.
    const body = Buffer.from(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1)));
    return new TextDecoder('utf-16le', { ignoreBOM: true }).decode(body.swap16());
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Node's TextDecoder('windows-1252') decodes as ISO-8859-1, so map 0x80–0x9F by hand.
    return bytes.toString('latin1').replace(/[\u0080-\u009f]/g, (c) => CP1252_80_9F[c.charCodeAt(0) - 0x80]!);
  }
}

/** Windows-1252 for bytes 0x80–0x9F (the five unassigned ones stay C1 controls, as in WHATWG). */
const CP1252_80_9F = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/**
 * NFC; Latin ligatures (ﬁ, ﬂ…) expanded; control characters, BOMs and zero-width spaces dropped;
 * runs of spaces/tabs to one space; lines trimmed; at most one blank line in a row; then cut to
 * MAX_TEXT_CHARS without splitting a surrogate pair.
 */
function normaliseText(raw: string): string {
  let text = raw
    .normalize('NFC')
    .replace(/[\uFB00-\uFB06]/g, (c) => c.normalize('NFKC'))
    .replace(/\r\n?|[\v\f\u0085\u2028\u2029]/g, '\n')
    // eslint-disable-next-line no-control-regex -- stripping control characters is the point
    .replace(/[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u200b\ufeff]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (text.length > MAX_TEXT_CHARS) {
    const cut = /[\uD800-\uDBFF]/.test(text[MAX_TEXT_CHARS - 1]!) ? MAX_TEXT_CHARS - 1 : MAX_TEXT_CHARS;
    text = text.slice(0, cut).trimEnd();
  }
  return text;
}

// ---------------------------------------------------------------------------------------------
// Worker

interface WorkerEntry {
  /** A file URL, or (from source) bootstrap code run with `eval: true`. */
  script: URL | string;
  eval: boolean;
}

const workerEntries = new Map<'pdf' | 'docx', WorkerEntry>();

/** What the worker imports for each kind; from source these are loaded before tsx's hooks exist. */
const WORKER_LIBRARIES = {
  pdf: ['pdfjs-dist/legacy/build/pdf.mjs', 'pdfjs-dist/legacy/build/pdf.worker.mjs'],
  docx: ['mammoth'],
} as const;

/**
 * The worker file next to this module. Built (dist/…/resume.extract.js) it is the compiled
 * resume.extract.worker.js, started like any module. From source (vitest, tsx) it is
 * resume.extract.worker.ts, imported by a small eval'd bootstrap that registers tsx's ESM hooks
 * in the worker thread (`execArgv: ['--import', 'tsx']` is not enough: on Node 20 tsx registers
 * its hooks on the main thread only). The bootstrap first imports the parsing libraries natively:
 * through tsx's hooks pdfjs's 3 MB of ESM takes seconds to load instead of ~0.2 s. Every
 * specifier is resolved from this file, not from the working directory.
 */
function resolveWorkerEntry(kind: 'pdf' | 'docx'): WorkerEntry {
  const cached = workerEntries.get(kind);
  if (cached) return cached;
  const js = new URL('./resume.extract.worker.js', import.meta.url);
  const ts = new URL('./resume.extract.worker.ts', import.meta.url);
  const fromSource = /\.[cm]?tsx?$/.test(new URL(import.meta.url).pathname);
  const useTs = fromSource ? existsSync(ts) || !existsSync(js) : !existsSync(js) && existsSync(ts);
  let entry: WorkerEntry;
  if (!useTs) {
    entry = { script: js, eval: false };
  } else {
    const q = (specifier: string): string => JSON.stringify(import.meta.resolve(specifier));
    const preload = WORKER_LIBRARIES[kind].map((lib) => `import(${q(lib)})`).join(', ');
    entry = {
      script:
        `Promise.all([${preload}])` +
        `.then(() => import(${q('tsx/esm/api')}))` +
        `.then((tsx) => { tsx.register(); return import(${JSON.stringify(ts.href)}); });`,
      eval: true,
    };
  }
  workerEntries.set(kind, entry);
  return entry;
}

function describeTimeout(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Number((ms / 1000).toFixed(1))} s`;
}

function runWorker(bytes: Buffer, kind: 'pdf' | 'docx', timeoutMs: number): Promise<string> {
  const messages = MESSAGES[kind];
  return new Promise<string>((resolve, reject) => {
    let worker: Worker;
    try {
      const entry = resolveWorkerEntry(kind);
      // A private copy: transferring `bytes.buffer` would detach the caller's Buffer (or Node's pool).
      const copy = new Uint8Array(bytes);
      const job: ResumeWorkerJob = { kind, bytes: copy };
      worker = new Worker(entry.script, {
        eval: entry.eval,
        workerData: job,
        transferList: [copy.buffer],
        resourceLimits: { maxOldGenerationSizeMb: WORKER_MAX_OLD_GENERATION_MB },
      });
    } catch (cause) {
      reject(new ResumeExtractError(messages.failed, { cause }));
      return;
    }

    let settled = false;
    const finish = (error: ResumeExtractError | null, text = ''): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      if (error) reject(error);
      else resolve(text);
    };
    const timer = setTimeout(() => {
      finish(new ResumeExtractError(`Could not read the résumé within ${describeTimeout(timeoutMs)}`));
    }, timeoutMs);

    worker.once('message', (reply: ResumeWorkerReply) => {
      if (reply.ok) finish(null, reply.text);
      else finish(new ResumeExtractError(messages[reply.reason], { cause: new Error(reply.detail) }));
    });
    worker.once('error', (cause: Error & { code?: string }) => {
      const message = cause.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'The résumé is too large or complex to read' : messages.failed;
      finish(new ResumeExtractError(message, { cause }));
    });
    worker.once('exit', (code) => {
      finish(new ResumeExtractError(messages.failed, { cause: new Error(`résumé worker exited with code ${code} without a result`) }));
    });
  });
}
