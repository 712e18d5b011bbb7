import fs from 'node:fs';
import path from 'node:path';
import { type JdContent, type JdLanguage, jdLanguages, parseJdContent } from '../../core/generation/jd-content.ts';
import { findPackageRoot } from '../../server/db/connect.ts';

/** Reads and validates content/jd/<lang>.json from the package root; throws listing every problem. */
export function loadJdContent(lang: JdLanguage, root = findPackageRoot()): JdContent {
  if (!(jdLanguages as readonly string[]).includes(lang)) throw new Error(`Unsupported job-description language "${String(lang)}"`);
  const file = path.join(root, 'content', 'jd', `${lang}.json`);
  return parseJdContent(JSON.parse(fs.readFileSync(file, 'utf8')) as unknown, lang);
}
