/** Questions: asking, voting, editing, moderating, search, held votes and merges. */
import type { HttpRoute } from './types.ts';
import { approvedQuestion, pendingQuestion, principalOf } from '../support.ts';
import { duplicatePair, mergedPair, question, vote } from './fixtures.ts';

export const QUESTION_ROUTES: HttpRoute[] = [
  {
    method: 'GET',
    path: '/api/sessions/:sessionId/moderation/questions',
    allowed: ['moderator', 'sessionSpeaker', 'eventSpeaker'],
    setup: (_app, w) => ({ url: `/api/sessions/${w.a.sessionId}/moderation/questions` }),
  },
  ...(['answer', 'spotlight', 'dismiss'] as const).map((action): HttpRoute => ({
    method: 'POST',
    path: '/api/questions/:questionId/moderation',
    what: `to ${action}`,
    // A speaker may answer and spotlight in their own session; the rest is for moderators.
    allowed: action === 'dismiss' ? ['moderator'] : ['moderator', 'sessionSpeaker', 'eventSpeaker'],
    hasAuthor: true,
    setup: (app, w) => {
      const made = approvedQuestion(app, w);
      return {
        url: `/api/questions/${made.questionId}/moderation`,
        authorToken: made.authorToken,
        body: { action },
      };
    },
  })),
  {
    method: 'POST',
    path: '/api/questions/:questionId/moderation',
    what: 'to answer a held question',
    // A held question never reaches a screen through a speaker key.
    allowed: ['moderator'],
    hasAuthor: true,
    setup: (app, w) => {
      const made = pendingQuestion(app, w);
      return {
        url: `/api/questions/${made.questionId}/moderation`,
        authorToken: made.authorToken,
        body: { action: 'answer' },
      };
    },
  },
  {
    method: 'POST',
    path: '/api/sessions/:sessionId/questions',
    allowed: ['attendee'],
    setup: (_app, w) => ({
      url: `/api/sessions/${w.a.sessionId}/questions`,
      body: { text: 'Asked through the matrix?' },
    }),
  },
  {
    method: 'PUT',
    path: '/api/questions/:questionId/vote',
    allowed: ['attendee', 'author'],
    hasAuthor: true,
    setup: (app, w) => {
      const made = question(approvedQuestion(app, w));
      return { ...made, url: `${made.url}/vote` };
    },
  },
  {
    method: 'DELETE',
    path: '/api/questions/:questionId/vote',
    allowed: ['attendee', 'author'],
    hasAuthor: true,
    setup: (app, w) => {
      const made = approvedQuestion(app, w);
      // Both right callers have a vote to take back, so a refusal has something to wrongly remove.
      vote(app, w.attendeeA, made.questionId);
      vote(app, made.authorToken, made.questionId);
      return { ...question(made), url: `/api/questions/${made.questionId}/vote` };
    },
  },
  {
    method: 'PATCH',
    path: '/api/questions/:questionId',
    allowed: ['author', 'moderator'],
    hasAuthor: true,
    setup: (app, w) => question(pendingQuestion(app, w), { text: 'Edited through the matrix?' }),
  },
  {
    method: 'DELETE',
    path: '/api/questions/:questionId',
    allowed: ['author'],
    hasAuthor: true,
    setup: (app, w) => question(pendingQuestion(app, w)),
  },
  {
    method: 'GET',
    path: '/api/events/:eventId/questions/search',
    allowed: ['moderator'],
    setup: (_app, w) => ({ url: `/api/events/${w.a.eventId}/questions/search?q=is` }),
  },
  // Held votes tell moderators where a burst came from; releasing them moves a count.
  {
    method: 'GET',
    path: '/api/events/:eventId/held-votes',
    allowed: ['moderator'],
    setup: (_app, w) => ({ url: `/api/events/${w.a.eventId}/held-votes` }),
  },
  {
    method: 'GET',
    path: '/api/events/:eventId/moderation/questions/waiting',
    allowed: ['moderator'],
    setup: (_app, w) => ({ url: `/api/events/${w.a.eventId}/moderation/questions/waiting` }),
  },
  {
    method: 'POST',
    path: '/api/questions/:questionId/held-votes/release',
    allowed: ['moderator'],
    setup: (app, w) => {
      // A vote held for review, so a release has something to wrongly count.
      const { questionId } = approvedQuestion(app, w);
      const voter = principalOf(app, w.attendeeA);
      if (voter.kind !== 'attendee') throw new Error('not an attendee token');
      app.domain.repos.questions.addVote(
        questionId,
        voter.attendee.id,
        new Date().toISOString(),
        true,
      );
      return { url: `/api/questions/${questionId}/held-votes/release` };
    },
  },
  // Merging moves votes between questions and hides one from the room: moderators only.
  {
    method: 'POST',
    path: '/api/questions/:questionId/merge',
    allowed: ['moderator'],
    hasAuthor: true,
    setup: (app, w) => {
      const { duplicate, target } = duplicatePair(app, w);
      return {
        url: `/api/questions/${duplicate.questionId}/merge`,
        authorToken: duplicate.authorToken,
        body: { targetId: target.questionId },
      };
    },
  },
  {
    method: 'DELETE',
    path: '/api/questions/:questionId/merge',
    allowed: ['moderator'],
    hasAuthor: true,
    setup: (app, w) => {
      const { duplicate } = mergedPair(app, w);
      return {
        url: `/api/questions/${duplicate.questionId}/merge`,
        authorToken: duplicate.authorToken,
      };
    },
  },
];
