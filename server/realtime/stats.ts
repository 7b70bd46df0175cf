import type { Domain } from '../context.ts';
import { eventRoom } from './rooms.ts';
import type { IoServer } from './types.ts';

const STATS_INTERVAL_MS = 2000;

/**
 * Live counters for moderators — people online, posts waiting, posts per minute — sent every
 * two seconds to each event that has a moderator connected, and to nobody otherwise.
 */
export function startStatsTicker(io: IoServer, domain: Domain): () => void {
  const timer = setInterval(() => {
    const rooms = io.of('/').adapter.rooms;
    const since = new Date(Date.now() - 60_000).toISOString();
    for (const [room, members] of rooms) {
      const match = /^event:(\d+):moderators$/.exec(room);
      if (!match || members.size === 0) continue;
      const eventId = Number(match[1]);
      domain.broadcast.stats({
        eventId,
        online: rooms.get(eventRoom(eventId))?.size ?? 0,
        pending: domain.repos.posts.pendingCount(eventId),
        postsPerMinute: domain.repos.posts.countSince(eventId, since),
      });
    }
  }, STATS_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}

