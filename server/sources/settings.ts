/**
 * Which networks each event takes posts from: Bluesky and Mastodon on or off, the Mastodon
 * instances (each with an optional user token), extra hashtags, and mentions of the event's
 * own account. An event never saved follows the environment (BLUESKY_JETSTREAM_URL,
 * MASTODON_INSTANCES), so nothing calls outside unless someone configured it. The running
 * sources listen for changes and reconcile at once (see onChanged).
 */
import { isIP } from 'node:net';
import { z } from 'zod';
import type {
  SourceSettingsBody,
  SourceSettings,
  SourceName,
} from '../../shared/schemas/sources.ts';
import { normalizeHashtag } from '../../shared/text.ts';
import { requireModerator } from '../auth/guards.ts';
import { actorName, type Principal } from '../auth/principal.ts';
import type { Config } from '../config.ts';
import type { EventRow, EventsRepository } from '../events/repository.ts';
import { parseJsonArray } from '../lib/json.ts';
import { badRequest, notFound } from '../lib/errors.ts';
import type { createModerationLogRepository } from '../moderation/repository.ts';
import { PrivateAddressError, type AddressGuard } from './addresses.ts';
import type { SourceSettingsRepository } from './settings-repository.ts';
import type { Broadcaster } from '../realtime/broadcaster.ts';

/** The stored shape: the body as parsed, less the tokens (they have their own table). */
const Stored = z.object({
  bluesky: z.object({ enabled: z.boolean(), mentions: z.string().nullable() }),
  mastodon: z.object({
    enabled: z.boolean(),
    instances: z.array(z.string()),
    mentions: z.string().nullable(),
  }),
  extraHashtags: z.array(z.string()),
});
type Stored = z.infer<typeof Stored>;

/** One event's sources, as the running sources read them (tokens included: server only). */
export interface EventSources {
  eventId: number;
  custom: boolean;
  /** The event's hashtags and its extra ones: what the networks are searched for. */
  tags: string[];
  bluesky: { enabled: boolean; mentions: string | null };
  mastodon: {
    enabled: boolean;
    instances: Array<{ origin: string; token: string | null }>;
    mentions: string | null;
  };
  extraHashtags: string[];
}

const LOCAL_NAMES = /(^|\.)(localhost|local|internal|lan|home|arpa)$/;

