/** Sessions: made, edited and deleted by moderators; speaker links. */
import type { HttpRoute } from './types.ts';
import { asModerator } from '../../helper.ts';

let sessionsMade = 0;
export const SESSION_ROUTES: HttpRoute[] = [
  {
    method: 'POST',
    path: '/api/events/:eventId/sessions',
    allowed: ['moderator'],
    setup: (_app, w) => ({
      url: `/api/events/${w.a.eventId}/sessions`,
      body: { title: 'Added talk', room: `Room ${++sessionsMade}` },
    }),
  },
  {
    method: 'PATCH',
    path: '/api/sessions/:sessionId',
    allowed: ['moderator'],
    setup: (_app, w) => ({
      url: `/api/sessions/${w.a.sessionId}`,
      body: { title: 'Retitled by the matrix' },
    }),
  },
  {
    method: 'DELETE',
    path: '/api/sessions/:sessionId',
    allowed: ['moderator'],
    setup: (app, w) => ({
      url: `/api/sessions/${
        app.domain.sessions.create(asModerator(w.a.eventId), w.a.eventId, {
          title: 'Doomed talk',
          room: `Room ${++sessionsMade}`,
        }).id
      }`,
    }),
  },
  {
    method: 'GET',
    path: '/api/sessions/:sessionId/speaker-link',
    allowed: ['moderator'],
    setup: (_app, w) => ({ url: `/api/sessions/${w.a.sessionId}/speaker-link` }),
  },
];
