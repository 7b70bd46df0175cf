import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiCaller,
  bearer,
  build,
  joinAttendee,
  seedEvent,
  seedSession,
  type SeededEvent,
  type TestApp,
} from '../../helper.ts';

let t: TestApp;
let seeded: SeededEvent;
let other: SeededEvent;

const call = apiCaller(() => t.app);

async function sessionsOf(
  eventId: number,
): Promise<
  Array<{ id: number; title: string; room: string; live: boolean; questionsOpen: boolean }>
> {
  const res = await call('GET', `/events/${eventId}/sessions`);
  expect(res.statusCode).toBe(200);
  return res.json().sessions;
}

beforeAll(async () => {
  t = await build();
  seeded = seedEvent(t.app);
  other = seedEvent(t.app);
});
afterAll(() => t.close());

describe('GET /api/events/:eventId/sessions', () => {
  it('lists the sessions of the event, publicly', async () => {
    const sessions = await sessionsOf(seeded.eventId);
    expect(sessions).toEqual([
      {
        id: seeded.sessionId,
        eventId: seeded.eventId,
        title: 'Keynote',
        speaker: '',
        room: 'Main hall',
        tag: null,
        startsAt: null,
        endsAt: null,
        live: true,
        questionsOpen: true,
      },
    ]);
  });

  it('answers an unknown event with 404 event_not_found and a bad id with 400', async () => {
    const missing = await call('GET', '/events/999999/sessions');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.id).toBe('event_not_found');
    const bad = await call('GET', '/events/-3/sessions');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({
      id: 'validation_failed',
      fields: { 'params.eventId': expect.any(String) },
    });
  });
});

