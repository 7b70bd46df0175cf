/** Sessions and speaker links. */
import type { CatalogContext } from './context.ts';
import type { FuzzRoute } from './types.ts';
import { sessionFields } from './fields.ts';

export const sessionRoutes = ({
  w,
  eventId,
  sessionId,
  moderator,
}: CatalogContext): FuzzRoute[] => [
  { method: 'GET', path: '/api/events/:eventId/sessions', params: { eventId } },
  {
    method: 'POST',
    path: '/api/events/:eventId/sessions',
    params: { eventId },
    body: sessionFields,
    token: moderator,
  },
  {
    method: 'PATCH',
    path: '/api/sessions/:sessionId',
    params: { sessionId },
    body: sessionFields,
    token: moderator,
  },
  // Deletes and clears with a credential that may not do them: the fuzz is about malformed
  // input (which must be a 400 first), and ids like ' 1' or '+1' coerce to the world's own
  // event and session, whose real deletion would empty the world for every later route. The
  // allowed paths are in the authorization matrix and tests/server/events/lifecycle.test.ts.
  {
    method: 'DELETE',
    path: '/api/sessions/:sessionId',
    params: { sessionId },
    token: () => w().attendeeA,
  },
  {
    method: 'GET',
    path: '/api/sessions/:sessionId/speaker-link',
    params: { sessionId },
    token: moderator,
  },
];
