/**
 * Stream mode: the v2 filtered stream, kept open. Reconnects on a drop or a silent stream (no
 * heartbeat within the keep-alive), backing off exponentially while it keeps failing; after
 * every (re)connect, recent search back-fills what was said while it was down.
 */
import { ETwitterStreamEvent } from 'twitter-api-v2';
import { extractHashtags } from '../../../shared/text.ts';
import { parseJsonArray } from '../../lib/json.ts';
import { classifyFailure, TWEET_FIELDS } from './client.ts';
import { queryFor } from './rules.ts';
import { backoffDelay, retryPlan, seconds, waitAfterFailure, type XRuntime } from './runtime.ts';
import { searchSince } from './search.ts';
import type { Gap } from './sink.ts';
import { firstIssue, hashtagsOf, snowflakeAt, StreamItem } from './tweets.ts';
import { decodeAsOneUtf8Stream } from './utf8-stream.ts';

interface Ended {
  /** Whether anything (data or heartbeat) came through before it ended. */
  healthy: boolean;
  reason: string;
}

const allEventIds = (rt: XRuntime) => rt.domain.repos.events.list().map((event) => event.id);

/** A JSON error may have swallowed good items with it: recover at most this often. */
const RECOVERY_DELAY_MS = 1000;
/**
 * A back-fill searches up to this long after the stream was back: later posts are the stream's.
 * The margin absorbs delivery delays and a few seconds of clock difference with X, and bounds
 * the second pass to the gap instead of everything said since.
 */
const BACKFILL_UNTIL_MARGIN_MS = 5000;

export async function runStream(rt: XRuntime): Promise<void> {
  const backfills = new Set<Promise<void>>();
  const spawn = (task: Promise<void>) => {
    const tracked = task.finally(() => backfills.delete(tracked));
    backfills.add(tracked);
  };
  // twitter-api-v2 takes any network chunk that is exactly "\r\n" for a heartbeat; when that is
  // the end of an item split across chunks, the item fuses with the next and both fail to parse.
  // So a parse error is treated as a small gap: back-filled from where each event stood then.
  // One recovery waiting to start covers any error after it, since it searches from earlier.
  let recoveryQueued = false;
  const recover = () => {
    if (recoveryQueued || rt.stopped()) return;
    recoveryQueued = true;
    const gap = rt.sink.openGap(allEventIds(rt));
    spawn(
      rt.sleep(RECOVERY_DELAY_MS).then(() => {
        recoveryQueued = false;
        return backfill(rt, gap, Date.now());
      }),
    );
  };
  let attempt = 0;
  // First, whatever was said while the server was down: from the stored cursors.
  let gap: Gap | null = rt.sink.openGap(allEventIds(rt), { restart: true });
  while (!rt.stopped()) {
    let ended: Ended;
    try {
      rt.domain.sources.update({
        state: 'connecting',
        detail: 'Syncing stream rules',
        retryAt: null,
      });
      const rules = await rt.syncRules();
      ended = await connect(rt, recover, () => {
        rt.domain.sources.update({ state: 'connected', detail: rulesDetail(rules), retryAt: null });
        if (gap && gap.size > 0) spawn(backfill(rt, gap, Date.now()));
        gap = null;
      });
    } catch (error) {
      if (rt.stopped()) break;
      if ((await waitAfterFailure(rt, error, attempt++, 'Connecting to the X stream')) === 'stop')
        break;
      continue;
    }
    if (rt.stopped()) break;
    gap = rt.sink.openGap(allEventIds(rt));
    // A connection that worked and then dropped is retried at once (with a little jitter);
    // one that keeps failing backs off.
    if (ended.healthy) attempt = 0;
    const waitMs =
      attempt === 0
        ? Math.round(Math.random() * rt.config.backoff.initialMs)
        : backoffDelay(attempt, rt.config.backoff);
    attempt++;
    rt.log.warn({ reason: ended.reason, waitMs }, 'X: stream ended; reconnecting');
    rt.domain.sources.error(ended.reason);
    rt.domain.sources.update({
      state: 'backing_off',
      detail: `Stream dropped; reconnecting in ${seconds(waitMs)}`,
      retryAt: new Date(Date.now() + waitMs).toISOString(),
    });
    await rt.sleep(waitMs);
  }
  await Promise.allSettled([...backfills]);
}

export const rulesDetail = (rules: number) =>
  `Filtered stream, ${rules} ${rules === 1 ? 'rule' : 'rules'}`;

