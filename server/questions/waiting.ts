import { LIMITS, WAITING_FLUSH_MS } from '../../shared/limits.ts';
import type { WaitingCounts, WaitingQuestions } from '../../shared/schemas/waiting.ts';
import { requireModerator } from '../auth/guards.ts';
import type { Principal } from '../auth/principal.ts';
import type { DomainDeps } from '../context.ts';
import { notFound } from '../lib/errors.ts';
import type { Broadcaster } from '../realtime/broadcaster.ts';
import { presentQuestion } from './repository.ts';

/**
 * Questions waiting for a moderator, across every room: the cross-room list a console opens, and
 * the counts per session its picker and header show. A question written anywhere marks its event;
 * at most once per interval the counts of each marked event are read (one grouped query) and sent
 * to its moderators, and only when they changed. A storm of questions or decisions costs each
 * console a few messages a second; each carries absolute counts, so a missed one does no harm.
 */
export function createWaitingQuestions(
  { repos }: Pick<DomainDeps, 'repos'>,
  broadcast: Pick<Broadcaster, 'waitingCounts'>,
  intervalMs = WAITING_FLUSH_MS,
) {
  const dirty = new Set<number>();
  /** What each event's moderators were last told, so an unchanged count is not sent again. */
  const sent = new Map<number, string>();
  let timer: NodeJS.Timeout | null = null;
  let lastFlush = 0;
  let closed = false;

  const countsOf = (eventId: number): WaitingCounts => ({
    eventId,
    counts: repos.questions.waitingCounts(eventId),
  });

  function flush(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    lastFlush = Date.now();
    const events = [...dirty];
    dirty.clear();
    for (const eventId of events) {
      const counts = countsOf(eventId);
      const key = JSON.stringify(counts.counts);
      if (sent.get(eventId) === key) continue;
      sent.set(eventId, key);
      broadcast.waitingCounts(counts);
    }
  }

  return {
    /** A question of the event was made, changed or removed: its counts may have moved. */
    touch(eventId: number): void {
      dirty.add(eventId);
      if (timer || closed) return;
      timer = setTimeout(flush, Math.max(0, lastFlush + intervalMs - Date.now()));
    },

    /** The event is gone or was cleared: nothing of it is remembered. */
    forget(eventId: number): void {
      dirty.delete(eventId);
      sent.delete(eventId);
    },

    /** Every session's count, and the oldest waiting questions of each live session. */
    list(principal: Principal, eventId: number): WaitingQuestions {
      if (!repos.events.findById(eventId))
        throw notFound('event_not_found', `No event with id ${eventId}`);
      requireModerator(principal, eventId);
      const live = repos.sessions.listByEvent(eventId).filter((session) => session.live === 1);
      const questions = live.flatMap((session) =>
        repos.questions.heldInSession(session.id, LIMITS.waitingPerSession).map(presentQuestion),
      );
      return { ...countsOf(eventId), questions };
    },

    flush,
    close(): void {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      dirty.clear();
    },
  };
}

export type WaitingQuestionsService = ReturnType<typeof createWaitingQuestions>;
