import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Principal } from '../auth/principal.ts';
import { ANONYMOUS } from '../auth/principal.ts';
import type { Domain } from '../context.ts';
import { unauthorized } from '../lib/errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
  }
}

export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : '';
}

/** Resolves `Authorization: Bearer …` once per API request. A token that matches nothing is a 401. */
export default fp(async function auth(app: FastifyInstance, options: { domain: Domain }) {
  app.decorateRequest('principal', null as never);
  app.addHook('onRequest', async (request) => {
    request.principal = ANONYMOUS;
    if (!request.url.startsWith('/api/')) return;
    const token = bearerToken(request);
    if (token === null) return;
    const principal = token === '' ? null : options.domain.resolvePrincipal(token);
    if (!principal) throw unauthorized('The credential is not valid');
    request.principal = principal;
  });
});
