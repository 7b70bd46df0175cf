/** Sources: their status and settings. */
import type { HttpRoute } from './types.ts';

export const SOURCE_ROUTES: HttpRoute[] = [
  {
    method: 'GET',
    path: '/api/events/:eventId/sources',
    allowed: ['moderator'],
    setup: (_app, w) => ({ url: `/api/events/${w.a.eventId}/sources` }),
  },
  {
    method: 'GET',
    path: '/api/events/:eventId/sources/settings',
    allowed: ['moderator'],
    setup: (_app, w) => ({ url: `/api/events/${w.a.eventId}/sources/settings` }),
  },
  {
    method: 'PUT',
    path: '/api/events/:eventId/sources/settings',
    allowed: ['moderator'],
    // Every network off: the matrix checks who may write, and must not call outside.
    setup: (_app, w) => ({
      url: `/api/events/${w.a.eventId}/sources/settings`,
      body: {
        bluesky: { enabled: false, mentions: null },
        mastodon: { enabled: false, instances: [], mentions: null },
        extraHashtags: ['matrixtag'],
      },
    }),
  },
];
