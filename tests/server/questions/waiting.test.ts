import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { WAITING_FLUSH_MS } from '../../../shared/limits.ts';
import type { Principal } from '../../../server/auth/principal.ts';
import {
  bearer,
  build,
  collect,
  joinAttendee,
  listen,
  nextEvent,
  seedEvent,
  seedSession,
  sleep,
  socketClients,
  type SeededEvent,
  type TestApp,
} from '../../helper.ts';

/** Questions waiting in every room: the counts a console shows and the list it moderates from. */
let t: TestApp;
let url: string;
const clients = socketClients(() => ({ url, code: a.code }));
let a: SeededEvent;
let hallB: number;
let notLive: number;
let b: SeededEvent;

const principal = (app: FastifyInstance, token: string): Principal =>
  app.domain.resolvePrincipal(token)!;

function ask(event: SeededEvent, sessionId: number, text: string, anonymous = false, name = 'Ada') {
  const asker = joinAttendee(t.app, event.eventId, name);
  return t.app.domain.questions.create(principal(t.app, asker.token), sessionId, {
    text,
    anonymous,
  }).question;
}

async function waiting(eventId: number, token: string) {
  return t.app.inject({
    url: `/api/events/${eventId}/moderation/questions/waiting`,
    headers: bearer(token),
  });
}

beforeAll(async () => {
  t = await build();
  url = await listen(t.app);
  a = seedEvent(t.app, { settings: { questionModeration: 'pre', allowAnonymous: true } });
  hallB = seedSession(t.app, a.eventId, { title: 'Rust', room: 'Hall B', live: true }).sessionId;
  notLive = seedSession(t.app, a.eventId, { title: 'Later', room: 'Hall C' }).sessionId;
  b = seedEvent(t.app, { settings: { questionModeration: 'pre' } });
});
afterAll(() => t.close());

describe('GET /api/events/:eventId/moderation/questions/waiting', () => {
  it('counts every session’s waiting questions and lists the live sessions’ oldest first, never another event’s', async () => {
    const first = ask(a, a.sessionId, 'Keynote question?');
    const inB = ask(a, hallB, 'Hall B question?');
    const later = ask(a, notLive, 'For the later talk?');
    ask(a, hallB, 'Second in Hall B?');
    const live = ask(a, a.sessionId, 'Already approved?');
    t.app.domain.questions.moderate({ kind: 'moderator', eventId: a.eventId }, live.id, 'approve');
    for (let i = 0; i < 3; i++) ask(b, b.sessionId, `Other event ${i}?`);

    const res = await waiting(a.eventId, a.moderatorKey);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.eventId).toBe(a.eventId);
    expect(body.counts).toEqual([
      { sessionId: a.sessionId, waiting: 1 },
      { sessionId: hallB, waiting: 2 },
      { sessionId: notLive, waiting: 1 },
    ]);
    const ids = body.questions.map((q: { id: number }) => q.id);
    expect(ids).toContain(first.id);
    expect(ids).toContain(inB.id);
    // Counted, but not listed: its session is not live.
    expect(ids).not.toContain(later.id);
    expect(ids).not.toContain(live.id);
    expect(body.questions.every((q: { eventId: number }) => q.eventId === a.eventId)).toBe(true);
    expect(body.questions.every((q: { status: string }) => q.status === 'pending')).toBe(true);

    const other = (await waiting(b.eventId, b.moderatorKey)).json();
    expect(other.counts).toEqual([{ sessionId: b.sessionId, waiting: 3 }]);
    expect(other.questions).toHaveLength(3);
  });

  it('keeps an anonymous question anonymous', async () => {
    const secret = ask(a, hallB, 'Who is asking this?', true, 'Secret Person');
    const res = await waiting(a.eventId, a.moderatorKey);
    const listed = res.json().questions.find((q: { id: number }) => q.id === secret.id);
    expect(listed).toMatchObject({ anonymous: true, authorName: null });
    expect(res.body).not.toContain('Secret Person');
  });

  it('is for the event’s moderators only', async () => {
    expect((await waiting(a.eventId, b.moderatorKey)).statusCode).toBe(403);
    expect((await waiting(a.eventId, a.speakerKey)).statusCode).toBe(403);
    expect((await waiting(a.eventId, joinAttendee(t.app, a.eventId).token)).statusCode).toBe(403);
    const anonymous = await t.app.inject({
      url: `/api/events/${a.eventId}/moderation/questions/waiting`,
    });
    expect(anonymous.statusCode).toBe(401);
    const missing = await waiting(999_999, a.moderatorKey);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.id).toBe('event_not_found');
  });
});

describe('questions:waiting', () => {
  it('tells the event’s moderators the new counts, coalesced under a storm, and nobody else', async () => {
    const moderator = await clients.moderator(a.moderatorKey);
    const otherModerator = await clients.connect({ eventCode: b.code, token: b.moderatorKey });
    const speaker = await clients.speaker(a.speakerKey);
    const heard = collect(moderator.socket, 'questions:waiting');
    const elsewhere = collect(otherModerator.socket, 'questions:waiting');
    const bySpeaker = collect(speaker.socket, 'questions:waiting');
    const before = t.app.domain.repos.questions
      .waitingCounts(a.eventId)
      .find((c) => c.sessionId === hallB)!.waiting;

    const storm = 40;
    const started = Date.now();
    for (let i = 0; i < storm; i++) ask(a, hallB, `Storm question ${i}?`);
    const settled = await nextEvent(
      moderator.socket,
      'questions:waiting',
      (c) => c.counts.some((x) => x.sessionId === hallB && x.waiting === before + storm),
      5000,
    ).catch(() => heard.items.at(-1));
    const elapsed = Date.now() - started;
    await sleep(WAITING_FLUSH_MS * 2);

    expect(settled?.eventId).toBe(a.eventId);
    expect(heard.items.at(-1)!.counts.find((c) => c.sessionId === hallB)!.waiting).toBe(
      before + storm,
    );
    // Forty questions, a couple of messages: at most one per interval, plus the first.
    expect(heard.items.length).toBeLessThanOrEqual(2 + Math.ceil(elapsed / WAITING_FLUSH_MS));
    expect(heard.items.length).toBeLessThan(storm / 4);
    expect(elsewhere.items).toEqual([]);
    expect(bySpeaker.items).toEqual([]);

    // A decision moves the count down; an unchanged count is not sent again.
    const one = t.app.domain.repos.questions.heldInSession(hallB, 1)[0]!;
    const count = heard.items.length;
    t.app.domain.questions.moderate({ kind: 'moderator', eventId: a.eventId }, one.id, 'approve');
    const down = await nextEvent(moderator.socket, 'questions:waiting', () => true, 3000);
    expect(down.counts.find((c) => c.sessionId === hallB)!.waiting).toBe(before + storm - 1);
    t.app.domain.questions.edit({ kind: 'moderator', eventId: a.eventId }, one.id, 'Edited text?');
    await sleep(WAITING_FLUSH_MS * 2);
    expect(heard.items.length).toBe(count + 1);
  });
});
