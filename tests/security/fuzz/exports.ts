/** Exports. */
import type { CatalogContext } from './context.ts';
import type { FuzzRoute } from './types.ts';

export const exportRoutes = ({ eventId, moderator }: CatalogContext): FuzzRoute[] => [
  {
    method: 'GET',
    path: '/api/events/:eventId/export.json',
    params: { eventId },
    query: ['session', 'status'],
    token: moderator,
  },
  {
    method: 'GET',
    path: '/api/events/:eventId/export/questions.csv',
    params: { eventId },
    query: ['session'],
    token: moderator,
  },
  {
    method: 'GET',
    path: '/api/events/:eventId/export/posts.csv',
    params: { eventId },
    query: ['status'],
    token: moderator,
  },
  {
    method: 'GET',
    path: '/api/events/:eventId/export.md',
    params: { eventId },
    query: [],
    token: moderator,
  },
];
