import type { SourceMode, SourceState, SourceStatus } from '../../shared/schemas/sources.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { EventsRepository } from '../events/repository.ts';
import { nowIso } from '../lib/time.ts';
import type { Broadcaster } from '../realtime/broadcaster.ts';
import { createSourcesRepository } from './repository.ts';

/** What the running source reports about itself; the same for every event it feeds. */
export interface SourceRuntime {
  mode: SourceMode | null;
  state: SourceState;
  detail: string | null;
  retryAt: string | null;
  lastError: { message: string; at: string } | null;
}

/** Item counts are pushed to moderators at most this often; state changes go out at once. */
const COUNTS_FLUSH_MS = 1000;

function startOfLocalDay(now = new Date()): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate());
}

/**
 * The status board moderators see for outside sources: the X source reports its state here,
 * and every change is broadcast to each event's moderator room (the write broadcasts itself).
 */
export function createSourcesStatus({ config, db, events, broadcast }: { config: Config; db: Db; events: EventsRepository; broadcast: Broadcaster }) {
  const repo = createSourcesRepository(db);
  let x: SourceRuntime = config.x.bearerToken
    ? { mode: config.x.mode, state: 'connecting', detail: null, retryAt: null, lastError: null }
    : { mode: null, state: 'off', detail: 'Set X_BEARER_TOKEN to take in posts from X', retryAt: null, lastError: null };
  const counts = new Map<number, { day: number; itemsToday: number; lastItemAt: string | null }>();
  const dirty = new Set<number>();
  let timer: NodeJS.Timeout | null = null;

  /**
   * Counters start from what is stored, so a restart does not reset "items today". `fresh`:
   * just read from the database, which already holds the item being counted.
   */
  function countsOf(eventId: number) {
    const day = startOfLocalDay().getTime();
    let entry = counts.get(eventId);
    const fresh = !entry || entry.day !== day;
    if (fresh) {
      entry = {
        day,
        itemsToday: repo.itemsSince(eventId, 'x', new Date(day).toISOString()),
        lastItemAt: entry?.lastItemAt ?? repo.lastItemAt(eventId, 'x'),
      };
      counts.set(eventId, entry);
    }
    return { ...entry!, entry: entry!, fresh };
  }

  function statusOf(eventId: number): SourceStatus {
    const { itemsToday, lastItemAt } = countsOf(eventId);
    return { eventId, source: 'x', ...x, itemsToday, lastItemAt };
  }

  function publishAll(): void {
    for (const event of events.list()) broadcast.sourceStatus(statusOf(event.id));
  }

  function flushCounts(): void {
    timer = null;
    for (const eventId of dirty) broadcast.sourceStatus(statusOf(eventId));
    dirty.clear();
  }

  return {
    forEvent: (eventId: number): SourceStatus[] => [statusOf(eventId)],

    /** Reports a change of state; broadcast only when something a moderator sees changed. */
    update(patch: Partial<SourceRuntime>): void {
      const next = { ...x, ...patch };
      if (JSON.stringify(next) === JSON.stringify(x)) return;
      x = next;
      publishAll();
    },

    error(message: string): void {
      x = { ...x, lastError: { message, at: nowIso() } };
      publishAll();
    },

    runtime: (): Readonly<SourceRuntime> => x,

    /** A new item was stored for an event (call after it is stored). */
    itemTaken(eventId: number): void {
      const { entry, fresh } = countsOf(eventId);
      if (!fresh) entry.itemsToday += 1;
      entry.lastItemAt = nowIso();
      dirty.add(eventId);
      timer ??= setTimeout(flushCounts, COUNTS_FLUSH_MS);
    },

    close(): void {
      if (timer) clearTimeout(timer);
      timer = null;
      dirty.clear();
    },
  };
}

export type SourcesStatus = ReturnType<typeof createSourcesStatus>;
