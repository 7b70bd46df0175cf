import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AuthorList,
  AuthorRule,
  BlockedWords,
  BulkPostModerationBody,
  LogPage,
  LogQuery,
  SetAuthorRuleBody,
} from '../../shared/schemas/moderation.ts';
import { Post } from '../../shared/schemas/posts.ts';
import type { Domain } from '../context.ts';
import { BEARER, errorResponses, EventIdParams } from '../http/schemas.ts';

export default async function moderationRoutes(
  app: FastifyInstance,
  { domain }: { domain: Domain },
) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/events/:eventId/moderation/log', {
    schema: {
      tags: ['moderation'],
      summary: 'Who did what to which item, newest first (moderator)',
      security: BEARER,
      params: EventIdParams,
      querystring: LogQuery,
      response: { 200: LogPage, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (request) =>
      domain.moderation.log(request.principal, request.params.eventId, request.query),
  });

  api.get('/events/:eventId/authors', {
    schema: {
      tags: ['moderation'],
      summary: 'Authors with a rule, then everyone who posted lately (moderator)',
      security: BEARER,
      params: EventIdParams,
      response: { 200: AuthorList, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (request) => ({
      authors: domain.moderation.authors(request.principal, request.params.eventId),
    }),
  });

  api.put('/events/:eventId/authors/rule', {
    schema: {
      tags: ['moderation'],
      summary:
        'Block, trust or clear an author of any source; blocking takes their posts down (moderator)',
      security: BEARER,
      params: EventIdParams,
      body: SetAuthorRuleBody,
      response: {
        200: z.object({ rule: AuthorRule.nullable(), changed: z.array(Post) }),
        ...errorResponses(400, 401, 403, 404),
      },
    },
    handler: async (request) =>
      domain.moderation.setAuthorRule(request.principal, request.params.eventId, request.body),
  });

  api.post('/events/:eventId/moderation/posts/bulk', {
    schema: {
      tags: ['moderation'],
      summary: 'The same action on up to 100 posts (moderator)',
      security: BEARER,
      params: EventIdParams,
      body: BulkPostModerationBody,
      response: {
        200: z.object({ posts: z.array(Post) }),
        ...errorResponses(400, 401, 403, 404, 409),
      },
    },
    handler: async (request) => ({
      posts: domain.moderation.moderateMany(
        request.principal,
        request.params.eventId,
        request.body.postIds,
        request.body.action,
        request.body.from,
      ),
    }),
  });

  api.get('/events/:eventId/moderation/words', {
    schema: {
      tags: ['moderation'],
      summary: "The event's own blocked words, on top of the built-in profanity list (moderator)",
      security: BEARER,
      params: EventIdParams,
      response: { 200: BlockedWords, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (request) => ({
      words: domain.moderation.blockedWords(request.principal, request.params.eventId),
    }),
  });

  api.put('/events/:eventId/moderation/words', {
    schema: {
      tags: ['moderation'],
      summary: "Replace the event's blocked words (moderator)",
      security: BEARER,
      params: EventIdParams,
      body: BlockedWords,
      response: { 200: BlockedWords, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (request) => ({
      words: domain.moderation.setBlockedWords(
        request.principal,
        request.params.eventId,
        request.body.words,
      ),
    }),
  });
}
