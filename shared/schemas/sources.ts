import { z } from 'zod';
import { Id, Timestamp } from './common.ts';

/** Outside sources that feed an event's wall. Only X so far; Mastodon and Bluesky will join. */
export const SourceName = z.enum(['x']);
export type SourceName = z.infer<typeof SourceName>;

/** X: `stream` is the v2 filtered stream, `search` polls v2 recent search (the cheaper tier). */
export const SourceMode = z.enum(['stream', 'search']);
export type SourceMode = z.infer<typeof SourceMode>;

/**
 * - `off`: not configured (no credentials), nothing runs.
 * - `connecting`: opening the stream or syncing its rules.
 * - `connected`: the stream is open and items arrive as they are posted.
 * - `polling`: search mode, asking for new items every few seconds.
 * - `backing_off`: a connection dropped or a request failed; `retryAt` says when it tries again.
 * - `stopped`: the source gave up (the credentials were refused); `lastError` says why.
 */
export const SourceState = z.enum(['off', 'connecting', 'connected', 'polling', 'backing_off', 'stopped']);
export type SourceState = z.infer<typeof SourceState>;

export const SourceStatus = z.object({
  eventId: Id,
  source: SourceName,
  mode: SourceMode.nullable(),
  state: SourceState,
  /** One line for people, e.g. "2 stream rules" or "rate limited by X until 14:05:00". */
  detail: z.string().nullable(),
  /** While backing off: when the next attempt is due. */
  retryAt: Timestamp.nullable(),
  /** When the newest item from this source reached this event. */
  lastItemAt: Timestamp.nullable(),
  /** Items from this source stored for this event since local midnight. */
  itemsToday: z.number().int().min(0),
  lastError: z.object({ message: z.string(), at: Timestamp }).nullable(),
});
export type SourceStatus = z.infer<typeof SourceStatus>;

export const SourceStatusList = z.object({ sources: z.array(SourceStatus) });
export type SourceStatusList = z.infer<typeof SourceStatusList>;
