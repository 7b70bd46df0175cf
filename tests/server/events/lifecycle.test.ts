import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  build,
  joinAttendee,
  seedEvent,
  seedSession,
  type SeededEvent,
  type TestApp,
} from '../../helper.ts';

let t: TestApp;
beforeAll(async () => {
  t = await build();
});
afterAll(() => t.close());

const count = (table: string, eventId: number) =>
  t.app.db.prepare(`SELECT count(*) FROM ${table} WHERE event_id = ?`).pluck().get(eventId);

function rehearse(seeded: SeededEvent) {
  const { attendeeId } = joinAttendee(t.app, seeded.eventId);
  const attendee = t.app.domain.repos.attendees.findById(attendeeId)!;
  const principal = { kind: 'attendee' as const, eventId: seeded.eventId, attendee };
  t.app.domain.questions.create(principal, seeded.sessionId, { text: 'Is this on?' });
  t.app.domain.posts.create(principal, seeded.eventId, { text: 'Testing, testing' });
}

describe('the event time zone', () => {
  it('is set and changed by name, and refuses a zone that does not exist', async () => {
    const seeded = seedEvent(t.app);
    const ok = await t.app.inject({
      method: 'PATCH',
      url: `/api/events/${seeded.eventId}`,
      headers: bearer(seeded.moderatorKey),
      payload: { timeZone: 'Europe/Berlin' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().timeZone).toBe('Europe/Berlin');
    const bad = await t.app.inject({
      method: 'PATCH',
      url: `/api/events/${seeded.eventId}`,
      headers: bearer(seeded.moderatorKey),
      payload: { timeZone: 'Mars/Olympus' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({
      id: 'validation_failed',
      fields: { 'body.timeZone': 'a time zone like Europe/Berlin' },
    });
    expect(t.app.domain.events.get(seeded.eventId).time_zone).toBe('Europe/Berlin');
  });
});

describe('POST /api/events/:eventId/clear-activity', () => {
  it('removes what a rehearsal made and keeps the event, its sessions and its keys', async () => {
    const seeded = seedEvent(t.app);
    seedSession(t.app, seeded.eventId, { title: 'Second talk' });
    rehearse(seeded);
    const untouched = seedEvent(t.app);
    rehearse(untouched);
    expect(count('posts', seeded.eventId)).toBe(1);

    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/events/${seeded.eventId}/clear-activity`,
      headers: bearer(seeded.moderatorKey),
    });
    expect(refused.statusCode).toBe(403);
    expect(count('posts', seeded.eventId)).toBe(1);

    const res = await t.app.inject({
      method: 'POST',
      url: `/api/events/${seeded.eventId}/clear-activity`,
      headers: bearer(t.config.adminToken),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ posts: 1, questions: 1, attendees: 1 });
    for (const table of ['posts', 'questions', 'attendees'])
      expect(count(table, seeded.eventId)).toBe(0);
    expect(count('sessions', seeded.eventId)).toBe(2);
    // Only the clearing itself is in the log.
    expect(count('moderation_log', seeded.eventId)).toBe(1);
    // The moderator key still works, and the other event kept everything.
    const still = await t.app.inject({
      method: 'GET',
      url: `/api/events/${seeded.eventId}/moderation/posts`,
      headers: bearer(seeded.moderatorKey),
    });
    expect(still.statusCode).toBe(200);
    expect(count('posts', untouched.eventId)).toBe(1);
    expect(count('questions', untouched.eventId)).toBe(1);
  });
});

describe('DELETE /api/events/:eventId', () => {
  it('deletes the event with everything in it, for the admin only', async () => {
    const seeded = seedEvent(t.app);
    rehearse(seeded);
    const refused = await t.app.inject({
      method: 'DELETE',
      url: `/api/events/${seeded.eventId}`,
      headers: bearer(seeded.moderatorKey),
    });
    expect(refused.statusCode).toBe(403);
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/events/${seeded.eventId}`,
      headers: bearer(t.config.adminToken),
    });
    expect(res.statusCode).toBe(200);
    expect(t.app.domain.repos.events.findById(seeded.eventId)).toBeNull();
    for (const table of ['posts', 'questions', 'attendees', 'sessions'])
      expect(count(table, seeded.eventId)).toBe(0);
    const gone = await t.app.inject({
      method: 'GET',
      url: `/api/events/${seeded.eventId}/moderation/posts`,
      headers: bearer(seeded.moderatorKey),
    });
    expect(gone.statusCode).toBe(401);
  });
});
