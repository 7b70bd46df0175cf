import { VOTE_FLUSH_MS } from '../../shared/limits.ts';
import { isQuestionPublic } from '../../shared/question-rules.ts';
import { createCoalescer } from '../lib/coalescer.ts';
import type { Broadcaster } from '../realtime/broadcaster.ts';
import type { QuestionsRepository } from './repository.ts';

type Counts = Array<{ id: number; votes: number }>;

/**
 * Coalesces vote count updates (timing: server/lib/coalescer.ts). Votes mark their question
 * dirty; at most once per interval the exact current counts of every dirty question are read
 * from the database and sent to the session. Because each message carries absolute counts (not
 * increments), a client that misses one converges on the next, and a storm of N votes costs each
 * client a few messages a second instead of N.
 */
export function createVoteCoalescer(
  questions: QuestionsRepository,
  broadcast: Pick<Broadcaster, 'votes'>,
  intervalMs = VOTE_FLUSH_MS,
) {
  const batches = createCoalescer<number, { eventId: number; ids: Set<number> }>({
    intervalMs,
    async send(batch) {
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
    },
  });

  return {
    mark(eventId: number, sessionId: number, questionId: number): void {
      batches.add(sessionId, (entry = { eventId, ids: new Set() }) => {
        entry.ids.add(questionId);
        return entry;
      });
    },
    /** Sends what is pending now; used at shutdown and by tests. */
    flush: batches.flush,
    close: batches.close,
  };
}

export type VoteCoalescer = ReturnType<typeof createVoteCoalescer>;
