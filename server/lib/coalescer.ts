/**
 * Batches changes that come faster than anyone should be told of them (wall posts, vote counts,
 * source counters). Changes are gathered per key; at most once per interval the whole batch is
 * handed to `send`. The first change after a quiet spell goes out on the next tick, so a lone
 * change is not held back. A send that is still writing (to a large room, in chunks) delays the
 * next one, so nobody can receive an older batch after a newer one.
 */
export function createCoalescer<Key, Entry>({
  intervalMs,
  send,
}: {
  intervalMs: number;
  /** Receives each batch once, in the order its keys were first changed. */
  send: (batch: Map<Key, Entry>) => Promise<void> | void;
}) {
  let pending = new Map<Key, Entry>();
  let timer: NodeJS.Timeout | null = null;
  let sending: Promise<void> | null = null;
  let lastFlush = 0;
  let closed = false;

  function schedule(): void {
    if (timer || sending || closed || pending.size === 0) return;
    timer = setTimeout(() => void flush(), Math.max(0, lastFlush + intervalMs - Date.now()));
  }

  /** Sends what is pending now (at shutdown and in tests), after any send still under way. */
  async function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    if (sending) await sending;
    lastFlush = Date.now();
    const batch = pending;
    pending = new Map();
    if (batch.size === 0) return schedule();
    sending = (async () => send(batch))();
    try {
      await sending;
    } finally {
      sending = null;
      schedule();
    }
  }

  return {
    /**
     * Records a change to one key's entry: `change` gets the entry gathered so far (undefined
     * when the key has none in this batch) and returns the entry to keep.
     */
    add(key: Key, change: (entry: Entry | undefined) => Entry): void {
      if (closed) return;
      pending.set(key, change(pending.get(key)));
      schedule();
    },
    flush,
    /** Drops what is pending and sends nothing more. */
    close(): void {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      pending.clear();
    },
  };
}

export type Coalescer<Key, Entry> = ReturnType<typeof createCoalescer<Key, Entry>>;
