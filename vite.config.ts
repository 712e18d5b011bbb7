import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));
const apiPort = Number(process.env.RUBRIC_API_PORT ?? 3000);
const apiTarget = `http://127.0.0.1:${Number.isInteger(apiPort) && apiPort > 0 ? apiPort : 3000}`;

/**
 * The SPA lives in src/web and builds to dist/web, which the server serves (src/server/http/static.ts).
 * In development the Vite server proxies the API to a running `rubric` server.
 */
export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    sourcemap: true,
    // Keep every asset a file: the CSP allows no inline script, style or data: fonts from the build.
    assetsInlineLimit: 0,
  },
  server: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/healthz': { target: apiTarget },
      '/readyz': { target: apiTarget },
    },
  },
  test: {
    // Tests are found from the repository root, not from the SPA root above.
    root: repoRoot,
  },
});
