import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSnapshot } from '../../../server/realtime/snapshot.ts';
import {
  bearer,
  build,
  joinAttendee,
  seedEvent,
  type SeededEvent,
  type TestApp,
} from '../../helper.ts';

/**
 * The newest approved posts are shared by every joining client (server/posts/repository.ts
 * keeps them between writes): each write must show in the very next snapshot.
 */
let t: TestApp;
let event: SeededEvent;

beforeAll(async () => {
  t = await build();
  event = seedEvent(t.app, { settings: { postModeration: 'post', questionModeration: 'pre' } });
});
afterAll(() => t.close());

function wall() {
  const row = t.app.domain.repos.events.findById(event.eventId)!;
  return buildSnapshot(t.app.domain, { kind: 'anonymous' }, row).posts;
}

async function post(token: string, text: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/events/${event.eventId}/posts`,
    headers: bearer(token),
    payload: { text },
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: number; questionId: number | null };
}

const moderate = (postId: number, action: string) =>
  t.app.inject({
    method: 'POST',
    url: `/api/posts/${postId}/moderation`,
    headers: bearer(event.moderatorKey),
    payload: { action },
  });

describe('the wall every joining client gets', () => {
  it('shows a new post, a take-down, a restore and a pin in the next snapshot', async () => {
    const { token } = joinAttendee(t.app, event.eventId);
    const first = await post(token, 'First!');
    expect(wall().map((p) => p.id)).toEqual([first.id]);
    const second = await post(token, 'Second');
    expect(wall().map((p) => p.id)).toEqual([second.id, first.id]);

    expect((await moderate(first.id, 'hide')).statusCode).toBe(200);
    expect(wall().map((p) => p.id)).toEqual([second.id]);
    expect((await moderate(first.id, 'approve')).statusCode).toBe(200);
    expect((await moderate(first.id, 'pin')).statusCode).toBe(200);
    expect(wall().find((p) => p.id === first.id)?.pinned).toBe(true);
    expect((await moderate(second.id, 'pin')).statusCode).toBe(200);
    expect(
      wall()
        .filter((p) => p.pinned)
        .map((p) => p.id),
    ).toEqual([second.id]);
  });

  it('always equals the database after any sequence of moderation actions', async () => {
    const { token } = joinAttendee(t.app, event.eventId);
    const ids: number[] = [];
    for (let i = 0; i < 4; i++) ids.push((await post(token, `Post ${i} for the sequence`)).id);
    const truth = () =>
      t.app.db
        .prepare(
          "SELECT id, pinned FROM posts WHERE event_id = ? AND status = 'approved' ORDER BY id DESC LIMIT 50",
        )
        .all(event.eventId)
        .map((row) => {
          const { id, pinned } = row as { id: number; pinned: number };
          return { id, pinned: pinned === 1 };
        });
    const moderator = { kind: 'moderator', eventId: event.eventId } as const;
    const step = fc.record({
      post: fc.constantFrom(...ids),
      action: fc.constantFrom('approve', 'reject', 'hide', 'pin', 'unpin', 'queue' as const),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
        for (const { post: id, action } of steps) {
          wall();
          try {
            t.app.domain.posts.moderate(moderator, id, action);
          } catch {
            // Pinning a post that is not approved is refused; the wall must still be right.
          }
          expect(
            wall()
              .filter((p) => ids.includes(p.id))
              .map((p) => ({ id: p.id, pinned: p.pinned })),
          ).toEqual(truth().filter((p) => ids.includes(p.id)));
        }
      }),
      { numRuns: 60 },
    );
  });

  it("drops a post's question link when its author withdraws the question", async () => {
    const { token } = joinAttendee(t.app, event.eventId);
    const asked = await post(token, '#ask Will the slides be shared?');
    expect(asked.questionId).toEqual(expect.any(Number));
    expect(wall().find((p) => p.id === asked.id)?.questionId).toBe(asked.questionId);
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/questions/${asked.questionId}`,
      headers: bearer(token),
    });
    expect(res.statusCode).toBe(200);
    expect(wall().find((p) => p.id === asked.id)?.questionId).toBeNull();
  });

  it("drops a post's question link when a moderator deletes the question's session", async () => {
    const { token } = joinAttendee(t.app, event.eventId);
    const asked = await post(token, '#ask Is the recording public?');
    expect(asked.questionId).toEqual(expect.any(Number));
    expect(wall().find((p) => p.id === asked.id)?.questionId).toBe(asked.questionId);
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/sessions/${event.sessionId}`,
      headers: bearer(event.moderatorKey),
    });
    expect(res.statusCode).toBe(200);
    expect(t.app.domain.repos.questions.findById(asked.questionId!)).toBeNull();
    expect(wall().find((p) => p.id === asked.id)?.questionId).toBeNull();
  });
});
