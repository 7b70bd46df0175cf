import { afterEach, describe, expect, it } from 'vitest';
import { startFakeX, type FakeX } from '../../../../server/sources/x/fake/server.ts';
import { compareIds, snowflakeTime } from '../../../../server/sources/x/tweets.ts';
import { seedEvent, sleep } from '../../../helper.ts';
import { buildAuthor, buildWithX, exactlyOnce, waitFor, xPosts, type XTestApp } from './helper.ts';

const SEARCH = '/2/tweets/search/recent';

let fake: FakeX;
let t: XTestApp;

afterEach(async () => {
  await t.close();
  await fake.close();
});

async function setup(before?: (fake: FakeX) => void, { indexDelayMs = 0, searchLagMs = 0 } = {}) {
  fake = await startFakeX({ indexDelayMs });
  before?.(fake);
  t = await buildWithX(fake, { mode: 'search', pollMs: 150, searchLagMs });
  return seedEvent(t.app, { hashtags: ['pollconf', 'pc26'], settings: { postModeration: 'post' } });
}

const searches = () => fake.requests.filter((r) => r.path === SEARCH);
const status = (eventId: number) => t.app.domain.sources.forEvent(eventId)[0]!;
const author = buildAuthor();

describe('X recent search mode', () => {
  it('polls with since_id from the newest tweet seen and follows next_token across pages', async () => {
    const event = await setup();
    const first = fake.emit({ text: 'First #pollconf', author }).tweet.id;
    await waitFor('the first tweet', () => xPosts(t, event.eventId).length === 1);
    expect(status(event.eventId)).toMatchObject({ mode: 'search', state: 'polling' });
    expect(fake.streams().opened).toBe(0);

    const pollsBefore = searches().length;
    // 250 tweets between two polls: three pages of at most 100.
    const burst = Array.from(
      { length: 250 },
      (_, i) => fake.emit({ text: `Tweet ${i} #PC26`, author }).tweet.id,
    );
    fake.emit({ text: 'Another conference #elsewhere', author });
    await waitFor('the burst', () => xPosts(t, event.eventId).length === 251);
    await sleep(400);

    expect(exactlyOnce(xPosts(t, event.eventId), [first, ...burst])).toEqual({
      missing: [],
      doubled: [],
    });
    const poll = searches()
      .slice(pollsBefore)
      .filter((r) => r.query.since_id === first);
    expect(poll.map((r) => r.query.next_token !== undefined)).toEqual([false, true, true]);
    expect(
      poll.every(
        (r) =>
          r.query.max_results === '100' && r.query.query === '(#pollconf OR #pc26) -is:retweet',
      ),
    ).toBe(true);
    // The next poll starts from the newest.
    await waitFor('a poll from the newest', () =>
      searches().some((r) => r.query.since_id === burst.at(-1)),
    );
    // Stored oldest first.
    const ids = xPosts(t, event.eventId).map((p) => p.source_id);
    expect([...ids].sort(compareIds)).toEqual(ids);
    expect(status(event.eventId).itemsToday).toBe(251);
  });

  it('starts each poll a search lag before the newest tweet, so a post search indexes late is not skipped', async () => {
    const event = await setup(undefined, { indexDelayMs: 300, searchLagMs: 5000 });
    const first = fake.emit({ text: 'First #pollconf', author }).tweet.id;
    await waitFor('the first tweet', () => xPosts(t, event.eventId).length === 1, 3000);
    const second = fake.emit({ text: 'Second #pollconf', author }).tweet.id;
    await waitFor('the second tweet', () => xPosts(t, event.eventId).length === 2, 3000);
    expect(exactlyOnce(xPosts(t, event.eventId), [first, second])).toEqual({
      missing: [],
      doubled: [],
    });
    // Polls after the first tweet start five seconds back, not at it; the sink skips the overlap.
    const later = searches().filter((r) => r.at > snowflakeTime(first) + 200 && r.query.since_id);
    expect(later.length).toBeGreaterThan(0);
    for (const poll of later) {
      expect(compareIds(poll.query.since_id!, first)).toBeLessThan(0);
      expect(poll.at - snowflakeTime(poll.query.since_id!)).toBeGreaterThanOrEqual(4990);
    }
  });

  it('waits out a 429 until its reset, then catches up', async () => {
    const event = await setup();
    await waitFor('a first poll', () => searches().length > 0);
    fake.failNext(1, { path: SEARCH, resetInSeconds: 1 });
    const { tweet } = fake.emit({ text: 'During the limit #pollconf', author });
    await waitFor('the 429', () => status(event.eventId).state === 'backing_off');
    expect(status(event.eventId).detail).toMatch(/Rate limited/);
    const limitedAt = Date.now();
    await waitFor('the tweet', () => xPosts(t, event.eventId).length === 1, 4000);
    expect(Date.now() - limitedAt).toBeGreaterThan(300);
    expect(xPosts(t, event.eventId)[0]!.source_id).toBe(tweet.id);
    expect(status(event.eventId).state).toBe('polling');
  });

  it('stops polling when X refuses the bearer token', async () => {
    const event = await setup((f) => f.rejectAuth(403));
    await waitFor('the stop', () => status(event.eventId).state === 'stopped');
    expect(status(event.eventId).lastError?.message).toMatch(/403/);
    const count = fake.requests.length;
    await sleep(400);
    expect(fake.requests.length).toBe(count);
  });
});
