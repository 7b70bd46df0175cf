/**
 * What the authorization matrix crosses with every credential: each privileged REST route and
 * socket command, who may use it, and a fresh target for it (a post, a question …) on demand.
 * One file per domain; this one puts them together.
 */
import { EVENT_ROUTES } from './events.ts';
import { SESSION_ROUTES } from './sessions.ts';
import { MODERATION_ROUTES } from './moderation.ts';
import { QUESTION_ROUTES } from './questions.ts';
import { ANSWER_ROUTES } from './answers.ts';
import { SOURCE_ROUTES } from './sources.ts';
import { EXPORT_ROUTES } from './exports.ts';
import { ATTENDEE_ROUTES } from './attendees.ts';
import type { HttpRoute } from './types.ts';

export { SOCKET_COMMANDS } from './sockets.ts';
export type { CommandName, HttpRoute, SocketCommand } from './types.ts';

export const HTTP_ROUTES: HttpRoute[] = [
  ...EVENT_ROUTES,
  ...SESSION_ROUTES,
  ...MODERATION_ROUTES,
  ...QUESTION_ROUTES,
  ...ANSWER_ROUTES,
  ...SOURCE_ROUTES,
  ...EXPORT_ROUTES,
  ...ATTENDEE_ROUTES,
];
