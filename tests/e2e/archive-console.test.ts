/**
 * The archive's two choices in Chromium: a moderator withdraws a post from the archive from its
 * card in the console (and restores it), and an attendee turns on being named in the archive.
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

beforeAll(async () => {
  t = await build();
  base = await listen(t.app);
  t.config.publicUrl = base;
  seeded = seedEvent(t.app, { name: 'Console Archive Conf', settings: { archive: 'now' } });
  browser = await launch();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('archive choices in the apps', () => {
  it(
    'lets a moderator withdraw a post from the archive and restore it, from its card',
    async () => {
      const { post } = t.app.domain.posts.create(
        { kind: 'apiKey', eventId: seeded.eventId },
        seeded.eventId,
        { text: 'Withdraw me from the record', author: { name: 'Api Author' } },
      );
      const context = await browser.newContext(LAPTOP);
      const { page, problems } = await openPage(
        context,
        `${base}/e/${seeded.code}/moderate#key=${seeded.moderatorKey}`,
      );
      const card = page.locator(`[data-testid="mod-post"][data-post-id="${post.id}"]`);
      const toggle = card.getByTestId('archive-toggle');
      await toggle.waitFor({ timeout: 30_000 });
      await expect.poll(() => toggle.textContent()).toBe('Withdraw from archive');
      await toggle.click();
      await expect.poll(() => toggle.textContent(), { timeout: 15_000 }).toBe('Restore to archive');
      const withdrawn = () =>
        t.app.domain.archive.repository.withdrawn('post', seeded.eventId, post.id);
      expect(withdrawn()).toBe(true);
      await screenshot(page, 'archive-console-withdrawn');
      await toggle.click();
      await expect
        .poll(() => toggle.textContent(), { timeout: 15_000 })
        .toBe('Withdraw from archive');
      expect(withdrawn()).toBe(false);
      expect(problems).toEqual([]);
      await context.close();
    },
    TIMEOUT,
  );

  it(
    'lets an attendee choose to be named in the archive, off until they do',
    async () => {
      const context = await browser.newContext(PHONE);
      const { page, problems } = await openPage(context, `${base}/e/${seeded.code}`);
      const box = page.getByTestId('archive-named');
      await box.waitFor({ timeout: 60_000 });
      await expect.poll(() => box.isEnabled(), { timeout: 15_000 }).toBe(true);
      expect(await box.isChecked()).toBe(false);
      // Checked once the server has it (a click, not check(): the box follows the answer).
      await box.click();
      await expect.poll(() => box.isChecked(), { timeout: 15_000 }).toBe(true);
      const token = await page.evaluate(() => {
        for (const store of [localStorage, sessionStorage])
          for (let i = 0; i < store.length; i++) {
            const value = store.getItem(store.key(i)!) ?? '';
            const match = /bct_[A-Za-z0-9_-]+/.exec(value);
            if (match) return match[0];
          }
        return null;
      });
      expect(token).not.toBeNull();
      const principal = t.app.domain.resolvePrincipal(token!);
      expect(principal?.kind).toBe('attendee');
      expect(t.app.domain.archive.named(principal!, seeded.eventId)).toBe(true);
      await screenshot(page, 'archive-attendee-named');
      expect(problems).toEqual([]);
      await context.close();
    },
    TIMEOUT,
  );
});
