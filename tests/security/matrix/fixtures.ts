/** Targets the matrix makes on demand, shared by its routes and its socket commands. */
import type { FastifyInstance } from 'fastify';
import { approvedQuestion, principalOf, type World } from '../support.ts';
import { joinAttendee } from '../../helper.ts';

export const vote = (app: FastifyInstance, token: string, questionId: number) =>
  app.domain.questions.vote(principalOf(app, token), questionId, true);

export function authorKeyOf(app: FastifyInstance, token: string): string {
  const principal = principalOf(app, token);
  if (principal.kind !== 'attendee') throw new Error('not an attendee token');
  return `attendee:${principal.attendee.id}`;
}

export const question = (made: { questionId: number; authorToken: string }, body?: object) => ({
  url: `/api/questions/${made.questionId}`,
  authorToken: made.authorToken,
  body,
});

/** A staff answer to a fresh approved question of A's first session. */
export function staffAnswer(app: FastifyInstance, w: World) {
  const made = approvedQuestion(app, w);
  const { answer } = app.domain.answers.create(
    { kind: 'moderator', eventId: w.a.eventId },
    made.questionId,
    { text: 'An answer from the matrix' },
  );
  return { answerId: answer.id };
}

/** An attendee's reply to a fresh approved question, pending (A pre-moderates posts and replies). */
export function pendingReply(app: FastifyInstance, w: World) {
  const made = approvedQuestion(app, w);
  const { token } = joinAttendee(app, w.a.eventId, 'Replier');
  const { answer } = app.domain.answers.create(principalOf(app, token), made.questionId, {
    text: 'A reply from the matrix',
  });
  return { answerId: answer.id, authorToken: token };
}

/** Two approved questions of A's first session, the duplicate with a vote to move. */
export function duplicatePair(app: FastifyInstance, w: World) {
  const target = approvedQuestion(app, w, 'Will the slides be shared?');
  const duplicate = approvedQuestion(app, w, 'Are the slides shared afterwards?');
  vote(app, w.attendeeA, duplicate.questionId);
  return { duplicate, target };
}

/** The same pair, merged: an unmerge has votes and a status to wrongly restore. */
export function mergedPair(app: FastifyInstance, w: World) {
  const pair = duplicatePair(app, w);
  app.domain.merges.merge(
    { kind: 'moderator', eventId: w.a.eventId },
    pair.duplicate.questionId,
    pair.target.questionId,
  );
  return pair;
}
/** A 1×1 PNG: the logo upload's body (raw bytes, no JSON). */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
