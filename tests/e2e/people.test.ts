/**
 * The archive's people in Chromium: an attendee chooses to be named in the attendee app, sets
 * an affiliation and a link there (a plain http link is refused before it is sent), posts, and
 * finds their page in the archive, with JavaScript on and off. Screenshots go to
 * tests/artifacts/.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, listen, seedEvent, type SeededEvent, type TestApp } from '../helper.ts';
import { LAPTOP, launch, openPage, PHONE, screenshot } from './browser.ts';

let t: TestApp;
let base: string;
let seeded: SeededEvent;
let browser: Browser;
const TIMEOUT = 120_000;
const POLL = { timeout: 15_000 };

beforeAll(async () => {
  t = await build();
  base = await listen(t.app);
  t.config.publicUrl = base;
  // Posts go up at once, and the archive is open now.
  seeded = seedEvent(t.app, {
    name: 'People Conf',
    settings: { postModeration: 'post', questionModeration: 'post', archive: 'now' },
  });
  browser = await launch();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('people in Chromium', () => {
  it(
    'an attendee sets an affiliation and a link in the app and sees their page',
    async () => {
      const context = await browser.newContext(PHONE);
      const { page, problems } = await openPage(context, `${base}/e/${seeded.code}`);

      await page.getByTestId('change-name').click();
      await page.getByTestId('name-input').fill('Grace Hopper');
      await page.getByTestId('name-input').press('Enter');
      await expect.poll(() => page.getByTestId('my-name').textContent(), POLL).toBe('Grace Hopper');

      // No form until they choose to be named.
      expect(await page.getByTestId('archive-profile').count()).toBe(0);
      await page.getByTestId('archive-named').check();
      const affiliation = page.getByTestId('archive-affiliation');
      await expect.poll(() => affiliation.isEnabled(), POLL).toBe(true);

      await affiliation.fill('Navy <b>Labs</b>');
      await page.getByTestId('archive-link').fill('http://example.org/grace');
      await page.getByTestId('archive-profile-save').click();
      const alert = page.getByTestId('archive-profile').getByRole('alert');
      await expect.poll(() => alert.textContent(), POLL).toContain('https://');
      await page.getByTestId('archive-link').fill('https://example.org/grace');
      await page.getByTestId('archive-profile-save').click();
      const status = page.getByTestId('archive-profile').getByRole('status');
      await expect.poll(() => status.textContent(), POLL).toContain('Saved.');
      await screenshot(page, 'people-attendee-profile');

      await page.getByTestId('post-text').fill('Compilers are for people #cobol');
      await page.getByTestId('post-submit').click();
      // Posted and public at once (post-moderation): Grace is listed.
      const listed = async () =>
        (await t.app.inject(`/api/events/by-code/${seeded.code}/archive/people`))
          .json<{
            people: Array<{ name: string; counts: { posts: number } }>;
          }>()
          .people.find((p) => p.name === 'Grace Hopper')?.counts.posts ?? 0;
      await expect.poll(listed, POLL).toBe(1);

      // The link under the form leads to their page in the archive.
      await status.getByRole('link', { name: 'your page in the archive' }).click();
      await page.waitForURL(/\/archive\/people\/[0-9a-f]{16}\.html$/, POLL);
      await expect.poll(() => page.locator('h1').textContent(), POLL).toBe('Grace Hopper');
      const main = await page.locator('main').innerText();
      expect(main).toContain('Navy <b>Labs</b>');
      expect(main).toContain('Compilers are for people #cobol');
      expect(await page.locator('main b').count()).toBe(0);
      const link = page.locator('main a[href="https://example.org/grace"]');
      expect(await link.getAttribute('rel')).toBe('nofollow ugc noopener');
      expect(await page.evaluate(() => document.scripts.length)).toBe(0);
      await screenshot(page, 'people-person-phone');
      expect(problems, problems.join('\n')).toEqual([]);
      await context.close();
    },
    TIMEOUT,
  );

  it(
    'the people list and the person page read and link with JavaScript off',
    async () => {
      const context = await browser.newContext({ ...LAPTOP, javaScriptEnabled: false });
      const { page, problems } = await openPage(context, `${base}/e/${seeded.code}/archive/`);
      await page
        .getByRole('navigation', { name: 'Archive' })
        .getByRole('link', { name: 'People' })
        .click();
      await page.waitForURL(/\/archive\/people\.html$/, POLL);
      const list = await page.locator('main').innerText();
      expect(list).toContain('Grace Hopper');
      expect(list).toContain('Navy <b>Labs</b>');
      await screenshot(page, 'people-list-nojs');
      await page.getByRole('link', { name: 'Grace Hopper' }).click();
      await page.waitForURL(/\/archive\/people\/[0-9a-f]{16}\.html$/, POLL);
      expect(await page.locator('main').innerText()).toContain('Compilers are for people');
      await screenshot(page, 'people-person-nojs');
      // Its links start from the archive's folder: the topic, then back to the people list.
      await page.getByRole('link', { name: '#cobol' }).click();
      await page.waitForURL(/\/archive\/topics\/cobol\.html$/, POLL);
      expect(await page.locator('h1').textContent()).toBe('#cobol');
      await page.getByRole('link', { name: 'Grace Hopper' }).first().click();
      await page.waitForURL(/\/archive\/people\/[0-9a-f]{16}\.html$/, POLL);
      expect(problems, problems.join('\n')).toEqual([]);
      await context.close();
    },
    TIMEOUT,
  );
});
