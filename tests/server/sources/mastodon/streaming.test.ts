import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../../../../server/config.ts';
import {
  startFakeMastodon,
  type FakeMastodon,
} from '../../../../server/sources/mastodon/fake/server.ts';
import { bearer, seedEvent, sleep, type SeededEvent } from '../../../helper.ts';
import {
  buildWithNetworks,
  exactlyOnce,
  networkPosts,
  waitFor,
  type NetworkTestApp,
} from '../network-helper.ts';

const TOKEN = 'fake-user-token-0123456789abcdefghijklmnopq';
let fake: FakeMastodon;
let t: NetworkTestApp;
const cleanup: Array<() => Promise<void>> = [];

afterEach(async () => {
  while (cleanup.length > 0) await cleanup.pop()!();
});

const timeline = () => fake.requests.filter((r) => r.path.startsWith('/api/v1/timelines/tag/'));
const posts = (eventId: number) => networkPosts(t, eventId, 'mastodon');
const status = (eventId: number) =>
  t.app.domain.sources.forEvent(eventId).find((s) => s.source === 'mastodon')!;
const ada = { username: 'ada', displayName: 'Ada' };
const streaming = (eventId: number) =>
  waitFor('the stream', () => status(eventId).detail?.includes('streaming from') ?? false, 8000);

async function setup(
  {
    token,
    mentions,
    instance,
  }: {
    token: string;
    mentions?: (host: string) => string;
    instance?: Parameters<typeof startFakeMastodon>[0];
  },
  tune?: (config: Config) => void,
): Promise<SeededEvent> {
  fake = await startFakeMastodon({ token: TOKEN, heartbeatMs: 200, ...instance });
  cleanup.push(() => fake.close());
  t = await buildWithNetworks({ MASTODON_INSTANCES: fake.url }, tune);
  cleanup.push(() => t.close());
  const event = seedEvent(t.app, {
    hashtags: ['streamconf'],
    settings: { postModeration: 'post' },
  });
  const res = await t.app.inject({
    method: 'PUT',
    url: `/api/events/${event.eventId}/sources/settings`,
    headers: bearer(event.moderatorKey),
    payload: {
      bluesky: { enabled: false, mentions: null },
      mastodon: {
        enabled: true,
        instances: [{ origin: fake.url, token }],
        mentions: mentions ? mentions(new URL(fake.url).host) : null,
      },
      extraHashtags: [],
    },
  });
  expect(res.statusCode).toBe(200);
  return event;
}

