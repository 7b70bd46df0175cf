import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  build,
  asModerator,
  collect,
  createPost,
  connectClient,
  joinAttendee,
  listen,
  nextEvent,
  request,
  seedEvent,
  sleep,
  socketClients,
  type SeededEvent,
  type TestApp,
} from '../../helper.ts';

let t: TestApp;
let url: string;
let seeded: SeededEvent;
const clients = socketClients(() => ({ url, code: seeded.code }));

beforeAll(async () => {
  t = await build();
  url = await listen(t.app);
  seeded = seedEvent(t.app);
});
afterAll(() => t.close());

describe('socket connection', () => {
  it('sends a public snapshot with approved posts only to a screen', async () => {
    const shown = await createPost(t.app, seeded.eventId, { text: 'On the wall' });
    const held = await createPost(t.app, seeded.eventId, { text: 'Still in the queue' });
    t.app.domain.posts.moderate(asModerator(seeded.eventId), shown.id, 'approve');
    const { snapshot } = await clients.screen();
    expect(snapshot.role).toBe('public');
    expect(snapshot.event.code).toBe(seeded.code);
    expect(snapshot.sessions.map((s) => s.id)).toContain(seeded.sessionId);
    const ids = snapshot.posts.map((p) => p.id);
    expect(ids).toContain(shown.id);
    expect(ids).not.toContain(held.id);
    expect(snapshot.posts.every((p) => p.status === 'approved')).toBe(true);
  });

  it('refuses a handshake with an unknown event code or a bad token', async () => {
    await expect(connectClient(url, { eventCode: 'NOPE42' })).rejects.toThrow('event_not_found');
    await expect(
      connectClient(url, { eventCode: seeded.code, token: 'bct_forged' }),
    ).rejects.toThrow('unauthorized');
    // A token too long to be one of ours is a wrong credential too, not a missing event code.
    await expect(
      connectClient(url, { eventCode: seeded.code, token: `bct_${'x'.repeat(400)}` }),
    ).rejects.toThrow('unauthorized');
    await expect(connectClient(url, { eventCode: 'x'.repeat(40) })).rejects.toThrow(
      'validation_failed',
    );
  });

  it("refuses another event's moderator key", async () => {
    const other = seedEvent(t.app);
    await expect(
      connectClient(url, { eventCode: seeded.code, token: other.moderatorKey }),
    ).rejects.toThrow('forbidden');
  });
});

