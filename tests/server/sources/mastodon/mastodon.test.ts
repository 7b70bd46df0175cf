import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../../../../server/config.ts';
import { htmlToText } from '../../../../server/sources/mastodon/statuses.ts';
import {
  startFakeMastodon,
  type FakeMastodon,
} from '../../../../server/sources/mastodon/fake/server.ts';
import { seedEvent, sleep, type SeededEvent } from '../../../helper.ts';
import {
  buildWithNetworks,
  exactlyOnce,
  networkPosts,
  waitFor,
  type NetworkTestApp,
} from '../network-helper.ts';

let a: FakeMastodon;
let b: FakeMastodon;
let t: NetworkTestApp;
const cleanup: Array<() => Promise<void>> = [];

afterEach(async () => {
  while (cleanup.length > 0) await cleanup.pop()!();
});

const status = (eventId: number) =>
  t.app.domain.sources.forEvent(eventId).find((s) => s.source === 'mastodon')!;
const posts = (eventId: number) => networkPosts(t, eventId, 'mastodon');
const timeline = (fake: FakeMastodon) =>
  fake.requests.filter((r) => r.path.startsWith('/api/v1/timelines/tag/'));

async function setup(tune?: (config: Config) => void): Promise<SeededEvent> {
  a = await startFakeMastodon();
  b = await startFakeMastodon();
  cleanup.push(
    () => a.close(),
    () => b.close(),
  );
  t = await buildWithNetworks({ MASTODON_INSTANCES: `${a.url},${b.url}/` }, tune);
  cleanup.push(() => t.close());
  const event = seedEvent(t.app, { hashtags: ['tootconf'], settings: { postModeration: 'post' } });
  await waitFor('both instances polled', () => timeline(a).length > 0 && timeline(b).length > 0);
  return event;
}

const grace = {
  username: 'grace',
  displayName: 'Grace Hopper',
  avatar: 'https://files.example/grace.png',
};

