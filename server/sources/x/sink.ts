import type { FastifyBaseLogger } from 'fastify';
import type { Domain } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import type { SourcesRepository } from '../repository.ts';
import {
  compareIds,
  isRetweet,
  maxId,
  snowflakeAt,
  snowflakeTime,
  tweetToPost,
  type Includes,
  type Tweet,
} from './tweets.ts';

const minId = (a: string, b: string) => (compareIds(a, b) <= 0 ? a : b);

/** Tweet ids remembered per event to skip repeats before touching the database. */
const SEEN_MAX = 50_000;

/** Where a dropped stream left off, per event: the since_id its back-fill starts from. */
export type Gap = Map<number, string>;

/**
 * Where tweets enter the pipeline. Every tweet, from the stream or from a search, goes through
 * posts.ingest() (which de-duplicates by tweet id); a seen set skips the repeats a back-fill
 * overlapping the stream brings, without a query each.
 *
 * It also keeps each event's cursor in source_state: the newest tweet id such that everything
 * before it has been taken in. While a gap is open (a drop not yet back-filled), the cursor
 * stays at the gap's start even though the new connection delivers newer tweets, so a crash
 * during the back-fill still back-fills the gap on the next start.
 */
export function createTweetSink({
  domain,
  repo,
  log,
  deliveryLagMs,
}: {
  domain: Domain;
  repo: SourcesRepository;
  log: FastifyBaseLogger;
  /** How late X may deliver a post on the stream; a gap reaches back this far. */
  deliveryLagMs: number;
}) {
  const seen = new Set<string>();
  const newest = new Map<number, string>();
  const committed = new Map<number, string | null>();
  const gaps = new Set<Gap>();

  function committedOf(eventId: number): string | null {
    if (!committed.has(eventId)) committed.set(eventId, repo.cursor(eventId, 'x'));
    return committed.get(eventId) ?? null;
  }

  function position(eventId: number): string | null {
    return maxId(newest.get(eventId), committedOf(eventId));
  }

  function commit(eventId: number): void {
    let target = position(eventId);
    for (const gap of gaps) {
      const since = gap.get(eventId);
      if (since !== undefined && target !== null && compareIds(since, target) < 0) target = since;
    }
    const current = committedOf(eventId);
    if (target !== null && (current === null || compareIds(target, current) > 0)) {
      repo.setCursor(eventId, 'x', target);
      committed.set(eventId, target);
    }
  }

  function remember(key: string): void {
    seen.add(key);
    if (seen.size <= SEEN_MAX) return;
    for (const old of seen) {
      seen.delete(old);
      if (seen.size <= SEEN_MAX * 0.9) break;
    }
  }

  return {
    /** The newest tweet id taken in for an event (in memory or stored), or null. */
    position,

    /** Hands one tweet to each event it belongs to; returns how many new posts it made. */
    take(tweet: Tweet, includes: Includes | undefined, eventIds: number[]): number {
      // Rules and queries already say -is:retweet; this holds whatever the source sends.
      if (isRetweet(tweet)) return 0;
      let created = 0;
      let post: ReturnType<typeof tweetToPost> | null = null;
      for (const eventId of eventIds) {
        const key = `${eventId}:${tweet.id}`;
        if (seen.has(key)) continue;
        post ??= tweetToPost(tweet, includes);
        try {
          if (post.text.length === 0 && post.media.length === 0) {
            log.debug({ tweetId: tweet.id }, 'X: skipped a tweet with nothing to show');
          } else if (domain.posts.ingest({ ...post, eventId }).created) {
            created += 1;
            domain.sources.itemTaken(eventId);
          }
        } catch (error) {
          if (error instanceof AppError && error.id === 'event_not_found') continue;
          log.error({ err: error, tweetId: tweet.id, eventId }, 'X: could not store a tweet');
          continue;
        }
        remember(key);
        newest.set(eventId, maxId(newest.get(eventId), tweet.id)!);
        commit(eventId);
      }
      return created;
    },

    /**
     * Marks where each event stands now; the cursor will not pass it until closeGap(). The
     * newest tweet taken in is not enough: X may still owe posts made up to deliveryLagMs
     * before the drop, older than that newest one. After a restart the drop time is unknown,
     * so the gap reaches back the lag from the stored cursor's own time.
     */
    openGap(eventIds: number[], { restart = false }: { restart?: boolean } = {}): Gap {
      const gap: Gap = new Map();
      for (const eventId of eventIds) {
        const newestTaken = position(eventId);
        if (!newestTaken) continue;
        const lostFrom = (restart ? snowflakeTime(newestTaken) : Date.now()) - deliveryLagMs;
        gap.set(eventId, minId(newestTaken, snowflakeAt(lostFrom)));
      }
      if (gap.size > 0) gaps.add(gap);
      return gap;
    },

    /** A gap for one event from a given id (a hashtag change); closed like any other. */
    openGapFrom(eventId: number, since: string): Gap {
      const gap: Gap = new Map([[eventId, since]]);
      gaps.add(gap);
      return gap;
    },

    /** The gap is back-filled for this event: its cursor may move on. */
    closeGap(gap: Gap, eventId: number): void {
      gap.delete(eventId);
      if (gap.size === 0) gaps.delete(gap);
      commit(eventId);
    },
  };
}

export type TweetSink = ReturnType<typeof createTweetSink>;
