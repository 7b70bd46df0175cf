import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LIMITS } from '../../shared/limits.ts';
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
}
