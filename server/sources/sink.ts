/**
 * Where Bluesky and Mastodon items enter the pipeline: each goes to posts.ingest() once per
 * event it belongs to (ingest de-duplicates by source id); a bounded seen set skips the
 * repeats a replay or an overlapping poll brings, without a query each. A deleted item leaves
 * through withdraw().
 */
import type { FastifyBaseLogger } from 'fastify';
import type { PostSource } from '../../shared/schemas/posts.ts';
import { normalizeHashtag } from '../../shared/text.ts';
import type { Domain } from '../context.ts';
import { AppError } from '../lib/errors.ts';
import type { IngestInput } from '../posts/service.ts';
import type { EventSources } from './settings.ts';

const SEEN_MAX = 50_000;

export type NetworkPost = Omit<IngestInput, 'eventId'> & { sourceId: string };

/**
 * Events among `events` that follow one of `tags` (their hashtags and extra ones, compared as
 * normalised hashtags: no '#', lower case). Whole tags only: #conf does not match #conference.
 */
export function eventsTagged(events: EventSources[], tags: Iterable<string>): number[] {
  const carried = new Set([...tags].map(normalizeHashtag).filter(Boolean));
  if (carried.size === 0) return [];
  return events
    .filter((event) => event.tags.some((tag) => carried.has(tag)))
    .map((event) => event.eventId);
}

export function createNetworkSink({
  domain,
  source,
  log,
}: {
  domain: Domain;
  source: Extract<PostSource, 'bluesky' | 'mastodon'>;
  log: FastifyBaseLogger;
}) {
  const seen = new Set<string>();
  const status = domain.sources.of(source);

  function remember(key: string): void {
    seen.add(key);
    if (seen.size <= SEEN_MAX) return;
    for (const old of seen) {
      seen.delete(old);
      if (seen.size <= SEEN_MAX * 0.9) break;
    }
  }

  return {
    /** Whether this item was already handed to this event (in memory; ingest checks the rest). */
    seen: (eventId: number, sourceId: string) => seen.has(`${eventId}:${sourceId}`),

    /** Hands one item to each event; returns how many new posts it made. */
    take(post: NetworkPost, eventIds: number[]): number {
      let created = 0;
      for (const eventId of eventIds) {
        const key = `${eventId}:${post.sourceId}`;
        if (seen.has(key)) continue;
        try {
          if (post.text.length === 0 && post.media.length === 0) {
            log.debug(
              { sourceId: post.sourceId },
              `${source}: skipped an item with nothing to show`,
            );
          } else if (domain.posts.ingest({ ...post, eventId }).created) {
            created += 1;
            status.itemTaken(eventId);
          }
        } catch (error) {
          if (error instanceof AppError && error.id === 'event_not_found') continue;
          log.error(
            { err: error, sourceId: post.sourceId, eventId },
            `${source}: could not store an item`,
          );
          continue;
        }
        remember(key);
      }
      return created;
    },

    /** Its author deleted the item: every copy comes down from every screen. */
    withdraw(sourceId: string): number {
      const taken = domain.posts.withdraw(source, sourceId);
      if (taken > 0)
        log.info({ sourceId, taken }, `${source}: a post we showed was deleted; taken down`);
      return taken;
    },
  };
}

export type NetworkSink = ReturnType<typeof createNetworkSink>;
