#!/usr/bin/env node
// The `rubric` command. Runs the built CLI (dist/cli/main.js, made by `npm ci` through `prepare`);
// in a checkout without a build it runs the TypeScript source through tsx.
import { existsSync } from 'node:fs';

const built = new URL('../dist/cli/main.js', import.meta.url);
if (existsSync(built) && !process.env.RUBRIC_CLI_FROM_SOURCE) {
  await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../src/cli/main.ts', import.meta.url).href);
}
