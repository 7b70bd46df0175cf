/**
 * Two moderators share one key; each names their console, and the moderation log says who did
 * what — over the socket (the keyboard) and over HTTP (the log is read with the name header).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, listen, seedEvent, type SeededEvent, type TestApp } from '../helper.ts';
import { launch, openPage, screenshot } from './browser.ts';

let t: TestApp;
let base: string;
let seeded: SeededEvent;
let browser: Browser;

beforeAll(async () => {
  t = await build();
  base = await listen(t.app);
  seeded = seedEvent(t.app, { name: 'Names Conf' });
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const held = (text: string) =>
  t.app.domain.posts.ingest({
    eventId: seeded.eventId,
    source: 'api',
    sourceId: text,
    text,
    author: { name: 'Desk', handle: null, avatarUrl: null, attendeeId: null },
    media: [],
  }).post;

const actorOf = (postId: number) =>
  t.app.db
    .prepare(
      "SELECT actor FROM moderation_log WHERE item_type = 'post' AND item_id = ? ORDER BY id DESC",
    )
    .pluck()
    .get(postId);

describe('moderators sharing one key', () => {
  it('each appear in the moderation log under the name they gave their console', async () => {
    const first = held('First post to decide');
    const second = held('Second post to decide');
    const console = async (name: string) => {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const opened = await openPage(
        context,
        `${base}/e/${seeded.code}/moderate#key=${seeded.moderatorKey}`,
      );
      await opened.page.getByTestId('moderator-name-input').fill(name);
      await opened.page.getByTestId('moderator-name-input').press('Enter');
      await expect
        .poll(() => opened.page.getByTestId('moderator-name').textContent())
        .toBe(`You: ${name}`);
      await expect.poll(() => opened.page.getByTestId('mod-post').count()).toBe(2);
      return opened;
    };
    const ana = await console('Ana López');
    const bo = await console('Bo');

    await ana.page.locator(`[data-testid="mod-post"][data-post-id="${first.id}"]`).click();
    await ana.page.keyboard.press('a');
    await expect.poll(() => actorOf(first.id)).toBe('moderator:Ana López');
    await bo.page.locator(`[data-testid="mod-post"][data-post-id="${second.id}"]`).click();
    await bo.page.keyboard.press('r');
    await expect.poll(() => actorOf(second.id)).toBe('moderator:Bo');

    // The name stays in this browser: a reload keeps it, and the log panel shows it in words.
    await ana.page.reload();
    await expect
      .poll(() => ana.page.getByTestId('moderator-name').textContent())
      .toBe('You: Ana López');
    await ana.page.getByTestId('mod-tab-log').click();
    await expect
      .poll(() => ana.page.getByTestId('log-entry').allTextContents())
      .toEqual(
        expect.arrayContaining([
          expect.stringContaining('Ana López'),
          expect.stringContaining('Bo'),
        ]),
      );
    await screenshot(ana.page, 'moderation-names-log-1440');
    expect(ana.problems).toEqual([]);
    expect(bo.problems).toEqual([]);
  });
});
