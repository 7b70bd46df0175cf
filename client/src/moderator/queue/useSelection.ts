import { useRef, useState } from 'react';
import { selectRange } from './queue-model.ts';

/**
 * The posts picked for a bulk action: one at a time (x, a click), a range (shift-click,
 * Shift+J/K) or every post shown (X). `order` is the list as shown, top to bottom.
 */
export function useSelection(order: readonly number[]) {
  const [picked, setPicked] = useState<ReadonlySet<number>>(() => new Set());
  /** Where a shift-click range starts: the post last picked by hand. */
  const anchor = useRef<number | null>(null);

  function toggle(id: number, range = false) {
    const from = anchor.current;
    if (range && from !== null) setPicked((current) => selectRange(current, order, from, id));
    else
      setPicked((current) => {
        const next = new Set(current);
        if (!next.delete(id)) next.add(id);
        return next;
      });
    anchor.current = id;
  }

  /** Adds every post from `from` to `to` and makes `to` the anchor. */
  function extend(from: number, to: number) {
    setPicked((current) => selectRange(current, order, from, to));
    anchor.current = to;
  }

  /** Every post shown, or none of them when all are already picked. */
  function toggleAll() {
    setPicked((current) => {
      const next = new Set(current);
      if (order.every((id) => current.has(id))) for (const id of order) next.delete(id);
      else for (const id of order) next.add(id);
      return next;
    });
    anchor.current = null;
  }

  function drop(ids: Iterable<number>) {
    setPicked((current) => {
      const next = new Set(current);
      for (const id of ids) next.delete(id);
      return next;
    });
  }

  const allShown = order.length > 0 && order.every((id) => picked.has(id));
  return {
    picked,
    toggle,
    extend,
    toggleAll,
    drop,
    clear: () => setPicked(new Set()),
    allShown,
    someShown: !allShown && order.some((id) => picked.has(id)),
    outOfView: [...picked].filter((id) => !order.includes(id)).length,
  };
}

export type Selection = ReturnType<typeof useSelection>;
