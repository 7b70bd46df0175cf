import { afterEach, describe, expect, it } from 'vitest';
import type { XConfig } from '../../../../server/config.ts';
import { startFakeX, type FakeX } from '../../../../server/sources/x/fake/server.ts';
import { compareIds, snowflakeTime } from '../../../../server/sources/x/tweets.ts';
import { seedEvent, sleep, type SeededEvent } from '../../../helper.ts';
import { buildAuthor, buildWithX, exactlyOnce, waitFor, xPosts, type XTestApp } from './helper.ts';

const STREAM = '/2/tweets/search/stream';
const SEARCH = '/2/tweets/search/recent';

let fake: FakeX;
let t: XTestApp;
const cleanup: Array<() => Promise<void>> = [];

afterEach(async () => {
  while (cleanup.length > 0) await cleanup.pop()!();
});

/** A fake X and the app following one event in post moderation (so the wall fills at once). */
async function setup(
  options: { indexDelayMs?: number; x?: Partial<XConfig>; before?: (fake: FakeX) => void } = {},
): Promise<SeededEvent> {
  fake = await startFakeX({ heartbeatMs: 200, indexDelayMs: options.indexDelayMs });
  cleanup.push(() => fake.close());
  options.before?.(fake);
  t = await buildWithX(fake, options.x);
  cleanup.push(() => t.close());
  return seedEvent(t.app, { hashtags: ['streamconf'], settings: { postModeration: 'post' } });
}

const status = (eventId: number) => t.app.domain.sources.forEvent(eventId)[0]!;
const connected = (eventId: number) => () =>
  fake.streams().live === 1 && fake.rules().length === 1 && status(eventId).state === 'connected';
const author = buildAuthor();

