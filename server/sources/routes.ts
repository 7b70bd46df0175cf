import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { SourceStatusList } from '../../shared/schemas/sources.ts';
import { requireModerator } from '../auth/guards.ts';
import type { Domain } from '../context.ts';
import { BEARER, errorResponses, EventIdParams } from '../http/schemas.ts';

export default async function sourceRoutes(app: FastifyInstance, { domain }: { domain: Domain }) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/events/:eventId/sources', {
    schema: {
      tags: ['sources'],
      summary: 'How each outside source (X) is doing for this event: mode, state, items today, last error (moderator)',
      security: BEARER,
      params: EventIdParams,
      response: { 200: SourceStatusList, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (request) => {
      domain.events.get(request.params.eventId);
      requireModerator(request.principal, request.params.eventId);
      return { sources: domain.sources.forEvent(request.params.eventId) };
    },
  });
}
