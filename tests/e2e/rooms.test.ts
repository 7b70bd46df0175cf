/**
 * Two talks live at once in two rooms. A phone that scans the code on Hall B's screen opens on
 * Hall B's talk, and keeps it after a reload; the main screen's code carries no room.
 */
import type { Browser } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  asModerator,
  build,
  joinAttendee,
  listen,
  seedEvent,
  type SeededEvent,
  type TestApp,
} from '../helper.ts';
import { launch, openPage, PHONE, PROJECTOR, screenshot } from './browser.ts';

let t: TestApp;
let base: string;
let seeded: SeededEvent;
let browser: Browser;
let hallB: number;

beforeAll(async () => {
  t = await build();
  base = await listen(t.app);
  seeded = seedEvent(t.app, { name: 'Rooms Conf', settings: { questionModeration: 'post' } });
  hallB = t.app.domain.sessions.create(asModerator(seeded.eventId), seeded.eventId, {
    title: 'Rust at scale',
    room: 'Hall B',
    live: true,
  }).id;
  const ask = (sessionId: number, text: string) => {
    const { attendeeId } = joinAttendee(t.app, seeded.eventId);
    const attendee = t.app.domain.repos.attendees.findById(attendeeId)!;
    t.app.domain.questions.create(
      { kind: 'attendee', eventId: seeded.eventId, attendee },
      sessionId,
      { text },
    );
  };
  ask(seeded.sessionId, 'A question for the main hall');
  ask(hallB, 'A question for Hall B');
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('an attendee in one of several rooms', () => {
  it('opens on the live talk of the room whose screen they scanned, and keeps it after a reload', async () => {
    const screenContext = await browser.newContext(PROJECTOR);
    const { page: screen } = await openPage(
      screenContext,
      `${base}/e/${seeded.code}/screen/${encodeURIComponent('Hall B')}`,
    );
    const qr = screen.getByTestId('screen-qr');
    await expect
      .poll(() => qr.getAttribute('alt'))
      .toBe(`QR code for ${base}/e/${seeded.code}?room=Hall%20B`);
    const expected = await QRCode.toString(`${base}/e/${seeded.code}?room=Hall%20B`, {
      type: 'svg',
      margin: 2,
      errorCorrectionLevel: 'M',
      color: { dark: '#000000', light: '#ffffff' },
    });
    expect(decodeURIComponent((await qr.getAttribute('src'))!.split(',')[1]!)).toBe(expected);
    // What people read stays short: the room travels in the code only.
    expect(await screen.getByTestId('screen-footer').textContent()).not.toContain('room=');
    const { page: main } = await openPage(screenContext, `${base}/e/${seeded.code}/screen`);
    await expect
      .poll(() => main.getByTestId('screen-qr').getAttribute('alt'))
      .toBe(`QR code for ${base}/e/${seeded.code}`);

    const phone = await browser.newContext(PHONE);
    const { page, problems } = await openPage(phone, `${base}/e/${seeded.code}?room=Hall%20B`);
    await page.getByTestId('tab-questions').click();
    await expect.poll(() => page.getByTestId('session-select').inputValue()).toBe(String(hallB));
    await expect
      .poll(() => page.getByTestId('question-item').allTextContents())
      .toEqual([expect.stringContaining('A question for Hall B')]);
    await screenshot(page, 'rooms-attendee-hall-b');

    await page.goto(`${base}/e/${seeded.code}`);
    await page.getByTestId('tab-questions').click();
    await expect.poll(() => page.getByTestId('session-select').inputValue()).toBe(String(hallB));

    // A wall post with the question tag, from the same phone, is asked in Hall B too.
    await page.getByTestId('tab-wall').click();
    await page.getByTestId('post-text').fill('#ask Does the borrow checker ever get in the way?');
    await page.getByTestId('post-submit').click();
    const askedIn = () =>
      t.app.db
        .prepare("SELECT session_id FROM questions WHERE text LIKE '%borrow checker%'")
        .pluck()
        .get() as number | undefined;
    await expect.poll(askedIn).toBe(hallB);

    // Someone who came in without a room gets the first live talk, as before.
    const other = await browser.newContext(PHONE);
    const { page: elsewhere } = await openPage(other, `${base}/e/${seeded.code}`);
    await elsewhere.getByTestId('tab-questions').click();
    await expect
      .poll(() => elsewhere.getByTestId('session-select').inputValue())
      .toBe(String(seeded.sessionId));
    expect(problems).toEqual([]);
  });
});
