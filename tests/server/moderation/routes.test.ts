import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiCaller,
  build,
  joinAttendee,
  seedEvent,
  type SeededEvent,
  type TestApp,
} from '../../helper.ts';

let t: TestApp;
let seeded: SeededEvent;
let other: SeededEvent;
let postId: number;
let questionId: number;

interface EntryJson {
  id: number;
  actor: string;
  action: string;
  itemType: string;
  itemId: number | null;
  detail: Record<string, unknown>;
}

const call = apiCaller(() => t.app);

async function log(
  event: SeededEvent,
  query = '',
): Promise<{ entries: EntryJson[]; nextCursor: string | null }> {
  const res = await call('GET', `/events/${event.eventId}/moderation/log${query}`, {
    token: event.moderatorKey,
  });
  expect(res.statusCode).toBe(200);
  return res.json();
}

async function ok(response: Promise<{ statusCode: number }>) {
  expect((await response).statusCode).toBeLessThan(300);
}

beforeAll(async () => {
  t = await build();
  seeded = seedEvent(t.app);
  other = seedEvent(t.app);
  // A moderator and a speaker at work: every action below writes one log entry.
  const posted = await call('POST', `/events/${seeded.eventId}/posts`, {
    token: seeded.apiKey,
    body: { text: 'Logged post' },
  });
  postId = posted.json().id;
  const { token } = joinAttendee(t.app, seeded.eventId);
  const asked = await call('POST', `/sessions/${seeded.sessionId}/questions`, {
    token,
    body: { text: 'Logged question' },
  });
  questionId = asked.json().id;
  await ok(
    call('POST', `/posts/${postId}/moderation`, {
      token: seeded.moderatorKey,
      body: { action: 'approve' },
    }),
  );
  await ok(
    call('POST', `/posts/${postId}/moderation`, {
      token: seeded.moderatorKey,
      body: { action: 'pin' },
    }),
  );
  await ok(
    call('POST', `/questions/${questionId}/moderation`, {
      token: seeded.sessionSpeakerKey,
      body: { action: 'answer' },
    }),
  );
  await ok(
    call('PATCH', `/events/${seeded.eventId}`, {
      token: seeded.moderatorKey,
      body: { settings: { postModeration: 'post' } },
    }),
  );
});
afterAll(() => t.close());

describe('GET /api/events/:eventId/moderation/log', () => {
  it('lists who did what to which item, newest first', async () => {
    const { entries, nextCursor } = await log(seeded);
    expect(nextCursor).toBeNull();
    expect(entries.map((e) => [e.actor, e.action, e.itemType, e.itemId])).toEqual([
      ['moderator', 'update_settings', 'event', seeded.eventId],
      [`speaker:${seeded.sessionId}`, 'question_answer', 'question', questionId],
      ['moderator', 'post_pin', 'post', postId],
      ['moderator', 'post_approve', 'post', postId],
      // seedEvent adds its session as the event's moderator.
      ['moderator', 'create_session', 'session', seeded.sessionId],
    ]);
    const ids = entries.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(entries[3]).toEqual({
      id: expect.any(Number),
      actor: 'moderator',
      action: 'post_approve',
      itemType: 'post',
      itemId: postId,
      detail: { from: 'pending', to: 'approved' },
      createdAt: expect.any(String),
    });
  });

  it('pages with limit and nextCursor', async () => {
    const all = (await log(seeded)).entries.map((e) => e.id);
    const first = await log(seeded, '?limit=2');
    expect(first.entries.map((e) => e.id)).toEqual(all.slice(0, 2));
    expect(first.nextCursor).toBe(String(all[1]));
    const second = await log(seeded, `?limit=2&cursor=${first.nextCursor}`);
    expect(second.entries.map((e) => e.id)).toEqual(all.slice(2, 4));
    const last = await log(seeded, `?limit=2&cursor=${second.nextCursor}`);
    expect(last.entries.map((e) => e.id)).toEqual(all.slice(4));
    expect(last.nextCursor).toBeNull();
  });

  it("keeps each event's log to itself", async () => {
    const { entries } = await log(other);
    expect(entries.map((e) => e.action)).toEqual(['create_session']);
    expect(entries[0]!.itemId).toBe(other.sessionId);
  });

  it('rejects a bad limit, a bad cursor and unknown query parameters with 400', async () => {
    const cases: Array<[string, string]> = [
      ['?limit=0', 'querystring.limit'],
      ['?limit=1000', 'querystring.limit'],
      ['?cursor=-1', 'querystring.cursor'],
      ['?actor=moderator', 'querystring'],
    ];
    for (const [query, field] of cases) {
      const res = await call('GET', `/events/${seeded.eventId}/moderation/log${query}`, {
        token: seeded.moderatorKey,
      });
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.id).toBe('validation_failed');
      expect(Object.keys(res.json().error.fields)).toEqual([field]);
      expect(res.json().error.message).toMatch(new RegExp(`^${field.replace('.', '\\.')}: `));
    }
  });

  it('rejects a request without a token or with a garbage token with 401', async () => {
    const none = await call('GET', `/events/${seeded.eventId}/moderation/log`);
    expect(none.statusCode).toBe(401);
    expect(none.json().error.id).toBe('unauthorized');
    expect(
      (await call('GET', `/events/${seeded.eventId}/moderation/log`, { token: 'bcm_forged' }))
        .statusCode,
    ).toBe(401);
  });

  it("rejects an attendee, a speaker, the API key and another event's moderator with 403", async () => {
    const attendee = joinAttendee(t.app, seeded.eventId);
    for (const token of [
      attendee.token,
      seeded.speakerKey,
      seeded.sessionSpeakerKey,
      seeded.apiKey,
      other.moderatorKey,
    ]) {
      const res = await call('GET', `/events/${seeded.eventId}/moderation/log`, { token });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.id).toBe('forbidden');
      expect(res.body).not.toContain('post_approve');
    }
  });

  it('answers an unknown event with 404 event_not_found', async () => {
    const res = await call('GET', '/events/999999/moderation/log', { token: seeded.moderatorKey });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toEqual({ id: 'event_not_found', message: 'No event with id 999999' });
  });

  it('writes nothing to the log for a refused or a repeated moderation action', async () => {
    const before = (await log(seeded)).entries;
    const attendee = joinAttendee(t.app, seeded.eventId);
    expect(
      (
        await call('POST', `/posts/${postId}/moderation`, {
          token: attendee.token,
          body: { action: 'hide' },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await call('POST', `/questions/${questionId}/moderation`, {
          token: seeded.sessionSpeakerKey,
          body: { action: 'dismiss' },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await call('POST', `/posts/${postId}/moderation`, {
          token: seeded.moderatorKey,
          body: { action: 'approve' },
        })
      ).statusCode,
    ).toBe(200);
    expect((await log(seeded)).entries).toEqual(before);
  });
});
