import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLines } from '../../../server/events/access.ts';
import type { EventAccess } from '../../../shared/schemas/events.ts';
import {
  apiCaller,
  build,
  joinAttendee,
  seedEvent,
  seedSession,
  type SeededEvent,
  type TestApp,
} from '../../helper.ts';

const PUBLIC_URL = 'https://backchannel.example.org';
let t: TestApp;
let seeded: SeededEvent;
let other: SeededEvent;
let talk: { sessionId: number; speakerKey: string };

const call = apiCaller(() => t.app);

async function listed(): Promise<EventAccess[]> {
  const res = await call('GET', '/events', { token: t.config.adminToken });
  expect(res.statusCode).toBe(200);
  return res.json().events;
}

beforeAll(async () => {
  t = await build({ PUBLIC_URL });
  seeded = seedEvent(t.app, { name: 'Listed Conf', code: 'LISTED' });
  talk = seedSession(t.app, seeded.eventId, { title: 'Second talk', room: 'Room B' });
  other = seedEvent(t.app, { name: 'Other Conf' });
});
afterAll(() => t.close());

describe('GET /api/events', () => {
  it('lists every event with its public view, keys, links and each session’s speaker link for the admin', async () => {
    const res = await call('GET', '/events', { token: t.config.adminToken });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const events: EventAccess[] = res.json().events;
    expect(events.map((e) => e.event.name)).toEqual(['Listed Conf', 'Other Conf']);
    const first = events[0]!;
    expect(first.event).toMatchObject({
      id: seeded.eventId,
      code: 'LISTED',
      hashtags: ['testconf'],
      questionTag: 'ask',
    });
    expect(first).toMatchObject({
      moderatorKey: seeded.moderatorKey,
      speakerKey: seeded.speakerKey,
      apiKey: seeded.apiKey,
    });
    expect(first.links).toEqual({
      attendee: `${PUBLIC_URL}/e/LISTED`,
      screen: `${PUBLIC_URL}/e/LISTED/screen`,
      moderator: `${PUBLIC_URL}/e/LISTED/moderate#key=${seeded.moderatorKey}`,
      speaker: `${PUBLIC_URL}/e/LISTED/speaker#key=${seeded.speakerKey}`,
    });
    expect(first.sessions).toEqual([
      {
        session: expect.objectContaining({ id: seeded.sessionId, title: 'Keynote', live: true }),
        speakerKey: seeded.sessionSpeakerKey,
        link: `${PUBLIC_URL}/e/LISTED/speaker#key=${seeded.sessionSpeakerKey}&session=${seeded.sessionId}`,
      },
      {
        session: expect.objectContaining({
          id: talk.sessionId,
          title: 'Second talk',
          room: 'Room B',
        }),
        speakerKey: talk.speakerKey,
        link: `${PUBLIC_URL}/e/LISTED/speaker#key=${talk.speakerKey}&session=${talk.sessionId}`,
      },
    ]);
    expect(events[1]!.moderatorKey).toBe(other.moderatorKey);
  });

  it('lists keys that work: the moderator link changes the event, a speaker link reads its queue, the API key posts', async () => {
    const [access] = await listed();
    const moderatorKey = new URLSearchParams(access!.links.moderator.split('#')[1]).get('key')!;
    const renamed = await call('PATCH', `/events/${seeded.eventId}`, {
      token: moderatorKey,
      body: { name: 'Listed Conf' },
    });
    expect(renamed.statusCode).toBe(200);

    const fragment = new URLSearchParams(access!.sessions[1]!.link.split('#')[1]);
    expect(fragment.get('session')).toBe(String(talk.sessionId));
    const queue = await call('GET', `/sessions/${talk.sessionId}/moderation/questions`, {
      token: fragment.get('key')!,
    });
    expect(queue.statusCode).toBe(200);
    const eventWide = new URLSearchParams(access!.links.speaker.split('#')[1]).get('key')!;
    expect(
      (
        await call('GET', `/sessions/${seeded.sessionId}/moderation/questions`, {
          token: eventWide,
        })
      ).statusCode,
    ).toBe(200);

    const posted = await call('POST', `/events/${seeded.eventId}/posts`, {
      token: access!.apiKey,
      body: { text: 'From the listed API key' },
    });
    expect(posted.statusCode).toBe(201);
  });

  it('shows an event made through POST /api/events at once, in the shape the POST answered', async () => {
    const created = await call('POST', '/events', {
      token: t.config.adminToken,
      body: { name: 'Fresh Conf', code: 'FRESH1' },
    });
    expect(created.statusCode).toBe(201);
    const fresh = (await listed()).find((e) => e.event.code === 'FRESH1');
    expect(fresh).toEqual(created.json());
  });

  it('answers a request without a token, with an empty one or with a wrong admin token with 401', async () => {
    const none = await call('GET', '/events');
    expect(none.statusCode).toBe(401);
    expect(none.json().error.id).toBe('unauthorized');
    for (const token of [`${t.config.adminToken}x`, 'bca_wrong-token-of-a-decent-length']) {
      const res = await call('GET', '/events', { token });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.id).toBe('unauthorized');
      expect(res.body).not.toMatch(/bc[msk]_/);
    }
    const empty = await t.app.inject({
      method: 'GET',
      url: '/api/events',
      headers: { authorization: 'Bearer ' },
    });
    expect(empty.statusCode).toBe(401);
  });

  it('refuses a moderator key, both speaker keys, the API key and an attendee token with 403 and no keys', async () => {
    const attendee = joinAttendee(t.app, seeded.eventId);
    for (const token of [
      seeded.moderatorKey,
      seeded.speakerKey,
      seeded.sessionSpeakerKey,
      seeded.apiKey,
      attendee.token,
    ]) {
      const res = await call('GET', '/events', { token });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.id).toBe('forbidden');
      expect(res.body).not.toMatch(/bc[msk]_/);
    }
  });

  it('is in the OpenAPI document as an admin route', () => {
    const doc = t.app.swagger() as unknown as {
      paths: Record<string, Record<string, { security?: unknown[]; responses: object }>>;
    };
    const listing = doc.paths['/api/events']!.get!;
    expect(listing.security).toEqual([{ bearer: [] }]);
    expect(Object.keys(listing.responses)).toEqual(expect.arrayContaining(['200', '401', '403']));
  });
});

describe('accessLines', () => {
  it('prints an event’s links as the start banner does, and says how many sessions it left out', async () => {
    const [access] = await listed();
    const lines = accessLines(access!, { maxSessions: 1 });
    expect(lines).toEqual([
      'Event "Listed Conf"  join code LISTED',
      `  Attendee app      ${PUBLIC_URL}/e/LISTED`,
      `  Big screen        ${PUBLIC_URL}/e/LISTED/screen`,
      `  Moderator console ${access!.links.moderator}`,
      `  Speaker view      ${access!.sessions[0]!.link}   (session "Keynote")`,
      '                    … and 1 more session: see the admin page or npm run events -- list',
      `  Speaker, any talk ${access!.links.speaker}`,
      `  API key           ${seeded.apiKey}`,
    ]);
    expect(accessLines(access!).filter((line) => line.startsWith('  Speaker view'))).toHaveLength(
      2,
    );
  });
});
