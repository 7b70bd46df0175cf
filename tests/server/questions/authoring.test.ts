import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  build,
  joinAttendee,
  listen,
  nextEvent,
  request,
  seedEvent,
  seedSession,
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
  seeded = seedEvent(t.app, { settings: { questionModeration: 'pre', postModeration: 'post' } });
});
afterAll(() => t.close());

describe('editing and withdrawing a question', () => {
  it('lets the author edit while pending, and the moderator sees the new text', async () => {
    const author = await clients.attendee(joinAttendee(t.app, seeded.eventId).token);
    const moderator = await clients.moderator(seeded.moderatorKey);
    const { data: asked } = await request(author.socket, 'question:create', {
      sessionId: seeded.sessionId,
      text: 'Wht is the plan?',
      clientId: 'edit-question-01',
    });
    expect(asked?.status).toBe('pending');
    const seen = nextEvent(moderator.socket, 'question:updated', (q) => q.id === asked!.id);
    const edited = await request(author.socket, 'question:edit', {
      questionId: asked!.id,
      text: 'What is the plan?',
    });
    expect(edited.data?.text).toBe('What is the plan?');
    expect((await seen).text).toBe('What is the plan?');
  });

  it("refuses another attendee's edit and an edit after approval", async () => {
    const author = await clients.attendee(joinAttendee(t.app, seeded.eventId).token);
    const other = await clients.attendee(joinAttendee(t.app, seeded.eventId).token);
    const moderator = await clients.moderator(seeded.moderatorKey);
    const { data: asked } = await request(author.socket, 'question:create', {
      sessionId: seeded.sessionId,
      text: 'Mine to edit',
      clientId: 'edit-question-02',
    });
    expect(
      (await request(other.socket, 'question:edit', { questionId: asked!.id, text: 'Hijacked' }))
        .error?.id,
    ).toBe('forbidden');
    await request(moderator.socket, 'question:moderate', {
      questionId: asked!.id,
      action: 'approve',
    });
    expect(
      (await request(author.socket, 'question:edit', { questionId: asked!.id, text: 'Too late' }))
        .error?.id,
    ).toBe('invalid_transition');
    expect(t.app.domain.repos.questions.findById(asked!.id)!.text).toBe('Mine to edit');
  });

  it('lets a moderator edit a live question and keeps the original in the log', async () => {
    const author = await clients.attendee(joinAttendee(t.app, seeded.eventId).token);
    const moderator = await clients.moderator(seeded.moderatorKey);
    const { data: asked } = await request(author.socket, 'question:create', {
      sessionId: seeded.sessionId,
      text: 'typo heavy questoin',
      clientId: 'edit-question-03',
    });
    await request(moderator.socket, 'question:moderate', {
      questionId: asked!.id,
      action: 'approve',
    });
    const edited = await request(moderator.socket, 'question:edit', {
      questionId: asked!.id,
      text: 'A typo-free question',
    });
    expect(edited.data?.text).toBe('A typo-free question');
    const log = await t.app.inject({
      url: `/api/events/${seeded.eventId}/moderation/log`,
      headers: bearer(seeded.moderatorKey),
    });
    const entry = log
      .json()
      .entries.find(
        (e: { action: string; itemId: number }) =>
          e.action === 'question_edit' && e.itemId === asked!.id,
      );
    expect(entry.detail).toEqual({ original: 'typo heavy questoin', text: 'A typo-free question' });
  });

  it('withdraws a pending question for its author and the moderators', async () => {
    const author = await clients.attendee(joinAttendee(t.app, seeded.eventId).token);
    const moderator = await clients.moderator(seeded.moderatorKey);
    const { data: asked } = await request(author.socket, 'question:create', {
      sessionId: seeded.sessionId,
      text: 'Never mind this one',
      clientId: 'withdraw-question-1',
    });
    const gone = nextEvent(moderator.socket, 'question:removed', (r) => r.id === asked!.id);
    const reply = await request(author.socket, 'question:withdraw', { questionId: asked!.id });
    expect(reply.data).toEqual({ id: asked!.id, sessionId: seeded.sessionId });
    expect(await gone).toEqual({ id: asked!.id, sessionId: seeded.sessionId });
    expect(t.app.domain.repos.questions.findById(asked!.id)).toBeNull();
  });
});

describe('questions asked by posting with the question tag', () => {
  it('go to the session whose tag the post carries, else to the live session, linked to their post', async () => {
    const talk = seedSession(t.app, seeded.eventId, { title: 'Databases', room: 'Room B' });
    const tagged = await t.app.inject({
      method: 'PATCH',
      url: `/api/sessions/${talk.sessionId}`,
      headers: bearer(seeded.moderatorKey),
      payload: { tag: '#DBTalk' },
    });
    expect(tagged.json().tag).toBe('dbtalk');

    const post = (text: string, sourceId: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/events/${seeded.eventId}/posts`,
        headers: bearer(seeded.apiKey),
        payload: { text, sourceId, author: { name: 'Remote Rita', handle: 'rita' } },
      });
    const toTalk = (await post('#ask #dbtalk how do you shard?', 'x-1')).json();
    const toLive = (await post('Is the keynote recorded? #ask', 'x-2')).json();
    const plain = (await post('Great keynote!', 'x-3')).json();

    const q1 = t.app.domain.repos.questions.findById(toTalk.questionId)!;
    const q2 = t.app.domain.repos.questions.findById(toLive.questionId)!;
    expect(q1.session_id).toBe(talk.sessionId);
    expect(q1.post_id).toBe(toTalk.id);
    expect(q1.text).toBe('#dbtalk how do you shard?');
    expect(q1.author_name).toBe('Remote Rita (@rita)');
    expect(q2.session_id).toBe(seeded.sessionId);
    expect(q2.text).toBe('Is the keynote recorded?');
    expect(plain.questionId).toBeNull();
  });

  it('refuses a session tag another session of the event already has', async () => {
    const a = seedSession(t.app, seeded.eventId, { title: 'A' });
    const b = seedSession(t.app, seeded.eventId, { title: 'B' });
    const patch = (sessionId: number) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/sessions/${sessionId}`,
        headers: bearer(seeded.moderatorKey),
        payload: { tag: 'same' },
      });
    expect((await patch(a.sessionId)).statusCode).toBe(200);
    const refused = await patch(b.sessionId);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.id).toBe('session_tag_taken');
  });
});
