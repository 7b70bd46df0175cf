import { z } from 'zod';
import { LIMITS } from '../limits.ts';
import { Hashtags, Id, Timestamp } from './common.ts';

/** Outside sources that feed an event's wall, in the order the console lists them. */
export const SourceName = z.enum(['x', 'bluesky', 'mastodon']);
export type SourceName = z.infer<typeof SourceName>;

/**
 * X: `stream` is the v2 filtered stream, `search` polls v2 recent search (the cheaper tier).
 * Bluesky: `stream` (Jetstream). Mastodon: `poll` (public hashtag timelines).
 */
export const SourceMode = z.enum(['stream', 'search', 'poll']);
export type SourceMode = z.infer<typeof SourceMode>;

/**
 * - `off`: not configured (no credentials), nothing runs.
 * - `connecting`: opening the stream or syncing its rules.
 * - `connected`: the stream is open and items arrive as they are posted.
 * - `polling`: search mode, asking for new items every few seconds.
 * - `backing_off`: a connection dropped or a request failed; `retryAt` says when it tries again.
 * - `stopped`: the source gave up (the credentials were refused); `lastError` says why.
 */
export const SourceState = z.enum([
  'off',
  'connecting',
  'connected',
  'polling',
  'backing_off',
  'stopped',
]);
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

/**
 * An instance's origin, as people type it: scheme and host (and port), nothing after. Lower
 * case, no trailing slash, so one instance has one spelling. The server also asks for https
 * (unless the operator listed the origin in MASTODON_INSTANCES) and a host that resolves only
 * to public addresses (unless ALLOW_PRIVATE_SOURCE_ADDRESSES; see server/sources/addresses.ts).
 */
export const InstanceOrigin = z
  .string()
  .trim()
  .max(LIMITS.instanceOrigin.max)
  .transform((value) => value.replace(/\/+$/, '').toLowerCase())
  .pipe(
    z
      .string()
      .regex(
        /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$|^https?:\/\/\[[0-9a-f:.]+\](:\d{1,5})?$/,
        'an origin like https://mastodon.social',
      ),
  );

/** A Bluesky account: its handle (alice.bsky.social, with or without '@') or its DID. */
export const BlueskyAccount = z
  .string()
  .trim()
  .max(LIMITS.accountName.max)
  .transform((value) => value.replace(/^@/, '').toLowerCase())
  .pipe(
    z
      .string()
      .regex(
        /^did:[a-z]+:[a-z0-9._:%-]{1,200}$|^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}$/,
        'a handle like conf.bsky.social or a DID',
      ),
  );

/** A Mastodon account as user@host (a leading '@' is dropped). */
export const MastodonAccount = z
  .string()
  .trim()
  .max(LIMITS.accountName.max)
  .transform((value) => value.replace(/^@/, '').toLowerCase())
  .pipe(
    z
      .string()
      .regex(/^[a-z0-9_]{1,30}@[a-z0-9.-]+(:\d{1,5})?$/, 'an account like conf@mastodon.social'),
  );

export const InstanceToken = z
  .string()
  .trim()
  .min(LIMITS.instanceToken.min)
  .max(LIMITS.instanceToken.max)
  .regex(/^[\x21-\x7e]+$/, 'a token without spaces');

/**
 * What an event takes in from Bluesky and Mastodon (X follows the event's hashtags as it did).
 * A token is write-only: a string sets it, null removes it, leaving it out keeps the stored one.
 */
export const SourceSettingsBody = z
  .object({
    bluesky: z.object({ enabled: z.boolean(), mentions: BlueskyAccount.nullable() }).strict(),
    mastodon: z
      .object({
        enabled: z.boolean(),
        instances: z
          .array(
            z
              .object({ origin: InstanceOrigin, token: InstanceToken.nullable().optional() })
              .strict(),
          )
          .max(LIMITS.mastodonInstances.max),
        mentions: MastodonAccount.nullable(),
      })
      .strict(),
    /** The same rules and bound as the event's own hashtags. */
    extraHashtags: Hashtags,
  })
  .strict();
export type SourceSettingsBody = z.input<typeof SourceSettingsBody>;

/** The settings as a moderator reads them: tokens never leave the server, only whether one is set. */
export const SourceSettings = z.object({
  eventId: Id,
  /** False while the event follows the environment's defaults (it was never saved). */
  custom: z.boolean(),
  bluesky: z.object({ enabled: z.boolean(), mentions: z.string().nullable() }),
  mastodon: z.object({
    enabled: z.boolean(),
    instances: z.array(z.object({ origin: z.string(), tokenSet: z.boolean() })),
    mentions: z.string().nullable(),
  }),
  extraHashtags: z.array(z.string()),
});
export type SourceSettings = z.infer<typeof SourceSettings>;
