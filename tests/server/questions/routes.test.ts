import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  asModerator,
  apiCaller,
  build,
  joinAttendee,
  seedEvent,
  seedSession,
  type SeededEvent,
  type TestApp,
} from '../../helper.ts';

let t: TestApp;
/** Default settings: questions go live at once ('post'), anonymous questions allowed. */
let seeded: SeededEvent;
let other: SeededEvent;

interface QuestionJson {
  id: number;
  status: string;
  votes: number;
  spotlighted: boolean;
  authorName: string | null;
}

const call = apiCaller(() => t.app);

const questionCount = (sessionId: number) =>
  t.app.db
    .prepare('SELECT count(*) FROM questions WHERE session_id = ?')
    .pluck()
    .get(sessionId) as number;

/** Asks as a new attendee (so no test meets the per-attendee rate limit) unless a token is given. */
async function ask(
  sessionId: number,
  body: object = { text: 'What about testing?' },
  token?: string,
): Promise<QuestionJson> {
  const session = t.app.domain.repos.sessions.findById(sessionId)!;
  const res = await call('POST', `/sessions/${sessionId}/questions`, {
    token: token ?? joinAttendee(t.app, session.event_id).token,
    body,
  });
  expect(res.statusCode).toBe(201);
  return res.json();
}

async function staffList(
  sessionId: number,
  token: string,
  sort = 'votes',
): Promise<QuestionJson[]> {
  const res = await call('GET', `/sessions/${sessionId}/moderation/questions?sort=${sort}`, {
    token,
  });
  expect(res.statusCode).toBe(200);
  return res.json().questions;
}

const moderate = (questionId: number, action: string, token: string) =>
  call('POST', `/questions/${questionId}/moderation`, { token, body: { action } });

async function statusOf(
  questionId: number,
): Promise<{ status: string; spotlighted: boolean; votes: number }> {
  const row = t.app.domain.repos.questions.findById(questionId)!;
  return { status: row.status, spotlighted: row.spotlighted === 1, votes: row.votes };
}

beforeAll(async () => {
  t = await build();
  seeded = seedEvent(t.app);
  other = seedEvent(t.app);
});
afterAll(() => t.close());

