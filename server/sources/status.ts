import type {
  SourceMode,
  SourceName,
  SourceState,
  SourceStatus,
} from '../../shared/schemas/sources.ts';
import { SourceName as SourceNames } from '../../shared/schemas/sources.ts';
import type { Config } from '../config.ts';
import type { EventsRepository } from '../events/repository.ts';
import type { Principal } from '../auth/principal.ts';
import { eventForModerator } from '../events/existing.ts';
import { createCoalescer } from '../lib/coalescer.ts';
import { nowIso } from '../lib/time.ts';
import type { Broadcaster } from '../realtime/broadcaster.ts';
import type { SourcesRepository } from './repository.ts';
import type { SourceSettingsService } from './settings.ts';

/** What a running source reports about itself; the same for every event it feeds. */
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

const off = (detail: string): SourceRuntime => ({
  mode: null,
  state: 'off',
  detail,
  retryAt: null,
  lastError: null,
});
const starting = (mode: SourceMode): SourceRuntime => ({
  mode,
  state: 'connecting',
  detail: null,
  retryAt: null,
  lastError: null,
});

const OFF_HERE = {
  bluesky: off('Off for this event; turn it on in the source settings'),
  mastodon: off('Off for this event; turn it on and name instances in the source settings'),
};

/** Where each source starts: off unless configured, so nothing calls out on its own. */
function initialRuntimes(config: Config): Map<SourceName, SourceRuntime> {
  return new Map<SourceName, SourceRuntime>([
    [
      'x',
      config.x.bearerToken
        ? starting(config.x.mode)
        : off('Set X_BEARER_TOKEN to take in posts from X'),
    ],
    // Bluesky and Mastodon run while some event has them on; each reports when it starts.
    ['bluesky', off('No event takes posts from Bluesky')],
    ['mastodon', off('No event takes posts from Mastodon')],
  ]);
}

/**
 * The status board moderators see for outside sources: each source reports its state here,
 * and every change is broadcast to each event's moderator room (the write broadcasts itself).
 */
export function createSourcesStatus({
  config,
  repo,
  events,
  settings,
  broadcast,
}: {
  config: Config;
  repo: SourcesRepository;
  events: EventsRepository;
  settings: SourceSettingsService;
  broadcast: Broadcaster;
}) {
  const runtimes = initialRuntimes(config);
  const counts = new Map<string, { day: number; itemsToday: number; lastItemAt: string | null }>();
  const counted = createCoalescer<string, { eventId: number; source: SourceName }>({
    intervalMs: COUNTS_FLUSH_MS,
    send(batch) {
      for (const { eventId, source } of batch.values())
        broadcast.sourceStatus(statusOf(eventId, source));
    },
  });

  /**
   * Counters start from what is stored, so a restart does not reset "items today". `fresh`:
   * just read from the database, which already holds the item being counted.
   */
  function countsOf(eventId: number, source: SourceName) {
    const day = startOfLocalDay().getTime();
    const key = `${eventId}:${source}`;
    let entry = counts.get(key);
    const fresh = !entry || entry.day !== day;
    if (fresh) {
      entry = {
        day,
        itemsToday: repo.itemsSince(eventId, source, new Date(day).toISOString()),
        lastItemAt: entry?.lastItemAt ?? repo.lastItemAt(eventId, source),
      };
      counts.set(key, entry);
    }
    return { ...entry!, entry: entry!, fresh };
  }

  function statusOf(eventId: number, source: SourceName): SourceStatus {
    const { itemsToday, lastItemAt } = countsOf(eventId, source);
    // A network this event does not take posts from is off for it, whatever runs for others.
    const runtime = settings.enabled(eventId, source)
      ? runtimes.get(source)!
      : OFF_HERE[source as Exclude<SourceName, 'x'>];
    return { eventId, source, ...runtime, itemsToday, lastItemAt };
  }

  function publishAll(source: SourceName): void {
    for (const event of events.list()) broadcast.sourceStatus(statusOf(event.id, source));
  }

  /** One source's side of the board. */
  function handle(source: SourceName) {
    return {
      /** Reports a change of state; broadcast only when something a moderator sees changed. */
      update(patch: Partial<SourceRuntime>): void {
        const current = runtimes.get(source)!;
        const next = { ...current, ...patch };
        if (JSON.stringify(next) === JSON.stringify(current)) return;
        runtimes.set(source, next);
        publishAll(source);
      },

      error(message: string): void {
        runtimes.set(source, { ...runtimes.get(source)!, lastError: { message, at: nowIso() } });
        publishAll(source);
      },

      runtime: (): Readonly<SourceRuntime> => runtimes.get(source)!,

      /** A new item was stored for an event (call after it is stored). */
      itemTaken(eventId: number): void {
        const { entry, fresh } = countsOf(eventId, source);
        if (!fresh) entry.itemsToday += 1;
        entry.lastItemAt = nowIso();
        counted.add(`${eventId}:${source}`, () => ({ eventId, source }));
      },
    };
  }

  settings.onChanged((eventId) => {
    for (const source of SourceNames.options) broadcast.sourceStatus(statusOf(eventId, source));
  });

  const forEvent = (eventId: number): SourceStatus[] =>
    SourceNames.options.map((source) => statusOf(eventId, source));

  const handles = new Map(SourceNames.options.map((source) => [source, handle(source)]));

  return {
    forEvent,

    /** How each source is doing for an event, as its moderators see it. */
    view(principal: Principal, eventId: number): SourceStatus[] {
      eventForModerator(events, principal, eventId);
      return forEvent(eventId);
    },

    of: (source: SourceName) => handles.get(source)!,

    // X's side, as before the other networks came.
    ...handles.get('x')!,

    close: counted.close,
  };
}

export type SourcesStatus = ReturnType<typeof createSourcesStatus>;
export type SourceHandle = ReturnType<SourcesStatus['of']>;
