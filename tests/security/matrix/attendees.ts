/** Attendees: their own profile and archive choice, and the archive's withdrawn list. */
import type { HttpRoute } from './types.ts';
import { pendingPost, principalOf } from '../support.ts';

let profiles = 0;
export const ATTENDEE_ROUTES: HttpRoute[] = [
  // Any attendee reads their own /me; every other credential has none.
  {
    method: 'GET',
    path: '/api/me',
    allowed: ['attendee', 'attendeeOther'],
    setup: () => ({ url: '/api/me' }),
  },
  {
    method: 'PATCH',
    path: '/api/events/:eventId/attendees/me',
    allowed: ['attendee'],
    setup: (_app, w) => ({
      url: `/api/events/${w.a.eventId}/attendees/me`,
      body: { displayName: 'Renamed bystander' },
    }),
  },
  // Whether the attendee is named in the archive: the opposite of now, so the call changes it.
  {
    method: 'PUT',
    path: '/api/events/:eventId/attendees/me/archive',
    allowed: ['attendee'],
    setup: (app, w) => {
      const principal = principalOf(app, w.attendeeA);
      const named = app.domain.archive.named(principal, w.a.eventId);
      return { url: `/api/events/${w.a.eventId}/attendees/me/archive`, body: { named: !named } };
    },
  },
  {
    method: 'GET',
    path: '/api/events/:eventId/attendees/me/archive',
    allowed: ['attendee'],
    setup: (_app, w) => ({ url: `/api/events/${w.a.eventId}/attendees/me/archive` }),
  },
  // A named attendee's affiliation, new each time, so the call changes it.
  {
    method: 'PUT',
    path: '/api/events/:eventId/attendees/me/profile',
    allowed: ['attendee'],
    setup: (app, w) => {
      const principal = principalOf(app, w.attendeeA);
      app.domain.archive.setNamed(principal, w.a.eventId, true);
      return {
        url: `/api/events/${w.a.eventId}/attendees/me/profile`,
        body: { affiliation: `Matrix Lab ${++profiles}`, link: 'https://example.org/me' },
      };
    },
  },
  {
    method: 'GET',
    path: '/api/events/:eventId/attendees/me/profile',
    allowed: ['attendee'],
    setup: (_app, w) => ({ url: `/api/events/${w.a.eventId}/attendees/me/profile` }),
  },
  {
    method: 'POST',
    path: '/api/events/:eventId/archive/withdrawn',
    allowed: ['moderator'],
    setup: (app, w) => ({
      url: `/api/events/${w.a.eventId}/archive/withdrawn`,
      body: { kind: 'post', id: pendingPost(app, w).postId, withdrawn: true },
    }),
  },
];
