/** Answers: staff answers and attendee replies, edited, accepted and moderated. */
import type { HttpRoute } from './types.ts';
import { approvedQuestion } from '../support.ts';
import { pendingReply, staffAnswer } from './fixtures.ts';

export const ANSWER_ROUTES: HttpRoute[] = [
  {
    method: 'POST',
    path: '/api/questions/:questionId/answers',
    what: '(staff answer; an attendee replies)',
    allowed: ['moderator', 'sessionSpeaker', 'eventSpeaker', 'attendee', 'author'],
    hasAuthor: true,
    setup: (app, w) => {
      const made = approvedQuestion(app, w);
      return {
        url: `/api/questions/${made.questionId}/answers`,
        authorToken: made.authorToken,
        body: { text: 'Answered through the matrix' },
      };
    },
  },
  {
    method: 'PATCH',
    path: '/api/answers/:answerId',
    allowed: ['moderator', 'sessionSpeaker', 'eventSpeaker'],
    setup: (app, w) => ({
      url: `/api/answers/${staffAnswer(app, w).answerId}`,
      body: { text: 'Edited through the matrix' },
    }),
  },
  {
    method: 'POST',
    path: '/api/answers/:answerId/accept',
    allowed: ['moderator', 'sessionSpeaker', 'eventSpeaker'],
    setup: (app, w) => ({ url: `/api/answers/${staffAnswer(app, w).answerId}/accept` }),
  },
  {
    method: 'POST',
    path: '/api/answers/:answerId/moderation',
    allowed: ['moderator'],
    hasAuthor: true,
    setup: (app, w) => {
      const made = pendingReply(app, w);
      return {
        url: `/api/answers/${made.answerId}/moderation`,
        authorToken: made.authorToken,
        body: { action: 'approve' },
      };
    },
  },
];