describe('post commands', () => {
  it('acknowledges a post to its author and shows it to moderators, not to screens, while pending', async () => {
    const { token } = joinAttendee(t.app, seeded.eventId, 'Grace');
    const author = await clients.attendee(token);
    const moderator = await clients.moderator(seeded.moderatorKey);
    const screen = await clients.screen();
    const screenPosts = collect(screen.socket, 'posts:changed');
    const seen = nextEvent(moderator.socket, 'post:created', (p) => p.text === 'Hello wall');

    const reply = await request(author.socket, 'post:create', {
      text: 'Hello wall',
      clientId: 'client-id-0001',
    });
    expect(reply.error).toBeUndefined();
    expect(reply.data?.status).toBe('pending');
    expect((await seen).id).toBe(reply.data!.id);
    await sleep(150);
    expect(screenPosts.items).toHaveLength(0);
  });

  it('publishes an approved post to screens and removes a hidden one from them', async () => {
    const { token } = joinAttendee(t.app, seeded.eventId, 'Linus');
    const author = await clients.attendee(token);
    const moderator = await clients.moderator(seeded.moderatorKey);
    const screen = await clients.screen();
    const { data: post } = await request(author.socket, 'post:create', {
      text: 'Approve me',
      clientId: 'client-id-0002',
    });

    const shown = nextEvent(screen.socket, 'posts:changed', (b) =>
      b.upserted.some((p) => p.id === post!.id),
    );
    const approved = await request(moderator.socket, 'post:moderate', {
      postId: post!.id,
      action: 'approve',
    });
    expect(approved.data?.status).toBe('approved');
    expect((await shown).upserted.find((p) => p.id === post!.id)?.status).toBe('approved');

    const removed = nextEvent(screen.socket, 'posts:changed', (b) => b.removed.includes(post!.id));
    const authorSees = nextEvent(
      author.socket,
      'post:updated',
      (p) => p.id === post!.id && p.status === 'hidden',
    );
    await request(moderator.socket, 'post:moderate', { postId: post!.id, action: 'hide' });
    expect((await removed).upserted.some((p) => p.id === post!.id)).toBe(false);
    expect((await authorSees).status).toBe('hidden');
  });

  it('batches wall changes for screens: many approvals reach a screen as a few messages with the latest state of each', async () => {
    const moderator = await clients.moderator(seeded.moderatorKey);
    const screen = await clients.screen();
    const batches = collect(screen.socket, 'posts:changed');
    const ids: number[] = [];
    for (let i = 0; i < 30; i++) {
      const { post } = t.app.domain.posts.ingest({
        eventId: seeded.eventId,
        source: 'api',
        sourceId: `batch-${i}`,
        text: `Batched post ${i}`,
        author: { name: 'Batcher', handle: `batcher${i}`, avatarUrl: null, attendeeId: null },
        media: [],
      });
      ids.push(post.id);
    }
    await Promise.all(
      ids.map((postId) =>
        request(moderator.socket, 'post:moderate', { postId, action: 'approve' }),
      ),
    );
    // Approved and taken down again before the batch went out: the screen never shows it.
    await request(moderator.socket, 'post:moderate', { postId: ids[29]!, action: 'hide' });
    await sleep(700);
    batches.stop();
    expect(batches.items.length).toBeLessThanOrEqual(4);
    const shown = new Set(batches.items.flatMap((b) => b.upserted.map((p) => p.id)));
    for (const id of ids.slice(0, 29)) expect(shown.has(id)).toBe(true);
    const last = batches.items.findLast(
      (b) => b.upserted.some((p) => p.id === ids[29]) || b.removed.includes(ids[29]!),
    );
    expect(last?.removed).toContain(ids[29]);
  });

  it('refuses moderation from an attendee and changes nothing', async () => {
    const { token } = joinAttendee(t.app, seeded.eventId);
    const attendee = await clients.attendee(token);
    const { data: post } = await request(attendee.socket, 'post:create', {
      text: 'Self approve?',
      clientId: 'client-id-0003',
    });
    const reply = await request(attendee.socket, 'post:moderate', {
      postId: post!.id,
      action: 'approve',
    });
    expect(reply.error?.id).toBe('forbidden');
    expect(t.app.domain.repos.posts.findById(post!.id)!.status).toBe('pending');
  });

  it('answers a malformed payload with an error acknowledgement and stays connected', async () => {
    const { token } = joinAttendee(t.app, seeded.eventId);
    const attendee = await clients.attendee(token);
    const bad = await request(attendee.socket, 'post:create', { text: 42 } as never);
    expect(bad.error?.id).toBe('validation_failed');
    expect(bad.error?.fields).toHaveProperty('text');
    const extra = await request(attendee.socket, 'post:create', {
      text: 'hi',
      admin: true,
    } as never);
    expect(extra.error?.id).toBe('validation_failed');
    const none = await request(attendee.socket, 'question:vote', undefined as never);
    expect(none.error?.id).toBe('validation_failed');
    // A command sent without an acknowledgement function must not crash anything either.
    (attendee.socket.emit as (...args: unknown[]) => void)('post:create', { text: 'no ack here' });
    await sleep(50);
    expect(attendee.socket.connected).toBe(true);
    const ok = await request(attendee.socket, 'post:create', {
      text: 'Still here',
      clientId: 'client-id-0004',
    });
    expect(ok.data?.text).toBe('Still here');
  });

  it('returns the same post for a retried clientId', async () => {
    const { token } = joinAttendee(t.app, seeded.eventId);
    const attendee = await clients.attendee(token);
    const first = await request(attendee.socket, 'post:create', {
      text: 'Once only',
      clientId: 'retry-client-01',
    });
    const second = await request(attendee.socket, 'post:create', {
      text: 'Once only',
      clientId: 'retry-client-01',
    });
    expect(second.data?.id).toBe(first.data?.id);
  });
});