describe('Mastodon streaming with a user token', () => {
  it('streams, falls back to polling when the stream drops, and takes each status once', async () => {
    // Polls are 5 s apart here: whatever arrives sooner came by the stream.
    const event = await setup({ token: TOKEN }, (config) => {
      config.mastodon.pollMs = 5000;
    });
    await streaming(event.eventId);
    expect(fake.streams()).toEqual(['streamconf']);
    const polled = timeline().length;
    const streamed = Array.from(
      { length: 5 },
      (_, i) =>
        fake.post({ account: ada, html: `<p>Live ${i} #streamconf</p>`, tags: ['streamconf'] }).uri,
    );
    await waitFor('the streamed statuses', () => posts(event.eventId).length === 5, 2000);
    expect(timeline().length).toBe(polled);

    // The stream drops; what is said before it is back is polled from the stored position.
    fake.dropStreams();
    const during = Array.from(
      { length: 10 },
      (_, i) =>
        fake.post({ account: ada, html: `<p>Drop ${i} #streamconf</p>`, tags: ['streamconf'] }).uri,
    );
    await waitFor('every status', () => posts(event.eventId).length === 15, 4000);
    expect(timeline().length).toBeGreaterThan(polled);
    await waitFor(
      'the stream again',
      () => fake.streams().length === 1 && status(event.eventId).detail!.includes('streaming from'),
      8000,
    );
    const after = fake.post({
      account: ada,
      html: '<p>Back #streamconf</p>',
      tags: ['streamconf'],
    }).uri;
    await waitFor('the status after', () => posts(event.eventId).length === 16, 2000);
    await sleep(300);
    expect(exactlyOnce(posts(event.eventId), [...streamed, ...during, after])).toEqual({
      missing: [],
      doubled: [],
    });
    expect(status(event.eventId).lastError?.message).toMatch(/#streamconf stream: /);
  });

  it('takes a streamed status down from every screen when its author deletes it', async () => {
    const event = await setup({ token: TOKEN }, (config) => {
      config.mastodon.pollMs = 5000;
    });
    await streaming(event.eventId);
    const kept = fake.post({ account: ada, html: '<p>Kept #streamconf</p>', tags: ['streamconf'] });
    const oops = fake.post({ account: ada, html: '<p>Oops #streamconf</p>', tags: ['streamconf'] });
    await waitFor('both', () => posts(event.eventId).length === 2, 3000);
    const seen: unknown[] = [];
    const original = t.app.domain.broadcast.post;
    t.app.domain.broadcast.post = (p, change, wasPublic) => {
      seen.push({ sourceId: p.sourceId, status: p.status, change, wasPublic });
      original(p, change, wasPublic);
    };
    fake.deleteStatus(oops);
    await waitFor(
      'the take-down',
      () => posts(event.eventId).find((p) => p.source_id === oops.uri)?.status === 'hidden',
      3000,
    );
    expect(posts(event.eventId).find((p) => p.source_id === kept.uri)?.status).toBe('approved');
    expect(seen).toEqual([
      { sourceId: oops.uri, status: 'hidden', change: 'updated', wasPublic: true },
    ]);
    const log = t.app.db
      .prepare("SELECT actor FROM moderation_log WHERE action = 'post_withdrawn'")
      .all();
    expect(log).toEqual([{ actor: 'mastodon' }]);
  });

  it.each([
    ['v2', 'configuration.urls.streaming'],
    ['v1', 'urls.streaming_api'],
  ] as const)(
    'streams from the streaming host the instance names in %s (%s)',
    async (instanceApi, _field) => {
      const event = await setup({
        token: TOKEN,
        instance: { instanceApi, separateStreaming: true },
      });
      await streaming(event.eventId);
      expect(fake.streams()).toEqual(['streamconf']);
      expect(fake.streamingUrl).not.toBe(fake.url);
      expect(fake.requests.some((r) => r.path === `/api/${instanceApi}/instance`)).toBe(true);
    },
  );

  it('streams from the instance itself when it names no streaming host', async () => {
    const event = await setup({ token: TOKEN, instance: { instanceApi: 'none' } });
    await streaming(event.eventId);
    expect(fake.streams()).toEqual(['streamconf']);
  });

  it('keeps polling when the instance refuses the token, and says so', async () => {
    const event = await setup({ token: 'a-token-this-instance-does-not-know' });
    await waitFor(
      'the refusal',
      () => /refused the token/.test(status(event.eventId).lastError?.message ?? ''),
      5000,
    );
    const toot = fake.post({
      account: ada,
      html: '<p>Polled #streamconf</p>',
      tags: ['streamconf'],
    });
    await waitFor('the polled status', () => posts(event.eventId).length === 1, 3000);
    expect(posts(event.eventId)[0]!.source_id).toBe(toot.uri);
    expect(fake.streams()).toEqual([]);
    expect(status(event.eventId).state).toBe('polling');
  });

  it("takes in mentions of the event's account through its token, without a hashtag", async () => {
    const event = await setup({ token: TOKEN, mentions: (host) => `conf@${host}` });
    await waitFor('a look at the mentions', () =>
      fake.requests.some((r) => r.path === '/api/v1/notifications'),
    );
    const toot = fake.post({
      account: ada,
      html: '<p>@conf where are the slides?</p>',
      tags: [],
    });
    fake.mention(toot);
    await waitFor('the mention', () => posts(event.eventId).length === 1, 3000);
    expect(posts(event.eventId)[0]).toMatchObject({
      source_id: toot.uri,
      text: '@conf where are the slides?',
    });
    const asked = fake.requests.filter((r) => r.path === '/api/v1/notifications');
    expect(asked.at(-1)!.query).toMatchObject({ 'types[]': 'mention' });
  });
});
