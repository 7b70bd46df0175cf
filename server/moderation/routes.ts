import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LIMITS } from '../../shared/limits.ts';
import { AuthorList, AuthorRule, BlockedWords, BulkPostModerationBody, SetAuthorRuleBody } from '../../shared/schemas/moderation.ts';
import { Post } from '../../shared/schemas/posts.ts';
import { requireModerator } from '../auth/guards.ts';
import type { Domain } from '../context.ts';
import { BEARER, errorResponses, EventIdParams } from '../http/schemas.ts';

const LogEntry = z.object({
  id: z.number(),
  actor: z.string(),
  action: z.string(),
  itemType: z.string(),
  itemId: z.number().nullable(),
  detail: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});

export default async function moderationRoutes(app: FastifyInstance, { domain }: { domain: Domain }) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/events/:eventId/moderation/log', {
    schema: {
      tags: ['moderation'],
      summary: 'Who did what to which item, newest first (moderator)',
      security: BEARER,
      params: EventIdParams,
      querystring: z.strictObject({
        cursor: z.string().max(32).regex(/^\d+$/).optional(),
        limit: z.coerce.number().int().min(1).max(LIMITS.pageSize.max).default(LIMITS.pageSize.default),
      }),
      response: { 200: z.object({ entries: z.array(LogEntry), nextCursor: z.string().nullable() }), ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (request) => {
      domain.events.get(request.params.eventId);
      requireModerator(request.principal, request.params.eventId);
      const before = request.query.cursor ? Number(request.query.cursor) : Number.MAX_SAFE_INTEGER;
      const rows = domain.repos.log.list(request.params.eventId, before, request.query.limit + 1);
      const page = rows.slice(0, request.query.limit);
      return {
        entries: page.map((row) => ({
          id: row.id,
          actor: row.actor,
          action: row.action,
          itemType: row.item_type,
          itemId: row.item_id,
          detail: JSON.parse(row.detail) as Record<string, unknown>,
          createdAt: row.created_at,
        })),
        nextCursor: rows.length > page.length ? String(page[page.length - 1]!.id) : null,
      };
    },
  });

  api.get('/events/:eventId/authors', {
    schema: {
      tags: ['moderation'],
      summary: 'Authors with a rule, then everyone who posted lately (moderator)',
      security: BEARER,
      params: EventIdParams,
      response: { 200: AuthorList, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (request) => ({ authors: domain.moderation.authors(request.principal, request.params.eventId) }),
  });

  api.put('/events/:eventId/authors/rule', {
    schema: {
      tags: ['moderation'],
      summary: 'Block, trust or clear an author of any source; blocking takes their posts down (moderator)',
      security: BEARER,
      params: EventIdParams,
      body: SetAuthorRuleBody,
      response: { 200: z.object({ rule: AuthorRule.nullable(), changed: z.array(Post) }), ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (request) => domain.moderation.setAuthorRule(request.principal, request.params.eventId, request.body),
  });

  api.post('/events/:eventId/moderation/posts/bulk', {
    schema: {
      tags: ['moderation'],
      summary: 'The same action on up to 100 posts (moderator)',
      security: BEARER,
      params: EventIdParams,
      body: BulkPostModerationBody,
      response: { 200: z.object({ posts: z.array(Post) }), ...errorResponses(400, 401, 403, 404, 409) },
    },
    handler: async (request) => ({
      posts: domain.moderation.moderateMany(request.principal, request.params.eventId, request.body.postIds, request.body.action, request.body.from),
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
    handler: async (request) => ({ words: domain.moderation.blockedWords(request.principal, request.params.eventId) }),
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
    handler: async (request) => ({ words: domain.moderation.setBlockedWords(request.principal, request.params.eventId, request.body.words) }),
  });
}
