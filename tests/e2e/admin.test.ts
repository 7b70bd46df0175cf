/**
 * The organiser's page in Chromium: the token arrives in the fragment and leaves the address
 * bar, the events show with their links, a new event is made (after a refused join code) and
 * its attendee link opens it; a wrong token gets a clear message. Screenshots go to
 * tests/artifacts/ at laptop and phone widths.
 */
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, seedEvent, type SeededEvent, type TestApp } from '../helper.ts';
import { ARTIFACTS, LAPTOP, launch, openPage, PHONE, screenshot } from './browser.ts';

let t: TestApp;
let base: string;
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

/** Chromium logs every refused request (400, 401, 403) as a console error; those are the point of these tests. */
const unexpected = (problems: string[]) => problems.filter((p) => !/status of 40[013]/.test(p));

const adminLink = () => `${base}/admin#token=${encodeURIComponent(t.config.adminToken)}`;
const card = (page: Page, code: string) =>
  page.locator(`[data-testid="admin-event"][data-code="${code}"]`);

beforeAll(async () => {
  // The links the server builds must open in the browser: they name the port it listens on.
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  t = await build({ PUBLIC_URL: base });
  await t.app.listen({ port, host: '127.0.0.1' });
  seeded = seedEvent(t.app, { name: 'Seeded Conf', code: 'SEEDED', hashtags: ['seeded'] });
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('the admin page in Chromium', () => {
  it('takes the token out of the address bar, lists the events and creates one whose attendee link opens it', async () => {
    const context = await browser.newContext(LAPTOP);
    const { page, problems } = await openPage(context, adminLink());

    // The token left the address bar at once but stays in this tab.
    await expect
      .poll(() => page.evaluate(() => window.location.href), { timeout: 15_000 })
      .toBe(`${base}/admin`);
    expect(await page.evaluate(() => window.sessionStorage.getItem('bc:admin'))).toBe(
      t.config.adminToken,
    );

    const seededCard = card(page, 'SEEDED');
    await expect.poll(() => seededCard.count()).toBe(1);
    expect(await seededCard.getByRole('heading', { level: 3 }).textContent()).toBe('Seeded Conf');
    expect(await seededCard.getByTestId('admin-attendee-link').inputValue()).toBe(
      `${base}/e/SEEDED`,
    );
    expect(await seededCard.getByTestId('admin-moderator-link').inputValue()).toBe(
      `${base}/e/SEEDED/moderate#key=${seeded.moderatorKey}`,
    );
    expect(await seededCard.getByTestId('admin-session-link').inputValue()).toBe(
      `${base}/e/SEEDED/speaker#key=${seeded.sessionSpeakerKey}&session=${seeded.sessionId}`,
    );
    expect(await seededCard.getByTestId('admin-api-key').inputValue()).toBe(seeded.apiKey);
    await screenshot(page, 'admin-1280x800');

    // A join code the server refuses: its message sits under the code field, nothing is made.
    const form = page.getByTestId('create-event-form');
    await form.getByTestId('new-name').fill('Browser Conf');
    await form.getByTestId('new-code').fill('no spaces');
    await form.getByTestId('new-hashtags').fill('#browserconf, web');
    await form.getByTestId('create-event').click();
    await expect
      .poll(() => form.getByTestId('new-code-error').textContent())
      .toBe('Letters, digits and - only');
    expect(await form.getByTestId('new-code').getAttribute('aria-invalid')).toBe('true');
    expect(t.app.domain.events.list()).toHaveLength(1);
    await screenshot(page, 'admin-1280x800-refused-code');

    await form.getByTestId('new-code').fill('browser-1');
    await form
      .getByTestId('new-post-moderation')
      .getByLabel(/Shown at once/)
      .check();
    await form.getByTestId('new-allow-anonymous').uncheck();
    await form.getByTestId('create-event').click();

    // Its links show at once, first in the list.
    const fresh = card(page, 'BROWSER-1');
    await expect.poll(() => fresh.getAttribute('data-fresh')).toBe('true');
    expect(await page.getByTestId('admin-event').first().getAttribute('data-code')).toBe(
      'BROWSER-1',
    );
    expect(await fresh.textContent()).toContain('#browserconf #web');
    expect(await fresh.textContent()).toContain('posts shown at once');
    expect(await fresh.getByTestId('admin-moderator-link').inputValue()).toMatch(
      new RegExp(`^${base}/e/BROWSER-1/moderate#key=bcm_`),
    );
    expect(await form.getByTestId('new-name').inputValue()).toBe('');
    expect(await form.getByTestId('create-notice').textContent()).toContain('Browser Conf');
    const made = t.app.domain.events.getByCode('BROWSER-1');
    expect(made).toMatchObject({
      name: 'Browser Conf',
      post_moderation: 'post',
      allow_anonymous: 0,
    });
    await screenshot(page, 'admin-1280x800-created');
    await page.screenshot({ path: join(ARTIFACTS, 'admin-1280-full.png'), fullPage: true });

    // A reload finds the token in the tab, not in the address.
    await page.reload();
    await expect.poll(() => page.getByTestId('admin-event').count()).toBe(2);

    // The new event's attendee link opens that event.
    const attendeeLink = await card(page, 'BROWSER-1')
      .getByTestId('admin-attendee-link')
      .inputValue();
    const phone = await browser.newContext(PHONE);
    const attendee = await openPage(phone, attendeeLink);
    await expect
      .poll(() => attendee.page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Browser Conf');

    expect(unexpected([...problems, ...attendee.problems])).toEqual([]);
    await context.close();
    await phone.close();
  });

  it('fits a phone: one column, links still copyable', async () => {
    const context = await browser.newContext(PHONE);
    const { page, problems } = await openPage(context, adminLink());
    await expect.poll(() => page.getByTestId('admin-event').count()).toBe(2);
    // Nothing is wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      PHONE.viewport.width,
    );
    await screenshot(page, 'admin-phone');
    await page.screenshot({ path: join(ARTIFACTS, 'admin-phone-full.png'), fullPage: true });
    expect(unexpected(problems)).toEqual([]);
    await context.close();
  });

  it('says clearly that a wrong token was refused, and takes the right one from the form', async () => {
    const context = await browser.newContext(LAPTOP);
    const { page, problems } = await openPage(
      context,
      `${base}/admin#token=bca_not-the-token-of-this-server`,
    );
    await expect
      .poll(() => page.getByTestId('admin-token-problem').textContent())
      .toContain('The server refused this admin token');
    expect(await page.evaluate(() => window.location.href)).toBe(`${base}/admin`);
    expect(await page.evaluate(() => window.sessionStorage.getItem('bc:admin'))).toBeNull();
    await screenshot(page, 'admin-wrong-token');

    await page.getByTestId('admin-token').fill(t.config.adminToken);
    await page.getByTestId('admin-token-submit').click();
    await expect.poll(() => page.getByTestId('admin-event').count()).toBe(2);
    expect(unexpected(problems)).toEqual([]);
    await context.close();
  });

  it('tells an organiser who pasted a moderator key that it is no admin token', async () => {
    const context = await browser.newContext(PHONE);
    const { page, problems } = await openPage(
      context,
      `${base}/admin#token=${seeded.moderatorKey}`,
    );
    await expect
      .poll(() => page.getByTestId('admin-token-problem').textContent())
      .toContain('not the admin token');
    expect(await page.evaluate(() => window.location.href)).toBe(`${base}/admin`);
    await screenshot(page, 'admin-phone-moderator-key');
    expect(unexpected(problems)).toEqual([]);
    await context.close();
  });
});