describe('question commands', () => {
  it("shows a new question to another attendee watching the session, with the asker's ack", async () => {
    const asker = await clients.attendee(joinAttendee(t.app, seeded.eventId, 'Ask').token);
    const other = await clients.attendee(joinAttendee(t.app, seeded.eventId, 'Other').token);
    const watched = await request(other.socket, 'session:watch', { sessionId: seeded.sessionId });
    expect(watched.error).toBeUndefined();
    expect(watched.data!.questions.map((q) => q.text)).not.toContain('What is next?');

    const arrives = nextEvent(other.socket, 'question:created', (q) => q.text === 'What is next?');
    const reply = await request(asker.socket, 'question:create', {
      sessionId: seeded.sessionId,
      text: 'What is next?',
      clientId: 'question-0001',
    });
    expect(reply.data?.status).toBe('approved');
    expect((await arrives).id).toBe(reply.data!.id);
  });

  it('coalesces votes into exact counts for every watcher, and an unvote takes one back', async () => {
    const asker = await clients.attendee(joinAttendee(t.app, seeded.eventId).token);
    const { data: question } = await request(asker.socket, 'question:create', {
      sessionId: seeded.sessionId,
      text: 'Vote for me?',
      clientId: 'question-0002',
    });
    const watcher = await clients.screen();
    await request(watcher.socket, 'session:watch', { sessionId: seeded.sessionId });
    const counts = collect(watcher.socket, 'question:votes');

    const voters = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        clients.attendee(joinAttendee(t.app, seeded.eventId, `Voter ${i}`).token),
      ),
    );
    const acks = await Promise.all(
      voters.map((v) => request(v.socket, 'question:vote', { questionId: question!.id })),
    );
    expect(acks.every((a) => a.data?.voted === true)).toBe(true);
    // The same attendee voting again, as from a second tab, counts once.
    const again = await request(voters[0]!.socket, 'question:vote', { questionId: question!.id });
    expect(again.data?.votes).toBe(20);
    const unvote = await request(voters[1]!.socket, 'question:unvote', {
      questionId: question!.id,
    });
    expect(unvote.data).toEqual({ questionId: question!.id, voted: false, votes: 19 });

    await sleep(600);
    counts.stop();
    const last = counts.items
      .flatMap((m) => m.counts)
      .filter((c) => c.id === question!.id)
      .at(-1);
    expect(last?.votes).toBe(19);
    // 22 vote commands reached the watcher as a handful of count messages.
    expect(counts.items.length).toBeLessThanOrEqual(4);
  });

  it('lets the speaker of the session mark a question answered and every watcher sees it', async () => {
    const asker = await clients.attendee(joinAttendee(t.app, seeded.eventId).token);
    const { data: question } = await request(asker.socket, 'question:create', {
      sessionId: seeded.sessionId,
      text: 'Will you answer this?',
      clientId: 'question-0003',
    });
    const speaker = await clients.speaker(seeded.sessionSpeakerKey);
    expect(speaker.snapshot.speakerSessionId).toBe(seeded.sessionId);
    await request(speaker.socket, 'session:watch', { sessionId: seeded.sessionId });
    const answeredSeen = nextEvent(asker.socket, 'question:updated', (q) => q.id === question!.id);

    const reply = await request(speaker.socket, 'question:moderate', {
      questionId: question!.id,
      action: 'answer',
    });
    expect(reply.data?.status).toBe('answered');
    expect((await answeredSeen).status).toBe('answered');

    const refused = await request(speaker.socket, 'question:moderate', {
      questionId: question!.id,
      action: 'dismiss',
    });
    expect(refused.error?.id).toBe('forbidden');
  });

  it('removes a dismissed question from public watchers but tells its author', async () => {
    const asker = await clients.attendee(joinAttendee(t.app, seeded.eventId).token);
    const moderator = await clients.moderator(seeded.moderatorKey);
    const watcher = await clients.screen();
    await request(watcher.socket, 'session:watch', { sessionId: seeded.sessionId });
    const { data: question } = await request(asker.socket, 'question:create', {
      sessionId: seeded.sessionId,
      text: 'Off topic question',
      clientId: 'question-0004',
    });
    const removed = nextEvent(watcher.socket, 'question:removed', (r) => r.id === question!.id);
    const told = nextEvent(asker.socket, 'question:updated', (q) => q.id === question!.id);
    await request(moderator.socket, 'question:moderate', {
      questionId: question!.id,
      action: 'dismiss',
    });
    expect(await removed).toEqual({ id: question!.id, sessionId: seeded.sessionId });
    expect((await told).status).toBe('dismissed');
  });

  it('counts one vote when the same attendee votes from two tabs at once', async () => {
    const asker = await clients.attendee(joinAttendee(t.app, seeded.eventId).token);
    const { data: question } = await request(asker.socket, 'question:create', {
      sessionId: seeded.sessionId,
      text: 'Two tabs, one vote?',
      clientId: 'question-0005',
    });
    const { token } = joinAttendee(t.app, seeded.eventId, 'Two Tabs');
    const [tabA, tabB] = await Promise.all([clients.attendee(token), clients.attendee(token)]);
    const [a, b] = await Promise.all([
      request(tabA.socket, 'question:vote', { questionId: question!.id }),
      request(tabB.socket, 'question:vote', { questionId: question!.id }),
    ]);
    expect(a.data?.voted && b.data?.voted).toBe(true);
    expect(t.app.domain.repos.questions.findById(question!.id)!.votes).toBe(1);
    expect(
      t.app.db
        .prepare('SELECT count(*) FROM votes WHERE question_id = ?')
        .pluck()
        .get(question!.id),
    ).toBe(1);
  });

  it('keeps one spotlight per room: spotlighting another question turns the first off for every watcher', async () => {
    const asker = await clients.attendee(joinAttendee(t.app, seeded.eventId).token);
    const moderator = await clients.moderator(seeded.moderatorKey);
    const screen = await clients.screen();
    await request(screen.socket, 'session:watch', { sessionId: seeded.sessionId });
    const ask = (text: string, clientId: string) =>
      request(asker.socket, 'question:create', { sessionId: seeded.sessionId, text, clientId });
    const { data: first } = await ask('First on screen?', 'spotlight-q-001');
    const { data: second } = await ask('Second on screen?', 'spotlight-q-002');

    const on = nextEvent(
      screen.socket,
      'question:updated',
      (q) => q.id === first!.id && q.spotlighted,
    );
    expect(
      (
        await request(moderator.socket, 'question:moderate', {
          questionId: first!.id,
          action: 'spotlight',
        })
      ).data?.spotlighted,
    ).toBe(true);
    await on;

    const firstOff = nextEvent(
      screen.socket,
      'question:updated',
      (q) => q.id === first!.id && !q.spotlighted,
    );
    const secondOn = nextEvent(
      screen.socket,
      'question:updated',
      (q) => q.id === second!.id && q.spotlighted,
    );
    await request(moderator.socket, 'question:moderate', {
      questionId: second!.id,
      action: 'spotlight',
    });
    await Promise.all([firstOff, secondOn]);
    const spotlighted = t.app.db
      .prepare('SELECT id FROM questions WHERE spotlighted = 1')
      .pluck()
      .all();
    expect(spotlighted).toEqual([second!.id]);
  });
});
