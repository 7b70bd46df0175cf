/** Events, their keys, settings, logo, screens and the address notice, and the health check. */
import fc from 'fast-check';
import type { CatalogContext } from './context.ts';
import type { FuzzRoute } from './types.ts';
import { eventFields, screenMode } from './fields.ts';

export const eventRoutes = ({ w, eventId, moderator }: CatalogContext): FuzzRoute[] => [
  { method: 'GET', path: '/api/health' },
  { method: 'GET', path: '/api/events', token: () => w().adminToken },
  {
    method: 'POST',
    path: '/api/events',
    body: { ...eventFields, code: fc.stringMatching(/^[A-Z0-9]{3,8}$/) },
    token: () => w().adminToken,
  },
  {
    method: 'POST',
    path: '/api/events/:eventId/keys/rotate',
    // Event B: its keys are not among the tokens the fuzzer sends.
    params: { eventId: () => [String(w().b.eventId), '999999'] },
    // Rotating A's keys (through ' 1' or '+1') would lock every later case out of event A.
    spare: () => [w().a.eventId],
    body: {
      keys: fc.oneof(
        fc.subarray(['moderator', 'speaker', 'apiKey']),
        fc.array(fc.constantFrom('moderator', 'admin', 'speaker', '')),
      ),
    },
    token: () => w().adminToken,
  },
  { method: 'GET', path: '/api/events/:eventId', params: { eventId } },
  {
    method: 'PATCH',
    path: '/api/events/:eventId',
    params: { eventId },
    body: eventFields,
    token: moderator,
  },
  // The logo upload reads any body as image bytes: the fuzzed JSON is never one (415).
  {
    method: 'PUT',
    path: '/api/events/:eventId/logo',
    params: { eventId },
    body: eventFields,
    token: moderator,
  },
  { method: 'DELETE', path: '/api/events/:eventId/logo', params: { eventId }, token: moderator },
  { method: 'GET', path: '/api/events/:eventId/logo', params: { eventId }, query: ['v'] },
  {
    method: 'DELETE',
    path: '/api/events/:eventId',
    params: { eventId },
    token: moderator,
  },
  {
    method: 'POST',
    path: '/api/events/:eventId/clear-activity',
    params: { eventId },
    token: moderator,
  },
  { method: 'GET', path: '/api/events/:eventId/screens', params: { eventId } },
  {
    method: 'PUT',
    path: '/api/events/:eventId/screens/:name',
    params: { eventId, name: () => ['main', 'Main hall', 'Room B'] },
    body: { mode: screenMode },
    token: moderator,
  },
  {
    method: 'PUT',
    path: '/api/events/:eventId/address-notice',
    params: { eventId },
    body: { dismissed: fc.boolean() },
    token: moderator,
  },
];
