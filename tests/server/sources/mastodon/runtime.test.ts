import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../../../../server/config.ts';
import {
  startFakeMastodon,
  type FakeMastodon,
} from '../../../../server/sources/mastodon/fake/server.ts';
import type { SourceSettingsBody } from '../../../../shared/schemas/sources.ts';
import { bearer, seedEvent, sleep, type SeededEvent } from '../../../helper.ts';
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

const timeline = (fake: FakeMastodon) =>
  fake.requests.filter((r) => r.path.startsWith('/api/v1/timelines/tag/'));
const posts = (eventId: number) => networkPosts(t, eventId, 'mastodon');
const status = (eventId: number) =>
  t.app.domain.sources.forEvent(eventId).find((s) => s.source === 'mastodon')!;
const grace = { username: 'grace', displayName: 'Grace Hopper' };

async function setup(tune?: (config: Config) => void): Promise<SeededEvent> {
  a = await startFakeMastodon();
  b = await startFakeMastodon();
  cleanup.push(
    () => a.close(),
    () => b.close(),
  );
  // Both are the operator's instances (so plain http is allowed); each event picks its own.
  t = await buildWithNetworks({ MASTODON_INSTANCES: `${a.url},${b.url}` }, tune);
  cleanup.push(() => t.close());
  return seedEvent(t.app, { hashtags: ['runconf'], settings: { postModeration: 'post' } });
}

async function putSettings(
  event: SeededEvent,
  mastodon: SourceSettingsBody['mastodon'],
  extra: string[] = [],
) {
  const res = await t.app.inject({
    method: 'PUT',
    url: `/api/events/${event.eventId}/sources/settings`,
    headers: bearer(event.moderatorKey),
    payload: { bluesky: { enabled: false, mentions: null }, mastodon, extraHashtags: extra },
  });
  expect(res.statusCode).toBe(200);
}

/** Whether `fake` was asked anything over `ms` (the poll interval is 150 ms in tests). */
async function askedWithin(fake: FakeMastodon, ms: number): Promise<boolean> {
  const before = timeline(fake).length;
  await sleep(ms);
  return timeline(fake).length > before;
}

describe('Mastodon settings at runtime', () => {
  it('starts polling an instance when an event names it, stops when none does, and keeps its position', async () => {
    const event = await setup();
    await waitFor('both polled', () => timeline(a).length > 0 && timeline(b).length > 0);

    await putSettings(event, { enabled: true, instances: [{ origin: a.url }], mentions: null });
    await sleep(300); // a poll in flight when the setting changed may still finish
    expect(await askedWithin(b, 800)).toBe(false);
    expect(await askedWithin(a, 800)).toBe(true);
    expect(status(event.eventId)).toMatchObject({ state: 'polling', mode: 'poll' });
    expect(status(event.eventId).detail).toMatch(/^1 instance,/);

    // While B is not polled, it hears a status; naming B again takes it in from B's position.
    const missed = b.post({
      account: grace,
      html: '<p>While away #runconf</p>',
      tags: ['runconf'],
    });
    await putSettings(event, {
      enabled: true,
      instances: [{ origin: a.url }, { origin: b.url }],
      mentions: null,
    });
    await waitFor('B polled again', () => timeline(b).at(-1)!.query.min_id !== undefined);
    await waitFor('the status from B', () => posts(event.eventId).length === 1);
    expect(posts(event.eventId)[0]!.source_id).toBe(missed.uri);

    await putSettings(event, { enabled: false, instances: [{ origin: a.url }], mentions: null });
    await sleep(300);
    expect(await askedWithin(a, 800)).toBe(false);
    expect(await askedWithin(b, 800)).toBe(false);
    expect(status(event.eventId)).toMatchObject({ state: 'off', mode: null });
  });

  it('loses nothing when the tags change: a new tag is read from the change less the look-back, past a page', async () => {
    const event = await setup((config) => {
      config.mastodon.pollMs = 1500;
    });
    await putSettings(event, { enabled: true, instances: [{ origin: a.url }], mentions: null });
    await waitFor('A polled', () => timeline(a).some((r) => r.path.endsWith('/runconf')));
    // Said just before the change, and a burst longer than a page right after it, before a poll.
    const before = a.post({ account: grace, html: '<p>Early #hallway</p>', tags: ['hallway'] });
    await putSettings(event, { enabled: true, instances: [{ origin: a.url }], mentions: null }, [
      'hallway',
    ]);
    const burst = Array.from(
      { length: 60 },
      (_, i) =>
        a.post({ account: grace, html: `<p>Talk ${i} #hallway</p>`, tags: ['hallway'] }).uri,
    );
    const old = a.post({ account: grace, html: '<p>Still here #runconf</p>', tags: ['runconf'] });
    await waitFor('every status', () => posts(event.eventId).length === 62, 10_000);
    await sleep(400);
    expect(exactlyOnce(posts(event.eventId), [before.uri, ...burst, old.uri])).toEqual({
      missing: [],
      doubled: [],
    });
  });
});