describe('POST /api/sessions/:sessionId/questions', () => {
  it('asks a question that goes live at once under the default post-moderation', async () => {
    const { token, attendeeId } = joinAttendee(t.app, seeded.eventId, 'Ada');
    const res = await call('POST', `/sessions/${seeded.sessionId}/questions`, {
      token,
      body: { text: ' How\u202E does it scale? ' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({
      id: expect.any(Number),
      eventId: seeded.eventId,
      sessionId: seeded.sessionId,
      text: 'How does it scale?',
      authorName: 'Ada',
      anonymous: false,
      status: 'approved',
      votes: 0,
      spotlighted: false,
      postId: null,
      createdAt: expect.any(String),
      answeredAt: null,
      flags: [],
      mergedInto: null,
    });
    expect(t.app.domain.repos.questions.findById(res.json().id)!.attendee_id).toBe(attendeeId);
  });

  it('hides the name of an anonymous question', async () => {
    const { token } = joinAttendee(t.app, seeded.eventId, 'Shy');
    const asked = await ask(
      seeded.sessionId,
      { text: 'Can I ask quietly?', anonymous: true },
      token,
    );
    expect(asked).toMatchObject({ authorName: null, anonymous: true });
  });

  it('returns the same question with 200 when retried with the same clientId', async () => {
    const { token } = joinAttendee(t.app, seeded.eventId);
    const first = await ask(
      seeded.sessionId,
      { text: 'Only once please', clientId: 'retry-q-0001' },
      token,
    );
    const before = questionCount(seeded.sessionId);
    const retry = await call('POST', `/sessions/${seeded.sessionId}/questions`, {
      token,
      body: { text: 'Only once please', clientId: 'retry-q-0001' },
    });
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual(first);
    expect(questionCount(seeded.sessionId)).toBe(before);
  });

  it('refuses an anonymous question with 400 anonymous_not_allowed when the event does not allow them', async () => {
    const strict = seedEvent(t.app, { settings: { allowAnonymous: false } });
    const { token } = joinAttendee(t.app, strict.eventId);
    const res = await call('POST', `/sessions/${strict.sessionId}/questions`, {
      token,
      body: { text: 'Who am I?', anonymous: true },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({
      id: 'anonymous_not_allowed',
      message: 'This event does not allow anonymous questions',
    });
    expect(questionCount(strict.sessionId)).toBe(0);
  });

  it('refuses a question with 409 questions_closed when the session has closed its questions', async () => {
    const closed = t.app.domain.sessions.create(asModerator(seeded.eventId), seeded.eventId, {
      title: 'Closed',
      room: 'Room Z',
      questionsOpen: false,
    });
    const { token } = joinAttendee(t.app, seeded.eventId);
    const res = await call('POST', `/sessions/${closed.id}/questions`, {
      token,
      body: { text: 'Too late?' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toEqual({
      id: 'questions_closed',
      message: 'Questions are closed for this session',
    });
    expect(questionCount(closed.id)).toBe(0);
  });

  it('rejects a text shorter than 3 characters or longer than 300 with 400 validation_failed', async () => {
    const { token } = joinAttendee(t.app, seeded.eventId);
    const before = questionCount(seeded.sessionId);
    for (const text of ['?\u0007?', 'q'.repeat(301)]) {
      const res = await call('POST', `/sessions/${seeded.sessionId}/questions`, {
        token,
        body: { text },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({
        id: 'validation_failed',
        fields: { 'body.text': expect.any(String) },
      });
      expect(res.json().error.message).toBe(`body.text: ${res.json().error.fields['body.text']}`);
    }
    expect(questionCount(seeded.sessionId)).toBe(before);
  });

  it('rejects unknown body fields such as status with 400', async () => {
    const { token } = joinAttendee(t.app, seeded.eventId);
    const before = questionCount(seeded.sessionId);
    const res = await call('POST', `/sessions/${seeded.sessionId}/questions`, {
      token,
      body: { text: 'Sneaky one', votes: 100 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual({ body: 'Unrecognized key: "votes"' });
    expect(questionCount(seeded.sessionId)).toBe(before);
  });

  it('rejects a question without a token or with a garbage token with 401', async () => {
    const before = questionCount(seeded.sessionId);
    expect(
      (await call('POST', `/sessions/${seeded.sessionId}/questions`, { body: { text: 'Hello?' } }))
        .statusCode,
    ).toBe(401);
    const garbage = await call('POST', `/sessions/${seeded.sessionId}/questions`, {
      token: 'bct_fake',
      body: { text: 'Hello?' },
    });
    expect(garbage.statusCode).toBe(401);
    expect(garbage.json().error.id).toBe('unauthorized');
    expect(questionCount(seeded.sessionId)).toBe(before);
  });

  it('rejects a question from an attendee of another event, a moderator or the API key with 403', async () => {
    const stranger = joinAttendee(t.app, other.eventId);
    const before = questionCount(seeded.sessionId);
    for (const token of [
      stranger.token,
      seeded.moderatorKey,
      seeded.apiKey,
      seeded.sessionSpeakerKey,
    ]) {
      const res = await call('POST', `/sessions/${seeded.sessionId}/questions`, {
        token,
        body: { text: 'Not my event' },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.id).toBe('forbidden');
    }
    expect(questionCount(seeded.sessionId)).toBe(before);
  });

  it('answers an unknown session with 404 session_not_found', async () => {
    const { token } = joinAttendee(t.app, seeded.eventId);
    const res = await call('POST', '/sessions/999999/questions', {
      token,
      body: { text: 'Anyone there?' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toEqual({
      id: 'session_not_found',
      message: 'No session with id 999999',
    });
  });
});

describe('GET /api/sessions/:sessionId/questions', () => {
  it('lists live and answered questions by votes or by recency, with the caller attendee’s votes', async () => {
    const event = seedEvent(t.app);
    const a = await ask(event.sessionId, { text: 'First question' });
    const b = await ask(event.sessionId, { text: 'Second question' });
    const c = await ask(event.sessionId, { text: 'Third question' });
    const dismissed = await ask(event.sessionId, { text: 'Off topic question' });
    await moderate(dismissed.id, 'dismiss', event.moderatorKey);
    await moderate(a.id, 'answer', event.moderatorKey);
    const voter = joinAttendee(t.app, event.eventId);
    const second = joinAttendee(t.app, event.eventId);
    for (const token of [voter.token, second.token])
      expect((await call('PUT', `/questions/${c.id}/vote`, { token })).statusCode).toBe(200);
    expect((await call('PUT', `/questions/${b.id}/vote`, { token: second.token })).statusCode).toBe(
      200,
    );

    const byVotes = await call('GET', `/sessions/${event.sessionId}/questions`, {
      token: voter.token,
    });
    expect(byVotes.statusCode).toBe(200);
    expect(byVotes.json().questions.map((q: QuestionJson) => [q.id, q.votes, q.status])).toEqual([
      [c.id, 2, 'approved'],
      [b.id, 1, 'approved'],
      [a.id, 0, 'answered'],
    ]);
    expect(byVotes.json().myVotes).toEqual([c.id]);
    const byRecent = await call('GET', `/sessions/${event.sessionId}/questions?sort=recent`);
    expect(byRecent.json().questions.map((q: QuestionJson) => q.id)).toEqual([c.id, b.id, a.id]);
    expect(byRecent.json().myVotes).toEqual([]);
  });

  it("shows an attendee their own pending question but not someone else's", async () => {
    const event = seedEvent(t.app, { settings: { questionModeration: 'pre' } });
    const author = joinAttendee(t.app, event.eventId);
    const mine = await ask(event.sessionId, { text: 'Awaiting review' }, author.token);
    expect(mine.status).toBe('pending');
    const ids = async (token?: string) =>
      (await call('GET', `/sessions/${event.sessionId}/questions`, { token }))
        .json()
        .questions.map((q: QuestionJson) => q.id);
    expect(await ids(author.token)).toEqual([mine.id]);
    expect(await ids(joinAttendee(t.app, event.eventId).token)).toEqual([]);
    expect(await ids()).toEqual([]);
  });

  it('rejects an unknown sort and unknown query parameters with 400', async () => {
    const bad = await call('GET', `/sessions/${seeded.sessionId}/questions?sort=random`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({
      id: 'validation_failed',
      fields: { 'querystring.sort': expect.any(String) },
    });
    const extra = await call('GET', `/sessions/${seeded.sessionId}/questions?status=pending`);
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error.fields).toEqual({ querystring: 'Unrecognized key: "status"' });
  });

  it('rejects a garbage token with 401 and answers an unknown session with 404 session_not_found', async () => {
    expect(
      (await call('GET', `/sessions/${seeded.sessionId}/questions`, { token: 'bct_gone' }))
        .statusCode,
    ).toBe(401);
    const missing = await call('GET', '/sessions/999999/questions');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.id).toBe('session_not_found');
  });
});

describe('GET /api/sessions/:sessionId/moderation/questions', () => {
  it("lists every status to the moderator, the session's speaker and the event-wide speaker key", async () => {
    const event = seedEvent(t.app);
    const live = await ask(event.sessionId, { text: 'Live one' });
    const gone = await ask(event.sessionId, { text: 'Dismissed one' });
    await moderate(gone.id, 'dismiss', event.moderatorKey);
    for (const token of [event.moderatorKey, event.sessionSpeakerKey, event.speakerKey]) {
      const questions = await staffList(event.sessionId, token, 'recent');
      expect(questions.map((q) => [q.id, q.status])).toEqual([
        [gone.id, 'dismissed'],
        [live.id, 'approved'],
      ]);
    }
  });

  it('rejects a request without a token or with a garbage token with 401', async () => {
    expect(
      (await call('GET', `/sessions/${seeded.sessionId}/moderation/questions`)).statusCode,
    ).toBe(401);
    const garbage = await call('GET', `/sessions/${seeded.sessionId}/moderation/questions`, {
      token: 'bcs_fake',
    });
    expect(garbage.statusCode).toBe(401);
    expect(garbage.json().error.id).toBe('unauthorized');
  });

  it("rejects an attendee, the speaker key of another session, the API key and another event's keys with 403", async () => {
    const attendee = joinAttendee(t.app, seeded.eventId);
    const otherSession = seedSession(t.app, seeded.eventId, { room: 'Room S' });
    for (const token of [
      attendee.token,
      otherSession.speakerKey,
      seeded.apiKey,
      other.moderatorKey,
      other.speakerKey,
    ]) {
      const res = await call('GET', `/sessions/${seeded.sessionId}/moderation/questions`, {
        token,
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.id).toBe('forbidden');
    }
  });

  it('answers an unknown session with 404 session_not_found', async () => {
    const res = await call('GET', '/sessions/999999/moderation/questions', {
      token: seeded.moderatorKey,
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.id).toBe('session_not_found');
  });
});

describe('POST /api/questions/:questionId/moderation', () => {
  it('moves a question through approve, answer, restore and dismiss for the moderator', async () => {
    const event = seedEvent(t.app, { settings: { questionModeration: 'pre' } });
    const q = await ask(event.sessionId, { text: 'Moderate me' });
    expect(q.status).toBe('pending');
    const approved = await moderate(q.id, 'approve', event.moderatorKey);
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ id: q.id, status: 'approved', answeredAt: null });
    const answered = (await moderate(q.id, 'answer', event.moderatorKey)).json();
    expect(answered).toMatchObject({ status: 'answered', answeredAt: expect.any(String) });
    expect((await moderate(q.id, 'restore', event.moderatorKey)).json()).toMatchObject({
      status: 'approved',
      answeredAt: null,
    });
    expect((await moderate(q.id, 'dismiss', event.moderatorKey)).json().status).toBe('dismissed');
  });

  it('lets the session speaker answer and spotlight, but refuses dismiss with 403', async () => {
    const q = await ask(seeded.sessionId, { text: 'For the speaker' });
    const dismiss = await moderate(q.id, 'dismiss', seeded.sessionSpeakerKey);
    expect(dismiss.statusCode).toBe(403);
    expect(dismiss.json().error.id).toBe('forbidden');
    expect(await statusOf(q.id)).toMatchObject({ status: 'approved' });
    expect((await moderate(q.id, 'spotlight', seeded.sessionSpeakerKey)).json().spotlighted).toBe(
      true,
    );
    expect((await moderate(q.id, 'answer', seeded.speakerKey)).json().status).toBe('answered');
  });

  it('lets the session speaker undo "Mark answered", but not restore a dismissed question', async () => {
    const q = await ask(seeded.sessionId, { text: 'Answered too soon' });
    expect((await moderate(q.id, 'answer', seeded.sessionSpeakerKey)).json().status).toBe(
      'answered',
    );
    expect((await moderate(q.id, 'restore', seeded.sessionSpeakerKey)).json()).toMatchObject({
      status: 'approved',
      answeredAt: null,
    });
    const dismissed = await ask(seeded.sessionId, { text: 'Dismissed by a moderator' });
    await moderate(dismissed.id, 'dismiss', seeded.moderatorKey);
    const restore = await moderate(dismissed.id, 'restore', seeded.sessionSpeakerKey);
    expect(restore.statusCode).toBe(403);
    expect(restore.json().error.id).toBe('forbidden');
    expect(await statusOf(dismissed.id)).toMatchObject({ status: 'dismissed' });
  });

  it('spotlights one question per room: the previous spotlight of the room goes off, other rooms keep theirs', async () => {
    const event = seedEvent(t.app);
    const sameRoom = seedSession(t.app, event.eventId, {
      title: 'Later in the hall',
      room: 'Main hall',
    });
    const otherRoom = seedSession(t.app, event.eventId, {
      title: 'Side talk',
      room: 'Side room',
      live: true,
    });
    const first = await ask(event.sessionId, { text: 'Spotlight one' });
    const elsewhere = await ask(otherRoom.sessionId, { text: 'Spotlight elsewhere' });
    const second = await ask(sameRoom.sessionId, { text: 'Spotlight two' });
    for (const id of [first.id, elsewhere.id, second.id]) {
      expect((await moderate(id, 'spotlight', event.moderatorKey)).statusCode).toBe(200);
    }
    expect((await statusOf(first.id)).spotlighted).toBe(false);
    expect((await statusOf(second.id)).spotlighted).toBe(true);
    expect((await statusOf(elsewhere.id)).spotlighted).toBe(true);
    expect((await moderate(second.id, 'unspotlight', event.moderatorKey)).json().spotlighted).toBe(
      false,
    );
  });

  it('refuses to spotlight a pending question with 409 invalid_transition', async () => {
    const event = seedEvent(t.app, { settings: { questionModeration: 'pre' } });
    const q = await ask(event.sessionId, { text: 'Not yet live' });
    const res = await moderate(q.id, 'spotlight', event.moderatorKey);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toEqual({
      id: 'invalid_transition',
      message: 'Only a live or answered question can be spotlighted',
    });
    expect(await statusOf(q.id)).toEqual({ status: 'pending', spotlighted: false, votes: 0 });
  });

  it('rejects an unknown action and unknown body fields with 400', async () => {
    const q = await ask(seeded.sessionId, { text: 'Leave me be' });
    const bad = await moderate(q.id, 'delete', seeded.moderatorKey);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({
      id: 'validation_failed',
      fields: { 'body.action': expect.any(String) },
    });
    const extra = await call('POST', `/questions/${q.id}/moderation`, {
      token: seeded.moderatorKey,
      body: { action: 'dismiss', note: 'x' },
    });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error.fields).toEqual({ body: 'Unrecognized key: "note"' });
    expect((await statusOf(q.id)).status).toBe('approved');
  });

  it('rejects a request without a token or with a garbage token with 401', async () => {
    const q = await ask(seeded.sessionId, { text: 'Guarded question' });
    expect(
      (await call('POST', `/questions/${q.id}/moderation`, { body: { action: 'dismiss' } }))
        .statusCode,
    ).toBe(401);
    expect((await moderate(q.id, 'dismiss', 'bcm_fake')).statusCode).toBe(401);
    expect((await statusOf(q.id)).status).toBe('approved');
  });

  it("rejects an attendee, the speaker of another session and another event's moderator with 403", async () => {
    const author = joinAttendee(t.app, seeded.eventId);
    const q = await ask(seeded.sessionId, { text: 'Guarded question' }, author.token);
    const otherSession = seedSession(t.app, seeded.eventId, { room: 'Room T' });
    for (const token of [
      author.token,
      otherSession.speakerKey,
      other.moderatorKey,
      other.speakerKey,
    ]) {
      const res = await moderate(q.id, 'answer', token);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.id).toBe('forbidden');
    }
    expect((await statusOf(q.id)).status).toBe('approved');
  });

  it('answers an unknown question with 404 question_not_found', async () => {
    const res = await moderate(999999, 'approve', seeded.moderatorKey);
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toEqual({
      id: 'question_not_found',
      message: 'No question with id 999999',
    });
  });
});

describe('PUT and DELETE /api/questions/:questionId/vote', () => {
  it('counts a second vote once and takes a vote back', async () => {
    const q = await ask(seeded.sessionId, { text: 'Vote for me' });
    const { token } = joinAttendee(t.app, seeded.eventId);
    const first = await call('PUT', `/questions/${q.id}/vote`, { token });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ questionId: q.id, voted: true, votes: 1 });
    expect((await call('PUT', `/questions/${q.id}/vote`, { token })).json()).toEqual({
      questionId: q.id,
      voted: true,
      votes: 1,
    });
    const list = (await call('GET', `/sessions/${seeded.sessionId}/questions`, { token })).json();
    expect(list.myVotes).toContain(q.id);
    expect(list.questions.find((x: QuestionJson) => x.id === q.id).votes).toBe(1);
    expect((await call('DELETE', `/questions/${q.id}/vote`, { token })).json()).toEqual({
      questionId: q.id,
      voted: false,
      votes: 0,
    });
    expect((await call('DELETE', `/questions/${q.id}/vote`, { token })).json()).toEqual({
      questionId: q.id,
      voted: false,
      votes: 0,
    });
  });

  it('refuses a vote for a pending or a dismissed question with 409 invalid_transition', async () => {
    const event = seedEvent(t.app, { settings: { questionModeration: 'pre' } });
    const pending = await ask(event.sessionId, { text: 'Still pending' });
    const dismissed = await ask(event.sessionId, { text: 'Soon dismissed' });
    await moderate(dismissed.id, 'dismiss', event.moderatorKey);
    const { token } = joinAttendee(t.app, event.eventId);
    for (const q of [pending, dismissed]) {
      const res = await call('PUT', `/questions/${q.id}/vote`, { token });
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toEqual({
        id: 'invalid_transition',
        message: 'Only live questions can be voted for',
      });
      expect((await statusOf(q.id)).votes).toBe(0);
    }
  });

  it('rejects a vote without a token or with a garbage token with 401', async () => {
    const q = await ask(seeded.sessionId, { text: 'Guarded votes' });
    expect((await call('PUT', `/questions/${q.id}/vote`)).statusCode).toBe(401);
    const garbage = await call('PUT', `/questions/${q.id}/vote`, { token: 'bct_fake' });
    expect(garbage.statusCode).toBe(401);
    expect(garbage.json().error.id).toBe('unauthorized');
    expect((await statusOf(q.id)).votes).toBe(0);
  });

  it('rejects a vote from an attendee of another event, a moderator or a speaker with 403', async () => {
    const q = await ask(seeded.sessionId, { text: 'Guarded votes' });
    const stranger = joinAttendee(t.app, other.eventId);
    for (const method of ['PUT', 'DELETE'] as const) {
      for (const token of [stranger.token, seeded.moderatorKey, seeded.sessionSpeakerKey]) {
        const res = await call(method, `/questions/${q.id}/vote`, { token });
        expect(res.statusCode).toBe(403);
        expect(res.json().error.id).toBe('forbidden');
      }
    }
    expect((await statusOf(q.id)).votes).toBe(0);
  });

  it('answers an unknown question with 404 question_not_found and a bad id with 400', async () => {
    const { token } = joinAttendee(t.app, seeded.eventId);
    const missing = await call('PUT', '/questions/999999/vote', { token });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.id).toBe('question_not_found');
    const bad = await call('DELETE', '/questions/1.5/vote', { token });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({
      id: 'validation_failed',
      fields: { 'params.questionId': expect.any(String) },
    });
  });
});
