import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CreateSessionBody, Session, SpeakerLink, UpdateSessionBody } from '../../shared/schemas/sessions.ts';
import { requireModerator } from '../auth/guards.ts';
import type { Domain } from '../context.ts';
import { BEARER, errorResponses, EventIdParams, SessionIdParams } from '../http/schemas.ts';

export default async function sessionRoutes(app: FastifyInstance, { domain }: { domain: Domain }) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post('/events/:eventId/sessions', {
    schema: {
      tags: ['sessions'],
      summary: 'Add a session (moderator). live: true makes it the live session of its room.',
      security: BEARER,
      params: EventIdParams,
      body: CreateSessionBody,
      response: { 201: SpeakerLink, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (request, reply) => {
      domain.events.get(request.params.eventId);
      requireModerator(request.principal, request.params.eventId);
      const row = domain.sessions.create(request.params.eventId, request.body, request.principal);
      return reply.code(201).send(domain.sessions.speakerAccessOf(row));
    },
  });

  api.patch('/sessions/:sessionId', {
    schema: {
      tags: ['sessions'],
      summary: 'Change a session, open or close its questions, or set it live in its room (moderator)',
      security: BEARER,
      params: SessionIdParams,
      body: UpdateSessionBody,
      response: { 200: Session, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (request) => {
      const session = domain.sessions.get(request.params.sessionId);
      requireModerator(request.principal, session.event_id);
      return domain.sessions.update(session.id, request.body, request.principal);
    },
  });

  api.get('/sessions/:sessionId/speaker-link', {
    schema: {
      tags: ['sessions'],
      summary: "A session's speaker link and key (moderator)",
      security: BEARER,
      params: SessionIdParams,
      response: { 200: SpeakerLink, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (request) => {
      const row = domain.sessions.get(request.params.sessionId);
      requireModerator(request.principal, row.event_id);
      return domain.sessions.speakerAccessOf(row);
    },
  });
}
