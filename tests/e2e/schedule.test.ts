/**
 * Sessions as a schedule. A moderator enters a talk's times in the event's zone (not the
 * browser's); a talk whose start comes goes live on every screen by the clock, with nobody
 * pressing anything; sessions are renamed and deleted (asked twice); the organiser clears a
 * rehearsal and deletes an event.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  asModerator,
  build,
  joinAttendee,
  listen,
  seedEvent,
  type SeededEvent,
  type TestApp,
} from '../helper.ts';
import { LAPTOP, launch, openPage, PHONE, screenshot } from './browser.ts';

let t: TestApp;
let base: string;
let seeded: SeededEvent;
let browser: Browser;

beforeAll(async () => {
  vi.setConfig({ expect: { poll: { timeout: 8000, interval: 100 } } });
  t = await build({}, { scheduleTickMs: 250 });
  base = await listen(t.app);
  seeded = seedEvent(t.app, { name: 'Schedule Conf', timeZone: 'Asia/Tokyo' });
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const sessionsOf = () => t.app.domain.sessions.list(seeded.eventId);

describe('the schedule', () => {
  it('takes times in the event’s zone, and puts a talk live by the clock on the console and the phone', async () => {
    const console_ = await browser.newContext({ ...LAPTOP, timezoneId: 'Europe/Berlin' });
    const { page, problems } = await openPage(
      console_,
      `${base}/e/${seeded.code}/moderate#key=${seeded.moderatorKey}`,
    );
    await page.getByTestId('mod-tab-sessions').click();
    await page.getByTestId('session-title').fill('Morning keynote');
    await page.getByTestId('session-room').fill('Hall T');
    // 10:00-11:00 in Tokyo is 01:00-02:00 UTC, whatever the browser's own zone (Berlin here).
    await page.getByTestId('session-starts').fill('2030-06-01T10:00');
    await page.getByTestId('session-ends').fill('2030-06-01T11:00');
    await page.getByTestId('session-create').click();
    await expect
      .poll(() => sessionsOf().find((s) => s.title === 'Morning keynote')?.startsAt)
      .toBe('2030-06-01T01:00:00.000Z');
    expect(sessionsOf().find((s) => s.title === 'Morning keynote')?.endsAt).toBe(
      '2030-06-01T02:00:00.000Z',
    );
    const row = page.locator('[data-testid="mod-session"]', { hasText: 'Morning keynote' });
    await expect.poll(() => row.getByTestId('session-meta').textContent()).toContain('10:00–11:00');

    // A talk in Hall B starts two seconds from now: nobody touches anything.
    const phone = await browser.newContext(PHONE);
    const attendee = await openPage(phone, `${base}/e/${seeded.code}?room=Hall%20B`);
    const startsAt = new Date(Date.now() + 2000).toISOString();
    const soon = t.app.domain.sessions.create(asModerator(seeded.eventId), seeded.eventId, {
      title: 'Talk by the clock',
      room: 'Hall B',
      startsAt,
    });
    const soonRow = page.locator(`[data-session-id="${soon.id}"]`);
    await soonRow.waitFor();
    expect(await soonRow.getAttribute('data-live')).toBeNull();
    await expect.poll(() => soonRow.getAttribute('data-live'), { timeout: 10_000 }).toBe('true');
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(startsAt));
    await screenshot(page, 'schedule-console-live-by-clock');
    // The phone in Hall B follows the room's live talk.
    await attendee.page.getByTestId('tab-questions').click();
    await expect
      .poll(() => attendee.page.getByTestId('session-select').inputValue())
      .toBe(String(soon.id));
    await screenshot(attendee.page, 'schedule-phone-live-by-clock');

    // A moderator's choice holds until the next boundary: ending it by hand keeps it ended.
    await soonRow.getByTestId('set-live').click();
    await expect.poll(() => soonRow.getAttribute('data-live')).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(sessionsOf().find((s) => s.id === soon.id)?.live).toBe(false);

    expect(problems).toEqual([]);
    expect(attendee.problems).toEqual([]);
    await console_.close();
    await phone.close();
  });

  it('renames, re-times and deletes a session from the console, deleting only when asked twice', async () => {
    const made = t.app.domain.sessions.create(asModerator(seeded.eventId), seeded.eventId, {
      title: 'Old title',
      room: 'Room 3',
    });
    const context = await browser.newContext(LAPTOP);
    const { page, problems } = await openPage(
      context,
      `${base}/e/${seeded.code}/moderate#key=${seeded.moderatorKey}`,
    );
    await page.getByTestId('mod-tab-sessions').click();
    const row = page.locator(`[data-session-id="${made.id}"]`);
    await row.getByTestId('edit-session').click();
    await row.getByTestId('edit-session-title').fill('New title');
    await row.getByTestId('edit-session-starts').fill('2030-06-01T14:00');
    await row.getByTestId('edit-session-ends').fill('2030-06-01T13:00');
    expect(await row.getByTestId('edit-session-save').isDisabled()).toBe(true);
    await row.getByTestId('edit-session-ends').fill('2030-06-01T15:30');
    await screenshot(page, 'schedule-console-edit');
    await row.getByTestId('edit-session-save').click();
    await expect.poll(() => sessionsOf().find((s) => s.id === made.id)?.title).toBe('New title');
    expect(sessionsOf().find((s) => s.id === made.id)).toMatchObject({
      startsAt: '2030-06-01T05:00:00.000Z',
      endsAt: '2030-06-01T06:30:00.000Z',
    });
    await expect.poll(() => row.getByTestId('session-meta').textContent()).toContain('14:00–15:30');

    await row.getByTestId('delete-session').click();
    await row.getByTestId('delete-session-cancel').click();
    expect(sessionsOf().some((s) => s.id === made.id)).toBe(true);
    await row.getByTestId('delete-session').click();
    await screenshot(page, 'schedule-console-delete-confirm');
    await row.getByTestId('delete-session-confirm').click();
    await expect.poll(() => row.count()).toBe(0);
    expect(sessionsOf().some((s) => s.id === made.id)).toBe(false);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('the organiser', () => {
  it('clears a rehearsal, keeping the event, its sessions and links, then deletes the event', async () => {
    const rehearsal = seedEvent(t.app, { name: 'Rehearsal Conf' });
    const { attendeeId } = joinAttendee(t.app, rehearsal.eventId);
    const attendee = t.app.domain.repos.attendees.findById(attendeeId)!;
    const principal = { kind: 'attendee' as const, eventId: rehearsal.eventId, attendee };
    t.app.domain.questions.create(principal, rehearsal.sessionId, { text: 'Mic check, one two?' });
    t.app.domain.posts.create(principal, rehearsal.eventId, { text: 'Testing the wall' });

    // A second phone that rehearsed stays open through the clearing.
    const phone = await browser.newContext(PHONE);
    const attendeePage = await openPage(phone, `${base}/e/${rehearsal.code}`);
    await attendeePage.page.getByTestId('tab-questions').click();

    const context = await browser.newContext(LAPTOP);
    const { page, problems } = await openPage(
      context,
      `${base}/admin#token=${encodeURIComponent(t.config.adminToken)}`,
    );
    const card = page.locator(`[data-testid="admin-event"][data-code="${rehearsal.code}"]`);
    await card.getByTestId('admin-clear').click();
    await screenshot(page, 'schedule-admin-clear-confirm');
    await card.getByTestId('admin-clear-confirm').click();
    await expect
      .poll(() => card.getByRole('status').textContent())
      .toContain('Cleared 1 post, 1 question and 2 attendees');
    expect(t.app.domain.sessions.list(rehearsal.eventId)).toHaveLength(1);
    expect(
      t.app.db
        .prepare('SELECT count(*) FROM posts WHERE event_id = ?')
        .pluck()
        .get(rehearsal.eventId),
    ).toBe(0);
    // The phone reconnects to the empty event on its own, and can ask again.
    await expect.poll(() => attendeePage.page.getByTestId('question-item').count()).toBe(0);
    await attendeePage.page.getByTestId('question-text').fill('Asked after the rehearsal?');
    await attendeePage.page.getByTestId('question-submit').click();
    await expect
      .poll(
        () =>
          t.app.db
            .prepare('SELECT count(*) FROM questions WHERE event_id = ?')
            .pluck()
            .get(rehearsal.eventId) as number,
      )
      .toBe(1);

    await card.getByTestId('admin-rename').click();
    await card.getByTestId('admin-rename-input').fill('Real Conf');
    await card.getByTestId('admin-rename-save').click();
    await expect.poll(() => card.locator('h3').textContent()).toBe('Real Conf');

    await card.getByTestId('admin-delete').click();
    await card.getByTestId('admin-delete-confirm').click();
    await expect.poll(() => card.count()).toBe(0);
    expect(t.app.domain.repos.events.findById(rehearsal.eventId)).toBeNull();
    await screenshot(page, 'schedule-admin-after-delete');
    expect(problems).toEqual([]);
    await context.close();
    await phone.close();
  });
});
