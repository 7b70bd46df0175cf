import type { Event } from '../../shared/schemas/events.ts';
import { isPostPublic, type Post } from '../../shared/schemas/posts.ts';
import { isQuestionPublic, type Question } from '../../shared/schemas/questions.ts';
import type { Session } from '../../shared/schemas/sessions.ts';
import { attendeeRoom, eventRoom, moderatorRoom, sessionRoom, sessionStaffRoom } from './rooms.ts';
import type { IoServer } from './types.ts';

export type Change = 'created' | 'updated';

/** Sockets written to before the event loop is given back to incoming commands. */
const CHUNK = 250;
const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * What the domain calls after a write. It decides which rooms see what: an item that is public
 * goes to everyone; one that is not goes to staff and its author, and if it was public before,
 * the public rooms are told to remove it. Emitting to several rooms in one call lets socket.io
 * send each socket one copy.
 */
export function createBroadcaster() {
  let io: IoServer | null = null;

  return {
    attach(server: IoServer) {
      io = server;
    },

    eventUpdated(event: Event) {
      io?.to([eventRoom(event.id), moderatorRoom(event.id)]).emit('event:updated', event);
    },

    sessionUpdated(session: Session) {
      io?.to([eventRoom(session.eventId), moderatorRoom(session.eventId)]).emit('session:updated', session);
    },

    post(post: Post, change: Change, wasPublic: boolean) {
      if (!io) return;
      const staff = [moderatorRoom(post.eventId)];
      if (post.author.attendeeId !== null) staff.push(attendeeRoom(post.author.attendeeId));
      const name = change === 'created' ? 'post:created' : 'post:updated';
      if (isPostPublic(post)) {
        io.to([eventRoom(post.eventId), ...staff]).emit(name, post);
        return;
      }
      io.to(staff).emit(name, post);
      if (wasPublic) io.to(eventRoom(post.eventId)).except(staff).emit('post:removed', { id: post.id });
    },

    question(question: Question, change: Change, wasPublic: boolean, authorId: number | null) {
      if (!io) return;
      const staff = [moderatorRoom(question.eventId), sessionStaffRoom(question.sessionId)];
      if (authorId !== null) staff.push(attendeeRoom(authorId));
      const name = change === 'created' ? 'question:created' : 'question:updated';
      if (isQuestionPublic(question)) {
        io.to([sessionRoom(question.sessionId), ...staff]).emit(name, question);
        return;
      }
      io.to(staff).emit(name, question);
      if (wasPublic) {
        io.to(sessionRoom(question.sessionId))
          .except(staff)
          .emit('question:removed', { id: question.id, sessionId: question.sessionId });
      }
    },

    /** A question that no longer exists: everyone who could see it drops it. */
    questionRemoved(question: Question, authorId: number | null) {
      if (!io) return;
      const rooms = [moderatorRoom(question.eventId), sessionStaffRoom(question.sessionId)];
      if (authorId !== null) rooms.push(attendeeRoom(authorId));
      if (isQuestionPublic(question)) rooms.push(sessionRoom(question.sessionId));
      io.to(rooms).emit('question:removed', { id: question.id, sessionId: question.sessionId });
    },

    /**
     * Exact counts, already coalesced by the caller (see questions/vote-coalescer.ts). A session
     * room can hold thousands of sockets, and writing to all of them at once holds the event loop
     * for a long time; the public copy therefore goes out in chunks, giving incoming votes their
     * turn in between. Each chunk is one broadcast to its sockets' own rooms, so it is encoded
     * once and replayed by connection state recovery like any other broadcast.
     */
    async votes(
      eventId: number,
      sessionId: number,
      publicCounts: Array<{ id: number; votes: number }>,
      allCounts: Array<{ id: number; votes: number }>,
    ): Promise<void> {
      if (!io) return;
      const staff = [moderatorRoom(eventId), sessionStaffRoom(sessionId)];
      if (allCounts.length > 0) io.to(staff).emit('question:votes', { sessionId, counts: allCounts });
      if (publicCounts.length === 0) return;
      const namespace = io.of('/');
      const excluded = new Set<string>();
      for (const room of staff) namespace.adapter.rooms.get(room)?.forEach((id) => excluded.add(id));
      const targets = [...(namespace.adapter.rooms.get(sessionRoom(sessionId)) ?? [])].filter((id) => !excluded.has(id));
      const message = { sessionId, counts: publicCounts };
      for (let start = 0; start < targets.length; start += CHUNK) {
        if (start > 0) await yieldToIo();
        io.to(targets.slice(start, start + CHUNK)).emit('question:votes', message);
      }
    },
  };
}

export type Broadcaster = ReturnType<typeof createBroadcaster>;
