import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiCaller,
  bearer,
  build,
  joinAttendee,
  seedEvent,
  type SeededEvent,
  type TestApp,
} from '../../helper.ts';

let t: TestApp;
/** Default settings: posts are held for moderation ('pre'). */
let held: SeededEvent;
/** Posts go straight to the wall ('post'). */
let open: SeededEvent;
let other: SeededEvent;

interface PostJson {
  id: number;
  status: string;
  pinned: boolean;
  text: string;
  questionId: number | null;
}

const call = apiCaller(() => t.app);

const postCount = (eventId: number) =>
  t.app.db.prepare('SELECT count(*) FROM posts WHERE event_id = ?').pluck().get(eventId) as number;

async function post(event: SeededEvent, token: string, body: object): Promise<PostJson> {
  const res = await call('POST', `/events/${event.eventId}/posts`, { token, body });
  expect(res.statusCode).toBe(201);
  return res.json();
}

async function staffList(event: SeededEvent, query = ''): Promise<PostJson[]> {
  const res = await call('GET', `/events/${event.eventId}/moderation/posts${query}`, {
    token: event.moderatorKey,
  });
  expect(res.statusCode).toBe(200);
  return res.json().posts;
}

async function publicIds(event: SeededEvent): Promise<number[]> {
  const res = await call('GET', `/events/${event.eventId}/posts`);
  expect(res.statusCode).toBe(200);
  return res.json().posts.map((p: PostJson) => p.id);
}

const moderate = (postId: number, action: string, token: string) =>
  call('POST', `/posts/${postId}/moderation`, { token, body: { action } });

beforeAll(async () => {
  t = await build();
  held = seedEvent(t.app);
  open = seedEvent(t.app, { settings: { postModeration: 'post' } });
  other = seedEvent(t.app);
});
afterAll(() => t.close());

