import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../../shared/limits.ts';
import type { SourceSettingsBody } from '../../../shared/schemas/sources.ts';
import { buildApp } from '../../../server/app.ts';
import { startBanner } from '../../../server/bootstrap.ts';
import {
  startFakeMastodon,
  type FakeMastodon,
} from '../../../server/sources/mastodon/fake/server.ts';
import {
  bearer,
  build,
  joinAttendee,
  seedEvent,
  type SeededEvent,
  testConfig,
  type TestApp,
} from '../../helper.ts';
import { waitFor } from './network-helper.ts';

const LOCAL = 'http://127.0.0.1:9';

/** A body with every field, overridden where a test says. */
function buildSettings(overrides: Partial<SourceSettingsBody> = {}): SourceSettingsBody {
  return {
    bluesky: { enabled: false, mentions: null },
    mastodon: { enabled: false, instances: [], mentions: null },
    extraHashtags: [],
    ...overrides,
  };
}

describe('/api/events/:eventId/sources/settings', () => {
  let t: TestApp;
  let event: SeededEvent;
  let other: SeededEvent;
  beforeAll(async () => {
    // The environment names the operator's own (local, plain http) services: the defaults. Every
    // address is local and closed, so nothing here calls outside; local addresses are allowed
    // (the refusals are tested below, with the switch off).
    t = await build({
      ALLOW_PRIVATE_SOURCE_ADDRESSES: 'true',
      MASTODON_INSTANCES: LOCAL,
      MASTODON_POLL_SECONDS: '3600',
      BLUESKY_JETSTREAM_URL: 'ws://127.0.0.1:9',
      BLUESKY_APPVIEW_URL: LOCAL,
    });
    event = seedEvent(t.app, { hashtags: ['apiconf'] });
    other = seedEvent(t.app);
  });
  afterAll(() => t.close());

  const url = (eventId: number) => `/api/events/${eventId}/sources/settings`;
  const get = (eventId: number, token?: string) =>
    t.app.inject({ method: 'GET', url: url(eventId), headers: token ? bearer(token) : {} });
  const put = (eventId: number, body: unknown, token: string | null = event.moderatorKey) =>
    t.app.inject({
      method: 'PUT',
      url: url(eventId),
      payload: body as object,
      headers: token ? bearer(token) : {},
    });

  it('reads the defaults from the environment until the event is saved', async () => {
    const res = await get(event.eventId, event.moderatorKey);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      eventId: event.eventId,
      custom: false,
      bluesky: { enabled: true, mentions: null },
      mastodon: { enabled: true, instances: [{ origin: LOCAL, tokenSet: false }], mentions: null },
      extraHashtags: [],
    });
  });

  it('refuses a caller without a credential with 401, and every other credential with 403', async () => {
    expect((await get(event.eventId)).statusCode).toBe(401);
    expect((await put(event.eventId, buildSettings(), null)).json().error.id).toBe('unauthorized');
    const { token } = joinAttendee(t.app, event.eventId);
    for (const credential of [other.moderatorKey, token, event.apiKey, event.speakerKey]) {
      expect((await get(event.eventId, credential)).statusCode).toBe(403);
      const res = await put(event.eventId, buildSettings(), credential);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.id).toBe('forbidden');
    }
    expect((await get(999_999, event.moderatorKey)).json().error.id).toBe('event_not_found');
    expect((await get(event.eventId, event.moderatorKey)).json().custom).toBe(false);
  });

  it('saves networks, instances, extra hashtags and mentions, and keeps tokens write-only', async () => {
    const token = 'a'.repeat(43);
    const res = await put(
      event.eventId,
      buildSettings({
        bluesky: { enabled: true, mentions: '@ApiConf.bsky.social' },
        // Off, so the public instance named here is not called by the test.
        mastodon: {
          enabled: false,
          instances: [
            { origin: 'https://Fosstodon.org/', token },
            { origin: LOCAL },
            { origin: 'https://fosstodon.org' },
          ],
          mentions: '@apiconf@fosstodon.org',
        },
        extraHashtags: ['#ApiConf25', 'apiconf25', 'hallway'],
      }),
    );
    expect(res.statusCode).toBe(200);
    const expected = {
      eventId: event.eventId,
      custom: true,
      bluesky: { enabled: true, mentions: 'apiconf.bsky.social' },
      mastodon: {
        enabled: false,
        instances: [
          { origin: 'https://fosstodon.org', tokenSet: true },
          { origin: LOCAL, tokenSet: false },
        ],
        mentions: 'apiconf@fosstodon.org',
      },
      extraHashtags: ['apiconf25', 'hallway'],
    };
    expect(res.json()).toEqual(expected);
    expect(res.body).not.toContain(token);
    const read = await get(event.eventId, event.moderatorKey);
    expect(read.json()).toEqual(expected);
    expect(read.body).not.toContain(token);
    // Leaving the token out keeps it; null removes it.
    const kept = await put(
      event.eventId,
      buildSettings({
        mastodon: {
          enabled: false,
          instances: [{ origin: 'https://fosstodon.org' }],
          mentions: null,
        },
      }),
    );
    expect(kept.json().mastodon.instances).toEqual([
      { origin: 'https://fosstodon.org', tokenSet: true },
    ]);
    const removed = await put(
      event.eventId,
      buildSettings({
        mastodon: {
          enabled: false,
          instances: [{ origin: 'https://fosstodon.org', token: null }],
          mentions: null,
        },
      }),
    );
    expect(removed.json().mastodon.instances).toEqual([
      { origin: 'https://fosstodon.org', tokenSet: false },
    ]);
    expect(
      t.app.db
        .prepare('SELECT count(*) FROM source_tokens WHERE event_id = ?')
        .pluck()
        .get(event.eventId),
    ).toBe(0);
  });

  it('refuses plain http and what is not an origin with stable ids, and changes nothing', async () => {
    const before = (await get(event.eventId, event.moderatorKey)).json();
    const cases: Array<[string, string]> = [
      ['http://mastodon.social', 'instance_not_https'],
      ['https://mastodon.social/@someone', 'validation_failed'],
      ['javascript:alert(1)', 'validation_failed'],
    ];
    for (const [origin, id] of cases) {
      const res = await put(
        event.eventId,
        buildSettings({ mastodon: { enabled: true, instances: [{ origin }], mentions: null } }),
      );
      expect(res.statusCode, origin).toBe(400);
      expect(res.json().error.id, origin).toBe(id);
    }
    expect((await get(event.eventId, event.moderatorKey)).json()).toEqual(before);
  });

  it('bounds instances and hashtags, checks hashtags as event hashtags, and asks a token for Mastodon mentions', async () => {
    const many = Array.from({ length: LIMITS.mastodonInstances.max + 1 }, (_, i) => ({
      origin: `https://m${i}.example.org`,
    }));
    const refusals: Array<[unknown, string, string | RegExp]> = [
      [
        buildSettings({ mastodon: { enabled: true, instances: many, mentions: null } }),
        'validation_failed',
        /mastodon\.instances/,
      ],
      [
        buildSettings({
          extraHashtags: Array.from({ length: LIMITS.hashtagsPerEvent + 1 }, (_, i) => `t${i}`),
        }),
        'validation_failed',
        /extraHashtags/,
      ],
      [buildSettings({ extraHashtags: ['two words'] }), 'validation_failed', /extraHashtags\.0/],
      [
        buildSettings({
          mastodon: { enabled: true, instances: [], mentions: 'conf@fosstodon.org' },
        }),
        'mentions_need_token',
        'Mastodon has no public way to read mentions: add fosstodon.org with a token of conf@fosstodon.org',
      ],
      [
        buildSettings({ bluesky: { enabled: true, mentions: 'not a handle' } }),
        'validation_failed',
        /bluesky\.mentions/,
      ],
      [
        buildSettings({
          mastodon: {
            enabled: true,
            instances: [{ origin: 'https://fosstodon.org', token: 'short' }],
            mentions: null,
          },
        }),
        'validation_failed',
        /token/,
      ],
      [{ ...buildSettings(), x: { enabled: true } }, 'validation_failed', /x|Unrecognized/],
    ];
    for (const [body, id, message] of refusals) {
      const res = await put(event.eventId, body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.id).toBe(id);
      expect(res.json().error.message).toMatch(message);
    }
  });

  it('says in the start banner what runs, for how many events', async () => {
    await put(
      other.eventId,
      buildSettings({
        mastodon: { enabled: false, instances: [{ origin: LOCAL }], mentions: null },
      }),
      other.moderatorKey,
    );
    await put(
      event.eventId,
      buildSettings({
        bluesky: { enabled: true, mentions: null },
        mastodon: { enabled: true, instances: [{ origin: LOCAL }], mentions: null },
      }),
    );
    const banner = startBanner(t.app, false);
    expect(banner).toMatch(
      /^Mastodon\s+hashtag timelines every 3600 s on http:\/\/127\.0\.0\.1:9 for 1 of 2 events$/m,
    );
    expect(banner).toMatch(/^Bluesky\s+Jetstream ws:\/\/127\.0\.0\.1:9 for 1 of 2 events/m);
    const statuses = t.app.domain.sources.forEvent(other.eventId);
    expect(statuses.find((s) => s.source === 'mastodon')).toMatchObject({
      state: 'off',
      detail: 'Off for this event; turn it on and name instances in the source settings',
    });
  });
});

