/** Joining, the attendee's own profile and archive choice, and the archive. */
import fc from 'fast-check';
import type { CatalogContext } from './context.ts';
import type { FuzzRoute } from './types.ts';
import { httpUrl, unicode } from '../arbitraries.ts';
import { id } from './fields.ts';

export const attendeeRoutes = ({ w, ids, eventId, moderator }: CatalogContext): FuzzRoute[] => [
  {
    method: 'GET',
    path: '/api/events/by-code/:code',
    params: { code: () => [w().a.code, w().a.code.toLowerCase(), 'NOPE42'] },
  },
  {
    method: 'POST',
    path: '/api/events/:eventId/attendees',
    params: { eventId },
    body: { displayName: unicode },
  },
  {
    method: 'GET',
    path: '/api/events/by-code/:code/join-challenge',
    params: { code: () => [w().a.code, w().a.code.toLowerCase(), 'NOPE42'] },
  },
  {
    method: 'POST',
    path: '/api/events/by-code/:code/attendees',
    params: { code: () => [w().a.code, 'NOPE42'] },
    body: {
      altcha: fc.oneof(unicode, fc.base64String({ maxLength: 200 })),
      displayName: unicode,
    },
  },
  { method: 'GET', path: '/api/me', token: () => w().attendeeA },
  {
    method: 'PATCH',
    path: '/api/events/:eventId/attendees/me',
    params: { eventId },
    body: { displayName: fc.option(unicode) },
    token: () => w().attendeeA,
  },
  {
    method: 'GET',
    path: '/api/events/:eventId/attendees/me/archive',
    params: { eventId },
    token: () => w().attendeeA,
  },
  {
    method: 'PUT',
    path: '/api/events/:eventId/attendees/me/archive',
    params: { eventId },
    body: { named: fc.boolean() },
    token: () => w().attendeeA,
  },
  {
    method: 'GET',
    path: '/api/events/:eventId/attendees/me/profile',
    params: { eventId },
    token: () => w().attendeeA,
  },
  {
    method: 'PUT',
    path: '/api/events/:eventId/attendees/me/profile',
    params: { eventId },
    body: {
      affiliation: fc.option(unicode),
      link: fc.option(
        fc.oneof(
          unicode,
          httpUrl,
          fc.constantFrom('https://example.org/a', 'javascript:alert(1)', 'http://x.org'),
        ),
      ),
    },
    token: () => w().attendeeA,
  },
  {
    method: 'POST',
    path: '/api/events/:eventId/archive/withdrawn',
    params: { eventId },
    body: {
      kind: fc.constantFrom('post', 'question', 'answer', 'vote'),
      id: id(() => [...ids().posts, ...ids().questions, ...ids().answers]),
      withdrawn: fc.boolean(),
    },
    token: moderator,
  },
  {
    method: 'GET',
    path: '/api/events/by-code/:code/archive/search',
    params: { code: () => [w().a.code, w().a.code.toLowerCase(), 'NOPE42'] },
    query: ['q', 'cursor'],
  },
  {
    method: 'GET',
    path: '/api/events/by-code/:code/archive/people',
    params: { code: () => [w().a.code, 'NOPE42'] },
    query: ['page'],
  },
  {
    method: 'GET',
    path: '/api/events/by-code/:code/archive/people/:id',
    params: {
      code: () => [w().a.code, 'NOPE42'],
      id: () => [
        'dr_speaker',
        'keynote_speaker',
        '0123456789abcdef',
        'bad-id',
        '%_',
        'x'.repeat(101),
      ],
    },
    query: ['page'],
  },
  {
    method: 'GET',
    path: '/api/events/by-code/:code/archive/topics/:tag/people',
    params: {
      code: () => [w().a.code, 'NOPE42'],
      tag: () => ['rustlang', 'Rust_Lang', '%_', 'x'.repeat(51)],
    },
  },
];
