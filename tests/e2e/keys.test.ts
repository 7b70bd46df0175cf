/**
 * Keys in Chromium. Moderator and speaker keys leave the address bar as soon as the page has
 * read them (kept in the tab's sessionStorage, so a reload still works), and an organiser who
 * replaces a key on the admin page cuts off the console that was open with the old one.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, listen, seedEvent, type SeededEvent, type TestApp } from '../helper.ts';
import { LAPTOP, launch, openPage, screenshot } from './browser.ts';

let t: TestApp;
let base: string;
let event: SeededEvent;
let browser: Browser;

beforeAll(async () => {
  t = await build();
  base = await listen(t.app);
  // As server/index.ts does once it knows its port: the links name the address it listens on.
  t.config.publicUrl = base;
  event = seedEvent(t.app, { name: 'Keys Conf' });
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** Chromium logs refused requests as console errors; a refused key is the point here. */
const unexpected = (problems: string[]) => problems.filter((p) => !/status of 40[13]/.test(p));

describe('staff keys in the address bar', () => {
  it('takes the moderator key out of the address bar at once; a reload still opens the console', async () => {
    const context = await browser.newContext(LAPTOP);
    const { page, problems } = await openPage(
      context,
      `${base}/e/${event.code}/moderate#key=${event.moderatorKey}`,
    );
    await expect
      .poll(() => page.evaluate(() => window.location.href))
      .toBe(`${base}/e/${event.code}/moderate`);
    await page.getByTestId('connection-status').first().waitFor();
    expect(await page.content()).not.toContain(event.moderatorKey);

    await page.reload();
    await expect
      .poll(() => page.getByTestId('connection-status').first().getAttribute('data-state'))
      .toBe('live');
    expect(page.url()).toBe(`${base}/e/${event.code}/moderate`);
    expect(unexpected(problems)).toEqual([]);
    await context.close();
  });

  it('takes the speaker key out and keeps the session in the fragment', async () => {
    const context = await browser.newContext(LAPTOP);
    const { page, problems } = await openPage(
      context,
      `${base}/e/${event.code}/speaker#key=${event.sessionSpeakerKey}&session=${event.sessionId}`,
    );
    await expect
      .poll(() => page.evaluate(() => window.location.href))
      .toBe(`${base}/e/${event.code}/speaker#session=${event.sessionId}`);
    await expect
      .poll(() => page.getByTestId('connection-status').first().getAttribute('data-state'))
      .toBe('live');
    expect(unexpected(problems)).toEqual([]);
    await context.close();
  });
});

describe('replacing keys on the admin page', () => {
  it('shows the new moderator link, and the console open with the old key is cut off', async () => {
    const context = await browser.newContext(LAPTOP);
    const { page: console_ } = await openPage(
      context,
      `${base}/e/${event.code}/moderate#key=${event.moderatorKey}`,
    );
    await expect
      .poll(() => console_.getByTestId('connection-status').first().getAttribute('data-state'))
      .toBe('live');

    const { page: admin, problems } = await openPage(
      context,
      `${base}/admin#token=${encodeURIComponent(t.config.adminToken)}`,
    );
    const card = admin.locator(`[data-testid="admin-event"][data-code="${event.code}"]`);
    const link = card.getByTestId('admin-moderator-link');
    await expect.poll(() => link.inputValue()).toContain(event.moderatorKey);
    await card.getByTestId('admin-rotate').locator('summary').click();
    // Only the moderator key: speaker and API keys stay as they were.
    await card.getByTestId('admin-rotate-speaker').uncheck();
    await card.getByTestId('admin-rotate-apiKey').uncheck();
    await card.getByTestId('admin-rotate-start').click();
    await card.getByTestId('admin-rotate-confirm').click();
    await expect.poll(() => link.inputValue()).not.toContain(event.moderatorKey);
    expect(await card.getByTestId('admin-api-key').inputValue()).toBe(event.apiKey);
    expect(await card.getByTestId('admin-rotate-message').textContent()).toContain('Replaced');
    await screenshot(admin, 'admin-rotate-1280x800');

    await console_
      .getByRole('alert')
      .filter({ hasText: 'This moderator key no longer works' })
      .waitFor({ timeout: 10_000 });
    await screenshot(console_, 'moderator-key-replaced-1280x800');
    // The new link opens the console.
    const { page: fresh } = await openPage(context, await link.inputValue());
    await expect
      .poll(() => fresh.getByTestId('connection-status').first().getAttribute('data-state'))
      .toBe('live');
    expect(unexpected(problems)).toEqual([]);
    await context.close();
  });
});
