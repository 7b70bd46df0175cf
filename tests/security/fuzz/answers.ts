/** Answers and replies. */
import fc from 'fast-check';
import type { CatalogContext } from './context.ts';
import type { FuzzRoute } from './types.ts';
import { words } from './fields.ts';

export const answerRoutes = ({ ids, freshAttendee, moderator }: CatalogContext): FuzzRoute[] => [
  {
    method: 'GET',
    path: '/api/questions/:questionId/answers',
    params: { questionId: () => ids().questions },
  },
  {
    method: 'POST',
    path: '/api/questions/:questionId/answers',
    params: { questionId: () => ids().questions },
    body: { text: words, markAnswered: fc.boolean() },
    token: moderator,
  },
  {
    method: 'POST',
    path: '/api/questions/:questionId/answers',
    params: { questionId: () => ids().questions },
    body: { text: words },
    token: freshAttendee,
  },
  {
    method: 'PATCH',
    path: '/api/answers/:answerId',
    params: { answerId: () => ids().answers },
    body: { text: words },
    token: moderator,
  },
  {
    method: 'POST',
    path: '/api/answers/:answerId/accept',
    params: { answerId: () => ids().answers },
    token: moderator,
  },
  {
    method: 'POST',
    path: '/api/answers/:answerId/moderation',
    params: { answerId: () => ids().answers },
    body: { action: fc.constantFrom('approve', 'reject') },
    token: moderator,
  },
];
