import { useRef, useState } from 'react';

/**
 * What a console has sent and not yet heard back about: the items to show as busy (and to
 * count as "ours" when their broadcast arrives first), and every request still running, so an
 * undo can wait for the action it is about to undo.
 */
export function useInflight() {
  const [busy, setBusy] = useState<ReadonlySet<number>>(() => new Set());
  const inflight = useRef(new Map<number, number>());
  // One set for the hook's lifetime, mutated in place (never replaced): state, not a ref, so
  // the list can hand it out during render.
  const [running] = useState(() => new Set<Promise<unknown>>());

  function track(ids: number[], on: boolean) {
    for (const id of ids) {
      const count = (inflight.current.get(id) ?? 0) + (on ? 1 : -1);
      if (count > 0) inflight.current.set(id, count);
      else inflight.current.delete(id);
    }
    setBusy(new Set(inflight.current.keys()));
  }

  function later<T>(work: Promise<T>): Promise<T> {
    running.add(work);
    void work.finally(() => running.delete(work)).catch(() => undefined);
    return work;
  }

  return {
    busy,
    isInflight: (id: number) => inflight.current.has(id),
    running: running,
    track,
    later,
  };
}
