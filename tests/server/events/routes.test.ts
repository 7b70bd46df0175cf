import { DEFAULT_DUPLICATE_THRESHOLD } from '../../../shared/similarity.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiCaller,
  build,
  buildEventBody,
  joinAttendee,
  seedEvent,
  type SeededEvent,
  type TestApp,
} from '../../helper.ts';

let t: TestApp;
let seeded: SeededEvent;
let other: SeededEvent;

const call = apiCaller(() => t.app);

async function eventCount(): Promise<number> {
  return (await call('GET', '/health')).json().events as number;
}

beforeAll(async () => {
  t = await build();
  seeded = seedEvent(t.app);
  other = seedEvent(t.app);
});
afterAll(() => t.close());

describe('POST /api/events', () => {
  it('makes an event for the admin and returns its keys and links, with no sessions yet', async () => {
    const res = await call('POST', '/events', {
      token: t.config.adminToken,
      body: { name: '  Rust  Days ', code: 'rust-26', hashtags: ['#RustDays', 'rustdays', 'rust'] },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.event).toEqual({
      id: expect.any(Number),
      code: 'RUST-26',
      name: 'Rust Days',
      hashtags: ['rustdays', 'rust'],
      questionTag: 'ask',
      settings: {
        postModeration: 'pre',
        questionModeration: 'post',
        allowAnonymous: true,
        duplicateThreshold: DEFAULT_DUPLICATE_THRESHOLD,
        archive: 'off',
      },
      branding: { accentColor: '#4f7cff', logoUrl: null, theme: 'dark', uploadedLogoUrl: null },
      timeZone: 'UTC',
      createdAt: expect.any(String),
    });
    expect(body.moderatorKey).toMatch(/^bcm_/);
    expect(body.speakerKey).toMatch(/^bcs_/);
    expect(body.apiKey).toMatch(/^bck_/);
    expect(body.links).toEqual({
      attendee: `${t.config.publicUrl}/e/RUST-26`,
      screen: `${t.config.publicUrl}/e/RUST-26/screen`,
      moderator: `${t.config.publicUrl}/e/RUST-26/moderate#key=${body.moderatorKey}`,
      speaker: `${t.config.publicUrl}/e/RUST-26/speaker#key=${body.speakerKey}`,
    });
    expect(body.sessions).toEqual([]);
    expect(res.headers['cache-control']).toBe('no-store');
    // The moderator key works at once.
    const patched = await call('PATCH', `/events/${body.event.id}`, {
      token: body.moderatorKey,
      body: { name: 'Rust Days 2026' },
    });
    expect(patched.statusCode).toBe(200);
  });

  it('rejects a body without a name with 400 validation_failed naming the field', async () => {
    const before = await eventCount();
    const res = await call('POST', '/events', {
      token: t.config.adminToken,
      body: { hashtags: ['x'] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      id: 'validation_failed',
      fields: { 'body.name': expect.any(String) },
    });
    expect(res.json().error.message).toMatch(/^body\.name: /);
    expect(await eventCount()).toBe(before);
  });

  it('rejects a join code with characters other than letters, digits and - with 400', async () => {
    const res = await call('POST', '/events', {
      token: t.config.adminToken,
      body: { name: 'Conf', code: 'no spaces!' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({
      id: 'validation_failed',
      message: 'body.code: letters, digits and - only',
      fields: { 'body.code': 'letters, digits and - only' },
    });
  });

  it('rejects unknown body fields, also inside settings, with 400', async () => {
    const top = await call('POST', '/events', {
      token: t.config.adminToken,
      body: { name: 'Conf', owner: 'me' },
    });
    expect(top.statusCode).toBe(400);
    expect(top.json().error.id).toBe('validation_failed');
    expect(top.json().error.fields).toEqual({ body: 'Unrecognized key: "owner"' });
    const nested = await call('POST', '/events', {
      token: t.config.adminToken,
      body: { name: 'Conf', settings: { postModeration: 'post', autoApprove: true } },
    });
    expect(nested.statusCode).toBe(400);
    expect(nested.json().error.fields).toEqual({
      'body.settings': 'Unrecognized key: "autoApprove"',
    });
  });

  it('rejects a request without a token with 401 and one with a garbage token with 401', async () => {
    const before = await eventCount();
    const none = await call('POST', '/events', { body: buildEventBody() });
    expect(none.statusCode).toBe(401);
    expect(none.json().error.id).toBe('unauthorized');
    const garbage = await call('POST', '/events', {
      token: 'not-a-real-token-at-all',
      body: buildEventBody(),
    });
    expect(garbage.statusCode).toBe(401);
    expect(garbage.json().error.id).toBe('unauthorized');
    expect(await eventCount()).toBe(before);
  });

  it('rejects a moderator key, an API key and an attendee token with 403', async () => {
    const before = await eventCount();
    const attendee = joinAttendee(t.app, seeded.eventId);
    for (const token of [seeded.moderatorKey, seeded.apiKey, attendee.token]) {
      const res = await call('POST', '/events', { token, body: buildEventBody() });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.id).toBe('forbidden');
    }
    expect(await eventCount()).toBe(before);
  });

  it('refuses a join code already in use, in any case, with 409 join_code_taken', async () => {
    const before = await eventCount();
    const res = await call('POST', '/events', {
      token: t.config.adminToken,
      body: { name: 'Copy', code: seeded.code.toLowerCase() },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toEqual({
      id: 'join_code_taken',
      message: `The join code ${seeded.code} is already in use`,
    });
    expect(await eventCount()).toBe(before);
  });
});

describe('GET /api/events/by-code/:code', () => {
  it('returns the public event and its sessions, whatever the case of the code', async () => {
    const res = await call('GET', `/events/by-code/${seeded.code.toLowerCase()}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.event).toMatchObject({ id: seeded.eventId, code: seeded.code });
    expect(body.sessions).toEqual([
      expect.objectContaining({ id: seeded.sessionId, title: 'Keynote', live: true }),
    ]);
    // Keys are never part of the public view.
    expect(res.body).not.toContain(seeded.moderatorKey);
    expect(res.body).not.toMatch(/bc[msk]_/);
  });

  it('answers an unknown code with 404 event_not_found', async () => {
    const res = await call('GET', '/events/by-code/NOPE-404');
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toEqual({
      id: 'event_not_found',
      message: 'No event with code NOPE-404',
    });
  });

  it('rejects a code that is too short with 400 validation_failed', async () => {
    const res = await call('GET', '/events/by-code/ab');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      id: 'validation_failed',
      fields: { 'params.code': expect.stringMatching(/>=3/) },
    });
  });
});

describe('GET /api/events/:eventId', () => {
  it('returns the public event', async () => {
    const res = await call('GET', `/events/${seeded.eventId}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: seeded.eventId,
      code: seeded.code,
      hashtags: ['testconf'],
      questionTag: 'ask',
    });
    expect(res.body).not.toMatch(/bc[msk]_/);
  });

  it('rejects an id that is not a number with 400 validation_failed', async () => {
    const res = await call('GET', '/events/abc');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      id: 'validation_failed',
      fields: { 'params.eventId': expect.any(String) },
    });
  });

  it('answers an unknown event with 404 event_not_found', async () => {
    const res = await call('GET', '/events/999999');
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toEqual({ id: 'event_not_found', message: 'No event with id 999999' });
  });
});

describe('PATCH /api/events/:eventId', () => {
  it('lets the moderator change the settings, and logs it', async () => {
    const res = await call('PATCH', `/events/${seeded.eventId}`, {
      token: seeded.moderatorKey,
      body: {
        name: 'Renamed Conf',
        questionTag: '#Q',
        settings: { postModeration: 'post', allowAnonymous: false },
        branding: { accentColor: '#112233', theme: 'light' },
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: seeded.eventId,
      name: 'Renamed Conf',
      questionTag: 'q',
      settings: { postModeration: 'post', questionModeration: 'post', allowAnonymous: false },
      branding: { accentColor: '#112233', logoUrl: null, theme: 'light' },
    });
    expect((await call('GET', `/events/${seeded.eventId}`)).json()).toEqual(res.json());
    const log = await call('GET', `/events/${seeded.eventId}/moderation/log`, {
      token: seeded.moderatorKey,
    });
    expect(log.json().entries[0]).toMatchObject({
      actor: 'moderator',
      action: 'update_settings',
      itemType: 'event',
      itemId: seeded.eventId,
    });
  });

  it('rejects an unknown moderation mode with 400 and changes nothing', async () => {
    const before = (await call('GET', `/events/${seeded.eventId}`)).json();
    const res = await call('PATCH', `/events/${seeded.eventId}`, {
      token: seeded.moderatorKey,
      body: { settings: { postModeration: 'never' } },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      id: 'validation_failed',
      fields: { 'body.settings.postModeration': expect.any(String) },
    });
    expect(res.json().error.message).toMatch(/^body\.settings\.postModeration: /);
    expect((await call('GET', `/events/${seeded.eventId}`)).json()).toEqual(before);
  });

  it('rejects unknown body fields, such as the join code, with 400', async () => {
    const res = await call('PATCH', `/events/${seeded.eventId}`, {
      token: seeded.moderatorKey,
      body: { code: 'HIJACK' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual({ body: 'Unrecognized key: "code"' });
  });

  it('rejects a change without a token or with a garbage token with 401', async () => {
    const none = await call('PATCH', `/events/${seeded.eventId}`, { body: { name: 'Nope' } });
    expect(none.statusCode).toBe(401);
    expect(none.json().error.id).toBe('unauthorized');
    const garbage = await call('PATCH', `/events/${seeded.eventId}`, {
      token: 'bcm_garbage',
      body: { name: 'Nope' },
    });
    expect(garbage.statusCode).toBe(401);
    expect((await call('GET', `/events/${seeded.eventId}`)).json().name).not.toBe('Nope');
  });

  it("rejects another event's moderator key, the speaker key, the API key and an attendee token with 403", async () => {
    const before = (await call('GET', `/events/${seeded.eventId}`)).json();
    const attendee = joinAttendee(t.app, seeded.eventId);
    for (const token of [
      other.moderatorKey,
      seeded.speakerKey,
      seeded.sessionSpeakerKey,
      seeded.apiKey,
      attendee.token,
    ]) {
      const res = await call('PATCH', `/events/${seeded.eventId}`, {
        token,
        body: { name: 'Taken over' },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.id).toBe('forbidden');
    }
    expect((await call('GET', `/events/${seeded.eventId}`)).json()).toEqual(before);
  });

  it('answers an unknown event with 404 event_not_found', async () => {
    const res = await call('PATCH', '/events/999999', {
      token: seeded.moderatorKey,
      body: { name: 'Ghost' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.id).toBe('event_not_found');
  });
});
