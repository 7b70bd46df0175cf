import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../../shared/schemas/answers.ts';
import {
  bearer,
  build,
  collect,
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
const clients = socketClients(() => ({ url, code: event.code }));
/** Replies are pre-moderated here, as posts are. */
let event: SeededEvent;
let open: SeededEvent;

const call = (method: 'GET' | 'POST' | 'PATCH', path: string, token?: string, payload?: object) =>
  t.app.inject({
    method,
    url: `/api${path}`,
    headers: token ? bearer(token) : {},
    ...(payload ? { payload } : {}),
  });

function ask(on: SeededEvent, text: string, name = 'Asker', anonymous = false) {
  const { token } = joinAttendee(t.app, on.eventId, name);
  const question = t.app.domain.questions.create(
    t.app.domain.resolvePrincipal(token)!,
    on.sessionId,
    {
      text,
      anonymous,
    },
  ).question;
  return { id: question.id, token };
}

beforeAll(async () => {
  t = await build();
  url = await listen(t.app);
  event = seedEvent(t.app, {
    settings: { postModeration: 'pre', questionModeration: 'post' },
  });
  open = seedEvent(t.app, { settings: { postModeration: 'post', questionModeration: 'post' } });
});
afterAll(() => t.close());

describe('POST /api/questions/:questionId/answers', () => {
  it('lets the speaker answer and mark the question answered with it, and the audience sees both', async () => {
    const q = ask(event, 'How does the cache stay warm?');
    const audience = await clients.screen();
    await request(audience.socket, 'session:watch', { sessionId: event.sessionId });
    const asker = await clients.attendee(q.token);
    const seen = nextEvent(audience.socket, 'answer:created', (a) => a.questionId === q.id);
    const askerSeen = nextEvent(asker.socket, 'answer:created', (a) => a.questionId === q.id);
    const answered = nextEvent(audience.socket, 'question:updated', (x) => x.id === q.id);

    const res = await call('POST', `/questions/${q.id}/answers`, event.sessionSpeakerKey, {
      text: 'We prefill it at deploy: https://example.org/warm',
      markAnswered: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    const answer = res.json() as Answer;
    expect(answer).toMatchObject({
      kind: 'answer',
      status: 'approved',
      accepted: true,
      author: { name: expect.any(String), role: 'speaker' },
      questionId: q.id,
    });
    expect(await seen).toMatchObject({ id: answer.id, accepted: true });
    expect(await askerSeen).toMatchObject({ id: answer.id });
    expect((await answered).status).toBe('answered');

    // Coming back later: the list has it, the accepted one first.
    const list = await call('GET', `/questions/${q.id}/answers`, q.token);
    expect(list.json().answers.map((a: Answer) => a.id)).toEqual([answer.id]);
  });

  it('lets a moderator edit an answer; the log keeps the original and the audience sees the change', async () => {
    const q = ask(event, 'Which regions are supported?');
    const created = (
      await call('POST', `/questions/${q.id}/answers`, event.moderatorKey, { text: 'EU only' })
    ).json() as Answer;
    expect(created).toMatchObject({ accepted: false, author: { role: 'moderator' } });
    const audience = await clients.screen();
    await request(audience.socket, 'session:watch', { sessionId: event.sessionId });
    const updated = nextEvent(audience.socket, 'answer:updated', (a) => a.id === created.id);
    const res = await call('PATCH', `/answers/${created.id}`, event.moderatorKey, {
      text: 'EU and US',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await updated).text).toBe('EU and US');
    const log = t.app.db
      .prepare("SELECT detail FROM moderation_log WHERE action = 'answer_edit' AND item_id = ?")
      .pluck()
      .get(created.id) as string;
    expect(JSON.parse(log)).toEqual({ original: 'EU only' });
  });

  it('holds an attendee reply in a pre-moderated event: staff see it, the audience only once approved', async () => {
    const q = ask(event, 'Is there a recording?');
    const replier = joinAttendee(t.app, event.eventId, 'Helpful Hal');
    const audience = await clients.screen();
    await request(audience.socket, 'session:watch', { sessionId: event.sessionId });
    const moderator = await clients.moderator(event.moderatorKey);
    const heard = collect(audience.socket, 'answer:created');
    const staffHeard = nextEvent(moderator.socket, 'answer:created', (a) => a.questionId === q.id);

    const res = await call('POST', `/questions/${q.id}/answers`, replier.token, {
      text: 'Yes, on the event site tomorrow',
    });
    expect(res.statusCode, res.body).toBe(201);
    const reply = res.json() as Answer;
    expect(reply).toMatchObject({
      kind: 'reply',
      status: 'pending',
      author: { name: 'Helpful Hal', role: 'attendee' },
    });
    expect((await staffHeard).id).toBe(reply.id);
    await sleep(150);
    expect(heard.items.filter((a) => a.id === reply.id)).toEqual([]);
    // Not in the public list, but in the replier's own and the staff's.
    expect((await call('GET', `/questions/${q.id}/answers`)).json().answers).toEqual([]);
    expect(
      (await call('GET', `/questions/${q.id}/answers`, replier.token)).json().answers,
    ).toHaveLength(1);
    expect(
      (await call('GET', `/questions/${q.id}/answers`, event.sessionSpeakerKey)).json().answers,
    ).toHaveLength(1);

    // Only a moderator approves; then the audience gets it.
    expect(
      (
        await call('POST', `/answers/${reply.id}/moderation`, event.sessionSpeakerKey, {
          action: 'approve',
        })
      ).statusCode,
    ).toBe(403);
    const shown = nextEvent(audience.socket, 'answer:updated', (a) => a.id === reply.id);
    const approved = await call('POST', `/answers/${reply.id}/moderation`, event.moderatorKey, {
      action: 'approve',
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect((await shown).status).toBe('approved');

    // The speaker accepts it as the answer; the question is answered.
    const accepted = await call('POST', `/answers/${reply.id}/accept`, event.sessionSpeakerKey);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ accepted: true });
    expect(t.app.domain.repos.questions.findById(q.id)!.status).toBe('answered');

    // Rejected later: the audience is told to remove it, and it is no longer the answer.
    const removed = nextEvent(audience.socket, 'answer:removed', (r) => r.id === reply.id);
    await call('POST', `/answers/${reply.id}/moderation`, event.moderatorKey, { action: 'reject' });
    expect(await removed).toEqual({ id: reply.id, questionId: q.id, sessionId: event.sessionId });
    expect(t.app.domain.repos.answers.findById(reply.id)).toMatchObject({ accepted: 0 });
    heard.stop();
  });

  it('shows a reply at once in a post-moderated event, and accepting another replaces the accepted one', async () => {
    const q = ask(open, 'Where are the slides?');
    const first = (
      await call(
        'POST',
        `/questions/${q.id}/answers`,
        joinAttendee(t.app, open.eventId, 'B').token,
        {
          text: 'On the wiki',
        },
      )
    ).json() as Answer;
    expect(first.status).toBe('approved');
    const second = (
      await call('POST', `/questions/${q.id}/answers`, open.moderatorKey, { text: 'On the site' })
    ).json() as Answer;
    await call('POST', `/answers/${first.id}/accept`, open.moderatorKey);
    await call('POST', `/answers/${second.id}/accept`, open.moderatorKey);
    const list = (await call('GET', `/questions/${q.id}/answers`)).json().answers as Answer[];
    expect(list.map((a) => [a.id, a.accepted])).toEqual([
      [second.id, true],
      [first.id, false],
    ]);
  });

  it('is found by search as it is written', async () => {
    const q = ask(open, 'What about observability?');
    await call('POST', `/questions/${q.id}/answers`, open.moderatorKey, {
      text: 'Zipkin traces everything',
    });
    const hits = t.app.db
      .prepare('SELECT count(*) FROM search_index WHERE search_index MATCH ?')
      .pluck()
      .get('zipkin');
    expect(hits).toBe(1);
  });
});

describe('refusals', () => {
  it('400 for empty or over-long text and unknown fields, 404 for an unknown question or answer', async () => {
    const q = ask(event, 'What is the plan?');
    for (const body of [
      { text: '' },
      { text: '   ' },
      { text: 'x'.repeat(2001) },
      { text: 'ok', extra: 1 },
    ]) {
      const res = await call('POST', `/questions/${q.id}/answers`, event.moderatorKey, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.id).toBe('validation_failed');
    }
    const missing = await call('POST', '/questions/999999/answers', event.moderatorKey, {
      text: 'a',
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.id).toBe('question_not_found');
    const none = await call('PATCH', '/answers/999999', event.moderatorKey, { text: 'a' });
    expect(none.statusCode).toBe(404);
    expect(none.json().error.id).toBe('answer_not_found');
  });

  it('401 without a credential, 403 for another event, the API key or another session’s speaker', async () => {
    const q = ask(event, 'Who decides?');
    expect(
      (await call('POST', `/questions/${q.id}/answers`, undefined, { text: 'a' })).statusCode,
    ).toBe(401);
    for (const token of [open.moderatorKey, event.apiKey, open.sessionSpeakerKey]) {
      const res = await call('POST', `/questions/${q.id}/answers`, token, { text: 'a' });
      expect(res.statusCode).toBe(403);
    }
    const reply = (
      await call('POST', `/questions/${q.id}/answers`, joinAttendee(t.app, event.eventId).token, {
        text: 'I think the board',
      })
    ).json() as Answer;
    // An attendee may neither edit a reply (theirs or not) nor accept one.
    const attendee = joinAttendee(t.app, event.eventId).token;
    expect((await call('POST', `/answers/${reply.id}/accept`, attendee)).statusCode).toBe(403);
    expect(
      (await call('PATCH', `/answers/${reply.id}`, event.moderatorKey, { text: 'b' })).statusCode,
    ).toBe(403);
    // A pending reply cannot be accepted.
    const res = await call('POST', `/answers/${reply.id}/accept`, event.moderatorKey);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.id).toBe('invalid_transition');
  });

  it('hides answers of a held question from everyone but staff and the asker', async () => {
    const held = seedEvent(t.app, { settings: { questionModeration: 'pre' } });
    const q = ask(held, 'A held one?');
    await call('POST', `/questions/${q.id}/answers`, held.moderatorKey, { text: 'Staff note' });
    expect((await call('GET', `/questions/${q.id}/answers`)).statusCode).toBe(404);
    expect((await call('GET', `/questions/${q.id}/answers`, q.token)).json().answers).toHaveLength(
      1,
    );
    // A speaker may not mark a held question answered.
    const res = await call('POST', `/questions/${q.id}/answers`, held.sessionSpeakerKey, {
      text: 'Answered',
      markAnswered: true,
    });
    expect(res.statusCode).toBe(403);
    expect(t.app.domain.repos.answers.listByQuestion(q.id, 50)).toHaveLength(1);
  });
});