export function createSourceSettings({
  config,
  repo,
  events,
  log,
  addressGuard,
  broadcast,
}: {
  config: Config;
  repo: SourceSettingsRepository;
  events: EventsRepository;
  log: ReturnType<typeof createModerationLogRepository>;
  addressGuard: AddressGuard;
  broadcast: Pick<Broadcaster, 'sourceSettingsUpdated'>;
}) {
  const listeners = new Set<(eventId: number) => void>();
  /** Parsed settings per event (null: never saved); rows change only through update(). */
  const cache = new Map<number, Stored | null>();
  /** The operator's own instances may be plain http or local: they chose them. */
  const trusted = new Set(config.mastodon.instances.map((origin) => origin.toLowerCase()));

  const defaults = (): Stored => ({
    bluesky: { enabled: config.bluesky.jetstreamUrl !== null, mentions: null },
    mastodon: { enabled: config.mastodon.instances.length > 0, instances: [], mentions: null },
    extraHashtags: [],
  });

  function stored(eventId: number): Stored | null {
    if (!cache.has(eventId)) {
      const raw = repo.settings(eventId);
      const parsed = raw ? Stored.safeParse(JSON.parse(raw)) : null;
      cache.set(eventId, parsed?.success ? parsed.data : null);
    }
    return cache.get(eventId)!;
  }

  function resolve(event: EventRow): EventSources {
    const saved = stored(event.id);
    const s = saved ?? defaults();
    const tokens = saved ? repo.tokens(event.id) : new Map<string, string>();
    const instances = saved ? s.mastodon.instances : config.mastodon.instances;
    const own = parseJsonArray(event.hashtags).map(normalizeHashtag);
    return {
      eventId: event.id,
      custom: saved !== null,
      tags: [...new Set([...own, ...s.extraHashtags])].filter(Boolean),
      bluesky: s.bluesky,
      mastodon: {
        enabled: s.mastodon.enabled && instances.length > 0,
        instances: instances.map((origin) => ({ origin, token: tokens.get(origin) ?? null })),
        mentions: s.mastodon.mentions,
      },
      extraHashtags: s.extraHashtags,
    };
  }

  function eventRow(eventId: number): EventRow {
    const row = events.findById(eventId);
    if (!row) throw notFound('event_not_found', `No event with id ${eventId}`);
    return row;
  }

  function present(sources: EventSources): SourceSettings {
    return {
      eventId: sources.eventId,
      custom: sources.custom,
      bluesky: sources.bluesky,
      mastodon: {
        enabled: sources.mastodon.enabled,
        instances: sources.mastodon.instances.map(({ origin, token }) => ({
          origin,
          tokenSet: token !== null,
        })),
        mentions: sources.mastodon.mentions,
      },
      extraHashtags: sources.extraHashtags,
    };
  }

  /**
   * An instance we may call: https (unless the operator listed it), a public host name, and
   * every address that name resolves to public (unless ALLOW_PRIVATE_SOURCE_ADDRESSES).
   */
  async function checkOrigin(origin: string): Promise<void> {
    const url = new URL(origin);
    if (!trusted.has(origin) && url.protocol !== 'https:')
      throw badRequest('instance_not_https', `${origin}: instances are reached over https only`);
    if (config.mastodon.allowPrivateAddresses) return;
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) !== 0 || LOCAL_NAMES.test(host) || !host.includes('.'))
      throw badRequest(
        'instance_private_address',
        `${origin}: an instance is named by its public host name, not an address or a local name`,
      );
    try {
      await addressGuard(url);
    } catch (error) {
      if (!(error instanceof PrivateAddressError)) throw error;
      throw badRequest('instance_private_address', `${origin}: ${error.message}`);
    }
  }

  return {
    /** One event's sources, for the running sources; null when the event is gone. */
    of(eventId: number): EventSources | null {
      const row = events.findById(eventId);
      return row ? resolve(row) : null;
    },

    /** Every event's sources, for the running sources. */
    all: (): EventSources[] => events.list().map(resolve),

    enabled(eventId: number, source: SourceName): boolean {
      if (source === 'x') return true;
      const row = events.findById(eventId);
      return row ? resolve(row)[source].enabled : false;
    },

    view(principal: Principal, eventId: number): SourceSettings {
      const row = eventRow(eventId);
      requireModerator(principal, eventId);
      return present(resolve(row));
    },

    async update(
      principal: Principal,
      eventId: number,
      body: z.output<typeof SourceSettingsBody>,
    ): Promise<SourceSettings> {
      eventRow(eventId);
      requireModerator(principal, eventId);
      const instances = new Map<string, string | null | undefined>();
      for (const { origin, token } of body.mastodon.instances) {
        await checkOrigin(origin);
        instances.set(origin, token !== undefined ? token : instances.get(origin));
      }
      // The look-ups took a while: the event may be gone, and the tokens are read afresh below.
      const row = eventRow(eventId);
      const before = repo.tokens(eventId);
      const changes = new Map<string, string | null>();
      for (const [origin, token] of instances) if (token !== undefined) changes.set(origin, token);
      for (const origin of before.keys()) if (!instances.has(origin)) changes.set(origin, null);
      const tokenOf = (origin: string) =>
        changes.has(origin) ? changes.get(origin)! : (before.get(origin) ?? null);
      const mentions = body.mastodon.mentions;
      if (mentions) {
        // Mentions of an account are its notifications: only its own token may read them.
        const host = mentions.slice(mentions.indexOf('@') + 1);
        const home = [...instances.keys()].find((origin) => new URL(origin).host === host);
        if (!home || !tokenOf(home))
          throw badRequest(
            'mentions_need_token',
            `Mastodon has no public way to read mentions: add ${host} with a token of ${mentions}`,
          );
      }
      const next: Stored = {
        bluesky: body.bluesky,
        mastodon: {
          enabled: body.mastodon.enabled,
          instances: [...instances.keys()],
          mentions,
        },
        extraHashtags: body.extraHashtags,
      };
      repo.save(eventId, JSON.stringify(next), changes);
      cache.set(eventId, next);
      log.append({
        eventId,
        actor: actorName(principal),
        action: 'source_settings',
        itemType: 'event',
        itemId: eventId,
        detail: {
          bluesky: next.bluesky.enabled,
          mastodon: next.mastodon.enabled ? next.mastodon.instances : false,
          extraHashtags: next.extraHashtags,
        },
      });
      for (const listener of listeners) listener(eventId);
      const settings = present(resolve(row));
      // The event's other consoles show what was saved at once (tokens only as tokenSet).
      broadcast.sourceSettingsUpdated(settings);
      return settings;
    },

    /** Calls `listener` after an event's source settings change; returns the unsubscribe. */
    onChanged(listener: (eventId: number) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type SourceSettingsService = ReturnType<typeof createSourceSettings>;
