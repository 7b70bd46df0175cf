import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ArchiveNaming,
  ArchiveSearchQuery,
  ArchiveSearchResult,
  WithdrawBody,
  WithdrawnState,
} from '../../shared/schemas/archive.ts';
import { JoinCode } from '../../shared/schemas/events.ts';
import type { Domain } from '../context.ts';
import { BEARER, errorResponses, EventIdParams } from '../http/schemas.ts';

/** The archive's API: withdrawing items (moderators), being named (attendees), public search. */
export default async function archiveRoutes(app: FastifyInstance, { domain }: { domain: Domain }) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post('/events/:eventId/archive/withdrawn', {
    schema: {
      tags: ['archive'],
      summary:
        'Withdraw a post, question or answer from the public archive, its feeds and public search, or restore it (moderator; logged)',
      security: BEARER,
      params: EventIdParams,
      body: WithdrawBody,
      response: { 200: WithdrawnState, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (request) =>
      domain.archive.setWithdrawn(request.principal, request.params.eventId, request.body),
  });

  api.get('/events/:eventId/attendees/me/archive', {
    schema: {
      tags: ['archive'],
      summary: 'Whether I am named in the public archive (attendee; default: not named)',
      security: BEARER,
      params: EventIdParams,
      response: { 200: ArchiveNaming, ...errorResponses(400, 401, 403) },
    },
    handler: async (request) => ({
      named: domain.archive.named(request.principal, request.params.eventId),
    }),
  });

  api.put('/events/:eventId/attendees/me/archive', {
    schema: {
      tags: ['archive'],
      summary:
        'Choose whether my name appears with my posts, questions and replies in the public archive (attendee)',
      security: BEARER,
      params: EventIdParams,
      body: ArchiveNaming,
      response: { 200: ArchiveNaming, ...errorResponses(400, 401, 403) },
    },
    handler: async (request) => ({
      named: domain.archive.setNamed(request.principal, request.params.eventId, request.body.named),
    }),
  });

  api.get('/events/by-code/:code/archive/search', {
    schema: {
      tags: ['archive'],
      summary:
        "Search an event's public archive: approved posts, public questions and answers, best first with highlighted snippets (404 archive_not_found when the archive is not published)",
      params: z.strictObject({ code: JoinCode }),
      querystring: ArchiveSearchQuery,
      response: { 200: ArchiveSearchResult, ...errorResponses(400, 404) },
    },
    handler: async (request) => {
      const event = domain.archive.openEvent(request.params.code);
      return domain.archive.search(event, request.query.q, request.query.cursor);
    },
  });
}
