import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { apiNotFound } from './errors.ts';

/**
 * Serves the built SPA from dist/web. Unknown /api/* paths answer the JSON 404; any other GET that
 * accepts HTML gets the SPA shell, so client routes survive a reload.
 */
export async function registerWeb(app: FastifyInstance, webDir: string): Promise<void> {
  const indexFile = path.join(webDir, 'index.html');
  const hasWeb = fs.existsSync(indexFile);
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDir,
      prefix: '/',
      wildcard: false,
      index: false,
      setHeaders(res, filePath) {
        if (filePath.includes(`${path.sep}assets${path.sep}`)) res.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }
  const shell = hasWeb ? fs.readFileSync(indexFile, 'utf8') : undefined;
  const sendShell = (reply: FastifyReply) =>
    shell
      ? reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(shell)
      : reply
          .type('text/html; charset=utf-8')
          .send('<!doctype html><title>Rubric</title><p>The web app is not built. Run <code>npm run build</code>.</p>');

  app.setNotFoundHandler((req: FastifyRequest, reply: FastifyReply) => {
    const url = req.url.split('?')[0] ?? '/';
    if (url.startsWith('/api/') || url === '/api') return reply.status(404).send(apiNotFound(String(req.id)));
    const wantsHtml = (req.headers.accept ?? '').includes('text/html') || (req.headers.accept ?? '') === '';
    if ((req.method === 'GET' || req.method === 'HEAD') && wantsHtml && !path.extname(url)) return sendShell(reply);
    return reply.status(404).type('text/plain').send('Not found');
  });
}
