import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  PeopleList,
  PeoplePageQuery,
  PeopleParams,
  PersonDetail,
  PersonParams,
  Profile,
  ProfileBody,
} from '../../shared/schemas/people.ts';
import type { Domain } from '../context.ts';
import { BEARER, errorResponses, EventIdParams } from '../http/schemas.ts';

/** The archive's people in the API (public), and an attendee's own profile there. */
export default async function peopleRoutes(app: FastifyInstance, { domain }: { domain: Domain }) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/events/by-code/:code/archive/people', {
    schema: {
      tags: ['archive'],
      summary:
        "The people of an event's public archive, 50 a page: speakers, then attendees who chose to be named and have a public item (404 archive_not_found when the archive is not published)",
      params: PeopleParams,
      querystring: PeoplePageQuery,
      response: { 200: PeopleList, ...errorResponses(400, 404) },
    },
    handler: async (request) => {
      const event = domain.archive.openEvent(request.params.code);
      return domain.people.list(event, request.query.page);
    },
  });

  api.get('/events/by-code/:code/archive/people/:id', {
    schema: {
      tags: ['archive'],
      summary:
        "A person of an event's public archive: a speaker's sessions and answers, or an attendee's questions asked under their name, answers and replies, and wall posts (50 of each a page), and their topics",
      params: PersonParams,
      querystring: PeoplePageQuery,
      response: { 200: PersonDetail, ...errorResponses(400, 404) },
    },
    handler: async (request) => {
      const event = domain.archive.openEvent(request.params.code);
      return domain.people.person(event, request.params.id, request.query.page);
    },
  });

  api.get('/events/:eventId/attendees/me/profile', {
    schema: {
      tags: ['archive'],
      summary:
        'My profile in the public archive: whether I am named (and so listed), my affiliation and link, and my page there (attendee)',
      security: BEARER,
      params: EventIdParams,
      response: { 200: Profile, ...errorResponses(400, 401, 403) },
    },
    handler: async (request) => domain.people.profile(request.principal, request.params.eventId),
  });

  api.put('/events/:eventId/attendees/me/profile', {
    schema: {
      tags: ['archive'],
      summary:
        'Set my affiliation and link on my page in the public archive (attendee, once named; 409 not_listed before; 400 link_invalid unless an https address; empty clears)',
      security: BEARER,
      params: EventIdParams,
      body: ProfileBody,
      response: { 200: Profile, ...errorResponses(400, 401, 403, 409) },
    },
    handler: async (request) =>
      domain.people.setProfile(request.principal, request.params.eventId, request.body),
  });
}
