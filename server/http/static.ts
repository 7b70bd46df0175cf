import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Serves the built React app. Every GET that is not an API, docs or socket path and matches
 * no file answers with index.html, so client-side routes like /e/CODE/screen load on refresh.
 */
export async function registerClient(app: FastifyInstance, clientDir: string): Promise<void> {
  const index = join(clientDir, 'index.html');
  const built = existsSync(index);
  if (built) {
    await app.register(fastifyStatic, {
      root: clientDir,
      prefix: '/',
      wildcard: false,
      index: false,
      // Hashed asset names never change content; index.html must always be revalidated.
      setHeaders(res, path) {
        res.setHeader('cache-control', path.includes(`${join('assets', '')}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    const isPage = request.method === 'GET' && !/^\/(api|docs|socket\.io)(\/|$)/.test(path) && !/\.[a-z0-9]+$/i.test(path);
    if (isPage && built) return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html');
    if (isPage) {
      return reply
        .code(503)
        .type('text/plain')
        .send('The web client is not built yet: run `npm run build` (npm start does it for you).');
    }
    return reply.code(404).send({ error: { id: 'not_found', message: `No route ${request.method} ${path}` } });
  });
}
