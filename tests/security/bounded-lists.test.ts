/**
 * Every answer that is a list is bounded: a session's questions page over REST and over the
 * socket, a socket's list commands are rate limited, a socket that does not read is refused and
 * then dropped, and the things every snapshot carries (screens, a session's questions) are capped.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LIMITS, SOCKET_RATE_LIMITS } from '../../shared/limits.ts';
import type { Question, QuestionList } from '../../shared/schemas/questions.ts';
import {
  bearer,
  build,
  joinAttendee,
  listen,
  request,
  seedEvent,
  seedSession,
  socketClients,
  type SeededEvent,
  type TestApp,
} from '../helper.ts';

let t: TestApp;
let url = '';
let seeded: SeededEvent;
const clients = socketClients(() => ({ url, code: seeded.code }), { closeAfter: 'all' });

/** Approved questions with distinct vote counts, written straight to the database. */
function seedQuestions(sessionId: number, count: number, status = 'approved'): void {
  const { attendeeId } = joinAttendee(t.app, seeded.eventId, 'Seeder');
  const insert = t.app.db.prepare(
    `INSERT INTO questions (event_id, session_id, attendee_id, text, author_name, anonymous, status, votes, created_at)
     VALUES (?, ?, ?, ?, 'Seeder', 0, ?, ?, ?)`,
  );
  const at = new Date().toISOString();
  t.app.db.transaction(() => {
    for (let i = 0; i < count; i++)
      insert.run(
        seeded.eventId,
        sessionId,
        attendeeId,
        `Seeded question ${i}?`,
        status,
        i % 37,
        at,
      );
  })();
}

beforeAll(async () => {
  t = await build();
  url = await listen(t.app);
  seeded = seedEvent(t.app);
  seedQuestions(seeded.sessionId, 130);
});

afterAll(async () => {
  await t.close();
});

async function connect(token?: string) {
  return clients.connect(token ? { token } : {});
}

async function getList(path: string, token?: string): Promise<QuestionList> {
  const res = await t.app.inject({ url: path, headers: token ? bearer(token) : {} });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<QuestionList>();
}

const rank = (a: Question, b: Question) => b.votes - a.votes || a.id - b.id;

