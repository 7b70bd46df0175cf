/**
 * An organiser rotates an event's keys: the old ones are refused at once, over REST and on
 * sockets already open with them, and a reconnect with an old key (even one that would resume
 * its session) is refused at the handshake. Other events and attendees are untouched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventAccess } from '../../shared/schemas/events.ts';
import {
  bearer,
  build,
  connectClient,
  joinAttendee,
  listen,
  seedEvent,
  sleep,
  socketClients,
  type ClientSocket,
  type TestApp,
} from '../helper.ts';

let t: TestApp;
let url: string;
const clients = socketClients(() => ({ url }));

beforeAll(async () => {
  t = await build();
  url = await listen(t.app);
});
afterAll(() => t.close());

const rotate = (eventId: number, body: object, token = t.config.adminToken) =>
  t.app.inject({
    method: 'POST',
    url: `/api/events/${eventId}/keys/rotate`,
    headers: bearer(token),
    payload: body,
  });

/** A call each kind of key may make, answered 200 while the key is good. */
const probes = (eventId: number, sessionId: number) => ({
  moderator: `/api/events/${eventId}/moderation/log`,
  speaker: `/api/sessions/${sessionId}/moderation/questions`,
  apiKey: `/api/events/${eventId}/posts`,
});

async function statusWith(path: string, token: string, method: 'GET' | 'POST' = 'GET') {
  const response = await t.app.inject({
    method,
    url: path,
    headers: bearer(token),
    ...(method === 'POST' ? { payload: { text: 'Still allowed to post?' } } : {}),
  });
  return response.statusCode;
}

async function connected(eventCode: string, token?: string): Promise<ClientSocket> {
  const { socket } = await clients.connect({ eventCode, token });
  return socket;
}

const disconnectReason = (socket: ClientSocket, ms = 2000) =>
  new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('still connected')), ms);
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });

describe('POST /api/events/:eventId/keys/rotate', () => {
  it('replaces every key: the old ones get 401 at once, the new ones work', async () => {
    const event = seedEvent(t.app);
    const other = seedEvent(t.app);
    const probe = probes(event.eventId, event.sessionId);
    expect(await statusWith(probe.moderator, event.moderatorKey)).toBe(200);
    expect(await statusWith(probe.speaker, event.sessionSpeakerKey)).toBe(200);

    const response = await rotate(event.eventId, {});
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const access = response.json<EventAccess>();
    const newSessionKey = access.sessions.find((s) => s.session.id === event.sessionId)!;

    for (const old of [event.moderatorKey, event.speakerKey, event.sessionSpeakerKey]) {
      const path = old === event.moderatorKey ? probe.moderator : probe.speaker;
      expect(await statusWith(path, old), old).toBe(401);
    }
    expect(await statusWith(probe.apiKey, event.apiKey, 'POST')).toBe(401);

    expect(access.moderatorKey).not.toBe(event.moderatorKey);
    expect(access.links.moderator).toContain(access.moderatorKey);
    expect(await statusWith(probe.moderator, access.moderatorKey)).toBe(200);
    expect(await statusWith(probe.speaker, access.speakerKey)).toBe(200);
    expect(await statusWith(probe.speaker, newSessionKey.speakerKey)).toBe(200);
    expect(await statusWith(probe.apiKey, access.apiKey, 'POST')).toBe(201);

    // The other event keeps its keys.
    expect(
      await statusWith(probes(other.eventId, other.sessionId).moderator, other.moderatorKey),
    ).toBe(200);
    // The log says the organiser did it, and which keys.
    const log = await t.app.inject({
      url: `/api/events/${event.eventId}/moderation/log`,
      headers: bearer(access.moderatorKey),
    });
    expect(log.json().entries[0]).toMatchObject({
      actor: 'admin',
      action: 'rotate_keys',
      detail: { keys: ['moderator', 'speaker', 'apiKey'] },
    });
  });

  it('replaces only the keys named, and the new keys survive a restart of the domain', async () => {
    const event = seedEvent(t.app);
    const response = await rotate(event.eventId, { keys: ['speaker'] });
    expect(response.statusCode).toBe(200);
    const access = response.json<EventAccess>();
    expect(access.moderatorKey).toBe(event.moderatorKey);
    expect(access.apiKey).toBe(event.apiKey);
    expect(access.speakerKey).not.toBe(event.speakerKey);
    const probe = probes(event.eventId, event.sessionId);
    expect(await statusWith(probe.moderator, event.moderatorKey)).toBe(200);
    expect(await statusWith(probe.speaker, event.sessionSpeakerKey)).toBe(401);
    // Listing derives the same new keys the rotation answered with.
    const listed = await t.app.inject({ url: '/api/events', headers: bearer(t.config.adminToken) });
    const again = listed
      .json<{ events: EventAccess[] }>()
      .events.find((e) => e.event.id === event.eventId)!;
    expect(again.speakerKey).toBe(access.speakerKey);
    expect(again.sessions).toEqual(access.sessions);
  });

  it('is for the organiser only, and refuses a bad body or an unknown event', async () => {
    const event = seedEvent(t.app);
    expect((await rotate(event.eventId, {}, event.moderatorKey)).statusCode).toBe(403);
    const bad = await rotate(event.eventId, { keys: ['admin'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.id).toBe('validation_failed');
    expect((await rotate(event.eventId, { keys: [] })).statusCode).toBe(400);
    expect((await rotate(event.eventId, { keys: ['speaker', 'speaker'] })).statusCode).toBe(400);
    expect((await rotate(999_999, {})).json().error.id).toBe('event_not_found');
    // Nothing moved: the keys still work.
    const probe = probes(event.eventId, event.sessionId);
    expect(await statusWith(probe.moderator, event.moderatorKey)).toBe(200);
  });
});

describe('open sockets after a rotation', () => {
  it('disconnects the sockets of rotated keys, keeps the others, and refuses the old key on reconnect', async () => {
    const event = seedEvent(t.app);
    const attendee = joinAttendee(t.app, event.eventId, 'Stays');
    const moderator = await connected(event.code, event.moderatorKey);
    const speaker = await connected(event.code, event.sessionSpeakerKey);
    const eventSpeaker = await connected(event.code, event.speakerKey);
    const phone = await connected(event.code, attendee.token);
    const screen = await connected(event.code);
    const reasons = [moderator, speaker, eventSpeaker].map((socket) => disconnectReason(socket));

    expect((await rotate(event.eventId, { keys: ['moderator', 'speaker'] })).statusCode).toBe(200);
    expect(await Promise.all(reasons)).toEqual(Array(3).fill('io server disconnect'));
    await sleep(100);
    expect(phone.connected && screen.connected).toBe(true);

    await expect(
      connectClient(url, { eventCode: event.code, token: event.moderatorKey }),
    ).rejects.toThrow('unauthorized');
  });

  it('refuses an old key whose socket tries to resume its session after a network drop', async () => {
    const event = seedEvent(t.app);
    const { socket } = await clients.connect({ eventCode: event.code, token: event.moderatorKey });
    const count = () => t.app.io.of('/').sockets.size;
    const before = count();
    // The network drops: the server keeps the session for recovery.
    socket.io.engine.close();
    await expect.poll(count).toBe(before - 1);
    t.app.domain.events.rotateKeys({ kind: 'admin' }, event.eventId, ['moderator']);

    const outcome = new Promise<string>((resolve) => {
      socket.once('connect', () => resolve(socket.recovered ? 'recovered' : 'connected'));
      socket.once('connect_error', (error) => resolve(error.message));
    });
    socket.connect();
    expect(await outcome).toBe('unauthorized');
  });
});