describe('X filtered stream', () => {
  it('takes a tweet in through ingest with author, avatar, media and time, and counts it for moderators', async () => {
    const event = await setup();
    await waitFor('the stream', connected(event.eventId));
    const { tweet } = fake.emit({
      text: 'Great keynote & demo #StreamConf',
      author: {
        username: 'grace',
        name: 'Grace Hopper',
        avatarUrl: 'https://pbs.twimg.com/profile_images/7/g_normal.png',
      },
      media: [{ type: 'photo', url: 'https://pbs.twimg.com/media/stage.jpg' }],
    });
    await waitFor('the post', () => xPosts(t, event.eventId).length === 1);
    const [post] = xPosts(t, event.eventId);
    expect(post).toMatchObject({
      source_id: tweet.id,
      text: 'Great keynote & demo #StreamConf',
      author_name: 'Grace Hopper',
      author_handle: 'grace',
      author_avatar_url: 'https://pbs.twimg.com/profile_images/7/g_400x400.png',
      media: JSON.stringify(['https://pbs.twimg.com/media/stage.jpg']),
      status: 'approved',
      created_at: tweet.created_at,
    });
    expect(status(event.eventId)).toMatchObject({
      mode: 'stream',
      state: 'connected',
      itemsToday: 1,
      lastError: null,
    });
    // Asked for everything the post needs.
    const query = fake.requests.find((r) => r.path === STREAM)!.query;
    expect(query.expansions!.split(',')).toEqual(
      expect.arrayContaining(['author_id', 'attachments.media_keys', 'referenced_tweets.id']),
    );
    expect(query['user.fields']!.split(',')).toEqual(
      expect.arrayContaining(['name', 'username', 'profile_image_url']),
    );
    expect(query['media.fields']!.split(',')).toEqual(
      expect.arrayContaining(['preview_image_url', 'url']),
    );
    expect(query['tweet.fields']!.split(',')).toEqual(
      expect.arrayContaining(['created_at', 'entities', 'attachments', 'referenced_tweets']),
    );
  });

  it('delivers every tweet exactly once when the stream drops in the middle of a burst', async () => {
    const event = await setup();
    await waitFor('the stream', connected(event.eventId));
    const emitted: string[] = [];
    let lastBeforeDrop = '';
    for (let i = 0; i < 120; i++) {
      emitted.push(fake.emit({ text: `Burst ${i} #streamconf`, author }).tweet.id);
      if (i === 59) {
        // Give the first half time to arrive, then cut the connection mid-burst.
        await waitFor('the first half', () => xPosts(t, event.eventId).length === 60);
        lastBeforeDrop = emitted[59]!;
        expect(fake.dropStream()).toBe(1);
      }
      if (i % 10 === 0) await sleep(2);
    }
    await waitFor('the whole burst', () => xPosts(t, event.eventId).length >= emitted.length);
    await sleep(300);
    expect(exactlyOnce(xPosts(t, event.eventId), emitted)).toEqual({ missing: [], doubled: [] });
    expect(fake.streams().opened).toBe(2);
    // The gap was back-filled by recent search from the last tweet seen before the drop.
    const backfill = fake.requests.find((r) => r.path === SEARCH)!;
    expect(backfill.query.since_id).toBe(lastBeforeDrop);
    expect(backfill.query.query).toBe('#streamconf -is:retweet');
    // Bounded a few seconds past the reconnect: what comes later is the stream's.
    expect(snowflakeTime(backfill.query.until_id!) - backfill.at).toBeGreaterThan(4000);
    expect(snowflakeTime(backfill.query.until_id!) - backfill.at).toBeLessThan(5100);
    // The cursor kept for a restart is the newest tweet.
    await waitFor(
      'the cursor',
      () =>
        t.app.db
          .prepare("SELECT cursor FROM source_state WHERE event_id = ? AND source = 'x'")
          .pluck()
          .get(event.eventId) === emitted.at(-1),
    );
    expect(status(event.eventId).lastError?.message).toMatch(/Stream connection lost/);
  });

  it('reconnects when the stream goes silent past the keep-alive, and back-fills what it missed', async () => {
    const event = await setup();
    await waitFor('the stream', connected(event.eventId));
    const first = fake.emit({ text: 'Before the stall #streamconf', author }).tweet.id;
    await waitFor('the first tweet', () => xPosts(t, event.eventId).length === 1);
    fake.stall();
    const stalledAt = Date.now();
    const missed = Array.from(
      { length: 5 },
      (_, i) => fake.emit({ text: `During the stall ${i} #streamconf`, author }).tweet.id,
    );
    await waitFor('a new connection', () => fake.streams().opened === 2, 4000);
    // Not before the keep-alive (1 s in tests; 30 s by default) ran out.
    expect(Date.now() - stalledAt).toBeGreaterThanOrEqual(900);
    await waitFor('the back-fill', () => xPosts(t, event.eventId).length === 6);
    const after = fake.emit({ text: 'After #streamconf', author }).tweet.id;
    await waitFor('the next tweet', () => xPosts(t, event.eventId).length === 7);
    expect(exactlyOnce(xPosts(t, event.eventId), [first, ...missed, after])).toEqual({
      missing: [],
      doubled: [],
    });
    expect(status(event.eventId).lastError?.message).toMatch(/no heartbeat/);
    expect(status(event.eventId).state).toBe('connected');
  });

  it('searches the gap a second time once search has indexed it, and holds the cursor until then', async () => {
    // Search finds a tweet 300 ms after it is posted; the source looks again 600 ms later.
    const event = await setup({ indexDelayMs: 300, x: { searchLagMs: 600 } });
    await waitFor('the stream', connected(event.eventId));
    const before = fake.emit({ text: 'Before #streamconf', author }).tweet.id;
    await waitFor('the first tweet', () => xPosts(t, event.eventId).length === 1);
    fake.dropStream();
    const gap = [1, 2, 3].map(
      (i) => fake.emit({ text: `In the gap ${i} #streamconf`, author }).tweet.id,
    );
    await waitFor('a new connection', () => fake.streams().live === 1);
    const live = fake.emit({ text: 'After the reconnect #streamconf', author }).tweet.id;
    await waitFor('the live tweet', () =>
      xPosts(t, event.eventId).some((p) => p.source_id === live),
    );
    // The first pass found nothing yet, so the cursor stays at the start of the gap.
    const cursor = () =>
      t.app.db
        .prepare("SELECT cursor FROM source_state WHERE event_id = ? AND source = 'x'")
        .pluck()
        .get(event.eventId);
    expect(cursor()).toBe(before);
    await waitFor('the second pass', () => xPosts(t, event.eventId).length === 5, 3000);
    expect(exactlyOnce(xPosts(t, event.eventId), [before, ...gap, live])).toEqual({
      missing: [],
      doubled: [],
    });
    expect(fake.requests.filter((r) => r.path === SEARCH).map((r) => r.query.since_id)).toEqual([
      before,
      before,
    ]);
    await waitFor('the cursor to move on', () => cursor() === live);
  });

  it('back-fills the tweets a corrupt frame swallowed, without reconnecting', async () => {
    const event = await setup();
    await waitFor('the stream', connected(event.eventId));
    const first = fake.emit({ text: 'Fine #streamconf', author }).tweet.id;
    await waitFor('the first tweet', () => xPosts(t, event.eventId).length === 1);
    fake.glueNext();
    const fused = [1, 2].map((i) => fake.emit({ text: `Fused ${i} #streamconf`, author }).tweet.id);
    const after = fake.emit({ text: 'After #streamconf', author }).tweet.id;
    await waitFor('the recovery', () => xPosts(t, event.eventId).length === 4, 3000);
    expect(exactlyOnce(xPosts(t, event.eventId), [first, ...fused, after])).toEqual({
      missing: [],
      doubled: [],
    });
    expect(fake.streams().opened).toBe(1);
    expect(fake.requests.filter((r) => r.path === SEARCH).map((r) => r.query.since_id)).toEqual([
      first,
    ]);
  });

  it('waits until the reset time X gives after a 429, then connects', async () => {
    const event = await setup({
      before: (f) => f.failNext(1, { path: STREAM, status: 429, resetInSeconds: 1 }),
    });
    await waitFor('the 429', () => status(event.eventId).state === 'backing_off');
    const limited = status(event.eventId);
    expect(limited.detail).toMatch(/Rate limited by X until/);
    expect(limited.lastError?.message).toMatch(/429/);
    const refusedAt = fake.requests.find((r) => r.path === STREAM)!.at;
    const reset = Math.ceil(refusedAt / 1000) + 1;
    expect(Date.parse(limited.retryAt!)).toBeGreaterThanOrEqual(reset * 1000);

    await waitFor('the stream', connected(event.eventId), 4000);
    const attempts = fake.requests.filter((r) => r.path === STREAM);
    expect(attempts).toHaveLength(2);
    expect(attempts[1]!.at).toBeGreaterThanOrEqual(reset * 1000);
    fake.emit({ text: 'Back in business #streamconf', author });
    await waitFor('the tweet', () => xPosts(t, event.eventId).length === 1);
  });

  it('stops and says so when X refuses the bearer token', async () => {
    const event = await setup({ before: (f) => f.rejectAuth(401) });
    await waitFor('the stop', () => status(event.eventId).state === 'stopped');
    expect(status(event.eventId)).toMatchObject({ mode: 'stream', state: 'stopped' });
    expect(status(event.eventId).lastError?.message).toMatch(/X refused the bearer token \(401/);
    expect(status(event.eventId).detail).toMatch(/X_BEARER_TOKEN/);
    const requests = fake.requests.length;
    await sleep(500);
    expect(fake.requests.length).toBe(requests);
    expect(t.logs.some((line) => /X: stopped/.test(line))).toBe(true);
  });

  it('skips malformed items with a logged reason and keeps the connection', async () => {
    const event = await setup();
    await waitFor('the stream', connected(event.eventId));
    fake.sendRaw('{"data": {"id": "1", "text": "cut off');
    fake.sendRaw(
      '{"data": {"id": "not-a-number", "text": "x"}, "matching_rules": [{"id": "1", "tag": "event:1"}]}',
    );
    fake.sendRaw('{"data": {"id": "12"}}');
    fake.sendRaw('[1, 2, 3]');
    fake.sendRaw(
      '{"errors": [{"title": "operational-disconnect", "detail": "This stream was disconnected"}]}',
    );
    const { tweet } = fake.emit({ text: 'Still here #streamconf', author });
    await waitFor('the good tweet', () => xPosts(t, event.eventId).length === 1);
    expect(xPosts(t, event.eventId)[0]!.source_id).toBe(tweet.id);
    expect(fake.streams().opened).toBe(1);
    const skipped = t.logs
      .filter((line) => line.includes('skipped a malformed stream item'))
      .map((line) => JSON.parse(line).reason as string);
    expect(skipped).toHaveLength(4);
    expect(skipped).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/JSON/),
        expect.stringMatching(/data\.id: a numeric tweet id/),
        expect.stringMatching(/data\.text/),
      ]),
    );
    expect(status(event.eventId).lastError?.message).toBe(
      'X stream error: operational-disconnect: This stream was disconnected',
    );
  });

  it('turns a tweet with the question tag into a question for the live session', async () => {
    const event = await setup();
    await waitFor('the stream', connected(event.eventId));
    const { tweet } = fake.emit({
      text: '#ask How does it behave under load? #streamconf',
      author: { username: 'remote', name: 'Remote Viewer' },
    });
    await waitFor('the post', () => xPosts(t, event.eventId).length === 1);
    const question = t.app.db
      .prepare(
        'SELECT q.session_id, q.text, q.author_name, p.source_id FROM questions q JOIN posts p ON p.id = q.post_id WHERE q.event_id = ?',
      )
      .get(event.eventId);
    expect(question).toMatchObject({
      session_id: event.sessionId,
      source_id: tweet.id,
      author_name: expect.stringContaining('Remote Viewer'),
    });
    expect((question as { text: string }).text).toMatch(/How does it behave under load\?/);
  });

  it('after a restart, back-fills from the stored cursor what was said while it was down', async () => {
    const event = await setup();
    await waitFor('the stream', connected(event.eventId));
    const before = fake.emit({ text: 'Before the restart #streamconf', author }).tweet.id;
    await waitFor('the first tweet', () => xPosts(t, event.eventId).length === 1);
    const dataDir = t.config.dataDir;
    cleanup.pop();
    await t.app.close();

    const whileDown = [1, 2, 3].map(
      (i) => fake.emit({ text: `While down ${i} #streamconf`, author }).tweet.id,
    );
    t = await buildWithX(fake, {}, { env: { DATA_DIR: dataDir } });
    cleanup.push(() => t.close());
    await waitFor('the back-fill', () => xPosts(t, event.eventId).length === 4);
    expect(exactlyOnce(xPosts(t, event.eventId), [before, ...whileDown])).toEqual({
      missing: [],
      doubled: [],
    });
    const backfill = fake.requests.filter((r) => r.path === SEARCH).at(-1)!;
    expect(backfill.query.since_id).toBe(before);
    // Oldest first, so the wall shows them in the order they were said.
    const ids = xPosts(t, event.eventId).map((p) => p.source_id);
    expect([...ids].sort(compareIds)).toEqual(ids);
  });

  it('closes the stream and every socket when the app closes', async () => {
    const event = await setup();
    await waitFor('the stream', connected(event.eventId));
    cleanup.pop();
    await t.close();
    await waitFor('the stream to close', () => fake.streams().live === 0, 1000);
  });
});
