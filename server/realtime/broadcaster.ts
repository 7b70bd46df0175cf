import type { Event } from '../../shared/schemas/events.ts';
import { isPostPublic, type Post } from '../../shared/schemas/posts.ts';
import { isQuestionPublic, type Question } from '../../shared/schemas/questions.ts';
import type { Session } from '../../shared/schemas/sessions.ts';
import type { EventStats, Screen } from '../../shared/schemas/screens.ts';
import type { SourceStatus } from '../../shared/schemas/sources.ts';
import type { AuthorRuled } from '../../shared/schemas/moderation.ts';
import { attendeeRoom, eventRoom, moderatorRoom, sessionRoom, sessionStaffRoom } from './rooms.ts';
import type { IoServer } from './types.ts';
import type { ServerToClientEvents } from '../../shared/socket-events.ts';
import { WALL_FLUSH_MS } from '../../shared/limits.ts';

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
export function createBroadcaster(wallFlushMs = WALL_FLUSH_MS) {
  let io: IoServer | null = null;

  /**
   * Writes one message to every socket of some rooms (less some others) in chunks, giving
   * incoming commands their turn in between: a room can hold thousands of sockets. Each chunk
   * is one broadcast to its sockets' own rooms, so it is encoded once.
   */
  async function emitInChunks<E extends 'question:votes' | 'posts:changed'>(
    rooms: string[],
    except: string[],
    name: E,
    payload: Parameters<ServerToClientEvents[E]>[0],
  ): Promise<void> {
    if (!io) return;
    const namespace = io.of('/');
    const excluded = new Set<string>();
    for (const room of except) namespace.adapter.rooms.get(room)?.forEach((id) => excluded.add(id));
    const targets = new Set<string>();
    for (const room of rooms) namespace.adapter.rooms.get(room)?.forEach((id) => excluded.has(id) || targets.add(id));
    const list = [...targets];
    for (let start = 0; start < list.length; start += CHUNK) {
      if (start > 0) await yieldToIo();
      (io.to(list.slice(start, start + CHUNK)).emit as (event: string, data: unknown) => void)(name, payload);
    }
    // A socket that dropped within the recovery window is in no room now, so no chunk names it.
    // One more copy to the rooms, less every socket written to, reaches nobody live but is kept
    // for replay to the sessions that were in those rooms when they reconnect.
    (io.to(rooms).except([...except, ...list]).emit as (event: string, data: unknown) => void)(name, payload);
  }

  /**
   * What the public sees of the wall changes in batches: the latest state of each post that
   * changed, at most once per interval (the first change after a quiet spell goes out on the
   * next tick). Screens and attendees get a few messages a second however fast moderators
   * approve, and a take-down still reaches them within the interval.
   */
  const wall = new Map<number, Map<number, Post | null>>();
  let wallTimer: NodeJS.Timeout | null = null;
  let wallSending: Promise<void> | null = null;
  let lastWallFlush = 0;

  function queueWall(eventId: number, postId: number, post: Post | null): void {
    let batch = wall.get(eventId);
    if (!batch) {
      batch = new Map();
      wall.set(eventId, batch);
    }
    batch.set(postId, post);
    scheduleWall();
  }

  function scheduleWall(): void {
    if (wallTimer || wallSending || wall.size === 0) return;
    wallTimer = setTimeout(() => void flushWall(), Math.max(0, lastWallFlush + wallFlushMs - Date.now()));
  }

  async function flushWall(): Promise<void> {
    if (wallTimer) clearTimeout(wallTimer);
    wallTimer = null;
    if (wallSending) await wallSending;
    lastWallFlush = Date.now();
    const batches = [...wall.entries()];
    wall.clear();
    wallSending = (async () => {
      for (const [eventId, changes] of batches) {
        const upserted: Post[] = [];
        const removed: number[] = [];
        for (const [id, post] of changes) post ? upserted.push(post) : removed.push(id);
        await emitInChunks([eventRoom(eventId)], [], 'posts:changed', { eventId, upserted, removed });
      }
    })();
    try {
      await wallSending;
    } finally {
      wallSending = null;
      scheduleWall();
    }
  }

  return {
    attach(server: IoServer) {
      io = server;
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

    screenUpdated(eventId: number, screen: Screen) {
      io?.to([eventRoom(eventId), moderatorRoom(eventId)]).emit('screen:updated', screen);
    },

    stats(stats: EventStats) {
      io?.to(moderatorRoom(stats.eventId)).emit('stats:updated', stats);
    },

    sessionUpdated(session: Session) {
      io?.to([eventRoom(session.eventId), moderatorRoom(session.eventId)]).emit('session:updated', session);
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
    flushWall,

    close(): void {
      if (wallTimer) clearTimeout(wallTimer);
      wallTimer = null;
      wall.clear();
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
      if (publicCounts.length > 0) await emitInChunks([sessionRoom(sessionId)], staff, 'question:votes', { sessionId, counts: publicCounts });
    },
  };
}

export type Broadcaster = ReturnType<typeof createBroadcaster>;
