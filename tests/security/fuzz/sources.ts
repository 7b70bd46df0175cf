/** Sources: their status and settings. */
import type { CatalogContext } from './context.ts';
import type { FuzzRoute } from './types.ts';
import { sourceSettingsFields } from './fields.ts';

export const sourceRoutes = ({ eventId, moderator }: CatalogContext): FuzzRoute[] => [
  { method: 'GET', path: '/api/events/:eventId/sources', params: { eventId }, token: moderator },
  {
    method: 'GET',
    path: '/api/events/:eventId/sources/settings',
    params: { eventId },
    token: moderator,
  },
  {
    method: 'PUT',
    path: '/api/events/:eventId/sources/settings',
    params: { eventId },
    body: sourceSettingsFields,
    token: moderator,
  },
];
