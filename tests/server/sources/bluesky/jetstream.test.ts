import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../../../../server/config.ts';
import { CURSOR_KEY } from '../../../../server/sources/bluesky/source.ts';
import {
  startFakeBluesky,
  type FakeBluesky,
} from '../../../../server/sources/bluesky/fake/server.ts';
import { seedEvent, sleep, type SeededEvent } from '../../../helper.ts';
import {
  buildWithNetworks,
  exactlyOnce,
  networkPosts,
  waitFor,
  type NetworkTestApp,
} from '../network-helper.ts';

let fake: FakeBluesky;
let t: NetworkTestApp;
const cleanup: Array<() => Promise<void>> = [];

afterEach(async () => {
  while (cleanup.length > 0) await cleanup.pop()!();
});

const env = () => ({ BLUESKY_JETSTREAM_URL: fake.jetstreamUrl, BLUESKY_APPVIEW_URL: fake.url });
const status = (eventId: number) =>
  t.app.domain.sources.forEvent(eventId).find((s) => s.source === 'bluesky')!;
const posts = (eventId: number) => networkPosts(t, eventId, 'bluesky');
const storedCursor = () =>
  t.app.db.prepare('SELECT cursor FROM source_cursors WHERE source = ?').pluck().get(CURSOR_KEY) as
    string | undefined;

async function setup(tune?: (config: Config) => void): Promise<SeededEvent> {
  fake = await startFakeBluesky();
  cleanup.push(() => fake.close());
  t = await buildWithNetworks(env(), tune);
  cleanup.push(() => t.close());
  const event = seedEvent(t.app, { hashtags: ['skyconf'], settings: { postModeration: 'post' } });
  await waitFor(
    'Jetstream',
    () => fake.connections().live === 1 && status(event.eventId).state === 'connected',
  );
  return event;
}

const ada = {
  handle: 'ada.bsky.social',
  displayName: 'Ada Lovelace',
  avatar: 'https://cdn.bsky.app/img/avatar/plain/ada@jpeg',
};

