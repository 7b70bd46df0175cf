import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Principal } from '../auth/principal.ts';
import { ANONYMOUS } from '../auth/principal.ts';
import type { Domain } from '../context.ts';
import { LIMITS } from '../../shared/limits.ts';
import { ModeratorName } from '../../shared/schemas/common.ts';
import { badRequest, unauthorized } from '../lib/errors.ts';

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
    if (principal.kind === 'apiKey') options.domain.limiter.take('apiRequest', principal.eventId);
    request.principal =
      principal.kind === 'moderator'
        ? withModeratorName(principal, request.headers['x-moderator-name'])
        : principal;
  });
});

/** `X-Moderator-Name: Ana%20L%C3%B3pez`: percent-encoded, since a header carries ASCII only. */
function withModeratorName(
  principal: Principal & { kind: 'moderator' },
  header: string | string[] | undefined,
): Principal {
  if (header === undefined) return principal;
  let decoded: string;
  try {
    decoded = decodeURIComponent(Array.isArray(header) ? header[0]! : header);
  } catch {
    throw badRequest('validation_failed', 'X-Moderator-Name must be percent-encoded UTF-8');
  }
  const name = ModeratorName.safeParse(decoded);
  if (!name.success)
    throw badRequest(
      'validation_failed',
      `X-Moderator-Name must be 1 to ${LIMITS.displayName.max} characters`,
    );
  return { ...principal, name: name.data };
}
