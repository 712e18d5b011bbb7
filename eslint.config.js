import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Import boundaries (ARCHITECTURE "Imports flow one way", DECISIONS 19):
// core <- shared <- *.contract <- service/queries <- routes/cli. server/db, server/context.ts and
// server/config.ts form a kernel modules may import; only server/app.ts and server/main.ts import
// *.routes.ts. The web app imports only core, shared and *.contract.ts.
const routesImport = { group: ['**/*.routes.ts', '**/*.routes.js'], message: 'Only server/app.ts and server/main.ts import *.routes.ts.' };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', '.tmp/**', 'test-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-imports': ['error', { patterns: [routesImport] }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['../shared/**', '../../shared/**', '**/modules/**', '**/server/**', '**/web/**', '**/cli/**'], message: 'core is pure: it imports nothing of ours outside core.' },
            { group: ['node:fs', 'node:net', 'node:http', 'node:child_process', 'pg', 'kysely', '@electric-sql/*', 'fastify'], message: 'core does no I/O.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/modules/**', '**/server/**', '**/web/**', '**/cli/**'], message: 'shared imports only core and zod.' }] }],
    },
  },
  {
    files: ['src/modules/**/*.ts'],
    ignores: ['src/modules/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            routesImport,
            {
              // Relative paths only: packages such as @modelcontextprotocol/sdk/server/… are not our server.
              regex: '^\\.\\.?/(\\.\\./)*server/(?!db/|context\\.ts$|config\\.ts$)',
              message: 'Modules import only the kernel: server/db, server/context.ts, server/config.ts.',
            },
            { group: ['**/web/**', '**/cli/**'], message: 'Modules do not import the web app or the CLI.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/modules/**/*.contract.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/*.service.ts', '**/*.queries.ts', '**/*.routes.ts', '**/*.policy.ts', '**/server/**', 'node:*'], message: 'Contracts are isomorphic: zod, shared and other contracts only.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/server/**', '**/cli/**', '**/*.service.ts', '**/*.queries.ts', '**/*.routes.ts', '**/*.policy.ts', 'node:*'], message: 'The web app imports only core, shared and *.contract.ts.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [routesImport, { group: ['**/web/**'], message: 'The CLI does not import the web app.' }] }],
    },
  },
  {
    files: ['src/server/app.ts', 'src/server/main.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**', 'bench/**', 'scripts/**', 'src/server/testing/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
