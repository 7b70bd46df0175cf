/**
 * X as its wire really behaves, beyond what the first fake did: chunks cut inside a character,
 * posts delivered late, rules changing under a running stream, and rule values that already
 * exist on the app under someone else's tag.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { XConfig } from '../../../../server/config.ts';
import { startFakeX, type FakeRule, type FakeX } from '../../../../server/sources/x/fake/server.ts';
import { snowflakeTime } from '../../../../server/sources/x/tweets.ts';
import { bearer, seedEvent, sleep, type SeededEvent } from '../../../helper.ts';
import { buildAuthor, buildWithX, exactlyOnce, waitFor, xPosts, type XTestApp } from './helper.ts';

const RULES = '/2/tweets/search/stream/rules';
const SEARCH = '/2/tweets/search/recent';

let fake: FakeX;
let t: XTestApp;
const cleanup: Array<() => Promise<void>> = [];

afterEach(async () => {
  while (cleanup.length > 0) await cleanup.pop()!();
});

async function setup(
  options: { x?: Partial<XConfig>; before?: (fake: FakeX) => void; hashtags?: string[] } = {},
): Promise<SeededEvent> {
  fake = await startFakeX({ heartbeatMs: 200 });
  cleanup.push(() => fake.close());
  options.before?.(fake);
  t = await buildWithX(fake, options.x);
  cleanup.push(() => t.close());
  const event = seedEvent(t.app, {
    hashtags: options.hashtags ?? ['wireconf'],
    settings: { postModeration: 'post' },
  });
  await waitFor(
    'the stream',
    () =>
      fake.streams().live === 1 &&
      t.app.domain.sources.forEvent(event.eventId)[0]!.state === 'connected',
  );
  await waitFor(
    'the rule',
    () => t.app.domain.sources.forEvent(event.eventId)[0]!.detail === 'Filtered stream, 1 rule',
  );
  return event;
}

const author = buildAuthor();

describe('X stream on the wire', () => {
  it('keeps characters whole when a network chunk ends inside one', async () => {
    const event = await setup();
    const texts = [
      'Fantastic talk 🎉🚀 #wireconf',
      '会議はすばらしい #wireconf',
      'Très réussi, merci à l’équipe #wireconf',
    ];
    fake.splitNext(texts.length);
    const ids = texts.map((text) => fake.emit({ text, author }).tweet.id);
    await waitFor('the tweets', () => xPosts(t, event.eventId).length === texts.length);
    const stored = xPosts(t, event.eventId);
    expect(stored.map((post) => post.source_id)).toEqual(ids);
    expect(stored.map((post) => post.text)).toEqual(texts);
    expect(stored.some((post) => post.text.includes('\uFFFD'))).toBe(false);
  });

  it('back-fills from a point covering the delivery lag, so a post delivered late is not lost in a drop', async () => {
    const event = await setup({ x: { deliveryLagMs: 2000 } });
    // X owes this one for a while; the next is delivered at once, then the stream drops.
    const late = fake.emit(
      { text: 'Posted first, delivered late #wireconf', author },
      { lagMs: 1000 },
    ).tweet.id;
    const prompt = fake.emit({ text: 'Posted second #wireconf', author }).tweet.id;
    await waitFor('the prompt tweet', () =>
      xPosts(t, event.eventId).some((post) => post.source_id === prompt),
    );
    expect(xPosts(t, event.eventId)).toHaveLength(1);
    fake.dropStream();
    await waitFor(
      'the late tweet, from the back-fill',
      () => xPosts(t, event.eventId).length === 2,
    );
    expect(exactlyOnce(xPosts(t, event.eventId), [late, prompt])).toEqual({
      missing: [],
      doubled: [],
    });
    const since = fake.requests.find((r) => r.path === SEARCH)!.query.since_id!;
    expect(snowflakeTime(since)).toBeLessThan(snowflakeTime(late));
  });

  it('adds the new rule before deleting the old one on a hashtag change, and back-fills the window', async () => {
    const event = await setup({ hashtags: ['oldtag'] });
    const oldRule = fake.rules()[0]!;
    // The first try to update the rules fails, which holds the window open a little.
    fake.failNext(1, { path: RULES, status: 503 });
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/events/${event.eventId}`,
      headers: bearer(event.moderatorKey),
      payload: { hashtags: ['newtag'] },
    });
    expect(res.statusCode).toBe(200);
    const inWindow = fake.emit({ text: 'Said while the rules changed #newtag', author }).tweet.id;
    await waitFor('the new rule', () =>
      fake.rules().some((r) => r.value === '#newtag -is:retweet'),
    );
    await waitFor('the old rule to go', () => fake.rules().length === 1);
    await waitFor('the window, back-filled', () => xPosts(t, event.eventId).length === 1);
    const live = fake.emit({ text: 'And on the stream #newtag', author }).tweet.id;
    await waitFor('the live tweet', () => xPosts(t, event.eventId).length === 2);
    expect(exactlyOnce(xPosts(t, event.eventId), [inWindow, live])).toEqual({
      missing: [],
      doubled: [],
    });
    const writes = fake.requests
      .filter((r) => r.path === RULES && r.method === 'POST')
      .map((r) => r.body as { add?: unknown; delete?: { ids: string[] } });
    const added = writes.findIndex((body) => JSON.stringify(body.add ?? []).includes('#newtag'));
    const deleted = writes.findIndex((body) => body.delete?.ids.includes(oldRule.id));
    expect(added).toBeGreaterThanOrEqual(0);
    expect(deleted, JSON.stringify({ writes, oldRule })).toBeGreaterThan(added);
    expect(fake.rules().map((r) => r.value)).toEqual(['#newtag -is:retweet']);
  });

  it('routes by a rule with the same value that someone else already made, and leaves it alone', async () => {
    let foreign: FakeRule | null = null;
    const event = await setup({
      hashtags: ['dupconf'],
      before: (fake) => (foreign = fake.addRule('#dupconf -is:retweet', 'other-wall')),
    });
    const { tweet } = fake.emit({ text: 'Hello #dupconf', author });
    await waitFor('the tweet', () => xPosts(t, event.eventId).length === 1);
    expect(xPosts(t, event.eventId)[0]!.source_id).toBe(tweet.id);
    expect(fake.rules()).toEqual([foreign]);
    await sleep(50);
    expect(t.app.domain.sources.forEvent(event.eventId)[0]!.lastError).toBeNull();
  });
});