describe('the public REST list of a session’s questions', () => {
  it('answers a page of 50 by default, with the total and a cursor that walks every question once, best first', async () => {
    const seen: Question[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
      const page = await getList(`/api/sessions/${seeded.sessionId}/questions${query}`);
      expect(page.questions.length).toBeLessThanOrEqual(LIMITS.questionPage.default);
      expect(page.total).toBe(130);
      seen.push(...page.questions);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 10);
    expect(pages).toBe(3);
    expect(new Set(seen.map((q) => q.id)).size).toBe(130);
    expect(seen).toEqual([...seen].sort(rank));
  });

  it('takes a limit up to the maximum and refuses more with validation_failed', async () => {
    const page = await getList(`/api/sessions/${seeded.sessionId}/questions?limit=7&sort=recent`);
    expect(page.questions).toHaveLength(7);
    expect(page.questions.map((q) => q.id)).toEqual(
      [...page.questions.map((q) => q.id)].sort((a, b) => b - a),
    );
    const next = await getList(
      `/api/sessions/${seeded.sessionId}/questions?limit=7&sort=recent&cursor=${page.nextCursor}`,
    );
    expect(Math.max(...next.questions.map((q) => q.id))).toBeLessThan(
      Math.min(...page.questions.map((q) => q.id)),
    );
    const tooMany = await t.app.inject({
      url: `/api/sessions/${seeded.sessionId}/questions?limit=${LIMITS.questionPage.max + 1}`,
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.id).toBe('validation_failed');
    const wrongCursor = await t.app.inject({
      url: `/api/sessions/${seeded.sessionId}/questions?sort=recent&cursor=3.4`,
    });
    expect(wrongCursor.statusCode).toBe(400);
    expect(wrongCursor.json().error.id).toBe('validation_failed');
  });

  it('pages the staff list too, and its search', async () => {
    const page = await getList(
      `/api/sessions/${seeded.sessionId}/moderation/questions?q=question`,
      seeded.moderatorKey,
    );
    expect(page.questions).toHaveLength(LIMITS.questionPage.default);
    expect(page.total).toBe(130);
    expect(page.nextCursor).not.toBeNull();
  });
});

describe('session:watch and session:page', () => {
  it('answers the first page with the caller’s own held question and the spotlighted one, wherever they rank', async () => {
    const { sessionId } = seedSession(t.app, seeded.eventId, { title: 'Own', room: 'Room C' });
    seedQuestions(sessionId, 80);
    const lowest = t.app.db
      .prepare<[number], number>(
        'SELECT id FROM questions WHERE session_id = ? ORDER BY votes, id DESC LIMIT 1',
      )
      .pluck()
      .get(sessionId)!;
    t.app.domain.questions.moderate(
      t.app.domain.resolvePrincipal(seeded.moderatorKey)!,
      lowest,
      'spotlight',
    );
    const { token } = joinAttendee(t.app, seeded.eventId, 'Asker');
    t.app.db
      .prepare("UPDATE events SET question_moderation = 'pre' WHERE id = ?")
      .run(seeded.eventId);
    const mine = t.app.domain.questions.create(t.app.domain.resolvePrincipal(token)!, sessionId, {
      text: 'My own held question?',
    }).question;
    t.app.db
      .prepare("UPDATE events SET question_moderation = 'post' WHERE id = ?")
      .run(seeded.eventId);
    expect(mine.status).toBe('pending');

    const { socket } = await connect(token);
    const first = await request(socket, 'session:watch', { sessionId });
    expect(first.data).toBeDefined();
    const ids = first.data!.questions.map((q) => q.id);
    expect(ids).toContain(mine.id);
    expect(ids).toContain(lowest);
    expect(first.data!.questions.length).toBeLessThanOrEqual(LIMITS.questionPage.default + 2);
    expect(first.data!.total).toBe(80);

    const second = await request(socket, 'session:page', {
      sessionId,
      cursor: first.data!.nextCursor!,
    });
    expect(second.data!.questions.length).toBe(30);
    expect(second.data!.nextCursor).toBeNull();
    // The held question is the asker's only: a stranger's page does not carry it.
    const stranger = await connect();
    const theirs = await request(stranger.socket, 'session:watch', { sessionId });
    expect(theirs.data!.questions.map((q) => q.id)).not.toContain(mine.id);
  });

  it(`limits a socket to ${SOCKET_RATE_LIMITS.list.burst} lists at once, for anonymous sockets too`, async () => {
    const { socket } = await connect();
    const answers = await Promise.all(
      Array.from({ length: SOCKET_RATE_LIMITS.list.burst + 5 }, () =>
        request(socket, 'session:watch', { sessionId: seeded.sessionId }),
      ),
    );
    expect(answers.filter((a) => a.data)).toHaveLength(SOCKET_RATE_LIMITS.list.burst);
    const refused = answers.filter((a) => a.error);
    expect(refused.map((a) => a.error!.id)).toEqual(Array(5).fill('rate_limit_exceeded'));
    expect(refused[0]!.error!.retryAfterMs).toBeGreaterThan(0);
  });

  it('drops a socket that sends more messages a second than a person could', async () => {
    const { socket } = await connect();
    const gone = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    for (let i = 0; i < LIMITS.socketMessagesPerSecond + 50; i++)
      socket.emit('question:vote', { questionId: 1 }, () => undefined);
    expect(await gone).toBe('io server disconnect');
    const health = await t.app.inject({ url: '/api/health' });
    expect(health.statusCode).toBe(200);
  });

  it('refuses lists to a socket that is not reading what it was sent, then drops it', async () => {
    const { socket } = await connect();
    const server = [...t.app.io.sockets.sockets.values()].find((s) => s.id === socket.id)!;
    const conn = server.conn as unknown as {
      transport: { writable: boolean };
      writeBuffer: unknown[];
      flush(): void;
    };
    // Stands for a client that stopped reading: the transport cannot take more, so engine.io
    // holds what the server sends, and the server has sent it plenty.
    conn.transport.writable = false;
    server.emit('event:updated', { padding: 'x'.repeat(LIMITS.socketBufferedBytes) } as never);
    const first = request(socket, 'session:watch', { sessionId: seeded.sessionId });
    for (let i = 1; i < LIMITS.socketRefusals; i++)
      socket.emit('session:watch', { sessionId: seeded.sessionId }, () => undefined);
    const gone = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    await vi.waitFor(() => expect(server.connected).toBe(false), { timeout: 3000 });
    // Once it reads again it learns why.
    conn.transport.writable = true;
    conn.flush();
    expect((await first).error?.id).toBe('slow_consumer');
    expect(await gone).toBe('io server disconnect');
  });
});

describe('caps', () => {
  it(`refuses question ${LIMITS.questionsPerSession + 1} of a session with 409 too_many_questions`, async () => {
    const { sessionId } = seedSession(t.app, seeded.eventId, {
      title: 'Full',
      room: 'Room F',
      live: true,
    });
    seedQuestions(sessionId, LIMITS.questionsPerSession);
    const { token } = joinAttendee(t.app, seeded.eventId, 'Late');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/sessions/${sessionId}/questions`,
      headers: bearer(token),
      payload: { text: 'One more question?' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.id).toBe('too_many_questions');
    expect(t.app.domain.repos.questions.countInSession(sessionId)).toBe(LIMITS.questionsPerSession);
    // The first page of that session is still a page.
    const page = await getList(`/api/sessions/${sessionId}/questions`);
    expect(page.questions).toHaveLength(LIMITS.questionPage.default);
    expect(page.total).toBe(LIMITS.questionsPerSession);
  });

  it(`refuses screen ${LIMITS.screensPerEvent + 1} of an event with 409 too_many_screens, and still switches the ones it has`, async () => {
    const set = (name: string) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/events/${seeded.eventId}/screens/${encodeURIComponent(name)}`,
        headers: bearer(seeded.moderatorKey),
        payload: { mode: 'join' },
      });
    for (let i = 0; i < LIMITS.screensPerEvent; i++)
      expect((await set(`s${i}`)).statusCode).toBe(200);
    const refused = await set('one too many');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.id).toBe('too_many_screens');
    expect((await set('s3')).statusCode).toBe(200);
    expect(t.app.domain.screens.list(seeded.eventId)).toHaveLength(LIMITS.screensPerEvent);
  });
});
