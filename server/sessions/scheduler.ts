import type { FastifyBaseLogger } from 'fastify';
import type { Domain } from '../context.ts';

/** A session goes live at most this long after its start time. */
export const SCHEDULE_TICK_MS = 5_000;

/**
 * Switches each room's live session by the clock (see sessions.applySchedule). A failed tick is
 * logged and the next one tries again: the schedule must never take the server down.
 */
export function startScheduler(domain: Domain, log: FastifyBaseLogger, everyMs: number) {
  function tick(now = Date.now()) {
    try {
      return domain.sessions.applySchedule(now);
    } catch (error) {
      log.error({ err: error }, 'schedule: tick failed');
      return [];
    }
  }
  const timer = setInterval(() => tick(), everyMs);
  timer.unref();
  return {
    tick,
    stop: () => clearInterval(timer),
  };
}
