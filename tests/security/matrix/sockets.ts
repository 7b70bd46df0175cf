/** Every socket command that needs a credential, with who may send it and a payload to try. */
import type { SocketCommand } from './types.ts';
import { approvedQuestion, pendingPost, pendingQuestion } from '../support.ts';
import { authorKeyOf, duplicatePair, mergedPair, vote } from './fixtures.ts';

export const SOCKET_COMMANDS: SocketCommand[] = [
  {
    name: 'post:create',
    allowed: ['attendee', 'apiKey'],
    namesA: false,
    setup: () => ({ payload: { text: 'Posted over a socket' } }),
  },
  {
    name: 'post:moderate',
    allowed: ['moderator'],
    hasAuthor: true,
    namesA: true,
    setup: (app, w) => {
      const { postId, authorToken } = pendingPost(app, w);
      return { authorToken, payload: { postId, action: 'approve' } };
    },
  },
  {
    name: 'post:moderateMany',
    allowed: ['moderator'],
    hasAuthor: true,
    namesA: true,
    setup: (app, w) => {
      const { postId, authorToken } = pendingPost(app, w);
      return { authorToken, payload: { postIds: [postId], action: 'approve' } };
    },
  },
  {
    name: 'author:setRule',
    allowed: ['moderator'],
    hasAuthor: true,
    namesA: false,
    // Blocking an author with a pending post takes the post down: a refusal must leave it pending.
    setup: (app, w) => {
      const { authorToken } = pendingPost(app, w);
      return {
        authorToken,
        payload: {
          authorKey: authorKeyOf(app, authorToken),
          displayName: 'Poster',
          rule: 'blocked',
        },
      };
    },
  },
  {
    name: 'screen:set',
    allowed: ['moderator'],
    namesA: false,
    setup: () => ({ payload: { name: 'main', mode: 'join' } }),
  },
  {
    name: 'question:create',
    allowed: ['attendee'],
    namesA: true,
    setup: (_app, w) => ({ payload: { sessionId: w.a.sessionId, text: 'Asked over a socket?' } }),
  },
  ...(['question:vote', 'question:unvote'] as const).map((name): SocketCommand => ({
    name,
    allowed: ['attendee', 'author'],
    hasAuthor: true,
    namesA: true,
    setup: (app, w) => {
      const made = approvedQuestion(app, w);
      if (name === 'question:unvote') {
        vote(app, w.attendeeA, made.questionId);
        vote(app, made.authorToken, made.questionId);
      }
      return { authorToken: made.authorToken, payload: { questionId: made.questionId } };
    },
  })),
  ...(['answer', 'dismiss'] as const).map((action): SocketCommand => ({
    name: 'question:moderate',
    what: `to ${action}`,
    allowed: action === 'dismiss' ? ['moderator'] : ['moderator', 'sessionSpeaker', 'eventSpeaker'],
    hasAuthor: true,
    namesA: true,
    setup: (app, w) => {
      const made = approvedQuestion(app, w);
      return { authorToken: made.authorToken, payload: { questionId: made.questionId, action } };
    },
  })),
  {
    name: 'question:moderate',
    what: 'to answer a held question',
    allowed: ['moderator'],
    hasAuthor: true,
    namesA: true,
    setup: (app, w) => {
      const made = pendingQuestion(app, w);
      return {
        authorToken: made.authorToken,
        payload: { questionId: made.questionId, action: 'answer' },
      };
    },
  },
  {
    name: 'question:edit',
    allowed: ['author', 'moderator'],
    hasAuthor: true,
    namesA: true,
    setup: (app, w) => {
      const made = pendingQuestion(app, w);
      return {
        authorToken: made.authorToken,
        payload: { questionId: made.questionId, text: 'Edited over a socket?' },
      };
    },
  },
  {
    name: 'question:merge',
    allowed: ['moderator'],
    hasAuthor: true,
    namesA: true,
    setup: (app, w) => {
      const { duplicate, target } = duplicatePair(app, w);
      return {
        authorToken: duplicate.authorToken,
        payload: { questionId: duplicate.questionId, targetId: target.questionId },
      };
    },
  },
  {
    name: 'question:unmerge',
    allowed: ['moderator'],
    hasAuthor: true,
    namesA: true,
    setup: (app, w) => {
      const { duplicate } = mergedPair(app, w);
      return { authorToken: duplicate.authorToken, payload: { questionId: duplicate.questionId } };
    },
  },
  {
    name: 'question:withdraw',
    allowed: ['author'],
    hasAuthor: true,
    namesA: true,
    setup: (app, w) => {
      const made = pendingQuestion(app, w);
      return { authorToken: made.authorToken, payload: { questionId: made.questionId } };
    },
  },
];
