/** Posts and their moderation: the queue, decisions one by one and in bulk, authors, blocked words, the log. */
import type { HttpRoute } from './types.ts';
import { authorKeyOf } from './fixtures.ts';
import { pendingPost } from '../support.ts';

export const MODERATION_ROUTES: HttpRoute[] = [
  {
    method: 'GET',
    path: '/api/events/:eventId/moderation/posts',
    allowed: ['moderator'],
    setup: (_app, w) => ({ url: `/api/events/${w.a.eventId}/moderation/posts` }),
  },
  {
    method: 'POST',
    path: '/api/posts/:postId/moderation',
    allowed: ['moderator'],
    hasAuthor: true,
    setup: (app, w) => {
      const { postId, authorToken } = pendingPost(app, w);
      return { url: `/api/posts/${postId}/moderation`, authorToken, body: { action: 'approve' } };
    },
  },
  {
    method: 'GET',
    path: '/api/events/:eventId/moderation/log',
    allowed: ['moderator'],
    setup: (_app, w) => ({ url: `/api/events/${w.a.eventId}/moderation/log` }),
  },
  {
    method: 'POST',
    path: '/api/events/:eventId/posts',
    allowed: ['attendee', 'apiKey'],
    setup: (_app, w) => ({
      url: `/api/events/${w.a.eventId}/posts`,
      body: { text: 'Posted through the matrix' },
    }),
  },
  {
    method: 'GET',
    path: '/api/events/:eventId/authors',
    allowed: ['moderator'],
    setup: (_app, w) => ({ url: `/api/events/${w.a.eventId}/authors` }),
  },
  {
    method: 'PUT',
    path: '/api/events/:eventId/authors/rule',
    allowed: ['moderator'],
    hasAuthor: true,
    setup: (app, w) => {
      const { authorToken } = pendingPost(app, w);
      return {
        url: `/api/events/${w.a.eventId}/authors/rule`,
        authorToken,
        body: { authorKey: authorKeyOf(app, authorToken), displayName: 'Poster', rule: 'blocked' },
      };
    },
  },
  {
    method: 'POST',
    path: '/api/events/:eventId/moderation/posts/bulk',
    allowed: ['moderator'],
    hasAuthor: true,
    setup: (app, w) => {
      const { postId, authorToken } = pendingPost(app, w);
      return {
        url: `/api/events/${w.a.eventId}/moderation/posts/bulk`,
        authorToken,
        body: { postIds: [postId], action: 'approve' },
      };
    },
  },
  {
    method: 'GET',
    path: '/api/events/:eventId/moderation/words',
    allowed: ['moderator'],
    setup: (_app, w) => ({ url: `/api/events/${w.a.eventId}/moderation/words` }),
  },
  {
    method: 'PUT',
    path: '/api/events/:eventId/moderation/words',
    allowed: ['moderator'],
    setup: (_app, w) => ({
      url: `/api/events/${w.a.eventId}/moderation/words`,
      body: { words: ['matrixword'] },
    }),
  },
];