describe('POST /api/events/:eventId/sessions', () => {
  it('adds a session for the moderator and returns it with its speaker key and link', async () => {
    const res = await call('POST', `/events/${seeded.eventId}/sessions`, {
      token: seeded.moderatorKey,
      body: {
        title: 'Deep dive',
        speaker: 'Grace',
        room: 'Room B',
        tag: '#DeepDive',
        startsAt: '2026-05-04T10:00:00+02:00',
      },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.session).toEqual({
      id: expect.any(Number),
      eventId: seeded.eventId,
      title: 'Deep dive',
      speaker: 'Grace',
      room: 'Room B',
      tag: 'deepdive',
      startsAt: '2026-05-04T10:00:00+02:00',
      endsAt: null,
      live: false,
      questionsOpen: true,
    });
    expect(body.speakerKey).toMatch(/^bcs_/);
    expect(body.link).toBe(
      `${t.config.publicUrl}/e/${seeded.code}/speaker#key=${body.speakerKey}&session=${body.session.id}`,
    );
    expect((await sessionsOf(seeded.eventId)).map((s) => s.id)).toContain(body.session.id);
  });

  it('makes a live session take over its room and leaves other rooms live', async () => {
    const event = seedEvent(t.app);
    const side = seedSession(t.app, event.eventId, { room: 'Side room', live: true });
    const res = await call('POST', `/events/${event.eventId}/sessions`, {
      token: event.moderatorKey,
      body: { title: 'Closing', room: 'Main hall', live: true },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().session.live).toBe(true);
    const live = Object.fromEntries((await sessionsOf(event.eventId)).map((s) => [s.id, s.live]));
    expect(live).toEqual({
      [event.sessionId]: false,
      [side.sessionId]: true,
      [res.json().session.id]: true,
    });
  });

  it('rejects a session without a title with 400 validation_failed', async () => {
    const before = await sessionsOf(seeded.eventId);
    const res = await call('POST', `/events/${seeded.eventId}/sessions`, {
      token: seeded.moderatorKey,
      body: { title: '  ' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      id: 'validation_failed',
      fields: { 'body.title': expect.stringMatching(/>=1/) },
    });
    expect(res.json().error.message).toMatch(/^body\.title: /);
    expect(await sessionsOf(seeded.eventId)).toEqual(before);
  });

  it('rejects a start time that is not ISO 8601 with 400', async () => {
    const res = await call('POST', `/events/${seeded.eventId}/sessions`, {
      token: seeded.moderatorKey,
      body: { title: 'Later', startsAt: 'tomorrow at ten' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty(['body.startsAt']);
  });

  it('rejects unknown body fields with 400', async () => {
    const res = await call('POST', `/events/${seeded.eventId}/sessions`, {
      token: seeded.moderatorKey,
      body: { title: 'Talk', eventId: other.eventId },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual({ body: 'Unrecognized key: "eventId"' });
  });

  it('refuses a tag another session already has with 409 session_tag_taken', async () => {
    await call('POST', `/events/${seeded.eventId}/sessions`, {
      token: seeded.moderatorKey,
      body: { title: 'Tagged', tag: 'uniq' },
    });
    const before = await sessionsOf(seeded.eventId);
    const res = await call('POST', `/events/${seeded.eventId}/sessions`, {
      token: seeded.moderatorKey,
      body: { title: 'Copycat', tag: '#UNIQ' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.id).toBe('session_tag_taken');
    expect(await sessionsOf(seeded.eventId)).toEqual(before);
  });

  it('rejects a request without a token or with a garbage token with 401', async () => {
    const before = await sessionsOf(seeded.eventId);
    for (const headers of [{}, bearer('bcm_not-a-key')]) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/events/${seeded.eventId}/sessions`,
        headers,
        payload: { title: 'Sneaky' },
      });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.id).toBe('unauthorized');
    }
    expect(await sessionsOf(seeded.eventId)).toEqual(before);
  });

  it("rejects another event's moderator key, a speaker key and an attendee token with 403", async () => {
    const before = await sessionsOf(seeded.eventId);
    const attendee = joinAttendee(t.app, seeded.eventId);
    for (const token of [
      other.moderatorKey,
      seeded.speakerKey,
      seeded.sessionSpeakerKey,
      seeded.apiKey,
      attendee.token,
    ]) {
      const res = await call('POST', `/events/${seeded.eventId}/sessions`, {
        token,
        body: { title: 'Sneaky' },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.id).toBe('forbidden');
    }
    expect(await sessionsOf(seeded.eventId)).toEqual(before);
  });

  it('answers an unknown event with 404 event_not_found', async () => {
    const res = await call('POST', '/events/999999/sessions', {
      token: seeded.moderatorKey,
      body: { title: 'Ghost' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toEqual({ id: 'event_not_found', message: 'No event with id 999999' });
  });
});

describe('PATCH /api/sessions/:sessionId', () => {
  it('lets the moderator rename a session and close its questions', async () => {
    const { sessionId } = seedSession(t.app, seeded.eventId, { title: 'Draft', room: 'Room C' });
    const res = await call('PATCH', `/sessions/${sessionId}`, {
      token: seeded.moderatorKey,
      body: { title: 'Final title', questionsOpen: false },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: sessionId,
      title: 'Final title',
      room: 'Room C',
      questionsOpen: false,
      live: false,
    });
    expect((await sessionsOf(seeded.eventId)).find((s) => s.id === sessionId)).toMatchObject({
      title: 'Final title',
      questionsOpen: false,
    });
  });

  it('sets a session live and un-lives the previous live session of the same room', async () => {
    const event = seedEvent(t.app);
    const { sessionId } = seedSession(t.app, event.eventId, { title: 'Next', room: 'Main hall' });
    const res = await call('PATCH', `/sessions/${sessionId}`, {
      token: event.moderatorKey,
      body: { live: true },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().live).toBe(true);
    const live = Object.fromEntries((await sessionsOf(event.eventId)).map((s) => [s.id, s.live]));
    expect(live).toEqual({ [event.sessionId]: false, [sessionId]: true });
  });

  it('rejects an empty title and unknown fields with 400 and changes nothing', async () => {
    const before = await sessionsOf(seeded.eventId);
    const empty = await call('PATCH', `/sessions/${seeded.sessionId}`, {
      token: seeded.moderatorKey,
      body: { title: '' },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error).toMatchObject({
      id: 'validation_failed',
      fields: { 'body.title': expect.any(String) },
    });
    const unknown = await call('PATCH', `/sessions/${seeded.sessionId}`, {
      token: seeded.moderatorKey,
      body: { votes: 3 },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields).toEqual({ body: 'Unrecognized key: "votes"' });
    expect(await sessionsOf(seeded.eventId)).toEqual(before);
  });

  it('rejects a change without a token or with a garbage token with 401', async () => {
    expect(
      (await call('PATCH', `/sessions/${seeded.sessionId}`, { body: { title: 'x' } })).statusCode,
    ).toBe(401);
    const garbage = await call('PATCH', `/sessions/${seeded.sessionId}`, {
      token: 'garbage',
      body: { title: 'x' },
    });
    expect(garbage.statusCode).toBe(401);
    expect(garbage.json().error.id).toBe('unauthorized');
  });

  it("rejects the session's own speaker key, another event's moderator and an attendee with 403", async () => {
    const before = await sessionsOf(seeded.eventId);
    const attendee = joinAttendee(t.app, seeded.eventId);
    for (const token of [
      seeded.sessionSpeakerKey,
      seeded.speakerKey,
      other.moderatorKey,
      attendee.token,
    ]) {
      const res = await call('PATCH', `/sessions/${seeded.sessionId}`, {
        token,
        body: { questionsOpen: false },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.id).toBe('forbidden');
    }
    expect(await sessionsOf(seeded.eventId)).toEqual(before);
  });

  it('answers an unknown session with 404 session_not_found', async () => {
    const res = await call('PATCH', '/sessions/999999', {
      token: seeded.moderatorKey,
      body: { title: 'Ghost' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toEqual({
      id: 'session_not_found',
      message: 'No session with id 999999',
    });
  });
});

describe('GET /api/sessions/:sessionId/speaker-link', () => {
  it("returns the session's speaker key and link to the moderator, and the key works as that speaker", async () => {
    const res = await call('GET', `/sessions/${seeded.sessionId}/speaker-link`, {
      token: seeded.moderatorKey,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.session).toMatchObject({ id: seeded.sessionId, eventId: seeded.eventId });
    expect(body.speakerKey).toBe(seeded.sessionSpeakerKey);
    expect(body.link).toBe(
      `${t.config.publicUrl}/e/${seeded.code}/speaker#key=${seeded.sessionSpeakerKey}&session=${seeded.sessionId}`,
    );
    const asSpeaker = await call('GET', `/sessions/${seeded.sessionId}/moderation/questions`, {
      token: body.speakerKey,
    });
    expect(asSpeaker.statusCode).toBe(200);
  });

  it('rejects a request without a token or with a garbage token with 401', async () => {
    expect((await call('GET', `/sessions/${seeded.sessionId}/speaker-link`)).statusCode).toBe(401);
    expect(
      (await call('GET', `/sessions/${seeded.sessionId}/speaker-link`, { token: 'bcs_nope' }))
        .statusCode,
    ).toBe(401);
  });

  it("rejects the session's speaker, another event's moderator and an attendee with 403", async () => {
    const attendee = joinAttendee(t.app, seeded.eventId);
    for (const token of [seeded.sessionSpeakerKey, other.moderatorKey, attendee.token]) {
      const res = await call('GET', `/sessions/${seeded.sessionId}/speaker-link`, { token });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.id).toBe('forbidden');
      expect(res.body).not.toContain('bcs_');
    }
  });

  it('answers an unknown session with 404 session_not_found and a bad id with 400', async () => {
    const missing = await call('GET', '/sessions/999999/speaker-link', {
      token: seeded.moderatorKey,
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.id).toBe('session_not_found');
    const bad = await call('GET', '/sessions/0/speaker-link', { token: seeded.moderatorKey });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({
      id: 'validation_failed',
      fields: { 'params.sessionId': expect.any(String) },
    });
  });
});
