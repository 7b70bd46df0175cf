import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { WaitingQuestions } from '../../shared/schemas/waiting.ts';
import type { Domain } from '../context.ts';
import { BEARER, errorResponses, EventIdParams } from '../http/schemas.ts';

/** What waits for a moderator in every room, for the console's cross-room view. */
export default async function waitingRoutes(app: FastifyInstance, { domain }: { domain: Domain }) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/events/:eventId/moderation/questions/waiting', {
    schema: {
      tags: ['moderation'],
      summary:
        'Questions awaiting moderation: a count per session, and the oldest of each live session (moderator)',
      description:
        'Live updates of the counts come over the socket as `questions:waiting`. An anonymous question carries no name here either.',
      security: BEARER,
      params: EventIdParams,
      response: { 200: WaitingQuestions, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (request) => domain.waiting.list(request.principal, request.params.eventId),
  });
}