/** One connection, from open to end. Throws when it cannot be opened (the caller backs off). */
async function connect(rt: XRuntime, onParseError: () => void, onOpen: () => void): Promise<Ended> {
  const stream = decodeAsOneUtf8Stream(
    rt.api.v2.searchStream({ ...TWEET_FIELDS, autoConnect: false }),
  );
  let healthy = false;
  let reason = 'X closed the stream';
  let end!: () => void;
  const ended = new Promise<void>((resolve) => (end = resolve));
  stream.on(ETwitterStreamEvent.ConnectionClosed, () => end());
  stream.on(ETwitterStreamEvent.ConnectionError, (error: Error) => {
    reason = `Stream connection lost: ${error.message}`;
  });
  stream.on(ETwitterStreamEvent.ConnectionLost, () => {
    reason = `Nothing from X for ${seconds(rt.config.keepAliveMs)} (no heartbeat); reconnecting`;
  });
  stream.on(ETwitterStreamEvent.DataKeepAlive, () => {
    healthy = true;
  });
  stream.on(ETwitterStreamEvent.Data, (payload: unknown) => {
    healthy = true;
    onItem(rt, payload);
  });
  stream.on(ETwitterStreamEvent.DataError, (payload: unknown) => {
    const message = describeStreamError(payload);
    rt.log.warn({ reason: message }, 'X: the stream sent an error');
    rt.domain.sources.error(message);
  });
  stream.on(ETwitterStreamEvent.TweetParseError, (error: Error) => {
    rt.log.warn({ reason: error.message }, 'X: skipped a malformed stream item');
    onParseError();
  });
  const onAbort = () => end();
  rt.signal.addEventListener('abort', onAbort, { once: true });
  try {
    await stream.connect({ autoReconnect: false, keepAliveTimeout: rt.config.keepAliveMs });
    if (!rt.stopped()) onOpen();
    await ended;
    return { healthy, reason };
  } finally {
    rt.signal.removeEventListener('abort', onAbort);
    stream.destroy();
  }
}

/** A listener that throws would throw inside the HTTP response handler: never let it. */
function onItem(rt: XRuntime, payload: unknown): void {
  try {
    const parsed = StreamItem.safeParse(payload);
    if (!parsed.success) {
      rt.log.warn({ reason: firstIssue(parsed.error) }, 'X: skipped a malformed stream item');
      return;
    }
    const { data: tweet, includes, matching_rules: rules } = parsed.data;
    const eventIds = rules
      ? [...new Set(rules.flatMap((rule) => rt.eventsOfRule(rule)))]
      : eventsWithHashtags(rt, tweet.text, hashtagsOf(tweet));
    if (eventIds.length === 0) {
      rt.log.debug({ tweetId: tweet.id }, 'X: a tweet matched no event rule');
      return;
    }
    rt.sink.take(tweet, includes, eventIds);
  } catch (error) {
    rt.log.error({ err: error }, 'X: could not handle a stream item');
  }
}

/** Without matching_rules (not expected from X), route by the hashtags a tweet carries. */
function eventsWithHashtags(rt: XRuntime, text: string, tags: string[]): number[] {
  const carried = new Set(tags.length > 0 ? tags : extractHashtags(text));
  return rt.domain.repos.events
    .list()
    .filter((event) => parseJsonArray(event.hashtags).some((tag) => carried.has(tag)))
    .map((event) => event.id);
}

function describeStreamError(payload: unknown): string {
  const errors = (payload as { errors?: Array<{ title?: string; detail?: string }> }).errors ?? [];
  const first = errors[0];
  return `X stream error: ${[first?.title, first?.detail].filter(Boolean).join(': ') || 'unknown'}`;
}

/**
 * What was said during a gap, for each event that had a position then: recent search from that
 * tweet id. Overlap with what the new connection delivers is skipped by the sink. Search indexes
 * a post a few seconds late, so a second pass runs searchLagMs later; only then may the event's
 * cursor move past the gap. `backAt` is when the stream was back (or the corrupt frame came):
 * both passes stop shortly after it. Each search is retried until it succeeds or the source stops.
 */
async function backfill(rt: XRuntime, gap: Gap, backAt: number): Promise<void> {
  const until = snowflakeAt(backAt + BACKFILL_UNTIL_MARGIN_MS);
  const passes = rt.config.searchLagMs > 0 ? 2 : 1;
  for (let pass = 1; pass <= passes; pass++) {
    if (pass > 1) await rt.sleep(rt.config.searchLagMs);
    for (const [eventId, since] of [...gap]) {
      if (!(await backfillEvent(rt, eventId, since, until))) return;
      if (pass === passes) rt.sink.closeGap(gap, eventId);
    }
  }
}

/** What an event's hashtags said from `fromMs` on, searched now (and again after the search lag). */
export async function backfillWindow(rt: XRuntime, eventId: number, fromMs: number): Promise<void> {
  const gap = rt.sink.openGapFrom(eventId, snowflakeAt(fromMs));
  await backfill(rt, gap, Date.now());
}

/** True once done (or nothing to do); false when the source stopped first. */
async function backfillEvent(
  rt: XRuntime,
  eventId: number,
  since: string,
  until: string,
): Promise<boolean> {
  for (let attempt = 0; !rt.stopped(); attempt++) {
    const event = rt.domain.repos.events.findById(eventId);
    const query = event ? queryFor(parseJsonArray(event.hashtags)) : null;
    if (!query) return true;
    try {
      const found = await searchSince(rt, query, since, until);
      if (rt.stopped()) return false;
      let created = 0;
      for (const { tweet, includes } of found) created += rt.sink.take(tweet, includes, [eventId]);
      if (created > 0)
        rt.log.info({ eventId, created, since }, 'X: back-filled tweets the stream missed');
      return true;
    } catch (error) {
      if (rt.stopped()) return false;
      const failure = classifyFailure(error);
      if (failure.kind === 'auth') {
        rt.halt(failure);
        return false;
      }
      const { waitMs } = retryPlan(rt, failure, attempt, 'Back-fill');
      rt.log.warn(
        { reason: failure.message, waitMs, eventId },
        'X: back-fill failed; trying again',
      );
      rt.domain.sources.error(`Back-fill: ${failure.message}`);
      await rt.sleep(waitMs);
    }
  }
  return false;
}
