import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Ok } from '../../shared/schemas/common.ts';
import {
  ClearedActivity,
  CreatedEvent,
  CreateEventBody,
  Event,
  EventAccessList,
  EventAccess,
  EventByCode,
  JoinCode,
  RotateKeysBody,
  UpdateEventBody,
} from '../../shared/schemas/events.ts';
import { SessionList } from '../../shared/schemas/sessions.ts';
import type { Domain } from '../context.ts';
import { BEARER, errorResponses, EventIdParams } from '../http/schemas.ts';
import { presentSession } from '../sessions/repository.ts';
import { accessOf } from './access.ts';
import { presentEvent } from './repository.ts';

export default async function eventRoutes(app: FastifyInstance, { domain }: { domain: Domain }) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  // Both answers carry keys: no cache, shared or private, may keep them.
  api.get('/events', {
    schema: {
      tags: ['events'],
      summary:
        "Every event with its keys, the links to hand out and each session's speaker link (admin)",
      security: BEARER,
      response: { 200: EventAccessList, ...errorResponses(401, 403) },
    },
    handler: async (request, reply) => {
      const rows = domain.events.listAll(request.principal);
      void reply.header('cache-control', 'no-store');
      return { events: rows.map((row) => accessOf(domain, row)) };
    },
  });

  api.post('/events', {
    schema: {
      tags: ['events'],
      summary:
        'Create an event (admin): answers with its keys and links, as GET /api/events lists them',
      security: BEARER,
      body: CreateEventBody,
      response: { 201: CreatedEvent, ...errorResponses(400, 401, 403, 409) },
    },
    handler: async (request, reply) => {
      const { row } = domain.events.create(request.principal, request.body);
      return reply.code(201).header('cache-control', 'no-store').send(accessOf(domain, row));
    },
  });

  api.post('/events/:eventId/keys/rotate', {
    schema: {
      tags: ['events'],
      summary:
        "Replace an event's keys (admin): moderator, speaker (event-wide and every session's) and API key, or the ones named in keys. The old ones are refused at once, open sockets included",
      security: BEARER,
      params: EventIdParams,
      body: RotateKeysBody,
      response: { 200: EventAccess, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (request, reply) => {
      const row = domain.events.rotateKeys(
        request.principal,
        request.params.eventId,
        request.body.keys,
      );
      return reply.header('cache-control', 'no-store').send(accessOf(domain, row));
    },
  });

  api.get('/events/by-code/:code', {
    schema: {
      tags: ['events'],
      summary: 'Public information about an event, by its join code',
      params: z.strictObject({ code: JoinCode }),
      response: {
        200: EventByCode,
        ...errorResponses(400, 404),
      },
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
      summary:
        'Change an event: name, hashtags, question tag, moderation settings, branding (moderator)',
      security: BEARER,
      params: EventIdParams,
      body: UpdateEventBody,
      response: { 200: Event, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (request) =>
      domain.events.update(request.principal, request.params.eventId, request.body),
  });

  api.delete('/events/:eventId', {
    schema: {
      tags: ['events'],
      summary: 'Delete an event and everything in it (admin)',
      security: BEARER,
      params: EventIdParams,
      response: { 200: Ok, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (request) => {
      domain.events.remove(request.principal, request.params.eventId);
      return { ok: true as const };
    },
  });

  api.post('/events/:eventId/clear-activity', {
    schema: {
      tags: ['events'],
      summary:
        'Clear rehearsal data (admin): posts, questions, votes, attendees and the log go; the event, its sessions and keys stay',
      security: BEARER,
      params: EventIdParams,
      response: { 200: ClearedActivity, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (request) =>
      domain.events.clearActivity(request.principal, request.params.eventId),
  });

  api.get('/events/:eventId/sessions', {
    schema: {
      tags: ['sessions'],
      summary: 'The sessions (talks) of an event',
      params: EventIdParams,
      response: { 200: SessionList, ...errorResponses(400, 404) },
    },
    handler: async (request) => {
      const event = domain.events.get(request.params.eventId);
      return { sessions: domain.repos.sessions.listByEvent(event.id).map(presentSession) };
    },
  });
}
