import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CreatedEvent, CreateEventBody, Event, JoinCode, UpdateEventBody } from '../../shared/schemas/events.ts';
import { Session } from '../../shared/schemas/sessions.ts';
import { requireAdmin, requireModerator } from '../auth/guards.ts';
import type { Domain } from '../context.ts';
import { BEARER, errorResponses, EventIdParams } from '../http/schemas.ts';
import { presentSession } from '../sessions/repository.ts';
import { presentEvent } from './repository.ts';

export default async function eventRoutes(app: FastifyInstance, { domain }: { domain: Domain }) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post('/events', {
    schema: {
      tags: ['events'],
      summary: 'Create an event (admin). The keys in the reply are shown once.',
      security: BEARER,
      body: CreateEventBody,
      response: { 201: CreatedEvent, ...errorResponses(400, 401, 403, 409) },
    },
    handler: async (request, reply) => {
      requireAdmin(request.principal);
      const { row, keys, links } = domain.events.create(request.body);
      return reply.code(201).send({ event: presentEvent(row), ...keys, links });
    },
  });

  api.get('/events/by-code/:code', {
    schema: {
      tags: ['events'],
      summary: 'Public information about an event, by its join code',
      params: z.strictObject({ code: JoinCode }),
      response: { 200: z.object({ event: Event, sessions: z.array(Session) }), ...errorResponses(400, 404) },
    },
    handler: async (request) => {
      const row = domain.events.getByCode(request.params.code);
      return { event: presentEvent(row), sessions: domain.sessions.list(row.id) };
    },
  });

  api.get('/events/:eventId', {
    schema: {
      tags: ['events'],
      summary: 'Public information about an event',
      params: EventIdParams,
      response: { 200: Event, ...errorResponses(400, 404) },
    },
    handler: async (request) => presentEvent(domain.events.get(request.params.eventId)),
  });

  api.patch('/events/:eventId', {
    schema: {
      tags: ['events'],
      summary: 'Change an event: name, hashtags, question tag, moderation settings, branding (moderator)',
      security: BEARER,
      params: EventIdParams,
      body: UpdateEventBody,
      response: { 200: Event, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (request) => {
      domain.events.get(request.params.eventId);
      requireModerator(request.principal, request.params.eventId);
      return domain.events.update(request.params.eventId, request.body, request.principal);
    },
  });

  api.get('/events/:eventId/sessions', {
    schema: {
      tags: ['sessions'],
      summary: 'The sessions (talks) of an event',
      params: EventIdParams,
      response: { 200: z.object({ sessions: z.array(Session) }), ...errorResponses(400, 404) },
    },
    handler: async (request) => {
      const event = domain.events.get(request.params.eventId);
      return { sessions: domain.repos.sessions.listByEvent(event.id).map(presentSession) };
    },
  });
}
