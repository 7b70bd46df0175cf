import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  fromZonedInput,
  lastBoundary,
  scheduledSession,
  toZonedInput,
} from '../../../shared/schedule.ts';
import { ADMIN, asModerator, bearer, build, buildEventBody, type TestApp } from '../../helper.ts';

let t: TestApp;
beforeEach(async () => {
  t = await build();
});
afterEach(() => t.close());

const T0 = Date.parse('2026-05-04T09:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

function event() {
  const { row, keys } = t.app.domain.events.create(ADMIN, buildEventBody());
  return { eventId: row.id, moderatorKey: keys.moderatorKey };
}

function talk(eventId: number, title: string, room: string, from: number, to: number | null) {
  return t.app.domain.sessions.create(asModerator(eventId), eventId, {
    title,
    room,
    startsAt: at(from),
    endsAt: to === null ? null : at(to),
  }).id;
}

const liveIds = (eventId: number) =>
  t.app.domain.sessions
    .list(eventId)
    .filter((s) => s.live)
    .map((s) => s.title);

describe('the schedule rule', () => {
  const s = (id: number, from: number | null, to: number | null) => ({
    id,
    room: 'A',
    startsAt: from === null ? null : at(from),
    endsAt: to === null ? null : at(to),
  });

  it('picks the started, unfinished session with the latest start', () => {
    const list = [s(1, 0, 60), s(2, 30, 90), s(3, null, null)];
    expect(scheduledSession(list, T0 - 1)).toBeNull();
    expect(scheduledSession(list, T0)?.id).toBe(1);
    expect(scheduledSession(list, T0 + 45 * 60_000)?.id).toBe(2);
    expect(scheduledSession(list, T0 + 90 * 60_000)).toBeNull();
  });

  it('lets a session without an end run until the next one starts', () => {
    const list = [s(1, 0, null), s(2, 60, null)];
    expect(scheduledSession(list, T0 + 59 * 60_000)?.id).toBe(1);
    expect(scheduledSession(list, T0 + 61 * 60_000)?.id).toBe(2);
    expect(lastBoundary(list, T0 + 61 * 60_000)).toBe(T0 + 60 * 60_000);
  });

  it('converts wall-clock times of a zone, across a daylight-saving change', () => {
    expect(fromZonedInput('2026-05-04T11:00', 'Europe/Berlin')).toBe('2026-05-04T09:00:00.000Z');
    expect(fromZonedInput('2026-01-10T11:00', 'Europe/Berlin')).toBe('2026-01-10T10:00:00.000Z');
    expect(toZonedInput('2026-05-04T09:00:00.000Z', 'America/New_York')).toBe('2026-05-04T05:00');
    expect(fromZonedInput('not a time', 'UTC')).toBeNull();
  });
});

describe('the scheduler', () => {
  it('makes each room’s session live by the clock, and none between talks', () => {
    const { eventId } = event();
    talk(eventId, 'Opening', 'Hall A', 0, 30);
    talk(eventId, 'Second', 'Hall A', 45, 90);
    talk(eventId, 'Workshop', 'Hall B', 10, null);
    const tick = (minutes: number) => t.app.domain.sessions.applySchedule(T0 + minutes * 60_000);

    tick(-5);
    expect(liveIds(eventId)).toEqual([]);
    tick(1);
    expect(liveIds(eventId)).toEqual(['Opening']);
    tick(15);
    expect(liveIds(eventId).sort()).toEqual(['Opening', 'Workshop']);
    tick(35);
    expect(liveIds(eventId)).toEqual(['Workshop']);
    tick(50);
    expect(liveIds(eventId).sort()).toEqual(['Second', 'Workshop']);
  });

  it('keeps a moderator’s choice until the next start or end in that room', async () => {
    const { eventId, moderatorKey } = event();
    const opening = talk(eventId, 'Opening', 'Hall A', 0, 30);
    const second = talk(eventId, 'Second', 'Hall A', 30, 60);
    // Nothing is due before the first start, so the scheduler leaves a manual choice alone.
    const manual = await t.app.inject({
      method: 'PATCH',
      url: `/api/sessions/${second}`,
      headers: bearer(moderatorKey),
      payload: { live: true },
    });
    expect(manual.statusCode).toBe(200);
    const realNow = Date.now;
    try {
      // The moderator overrides at 09:10 (the opening runs late and they switch early).
      Date.now = () => T0 + 10 * 60_000;
      t.app.domain.sessions.applySchedule(T0 + 10 * 60_000);
      await t.app.inject({
        method: 'PATCH',
        url: `/api/sessions/${second}`,
        headers: bearer(moderatorKey),
        payload: { live: true },
      });
    } finally {
      Date.now = realNow;
    }
    t.app.domain.sessions.applySchedule(T0 + 20 * 60_000);
    expect(liveIds(eventId)).toEqual(['Second']);
    // At 09:30 the schedule takes over again: Second starts (already live), Opening ends.
    t.app.domain.sessions.applySchedule(T0 + 31 * 60_000);
    expect(liveIds(eventId)).toEqual(['Second']);
    t.app.domain.sessions.applySchedule(T0 + 61 * 60_000);
    expect(liveIds(eventId)).toEqual([]);
    expect(opening).toBeGreaterThan(0);
  });

  it('leaves sessions without times alone', () => {
    const { eventId } = event();
    t.app.domain.sessions.create(asModerator(eventId), eventId, {
      title: 'Untimed',
      room: 'Hall A',
      live: true,
    });
    t.app.domain.sessions.applySchedule(T0);
    expect(liveIds(eventId)).toEqual(['Untimed']);
  });
});

describe('DELETE /api/sessions/:sessionId', () => {
  it('deletes the session and its questions, for the event’s moderator only', async () => {
    const { eventId, moderatorKey } = event();
    const id = talk(eventId, 'Doomed', 'Hall A', 0, 30);
    const other = event();
    const refused = await t.app.inject({
      method: 'DELETE',
      url: `/api/sessions/${id}`,
      headers: bearer(other.moderatorKey),
    });
    expect(refused.statusCode).toBe(403);
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/sessions/${id}`,
      headers: bearer(moderatorKey),
    });
    expect(res.statusCode).toBe(200);
    expect(t.app.domain.sessions.list(eventId)).toEqual([]);
    const again = await t.app.inject({
      method: 'DELETE',
      url: `/api/sessions/${id}`,
      headers: bearer(moderatorKey),
    });
    expect(again.statusCode).toBe(404);
    expect(again.json().error.id).toBe('session_not_found');
  });
});
