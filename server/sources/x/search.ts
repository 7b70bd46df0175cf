/**
 * Recent search: how the stream back-fills a gap, and the whole of search mode (polling every
 * X_POLL_SECONDS with since_id, following next_token across pages).
 */
import type { Tweetv2SearchParams } from 'twitter-api-v2';
import { parseJsonArray } from '../../lib/json.ts';
import { TWEET_FIELDS } from './client.ts';
import { queryFor } from './rules.ts';
import type { XRuntime } from './runtime.ts';
import { waitAfterFailure } from './runtime.ts';
import { compareIds, firstIssue, Includes, snowflakeAt, snowflakeTime, Tweet } from './tweets.ts';

const PAGE_SIZE = 100;
/** A long outage could mean thousands of tweets: enough to cover it, not enough to run away. */
export const MAX_PAGES = 50;
/** Recent search only reaches back seven days; a since_id older than that is refused. */
const SEARCH_WINDOW_MS = 7 * 24 * 60 * 60 * 1000 - 60_000;

export interface FoundTweet {
  tweet: Tweet;
  includes: Includes | undefined;
}

function sinceParams(since: string | null): Partial<Tweetv2SearchParams> {
  if (!since) return {};
  const oldest = Date.now() - SEARCH_WINDOW_MS;
  return snowflakeTime(since) < oldest
    ? { start_time: new Date(oldest).toISOString() }
    : { since_id: since };
}

/**
 * Every tweet matching `query` newer than `since` (and older than `until`, if given), oldest
 * first, so the wall fills in the order people posted. Without a `since`, only the newest page:
 * a first look, not the whole week.
 */
export async function searchSince(
  rt: XRuntime,
  query: string,
  since: string | null,
  until?: string,
): Promise<FoundTweet[]> {
  const found: FoundTweet[] = [];
  const maxPages = since ? MAX_PAGES : 1;
  const range = { ...sinceParams(since), ...(until ? { until_id: until } : {}) };
  let page = await rt.api.v2.search(query, { ...TWEET_FIELDS, ...range, max_results: PAGE_SIZE });
  for (let pages = 1; ; pages++) {
    const body = page.data as {
      data?: unknown[];
      includes?: unknown;
      meta?: { next_token?: string };
    };
    const includes = Includes.safeParse(body.includes ?? {});
    for (const raw of body.data ?? []) {
      const tweet = Tweet.safeParse(raw);
      if (tweet.success)
        found.push({ tweet: tweet.data, includes: includes.success ? includes.data : undefined });
      else rt.log.warn({ reason: firstIssue(tweet.error) }, 'X: skipped a malformed search result');
    }
    if (!body.meta?.next_token || rt.stopped()) break;
    if (pages >= maxPages) {
      rt.log.warn(
        { query, pages },
        'X: stopped paging a back-fill; older tweets in the gap are skipped',
      );
      break;
    }
    page = await page.next(PAGE_SIZE);
  }
  return found.sort((a, b) => compareIds(a.tweet.id, b.tweet.id));
}

/** The current search query of each event that has hashtags. */
export function eventQueries(rt: XRuntime): Array<{ eventId: number; query: string }> {
  return rt.domain.repos.events.list().flatMap((event) => {
    const query = queryFor(parseJsonArray(event.hashtags));
    return query ? [{ eventId: event.id, query }] : [];
  });
}

/**
 * Where a poll starts: the newest tweet taken in, but no later than searchLagMs ago, so a post
 * that search indexed late is still found. The overlap is skipped by the sink's seen set.
 */
function pollSince(rt: XRuntime, position: string | null): string | null {
  if (!position || rt.config.searchLagMs <= 0) return position;
  const settled = snowflakeAt(Date.now() - rt.config.searchLagMs);
  return compareIds(position, settled) < 0 ? position : settled;
}

/** Search mode: one query per event, from where that event left off. */
export async function runSearch(rt: XRuntime): Promise<void> {
  let attempt = 0;
  while (!rt.stopped()) {
    try {
      rt.domain.sources.update({
        state: 'polling',
        detail: `Recent search every ${Math.round(rt.config.pollMs / 1000)} s`,
        retryAt: null,
      });
      for (const { eventId, query } of eventQueries(rt)) {
        const found = await searchSince(rt, query, pollSince(rt, rt.sink.position(eventId)));
        if (rt.stopped()) return;
        for (const { tweet, includes } of found) rt.sink.take(tweet, includes, [eventId]);
      }
      attempt = 0;
      await rt.sleep(rt.config.pollMs);
    } catch (error) {
      if (rt.stopped()) return;
      if ((await waitAfterFailure(rt, error, attempt++, 'Search')) === 'stop') return;
    }
  }
}
