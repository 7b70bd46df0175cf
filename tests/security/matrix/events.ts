/** Events: the admin's list and creation, keys, settings, the logo, screens and the address notice. */
import type { HttpRoute } from './types.ts';
import { ADMIN, seedEvent } from '../../helper.ts';
import { TINY_PNG } from './fixtures.ts';

export const EVENT_ROUTES: HttpRoute[] = [
  {
    method: 'GET',
    path: '/api/events',
    what: '(every event with its keys)',
    allowed: ['admin'],
    setup: () => ({ url: '/api/events' }),
  },
  {
    method: 'POST',
    path: '/api/events',
    allowed: ['admin'],
    setup: () => ({ url: '/api/events', body: { name: 'Made by the matrix' } }),
  },
  {
    method: 'POST',
    path: '/api/events/:eventId/keys/rotate',
    allowed: ['admin'],
    // A throwaway event: rotating A's keys would change the credentials the matrix tries.
    setup: (app) => ({
      url: `/api/events/${seedEvent(app).eventId}/keys/rotate`,
      body: { keys: ['moderator'] },
    }),
  },
  {
    method: 'PATCH',
    path: '/api/events/:eventId',
    allowed: ['moderator'],
    setup: (_app, w) => ({
      url: `/api/events/${w.a.eventId}`,
      body: { name: 'Renamed by the matrix' },
    }),
  },
  {
    method: 'PUT',
    path: '/api/events/:eventId/logo',
    allowed: ['moderator', 'admin'],
    setup: (_app, w) => ({ url: `/api/events/${w.a.eventId}/logo`, body: TINY_PNG }),
  },
  {
    method: 'DELETE',
    path: '/api/events/:eventId/logo',
    allowed: ['moderator', 'admin'],
    // A logo to take away, so the allowed call changes something.
    setup: (app, w) => {
      app.domain.logos.upload({ kind: 'admin' }, w.a.eventId, TINY_PNG);
      return { url: `/api/events/${w.a.eventId}/logo` };
    },
  },
  {
    method: 'DELETE',
    path: '/api/events/:eventId',
    allowed: ['admin'],
    setup: (app) => ({
      url: `/api/events/${app.domain.events.create(ADMIN, { name: 'Doomed by the matrix' }).row.id}`,
    }),
  },
  {
    method: 'POST',
    path: '/api/events/:eventId/clear-activity',
    allowed: ['admin'],
    setup: (app) => ({
      url: `/api/events/${app.domain.events.create(ADMIN, { name: 'Rehearsed in the matrix' }).row.id}/clear-activity`,
    }),
  },
  {
    method: 'PUT',
    path: '/api/events/:eventId/screens/:name',
    allowed: ['moderator'],
    setup: (_app, w) => ({
      url: `/api/events/${w.a.eventId}/screens/main`,
      body: { mode: 'questions' },
    }),
  },
  {
    method: 'PUT',
    path: '/api/events/:eventId/address-notice',
    allowed: ['moderator'],
    setup: (_app, w) => ({
      url: `/api/events/${w.a.eventId}/address-notice`,
      body: { dismissed: true },
    }),
  },
];
