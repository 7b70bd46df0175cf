import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../../shared/limits.ts';
import {
  bearer,
  build,
  seedEvent,
  seedSession,
  type SeededEvent,
  type TestApp,
} from '../../helper.ts';

/**
 * The console's searches: a status or a session narrows the matches before the newest are cut
 * to the search window, and pages follow a keyset cursor that holds while new items arrive.
 */

let t: TestApp;
let event: SeededEvent;
let room2: number;
let post: (text: string, status: string) => number;
let question: (text: string, sessionId: number) => number;

async function ok<T>(url: string): Promise<T> {
  const res = await t.app.inject({ url: `/api${url}`, headers: bearer(event.moderatorKey) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as T;
}

/** Every page of a search, following nextCursor; `between` runs after the first page. */
async function allPages(url: string, list: 'posts' | 'questions', between?: () => void) {
  const ids: number[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: { nextCursor: string | null } & Record<string, Array<{ id: number }>> = await ok(
      `${url}&limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    ids.push(...page[list]!.map((item) => item.id));
    cursor = page.nextCursor;
    if (++pages === 1) between?.();
  } while (cursor && pages < 100);
  return ids;
}

beforeAll(async () => {
  t = await build();
  event = seedEvent(t.app);
  room2 = seedSession(t.app, event.eventId, { title: 'Second talk', room: 'Room B' }).sessionId;
  const insertPost = t.app.db.prepare(
    `INSERT INTO posts (event_id, source, text, author_name, status, author_key, created_at, updated_at)
     VALUES (?, 'api', ?, 'Someone', ?, 'api:someone', ?, ?)`,
  );
  const insertQuestion = t.app.db.prepare(
    `INSERT INTO questions (event_id, session_id, text, author_name, status, created_at)
     VALUES (?, ?, ?, 'Asker', 'approved', ?)`,
  );
  const at = new Date().toISOString();
  post = (text, status) =>
    Number(insertPost.run(event.eventId, text, status, at, at).lastInsertRowid);
  question = (text, sessionId) =>
    Number(insertQuestion.run(event.eventId, sessionId, text, at).lastInsertRowid);
});
afterAll(() => t.close());

describe('console search', () => {
  it('finds pending posts older than more approved matches than the window holds', async () => {
    const held = post('a heron waits', 'pending');
    t.app.db.transaction(() => {
      for (let i = 0; i < LIMITS.searchWindow + 20; i++) post(`heron ${i}`, 'approved');
    })();
    const found = await allPages(
      `/events/${event.eventId}/moderation/posts?q=heron&status=pending`,
      'posts',
    );
    expect(found).toEqual([held]);
  });

  it("finds a session's questions older than more matches in other sessions than the window holds", async () => {
    const mine = question('Why do egrets fly?', event.sessionId);
    t.app.db.transaction(() => {
      for (let i = 0; i < LIMITS.searchWindow + 20; i++) question(`egrets ${i}?`, room2);
    })();
    const res = await ok<{ questions: Array<{ id: number }> }>(
      `/sessions/${event.sessionId}/moderation/questions?q=egrets`,
    );
    expect(res.questions.map((q) => q.id)).toEqual([mine]);
  });

  it('pages posts by cursor: every match once, none of those that arrive meanwhile', async () => {
    const before = new Set<number>();
    t.app.db.transaction(() => {
      for (let i = 0; i < 30; i++)
        before.add(post(`ibis ${'wing '.repeat(i % 4)}${i}`, 'approved'));
    })();
    const seen = await allPages(`/events/${event.eventId}/moderation/posts?q=ibis`, 'posts', () => {
      for (let i = 0; i < 20; i++) post('ibis', 'approved');
    });
    expect(seen).toHaveLength(30);
    expect(new Set(seen)).toEqual(before);
    expect(
      await allPages(`/events/${event.eventId}/moderation/posts?q=ibis`, 'posts'),
    ).toHaveLength(50);
  });

  it('pages questions of the event by cursor: every match once, none of those that arrive meanwhile', async () => {
    const before = new Set<number>();
    t.app.db.transaction(() => {
      for (let i = 0; i < 25; i++)
        before.add(
          question(`stork ${'nest '.repeat(i % 3)}${i}?`, i % 2 ? room2 : event.sessionId),
        );
    })();
    const url = `/events/${event.eventId}/questions/search?q=stork`;
    const seen = await allPages(url, 'questions', () => {
      for (let i = 0; i < 20; i++) question('stork?', event.sessionId);
    });
    expect(seen).toHaveLength(25);
    expect(new Set(seen)).toEqual(before);
    expect(await allPages(url, 'questions')).toHaveLength(45);
  });

  it('refuses a cursor it did not hand out, and a search cursor on the plain list, with 400', async () => {
    const first = await ok<{ nextCursor: string }>(
      `/events/${event.eventId}/moderation/posts?q=ibis&limit=2`,
    );
    for (const url of [
      `/events/${event.eventId}/moderation/posts?cursor=${encodeURIComponent(first.nextCursor)}`,
      `/events/${event.eventId}/moderation/posts?q=ibis&cursor=12`,
      `/events/${event.eventId}/moderation/posts?q=ibis&cursor=1~1~1~1~1~1`,
      `/events/${event.eventId}/questions/search?q=stork&cursor=5`,
    ]) {
      const res = await t.app.inject({ url: `/api${url}`, headers: bearer(event.moderatorKey) });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.id).toBe('validation_failed');
    }
  });
});