describe('Mastodon hashtag timelines', () => {
  it('takes statuses in from every instance, one post per status uri, with author, media and min_id paging', async () => {
    const event = await setup();
    const first = a.post({
      account: grace,
      html: '<p>Hello <a href="https://a/tags/tootconf" class="mention hashtag">#<span>tootconf</span></a></p>',
      tags: ['TootConf'],
      images: ['https://files.example/stage.jpg'],
    });
    b.federate(first);
    const onlyB = b.post({
      account: { username: 'linus' },
      html: '<p>From B #tootconf</p>',
      tags: ['tootconf'],
    });
    await waitFor('two posts', () => posts(event.eventId).length === 2);
    await sleep(400);
    expect(exactlyOnce(posts(event.eventId), [first.uri, onlyB.uri])).toEqual({
      missing: [],
      doubled: [],
    });
    expect(posts(event.eventId)[0]).toMatchObject({
      text: 'Hello #tootconf',
      author_name: 'Grace Hopper',
      author_handle: `grace@${a.host}`,
      author_avatar_url: 'https://files.example/grace.png',
      media: JSON.stringify(['https://files.example/stage.jpg']),
      status: 'approved',
    });
    // After the first look, each poll asks from where it got to.
    expect(timeline(a).some((r) => r.query.min_id !== undefined)).toBe(true);
    // And looks back from there, newest first, no further than the look-back.
    expect(
      timeline(a).some((r) => r.query.max_id !== undefined && r.query.since_id !== undefined),
    ).toBe(true);
    expect(status(event.eventId)).toMatchObject({
      mode: 'poll',
      state: 'polling',
      lastError: null,
    });
    // A burst longer than a page is followed across pages.
    const burst = Array.from(
      { length: 95 },
      (_, i) => a.post({ account: grace, html: `<p>Burst ${i}</p>`, tags: ['tootconf'] }).uri,
    );
    await waitFor('the burst', () => posts(event.eventId).length === 97, 5000);
    expect(exactlyOnce(posts(event.eventId).slice(2), burst)).toEqual({ missing: [], doubled: [] });
  });

  it('turns HTML with scripts, entities and links into safe plain text, drops boosts and keeps replies', async () => {
    const event = await setup();
    const html =
      '<p>Tom &amp; Jerry &lt;3 <script>alert(1)</script><style>p{}</style>see ' +
      '<a href="https://example.com/slides/keynote" rel="nofollow"><span class="invisible">https://</span><span class="ellipsis">example.com/slides/</span><span class="invisible">keynote</span></a></p>' +
      '<p>line one<br>line two <img src=x onerror=alert(2)> #tootconf</p>';
    const rich = a.post({ account: grace, html, tags: ['tootconf'] });
    a.post({
      account: { username: 'booster' },
      html: '<p>RT #tootconf</p>',
      tags: ['tootconf'],
      boostOf: rich.uri,
    });
    const reply = a.post({
      account: { username: 'replier' },
      html: '<p>Agreed #tootconf</p>',
      tags: ['tootconf'],
      inReplyTo: rich.id,
    });
    await waitFor('the status and the reply', () => posts(event.eventId).length === 2);
    await sleep(300);
    expect(posts(event.eventId).map((p) => p.source_id)).toEqual([rich.uri, reply.uri]);
    expect(posts(event.eventId)[0]!.text).toBe(
      'Tom & Jerry <3 see https://example.com/slides/keynote\n\nline one\nline two  #tootconf',
    );
    expect(htmlToText('<p>a</p><p>b</p>')).toBe('a\n\nb');
  });

  it('looks back, so a status that arrives late with an older id is not skipped', async () => {
    const event = await setup((config) => (config.mastodon.lookBackMs = 5000));
    const newer = b.post({ account: grace, html: '<p>Newer #tootconf</p>', tags: ['tootconf'] });
    await waitFor('the newer', () => posts(event.eventId).length === 1);
    const late = b.post({
      account: grace,
      html: '<p>Written earlier #tootconf</p>',
      tags: ['tootconf'],
      at: Date.now() - 2000,
    });
    expect(BigInt(late.id) < BigInt(newer.id)).toBe(true);
    await waitFor('the late one', () => posts(event.eventId).length === 2);
    expect(exactlyOnce(posts(event.eventId), [newer.uri, late.uri])).toEqual({
      missing: [],
      doubled: [],
    });
  });

  it('shows 401 and 429 in the status, waits for the reset without a busy loop, and recovers', async () => {
    const event = await setup();
    a.closePublic(true);
    await waitFor('the 401', () =>
      /public timelines are closed/.test(status(event.eventId).detail ?? ''),
    );
    expect(status(event.eventId).lastError?.message).toMatch(new RegExp(`${a.host}: 401`));
    // B still polls while A is closed.
    expect(status(event.eventId).state).toBe('polling');
    a.closePublic(false);
    b.failNext(1, 429, { resetInSeconds: 2 });
    await waitFor(
      'the 429',
      () => /rate limited until/.test(status(event.eventId).detail ?? ''),
      4000,
    );
    const limitedAt = Date.now();
    const before = timeline(b).length;
    await sleep(1000);
    expect(timeline(b).length).toBe(before);
    const after = b.post({ account: grace, html: '<p>Back #tootconf</p>', tags: ['tootconf'] });
    await waitFor(
      'the recovery',
      () => posts(event.eventId).some((p) => p.source_id === after.uri),
      6000,
    );
    expect(Date.now() - limitedAt).toBeGreaterThan(1000);
    await waitFor(
      'a clean status',
      () => status(event.eventId).detail === '2 instances, every 0 s',
    );
    // Server errors back off too: a handful of requests, not a storm.
    const count = timeline(a).length;
    a.failNext(100, 503);
    await sleep(800);
    expect(timeline(a).length - count).toBeLessThan(8);
    expect(status(event.eventId).lastError?.message).toMatch(/answered 503/);
  });

  it('turns a status with the question tag into a question for the live session', async () => {
    const event = await setup();
    a.post({
      account: grace,
      html: '<p>Will the slides be shared? #ask #tootconf</p>',
      tags: ['ask', 'tootconf'],
    });
    await waitFor('the post', () => posts(event.eventId).length === 1);
    const question = t.app.db
      .prepare('SELECT session_id, text FROM questions WHERE post_id = ?')
      .get(posts(event.eventId)[0]!.id) as { session_id: number; text: string } | undefined;
    expect(question).toMatchObject({ session_id: event.sessionId });
    expect(question!.text).toMatch(/Will the slides be shared\?/);
  });

  it('reads a backlog longer than one poll reads without waiting a poll interval between', async () => {
    const event = await setup();
    await waitFor('the first look', () => status(event.eventId).state === 'polling');
    const dataDir = t.config.dataDir;
    cleanup.pop();
    await t.app.close();
    // More than the 25 pages of 40 one poll reads; the next interval is a minute away.
    const backlog = Array.from(
      { length: 1100 },
      (_, i) => a.post({ account: grace, html: `<p>Backlog ${i}</p>`, tags: ['tootconf'] }).uri,
    );
    t = await buildWithNetworks(
      { MASTODON_INSTANCES: `${a.url},${b.url}`, DATA_DIR: dataDir },
      (config) => {
        config.mastodon.pollMs = 60_000;
      },
    );
    cleanup.push(() => t.close());
    await waitFor('the whole backlog', () => posts(event.eventId).length === 1100, 20_000);
    expect(exactlyOnce(posts(event.eventId), backlog)).toEqual({ missing: [], doubled: [] });
  });

  it('after a restart, resumes each timeline from its stored position', async () => {
    const event = await setup();
    const before = a.post({ account: grace, html: '<p>Before #tootconf</p>', tags: ['tootconf'] });
    await waitFor('the first', () => posts(event.eventId).length === 1);
    const dataDir = t.config.dataDir;
    cleanup.pop();
    await t.app.close();
    const whileDown = Array.from(
      { length: 45 },
      (_, i) => a.post({ account: grace, html: `<p>Down ${i}</p>`, tags: ['tootconf'] }).uri,
    );
    t = await buildWithNetworks({ MASTODON_INSTANCES: `${a.url},${b.url}`, DATA_DIR: dataDir });
    cleanup.push(() => t.close());
    await waitFor('the catch-up', () => posts(event.eventId).length === 46, 5000);
    expect(exactlyOnce(posts(event.eventId), [before.uri, ...whileDown])).toEqual({
      missing: [],
      doubled: [],
    });
  });
});
