import { afterEach, describe, expect, it } from 'vitest';
import {
  startFakeBluesky,
  type FakeBluesky,
} from '../../../../server/sources/bluesky/fake/server.ts';
import { bearer, seedEvent, sleep, type SeededEvent } from '../../../helper.ts';
import {
  buildWithNetworks,
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

const posts = (eventId: number) => networkPosts(t, eventId, 'bluesky');
const status = (eventId: number) =>
  t.app.domain.sources.forEvent(eventId).find((s) => s.source === 'bluesky')!;
const ada = { handle: 'ada.bsky.social', displayName: 'Ada' };

async function putBluesky(event: SeededEvent, enabled: boolean, mentions: string | null) {
  const res = await t.app.inject({
    method: 'PUT',
    url: `/api/events/${event.eventId}/sources/settings`,
    headers: bearer(event.moderatorKey),
    payload: {
      bluesky: { enabled, mentions },
      mastodon: { enabled: false, instances: [], mentions: null },
      extraHashtags: ['skyextra'],
    },
  });
  expect(res.statusCode).toBe(200);
}

describe('Bluesky settings at runtime', () => {
  it("takes posts that mention the event's account, and follows its extra hashtags", async () => {
    fake = await startFakeBluesky();
    cleanup.push(() => fake.close());
    t = await buildWithNetworks({
      BLUESKY_JETSTREAM_URL: fake.jetstreamUrl,
      BLUESKY_APPVIEW_URL: fake.url,
    });
    cleanup.push(() => t.close());
    const event = seedEvent(t.app, { hashtags: ['skyconf'], settings: { postModeration: 'post' } });
    await waitFor('Jetstream', () => status(event.eventId).state === 'connected');
    await putBluesky(event, true, '@Conf.bsky.social');

    const mention = fake.post({ author: ada, text: 'Hi @conf.bsky.social, where are the slides?' });
    fake.post({ author: ada, text: 'Hi @someone.bsky.social, lunch?' });
    // The text names the account but no facet does: a mention is its facet, not a substring.
    fake.post({ author: ada, text: 'Hi @conf.bsky.social again', noFacets: true });
    const extra = fake.post({ author: ada, text: 'Coffee queue #SkyExtra' });
    await waitFor('two posts', () => posts(event.eventId).length === 2);
    await sleep(300);
    expect(posts(event.eventId).map((p) => p.source_id)).toEqual([mention.uri, extra.uri]);
  });

  it('runs Jetstream only while some event takes posts from Bluesky, resuming from a little before', async () => {
    fake = await startFakeBluesky();
    cleanup.push(() => fake.close());
    t = await buildWithNetworks({
      BLUESKY_JETSTREAM_URL: fake.jetstreamUrl,
      BLUESKY_APPVIEW_URL: fake.url,
    });
    cleanup.push(() => t.close());
    const event = seedEvent(t.app, { hashtags: ['skyconf'], settings: { postModeration: 'post' } });
    await waitFor('Jetstream', () => fake.connections().live === 1);

    await putBluesky(event, false, null);
    await waitFor('closed', () => fake.connections().live === 0);
    expect(status(event.eventId)).toMatchObject({ state: 'off', mode: null });
    fake.post({ author: ada, text: 'Nobody listens #skyconf', at: Date.now() - 60_000 });
    await sleep(300);

    await putBluesky(event, true, null);
    await waitFor(
      'open again',
      () => fake.connections().live === 1 && status(event.eventId).state === 'connected',
    );
    const { opened, cursors } = fake.connections();
    expect(opened).toBe(2);
    // From a little before the change (2 s rewind in tests), not from where it stopped.
    expect(Number(cursors[1])).toBeGreaterThan((Date.now() - 10_000) * 1000);
    const after = fake.post({ author: ada, text: 'Back on #skyconf' });
    await waitFor('the post', () => posts(event.eventId).length >= 1);
    await sleep(300);
    expect(posts(event.eventId).map((p) => p.source_id)).toEqual([after.uri]);
  });
});
