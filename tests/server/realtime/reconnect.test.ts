import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  build,
  joinAttendee,
  listen,
  request,
  seedEvent,
  sleep,
  socketClients,
  type SeededEvent,
  type TestApp,
} from '../../helper.ts';

let t: TestApp;
let url: string;
const clients = socketClients(() => ({ url, code: seeded.code }));
let seeded: SeededEvent;

beforeAll(async () => {
  t = await build();
  url = await listen(t.app);
  seeded = seedEvent(t.app);
});
afterAll(() => t.close());

async function askAndVote(voters: number, text: string): Promise<number> {
  const asker = await clients.attendee(joinAttendee(t.app, seeded.eventId).token);
  const { data } = await request(asker.socket, 'question:create', {
    sessionId: seeded.sessionId,
    text,
  });
  for (let i = 0; i < voters; i++)
    t.app.domain.questions.vote(
      {
        kind: 'attendee',
        eventId: seeded.eventId,
        attendee: t.app.domain.repos.attendees.findById(
          joinAttendee(t.app, seeded.eventId).attendeeId,
        )!,
      },
      data!.id,
      true,
    );
  clients.close(asker.socket);
  return data!.id;
}

describe('a client that drops and comes back', () => {
  it('ends with the exact current counts and statuses after a short drop: replayed broadcasts plus a re-watch', async () => {
    const questionId = await askAndVote(2, 'Replay my counts please');
    // The fixture's clients never reconnect by themselves: this one is brought back by hand
    // below, once the server has seen the drop and things have changed.
    const { socket } = await clients.screen();
    const view = new Map<number, number>();
    socket.on('question:votes', ({ counts }) => counts.forEach((c) => view.set(c.id, c.votes)));
    const watched = await request(socket, 'session:watch', { sessionId: seeded.sessionId });
    watched.data!.questions.forEach((q) => view.set(q.id, q.votes));
    expect(view.get(questionId)).toBe(2);

    const statuses = new Map<number, string>();
    socket.on('question:updated', (q) => statuses.set(q.id, q.status));

    // Drop the transport without a clean disconnect; once the server has noticed, vote and
    // answer while the client is gone; then let it reconnect.
    const id = socket.id!;
    socket.io.engine.close();
    await expect.poll(() => t.app.io.of('/').sockets.has(id)).toBe(false);
    for (let i = 0; i < 3; i++) {
      const voter = joinAttendee(t.app, seeded.eventId);
      t.app.domain.questions.vote(
        {
          kind: 'attendee',
          eventId: seeded.eventId,
          attendee: t.app.domain.repos.attendees.findById(voter.attendeeId)!,
        },
        questionId,
        true,
      );
    }
    t.app.domain.questions.moderate(
      { kind: 'moderator', eventId: seeded.eventId },
      questionId,
      'answer',
    );
    const back = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.connect();
    await back;
    expect(socket.recovered).toBe(true);
    // The status change was broadcast to the session room while it was away: replayed.
    await expect.poll(() => statuses.get(questionId)).toBe('answered');
    // Counts are re-read on every connect, as the client app does.
    const rewatched = await request(socket, 'session:watch', { sessionId: seeded.sessionId });
    rewatched.data!.questions.forEach((q) => view.set(q.id, q.votes));
    await sleep(300);
    expect(view.get(questionId)).toBe(5);
  });

  it('gets the wall changes made while its link was dead replayed: approvals, take-downs and pins', async () => {
    const moderator = { kind: 'moderator', eventId: seeded.eventId } as const;
    const apiPost = (text: string) =>
      t.app.domain.posts.ingest({
        eventId: seeded.eventId,
        source: 'api',
        sourceId: null,
        text,
        author: { name: 'Desk', handle: null, avatarUrl: null, attendeeId: null },
        media: [],
      }).post;
    const shown = apiPost('On the wall before the drop');
    t.app.domain.posts.moderate(moderator, shown.id, 'approve');
    await sleep(400);

    const { socket, snapshot } = await clients.screen();
    const wall = new Map<number, boolean>();
    snapshot.posts.forEach((p) => wall.set(p.id, p.pinned));
    socket.on('event:snapshot', (again) => again.posts.forEach((p) => wall.set(p.id, p.pinned)));
    socket.on('posts:changed', ({ upserted, removed }) => {
      upserted.forEach((p) => wall.set(p.id, p.pinned));
      removed.forEach((id) => wall.delete(id));
    });
    expect(wall.has(shown.id)).toBe(true);
    // A second public socket stays, so the wall is really sent in chunks to live sockets.
    await clients.screen();

    const id = socket.id!;
    socket.io.engine.close();
    await expect.poll(() => t.app.io.of('/').sockets.has(id)).toBe(false);
    const added = apiPost('Approved while the screen was away');
    t.app.domain.posts.moderate(moderator, added.id, 'approve');
    t.app.domain.posts.moderate(moderator, added.id, 'pin');
    t.app.domain.posts.moderate(moderator, shown.id, 'hide');
    await sleep(700);

    const back = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.connect();
    await back;
    expect(socket.recovered).toBe(true);
    await expect.poll(() => [wall.has(shown.id), wall.get(added.id)]).toEqual([false, true]);
  });

  it('ends with the exact current counts and statuses after a long drop, through a fresh snapshot and watch', async () => {
    const questionId = await askAndVote(1, 'Fresh counts after a long gap');
    const first = await clients.screen();
    await request(first.socket, 'session:watch', { sessionId: seeded.sessionId });
    clients.close(first.socket);

    for (let i = 0; i < 4; i++) {
      const voter = joinAttendee(t.app, seeded.eventId);
      t.app.domain.questions.vote(
        {
          kind: 'attendee',
          eventId: seeded.eventId,
          attendee: t.app.domain.repos.attendees.findById(voter.attendeeId)!,
        },
        questionId,
        true,
      );
    }
    t.app.domain.questions.moderate(
      { kind: 'moderator', eventId: seeded.eventId },
      questionId,
      'answer',
    );

    const again = await clients.screen();
    const watched = await request(again.socket, 'session:watch', { sessionId: seeded.sessionId });
    const question = watched.data!.questions.find((q) => q.id === questionId)!;
    expect(question.votes).toBe(5);
    expect(question.status).toBe('answered');
  });
});