describe('instances on private addresses (ALLOW_PRIVATE_SOURCE_ADDRESSES off)', () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterAll(async () => {
    while (cleanup.length > 0) await cleanup.pop()!();
  });

  /** The real app with its own name resolution: these names exist only here. */
  async function buildResolving(env: Record<string, string>): Promise<TestApp> {
    const config = testConfig(env);
    const table: Record<string, string[]> = {
      'mastodon.example': ['93.184.216.34'],
      'sneaky.example': ['93.184.216.34', '10.0.0.7'],
      'metadata.example': ['169.254.169.254'],
    };
    const app = await buildApp({
      config,
      lookup: async (host) => {
        const found = table[host];
        if (!found) throw new Error(`getaddrinfo ENOTFOUND ${host}`);
        return found;
      },
    });
    await app.ready();
    const t = { app, config, close: () => app.close() };
    cleanup.push(() => t.close());
    return t;
  }

  it('refuses at save time an address, a local name, or a name that resolves to a private address', async () => {
    const t = await buildResolving({});
    const event = seedEvent(t.app);
    const put = (origin: string) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/events/${event.eventId}/sources/settings`,
        headers: bearer(event.moderatorKey),
        payload: buildSettings({
          mastodon: { enabled: true, instances: [{ origin }], mentions: null },
        }),
      });
    for (const origin of [
      'https://10.0.0.5',
      'https://[::1]:8443',
      'https://localhost:3000',
      'https://printer.local',
      'https://intranet',
      'https://sneaky.example',
      'https://metadata.example',
    ]) {
      const res = await put(origin);
      expect(res.statusCode, origin).toBe(400);
      expect(res.json().error.id, origin).toBe('instance_private_address');
    }
    expect(t.app.db.prepare('SELECT COUNT(*) FROM source_settings').pluck().get()).toBe(0);
    expect((await put('https://mastodon.example')).statusCode).toBe(200);
  });

  it('refuses again when connecting: an operator-listed instance on loopback is not polled', async () => {
    const fake: FakeMastodon = await startFakeMastodon();
    cleanup.push(() => fake.close());
    // localhost resolves to 127.0.0.1 (as the fake listens) through the system's resolver.
    const local = fake.url.replace('127.0.0.1', 'localhost');
    const t = await build({ MASTODON_INSTANCES: local, MASTODON_POLL_SECONDS: '5' });
    cleanup.push(() => t.close());
    const event = seedEvent(t.app, { hashtags: ['ssrfconf'] });
    const status = () =>
      t.app.domain.sources.forEvent(event.eventId).find((s) => s.source === 'mastodon')!;
    await waitFor(
      'the refusal',
      () => /resolves to 127\.0\.0\.1/.test(status().lastError?.message ?? ''),
      8000,
    );
    expect(fake.requests).toEqual([]);

    const allowed = await build({
      MASTODON_INSTANCES: local,
      MASTODON_POLL_SECONDS: '5',
      ALLOW_PRIVATE_SOURCE_ADDRESSES: 'true',
    });
    cleanup.push(() => allowed.close());
    seedEvent(allowed.app, { hashtags: ['ssrfconf'] });
    await waitFor('a poll', () => fake.requests.length > 0, 8000);
  });
});
