/**
 * Front-end budget check (DECISIONS 17): reads the built dist/web/index.html, finds the entry
 * script, gzips it and prints
 *   {"entryChunk": "...", "gzipBytes": N, "limitBytes": 153600, ...}
 * Exits 1 when the entry chunk is over the limit, 2 when there is no build to check.
 * Also reports the chunks the entry imports statically (modulepreload links) and the total the
 * browser must load before the first page renders (`initialGzipBytes`), for information.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const limitBytes = 150 * 1024;
const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'web');
const indexFile = path.join(webDir, 'index.html');

if (!fs.existsSync(indexFile)) {
  process.stderr.write(`No build at ${indexFile}; run \`npx vite build\` first.\n`);
  process.exit(2);
}
const html = fs.readFileSync(indexFile, 'utf8');

const entrySrc = /<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/.exec(html)?.[1];
if (!entrySrc) {
  process.stderr.write('dist/web/index.html has no <script type="module" src="…"> entry.\n');
  process.exit(2);
}
const preloads = [...html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g)].map((m) => m[1]!);

function gzipSize(src: string): number {
  const file = path.join(webDir, src.replace(/^\//, ''));
  return gzipSync(fs.readFileSync(file), { level: 9 }).length;
}

const gzipBytes = gzipSize(entrySrc);
const staticImports = preloads.map((src) => ({ chunk: src, gzipBytes: gzipSize(src) }));
const initialGzipBytes = gzipBytes + staticImports.reduce((sum, c) => sum + c.gzipBytes, 0);

process.stdout.write(`${JSON.stringify({ entryChunk: entrySrc, gzipBytes, limitBytes, staticImports, initialGzipBytes })}\n`);
if (gzipBytes > limitBytes) {
  process.stderr.write(`Entry chunk ${entrySrc} is ${gzipBytes} bytes gzipped, over the ${limitBytes}-byte budget.\n`);
  process.exit(1);
}
