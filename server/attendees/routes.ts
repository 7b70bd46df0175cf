import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { randomBytes } from 'node:crypto';
import {
  Attendee,
  JoinByCodeBody,
  JoinChallenge,
  Joined,
  Me,
  UpdateAttendeeBody,
} from '../../shared/schemas/attendees.ts';
import { JoinCode } from '../../shared/schemas/events.ts';
import type { Domain } from '../context.ts';
import { AppError } from '../lib/errors.ts';
import { ErrorBody } from '../../shared/schemas/common.ts';
import { BEARER, errorResponses, EventIdParams } from '../http/schemas.ts';
import { presentAttendee } from './repository.ts';

const CodeParams = z.strictObject({ code: JoinCode });

/**
 * A long-lived, httpOnly cookie naming the browser, sent only to the join routes: a blocked
 * author who joins again from the same browser is recognised by it (see attendees/service.ts).
 */
const DEVICE_COOKIE = 'bc_device';
const DEVICE_COOKIE_PATH = '/api/events/by-code';

function deviceCookieOf(header: string | undefined): string | null {
  const match = header?.match(/(?:^|;\s*)bc_device=([A-Za-z0-9_-]{16,64})(?:;|$)/);
  return match?.[1] ?? null;
}

export default async function attendeeRoutes(app: FastifyInstance, { domain }: { domain: Domain }) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/events/by-code/:code/join-challenge', {
    schema: {
      tags: ['attendees'],
      summary:
        'A proof-of-work challenge (ALTCHA v2) to solve before joining; expires in 10 minutes, usable once',
      params: CodeParams,
      response: { 200: JoinChallenge, ...errorResponses(400, 404, 429) },
    },
    handler: async (request, reply) => {
      const event = domain.events.getByCode(request.params.code);
      domain.limiter.take('joinChallenge', request.ip);
      const challenge = await domain.joinChallenges.issue(event.id);
      return reply.header('cache-control', 'no-store').send(challenge as unknown as JoinChallenge);
    },
  });

  api.post('/events/by-code/:code/attendees', {
    schema: {
      tags: ['attendees'],
      summary:
        'Join an event with a solved join challenge; returns the attendee token to send as a bearer token from now on',
      params: CodeParams,
      body: JoinByCodeBody,
      response: { 201: Joined, ...errorResponses(400, 404, 429) },
    },
    handler: async (request, reply) => {
      const event = domain.events.getByCode(request.params.code);
      domain.limiter.take('join', request.ip);
      await domain.joinChallenges.spend(event.id, request.body.altcha);
      let device = deviceCookieOf(request.headers.cookie);
      if (!device) {
        device = randomBytes(24).toString('base64url');
        void reply.header(
          'set-cookie',
          `${DEVICE_COOKIE}=${device}; Path=${DEVICE_COOKIE_PATH}; Max-Age=31536000; HttpOnly; SameSite=Strict${request.protocol === 'https' ? '; Secure' : ''}`,
        );
      }
      const { attendee, token } = domain.attendees.join(
        event.id,
        request.body.displayName ?? null,
        {
          deviceHash: domain.keys.fingerprint('device', device),
          addressHash: domain.keys.fingerprint('address', request.ip),
        },
      );
      return reply
        .code(201)
        .header('cache-control', 'no-store')
        .send({ attendee: presentAttendee(attendee), token });
    },
  });

  api.post('/events/:eventId/attendees', {
    schema: {
      tags: ['attendees'],
      summary: 'Gone: join by the event code with POST /api/events/by-code/:code/attendees',
      params: EventIdParams,
      response: { 410: ErrorBody },
    },
    handler: async () => {
      throw new AppError(
        410,
        'join_code_required',
        'Join by the event code: POST /api/events/by-code/:code/attendees with a solved join challenge',
      );
    },
  });

  api.get('/me', {
    schema: {
      tags: ['attendees'],
      summary: 'The calling attendee and their questions',
      security: BEARER,
      response: {
        200: Me,
        ...errorResponses(401, 403),
      },
    },
    handler: async (request) => domain.attendees.me(request.principal),
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
    handler: async (request) =>
      domain.attendees.rename(request.principal, request.params.eventId, request.body.displayName),
  });
}
