import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  build,
  joinAttendee,
  seedEvent,
  type SeededEvent,
  type TestApp,
} from '../../helper.ts';

let t: TestApp;
let seeded: SeededEvent;

beforeAll(async () => {
  t = await build();
  seeded = seedEvent(t.app, { settings: { postModeration: 'post' } });
});
afterAll(() => t.close());

const apiPost = (text: string, sourceId: string, handle = 'spammer') =>
  t.app.inject({
    method: 'POST',
    url: `/api/events/${seeded.eventId}/posts`,
    headers: bearer(seeded.apiKey),
    payload: { text, sourceId, author: { name: 'Spam Bot', handle } },
  });

describe('automatic flags in post-moderation mode', () => {
  it('publishes a clean post at once and holds a flagged one with its reasons', async () => {
    expect((await apiPost('Great keynote', 'clean-1', 'fan')).json()).toMatchObject({
      status: 'approved',
      flags: [],
    });
    expect((await apiPost('what a sh1t demo', 'dirty-1', 'troll')).json()).toMatchObject({
      status: 'pending',
      flags: ['profanity'],
    });
    expect((await apiPost('#a #b #c @d', 'bomb-1', 'bomber')).json()).toMatchObject({
      status: 'pending',
      flags: ['hashbomb'],
    });
  });

  it('holds the same text repeated by one author', async () => {
    expect((await apiPost('Follow me for crypto tips', 'rep-1', 'repeater')).json().status).toBe(
      'approved',
    );
    expect((await apiPost('follow me for CRYPTO tips!', 'rep-2', 'repeater')).json()).toMatchObject(
      { status: 'pending', flags: ['repeated'] },
    );
    expect(
      (await apiPost('follow me for crypto tips', 'rep-3', 'someone-else')).json().status,
    ).toBe('approved');
  });

  it("holds a post with one of the event's own blocked words", async () => {
    const set = await t.app.inject({
      method: 'PUT',
      url: `/api/events/${seeded.eventId}/moderation/words`,
      headers: bearer(seeded.moderatorKey),
      payload: { words: ['Competitor', 'competitor'] },
    });
    expect(set.json()).toEqual({ words: ['competitor'] });
    expect((await apiPost('Try c0mpetitor instead', 'word-1', 'rival')).json()).toMatchObject({
      status: 'pending',
      flags: ['profanity'],
    });
    const read = await t.app.inject({
      url: `/api/events/${seeded.eventId}/moderation/words`,
      headers: bearer(seeded.moderatorKey),
    });
    expect(read.json()).toEqual({ words: ['competitor'] });
    const attendee = joinAttendee(t.app, seeded.eventId);
    const refused = await t.app.inject({
      url: `/api/events/${seeded.eventId}/moderation/words`,
      headers: bearer(attendee.token),
    });
    expect(refused.statusCode).toBe(403);
  });
});

