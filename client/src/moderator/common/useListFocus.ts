import { useEffect, useRef, useState } from 'react';
import {
  followFocus,
  idAt,
  nextAfter,
  stepFocus,
  type FocusFollow,
  type FocusTrack,
} from './decisions.ts';

interface Options<T, S> {
  /** The items as listed, in the order j and k walk. */
  order: readonly T[];
  /** The focused item wherever it is now (listed or not); null once it is gone altogether. */
  find: (id: number) => T | null;
  statusOf: (item: T) => S;
  /** Whether the item's current state is this console's doing. */
  isOurs: (item: T) => boolean;
  /** Whether the list is complete (a reload after a reconnect empties it for a moment). */
  ready: boolean;
  /** Says what another console did to the focused item, or that it is gone. */
  announce: (item: T | null, follow: FocusFollow) => void;
}

/**
 * Which item of a moderation list has the focus, and how it follows the list: one step with j
 * and k, on to the next after a decision, and to the next in place when another console decides
 * the focused item (see followFocus). Used by the posts queue and the questions panel alike.
 */
export function useListFocus<T extends { id: number }, S>({
  order,
  find,
  statusOf,
  isOurs,
  ready,
  announce,
}: Options<T, S>) {
  const [focusedId, setFocusedId] = useState<number | null>(null);
  const track = useRef<FocusTrack<S>>({ id: null, index: -1, status: null });
  const index = order.findIndex((item) => item.id === focusedId);
  const focused = index === -1 ? null : order[index]!;

  // eslint-disable-next-line react-hooks/exhaustive-deps -- compares with the previous render on every render, on purpose
  useEffect(() => {
    const item = focusedId === null ? null : find(focusedId);
    const follow = followFocus(track.current, {
      id: focusedId,
      index,
      status: item ? statusOf(item) : null,
      ready,
      ours: () => item !== null && isOurs(item),
    });
    if (follow.moveTo !== null) setFocusedId(idAt(order, follow.moveTo));
    if (follow.byOther || follow.gone) announce(item, follow);
  });

  return {
    focusedId,
    setFocusedId,
    index,
    focused,
    /** The id at a place in the list, clamped to it. */
    at: (i: number) => idAt(order, i),
    /** j (1) or k (-1); false when the list is empty. */
    step(step: 1 | -1): boolean {
      const to = stepFocus(order, index, step);
      if (to === null) return false;
      setFocusedId(to);
      return true;
    },
    /** Like a mail client: once the focused item is decided, the focus moves on to the next one. */
    moveOn(item: T) {
      if (item.id === focusedId) setFocusedId(nextAfter(order, item.id));
    },
  };
}
