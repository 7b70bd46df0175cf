import type { HTTPMethods } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, build, joinAttendee, seedEvent, type SeededEvent, type TestApp } from '../../helper.ts';

let t: TestApp;
let seeded: SeededEvent;
let other: SeededEvent;

function call(method: HTTPMethods, url: string, { token, body }: { token?: string; body?: object } = {}) {
  return t.app.inject({ method, url: `/api${url}`, headers: token ? bearer(token) : {}, payload: body });
}

const attendeeCount = () => t.app.db.prepare('SELECT count(*) FROM attendees').pluck().get() as number;

beforeAll(async () => {
  t = await build();
  seeded = seedEvent(t.app);
  other = seedEvent(t.app);
});
afterAll(() => t.close());

describe('POST /api/events/:eventId/attendees', () => {
  it('joins the event without a credential and returns the attendee and a working token', async () => {
    const res = await call('POST', `/events/${seeded.eventId}/attendees`, { body: { displayName: '  Ada\u202E  Lovelace ' } });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toEqual({
      attendee: { id: expect.any(Number), eventId: seeded.eventId, displayName: 'Ada Lovelace' },
      token: expect.stringMatching(/^bct_/),
    });
    const me = await call('GET', '/me', { token: body.token });
    expect(me.statusCode).toBe(200);
    expect(me.json().attendee).toEqual(body.attendee);
  });

  it('joins without a name when none is given', async () => {
    const res = await call('POST', `/events/${seeded.eventId}/attendees`, { body: {} });
    expect(res.statusCode).toBe(201);
    expect(res.json().attendee.displayName).toBeNull();
  });

  it('rejects a name that is too long with 400 validation_failed and makes no attendee', async () => {
    const before = attendeeCount();
    const res = await call('POST', `/events/${seeded.eventId}/attendees`, { body: { displayName: 'x'.repeat(61) } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({
      id: 'validation_failed',
      message: 'body.displayName: Too big: expected string to have <=60 characters',
      fields: { 'body.displayName': 'Too big: expected string to have <=60 characters' },
    });
    expect(attendeeCount()).toBe(before);
  });

  it('rejects unknown body fields with 400', async () => {
    const before = attendeeCount();
    const res = await call('POST', `/events/${seeded.eventId}/attendees`, { body: { displayName: 'Eve', trusted: true } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ id: 'validation_failed', fields: { body: 'Unrecognized key: "trusted"' } });
    expect(attendeeCount()).toBe(before);
  });

  it('rejects a garbage token with 401 even on this public route', async () => {
    const res = await call('POST', `/events/${seeded.eventId}/attendees`, { token: 'bct_forged', body: {} });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.id).toBe('unauthorized');
  });

  it('answers an unknown event with 404 event_not_found', async () => {
    const before = attendeeCount();
    const res = await call('POST', '/events/999999/attendees', { body: { displayName: 'Lost' } });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toEqual({ id: 'event_not_found', message: 'No event with id 999999' });
    expect(attendeeCount()).toBe(before);
  });
});

describe('GET /api/me', () => {
  it('returns the calling attendee and their questions', async () => {
    const { token, attendeeId } = joinAttendee(t.app, seeded.eventId, 'Grace');
    const asked = await call('POST', `/sessions/${seeded.sessionId}/questions`, { token, body: { text: 'What comes next?' } });
    expect(asked.statusCode).toBe(201);
    const res = await call('GET', '/me', { token });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      attendee: { id: attendeeId, eventId: seeded.eventId, displayName: 'Grace' },
      questions: [asked.json()],
    });
  });

  it('rejects a request without a token or with a garbage token with 401', async () => {
    const none = await call('GET', '/me');
    expect(none.statusCode).toBe(401);
    expect(none.json().error.id).toBe('unauthorized');
    const garbage = await call('GET', '/me', { token: 'bct_no-such-attendee' });
    expect(garbage.statusCode).toBe(401);
    expect(garbage.json().error.id).toBe('unauthorized');
  });

  it('rejects a valid moderator, API or speaker key with 403, as it is a credential of the wrong kind', async () => {
    for (const token of [seeded.moderatorKey, seeded.apiKey, seeded.sessionSpeakerKey]) {
      const res = await call('GET', '/me', { token });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.id).toBe('forbidden');
    }
  });
});

describe('PATCH /api/events/:eventId/attendees/me', () => {
  it('renames the calling attendee, and null clears the name', async () => {
    const { token, attendeeId } = joinAttendee(t.app, seeded.eventId, 'Old name');
    const renamed = await call('PATCH', `/events/${seeded.eventId}/attendees/me`, { token, body: { displayName: 'New name' } });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toEqual({ id: attendeeId, eventId: seeded.eventId, displayName: 'New name' });
    expect((await call('GET', '/me', { token })).json().attendee.displayName).toBe('New name');
    const cleared = await call('PATCH', `/events/${seeded.eventId}/attendees/me`, { token, body: { displayName: null } });
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json().displayName).toBeNull();
  });

  it('rejects a missing or blank name with 400 and keeps the old one', async () => {
    const { token } = joinAttendee(t.app, seeded.eventId, 'Kept');
    const missing = await call('PATCH', `/events/${seeded.eventId}/attendees/me`, { token, body: {} });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toMatchObject({ id: 'validation_failed', fields: { 'body.displayName': expect.any(String) } });
    const blank = await call('PATCH', `/events/${seeded.eventId}/attendees/me`, { token, body: { displayName: ' \u0007 ' } });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.message).toMatch(/^body\.displayName: /);
    expect((await call('GET', '/me', { token })).json().attendee.displayName).toBe('Kept');
  });

  it('rejects unknown body fields with 400', async () => {
    const { token } = joinAttendee(t.app, seeded.eventId, 'Kept');
    const res = await call('PATCH', `/events/${seeded.eventId}/attendees/me`, { token, body: { displayName: 'X', blocked: 0 } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual({ body: 'Unrecognized key: "blocked"' });
    expect((await call('GET', '/me', { token })).json().attendee.displayName).toBe('Kept');
  });

  it('rejects a request without a token or with a garbage token with 401', async () => {
    expect((await call('PATCH', `/events/${seeded.eventId}/attendees/me`, { body: { displayName: 'X' } })).statusCode).toBe(401);
    const garbage = await call('PATCH', `/events/${seeded.eventId}/attendees/me`, { token: 'garbage', body: { displayName: 'X' } });
    expect(garbage.statusCode).toBe(401);
    expect(garbage.json().error.id).toBe('unauthorized');
  });

  it('rejects an attendee of another event and a moderator key with 403', async () => {
    const stranger = joinAttendee(t.app, other.eventId, 'Stranger');
    for (const token of [stranger.token, seeded.moderatorKey]) {
      const res = await call('PATCH', `/events/${seeded.eventId}/attendees/me`, { token, body: { displayName: 'Intruder' } });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.id).toBe('forbidden');
    }
    expect((await call('GET', '/me', { token: stranger.token })).json().attendee.displayName).toBe('Stranger');
  });

  it('rejects an event id that is not a number with 400', async () => {
    const { token } = joinAttendee(t.app, seeded.eventId);
    const res = await call('PATCH', '/events/first/attendees/me', { token, body: { displayName: 'X' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ id: 'validation_failed', fields: { 'params.eventId': expect.any(String) } });
  });
});
