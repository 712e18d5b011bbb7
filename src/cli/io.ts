import fs from 'node:fs';
import { AppError, isAppError } from '../shared/errors.ts';

export type Format = 'json' | 'text' | 'md';

/** Exit codes shared by every command (DECISIONS 9). */
export const EXIT = { ok: 0, internal: 1, usage: 2, auditBroken: 3 } as const;

export class CliExit extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
  }
}

/** Writes the command's result: with --format json only the JSON document goes to stdout. */
export function output(format: Format | string, value: unknown, text: () => string): void {
  if (format === 'json') process.stdout.write(JSON.stringify(value, null, 2) + '\n');
  else process.stdout.write(text().replace(/\n?$/, '\n'));
}

/** Maps a thrown error to an exit code and a message on stderr. */
export function exitCodeFor(e: unknown): number {
  if (e instanceof CliExit) return e.code;
  if (isAppError(e)) return e.code === 'invalid' || e.code === 'not_found' || e.code === 'forbidden' ? EXIT.usage : EXIT.internal;
  return EXIT.internal;
}

export function describeError(e: unknown): string {
  if (e instanceof CliExit) return e.message;
  if (isAppError(e)) {
    const issues = (e.details?.issues as { path: string; message: string }[] | undefined) ?? [];
    return [`${e.code}: ${e.message}`, ...issues.map((i) => `  ${i.path}: ${i.message}`)].join('\n');
  }
  return e instanceof Error ? e.message : String(e);
}

export function usageError(message: string): CliExit {
  return new CliExit(EXIT.usage, message);
}

export { AppError };

/** Reads and parses a JSON file (`-` is standard input); unreadable or invalid JSON is a usage error (exit 2). */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    throw usageError(`cannot read ${file}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw usageError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
}

/** `--map column=header …` of the CSV importers → the mapping their API takes (our column → the file's header). */
export function columnMapOption(values: string[] | undefined, columns: readonly string[]): Record<string, string> {
  const mapping: Record<string, string> = {};
  for (const m of values ?? []) {
    const [ours, ...rest] = m.split('=');
    if (!ours || !rest.length || !rest.join('=').trim() || !columns.includes(ours)) throw usageError(`--map takes column=header with a column of ${columns.join(', ')}`);
    mapping[ours] = rest.join('=');
  }
  return mapping;
}
