import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  build,
  joinAttendee,
  seedEvent,
  seedSession,
  type SeededEvent,
  type TestApp,
} from '../../helper.ts';

let t: TestApp;
/** Posts go straight to the wall here, so the public wall-head cache fills up. */
let event: SeededEvent;
let other: SeededEvent;
let room2: number;
const posts: Record<string, number> = {};
const questions: Record<string, number> = {};

const get = (url: string, token?: string) =>
  t.app.inject({ url: `/api${url}`, headers: token ? bearer(token) : {} });

async function ok<T>(url: string, token = event.moderatorKey): Promise<T> {
  const res = await get(url, token);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as T;
}

const postIds = async (query: string) =>
  (
    await ok<{ posts: Array<{ id: number }> }>(`/events/${event.eventId}/moderation/posts?${query}`)
  ).posts.map((p) => p.id);
const staffQuestionIds = async (
  query: string,
  sessionId = event.sessionId,
  token = event.moderatorKey,
) =>
  (
    await ok<{ questions: Array<{ id: number }> }>(
      `/sessions/${sessionId}/moderation/questions?${query}`,
      token,
    )
  ).questions.map((q) => q.id);
const q = (text: string) => `q=${encodeURIComponent(text)}`;

beforeAll(async () => {
  t = await build();
  event = seedEvent(t.app, { settings: { postModeration: 'post' } });
  other = seedEvent(t.app, { settings: { postModeration: 'post' } });
  room2 = seedSession(t.app, event.eventId, { title: 'Second talk', room: 'Room B' }).sessionId;
  const say = async (
    key: string,
    text: string,
    author?: { name: string; handle?: string },
    on = event,
  ) => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/events/${on.eventId}/posts`,
      headers: bearer(on.apiKey),
      payload: { text, author },
    });
    expect(res.statusCode, res.body).toBe(201);
    posts[key] = res.json().id;
  };
  await say('percent', 'I am 100% sure', { name: 'Zed' });
  await say('noPercent', 'I am 1000 sure', { name: 'Zed' });
  await say('underscore', 'snake_case wins', { name: 'Zed' });
  await say('noUnderscore', 'snakeXcase loses', { name: 'Zed' });
  await say('backslash', 'C:\\temp is a path', { name: 'Zed' });
  await say('accent', 'Merci ÉMILIE pour la keynote', { name: 'Zed' });
  await say('byAuthor', 'Nothing to see', { name: 'Émilie Durand' });
  await say('byHandle', 'Also nothing', { name: 'Someone', handle: 'grace_h' });
  await say('elsewhere', 'I am 100% sure too', { name: 'Zed' }, other);

  const ask = (name: string, text: string, anonymous = false, sessionId = event.sessionId) => {
    const { token } = joinAttendee(t.app, event.eventId, name);
    return t.app.domain.questions.create(t.app.domain.resolvePrincipal(token)!, sessionId, {
      text,
      anonymous,
    }).question.id;
  };
  questions.scale = ask('Ada Lovelace', 'How does it SCALE?');
  questions.byAda = ask('Ada Lovelace', 'What about memory?');
  questions.anonymous = ask('Ada Lovelace', 'Who is asking anonymously?', true);
  questions.percent = ask('Bob', 'Is 100% coverage worth it?');
  questions.room2 = ask('Ada Lovelace', 'Does it scale in room B?', false, room2);
});
afterAll(() => t.close());

describe('GET /api/events/:eventId/moderation/posts?q=', () => {
  it('finds posts by their text ignoring case and accents, best match first', async () => {
    // "émilie" is in the author's name of one (half weight) and the text of the other.
    expect(await postIds(q('émilie'))).toEqual([posts.accent, posts.byAuthor]);
    expect(await postIds(q('EMILIE'))).toEqual([posts.accent, posts.byAuthor]);
    expect(await postIds(q('KEYNOTE'))).toEqual([posts.accent]);
  });

  it('finds posts by author name and handle', async () => {
    expect(await postIds(q('durand'))).toEqual([posts.byAuthor]);
    expect(await postIds(q('grace_h'))).toEqual([posts.byHandle]);
  });

  it('stems words, and understands "phrases", prefix* and OR', async () => {
    expect(await postIds(q('win'))).toEqual([posts.underscore]);
    expect(await postIds(q('losing'))).toEqual([posts.noUnderscore]);
    expect(await postIds(q('"snake case"'))).toEqual([posts.underscore]);
    expect(await postIds(q('"case snake"'))).toEqual([]);
    expect(await postIds(q('snak'))).toEqual([]);
    expect((await postIds(q('snak*'))).sort()).toEqual(
      [posts.underscore, posts.noUnderscore].sort(),
    );
    expect(await postIds(q('snake* OR path'))).toEqual(
      expect.arrayContaining([posts.underscore, posts.noUnderscore, posts.backslash]),
    );
    expect(await postIds(q('snake path'))).toEqual([]);
  });

  it('reads FTS5 syntax and SQL as plain words: never a 500', async () => {
    for (const text of [
      'NEAR(a b)',
      'body:sure',
      '"unclosed',
      'a AND OR NOT',
      '(((',
      "'; DROP TABLE posts; --",
      '100% "sure"*',
      '^sure',
      'sure -100',
      '* OR *',
    ]) {
      const res = await get(
        `/events/${event.eventId}/moderation/posts?${q(text)}`,
        event.moderatorKey,
      );
      expect([200, 400], `${text}: ${res.body}`).toContain(res.statusCode);
      if (res.statusCode === 400) expect(res.json().error.id).toBe('validation_failed');
    }
    expect(await postIds(q('100% "sure"*'))).toEqual([posts.percent]);
    expect(await postIds(q("'; DROP TABLE posts; --"))).toEqual([]);
  });

  it('marks the matched words in a snippet of each post found', async () => {
    const page = await ok<{ snippets: Record<string, Array<{ text: string; match: boolean }>> }>(
      `/events/${event.eventId}/moderation/posts?${q('keynote merci')}`,
    );
    expect(page.snippets[String(posts.accent)]).toEqual([
      { text: 'Merci', match: true },
      { text: ' ÉMILIE pour la ', match: false },
      { text: 'keynote', match: true },
    ]);
    // Each post gets its own text, however many were found.
    const two = await ok<{
      posts: Array<{ id: number; text: string }>;
      snippets: Record<string, Array<{ text: string }>>;
    }>(`/events/${event.eventId}/moderation/posts?${q('snake*')}`);
    expect(two.posts).toHaveLength(2);
    for (const post of two.posts)
      expect(two.snippets[String(post.id)]!.map((part) => part.text).join('')).toBe(post.text);
  });

  it('refuses a search with nothing to look for with 400 validation_failed', async () => {
    for (const text of ['%', '_', '\\', '"" * OR']) {
      const res = await get(
        `/events/${event.eventId}/moderation/posts?${q(text)}`,
        event.moderatorKey,
      );
      expect(res.statusCode, text).toBe(400);
      expect(res.json().error).toMatchObject({
        id: 'validation_failed',
        fields: { 'querystring.q': 'needs a letter or a digit to look for' },
      });
    }
  });

  it('trims what was typed and finds nothing of another event', async () => {
    expect(await postIds(q('  100  '))).toEqual([posts.percent]);
    expect(await postIds(q('too'))).toEqual([]);
  });

  it('pages through the matches with limit and nextCursor', async () => {
    const all = await postIds(q('i OR am OR is OR also OR nothing'));
    expect(all.length).toBeGreaterThan(4);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { posts: Array<{ id: number }>; nextCursor: string | null } = await ok(
        `/events/${event.eventId}/moderation/posts?${q('i OR am OR is OR also OR nothing')}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.posts.length).toBeLessThanOrEqual(2);
      seen.push(...page.posts.map((p) => p.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it('searches within one status, and never answers from the cached first page of the wall', async () => {
    // The public wall fills the cache of the newest approved posts; a search must not reuse it.
    expect((await get(`/events/${event.eventId}/posts?limit=2`)).statusCode).toBe(200);
    expect(await postIds(`status=approved&limit=2&${q('durand')}`)).toEqual([posts.byAuthor]);
    expect(await postIds(`status=pending&${q('durand')}`)).toEqual([]);
    t.app.domain.posts.moderate(
      { kind: 'moderator', eventId: event.eventId },
      posts.byAuthor!,
      'hide',
    );
    expect(await postIds(`status=hidden&${q('durand')}`)).toEqual([posts.byAuthor]);
  });

  it('refuses an empty, blank or over-long search with 400 validation_failed', async () => {
    for (const text of ['', '   ', 'x'.repeat(101)]) {
      const res = await get(
        `/events/${event.eventId}/moderation/posts?${q(text)}`,
        event.moderatorKey,
      );
      expect(res.statusCode, JSON.stringify(text)).toBe(400);
      expect(res.json().error).toMatchObject({
        id: 'validation_failed',
        fields: { 'querystring.q': expect.any(String) },
      });
    }
    expect(
      (
        await get(
          `/events/${event.eventId}/moderation/posts?${q('x'.repeat(100))}`,
          event.moderatorKey,
        )
      ).statusCode,
    ).toBe(200);
  });

  it('is for moderators: 401 without a credential, 403 for an attendee, and no q on the public wall', async () => {
    expect((await get(`/events/${event.eventId}/moderation/posts?${q('sure')}`)).statusCode).toBe(
      401,
    );
    const attendee = joinAttendee(t.app, event.eventId).token;
    expect(
      (await get(`/events/${event.eventId}/moderation/posts?${q('sure')}`, attendee)).statusCode,
    ).toBe(403);
    expect(
      (await get(`/events/${event.eventId}/moderation/posts?${q('sure')}`, other.moderatorKey))
        .statusCode,
    ).toBe(403);
    const wall = await get(`/events/${event.eventId}/posts?${q('sure')}`);
    expect(wall.statusCode).toBe(400);
    expect(wall.json().error.id).toBe('validation_failed');
  });
});

describe('GET /api/sessions/:sessionId/moderation/questions?q=', () => {
  it('finds a session’s questions by text, ignoring case, best first', async () => {
    expect(await staffQuestionIds(q('scaling'))).toEqual([questions.scale]);
    expect(await staffQuestionIds(q('100%'))).toEqual([questions.percent]);
    expect(await staffQuestionIds(q('coverag*'))).toEqual([questions.percent]);
  });

  it('finds them by author, but never an anonymous question by the name of who asked it', async () => {
    expect(await staffQuestionIds(`sort=recent&${q('lovelace')}`)).toEqual([
      questions.byAda,
      questions.scale,
    ]);
    expect(await staffQuestionIds(q('anonymously'))).toEqual([questions.anonymous]);
    expect(await staffQuestionIds(q('ada'))).not.toContain(questions.anonymous);
  });

  it('keeps the index in step with an edited question: the new words find it, the old do not', async () => {
    const pre = seedEvent(t.app, { settings: { questionModeration: 'pre' } });
    const preAttendee = joinAttendee(t.app, pre.eventId, 'Editor');
    const asker = t.app.domain.resolvePrincipal(preAttendee.token)!;
    const id = t.app.domain.questions.create(asker, pre.sessionId, {
      text: 'What about turtles?',
    }).question.id;
    t.app.domain.questions.edit(asker, id, 'What about tortoises?');
    expect(await staffQuestionIds(q('tortoise'), pre.sessionId, pre.moderatorKey)).toEqual([id]);
    expect(await staffQuestionIds(q('turtles'), pre.sessionId, pre.moderatorKey)).toEqual([]);
  });

  it("lets the session's speaker search, and refuses q on the public list", async () => {
    expect(await staffQuestionIds(q('memory'), event.sessionId, event.sessionSpeakerKey)).toEqual([
      questions.byAda,
    ]);
    expect((await get(`/sessions/${event.sessionId}/questions?${q('memory')}`)).statusCode).toBe(
      400,
    );
  });

  it('refuses a blank search with 400 validation_failed', async () => {
    const res = await get(
      `/sessions/${event.sessionId}/moderation/questions?q=%20`,
      event.moderatorKey,
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      id: 'validation_failed',
      fields: { 'querystring.q': expect.any(String) },
    });
  });
});

