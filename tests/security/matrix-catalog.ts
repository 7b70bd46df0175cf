/**
 * What the authorization matrix crosses with every credential: each privileged REST route and
 * socket command, who may use it, and a fresh target for it (a post, a question …) on demand.
 */
import type { FastifyInstance, HTTPMethods } from 'fastify';
import type { ClientToServerEvents } from '../../shared/socket-events.ts';
import type { CredKey, Target } from './credentials.ts';
import { approvedQuestion, pendingPost, pendingQuestion, principalOf, type World } from './support.ts';

export type Setup<T> = (app: FastifyInstance, w: World) => Target & T;

export interface HttpRoute {
  method: Exclude<HTTPMethods, 'HEAD' | 'OPTIONS' | 'SEARCH' | 'PROPFIND'>;
  /** As declared in the route file, with the /api prefix. */
  path: string;
  what?: string;
  allowed: CredKey[];
  hasAuthor?: boolean;
  setup: Setup<{ url: string; body?: object }>;
}

const vote = (app: FastifyInstance, token: string, questionId: number) =>
  app.domain.questions.vote(principalOf(app, token), questionId, true);

function authorKeyOf(app: FastifyInstance, token: string): string {
  const principal = principalOf(app, token);
  if (principal.kind !== 'attendee') throw new Error('not an attendee token');
  return `attendee:${principal.attendee.id}`;
}

const question = (made: { questionId: number; authorToken: string }, body?: object) => ({
  url: `/api/questions/${made.questionId}`,
  authorToken: made.authorToken,
  body,
});