describe('POST /api/events/:eventId/posts', () => {
  it('holds an attendee post as pending under the default pre-moderation and returns it with 201', async () => {
    const { token, attendeeId } = joinAttendee(t.app, held.eventId, 'Ada');
    const res = await call('POST', `/events/${held.eventId}/posts`, {
      token,
      body: { text: 'Great talk! #TestConf #rust' },
    });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toEqual({
      id: expect.any(Number),
      eventId: held.eventId,
      text: 'Great talk! #TestConf #rust',
      author: { name: 'Ada', handle: null, avatarUrl: null, attendeeId },
      authorKey: `attendee:${attendeeId}`,
      source: 'web',
      sourceId: null,
      hashtags: ['testconf', 'rust'],
      media: [],
      status: 'pending',
      pinned: false,
      flags: [],
      questionId: null,
      createdAt: expect.any(String),
    });
    expect(await publicIds(held)).not.toContain(created.id);
    expect((await staffList(held, '?status=pending')).map((p) => p.id)).toContain(created.id);
  });

  it('publishes an attendee post at once when the event moderates after the fact', async () => {
    const { token } = joinAttendee(t.app, open.eventId);
    const created = await post(open, token, { text: 'Straight to the wall' });
    expect(created.status).toBe('approved');
    expect((await publicIds(open))[0]).toBe(created.id);
  });

  it('strips control characters and bidi overrides from the text but keeps emoji joiners', async () => {
    const { token } = joinAttendee(t.app, held.eventId);
    const created = await post(held, token, {
      text: '\u0000Look\u0007 at \u202Egnp.exe\u202C\u2066!\u2069 \u{1F469}\u200D\u{1F4BB}\u001B',
    });
    expect(created.text).toBe('Look at gnp.exe! \u{1F469}\u200D\u{1F4BB}');
  });

  it('returns the same post with 200 when an attendee retries with the same clientId, without spending a rate-limit token', async () => {
    const { token } = joinAttendee(t.app, held.eventId);
    const before = postCount(held.eventId);
    const first = await call('POST', `/events/${held.eventId}/posts`, {
      token,
      body: { text: 'Once only', clientId: 'retry-post-0001' },
    });
    expect(first.statusCode).toBe(201);
    for (let i = 1; i < 5; i++) await post(held, token, { text: `Filler ${i}` });
    const retry = await call('POST', `/events/${held.eventId}/posts`, {
      token,
      body: { text: 'Once only', clientId: 'retry-post-0001' },
    });
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual(first.json());
    expect(postCount(held.eventId)).toBe(before + 5);
    // The burst (5) is spent by the five distinct posts, so the next new one is refused.
    const sixth = await call('POST', `/events/${held.eventId}/posts`, {
      token,
      body: { text: 'One too many' },
    });
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().error.id).toBe('rate_limit_exceeded');
    expect(sixth.headers['retry-after']).toMatch(/^\d+$/);
    expect(postCount(held.eventId)).toBe(before + 5);
  });

  it('takes author and sourceId from the API key and returns the first post with 200 on a repeated sourceId', async () => {
    const body = {
      text: 'Imported from elsewhere',
      author: { name: 'Linus', handle: 'linus', avatarUrl: 'https://example.com/l.png' },
      sourceId: 'ext-42',
      media: ['https://example.com/photo.jpg'],
    };
    const first = await call('POST', `/events/${held.eventId}/posts`, { token: held.apiKey, body });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      author: {
        name: 'Linus',
        handle: 'linus',
        avatarUrl: 'https://example.com/l.png',
        attendeeId: null,
      },
      source: 'api',
      sourceId: 'ext-42',
      media: ['https://example.com/photo.jpg'],
      status: 'pending',
    });
    const count = postCount(held.eventId);
    const again = await call('POST', `/events/${held.eventId}/posts`, {
      token: held.apiKey,
      body: { ...body, text: 'Edited copy' },
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    expect(postCount(held.eventId)).toBe(count);
  });

  it('rejects author or sourceId from an attendee with 400 validation_failed', async () => {
    const { token } = joinAttendee(t.app, held.eventId);
    const before = postCount(held.eventId);
    for (const extra of [{ author: { name: 'Someone else' } }, { sourceId: 'spoof-1' }]) {
      const res = await call('POST', `/events/${held.eventId}/posts`, {
        token,
        body: { text: 'Spoofed', ...extra },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toEqual({
        id: 'validation_failed',
        message: 'author and sourceId are for API key callers',
        fields: { author: 'not allowed with an attendee token' },
      });
    }
    expect(postCount(held.eventId)).toBe(before);
  });

  it('rejects an empty text, a text of only control characters and a text over 500 characters with 400', async () => {
    const { token } = joinAttendee(t.app, held.eventId);
    const before = postCount(held.eventId);
    for (const text of ['', '\u202E\u0000 \u0007', 'x'.repeat(501)]) {
      const res = await call('POST', `/events/${held.eventId}/posts`, { token, body: { text } });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({
        id: 'validation_failed',
        fields: { 'body.text': expect.any(String) },
      });
      expect(res.json().error.message).toBe(`body.text: ${res.json().error.fields['body.text']}`);
    }
    expect(postCount(held.eventId)).toBe(before);
  });

  it('rejects unknown body fields such as status with 400, so a poster cannot approve their own post', async () => {
    const { token } = joinAttendee(t.app, held.eventId);
    const before = postCount(held.eventId);
    const res = await call('POST', `/events/${held.eventId}/posts`, {
      token,
      body: { text: 'Let me in', status: 'approved' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual({ body: 'Unrecognized key: "status"' });
    expect(postCount(held.eventId)).toBe(before);
  });

  it('rejects a body over 64 KiB with 413 body_too_large', async () => {
    const { token } = joinAttendee(t.app, held.eventId);
    const before = postCount(held.eventId);
    const res = await call('POST', `/events/${held.eventId}/posts`, {
      token,
      body: { text: 'x'.repeat(70_000) },
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toEqual({
      id: 'body_too_large',
      message: 'The request body is too large',
    });
    expect(postCount(held.eventId)).toBe(before);
  });

  it('rejects a text/plain body with 415 unsupported_media_type', async () => {
    const { token } = joinAttendee(t.app, held.eventId);
    const before = postCount(held.eventId);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/events/${held.eventId}/posts`,
      headers: { ...bearer(token), 'content-type': 'text/plain' },
      payload: 'Hello wall',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.id).toBe('unsupported_media_type');
    expect(postCount(held.eventId)).toBe(before);
  });

  it('rejects an XML body with 415 unsupported_media_type', async () => {
    const { token } = joinAttendee(t.app, held.eventId);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/events/${held.eventId}/posts`,
      headers: { ...bearer(token), 'content-type': 'application/xml' },
      payload: '<post><text>Hello wall</text></post>',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().error).toEqual({
      id: 'unsupported_media_type',
      message: 'Send JSON with Content-Type: application/json',
    });
  });

  it('rejects a post without a token or with a garbage token with 401', async () => {
    const before = postCount(held.eventId);
    expect(
      (await call('POST', `/events/${held.eventId}/posts`, { body: { text: 'Anonymous' } }))
        .statusCode,
    ).toBe(401);
    const garbage = await call('POST', `/events/${held.eventId}/posts`, {
      token: 'bct_stolen',
      body: { text: 'Anonymous' },
    });
    expect(garbage.statusCode).toBe(401);
    expect(garbage.json().error.id).toBe('unauthorized');
    expect(postCount(held.eventId)).toBe(before);
  });

  it('rejects a post from an attendee or the API key of another event, a moderator or a speaker with 403', async () => {
    const stranger = joinAttendee(t.app, other.eventId);
    const before = postCount(held.eventId);
    for (const token of [
      stranger.token,
      other.apiKey,
      held.moderatorKey,
      held.speakerKey,
      held.sessionSpeakerKey,
    ]) {
      const res = await call('POST', `/events/${held.eventId}/posts`, {
        token,
        body: { text: 'Not mine to post' },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.id).toBe('forbidden');
    }
    expect(postCount(held.eventId)).toBe(before);
  });

  it('answers an unknown event with 404 event_not_found', async () => {
    const res = await call('POST', '/events/999999/posts', {
      token: held.apiKey,
      body: { text: 'Lost' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toEqual({ id: 'event_not_found', message: 'No event with id 999999' });
  });

  it('turns an API post carrying the question tag into a question of the live session', async () => {
    const res = await call('POST', `/events/${open.eventId}/posts`, {
      token: open.apiKey,
      body: {
        text: '#ask How do you test this?',
        author: { name: 'Mia', handle: 'mia' },
        sourceId: 'ask-1',
      },
    });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      status: 'approved',
      hashtags: ['ask'],
      questionId: expect.any(Number),
    });
    const list = await call('GET', `/sessions/${open.sessionId}/questions`);
    expect(list.json().questions).toContainEqual(
      expect.objectContaining({
        id: created.questionId,
        sessionId: open.sessionId,
        text: 'How do you test this?',
        authorName: 'Mia (@mia)',
        status: 'approved',
        postId: created.id,
      }),
    );
  });

  it('holds the question of a held post until the post is approved', async () => {
    const created = await post(held, held.apiKey, { text: 'Is there a recording? #ASK' });
    expect(created.questionId).toEqual(expect.any(Number));
    const publicQuestions = async () =>
      (await call('GET', `/sessions/${held.sessionId}/questions`))
        .json()
        .questions.map((q: { id: number }) => q.id);
    expect(await publicQuestions()).not.toContain(created.questionId);
    expect((await moderate(created.id, 'approve', held.moderatorKey)).statusCode).toBe(200);
    expect(await publicQuestions()).toContain(created.questionId);
  });
});

describe('GET /api/events/:eventId/posts', () => {
  it('lists approved posts only, newest first, page by page with nextCursor', async () => {
    const event = seedEvent(t.app);
    const ids: number[] = [];
    for (let i = 0; i < 6; i++)
      ids.push((await post(event, event.apiKey, { text: `Post ${i}` })).id);
    for (const id of ids.slice(0, 5))
      expect((await moderate(id, 'approve', event.moderatorKey)).statusCode).toBe(200);
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await call(
        'GET',
        `/events/${event.eventId}/posts?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.statusCode).toBe(200);
      const page = res.json();
      expect(page.posts.every((p: PostJson) => p.status === 'approved')).toBe(true);
      seen.push(...page.posts.map((p: PostJson) => p.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 10);
    expect(seen).toEqual(ids.slice(0, 5).reverse());
    expect(pages).toBe(3);
  });

  it('rejects a bad limit, a bad cursor and a status filter with 400', async () => {
    const cases: Array<[string, string]> = [
      ['?limit=0', 'querystring.limit'],
      ['?limit=101', 'querystring.limit'],
      ['?cursor=abc', 'querystring.cursor'],
      ['?status=pending', 'querystring'],
    ];
    for (const [query, field] of cases) {
      const res = await call('GET', `/events/${held.eventId}/posts${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.id).toBe('validation_failed');
      expect(Object.keys(res.json().error.fields)).toEqual([field]);
    }
  });

  it('rejects a garbage token with 401 and answers an unknown event with 404 event_not_found', async () => {
    expect(
      (await call('GET', `/events/${held.eventId}/posts`, { token: 'bcm_fake' })).statusCode,
    ).toBe(401);
    const missing = await call('GET', '/events/999999/posts');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.id).toBe('event_not_found');
  });
});

describe('GET /api/events/:eventId/moderation/posts', () => {
  it('lists every status for the moderator, newest first, and filters by status', async () => {
    const event = seedEvent(t.app);
    const a = await post(event, event.apiKey, { text: 'first' });
    const b = await post(event, event.apiKey, { text: 'second' });
    await moderate(a.id, 'reject', event.moderatorKey);
    expect((await staffList(event)).map((p) => [p.id, p.status])).toEqual([
      [b.id, 'pending'],
      [a.id, 'rejected'],
    ]);
    expect((await staffList(event, '?status=rejected')).map((p) => p.id)).toEqual([a.id]);
  });

  it('rejects an unknown status with 400 validation_failed', async () => {
    const res = await call('GET', `/events/${held.eventId}/moderation/posts?status=deleted`, {
      token: held.moderatorKey,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      id: 'validation_failed',
      fields: { 'querystring.status': expect.any(String) },
    });
  });

  it('rejects a request without a token or with a garbage token with 401', async () => {
    expect((await call('GET', `/events/${held.eventId}/moderation/posts`)).statusCode).toBe(401);
    expect(
      (await call('GET', `/events/${held.eventId}/moderation/posts`, { token: 'bcm_fake' }))
        .statusCode,
    ).toBe(401);
  });

  it("rejects an attendee, the API key, a speaker and another event's moderator with 403", async () => {
    const attendee = joinAttendee(t.app, held.eventId);
    for (const token of [attendee.token, held.apiKey, held.speakerKey, other.moderatorKey]) {
      const res = await call('GET', `/events/${held.eventId}/moderation/posts`, { token });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.id).toBe('forbidden');
    }
  });

  it('answers an unknown event with 404 event_not_found', async () => {
    const res = await call('GET', '/events/999999/moderation/posts', { token: held.moderatorKey });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.id).toBe('event_not_found');
  });
});

describe('POST /api/posts/:postId/moderation', () => {
  it('approves a pending post onto the public wall', async () => {
    const created = await post(held, held.apiKey, { text: 'Approve me' });
    const res = await moderate(created.id, 'approve', held.moderatorKey);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: created.id,
      status: 'approved',
      pinned: false,
      text: 'Approve me',
    });
    expect(await publicIds(held)).toContain(created.id);
  });

  it('refuses to pin a post that is not approved with 409 invalid_transition', async () => {
    const created = await post(held, held.apiKey, { text: 'Pending pin' });
    const res = await moderate(created.id, 'pin', held.moderatorKey);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toEqual({
      id: 'invalid_transition',
      message: 'Only an approved post can be pinned',
    });
    expect((await staffList(held)).find((p) => p.id === created.id)).toMatchObject({
      status: 'pending',
      pinned: false,
    });
  });

  it('unpins the previous post when another is pinned, and hiding a pinned post unpins it', async () => {
    const event = seedEvent(t.app, { settings: { postModeration: 'post' } });
    const a = await post(event, event.apiKey, { text: 'Pin A' });
    const b = await post(event, event.apiKey, { text: 'Pin B' });
    expect((await moderate(a.id, 'pin', event.moderatorKey)).json().pinned).toBe(true);
    expect((await moderate(b.id, 'pin', event.moderatorKey)).json().pinned).toBe(true);
    const pinned = () =>
      staffList(event).then((posts) => posts.filter((p) => p.pinned).map((p) => p.id));
    expect(await pinned()).toEqual([b.id]);
    const hidden = await moderate(b.id, 'hide', event.moderatorKey);
    expect(hidden.json()).toMatchObject({ status: 'hidden', pinned: false });
    expect(await pinned()).toEqual([]);
    expect(await publicIds(event)).toEqual([a.id]);
  });

  it('rejects an unknown action and unknown body fields with 400', async () => {
    const created = await post(held, held.apiKey, { text: 'Untouched' });
    const bad = await moderate(created.id, 'delete', held.moderatorKey);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({
      id: 'validation_failed',
      fields: { 'body.action': expect.any(String) },
    });
    const extra = await call('POST', `/posts/${created.id}/moderation`, {
      token: held.moderatorKey,
      body: { action: 'approve', reason: 'x' },
    });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error.fields).toEqual({ body: 'Unrecognized key: "reason"' });
    expect((await staffList(held)).find((p) => p.id === created.id)?.status).toBe('pending');
  });

  it('rejects a request without a token or with a garbage token with 401', async () => {
    const created = await post(held, held.apiKey, { text: 'Still pending' });
    expect(
      (await call('POST', `/posts/${created.id}/moderation`, { body: { action: 'approve' } }))
        .statusCode,
    ).toBe(401);
    expect((await moderate(created.id, 'approve', 'bcm_nope')).statusCode).toBe(401);
    expect((await staffList(held)).find((p) => p.id === created.id)?.status).toBe('pending');
  });

  it("rejects the post's own author, the API key, a speaker and another event's moderator with 403", async () => {
    const { token } = joinAttendee(t.app, held.eventId);
    const created = await post(held, token, { text: 'Let me approve myself' });
    for (const credential of [token, held.apiKey, held.sessionSpeakerKey, other.moderatorKey]) {
      const res = await moderate(created.id, 'approve', credential);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.id).toBe('forbidden');
    }
    expect((await staffList(held)).find((p) => p.id === created.id)?.status).toBe('pending');
    expect(await publicIds(held)).not.toContain(created.id);
  });

  it('answers an unknown post with 404 post_not_found', async () => {
    const res = await moderate(999999, 'approve', held.moderatorKey);
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toEqual({ id: 'post_not_found', message: 'No post with id 999999' });
  });
});
