import type { AddressNotice } from '../../shared/schemas/address.ts';
import type { Event, KeyKind } from '../../shared/schemas/events.ts';
import type { Post } from '../../shared/schemas/posts.ts';
import { isPostPublic } from '../../shared/post-rules.ts';
import type { Question } from '../../shared/schemas/questions.ts';
import { isQuestionPublic } from '../../shared/question-rules.ts';
import type { Session } from '../../shared/schemas/sessions.ts';
import type { Answer } from '../../shared/schemas/answers.ts';
import { isAnswerPublic } from '../../shared/answer-rules.ts';
import type { EventStats, Screen } from '../../shared/schemas/screens.ts';
import type { WaitingCounts } from '../../shared/schemas/waiting.ts';
import type { SourceSettings, SourceStatus } from '../../shared/schemas/sources.ts';
import type { AuthorRuled } from '../../shared/schemas/moderation.ts';
import { attendeeRoom, eventRoom, moderatorRoom, sessionRoom, sessionStaffRoom } from './rooms.ts';
import type { IoServer } from './types.ts';
import { WALL_FLUSH_MS } from '../../shared/limits.ts';
import { createCoalescer } from '../lib/coalescer.ts';

export type Change = 'created' | 'updated';

/** Some sockets of the server, as `io.to(…)` names them. */
type BroadcastTo = ReturnType<IoServer['to']>;

/** Sockets written to before the event loop is given back to incoming commands. */
const CHUNK = 250;
const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * What the domain calls after a write. It decides which rooms see what: an item that is public
 * goes to everyone; one that is not goes to staff and its author, and if it was public before,
 * the public rooms are told to remove it. Emitting to several rooms in one call lets socket.io
 * send each socket one copy.
 */