let sessionsMade = 0;
export const HTTP_ROUTES: HttpRoute[] = [
  { method: 'GET', path: '/api/events', what: '(every event with its keys)', allowed: ['admin'], setup: () => ({ url: '/api/events' }) },
  { method: 'POST', path: '/api/events', allowed: ['admin'], setup: () => ({ url: '/api/events', body: { name: 'Made by the matrix' } }) },
  {
    method: 'PATCH',
    path: '/api/events/:eventId',
    allowed: ['moderator'],
    setup: (_app, w) => ({ url: `/api/events/${w.a.eventId}`, body: { name: 'Renamed by the matrix' } }),
  },
  {
    method: 'POST',
    path: '/api/events/:eventId/sessions',
    allowed: ['moderator'],
    setup: (_app, w) => ({ url: `/api/events/${w.a.eventId}/sessions`, body: { title: 'Added talk', room: `Room ${++sessionsMade}` } }),
  },
  {
    method: 'PATCH',
    path: '/api/sessions/:sessionId',
    allowed: ['moderator'],
    setup: (_app, w) => ({ url: `/api/sessions/${w.a.sessionId}`, body: { title: 'Retitled by the matrix' } }),
  },
  { method: 'GET', path: '/api/sessions/:sessionId/speaker-link', allowed: ['moderator'], setup: (_app, w) => ({ url: `/api/sessions/${w.a.sessionId}/speaker-link` }) },
  { method: 'GET', path: '/api/events/:eventId/moderation/posts', allowed: ['moderator'], setup: (_app, w) => ({ url: `/api/events/${w.a.eventId}/moderation/posts` }) },
  {
    method: 'POST',
    path: '/api/posts/:postId/moderation',
    allowed: ['moderator'],
    hasAuthor: true,
    setup: (app, w) => {
      const { postId, authorToken } = pendingPost(app, w);
      return { url: `/api/posts/${postId}/moderation`, authorToken, body: { action: 'approve' } };
    },
  },
  { method: 'GET', path: '/api/events/:eventId/moderation/log', allowed: ['moderator'], setup: (_app, w) => ({ url: `/api/events/${w.a.eventId}/moderation/log` }) },
  {
    method: 'GET',
    path: '/api/sessions/:sessionId/moderation/questions',
    allowed: ['moderator', 'sessionSpeaker', 'eventSpeaker'],
    setup: (_app, w) => ({ url: `/api/sessions/${w.a.sessionId}/moderation/questions` }),
  },
  ...(['answer', 'spotlight', 'dismiss'] as const).map(
    (action): HttpRoute => ({
      method: 'POST',
      path: '/api/questions/:questionId/moderation',
      what: `to ${action}`,
      // A speaker may answer and spotlight in their own session; the rest is for moderators.
      allowed: action === 'dismiss' ? ['moderator'] : ['moderator', 'sessionSpeaker', 'eventSpeaker'],
      hasAuthor: true,
      setup: (app, w) => {
        const made = approvedQuestion(app, w);
        return { url: `/api/questions/${made.questionId}/moderation`, authorToken: made.authorToken, body: { action } };
      },
    }),
  ),
  {
    method: 'POST',
    path: '/api/events/:eventId/posts',
    allowed: ['attendee', 'apiKey'],
    setup: (_app, w) => ({ url: `/api/events/${w.a.eventId}/posts`, body: { text: 'Posted through the matrix' } }),
  },
  {
    method: 'POST',
    path: '/api/sessions/:sessionId/questions',
    allowed: ['attendee'],
    setup: (_app, w) => ({ url: `/api/sessions/${w.a.sessionId}/questions`, body: { text: 'Asked through the matrix?' } }),
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
  { method: 'DELETE', path: '/api/questions/:questionId', allowed: ['author'], hasAuthor: true, setup: (app, w) => question(pendingQuestion(app, w)) },
  { method: 'GET', path: '/api/events/:eventId/authors', allowed: ['moderator'], setup: (_app, w) => ({ url: `/api/events/${w.a.eventId}/authors` }) },
  {
    method: 'PUT',
    path: '/api/events/:eventId/authors/rule',
    allowed: ['moderator'],
    hasAuthor: true,
    setup: (app, w) => {
      const { authorToken } = pendingPost(app, w);
      return { url: `/api/events/${w.a.eventId}/authors/rule`, authorToken, body: { authorKey: authorKeyOf(app, authorToken), displayName: 'Poster', rule: 'blocked' } };
    },
  },
  {
    method: 'POST',
    path: '/api/events/:eventId/moderation/posts/bulk',
    allowed: ['moderator'],
    hasAuthor: true,
    setup: (app, w) => {
      const { postId, authorToken } = pendingPost(app, w);
      return { url: `/api/events/${w.a.eventId}/moderation/posts/bulk`, authorToken, body: { postIds: [postId], action: 'approve' } };
    },
  },
  { method: 'GET', path: '/api/events/:eventId/moderation/words', allowed: ['moderator'], setup: (_app, w) => ({ url: `/api/events/${w.a.eventId}/moderation/words` }) },
  {
    method: 'PUT',
    path: '/api/events/:eventId/moderation/words',
    allowed: ['moderator'],
    setup: (_app, w) => ({ url: `/api/events/${w.a.eventId}/moderation/words`, body: { words: ['matrixword'] } }),
  },
  {
    method: 'PUT',
    path: '/api/events/:eventId/screens/:name',
    allowed: ['moderator'],
    setup: (_app, w) => ({ url: `/api/events/${w.a.eventId}/screens/main`, body: { mode: 'questions' } }),
  },
  { method: 'GET', path: '/api/events/:eventId/sources', allowed: ['moderator'], setup: (_app, w) => ({ url: `/api/events/${w.a.eventId}/sources` }) },
  { method: 'GET', path: '/api/events/:eventId/questions/search', allowed: ['moderator'], setup: (_app, w) => ({ url: `/api/events/${w.a.eventId}/questions/search?q=is` }) },
  // Exports hold every post and question, held and rejected ones too, and who wrote them.
  ...['export.json', 'export/questions.csv', 'export/posts.csv', 'export.md'].map(
    (file): HttpRoute => ({ method: 'GET', path: `/api/events/:eventId/${file}`, allowed: ['moderator'], setup: (_app, w) => ({ url: `/api/events/${w.a.eventId}/${file}` }) }),
  ),
  // Any attendee reads their own /me; every other credential has none.
  { method: 'GET', path: '/api/me', allowed: ['attendee', 'attendeeOther'], setup: () => ({ url: '/api/me' }) },
  {
    method: 'PATCH',
    path: '/api/events/:eventId/attendees/me',
    allowed: ['attendee'],
    setup: (_app, w) => ({ url: `/api/events/${w.a.eventId}/attendees/me`, body: { displayName: 'Renamed bystander' } }),
  },
];

export type CommandName = keyof ClientToServerEvents;

export interface SocketCommand {
  name: CommandName;
  what?: string;
  allowed: CredKey[];
  hasAuthor?: boolean;
  /** False when the payload cannot name event A: such a command sent to another event is no attack on A. */
  namesA: boolean;
  setup: Setup<{ payload: object }>;
}

export const SOCKET_COMMANDS: SocketCommand[] = [
  { name: 'post:create', allowed: ['attendee', 'apiKey'], namesA: false, setup: () => ({ payload: { text: 'Posted over a socket' } }) },
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
      return { authorToken, payload: { authorKey: authorKeyOf(app, authorToken), displayName: 'Poster', rule: 'blocked' } };
    },
  },
  { name: 'screen:set', allowed: ['moderator'], namesA: false, setup: () => ({ payload: { name: 'main', mode: 'join' } }) },
  {
    name: 'question:create',
    allowed: ['attendee'],
    namesA: true,
    setup: (_app, w) => ({ payload: { sessionId: w.a.sessionId, text: 'Asked over a socket?' } }),
  },
  ...(['question:vote', 'question:unvote'] as const).map(
    (name): SocketCommand => ({
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
    }),
  ),
  ...(['answer', 'dismiss'] as const).map(
    (action): SocketCommand => ({
      name: 'question:moderate',
      what: `to ${action}`,
      allowed: action === 'dismiss' ? ['moderator'] : ['moderator', 'sessionSpeaker', 'eventSpeaker'],
      hasAuthor: true,
      namesA: true,
      setup: (app, w) => {
        const made = approvedQuestion(app, w);
        return { authorToken: made.authorToken, payload: { questionId: made.questionId, action } };
      },
    }),
  ),
  {
    name: 'question:edit',
    allowed: ['author', 'moderator'],
    hasAuthor: true,
    namesA: true,
    setup: (app, w) => {
      const made = pendingQuestion(app, w);
      return { authorToken: made.authorToken, payload: { questionId: made.questionId, text: 'Edited over a socket?' } };
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
