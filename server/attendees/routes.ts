import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Attendee, JoinBody, Joined, UpdateAttendeeBody } from '../../shared/schemas/attendees.ts';
import { Question } from '../../shared/schemas/questions.ts';
import { requireAttendee } from '../auth/guards.ts';
import type { Domain } from '../context.ts';
import { forbidden, unauthorized } from '../lib/errors.ts';
import { BEARER, errorResponses, EventIdParams } from '../http/schemas.ts';
import { presentAttendee } from './repository.ts';

export default async function attendeeRoutes(app: FastifyInstance, { domain }: { domain: Domain }) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post('/events/:eventId/attendees', {
    schema: {
      tags: ['attendees'],
      summary: 'Join an event; returns the attendee token to send as a bearer token from now on',
      params: EventIdParams,
      body: JoinBody,
      response: { 201: Joined, ...errorResponses(400, 404) },
    },
    handler: async (request, reply) => {
      const event = domain.events.get(request.params.eventId);
      const { attendee, token } = domain.attendees.join(event.id, request.body.displayName ?? null);
      return reply.code(201).send({ attendee: presentAttendee(attendee), token });
    },
  });

  api.get('/me', {
    schema: {
      tags: ['attendees'],
      summary: 'The calling attendee and their questions',
      security: BEARER,
      response: { 200: z.object({ attendee: Attendee, questions: z.array(Question) }), ...errorResponses(401, 403) },
    },
    handler: async (request) => {
      const principal = request.principal;
      if (principal.kind === 'anonymous') throw unauthorized('An attendee token is required');
      if (principal.kind !== 'attendee') throw forbidden('Only an attendee token has a /me');
      const { attendee } = principal;
      return { attendee: presentAttendee(attendee), questions: domain.questions.mine(attendee) };
    },
  });

  api.patch('/events/:eventId/attendees/me', {
    schema: {
      tags: ['attendees'],
      summary: 'Change the name shown with my posts and questions',
      security: BEARER,
      params: EventIdParams,
      body: UpdateAttendeeBody,
      response: { 200: Attendee, ...errorResponses(400, 401, 403) },
    },
    handler: async (request) => {
      const { attendee } = requireAttendee(request.principal, request.params.eventId);
      return presentAttendee(domain.attendees.rename(attendee.id, request.body.displayName)!);
    },
  });
}
