/**
 * Fixtures shared by the security tests: a dump of every table (to prove a refusal changed
 * nothing), and a world of two events with every kind of credential for each.
 */
import type { FastifyInstance } from 'fastify';
import type { Principal } from '../../server/auth/principal.ts';
import { asModerator, joinAttendee, seedEvent, seedSession, type SeededEvent } from '../helper.ts';

/** Every row of every table, in a stable order. Compare two dumps with toEqual. */
export function dumpTables(app: FastifyInstance): Record<string, unknown[]> {
  const tables = app.db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .pluck()
    .all() as string[];
  return Object.fromEntries(
    tables.map((table) => [table, app.db.prepare(`SELECT * FROM "${table}" ORDER BY 1, 2`).all()]),
  );
}

export interface World {
  /** The event under attack. Questions are pre-moderated so pending ones exist. */
  a: SeededEvent;
  /** Another session of event A, with its own speaker key. */
  a2: { sessionId: number; speakerKey: string };
  /** Another event, whose credentials must reach nothing in A. */
  b: SeededEvent;
  attendeeA: string;
  attendeeB: string;
  adminToken: string;
}

export function buildWorld(app: FastifyInstance): World {
  const a = seedEvent(app, { name: 'Target Conf', settings: { questionModeration: 'pre' } });
  const b = seedEvent(app, { name: 'Other Conf' });
  return {
    a,
    a2: seedSession(app, a.eventId, { title: 'Other talk', room: 'Room B' }),
    b,
    attendeeA: joinAttendee(app, a.eventId, 'Bystander').token,
    attendeeB: joinAttendee(app, b.eventId, 'Outsider').token,
    adminToken: app.config.adminToken,
  };
}

export function principalOf(app: FastifyInstance, token: string): Principal {
  const principal = app.domain.resolvePrincipal(token);
  if (!principal) throw new Error('fixture token does not resolve');
  return principal;
}

/** A fresh attendee of A and a post of theirs, pending under A's default pre-moderation. */
export function pendingPost(app: FastifyInstance, w: World, text = 'A pending post') {
  const { token } = joinAttendee(app, w.a.eventId, 'Poster');
  const { post } = app.domain.posts.create(principalOf(app, token), w.a.eventId, { text });
  return { postId: post.id, authorToken: token };
}

/** A fresh attendee of A and their question in A's first session, pending (A pre-moderates questions). */
export function pendingQuestion(app: FastifyInstance, w: World, text = 'Is this still pending?') {
  const { token } = joinAttendee(app, w.a.eventId, 'Asker');
  const { question } = app.domain.questions.create(principalOf(app, token), w.a.sessionId, {
    text,
  });
  return { questionId: question.id, authorToken: token };
}

export function approvedQuestion(app: FastifyInstance, w: World, text = 'Is this one live?') {
  const made = pendingQuestion(app, w, text);
  app.domain.questions.moderate(asModerator(w.a.eventId), made.questionId, 'approve');
  return made;
}
