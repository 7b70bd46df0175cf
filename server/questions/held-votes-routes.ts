import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { HeldVotes, ReleasedVotes } from '../../shared/schemas/votes.ts';
import type { Domain } from '../context.ts';
import { BEARER, errorResponses, EventIdParams, QuestionIdParams } from '../http/schemas.ts';

/** Votes from fresh identities past a question's allowance, for moderators to review. */
export default async function heldVoteRoutes(app: FastifyInstance, { domain }: { domain: Domain }) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/events/:eventId/held-votes', {
    schema: {
      tags: ['questions'],
      summary:
        'Questions with votes held for review: fresh identities past the per-question allowance (moderator)',
      security: BEARER,
      params: EventIdParams,
      response: { 200: HeldVotes, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (request) => domain.freshVotes.list(request.principal, request.params.eventId),
  });

  api.post('/questions/:questionId/held-votes/release', {
    schema: {
      tags: ['questions'],
      summary: "Count a question's held votes after all (moderator)",
      security: BEARER,
      params: QuestionIdParams,
      response: { 200: ReleasedVotes, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (request) =>
      domain.freshVotes.release(request.principal, request.params.questionId),
  });
}
