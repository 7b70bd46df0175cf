import { useEffect, useEffectEvent, useState } from 'react';
import type { BcSocket } from '../lib/socket.ts';
import type { Post } from '../lib/types.ts';
import { openWall, stepWall, type Pacing, type WallState } from './wall-pacing.ts';

interface Paced {
  wall: WallState;
  /** The posts of the cards up now, kept when the channel's bounded window moves past them. */
  kept: ReadonlyMap<number, Post>;
  /** Taken down (heard on the socket): these leave the wall at once. */
  gone: ReadonlySet<number>;
}

/**
 * The posts the wall shows now, in their places, paced by `wall-pacing.ts`. `posts`: approved,
 * newest first, as the channel keeps them (a bounded window). A card keeps its post when the
 * window moves past it; only a take-down, heard on the socket, removes it before its time.
 */
export function useWallPacing(
  socket: BcSocket | null,
  posts: Post[],
  /** Featured beside the grid, so not a card of it. */
  pinnedId: number | null,
  cells: number,
  pacing: Pacing,
  /** A post too long for one cell, which takes two. */
  isLong: (post: Post) => boolean,
): Post[] {
  const [paced, setPaced] = useState<Paced>(() => ({
    wall: openWall(
      posts.map((p) => p.id).filter((id) => id !== pinnedId),
      cells,
      Date.now(),
      new Set(posts.filter(isLong).map((p) => p.id)),
    ),
    kept: new Map(posts.map((p) => [p.id, p])),
    gone: new Set(),
  }));

  /** One step of the wall, with the posts as they are now and `gone` changed by `heard`. */
  const step = useEffectEvent(
    (heard?: { removed: number[]; back: number[]; keepOnly?: ReadonlySet<number> }) => {
      const now = Date.now();
      setPaced((p) => {
        let gone: ReadonlySet<number> = p.gone;
        if (heard) {
          const next = new Set(p.gone);
          for (const id of heard.back) next.delete(id);
          for (const id of heard.removed) next.add(id);
          if (heard.keepOnly)
            for (const card of p.wall.cards) if (!heard.keepOnly.has(card.id)) next.add(card.id);
          gone = next;
        }
        const ids = posts.map((post) => post.id).filter((id) => id !== pinnedId);
        const kept = new Map(posts.map((post) => [post.id, post]));
        for (const card of p.wall.cards) {
          const post = p.kept.get(card.id);
          if (post && !kept.has(card.id)) kept.set(card.id, post);
        }
        const wide = new Set([...kept.values()].filter(isLong).map((post) => post.id));
        const away = pinnedId === null ? gone : new Set([...gone, pinnedId]);
        const wall = stepWall(p.wall, ids, away, cells, now, pacing, wide);
        // Only what can still matter is remembered: the cards up and the current window.
        const onWall = new Set(wall.cards.map((c) => c.id));
        for (const id of kept.keys()) if (!onWall.has(id) && !ids.includes(id)) kept.delete(id);
        const stillGone = new Set([...gone].filter((id) => onWall.has(id) || ids.includes(id)));
        if (wall === p.wall && stillGone.size === p.gone.size && !heard) return p;
        return { wall, kept, gone: stillGone };
      });
    },
  );

  useEffect(() => {
    if (!socket) return undefined;
    const changed = ({ upserted, removed }: { upserted: Post[]; removed: number[] }) =>
      step({ removed, back: upserted.map((p) => p.id) });
    const updated = (post: Post) =>
      step(
        post.status === 'approved'
          ? { removed: [], back: [post.id] }
          : { removed: [post.id], back: [] },
      );
    // After a long drop nothing says what was taken down meanwhile: only what the snapshot holds
    // may stay up.
    const snapshot = ({ posts: fresh }: { posts: Post[] }) => {
      const still = new Set(fresh.filter((p) => p.status === 'approved').map((p) => p.id));
      step({ removed: [], back: [], keepOnly: still });
    };
    socket.on('posts:changed', changed);
    socket.on('post:updated', updated);
    socket.on('event:snapshot', snapshot);
    return () => {
      socket.off('posts:changed', changed);
      socket.off('post:updated', updated);
      socket.off('event:snapshot', snapshot);
    };
  }, [socket]);

  // New posts, a pin or an unpin are taken up at the next tick, a fraction of the change interval.
  useEffect(() => {
    const timer = window.setInterval(() => step(), Math.max(20, pacing.changeEveryMs / 5));
    return () => window.clearInterval(timer);
  }, [pacing.changeEveryMs]);

  const current = new Map(posts.map((p) => [p.id, p]));
  return paced.wall.cards
    .filter((c) => !paced.gone.has(c.id) && c.id !== pinnedId)
    .map((c) => current.get(c.id) ?? paced.kept.get(c.id))
    .filter((p): p is Post => p !== undefined);
}
