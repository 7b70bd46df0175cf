import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiCaller,
  build,
  joinAttendee,
  seedEvent,
  solvedAltcha,
  type SeededEvent,
  type TestApp,
} from '../../helper.ts';

let t: TestApp;
let seeded: SeededEvent;
let other: SeededEvent;

const call = apiCaller(() => t.app);

const attendeeCount = () =>
  t.app.db.prepare('SELECT count(*) FROM attendees').pluck().get() as number;

beforeAll(async () => {
  t = await build();
  seeded = seedEvent(t.app);
  other = seedEvent(t.app);
});
afterAll(() => t.close());

describe('POST /api/events/by-code/:code/attendees', () => {
  const join = async (body: object, code = seeded.code, token?: string) =>
    call('POST', `/events/by-code/${code}/attendees`, {
      body: { altcha: await solvedAltcha(t.app, code), ...body },
      ...(token ? { token } : {}),
    });

  it('joins the event with a solved challenge and returns the attendee and a working token', async () => {
    const res = await join({ displayName: '  Ada\u202E  Lovelace ' });
    expect(res.statusCode).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    expect(body).toEqual({
      attendee: { id: expect.any(Number), eventId: seeded.eventId, displayName: 'Ada Lovelace' },
      token: expect.stringMatching(/^bct_/),
    });
    const me = await call('GET', '/me', { token: body.token });
    expect(me.statusCode).toBe(200);
    expect(me.json().attendee).toEqual(body.attendee);
  });

  it('joins without a name when none is given, the code in any case', async () => {
    const res = await join({}, seeded.code.toLowerCase());
    expect(res.statusCode).toBe(201);
    expect(res.json().attendee.displayName).toBeNull();
  });

  it('rejects a name that is too long with 400 validation_failed and makes no attendee', async () => {
    const before = attendeeCount();
    const res = await join({ displayName: 'x'.repeat(61) });
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
    const res = await join({ displayName: 'Eve', trusted: true });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      id: 'validation_failed',
      fields: { body: 'Unrecognized key: "trusted"' },
    });
    expect(attendeeCount()).toBe(before);
  });

  it('rejects a garbage token with 401 even on this public route', async () => {
    const res = await join({}, seeded.code, 'bct_forged');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.id).toBe('unauthorized');
  });

  it('answers an unknown code with 404 event_not_found', async () => {
    const before = attendeeCount();
    const res = await call('POST', '/events/by-code/NOSUCH/attendees', {
      body: { altcha: 'x', displayName: 'Lost' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toEqual({
      id: 'event_not_found',
      message: 'No event with code NOSUCH',
    });
    expect(attendeeCount()).toBe(before);
  });

  it('refuses a join without a real proof of work with 400 challenge_failed', async () => {
    const before = attendeeCount();
    const challenge = (await call('GET', `/events/by-code/${seeded.code}/join-challenge`)).json<{
      parameters: Record<string, unknown>;
      signature: string;
    }>();
    const forged = [
      'not base64 json',
      btoa(JSON.stringify({ challenge, solution: { counter: 0, derivedKey: '00'.repeat(32) } })),
      // A challenge made up by the caller, with a solution that fits it: the signature fails.
      btoa(
        JSON.stringify({
          challenge: { ...challenge, parameters: { ...challenge.parameters, cost: 1 } },
          solution: { counter: 0, derivedKey: '00'.repeat(32) },
        }),
      ),
    ];
    for (const altcha of forged) {
      const res = await call('POST', `/events/by-code/${seeded.code}/attendees`, {
        body: { altcha },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.id).toBe('challenge_failed');
    }
    expect(attendeeCount()).toBe(before);
  });

  it('spends a challenge on its first use: the same answer again is refused', async () => {
    const altcha = await solvedAltcha(t.app, seeded.code);
    const first = await call('POST', `/events/by-code/${seeded.code}/attendees`, {
      body: { altcha },
    });
    expect(first.statusCode).toBe(201);
    const again = await call('POST', `/events/by-code/${seeded.code}/attendees`, {
      body: { altcha },
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().error).toEqual({
      id: 'challenge_failed',
      message: 'This challenge has already been used: ask for a new one',
    });
  });

  it("refuses another event's challenge", async () => {
    const altcha = await solvedAltcha(t.app, other.code);
    const res = await call('POST', `/events/by-code/${seeded.code}/attendees`, {
      body: { altcha },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.id).toBe('challenge_failed');
  });

  it('refuses an expired challenge', async () => {
    const expired = await solvedAltcha(t.app, seeded.code);
    const realNow = Date.now;
    Date.now = () => realNow() + 11 * 60_000;
    try {
      const res = await call('POST', `/events/by-code/${seeded.code}/attendees`, {
        body: { altcha: expired },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toEqual({
        id: 'challenge_failed',
        message: 'The challenge has expired: ask for a new one',
      });
    } finally {
      Date.now = realNow;
    }
  });

  it('the old route by numeric id answers 410 join_code_required and makes no attendee', async () => {
    const before = attendeeCount();
    const res = await call('POST', `/events/${seeded.eventId}/attendees`, {
      body: { displayName: 'Mallory' },
    });
    expect(res.statusCode).toBe(410);
    expect(res.json().error.id).toBe('join_code_required');
    expect(attendeeCount()).toBe(before);
  });
});

describe('GET /api/events/by-code/:code/join-challenge', () => {
  it('hands out a signed ALTCHA challenge for the event, never cached', async () => {
    const res = await call('GET', `/events/by-code/${seeded.code}/join-challenge`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    expect(body).toMatchObject({
      parameters: {
        algorithm: 'PBKDF2/SHA-256',
        data: { event: seeded.eventId },
        expiresAt: expect.any(Number),
        keySignature: expect.any(String),
      },
      signature: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(body.parameters.expiresAt * 1000 - Date.now()).toBeGreaterThan(9 * 60_000);
  });

  it('answers an unknown code with 404 event_not_found', async () => {
    const res = await call('GET', '/events/by-code/NOSUCH/join-challenge');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.id).toBe('event_not_found');
  });
});

describe('GET /api/me', () => {
  it('returns the calling attendee and their questions', async () => {
    const { token, attendeeId } = joinAttendee(t.app, seeded.eventId, 'Grace');
    const asked = await call('POST', `/sessions/${seeded.sessionId}/questions`, {
      token,
      body: { text: 'What comes next?' },
    });
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
    const renamed = await call('PATCH', `/events/${seeded.eventId}/attendees/me`, {
      token,
      body: { displayName: 'New name' },
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toEqual({
      id: attendeeId,
      eventId: seeded.eventId,
      displayName: 'New name',
    });
    expect((await call('GET', '/me', { token })).json().attendee.displayName).toBe('New name');
    const cleared = await call('PATCH', `/events/${seeded.eventId}/attendees/me`, {
      token,
      body: { displayName: null },
    });
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json().displayName).toBeNull();
  });

  it('rejects a missing or blank name with 400 and keeps the old one', async () => {
    const { token } = joinAttendee(t.app, seeded.eventId, 'Kept');
    const missing = await call('PATCH', `/events/${seeded.eventId}/attendees/me`, {
      token,
      body: {},
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toMatchObject({
      id: 'validation_failed',
      fields: { 'body.displayName': expect.any(String) },
    });
    const blank = await call('PATCH', `/events/${seeded.eventId}/attendees/me`, {
      token,
      body: { displayName: ' \u0007 ' },
    });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.message).toMatch(/^body\.displayName: /);
    expect((await call('GET', '/me', { token })).json().attendee.displayName).toBe('Kept');
  });

  it('rejects unknown body fields with 400', async () => {
    const { token } = joinAttendee(t.app, seeded.eventId, 'Kept');
    const res = await call('PATCH', `/events/${seeded.eventId}/attendees/me`, {
      token,
      body: { displayName: 'X', blocked: 0 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual({ body: 'Unrecognized key: "blocked"' });
    expect((await call('GET', '/me', { token })).json().attendee.displayName).toBe('Kept');
  });

  it('rejects a request without a token or with a garbage token with 401', async () => {
    expect(
      (
        await call('PATCH', `/events/${seeded.eventId}/attendees/me`, {
          body: { displayName: 'X' },
        })
      ).statusCode,
    ).toBe(401);
    const garbage = await call('PATCH', `/events/${seeded.eventId}/attendees/me`, {
      token: 'garbage',
      body: { displayName: 'X' },
    });
    expect(garbage.statusCode).toBe(401);
    expect(garbage.json().error.id).toBe('unauthorized');
  });

  it('rejects an attendee of another event and a moderator key with 403', async () => {
    const stranger = joinAttendee(t.app, other.eventId, 'Stranger');
    for (const token of [stranger.token, seeded.moderatorKey]) {
      const res = await call('PATCH', `/events/${seeded.eventId}/attendees/me`, {
        token,
        body: { displayName: 'Intruder' },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.id).toBe('forbidden');
    }
    expect((await call('GET', '/me', { token: stranger.token })).json().attendee.displayName).toBe(
      'Stranger',
    );
  });

  it('rejects an event id that is not a number with 400', async () => {
    const { token } = joinAttendee(t.app, seeded.eventId);
    const res = await call('PATCH', '/events/first/attendees/me', {
      token,
      body: { displayName: 'X' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      id: 'validation_failed',
      fields: { 'params.eventId': expect.any(String) },
    });
  });
});
