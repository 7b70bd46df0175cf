import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Serves the built React app. Every GET that is not an API, docs or socket path and matches
 * no file answers with index.html, so client-side routes like /e/CODE/screen load on refresh.
 * index.html is read once at start and served from memory with an ETag: thousands of phones
 * open the attendee page in the same minute after a keynote, and a phone on a bad connection
 * that has it already gets a 304. (npm start builds the client before the server starts.)
 */
export async function registerClient(app: FastifyInstance, clientDir: string): Promise<void> {
  const index = join(clientDir, 'index.html');
  const built = existsSync(index);
  const html = built ? readFileSync(index) : null;
  const etag = html ? `"${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"` : '';
  if (built) {
    await app.register(fastifyStatic, {
      root: clientDir,
      prefix: '/',
      wildcard: false,
      index: false,
      // Hashed asset names never change content; index.html must always be revalidated.
      // send's own Cache-Control (max-age=0) would overwrite what setHeaders says: off.
      cacheControl: false,
      setHeaders(res, path) {
        res.setHeader('cache-control', path.includes(`${join('assets', '')}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    const isPage = request.method === 'GET' && !/^\/(api|docs|socket\.io)(\/|$)/.test(path) && !/\.[a-z0-9]+$/i.test(path);
    if (isPage && html) {
      void reply.header('cache-control', 'no-cache').header('etag', etag);
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply.type('text/html; charset=utf-8').send(html);
    }
    if (isPage) {
      return reply
        .code(503)
        .type('text/plain')
        .send('The web client is not built yet: run `npm run build` (npm start does it for you).');
    }
    return reply.code(404).send({ error: { id: 'not_found', message: `No route ${request.method} ${path}` } });
  });
}
