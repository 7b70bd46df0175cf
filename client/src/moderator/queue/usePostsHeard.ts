import { useEffect, useRef, useState } from 'react';
import type { EventChannel } from '../../lib/channel.ts';
import type { Post } from '../../lib/types.ts';
import { useLatest } from '../../lib/useLatest.ts';
import { sameState, stateOf, type ForeignChange, type PostState } from './queue-model.ts';

/**
 * The posts as this console heard them: the newest state of each in the order the server said
 * so, and the changes another moderator made while this console watched (a change that is not
 * ours, see useDecisions' isOurs), marked until this console decides the post itself.
 */
export function usePostsHeard(
  channel: EventChannel,
  isOurs: (id: number, state: PostState) => boolean,
  nextSeq: () => number,
) {
  const [foreign, setForeign] = useState<ReadonlyMap<number, ForeignChange>>(() => new Map());
  const known = useRef(new Map<number, PostState>());
  /** The newest state of each post, in the order the server said so (renders come later). */
  const latest = useRef(new Map<number, PostState>());
  const foreignRef = useLatest(foreign);

  useEffect(() => {
    const socket = channel.socket;
    if (!socket) return undefined;
    const heard = (post: Post) => latest.current.set(post.id, stateOf(post));
    // A fresh snapshot (after a long drop) is newer than anything heard before it.
    const forget = () => latest.current.clear();
    socket.on('post:created', heard);
    socket.on('post:updated', heard);
    socket.on('event:snapshot', forget);
    return () => {
      socket.off('post:created', heard);
      socket.off('post:updated', heard);
      socket.off('event:snapshot', forget);
    };
  }, [channel.socket]);

  useEffect(() => {
    const found = new Map<number, ForeignChange>();
    const ours: number[] = [];
    for (const post of channel.posts) {
      const now = stateOf(post);
      const previous = known.current.get(post.id);
      known.current.set(post.id, now);
      if (!previous || sameState(previous, now)) continue;
      if (isOurs(post.id, now)) ours.push(post.id);
      else found.set(post.id, { ...now, seq: nextSeq() });
    }
    if (found.size === 0 && !ours.some((id) => foreignRef.current.has(id))) return;
    setForeign((current) => {
      const next = new Map(current);
      for (const id of ours) next.delete(id);
      for (const [id, change] of found) next.set(id, change);
      return next;
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs when the post list changes; isOurs reads refs only
  }, [channel.posts]);

  /** Our own answer settled these posts: whatever another console did is decided again. */
  function unmark(ids: number[]) {
    setForeign((current) => {
      if (!ids.some((id) => current.has(id))) return current;
      const next = new Map(current);
      for (const id of ids) next.delete(id);
      return next;
    });
  }

  return { foreign, foreignRef, latest, unmark };
}
