import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  build,
  joinAttendee,
  listen,
  nextEvent,
  request,
  seedEvent,
  socketClients,
  type SeededEvent,
  type TestApp,
} from '../../helper.ts';

/** Two moderators on one queue: whoever decides second is told, and nothing is processed twice. */
let t: TestApp;
let url: string;
const clients = socketClients(() => ({ url, code: seeded.code }));
let seeded: SeededEvent;
let n = 0;

beforeAll(async () => {
  t = await build();
  url = await listen(t.app);
  seeded = seedEvent(t.app);
});
afterAll(() => t.close());

async function pendingPost(): Promise<number> {
  n += 1;
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/events/${seeded.eventId}/posts`,
    headers: bearer(seeded.apiKey),
    payload: { text: `Held post ${n}`, sourceId: `race-${n}`, author: { name: 'Desk' } },
  });
  expect(res.json().status).toBe('pending');
  return res.json().id;
}

const moderate = (postId: number, payload: object) =>
  t.app.inject({
    method: 'POST',
    url: `/api/posts/${postId}/moderation`,
    headers: bearer(seeded.moderatorKey),
    payload,
  });
const bulk = (payload: object) =>
  t.app.inject({
    method: 'POST',
    url: `/api/events/${seeded.eventId}/moderation/posts/bulk`,
    headers: bearer(seeded.moderatorKey),
    payload,
  });
const logCount = (postId: number) =>
  t.app.db
    .prepare("SELECT count(*) FROM moderation_log WHERE item_type = 'post' AND item_id = ?")
    .pluck()
    .get(postId) as number;

describe('a decision that says what its moderator saw', () => {
  it('refuses the second of two decisions on the same pending post with 409 already_moderated, changing nothing', async () => {
    const id = await pendingPost();
    expect((await moderate(id, { action: 'approve', from: 'pending' })).statusCode).toBe(200);
    const second = await moderate(id, { action: 'reject', from: 'pending' });
    expect(second.statusCode).toBe(409);
    expect(second.json().error).toEqual({
      id: 'already_moderated',
      message: `Post ${id} is already approved: another moderator decided it first`,
    });
    expect(t.app.domain.repos.posts.findById(id)!.status).toBe('approved');
    expect(logCount(id)).toBe(1);
    // Without `from` a moderator insists: a deliberate override still works.
    expect((await moderate(id, { action: 'reject' })).json().status).toBe('rejected');
  });

  it('refuses a whole batch when one post moved on, and checks one status per id', async () => {
    const ids = [await pendingPost(), await pendingPost(), await pendingPost()];
    await moderate(ids[1]!, { action: 'hide', from: 'pending' });
    const refused = await bulk({
      postIds: ids,
      action: 'approve',
      from: ['pending', 'pending', 'pending'],
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.id).toBe('already_moderated');
    expect(ids.map((id) => t.app.domain.repos.posts.findById(id)!.status)).toEqual([
      'pending',
      'hidden',
      'pending',
    ]);

    const mismatched = await bulk({ postIds: ids, action: 'approve', from: ['pending'] });
    expect(mismatched.statusCode).toBe(400);
    expect(mismatched.json().error.id).toBe('validation_failed');

    const ok = await bulk({
      postIds: ids,
      action: 'approve',
      from: ['pending', 'hidden', 'pending'],
    });
    expect(ok.json().posts.map((p: { status: string }) => p.status)).toEqual([
      'approved',
      'approved',
      'approved',
    ]);
  });

  it('lets only one of two moderator sockets deciding at once win, and tells the other', async () => {
    const id = await pendingPost();
    const a = await clients.moderator(seeded.moderatorKey);
    const b = await clients.moderator(seeded.moderatorKey);
    const [first, second] = await Promise.all([
      request(a.socket, 'post:moderate', { postId: id, action: 'approve', from: 'pending' }),
      request(b.socket, 'post:moderate', { postId: id, action: 'reject', from: 'pending' }),
    ]);
    const outcomes = [first, second].map((reply) => reply.data?.status ?? reply.error?.id).sort();
    expect(outcomes).toHaveLength(2);
    expect(outcomes).toContain('already_moderated');
    const winner = outcomes.find((o) => o !== 'already_moderated');
    expect(t.app.domain.repos.posts.findById(id)!.status).toBe(winner);
    expect(logCount(id)).toBe(1);
  });

  it("tells every moderator's console of an author rule at once, and no one else", async () => {
    const other = await clients.moderator(seeded.moderatorKey);
    const attendee = await clients.attendee(joinAttendee(t.app, seeded.eventId).token);
    const heard: unknown[] = [];
    attendee.socket.on('author:ruled', (ruled) => heard.push(ruled));
    const ruled = nextEvent(other.socket, 'author:ruled');
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/events/${seeded.eventId}/authors/rule`,
      headers: bearer(seeded.moderatorKey),
      payload: { authorKey: 'api:trusted-host', displayName: 'Host', rule: 'trusted' },
    });
    expect(res.statusCode).toBe(200);
    expect(await ruled).toEqual({
      eventId: seeded.eventId,
      authorKey: 'api:trusted-host',
      displayName: 'Host',
      rule: 'trusted',
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(heard).toEqual([]);
  });

  it('names each moderator at a shared key in the log, from a header over HTTP and the handshake over a socket', async () => {
    const overHttp = await pendingPost();
    const named = await t.app.inject({
      method: 'POST',
      url: `/api/posts/${overHttp}/moderation`,
      headers: {
        ...bearer(seeded.moderatorKey),
        'x-moderator-name': encodeURIComponent('Ana López'),
      },
      payload: { action: 'approve' },
    });
    expect(named.statusCode).toBe(200);
    const actorOf = (postId: number) =>
      t.app.db
        .prepare(
          "SELECT actor FROM moderation_log WHERE item_type = 'post' AND item_id = ? ORDER BY id DESC",
        )
        .pluck()
        .get(postId);
    expect(actorOf(overHttp)).toBe('moderator:Ana López');

    for (const header of ['%E0%A4%A', encodeURIComponent('x'.repeat(61)), '%20%0A']) {
      const refused = await t.app.inject({
        method: 'POST',
        url: `/api/posts/${overHttp}/moderation`,
        headers: { ...bearer(seeded.moderatorKey), 'x-moderator-name': header },
        payload: { action: 'reject' },
      });
      expect(refused.statusCode, header).toBe(400);
      expect(refused.json().error.id).toBe('validation_failed');
    }
    expect(t.app.domain.repos.posts.findById(overHttp)!.status).toBe('approved');

    const overSocket = await pendingPost();
    const bo = await clients.moderator(seeded.moderatorKey, '  Bo  ');
    expect(
      (await request(bo.socket, 'post:moderate', { postId: overSocket, action: 'hide' })).data
        ?.status,
    ).toBe('hidden');
    expect(actorOf(overSocket)).toBe('moderator:Bo');
  });
});
