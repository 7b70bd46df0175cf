/**
 * The anonymous asker's trail. Ada posts to the wall under her name (so moderators know her as
 * `attendee:<id>`), asks one named question and two anonymous ones: one she edits and a
 * moderator then approves and answers, one she withdraws. Then everything a stranger, a moderator or an
 * export can read is searched for anything that ties an anonymous question to her.
 */
import Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../server/db/database.ts';
import type { Question } from '../../shared/schemas/questions.ts';
import {
  bearer,
  build,
  collect,
  connectClient,
  joinAttendee,
  listen,
  seedEvent,
  sleep,
  socketClients,
  tempDataDir,
  type ClientSocket,
  type SeededEvent,
  type TestApp,
} from '../helper.ts';

const NAME = 'Ada Lovelace';

describe('an anonymous question cannot be traced to its asker', () => {
  let t: TestApp;
  let url: string;
  let event: SeededEvent;
  let adaId: number;
  let adaKey: string;
  const anonymousIds: number[] = [];
  let namedId: number;
  let withdrawnId: number;
  let moderatorSocket: ClientSocket;
  let strangerSocket: ClientSocket;
  const clients = socketClients(() => ({ url, code: event.code }), { closeAfter: 'all' });
  let seenByModerator: Question[];
  let seenByStranger: Question[];

  const inject = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, token?: string) =>
    t.app.inject({ method, url: path, headers: token ? bearer(token) : {} });

  /** What a moderator reads, as text. */
  async function read(path: string): Promise<string> {
    const response = await inject('GET', path, event.moderatorKey);
    expect(response.statusCode, path).toBe(200);
    return response.body;
  }

  beforeAll(async () => {
    t = await build();
    url = await listen(t.app);
    event = seedEvent(t.app, { settings: { questionModeration: 'pre', allowAnonymous: true } });
    moderatorSocket = (await clients.moderator(event.moderatorKey)).socket;
    strangerSocket = (await clients.screen()).socket;
    const created = collect(moderatorSocket, 'question:created');
    const updated = collect(moderatorSocket, 'question:updated');
    const publicUpdates = collect(strangerSocket, 'question:updated');
    await new Promise<void>((resolve) => {
      strangerSocket.emit('session:watch', { sessionId: event.sessionId }, () => resolve());
    });

    const ada = joinAttendee(t.app, event.eventId, NAME);
    adaId = ada.attendeeId;
    adaKey = `attendee:${adaId}`;
    const ask = async (text: string, anonymous: boolean) => {
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/sessions/${event.sessionId}/questions`,
        headers: bearer(ada.token),
        payload: { text, anonymous },
      });
      expect(response.statusCode).toBe(201);
      return response.json<Question>().id;
    };
    const post = await t.app.inject({
      method: 'POST',
      url: `/api/events/${event.eventId}/posts`,
      headers: bearer(ada.token),
      payload: { text: 'Ada was here, loudly' },
    });
    expect(post.statusCode).toBe(201);

    namedId = await ask('A question Ada signs?', false);
    const edited = await ask('Anonymous, to be edited?', true);
    withdrawnId = await ask('Anonymous, to be withdrawn?', true);
    // The question limit allows three in a burst: the edited one is also approved and answered.
    const answered = edited;
    anonymousIds.push(edited);

    const edit = await t.app.inject({
      method: 'PATCH',
      url: `/api/questions/${edited}`,
      headers: bearer(ada.token),
      payload: { text: 'Anonymous, and edited by the asker?' },
    });
    expect(edit.statusCode).toBe(200);
    expect((await inject('DELETE', `/api/questions/${withdrawnId}`, ada.token)).statusCode).toBe(
      200,
    );
    for (const action of ['approve', 'answer']) {
      const moderated = await t.app.inject({
        method: 'POST',
        url: `/api/questions/${answered}/moderation`,
        headers: bearer(event.moderatorKey),
        payload: { action },
      });
      expect(moderated.statusCode).toBe(200);
    }
    await sleep(300);
    seenByModerator = [...created.items, ...updated.items];
    seenByStranger = publicUpdates.items;
  });

  afterAll(async () => {
    await t?.close();
  });

  const isAnonymous = (id: number) => anonymousIds.includes(id) || id === withdrawnId;

  it('stores no name for an anonymous question', () => {
    const rows = t.app.db
      .prepare('SELECT id, author_name FROM questions WHERE anonymous = 1 ORDER BY id')
      .all() as Array<{ id: number; author_name: string | null }>;
    expect(rows.map((row) => row.id)).toEqual(anonymousIds);
    expect(rows.every((row) => row.author_name === null)).toBe(true);
    // Named questions keep theirs.
    expect(
      t.app.db.prepare('SELECT author_name FROM questions WHERE id = ?').pluck().get(namedId),
    ).toBe(NAME);
  });

  it("logs the asker's own edit and withdrawal as 'asker', never by identity", async () => {
    const log = JSON.parse(await read(`/api/events/${event.eventId}/moderation/log?limit=100`)) as {
      entries: Array<{ actor: string; action: string; itemId: number | null }>;
    };
    const own = log.entries.filter((entry) =>
      ['question_edit', 'question_withdraw'].includes(entry.action),
    );
    expect(own.map((entry) => [entry.action, entry.actor]).sort()).toEqual([
      ['question_edit', 'asker'],
      ['question_withdraw', 'asker'],
    ]);
    const text = JSON.stringify(log);
    expect(text).not.toContain(adaKey);
    expect(text).not.toContain('Lovelace');
  });

  it('puts no asker in the authors list next to a question', async () => {
    const authors = JSON.parse(await read(`/api/events/${event.eventId}/authors`)) as {
      authors: Array<{ authorKey: string; posts: number; pending: number }>;
    };
    const ada = authors.authors.find((author) => author.authorKey === adaKey);
    // Ada is listed for her one post, and only for it: her questions are not counted to her.
    expect(ada).toMatchObject({ posts: 1 });
    expect(JSON.stringify(authors)).not.toContain('Anonymous,');
  });

  it('finds no anonymous question by its asker in any search', async () => {
    const event_ = JSON.parse(
      await read(`/api/events/${event.eventId}/questions/search?q=lovelace`),
    ) as { questions: Question[] };
    expect(event_.questions.map((q) => q.id)).toEqual([namedId]);
    const session = JSON.parse(
      await read(`/api/sessions/${event.sessionId}/moderation/questions?q=lovelace`),
    ) as { questions: Question[] };
    expect(session.questions.map((q) => q.id)).toEqual([namedId]);
    const posts = await read(`/api/events/${event.eventId}/moderation/posts?q=anonymous`);
    expect(posts).not.toContain('Anonymous,');
  });

  it('exports anonymous questions without a name, in JSON, CSV and Markdown', async () => {
    const json = JSON.parse(await read(`/api/events/${event.eventId}/export.json`)) as {
      questions: Array<{ id: number; author: string | null }>;
      posts: Array<{ authorKey: string | null; questionId: number | null }>;
    };
    for (const question of json.questions) {
      if (isAnonymous(question.id)) expect(JSON.stringify(question)).not.toContain('Lovelace');
    }
    expect(json.questions.find((q) => q.id === namedId)?.author).toBe(NAME);
    // No post of Ada's points at an anonymous question.
    const adaPosts = json.posts.filter((post) => post.authorKey === adaKey);
    expect(adaPosts.length).toBe(1);
    expect(
      adaPosts.every((post) => post.questionId === null || !isAnonymous(post.questionId)),
    ).toBe(true);

    const csv = await read(`/api/events/${event.eventId}/export/questions.csv`);
    const rows = csv.split('\r\n').filter((line) => line.includes('Anonymous,'));
    expect(rows.length).toBe(1);
    for (const row of rows) expect(row).not.toContain('Lovelace');

    const markdown = await read(`/api/events/${event.eventId}/export.md`);
    const items = markdown.split('\n- ').filter((item) => item.includes('Anonymous,'));
    expect(items.length).toBe(1);
    for (const item of items) expect(item).not.toContain('Lovelace');
  });

  it('sends no asker to moderators or strangers over sockets, or over the public list', async () => {
    const anonymous = seenByModerator.filter((q) => isAnonymous(q.id));
    expect(anonymous.length).toBeGreaterThanOrEqual(4);
    for (const question of [...anonymous, ...seenByStranger.filter((q) => isAnonymous(q.id))]) {
      expect(question.authorName).toBeNull();
      expect(JSON.stringify(question)).not.toContain(adaKey);
    }
    const list = await inject('GET', `/api/sessions/${event.sessionId}/questions`);
    const answered = list.json<{ questions: Question[] }>().questions.find((q) => q.anonymous);
    expect(answered).toMatchObject({ id: anonymousIds[0], authorName: null });
    expect(list.body).not.toContain('Lovelace');
  });
});

describe('duplicate questions keep an anonymous asker anonymous', () => {
  it('neither a suggestion nor a merge, its log, broadcasts or exports name the asker', async () => {
    const t = await build();
    try {
      const url = await listen(t.app);
      const event = seedEvent(t.app, { settings: { allowAnonymous: true } });
      const moderator = await connectClient(url, {
        eventCode: event.code,
        token: event.moderatorKey,
      });
      const stranger = await connectClient(url, { eventCode: event.code });
      await new Promise<void>((resolve) =>
        stranger.socket.emit('session:watch', { sessionId: event.sessionId }, () => resolve()),
      );
      const heard = [
        collect(moderator.socket, 'question:updated'),
        collect(stranger.socket, 'question:updated'),
      ];
      const ada = joinAttendee(t.app, event.eventId, NAME);
      const other = joinAttendee(t.app, event.eventId, 'Grace');
      const ask = (token: string, text: string, anonymous: boolean) =>
        t.app.domain.questions.create(t.app.domain.resolvePrincipal(token)!, event.sessionId, {
          text,
          anonymous,
        }).question.id;
      const hers = ask(ada.token, 'How do you keep secrets out of the Git repository?', true);
      const target = ask(other.token, 'How do you keep secrets out of git repositories?', false);
      const similar = await t.app.inject({
        method: 'GET',
        url: `/api/sessions/${event.sessionId}/questions/similar?text=${encodeURIComponent('keep secrets out of the git repository')}`,
      });
      expect(
        similar.json().suggestions.map((s: { question: Question }) => s.question.id),
      ).toContain(hers);
      const merged = await t.app.inject({
        method: 'POST',
        url: `/api/questions/${hers}/merge`,
        headers: bearer(event.moderatorKey),
        payload: { targetId: target },
      });
      expect(merged.statusCode).toBe(200);
      await sleep(300);
      const read = async (path: string) =>
        (await t.app.inject({ method: 'GET', url: path, headers: bearer(event.moderatorKey) }))
          .body;
      const texts = [
        similar.body,
        merged.body,
        await read(`/api/events/${event.eventId}/moderation/log`),
        await read(`/api/events/${event.eventId}/export.json`),
        await read(`/api/events/${event.eventId}/export/questions.csv`),
        JSON.stringify(heard.map((h) => h.items)),
      ];
      expect(heard[0]!.items.some((q) => q.id === hers && q.mergedInto === target)).toBe(true);
      for (const text of texts) {
        expect(text).not.toContain('Lovelace');
        expect(text).not.toContain(`attendee:${ada.attendeeId}`);
      }
      moderator.socket.close();
      stranger.socket.close();
    } finally {
      await t.close();
    }
  });
});

describe('migration 008', () => {
  it('scrubs names kept for anonymous questions and asker ids from the log, and keeps them out', () => {
    const dir = tempDataDir();
    const db = new Database(join(dir, 'legacy.db'));
    // The database as it stood before 008: every earlier migration, then rows written by old code.
    const migrations = join(import.meta.dirname, '../../server/db/migrations');
    db.exec(
      'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
    for (const name of readdirSync(migrations).sort()) {
      const version = Number.parseInt(name, 10);
      if (version >= 8) continue;
      db.exec(readFileSync(join(migrations, name), 'utf8'));
      db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(version, name, 'then');
    }
    db.exec(`
      INSERT INTO events (id, code, name, moderator_key_hash, speaker_key_hash, api_key_hash, created_at)
        VALUES (1, 'OLD123', 'Old', 'm', 's', 'a', 'then');
      INSERT INTO sessions (id, event_id, title, speaker_key_hash, created_at) VALUES (1, 1, 'T', 'k', 'then');
      INSERT INTO attendees (id, event_id, display_name, token_hash, created_at) VALUES (7, 1, 'Ada', 'h', 'then');
      INSERT INTO questions (id, event_id, session_id, attendee_id, text, author_name, anonymous, status, created_at)
        VALUES (1, 1, 1, 7, 'secret', 'Ada', 1, 'pending', 'then'),
               (2, 1, 1, 7, 'signed', 'Ada', 0, 'pending', 'then');
      INSERT INTO moderation_log (event_id, actor, action, item_type, item_id, created_at)
        VALUES (1, 'attendee:7', 'question_edit', 'question', 1, 'then'),
               (1, 'moderator:Mo', 'question_approve', 'question', 2, 'then');
    `);
    expect(migrate(db)).toContain(8);
    const names = db.prepare('SELECT author_name FROM questions ORDER BY id').pluck().all();
    expect(names).toEqual([null, 'Ada']);
    const actors = db.prepare('SELECT actor FROM moderation_log ORDER BY id').pluck().all();
    expect(actors).toEqual(['asker', 'moderator:Mo']);
    // Whatever code writes later, the triggers keep it so.
    db.prepare("UPDATE questions SET author_name = 'Ada' WHERE id = 1").run();
    db.prepare(
      "INSERT INTO questions (event_id, session_id, attendee_id, text, author_name, anonymous, status, created_at) VALUES (1, 1, 7, 'more', 'Ada', 1, 'pending', 'now')",
    ).run();
    db.prepare(
      "INSERT INTO moderation_log (event_id, actor, action, item_type, item_id, created_at) VALUES (1, 'attendee:7', 'question_withdraw', 'question', 3, 'now')",
    ).run();
    expect(
      db
        .prepare('SELECT count(*) FROM questions WHERE anonymous = 1 AND author_name IS NOT NULL')
        .pluck()
        .get(),
    ).toBe(0);
    expect(
      db.prepare("SELECT count(*) FROM moderation_log WHERE actor LIKE 'attendee:%'").pluck().get(),
    ).toBe(0);
    db.close();
  });
});
