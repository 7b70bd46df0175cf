import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Serves the built React app. Every GET that is not an API, docs or socket path and matches
 * no file answers with index.html, so client-side routes like /e/CODE/screen load on refresh.
 * index.html is served from memory with an ETag: thousands of phones open the attendee page
 * in the same minute after a keynote, and a phone on a bad connection that has it already gets
 * a 304. A rebuild of the client while the server runs is picked up within a second.
 */
export async function registerClient(app: FastifyInstance, clientDir: string): Promise<void> {
  const index = join(clientDir, 'index.html');
  const built = existsSync(index);
  const page = built ? indexPage(index) : null;
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
        res.setHeader(
          'cache-control',
          path.includes(`${join('assets', '')}`)
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        );
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    const isPage =
      request.method === 'GET' &&
      !/^\/(api|docs|socket\.io)(\/|$)/.test(path) &&
      !/\.[a-z0-9]+$/i.test(path);
    const current = isPage ? page?.() : undefined;
    if (isPage && current) {
      const { html, etag } = current;
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
    return reply
      .code(404)
      .send({ error: { id: 'not_found', message: `No route ${request.method} ${path}` } });
  });
}

/** index.html from memory, re-read when the file changes (checked at most once a second). */
function indexPage(file: string): () => { html: Buffer; etag: string } {
  let stamp = '';
  let checkedAt = 0;
  let current = { html: Buffer.alloc(0), etag: '' };
  return () => {
    const now = Date.now();
    if (now - checkedAt < 1000) return current;
    checkedAt = now;
    try {
      const stat = statSync(file);
      const seen = `${stat.mtimeMs}:${stat.size}`;
      if (seen !== stamp) {
        const html = readFileSync(file);
        current = {
          html,
          etag: `"${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"`,
        };
        stamp = seen;
      }
    } catch {
      // Mid-rebuild the file can be missing for a moment: keep serving the last good copy.
    }
    return current;
  };
}
