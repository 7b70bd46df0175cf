import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { useLatest } from '../lib/useLatest.ts';

/** How long the page must be left alone, with the list's top in view, before it reorders itself. */
export const SETTLE_MS = 2500;

interface Options {
  /** A new key (another session, another sort) shows the target order at once. */
  resetKey: string;
  /** False until the questions are loaded: the first order shown is the real one. */
  ready: boolean;
  /** Ids still shown where they stand even when they left the target (answered meanwhile). */
  present: (id: number) => boolean;
  /** Ids that join at once, at their place, without waiting (my own questions). */
  immediate: ReadonlySet<number>;
}

export interface StableOrder {
  order: number[];
  newCount: number;
  /** Questions that moved in the ranking. */
  changeCount: number;
  /** Questions still shown here that have left the target (answered meanwhile). */
  leftCount: number;
  listRef: RefObject<HTMLOListElement | null>;
  /** Shows the target order now, and brings the list's top into view. */
  apply: () => void;
}

/** Length of the longest increasing subsequence: the questions that can stay where they are. */
function longestIncreasing(values: number[]): number {
  const tails: number[] = [];
  for (const value of values) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tails[mid]! < value) lo = mid + 1;
      else hi = mid;
    }
    tails[lo] = value;
  }
  return tails.length;
}

/** Puts each of `ids` after the nearest item that precedes it in `target` and is already shown. */
function insertAtPlace(shown: number[], target: number[], ids: number[]): number[] {
  const result = shown.slice();
  for (const id of ids) {
    const at = target.indexOf(id);
    let index = 0;
    for (let i = at - 1; i >= 0; i -= 1) {
      const before = result.indexOf(target[i]!);
      if (before !== -1) {
        index = before + 1;
        break;
      }
    }
    result.splice(index, 0, id);
  }
  return result;
}

/**
 * Keeps a live list from reordering under a reading finger. The order shown changes only when
 * asked (`apply`), when the sort or session changes, or by itself when the page has been left
 * alone for SETTLE_MS with the top of the list in view. Until then, new items and rank changes
 * wait, counted, behind an update bar. Counts and texts still change in place: only positions wait.
 */
export function useStableOrder(
  target: number[],
  { resetKey, ready, present, immediate }: Options,
): StableOrder {
  const [shown, setShown] = useState<{ key: string; ids: number[] } | null>(null);
  const listRef = useRef<HTMLOListElement | null>(null);
  const lastActivity = useRef(0);
  const touching = useRef(false);

  const current = shown && shown.key === resetKey ? shown.ids : null;
  // Adjusting state while rendering (React's pattern for state derived from props): no flash of
  // the wrong order in between.
  if (ready && current === null) setShown({ key: resetKey, ids: target });
  const visible = (current ?? target).filter(present);
  const visibleSet = new Set(visible);
  const joiningNow = target.filter((id) => immediate.has(id) && !visibleSet.has(id));
  // Nothing shown yet means nothing to disturb.
  if (current !== null && visible.length === 0 && target.length > 0)
    setShown({ key: resetKey, ids: target });
  else if (current !== null && joiningNow.length > 0)
    setShown({ key: resetKey, ids: insertAtPlace(visible, target, joiningNow) });

  const targetIndex = new Map(target.map((id, index) => [id, index]));
  const staying = visible.filter((id) => targetIndex.has(id));
  const newCount = target.filter((id) => !visibleSet.has(id)).length;
  const moved = staying.length - longestIncreasing(staying.map((id) => targetIndex.get(id)!));
  const leftCount = visible.length - staying.length;
  const pending = newCount + moved + leftCount > 0;

  const targetRef = useLatest(target);
  const keyRef = useLatest(resetKey);

  const apply = useCallback(() => {
    setShown({ key: keyRef.current, ids: targetRef.current });
    const list = listRef.current;
    if (list && list.getBoundingClientRect().top < 0) list.scrollIntoView({ block: 'start' });
  }, [keyRef, targetRef]);

  // Any touch, scroll, wheel or key counts as reading: the list holds still for a while after.
  useEffect(() => {
    const active = () => {
      lastActivity.current = Date.now();
    };
    const down = () => {
      touching.current = true;
      active();
    };
    const up = (event: Event) => {
      if (!(event instanceof TouchEvent) || event.touches.length === 0) touching.current = false;
      active();
    };
    const passive = { passive: true } as const;
    window.addEventListener('scroll', active, passive);
    window.addEventListener('wheel', active, passive);
    window.addEventListener('keydown', active);
    window.addEventListener('touchstart', down, passive);
    window.addEventListener('touchend', up, passive);
    window.addEventListener('touchcancel', up, passive);
    window.addEventListener('pointerdown', down, passive);
    window.addEventListener('pointerup', up, passive);
    return () => {
      window.removeEventListener('scroll', active);
      window.removeEventListener('wheel', active);
      window.removeEventListener('keydown', active);
      window.removeEventListener('touchstart', down);
      window.removeEventListener('touchend', up);
      window.removeEventListener('touchcancel', up);
      window.removeEventListener('pointerdown', down);
      window.removeEventListener('pointerup', up);
    };
  }, []);

  // Settle by itself only when nobody is reading down the list: its top in view, nothing touched.
  useEffect(() => {
    if (!pending) return undefined;
    const timer = window.setInterval(() => {
      const list = listRef.current;
      const idle = !touching.current && Date.now() - lastActivity.current >= SETTLE_MS;
      const atTop = list !== null && list.getBoundingClientRect().top >= 0;
      if (idle && atTop && document.visibilityState === 'visible')
        setShown({ key: keyRef.current, ids: targetRef.current });
    }, 500);
    return () => window.clearInterval(timer);
  }, [keyRef, pending, targetRef]);

  return { order: visible, newCount, changeCount: moved, leftCount, listRef, apply };
}