describe('Bluesky through Jetstream', () => {
  it('takes in a post whose tag facet or tags field names the event, with profile and images, and nothing by substring', async () => {
    const event = await setup();
    const byFacet = fake.post({
      author: ada,
      text: 'Great opening #SkyConf',
      images: ['bafkreiabcdefghij'],
    });
    const byTagsField = fake.post({ author: ada, text: 'Slides are up', tags: ['SKYCONF'] });
    fake.post({ author: ada, text: 'Not this one #skyconference' });
    fake.post({ author: ada, text: 'Nor skyconf as a word' });
    fake.post({ author: ada, text: 'Nor a #skyconf without its facet', noFacets: true });
    const last = fake.post({ author: ada, text: 'The end #skyconf' });
    await waitFor('the posts', () => posts(event.eventId).length === 3);
    await waitFor('the cursor', () => storedCursor() === String(last.timeUs));
    const stored = posts(event.eventId);
    expect(stored.map((p) => p.source_id)).toEqual([byFacet.uri, byTagsField.uri, last.uri]);
    expect(stored[0]).toMatchObject({
      text: 'Great opening #SkyConf',
      author_name: 'Ada Lovelace',
      author_handle: 'ada.bsky.social',
      author_avatar_url: ada.avatar,
      media: JSON.stringify([
        `https://cdn.bsky.app/img/feed_fullsize/plain/${byFacet.did}/bafkreiabcdefghij@jpeg`,
      ]),
      status: 'approved',
    });
    // One author, one profile lookup.
    expect(fake.profileRequests()).toBe(1);
    expect(status(event.eventId)).toMatchObject({
      mode: 'stream',
      state: 'connected',
      lastError: null,
    });
    await waitFor('the count', () => status(event.eventId).itemsToday === 3, 2000);
  });

  it('delivers every post exactly once when the connection drops in the middle of a burst, resuming from the cursor rewound', async () => {
    const event = await setup();
    fake.post({ author: ada, text: 'Warm-up #skyconf' });
    await waitFor('the first post', () => posts(event.eventId).length === 1);
    fake.dropAfter(40);
    const emitted: string[] = [];
    for (let i = 0; i < 150; i++) {
      emitted.push(
        fake.post({ author: { handle: `p${i % 7}.bsky.social` }, text: `Burst ${i} #skyconf` }).uri,
      );
      if (i % 25 === 0) await sleep(5);
    }
    await waitFor('the whole burst', () => posts(event.eventId).length >= 151, 8000);
    await sleep(200);
    expect(exactlyOnce(posts(event.eventId).slice(1), emitted)).toEqual({
      missing: [],
      doubled: [],
    });
    const { opened, cursors } = fake.connections();
    expect(opened).toBe(2);
    // Turned on at runtime (the event was made after the start): from a little before then.
    expect(Number(cursors[0])).toBeGreaterThan((Date.now() - 30_000) * 1000);
    // Rewound 2 s (in tests) from a frame actually taken in.
    expect(Number(cursors[1])).toBeGreaterThan(0);
    expect(status(event.eventId).lastError?.message).toMatch(
      /^Jetstream (closed the connection|connection lost)/,
    );
  });

  it('after a restart, resumes from the stored cursor and takes in what was said while it was down', async () => {
    const event = await setup();
    const before = fake.post({ author: ada, text: 'Before the restart #skyconf' });
    await waitFor('the cursor', () => storedCursor() === String(before.timeUs));
    const dataDir = t.config.dataDir;
    cleanup.pop();
    await t.app.close();
    const whileDown = [1, 2, 3].map(
      (i) => fake.post({ author: ada, text: `While down ${i} #skyconf` }).uri,
    );
    t = await buildWithNetworks({ ...env(), DATA_DIR: dataDir });
    cleanup.push(() => t.close());
    await waitFor('the posts from while it was down', () => posts(event.eventId).length === 4);
    expect(exactlyOnce(posts(event.eventId), [before.uri, ...whileDown])).toEqual({
      missing: [],
      doubled: [],
    });
    expect(fake.connections().cursors.at(-1)).toBe(String(before.timeUs - 2000 * 1000));
  });

  it('takes a post down from every event and screen when its author deletes it', async () => {
    const event = await setup();
    const other = seedEvent(t.app, { hashtags: ['skyconf'], settings: { postModeration: 'post' } });
    const post = fake.post({ author: ada, text: 'Oops #skyconf' });
    await waitFor(
      'both copies',
      () => posts(event.eventId).length === 1 && posts(other.eventId).length === 1,
    );
    const seen: unknown[] = [];
    const original = t.app.domain.broadcast.post;
    t.app.domain.broadcast.post = (p, change, wasPublic) => {
      seen.push({ id: p.id, status: p.status, change, wasPublic });
      original(p, change, wasPublic);
    };
    fake.deletePost(post.uri);
    await waitFor('the take-down', () =>
      [...posts(event.eventId), ...posts(other.eventId)].every((p) => p.status === 'hidden'),
    );
    expect(seen).toHaveLength(2);
    expect(seen).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ status: 'hidden', change: 'updated', wasPublic: true }),
      ]),
    );
    const log = t.app.db
      .prepare("SELECT actor, action FROM moderation_log WHERE action = 'post_withdrawn'")
      .all();
    expect(log).toEqual([
      { actor: 'bluesky', action: 'post_withdrawn' },
      { actor: 'bluesky', action: 'post_withdrawn' },
    ]);
  });

  it('skips malformed frames and other collections, and keeps the connection', async () => {
    const event = await setup();
    fake.sendRaw('not json {');
    fake.sendRaw(JSON.stringify({ did: 'nope', time_us: 'soon', kind: 'commit' }));
    fake.sendRaw(
      JSON.stringify({
        did: 'did:plc:abc',
        time_us: 1,
        kind: 'commit',
        commit: {
          operation: 'create',
          collection: 'app.bsky.feed.post',
          rkey: 'x',
          record: { text: 42 },
        },
      }),
    );
    fake.other('identity');
    fake.other('like');
    const good = fake.post({ author: ada, text: 'Still here #skyconf' });
    await waitFor('the good post', () => posts(event.eventId).length === 1);
    expect(posts(event.eventId)[0]!.source_id).toBe(good.uri);
    expect(fake.connections().opened).toBe(1);
    expect(t.logs.some((line) => /not JSON/.test(line))).toBe(true);
    expect(t.logs.some((line) => /malformed/.test(line))).toBe(true);
  });

  it('backs off with jitter while Jetstream refuses, says so, and recovers', async () => {
    fake = await startFakeBluesky();
    cleanup.push(() => fake.close());
    fake.refuseNext(3, 503);
    t = await buildWithNetworks(env());
    cleanup.push(() => t.close());
    const event = seedEvent(t.app, { hashtags: ['skyconf'], settings: { postModeration: 'post' } });
    await waitFor('backing off', () => status(event.eventId).state === 'backing_off');
    expect(status(event.eventId).lastError?.message).toMatch(/503/);
    expect(status(event.eventId).retryAt).not.toBeNull();
    await waitFor('connected', () => status(event.eventId).state === 'connected', 5000);
    expect(fake.connections().opened).toBe(1);
    fake.post({ author: ada, text: 'Back #skyconf' });
    await waitFor('the post', () => posts(event.eventId).length === 1);
  });

  it('turns a post with the question tag into a question for the live session, and keeps going when profiles fail', async () => {
    const event = await setup();
    fake.failProfiles(5);
    const post = fake.post({
      author: { handle: 'remote.bsky.social' },
      text: 'How does it scale? #ask #skyconf',
    });
    await waitFor('the post', () => posts(event.eventId).length === 1);
    const question = t.app.db
      .prepare('SELECT session_id, text FROM questions WHERE post_id = ?')
      .get(posts(event.eventId)[0]!.id) as { session_id: number; text: string } | undefined;
    expect(question).toMatchObject({ session_id: event.sessionId });
    expect(question!.text).toMatch(/How does it scale\?/);
    expect(posts(event.eventId)[0]).toMatchObject({
      source_id: post.uri,
      author_name: 'Someone on Bluesky',
      author_handle: post.did,
    });
    expect(status(event.eventId).lastError?.message).toMatch(/profile lookup failed/);
  });
});
