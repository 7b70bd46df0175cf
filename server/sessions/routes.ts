import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CreateSessionBody,
  Session,
  SpeakerLink,
  UpdateSessionBody,
} from '../../shared/schemas/sessions.ts';
import { Ok } from '../../shared/schemas/common.ts';
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
      const row = domain.sessions.create(request.principal, request.params.eventId, request.body);
      return reply.code(201).send(domain.sessions.speakerAccessOf(row));
    },
  });

  api.patch('/sessions/:sessionId', {
    schema: {
      tags: ['sessions'],
      summary:
        'Change a session, open or close its questions, or set it live in its room (moderator)',
      security: BEARER,
      params: SessionIdParams,
      body: UpdateSessionBody,
      response: { 200: Session, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (request) =>
      domain.sessions.update(request.principal, request.params.sessionId, request.body),
  });

  api.delete('/sessions/:sessionId', {
    schema: {
      tags: ['sessions'],
      summary: 'Delete a session with its questions (moderator)',
      security: BEARER,
      params: SessionIdParams,
      response: { 200: Ok, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (request) => {
      domain.sessions.remove(request.principal, request.params.sessionId);
      return { ok: true as const };
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
    handler: async (request) =>
      domain.sessions.speakerAccess(request.principal, request.params.sessionId),
  });
}
