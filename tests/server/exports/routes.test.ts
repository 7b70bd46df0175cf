import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  build,
  joinAttendee,
  seedEvent,
  type SeededEvent,
  type TestApp,
} from '../../helper.ts';

let t: TestApp;
let event: SeededEvent;
let other: SeededEvent;

const EXPORTS = ['export.json', 'export/questions.csv', 'export/posts.csv', 'export.md'];

beforeAll(async () => {
  t = await build();
  event = seedEvent(t.app);
  other = seedEvent(t.app);
});
afterAll(() => t.close());

const get = (url: string, token?: string) =>
  t.app.inject({ url: `/api${url}`, headers: token ? bearer(token) : {} });

describe.each(EXPORTS)('GET /api/events/:eventId/%s', (path) => {
  it('answers the event’s moderator with a download', async () => {
    const res = await get(`/events/${event.eventId}/${path}`, event.moderatorKey);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(
      new RegExp(`^attachment; filename="${event.code}-[a-z]+\\.(json|csv|md)"$`),
    );
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('refuses a request without a credential, or with a forged one, with 401', async () => {
    for (const token of [undefined, 'bcm_forged']) {
      const res = await get(`/events/${event.eventId}/${path}`, token);
      expect(res.statusCode).toBe(401);
      expect(res.json().error.id).toBe('unauthorized');
    }
  });

  it("refuses an attendee, the speakers, the API key and another event's moderator with 403", async () => {
    const attendee = joinAttendee(t.app, event.eventId).token;
    for (const token of [
      attendee,
      event.sessionSpeakerKey,
      event.speakerKey,
      event.apiKey,
      other.moderatorKey,
      t.config.adminToken,
    ]) {
      const res = await get(`/events/${event.eventId}/${path}`, token);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.id).toBe('forbidden');
    }
  });

  it('answers an unknown event with 404 event_not_found', async () => {
    const res = await get(`/events/999999/${path}`, event.moderatorKey);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.id).toBe('event_not_found');
  });

  it('refuses a malformed event id and an unknown query parameter with 400 validation_failed', async () => {
    const badId = await get(`/events/abc/${path}`, event.moderatorKey);
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error).toMatchObject({
      id: 'validation_failed',
      fields: { 'params.eventId': expect.any(String) },
    });
    const unknown = await get(`/events/${event.eventId}/${path}?format=xml`, event.moderatorKey);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.id).toBe('validation_failed');
  });
});

describe('export filters', () => {
  it('refuses a session id that is not a positive integer with 400 validation_failed', async () => {
    for (const path of ['export/questions.csv', 'export.json']) {
      for (const session of ['abc', '0', '-1', '1.5']) {
        const res = await get(
          `/events/${event.eventId}/${path}?session=${session}`,
          event.moderatorKey,
        );
        expect(res.statusCode, `${path} ${session}`).toBe(400);
        expect(res.json().error).toMatchObject({
          id: 'validation_failed',
          fields: { 'querystring.session': expect.any(String) },
        });
      }
    }
  });

  it('answers a session of another event, or none, with 404 session_not_found', async () => {
    for (const session of [other.sessionId, 999999]) {
      const res = await get(
        `/events/${event.eventId}/export/questions.csv?session=${session}`,
        event.moderatorKey,
      );
      expect(res.statusCode).toBe(404);
      expect(res.json().error.id).toBe('session_not_found');
    }
  });

  it('refuses an unknown post status with 400 validation_failed', async () => {
    for (const path of ['export/posts.csv', 'export.json']) {
      const res = await get(`/events/${event.eventId}/${path}?status=deleted`, event.moderatorKey);
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({
        id: 'validation_failed',
        fields: { 'querystring.status': expect.any(String) },
      });
    }
  });

  it('takes no filter on the questions CSV that belongs to posts, nor the reverse', async () => {
    expect(
      (
        await get(
          `/events/${event.eventId}/export/questions.csv?status=approved`,
          event.moderatorKey,
        )
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await get(
          `/events/${event.eventId}/export/posts.csv?session=${event.sessionId}`,
          event.moderatorKey,
        )
      ).statusCode,
    ).toBe(400);
  });
});