export function createBroadcaster(wallFlushMs = WALL_FLUSH_MS) {
  let io: IoServer | null = null;

  /**
   * Writes one message to every socket of some rooms (less some others) in chunks, giving
   * incoming commands their turn in between: a room can hold thousands of sockets. Each chunk
   * is one broadcast to its sockets' own rooms, so it is encoded once. `send` emits the message
   * to whichever sockets it is handed, so its name and payload are checked against the catalog.
   */
  async function emitInChunks(
    rooms: string[],
    except: string[],
    send: (to: BroadcastTo) => void,
  ): Promise<void> {
    if (!io) return;
    const namespace = io.of('/');
    const excluded = new Set<string>();
    for (const room of except) namespace.adapter.rooms.get(room)?.forEach((id) => excluded.add(id));
    const targets = new Set<string>();
    for (const room of rooms)
      namespace.adapter.rooms.get(room)?.forEach((id) => excluded.has(id) || targets.add(id));
    const list = [...targets];
    for (let start = 0; start < list.length; start += CHUNK) {
      if (start > 0) await yieldToIo();
      send(io.to(list.slice(start, start + CHUNK)));
    }
    // A socket that dropped within the recovery window is in no room now, so no chunk names it.
    // One more copy to the rooms, less every socket written to, reaches nobody live but is kept
    // for replay to the sessions that were in those rooms when they reconnect.
    send(io.to(rooms).except([...except, ...list]));
  }

  /**
   * What the public sees of the wall changes in batches: the latest state of each post that
   * changed, at most once per interval (the first change after a quiet spell goes out on the
   * next tick). Screens and attendees get a few messages a second however fast moderators
   * approve, and a take-down still reaches them within the interval.
   */
  const wall = createCoalescer<number, Map<number, Post | null>>({
    intervalMs: wallFlushMs,
    async send(batch) {
      for (const [eventId, changes] of batch) {
        const upserted: Post[] = [];
        const removed: number[] = [];
        for (const [id, post] of changes) {
          if (post) upserted.push(post);
          else removed.push(id);
        }
        await emitInChunks([eventRoom(eventId)], [], (to) =>
          to.emit('posts:changed', { eventId, upserted, removed }),
        );
      }
    },
  });

  /** A post's latest state for the wall's next batch; null takes it down. */
  function queueWall(eventId: number, postId: number, post: Post | null): void {
    wall.add(eventId, (changes = new Map()) => changes.set(postId, post));
  }

  return {
    attach(server: IoServer) {
      io = server;
    },

    /**
     * Keys of these kinds were replaced: every socket of the event that came in with one is
     * closed. The client's retry is a new handshake, which the old key no longer passes.
     */
    keysRotated(eventId: number, kinds: readonly KeyKind[]) {
      if (!io) return;
      for (const socket of io.of('/').sockets.values()) {
        const { principal } = socket.data;
        if (socket.data.eventId !== eventId) continue;
        if ((kinds as readonly string[]).includes(principal.kind)) socket.disconnect(true);
      }
    },

    eventUpdated(event: Event) {
      io?.to([eventRoom(event.id), moderatorRoom(event.id)]).emit('event:updated', event);
    },

    authorRuled(ruled: AuthorRuled) {
      io?.to(moderatorRoom(ruled.eventId)).emit('author:ruled', ruled);
    },

    /** How an outside source is doing: for the event's moderators only. */
    sourceStatus(status: SourceStatus) {
      io?.to(moderatorRoom(status.eventId)).emit('source:status', status);
    },

    /** An event's source settings were saved: its moderators' consoles show them. */
    sourceSettingsUpdated(settings: SourceSettings) {
      io?.to(moderatorRoom(settings.eventId)).emit('sources:updated', settings);
    },

    screenUpdated(eventId: number, screen: Screen) {
      io?.to([eventRoom(eventId), moderatorRoom(eventId)]).emit('screen:updated', screen);
    },

    /** Screens hide or show their notice about the public address. */
    addressNotice(eventId: number, notice: AddressNotice) {
      io?.to([eventRoom(eventId), moderatorRoom(eventId)]).emit('address:updated', notice);
    },

    /** How many questions wait per session, coalesced by questions/waiting.ts: moderators only. */
    waitingCounts(counts: WaitingCounts) {
      io?.to(moderatorRoom(counts.eventId)).emit('questions:waiting', counts);
    },

    stats(stats: EventStats) {
      io?.to(moderatorRoom(stats.eventId)).emit('stats:updated', stats);
    },

    sessionUpdated(session: Session) {
      io?.to([eventRoom(session.eventId), moderatorRoom(session.eventId)]).emit(
        'session:updated',
        session,
      );
    },

    sessionRemoved(eventId: number, sessionId: number) {
      io?.to([eventRoom(eventId), moderatorRoom(eventId)]).emit('session:removed', {
        id: sessionId,
        eventId,
      });
    },

    /**
     * The event's data was cleared or the event deleted: every socket of it is closed, so each
     * reconnects to a fresh snapshot (or hears that the event is gone). Clients reconnect by
     * themselves after a server-side close (client/src/lib/channel.ts).
     */
    eventReset(eventId: number) {
      io?.in([eventRoom(eventId), moderatorRoom(eventId)]).disconnectSockets(true);
    },

    /**
     * Moderators and the author hear of every change at once; the public wall gets the post
     * (or its removal) in the next batch.
     */
    post(post: Post, change: Change, wasPublic: boolean) {
      if (!io) return;
      const staff = [moderatorRoom(post.eventId)];
      if (post.author.attendeeId !== null) staff.push(attendeeRoom(post.author.attendeeId));
      io.to(staff).emit(change === 'created' ? 'post:created' : 'post:updated', post);
      if (isPostPublic(post)) queueWall(post.eventId, post.id, post);
      else if (wasPublic) queueWall(post.eventId, post.id, null);
    },

    /** Sends any batched wall changes now; used at shutdown and by tests. */
    flushWall: wall.flush,

    close: wall.close,

    /**
     * The session's staff and the reply's author hear of every change; the session's audience
     * and the asker hear of public answers to public questions, and of one taken down.
     */
    answer(
      answer: Answer,
      change: Change,
      wasPublic: boolean,
      to: { questionPublic: boolean; askerId: number | null; authorId: number | null },
    ) {
      if (!io) return;
      const staff = [moderatorRoom(answer.eventId), sessionStaffRoom(answer.sessionId)];
      if (to.authorId !== null) staff.push(attendeeRoom(to.authorId));
      const name = change === 'created' ? 'answer:created' : 'answer:updated';
      if (isAnswerPublic(answer)) {
        const audience = to.questionPublic ? [sessionRoom(answer.sessionId)] : [];
        if (to.askerId !== null) audience.push(attendeeRoom(to.askerId));
        io.to([...audience, ...staff]).emit(name, answer);
        return;
      }
      io.to(staff).emit(name, answer);
      if (wasPublic) {
        const audience = [sessionRoom(answer.sessionId)];
        if (to.askerId !== null) audience.push(attendeeRoom(to.askerId));
        io.to(audience).except(staff).emit('answer:removed', {
          id: answer.id,
          questionId: answer.questionId,
          sessionId: answer.sessionId,
        });
      }
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
      if (allCounts.length > 0)
        io.to(staff).emit('question:votes', { sessionId, counts: allCounts });
      if (publicCounts.length > 0)
        await emitInChunks([sessionRoom(sessionId)], staff, (to) =>
          to.emit('question:votes', { sessionId, counts: publicCounts }),
        );
    },
  };
}

export type Broadcaster = ReturnType<typeof createBroadcaster>;
