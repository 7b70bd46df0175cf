import type { Domain } from '../context.ts';
import { eventRoom, moderatorRoomEvent } from './rooms.ts';
import type { IoServer } from './types.ts';

const STATS_INTERVAL_MS = 2000;

/**
 * Live counters for moderators — attendees online, posts waiting, posts per minute — sent every
 * two seconds to each event that has a moderator connected, and to nobody otherwise.
 */
export function startStatsTicker(io: IoServer, domain: Domain): () => void {
  const timer = setInterval(() => {
    const rooms = io.of('/').adapter.rooms;
    const since = new Date(Date.now() - 60_000).toISOString();
    for (const [room, members] of rooms) {
      const eventId = moderatorRoomEvent(room);
      if (eventId === null || members.size === 0) continue;
      domain.broadcast.stats({
        eventId,
        online: attendeesOnline(io, eventId),
        pending: domain.repos.posts.pendingCount(eventId),
        postsPerMinute: domain.repos.posts.countSince(eventId, since),
        heldVotes: domain.freshVotes.total(eventId),
      });
    }
  }, STATS_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/** Distinct attendees with at least one socket open: two tabs are one person, a screen is none. */
function attendeesOnline(io: IoServer, eventId: number): number {
  const namespace = io.of('/');
  const people = new Set<number>();
  for (const id of namespace.adapter.rooms.get(eventRoom(eventId)) ?? []) {
    const principal = namespace.sockets.get(id)?.data.principal;
    if (principal?.kind === 'attendee') people.add(principal.attendee.id);
  }
  return people.size;
}
