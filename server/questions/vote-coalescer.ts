import { VOTE_FLUSH_MS } from '../../shared/limits.ts';
import { isQuestionPublic } from '../../shared/schemas/questions.ts';
import type { Broadcaster } from '../realtime/broadcaster.ts';
import type { QuestionsRepository } from './repository.ts';

type Counts = Array<{ id: number; votes: number }>;

/**
 * Coalesces vote count updates. Votes mark their question dirty; at most once per interval the
 * exact current counts of every dirty question are read from the database and sent to the
 * session. Because each message carries absolute counts (not increments), a client that
 * misses one converges on the next, and a storm of N votes costs each client a few messages a
 * second instead of N. The first vote after a quiet spell goes out on the next tick. A flush
 * that is still writing to a large room delays the next one, so no client can receive an older
 * count after a newer one.
 */
export function createVoteCoalescer(
  questions: QuestionsRepository,
  broadcast: Pick<Broadcaster, 'votes'>,
  intervalMs = VOTE_FLUSH_MS,
) {
  const dirty = new Map<number, { eventId: number; ids: Set<number> }>();
  let timer: NodeJS.Timeout | null = null;
  let sending: Promise<void> | null = null;
  let lastFlush = 0;
  let closed = false;

  function schedule(): void {
    if (timer || sending || closed || dirty.size === 0) return;
    timer = setTimeout(() => void flush(), Math.max(0, lastFlush + intervalMs - Date.now()));
  }

  async function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    if (sending) await sending;
    lastFlush = Date.now();
    const batch = [...dirty.entries()];
    dirty.clear();
    const send = async () => {
      for (const [sessionId, { eventId, ids }] of batch) {
        const all: Counts = [];
        const visible: Counts = [];
        for (const id of ids) {
          const row = questions.findById(id);
          if (!row) continue;
          all.push({ id, votes: row.votes });
          if (isQuestionPublic(row)) visible.push({ id, votes: row.votes });
        }
        await broadcast.votes(eventId, sessionId, visible, all);
      }
    };
    sending = send();
    try {
      await sending;
    } finally {
      sending = null;
      schedule();
    }
  }

  return {
    mark(eventId: number, sessionId: number, questionId: number): void {
      let entry = dirty.get(sessionId);
      if (!entry) {
        entry = { eventId, ids: new Set() };
        dirty.set(sessionId, entry);
      }
      entry.ids.add(questionId);
      schedule();
    },
    /** Sends what is pending now; used at shutdown and by tests. */
    flush,
    close(): void {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      dirty.clear();
    },
  };
}

export type VoteCoalescer = ReturnType<typeof createVoteCoalescer>;
