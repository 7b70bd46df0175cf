/**
 * An organiser brands the event from the console: a logo file uploaded there and the event's
 * accent reach the attendee app on a phone and the speaker view at the lectern, live, without a
 * reload, as well as the big screen.
 */
import type { Browser, Page } from 'playwright-core';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinAttendee, listen, seedEvent, type SeededEvent, type TestApp } from '../helper.ts';
import { ARTIFACTS, LAPTOP, launch, openPage, PHONE, PROJECTOR, screenshot } from './browser.ts';
import { buildWithOwnClient } from './screen-support.ts';

let t: TestApp;
let base: string;
let seeded: SeededEvent;
let browser: Browser;

/** A 240×80 PNG: a crimson block with a white bar, easy to spot in a screenshot. */
function logoPng(): Buffer {
  const [width, height] = [240, 80];
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const bar = y > 30 && y < 50 && x > 20 && x < 220;
      row.set(bar ? [255, 255, 255] : [225, 29, 72], 1 + x * 3);
    }
    rows.push(row);
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

beforeAll(async () => {
  t = await buildWithOwnClient();
  base = await listen(t.app);
  seeded = seedEvent(t.app, { name: 'Brand Conf', hashtags: ['brandconf'] });
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** The logo a page shows: its address and whether it loaded. */
const shownLogo = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluateAll((imgs) =>
    imgs.map((img) => ({
      src: (img as HTMLImageElement).getAttribute('src'),
      loaded: (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0,
    })),
  );

const accentOf = (page: Page, selector: string) =>
  page.locator(selector).evaluate((el) => getComputedStyle(el).getPropertyValue('--accent').trim());

describe('branding from the console', () => {
  it('shows an uploaded logo and the accent on the attendee app, the speaker view and the screen', async () => {
    const file = join(ARTIFACTS, 'branding-logo.png');
    writeFileSync(file, logoPng());

    const { token } = joinAttendee(t.app, seeded.eventId, 'Lena');
    const phone = await browser.newContext(PHONE);
    await phone.addInitScript(
      ([key, value]) => window.localStorage.setItem(key!, value!),
      [`bc:attendee:${seeded.code}`, token],
    );
    const attendee = await openPage(phone, `${base}/e/${seeded.code}`);
    const speaker = await openPage(
      await browser.newContext(LAPTOP),
      `${base}/e/${seeded.code}/speaker#key=${seeded.sessionSpeakerKey}&session=${seeded.sessionId}`,
    );
    const screen = await openPage(
      await browser.newContext(PROJECTOR),
      `${base}/e/${seeded.code}/screen`,
    );
    const console_ = await openPage(
      await browser.newContext(LAPTOP),
      `${base}/e/${seeded.code}/moderate#key=${seeded.moderatorKey}`,
    );
    for (const { page } of [attendee, speaker]) {
      await expect
        .poll(() => page.getByTestId('connection-status').textContent(), { timeout: 30_000 })
        .toBe('Live');
      expect(await page.getByTestId('event-logo').count()).toBe(0);
    }

    const mod = console_.page;
    await mod.getByTestId('mod-tab-settings').click();
    await mod.getByTestId('brand-logo-file').setInputFiles(file);
    await expect
      .poll(() => t.app.domain.repos.events.findById(seeded.eventId)!.logo_type, {
        timeout: 15_000,
      })
      .toBe('image/png');
    await mod.getByTestId('brand-accent').fill('#e11d48');
    await mod.getByTestId('brand-save').click();
    await expect
      .poll(() => t.app.domain.repos.events.findById(seeded.eventId)!.accent_color)
      .toBe('#e11d48');
    const version = t.app.domain.repos.events.findById(seeded.eventId)!.logo_version;
    const url = `${base}/api/events/${seeded.eventId}/logo?v=${version}`;
    await screenshot(mod, 'branding-console');

    // Live on every surface, no reload.
    for (const [page, testId] of [
      [attendee.page, 'event-logo'],
      [speaker.page, 'event-logo'],
      [screen.page, 'screen-logo'],
    ] as const) {
      await expect
        .poll(() => shownLogo(page, testId), { timeout: 15_000 })
        .toEqual([{ src: url, loaded: true }]);
    }
    // The accent, darkened just enough to read as text on the attendee's light page.
    const phoneAccent = await accentOf(attendee.page, '.attendee');
    expect(phoneAccent).toMatch(/^#[0-9a-f]{6}$/);
    expect(phoneAccent).not.toBe('#1d4ed8');
    const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    const [r, g, b] = rgb(phoneAccent);
    expect(r).toBeGreaterThan(g! + 80);
    expect(r).toBeGreaterThan(b! + 60);
    expect(await accentOf(speaker.page, '.speaker')).not.toBe('#ffd23f');
    expect(await accentOf(screen.page, '[data-testid="screen"]')).toBe('#e11d48');

    await attendee.page.waitForTimeout(500);
    await screenshot(attendee.page, 'branding-attendee');
    await screenshot(speaker.page, 'branding-speaker');
    await screenshot(screen.page, 'branding-screen');

    // Removed in the console: gone from the pages again.
    await mod.getByTestId('brand-logo-remove').click();
    await expect
      .poll(() => shownLogo(attendee.page, 'event-logo'), { timeout: 15_000 })
      .toEqual([]);
    await expect.poll(() => shownLogo(speaker.page, 'event-logo')).toEqual([]);
    for (const { problems } of [attendee, speaker, screen, console_]) expect(problems).toEqual([]);
  }, 120_000);
});
