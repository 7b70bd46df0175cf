import { VOTE_FLUSH_MS } from '../../shared/limits.ts';
import { isQuestionPublic } from '../../shared/schemas/questions.ts';
import type { Broadcaster } from '../realtime/broadcaster.ts';
import type { QuestionsRepository } from './repository.ts';

/**
 * Coalesces vote count updates. Votes mark their question dirty; at most once per interval the
 * exact current counts of every dirty question are read from the database and sent to the
 * session. Because each message carries absolute counts (not increments), a client that
 * misses one converges on the next, and a storm of N votes costs each client a few messages a
 * second instead of N. The first vote after a quiet spell goes out on the next tick.
 */
export function createVoteCoalescer(questions: QuestionsRepository, broadcast: Broadcaster, intervalMs = VOTE_FLUSH_MS) {
  const dirty = new Map<number, { eventId: number; ids: Set<number> }>();
  let timer: NodeJS.Timeout | null = null;
  let lastFlush = 0;

  function flush(): void {
    timer = null;
    lastFlush = Date.now();
    const batch = [...dirty.entries()];
    dirty.clear();
    for (const [sessionId, { eventId, ids }] of batch) {
      const all: Array<{ id: number; votes: number }> = [];
      const visible: Array<{ id: number; votes: number }> = [];
      for (const id of ids) {
        const row = questions.findById(id);
        if (!row) continue;
        const count = { id, votes: row.votes };
        all.push(count);
        if (isQuestionPublic(row)) visible.push(count);
      }
      broadcast.votes(eventId, sessionId, visible, all);
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
      if (timer) return;
      timer = setTimeout(flush, Math.max(0, lastFlush + intervalMs - Date.now()));
    },
    /** Sends what is pending now; used at shutdown and by tests. */
    flush(): void {
      if (timer) clearTimeout(timer);
      flush();
    },
    close(): void {
      if (timer) clearTimeout(timer);
      timer = null;
      dirty.clear();
    },
  };
}

export type VoteCoalescer = ReturnType<typeof createVoteCoalescer>;
