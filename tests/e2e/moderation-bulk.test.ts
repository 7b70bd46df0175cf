/**
 * Bulk moderation without one key press per post: a shift-click range, Shift+J to extend a
 * selection from the keyboard, X for every post shown, and "approve every clean pending post"
 * that leaves the flagged ones waiting. After each step the server's own state is read over REST.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Post, PostPage } from '../../shared/schemas/posts.ts';
import { bearer, build, listen, seedEvent, type SeededEvent, type TestApp } from '../helper.ts';
import { launch, openPage, screenshot } from './browser.ts';

let t: TestApp;
let base: string;
let seeded: SeededEvent;
let browser: Browser;
let sourceIds = 0;

beforeAll(async () => {
  t = await build();
  base = await listen(t.app);
  seeded = seedEvent(t.app, { name: 'Bulk Conf', hashtags: ['bulkconf'] });
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

function ingest(text: string): Post {
  return t.app.domain.posts.ingest({
    eventId: seeded.eventId,
    source: 'x',
    sourceId: `bulk-${++sourceIds}`,
    text,
    author: {
      name: `Author ${sourceIds}`,
      handle: `a${sourceIds}`,
      avatarUrl: null,
      attendeeId: null,
    },
    media: [],
  }).post;
}

async function statuses(): Promise<Map<number, string>> {
  const res = await fetch(`${base}/api/events/${seeded.eventId}/moderation/posts?limit=100`, {
    headers: bearer(seeded.moderatorKey),
  });
  const { posts } = (await res.json()) as PostPage;
  return new Map(posts.map((p) => [p.id, p.status]));
}

const approvedOf = async (ids: number[]) => {
  const now = await statuses();
  return ids.filter((id) => now.get(id) === 'approved');
};

describe('bulk moderation in the console', () => {
  it('approves a shift-clicked range, a Shift+J range and every clean pending post, leaving flagged ones', async () => {
    const clean = Array.from({ length: 10 }, (_, i) =>
      ingest(`Clean post number ${i + 1} #bulkconf`),
    );
    const flagged = [ingest('This talk is shit #bulkconf'), ingest('#bulkconf #ai #web3 #crypto')];
    expect(flagged.map((p) => p.flags.length > 0)).toEqual([true, true]);
    const ids = clean.map((p) => p.id);

    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const { page, problems } = await openPage(
      context,
      `${base}/e/${seeded.code}/moderate#key=${seeded.moderatorKey}`,
    );
    const item = (id: number) => page.locator(`[data-testid="mod-post"][data-post-id="${id}"]`);
    await expect.poll(() => page.getByTestId('mod-post').count()).toBe(12);

    // Click the 2nd, shift-click the 5th: four selected, one Shift+A approves exactly them.
    await item(ids[1]!).getByTestId('select-post').click();
    await item(ids[4]!)
      .getByTestId('select-post')
      .click({ modifiers: ['Shift'] });
    await expect.poll(() => page.getByTestId('bulk-bar').textContent()).toContain('4 selected');
    await screenshot(page, 'moderation-bulk-range');
    await page.keyboard.press('Shift+A');
    await expect.poll(() => approvedOf(ids)).toEqual(ids.slice(1, 5));

    // Keyboard: focus the oldest pending (ids[0]), Shift+J twice selects it and the next two.
    await page.getByTestId('filter-pending').click();
    await item(ids[0]!).locator('.post-text').click();
    await page.keyboard.press('Shift+J');
    await page.keyboard.press('Shift+J');
    await expect.poll(() => page.getByTestId('bulk-bar').textContent()).toContain('3 selected');
    await page.keyboard.press('Shift+A');
    await expect.poll(() => approvedOf(ids)).toEqual([...ids.slice(0, 5), ...ids.slice(5, 7)]);

    // X selects every post shown (the pending view), X again unselects them.
    await page.keyboard.press('Shift+X');
    await expect.poll(() => page.getByTestId('bulk-bar').textContent()).toContain('5 selected');
    await page.keyboard.press('Shift+X');
    await expect.poll(() => page.getByTestId('bulk-bar').count()).toBe(0);

    // The rest of the clean posts in one press; the flagged ones keep waiting.
    const button = page.getByTestId('approve-clean');
    await expect.poll(() => button.textContent()).toBe('Approve 3 clean pending');
    await screenshot(page, 'moderation-bulk-clean');
    await button.click();
    await expect.poll(() => approvedOf(ids)).toEqual(ids);
    const after = await statuses();
    expect(flagged.map((p) => after.get(p.id))).toEqual(['pending', 'pending']);
    await expect.poll(() => button.count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});
