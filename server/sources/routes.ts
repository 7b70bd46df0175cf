import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  SourceSettings,
  SourceSettingsBody,
  SourceStatusList,
} from '../../shared/schemas/sources.ts';
import type { Domain } from '../context.ts';
import { BEARER, errorResponses, EventIdParams } from '../http/schemas.ts';

export default async function sourceRoutes(app: FastifyInstance, { domain }: { domain: Domain }) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/events/:eventId/sources', {
    schema: {
      tags: ['sources'],
      summary:
        'How each outside source (X, Bluesky, Mastodon) is doing for this event: mode, state, items today, last item, last error (moderator)',
      security: BEARER,
      params: EventIdParams,
      response: { 200: SourceStatusList, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (request) => ({
      sources: domain.sources.view(request.principal, request.params.eventId),
    }),
  });

  api.get('/events/:eventId/sources/settings', {
    schema: {
      tags: ['sources'],
      summary:
        "Which networks this event takes posts from: Bluesky, Mastodon instances, extra hashtags, mentions of the event's account; tokens only as whether one is set (moderator)",
      security: BEARER,
      params: EventIdParams,
      response: { 200: SourceSettings, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (request) =>
      domain.sourceSettings.view(request.principal, request.params.eventId),
  });

  api.put('/events/:eventId/sources/settings', {
    schema: {
      tags: ['sources'],
      summary:
        'Set which networks this event takes posts from; the running sources follow at once, without a restart. A token is write-only: a string sets it, null removes it, leaving it out keeps it (moderator)',
      security: BEARER,
      params: EventIdParams,
      body: SourceSettingsBody,
      response: { 200: SourceSettings, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (request) =>
      domain.sourceSettings.update(request.principal, request.params.eventId, request.body),
  });
}
