import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBanner } from '../../../server/bootstrap.ts';
import { startFakeX, type FakeX } from '../../../server/sources/x/fake/server.ts';
import {
  bearer,
  build,
  collect,
  joinAttendee,
  listen,
  nextEvent,
  seedEvent,
  sleep,
  socketClients,
  type SeededEvent,
  type TestApp,
} from '../../helper.ts';
import { buildAuthor, buildWithX, waitFor, type XTestApp } from './x/helper.ts';

describe('GET /api/events/:eventId/sources with X off', () => {
  let t: TestApp;
  let event: SeededEvent;
  let other: SeededEvent;
  beforeAll(async () => {
    t = await build();
    event = seedEvent(t.app);
    other = seedEvent(t.app);
  });
  afterAll(() => t.close());

  const get = (eventId: number, token?: string) =>
    t.app.inject({
      method: 'GET',
      url: `/api/events/${eventId}/sources`,
      headers: token ? bearer(token) : {},
    });

  it('refuses a caller without a credential with 401', async () => {
    const res = await get(event.eventId);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.id).toBe('unauthorized');
  });

  it("refuses another event's moderator, an attendee and the API key with 403", async () => {
    const { token } = joinAttendee(t.app, event.eventId);
    for (const credential of [other.moderatorKey, token, event.apiKey, event.speakerKey]) {
      const res = await get(event.eventId, credential);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.id).toBe('forbidden');
    }
  });

  it('answers 404 for an unknown event and 400 for a bad id', async () => {
    expect((await get(999_999, event.moderatorKey)).json().error.id).toBe('event_not_found');
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/events/abc/sources',
          headers: bearer(event.moderatorKey),
        })
      ).statusCode,
    ).toBe(400);
  });

  it('tells the moderator each network is off, and how to turn it on', async () => {
    const res = await get(event.eventId, event.moderatorKey);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      sources: [
        {
          eventId: event.eventId,
          source: 'x',
          mode: null,
          state: 'off',
          detail: 'Set X_BEARER_TOKEN to take in posts from X',
          retryAt: null,
          lastItemAt: null,
          itemsToday: 0,
          lastError: null,
        },
        ...(['bluesky', 'mastodon'] as const).map((source) => ({
          eventId: event.eventId,
          source,
          mode: null,
          state: 'off',
          detail: {
            bluesky: 'Off for this event; turn it on in the source settings',
            mastodon: 'Off for this event; turn it on and name instances in the source settings',
          }[source],
          retryAt: null,
          lastItemAt: null,
          itemsToday: 0,
          lastError: null,
        })),
      ],
    });
    expect(startBanner(t.app, false)).toMatch(/^X\/Twitter\s+off \(set X_BEARER_TOKEN/m);
    expect(startBanner(t.app, false)).toMatch(
      /^Bluesky\s+off until an event turns it on in its source settings/m,
    );
    expect(startBanner(t.app, false)).toMatch(
      /^Mastodon\s+off until an event names instances in its source settings/m,
    );
  });
});

describe('X source status for moderators', () => {
  let fake: FakeX;
  let t: XTestApp;
  let url: string;
  let event: SeededEvent;
  const clients = socketClients(() => ({ url, code: event.code }));
  beforeAll(async () => {
    fake = await startFakeX({ heartbeatMs: 200 });
    t = await buildWithX(fake);
    url = await listen(t.app);
    event = seedEvent(t.app, { hashtags: ['statusconf'], settings: { postModeration: 'post' } });
    await waitFor(
      'the stream',
      () =>
        fake.rules().length === 1 &&
        t.app.domain.sources.forEvent(event.eventId)[0]!.state === 'connected',
    );
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  it('puts the status in the moderator snapshot only', async () => {
    const moderator = await clients.moderator(event.moderatorKey);
    const screen = await clients.screen();
    expect(moderator.snapshot.sources).toEqual([
      expect.objectContaining({
        source: 'x',
        mode: 'stream',
        state: 'connected',
        detail: 'Filtered stream, 1 rule',
      }),
      expect.objectContaining({ source: 'bluesky', state: 'off' }),
      expect.objectContaining({ source: 'mastodon', state: 'off' }),
    ]);
    expect(screen.snapshot).not.toHaveProperty('sources');
  });

  it('broadcasts source:status to moderators when the state changes and as items arrive, never to screens', async () => {
    const moderator = await clients.moderator(event.moderatorKey);
    const screen = await clients.screen();
    const seenByScreen = collect(screen.socket, 'source:status');

    const dropped = nextEvent(moderator.socket, 'source:status', (s) => s.state === 'backing_off');
    fake.dropStream();
    expect((await dropped).lastError?.message).toMatch(/Stream connection lost/);
    await nextEvent(moderator.socket, 'source:status', (s) => s.state === 'connected');

    const counted = nextEvent(moderator.socket, 'source:status', (s) => s.itemsToday === 2, 3000);
    fake.emit({ text: 'One #statusconf', author: buildAuthor() });
    fake.emit({ text: 'Two #statusconf', author: buildAuthor() });
    const status = await counted;
    expect(status.lastItemAt).not.toBeNull();

    const res = await t.app.inject({
      method: 'GET',
      url: `/api/events/${event.eventId}/sources`,
      headers: bearer(event.moderatorKey),
    });
    expect(res.json().sources[0]).toMatchObject({
      mode: 'stream',
      state: 'connected',
      itemsToday: 2,
    });
    await sleep(100);
    expect(seenByScreen.items).toEqual([]);
    expect(startBanner(t.app, false)).toMatch(
      /^X\/Twitter\s+filtered stream, rules from each event's hashtags, via http:\/\/127\.0\.0\.1:\d+$/m,
    );
  });
});
