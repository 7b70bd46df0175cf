/**
 * An event after a day's work, for the export tests: two sessions, posts and questions in every
 * status, an anonymous question, and attendee text written to break CSV and Markdown. Times are
 * pinned afterwards so whole files can be compared exactly.
 */
import type { FastifyInstance } from 'fastify';
import type { Principal } from '../../../server/auth/principal.ts';
import { joinAttendee, seedEvent, seedSession, type SeededEvent } from '../../helper.ts';

export const TRICKY = 'Great, "really" great\nsecond line';
export const FORMULA = '=HYPERLINK("http://evil.example","click")';
export const HOSTILE = '[click](javascript:alert(1)) <img src=x onerror=alert(1)> # Heading';

export interface ExportRecord {
  event: SeededEvent;
  room2: { sessionId: number; speakerKey: string };
  posts: {
    approved: number;
    tricky: number;
    formula: number;
    pending: number;
    rejected: number;
    hostile: number;
    hidden: number;
  };
  questions: {
    answered: number;
    approved: number;
    anonymous: number;
    pending: number;
    dismissed: number;
    other: number;
  };
}

const principal = (app: FastifyInstance, token: string): Principal =>
  app.domain.resolvePrincipal(token)!;

export function seedRecord(app: FastifyInstance): ExportRecord {
  const event = seedEvent(app, {
    name: 'Export Conf',
    code: `EXP${Math.floor(Math.random() * 1e6)}`,
    settings: { questionModeration: 'pre' },
  });
  const room2 = seedSession(app, event.eventId, { title: 'Second talk', room: 'Room B' });
  const moderator: Principal = { kind: 'moderator', eventId: event.eventId };
  const ada = joinAttendee(app, event.eventId, 'Ada');
  const bob = joinAttendee(app, event.eventId, '@bob');
  const voters = [1, 2, 3].map((n) =>
    principal(app, joinAttendee(app, event.eventId, `Voter ${n}`).token),
  );

  const post = (token: string, text: string) =>
    app.domain.posts.create(principal(app, token), event.eventId, { text }).post.id;
  const posts = {
    approved: post(ada.token, 'Plain post'),
    tricky: post(ada.token, TRICKY),
    formula: post(bob.token, FORMULA),
    pending: post(ada.token, 'Still waiting'),
    rejected: post(bob.token, 'Rejected one'),
    hostile: post(ada.token, HOSTILE),
    hidden: post(bob.token, 'Taken down later'),
  };
  for (const id of [posts.approved, posts.tricky, posts.formula, posts.hostile, posts.hidden])
    app.domain.posts.moderate(moderator, id, 'approve');
  app.domain.posts.moderate(moderator, posts.rejected, 'reject');
  app.domain.posts.moderate(moderator, posts.hidden, 'hide');

  const ask = (token: string, text: string, anonymous = false, sessionId = event.sessionId) =>
    app.domain.questions.create(principal(app, token), sessionId, { text, anonymous }).question.id;
  const questions = {
    answered: ask(ada.token, 'Which one was answered?'),
    approved: ask(bob.token, TRICKY),
    anonymous: ask(ada.token, 'Who am I?', true),
    pending: ask(bob.token, 'Never looked at?'),
    dismissed: ask(ada.token, 'Dismissed, off topic?'),
    other: ask(bob.token, FORMULA, false, room2.sessionId),
  };
  for (const id of [questions.answered, questions.approved, questions.anonymous, questions.other]) {
    app.domain.questions.moderate(moderator, id, 'approve');
  }
  for (const voter of voters) app.domain.questions.vote(voter, questions.approved, true);
  app.domain.questions.vote(voters[0]!, questions.anonymous, true);
  app.domain.questions.moderate(moderator, questions.answered, 'answer');
  app.domain.questions.moderate(moderator, questions.dismissed, 'dismiss');

  // Pinned times: a post or a question a minute apart by id, answers at noon.
  const pin = (table: string, hour: string) =>
    app.db
      .prepare(
        `UPDATE ${table} SET created_at = '2025-05-01T${hour}:' || printf('%02d', id % 60) || ':00.000Z' WHERE event_id = ?`,
      )
      .run(event.eventId);
  pin('posts', '10');
  pin('questions', '11');
  app.db
    .prepare(
      "UPDATE questions SET answered_at = '2025-05-01T12:00:00.000Z' WHERE event_id = ? AND status = 'answered'",
    )
    .run(event.eventId);
  app.domain.repos.posts.forgetWallHeads();
  return { event, room2, posts, questions };
}
