/** Questions: asking, voting, editing, moderating, search, held votes and merges. */
import type { CatalogContext } from './context.ts';
import type { FuzzRoute } from './types.ts';
import { questionFields, questionAction, id } from './fields.ts';
import { unicode } from '../arbitraries.ts';

export const questionRoutes = ({
  w,
  ids,
  freshAttendee,
  eventId,
  sessionId,
  moderator,
}: CatalogContext): FuzzRoute[] => [
  {
    method: 'GET',
    path: '/api/events/:eventId/held-votes',
    params: { eventId },
    token: moderator,
  },
  {
    method: 'GET',
    path: '/api/events/:eventId/moderation/questions/waiting',
    params: { eventId },
    token: moderator,
  },
  {
    method: 'POST',
    path: '/api/questions/:questionId/held-votes/release',
    params: { questionId: () => ids().questions },
    token: moderator,
  },
  {
    method: 'POST',
    path: '/api/sessions/:sessionId/questions',
    params: { sessionId },
    body: questionFields,
    token: freshAttendee,
  },
  {
    method: 'GET',
    path: '/api/sessions/:sessionId/questions',
    params: { sessionId },
    query: ['sort', 'cursor', 'limit'],
    token: () => w().attendeeA,
  },
  {
    method: 'GET',
    path: '/api/sessions/:sessionId/moderation/questions',
    params: { sessionId },
    query: ['sort', 'q', 'cursor', 'limit'],
    token: moderator,
  },
  {
    method: 'GET',
    path: '/api/events/:eventId/questions/search',
    params: { eventId },
    query: ['q', 'cursor', 'limit'],
    token: moderator,
  },
  {
    method: 'POST',
    path: '/api/questions/:questionId/moderation',
    params: { questionId: () => ids().questions },
    body: { action: questionAction },
    token: moderator,
  },
  {
    method: 'PATCH',
    path: '/api/questions/:questionId',
    params: { questionId: () => ids().questions },
    body: { text: unicode },
    token: moderator,
  },
  {
    method: 'GET',
    path: '/api/sessions/:sessionId/questions/similar',
    params: { sessionId },
    query: ['text'],
    token: () => w().attendeeA,
  },
  {
    method: 'POST',
    path: '/api/questions/:questionId/merge',
    params: { questionId: () => ids().questions },
    body: { targetId: id(() => ids().questions) },
    token: moderator,
  },
  {
    method: 'DELETE',
    path: '/api/questions/:questionId/merge',
    params: { questionId: () => ids().questions },
    token: moderator,
  },
  {
    method: 'DELETE',
    path: '/api/questions/:questionId',
    params: { questionId: () => ids().pending },
    token: () => ids().pendingAuthor,
  },
  {
    method: 'PUT',
    path: '/api/questions/:questionId/vote',
    params: { questionId: () => ids().questions },
    token: freshAttendee,
  },
  {
    method: 'DELETE',
    path: '/api/questions/:questionId/vote',
    params: { questionId: () => ids().questions },
    token: () => w().attendeeA,
  },
];