describe('author rules', () => {
  it('blocking an author rejects their pending posts, hides approved ones and rejects new ones', async () => {
    const approved = (await apiPost('I am about to be blocked', 'blk-1', 'baddie')).json();
    const pending = (await apiPost('#x #y #z', 'blk-2', 'baddie')).json();
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/events/${seeded.eventId}/authors/rule`,
      headers: bearer(seeded.moderatorKey),
      payload: { authorKey: 'api:baddie', displayName: 'Spam Bot', rule: 'blocked' },
    });
    expect(res.statusCode).toBe(200);
    const changed = res.json().changed as Array<{ id: number; status: string }>;
    expect(changed.find((p) => p.id === approved.id)?.status).toBe('hidden');
    expect(changed.find((p) => p.id === pending.id)?.status).toBe('rejected');
    expect((await apiPost('Still here', 'blk-3', 'baddie')).json()).toMatchObject({
      status: 'rejected',
      flags: ['blocked_author'],
    });

    const authors = await t.app.inject({
      url: `/api/events/${seeded.eventId}/authors`,
      headers: bearer(seeded.moderatorKey),
    });
    expect(
      authors.json().authors.find((a: { authorKey: string }) => a.authorKey === 'api:baddie'),
    ).toMatchObject({ rule: 'blocked', posts: 3 });
  });

  it('trusting an attendee approves their flagged posts at once, and a blocked attendee cannot ask', async () => {
    const speaker = joinAttendee(t.app, seeded.eventId, 'Grace Hopper');
    await t.app.inject({
      method: 'PUT',
      url: `/api/events/${seeded.eventId}/authors/rule`,
      headers: bearer(seeded.moderatorKey),
      payload: {
        authorKey: `attendee:${speaker.attendeeId}`,
        displayName: 'Speaker',
        rule: 'trusted',
      },
    });
    const post = await t.app.inject({
      method: 'POST',
      url: `/api/events/${seeded.eventId}/posts`,
      headers: bearer(speaker.token),
      payload: { text: '#slides #devconf', clientId: 'trusted-post-1' },
    });
    expect(post.json()).toMatchObject({ status: 'approved', flags: [] });

    const troll = joinAttendee(t.app, seeded.eventId, 'Troll');
    await t.app.inject({
      method: 'PUT',
      url: `/api/events/${seeded.eventId}/authors/rule`,
      headers: bearer(seeded.moderatorKey),
      payload: { authorKey: `attendee:${troll.attendeeId}`, displayName: 'Troll', rule: 'blocked' },
    });
    const asked = await t.app.inject({
      method: 'POST',
      url: `/api/sessions/${seeded.sessionId}/questions`,
      headers: bearer(troll.token),
      payload: { text: 'Can I still ask?' },
    });
    expect(asked.statusCode).toBe(403);
  });

  it('refuses an author rule from a non-moderator and changes nothing', async () => {
    const attendee = joinAttendee(t.app, seeded.eventId);
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/events/${seeded.eventId}/authors/rule`,
      headers: bearer(attendee.token),
      payload: { authorKey: 'api:fan', displayName: 'Fan', rule: 'blocked' },
    });
    expect(res.statusCode).toBe(403);
    expect(t.app.domain.repos.authors.rule(seeded.eventId, 'api:fan')).toBeNull();
  });
});

describe('bulk moderation', () => {
  it('approves many posts at once, and one foreign id refuses the batch before any change', async () => {
    const ids = [];
    for (let i = 0; i < 3; i++)
      ids.push((await apiPost(`#bulk${i} #tags`, `bulk-${i}`, `bulk${i}`)).json().id);
    const other = seedEvent(t.app);
    const foreign = (
      await t.app.inject({
        method: 'POST',
        url: `/api/events/${other.eventId}/posts`,
        headers: bearer(other.apiKey),
        payload: { text: 'elsewhere', sourceId: 'f-1', author: { name: 'X' } },
      })
    ).json().id;
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/events/${seeded.eventId}/moderation/posts/bulk`,
      headers: bearer(seeded.moderatorKey),
      payload: { postIds: [...ids, foreign], action: 'approve' },
    });
    expect(refused.statusCode).toBe(403);
    expect(ids.map((id) => t.app.domain.repos.posts.findById(id)!.status)).toEqual([
      'pending',
      'pending',
      'pending',
    ]);

    const ok = await t.app.inject({
      method: 'POST',
      url: `/api/events/${seeded.eventId}/moderation/posts/bulk`,
      headers: bearer(seeded.moderatorKey),
      payload: { postIds: ids, action: 'approve' },
    });
    expect(ok.json().posts.map((p: { status: string }) => p.status)).toEqual([
      'approved',
      'approved',
      'approved',
    ]);
    const undo = await t.app.inject({
      method: 'POST',
      url: `/api/posts/${ids[0]}/moderation`,
      headers: bearer(seeded.moderatorKey),
      payload: { action: 'queue' },
    });
    expect(undo.json().status).toBe('pending');
  });
});
