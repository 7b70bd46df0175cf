import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Screen, ScreenList, ScreenName, SetScreenBody } from '../../shared/schemas/screens.ts';
import type { Domain } from '../context.ts';
import { BEARER, errorResponses, EventIdParams } from '../http/schemas.ts';

export default async function screenRoutes(app: FastifyInstance, { domain }: { domain: Domain }) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/events/:eventId/screens', {
    schema: {
      tags: ['screens'],
      summary: "Every screen's mode; a screen not listed shows the wall",
      params: EventIdParams,
      response: { 200: ScreenList, ...errorResponses(400, 404) },
    },
    handler: async (request) => {
      domain.events.get(request.params.eventId);
      return { screens: domain.screens.list(request.params.eventId) };
    },
  });

  api.put('/events/:eventId/screens/:name', {
    schema: {
      tags: ['screens'],
      summary: "Switch a screen's mode: wall, questions, spotlight or join card (moderator)",
      security: BEARER,
      params: EventIdParams.extend({ name: ScreenName }).strict(),
      body: SetScreenBody,
      response: { 200: Screen, ...errorResponses(400, 401, 403, 404, 409) },
    },
    handler: async (request) => {
      domain.events.get(request.params.eventId);
      return domain.screens.set(
        request.principal,
        request.params.eventId,
        request.params.name,
        request.body.mode,
      );
    },
  });
}
