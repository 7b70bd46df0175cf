/**
 * Every public link is built from one configured public address (PUBLIC_URL), never from the
 * address a page happened to be opened at. The big screen is opened twice, at 127.0.0.1 and at
 * localhost, neither of them the public address: its QR codes, decoded from the pixels on
 * screen, open the public address both times, and so do the footer, the join card and the
 * console's Links tab. The screen says the address differs until a moderator hides the notice
 * from the console; the hiding reaches open screens at once and holds after a reload.
 */
import jsQR from 'jsqr';
import { createServer } from 'node:net';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedEvent, type SeededEvent, type TestApp } from '../helper.ts';
import { launch, openPage, PROJECTOR, screenshot } from './browser.ts';
import { buildWithOwnClient, setScreenMode } from './screen-support.ts';

let t: TestApp;
let port: number;
let publicUrl: string;
let seeded: SeededEvent;
let browser: Browser;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** What a phone camera would read: the QR code's pixels as shown, decoded by jsQR. */
async function decodeQr(page: Page, qr: Locator): Promise<string | null> {
  await expect
    .poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
    .toBe(true);
  const png = (await qr.screenshot()).toString('base64');
  const pixels = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const context = canvas.getContext('2d')!;
    context.drawImage(img, 0, 0);
    const data = context.getImageData(0, 0, canvas.width, canvas.height);
    return { width: data.width, height: data.height, data: Array.from(data.data) };
  }, png);
  return jsQR(Uint8ClampedArray.from(pixels.data), pixels.width, pixels.height)?.data ?? null;
}

beforeAll(async () => {
  port = await freePort();
  // Not where any page here is opened: a name the audience's phones would use.
  publicUrl = `http://backchannel.example:${port}`;
  t = await buildWithOwnClient({ PUBLIC_URL: publicUrl });
  await t.app.listen({ port, host: '127.0.0.1' });
  seeded = seedEvent(t.app, { name: 'Address Conf', code: 'ADDR26', hashtags: ['addrconf'] });
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('the public address', () => {
  it('is what every QR code and link encodes, whatever origin the screen was opened from', async () => {
    const screens = await browser.newContext(PROJECTOR);
    screens.setDefaultTimeout(10_000);
    const opened: Page[] = [];
    for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`]) {
      const { page, problems } = await openPage(screens, `${origin}/e/${seeded.code}/screen`);
      opened.push(page);
      const footerQr = page.getByTestId('screen-qr');
      expect(await decodeQr(page, footerQr)).toBe(`${publicUrl}/e/ADDR26`);
      expect(await page.getByTestId('screen-join-url').textContent()).toBe(
        `backchannel.example:${port}/e/ADDR26`,
      );
      const warning = page.getByTestId('screen-address-warning');
      expect(await warning.textContent()).toContain(`backchannel.example:${port}`);
      expect(await warning.textContent()).toContain(origin.replace('http://', ''));
      expect(problems).toEqual([]);
    }
    const [screen] = opened as [Page, Page];
    await screenshot(screen, 'public-address-screen-warning');

    // A room's screen and the join card: the room travels in the code, on the public address.
    const { page: room } = await openPage(
      screens,
      `http://127.0.0.1:${port}/e/${seeded.code}/screen/${encodeURIComponent('Hall B')}`,
    );
    expect(await decodeQr(room, room.getByTestId('screen-qr'))).toBe(
      `${publicUrl}/e/ADDR26?room=Hall%20B`,
    );
    await setScreenMode(`http://127.0.0.1:${port}`, seeded, 'main', 'join');
    await expect.poll(() => screen.getByTestId('screen').getAttribute('data-mode')).toBe('join');
    expect(await decodeQr(screen, screen.getByTestId('screen-join-qr'))).toBe(
      `${publicUrl}/e/ADDR26`,
    );
    expect(await screen.getByTestId('screen-join').textContent()).toContain(
      `or go to backchannel.example:${port} and enter`,
    );
    await screenshot(screen, 'public-address-join-card');

    // The console says so too, with its Links tab on the public address; hiding the screens'
    // notice reaches every open screen at once.
    const laptop = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const { page: console_, problems: consoleProblems } = await openPage(
      laptop,
      `http://127.0.0.1:${port}/e/${seeded.code}/moderate#key=${seeded.moderatorKey}`,
    );
    const notice = console_.getByTestId('console-address-notice');
    await expect.poll(() => notice.getAttribute('data-problem')).toBe('other_origin');
    await console_.getByTestId('mod-tab-links').click();
    expect(await console_.getByTestId('attendee-link').inputValue()).toBe(`${publicUrl}/e/ADDR26`);
    expect(await console_.getByTestId('screen-link').inputValue()).toBe(
      `${publicUrl}/e/ADDR26/screen`,
    );
    await screenshot(console_, 'public-address-console-links');
    await notice.getByTestId('address-notice-toggle').click();
    for (const page of [...opened, room])
      await expect.poll(() => page.getByTestId('screen-address-warning').count()).toBe(0);
    await expect.poll(() => notice.count()).toBe(0);
    // Still said in the Links tab, where it can be shown on the screens again.
    expect(
      await console_
        .getByTestId('links-address-notice')
        .getByTestId('address-notice-toggle')
        .textContent(),
    ).toBe('Show it on the screens');
    await screenshot(console_, 'public-address-console-hidden');

    // Kept: a screen opened or reloaded later shows no notice either.
    await screen.reload();
    await expect.poll(() => screen.getByTestId('screen').getAttribute('data-mode')).toBe('join');
    expect(await screen.getByTestId('screen-address-warning').count()).toBe(0);
    await screenshot(screen, 'public-address-join-card-dismissed');
    expect(consoleProblems).toEqual([]);
  }, 90_000);
});
