import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { TopicParams, TopicPeople } from '../../shared/schemas/topics.ts';
import type { Domain } from '../context.ts';
import { errorResponses } from '../http/schemas.ts';

/** "Who knows about X" in the API: public, 404 archive_not_found when no archive is open. */
export async function topicRoutes(app: FastifyInstance, { domain }: { domain: Domain }) {
  app.withTypeProvider<ZodTypeProvider>().get('/events/by-code/:code/archive/topics/:tag/people', {
    schema: {
      tags: ['archive'],
      summary:
        "Who knows about a topic in an event's public archive: people ranked by their public answers and replies under the tag, an accepted one weighing 3 and any other 1 (named only when the archive may name them; 404 archive_not_found when the archive is not published)",
      params: TopicParams,
      response: { 200: TopicPeople, ...errorResponses(400, 404) },
    },
    handler: async (request) => {
      const event = domain.archive.openEvent(request.params.code);
      return domain.topics.people(event, request.params.tag);
    },
  });
}