describe('GET /api/events/:eventId/questions/search', () => {
  type Page = { questions: Array<{ id: number; sessionId: number }>; nextCursor: string | null };
  const search = (query: string, token = event.moderatorKey) =>
    ok<Page>(`/events/${event.eventId}/questions/search?${query}`, token);

  it('finds questions of every session, best match first', async () => {
    const page = await search(q('SCALE'));
    // "How does it SCALE?" is shorter than "Does it scale in room B?": bm25 ranks it first.
    expect(page.questions.map((x) => [x.id, x.sessionId])).toEqual([
      [questions.scale, event.sessionId],
      [questions.room2, room2],
    ]);
    expect(page.nextCursor).toBeNull();
  });

  it('finds by author but not an anonymous question by its asker', async () => {
    expect((await search(q('ada'))).questions.map((x) => x.id).sort((a, b) => a - b)).toEqual([
      questions.scale,
      questions.byAda,
      questions.room2,
    ]);
    expect((await search(q('100'))).questions.map((x) => x.id)).toEqual([questions.percent]);
  });

  it('pages with limit and cursor through the same ranking', async () => {
    const all = (await search(q('ada'))).questions.map((x) => x.id);
    const first = await search(`${q('ada')}&limit=2`);
    expect(first.questions.map((x) => x.id)).toEqual(all.slice(0, 2));
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await search(`${q('ada')}&limit=2&cursor=${first.nextCursor}`);
    expect(second).toMatchObject({
      questions: [expect.objectContaining({ id: all[2] })],
      nextCursor: null,
    });
  });

  it('needs q: 400 validation_failed without it or with a blank one', async () => {
    for (const query of [
      '',
      'q=',
      'q=%20%20',
      `q=${'y'.repeat(101)}`,
      'q=ok&limit=0',
      'q=ok&cursor=abc',
    ]) {
      const res = await get(
        `/events/${event.eventId}/questions/search?${query}`,
        event.moderatorKey,
      );
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.id).toBe('validation_failed');
    }
  });

  it("is for the event's moderator: 401, 403 for everyone else, 404 for an unknown event", async () => {
    expect((await get(`/events/${event.eventId}/questions/search?${q('ada')}`)).statusCode).toBe(
      401,
    );
    const attendee = joinAttendee(t.app, event.eventId).token;
    for (const token of [
      attendee,
      event.sessionSpeakerKey,
      event.speakerKey,
      event.apiKey,
      other.moderatorKey,
    ]) {
      const res = await get(`/events/${event.eventId}/questions/search?${q('ada')}`, token);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.id).toBe('forbidden');
    }
    const missing = await get(`/events/999999/questions/search?${q('ada')}`, event.moderatorKey);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.id).toBe('event_not_found');
  });
});
