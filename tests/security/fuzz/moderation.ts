/** Posts and their moderation: the queue, decisions one by one and in bulk, authors, blocked words, the log. */
import fc from 'fast-check';
import type { CatalogContext } from './context.ts';
import type { FuzzRoute } from './types.ts';
import { postFields, postAction, authorRuleFields } from './fields.ts';
import { unicode } from '../arbitraries.ts';

export const moderationRoutes = ({
  w,
  ids,
  freshAttendee,
  eventId,
  moderator,
  bulkFields,
}: CatalogContext): FuzzRoute[] => [
  {
    method: 'POST',
    path: '/api/events/:eventId/posts',
    params: { eventId },
    body: postFields,
    token: () => w().a.apiKey,
  },
  {
    method: 'POST',
    path: '/api/events/:eventId/posts',
    params: { eventId },
    body: postFields,
    token: freshAttendee,
  },
  {
    method: 'GET',
    path: '/api/events/:eventId/posts',
    params: { eventId },
    query: ['cursor', 'limit'],
  },
  {
    method: 'GET',
    path: '/api/events/:eventId/moderation/posts',
    params: { eventId },
    query: ['cursor', 'limit', 'status', 'q'],
    token: moderator,
  },
  {
    method: 'POST',
    path: '/api/posts/:postId/moderation',
    params: { postId: () => ids().posts },
    body: { action: postAction },
    token: moderator,
  },
  {
    method: 'GET',
    path: '/api/events/:eventId/moderation/log',
    params: { eventId },
    query: ['cursor', 'limit'],
    token: moderator,
  },
  { method: 'GET', path: '/api/events/:eventId/authors', params: { eventId }, token: moderator },
  {
    method: 'PUT',
    path: '/api/events/:eventId/authors/rule',
    params: { eventId },
    body: authorRuleFields,
    token: moderator,
  },
  {
    method: 'POST',
    path: '/api/events/:eventId/moderation/posts/bulk',
    params: { eventId },
    body: bulkFields,
    token: moderator,
  },
  {
    method: 'GET',
    path: '/api/events/:eventId/moderation/words',
    params: { eventId },
    token: moderator,
  },
  {
    method: 'PUT',
    path: '/api/events/:eventId/moderation/words',
    params: { eventId },
    body: { words: fc.array(unicode, { maxLength: 8 }) },
    token: moderator,
  },
];
