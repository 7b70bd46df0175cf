import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CreatePostBody,
  ModeratePostBody,
  Post,
  PostListQuery,
  PostPage,
} from '../../shared/schemas/posts.ts';
import type { Domain } from '../context.ts';
import { BEARER, errorResponses, EventIdParams, PostIdParams } from '../http/schemas.ts';

export default async function postRoutes(app: FastifyInstance, { domain }: { domain: Domain }) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post('/events/:eventId/posts', {
    schema: {
      tags: ['posts'],
      summary: 'Post to the wall (attendee token or the event API key)',
      description:
        'Send a clientId (or, with the API key, the sourceId the post has where it came from): a retry with the same id returns the first post with 200 instead of making a copy.',
      security: BEARER,
      params: EventIdParams,
      body: CreatePostBody,
      response: { 200: Post, 201: Post, ...errorResponses(400, 401, 403, 404, 413, 429) },
    },
    handler: async (request, reply) => {
      domain.events.get(request.params.eventId);
      const { post, created } = domain.posts.create(
        request.principal,
        request.params.eventId,
        request.body,
      );
      return reply.code(created ? 201 : 200).send(post);
    },
  });

  api.get('/events/:eventId/posts', {
    schema: {
      tags: ['posts'],
      summary: 'Approved posts, newest first, with cursor paging',
      params: EventIdParams,
      querystring: PostListQuery.omit({ status: true, q: true }),
      response: { 200: PostPage, ...errorResponses(400, 404) },
    },
    handler: async (request) => {
      domain.events.get(request.params.eventId);
      return domain.posts.approvedPage(
        request.params.eventId,
        request.query.cursor,
        request.query.limit,
      );
    },
  });

  api.get('/events/:eventId/moderation/posts', {
    schema: {
      tags: ['moderation'],
      summary:
        'Posts in every status, or one status, newest first; q searches text and author (moderator)',
      security: BEARER,
      params: EventIdParams,
      querystring: PostListQuery,
      response: { 200: PostPage, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (request) =>
      domain.posts.moderationPage(request.principal, request.params.eventId, request.query),
  });

  api.post('/posts/:postId/moderation', {
    schema: {
      tags: ['moderation'],
      summary: 'Approve, reject, hide (take down), pin or unpin a post (moderator)',
      security: BEARER,
      params: PostIdParams,
      body: ModeratePostBody,
      response: { 200: Post, ...errorResponses(400, 401, 403, 404, 409) },
    },
    handler: async (request) =>
      domain.posts.moderate(
        request.principal,
        request.params.postId,
        request.body.action,
        request.body.from,
      ),
  });
}
