/**
 * Post images in Chromium, on every surface: the big screen crops the first image into the card
 * (larger on the featured card) and still fits every text at 1920×1080 and 1280×720; a dead
 * image leaves no broken icon or hole, a slow one moves nothing; the attendee wall shows
 * thumbnails that open in a new tab; the console shows every image before approval, larger on
 * a click, with the keyboard still in charge. javascript: and data: never become an img src,
 * and an unapproved post's image never reaches the screen. Screenshots: tests/artifacts/media-*.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Post } from '../../shared/schemas/posts.ts';
import { bearer, listen, seedEvent, type SeededEvent, type TestApp } from '../helper.ts';
import { ARTIFACTS, LAPTOP, launch, openPage, PHONE, screenshot } from './browser.ts';
import { buildWithImages, imageUrl, ingestWithMedia, SLOW_MS } from './media-support.ts';
import {
  layoutProblems,
  LONG_POST,
  moderatePost,
  setScreenMode,
  settle,
  SIZES,
  TEST_PACE,
  cellsUsed,
} from './screen-support.ts';

let t: TestApp;
let base: string;
let seeded: SeededEvent;
let browser: Browser;
const problems: string[][] = [];
const posts: Record<'long' | 'pinned' | 'three' | 'dead' | 'coffee' | 'unsafe' | 'held', Post> =
  {} as never;

async function open(options: object, path: string): Promise<Page> {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(10_000);
  const opened = await openPage(context, `${base}${path}`);
  problems.push(opened.problems);
  return opened.page;
}

/** The dead image's 404 is logged by Chromium as a failed resource, as intended; nothing else may be. */
const realProblems = () => problems.flat().filter((p) => !/Failed to load resource/.test(p));

const card = (page: Page, post: Post) =>
  page.locator(`[data-testid="screen-post"][data-post-id="${post.id}"]`);
const loaded = (page: Page, selector: string) =>
  page
    .locator(selector)
    .evaluateAll(
      (imgs: HTMLImageElement[]) =>
        imgs.length > 0 && imgs.every((img) => img.complete && img.naturalWidth > 0),
    );
const srcs = (page: Page, selector: string) =>
  page.locator(selector).evaluateAll((imgs: HTMLImageElement[]) => imgs.map((img) => img.src));

beforeAll(async () => {
  vi.setConfig({ expect: { poll: { timeout: 6000, interval: 50 } } });
  t = await buildWithImages();
  base = await listen(t.app);
  seeded = seedEvent(t.app, {
    name: 'Northwind DevConf 2025',
    hashtags: ['devconf'],
    settings: { postModeration: 'post', questionModeration: 'post' },
    branding: { accentColor: '#4f8cff', theme: 'dark' },
  });
  const img = (name: string) => imageUrl(base, name);
  const { eventId } = seeded;
  posts.long = ingestWithMedia(t.app, eventId, LONG_POST, [img('poster.svg')], {
    name: 'Grace Okafor',
    handle: 'graceok',
  });
  posts.pinned = ingestWithMedia(
    t.app,
    eventId,
    'Welcome to Northwind DevConf! The keynote starts at 9:30 in the main hall.',
    [img('stage.svg')],
    { name: 'Northwind DevConf', handle: 'nwdevconf' },
  );
  posts.three = ingestWithMedia(
    t.app,
    eventId,
    'Packed room for the keynote, people sitting on the stairs 🔥',
    [img('crowd.svg'), img('coffee.svg'), img('poster.svg')],
    { name: 'Priya Raman', handle: 'priyacodes' },
  );
  posts.dead = ingestWithMedia(
    t.app,
    eventId,
    'This slide deserves a frame on every office wall.',
    [img('missing.png')],
    { name: 'Lin Wei', handle: 'linwei_dev' },
  );
  posts.coffee = ingestWithMedia(
    t.app,
    eventId,
    'Coffee queue on level 2 is much shorter, you are welcome ☕',
    [img('coffee.svg')],
    { name: 'Tomás Ferreira', handle: 'tferreira' },
    'api',
  );
  // What a careless source might hand over: none of it may become an img src.
  posts.unsafe = ingestWithMedia(
    t.app,
    eventId,
    'No picture for you here.',
    [
      'javascript:alert(1)',
      'data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg"/>',
      'http://insecure.example.invalid/a.png',
    ],
    { name: 'Sam Whitaker' },
    'api',
  );
  // Held by the profanity filter even in post-moderation mode: the screen must not show its image.
  posts.held = ingestWithMedia(
    t.app,
    eventId,
    'This talk is shit, look at this',
    [img('held.svg')],
    { name: 'Bob B', handle: 'bobb' },
  );
  expect(posts.held.status).toBe('pending');
  await moderatePost(base, seeded, posts.pinned.id, 'pin');
  browser = await launch();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function expectNoUnsafeImages(page: Page) {
  for (const src of await srcs(
    page,
    '[data-testid="screen-post"] img, [data-testid="wall-post"] img, [data-testid="mod-post"] img',
  )) {
    expect(src.startsWith(`${base}/test-media/`), src).toBe(true);
  }
}

describe('post images on the big screen', () => {
  for (const size of SIZES) {
    it(`crops each post's first image into its card at ${size.name}, larger when featured, with every text still fitting`, async () => {
      await setScreenMode(base, seeded, 'main', 'wall');
      const page = await open({ viewport: size.viewport }, `/e/${seeded.code}/screen${TEST_PACE}`);

      // The pinned post is featured beside the four newest; its image is the largest.
      await expect.poll(() => cellsUsed(page)).toBe(4);
      await expect
        .poll(() => loaded(page, `[data-post-id="${posts.pinned.id}"] .screen-media img`))
        .toBe(true);
      await expect
        .poll(() => loaded(page, `[data-post-id="${posts.three.id}"] .screen-media img`))
        .toBe(true);
      const area = async (post: Post) => {
        const box = (await card(page, post).locator('.screen-media').boundingBox())!;
        return box.width * box.height;
      };
      expect(await area(posts.pinned)).toBeGreaterThan(1.5 * (await area(posts.three)));
      expect(await card(page, posts.three).locator('img').getAttribute('alt')).toBe(
        'Image from Priya Raman',
      );
      expect(await card(page, posts.three).getByTestId('screen-media-more').textContent()).toBe(
        '+2',
      );
      const fit = await card(page, posts.three)
        .locator('.screen-media img')
        .evaluate((img) => getComputedStyle(img).objectFit);
      expect(fit).toBe('cover');

      // The dead image is gone without a trace; its post and the unsafe one read as text.
      await expect.poll(() => card(page, posts.dead).locator('img, .screen-media').count()).toBe(0);
      expect(await card(page, posts.dead).textContent()).toContain('deserves a frame');
      expect(await card(page, posts.unsafe).locator('img').count()).toBe(0);
      expect(await page.locator(`[data-post-id="${posts.held.id}"]`).count()).toBe(0);
      await expectNoUnsafeImages(page);
      await settle(page);
      await screenshot(page, `media-screen-featured-${size.name}`);
      expect(await layoutProblems(page)).toEqual([]);

      // Without the pin, six cards share the wall, the long post and its tall image among them.
      await moderatePost(base, seeded, posts.pinned.id, 'unpin');
      await expect.poll(() => cellsUsed(page)).toBe(6);
      await expect.poll(() => card(page, posts.long).count()).toBe(1);
      await settle(page);
      await screenshot(page, `media-screen-grid-${size.name}`);
      expect(await layoutProblems(page)).toEqual([]);
      await expectNoUnsafeImages(page);
      expect(await srcs(page, 'img')).not.toContain(imageUrl(base, 'held.svg'));

      await moderatePost(base, seeded, posts.pinned.id, 'pin');
      await page.context().close();
      expect(realProblems()).toEqual([]);
    }, 40_000);
  }

  it('keeps the box of a slow image from the start, so nothing moves when it arrives', async () => {
    const page = await open(
      { viewport: SIZES[1].viewport },
      `/e/${seeded.code}/screen${TEST_PACE}`,
    );
    await expect.poll(() => cellsUsed(page)).toBe(4);
    const slow = ingestWithMedia(
      t.app,
      seeded.eventId,
      'The hallway track is the best track.',
      [imageUrl(base, 'slow.svg')],
      { name: 'Ana Lúcia' },
    );
    const media = card(page, slow).locator('.screen-media');
    await expect.poll(() => media.getAttribute('data-media')).toBe('loading');
    await settle(page);
    const before = {
      media: await media.boundingBox(),
      text: await card(page, slow).locator('.screen-text').boundingBox(),
    };
    expect(await media.getAttribute('data-media')).toBe('loading');
    expect(before.media!.height).toBeGreaterThan(50);
    await expect
      .poll(() => media.getAttribute('data-media'), { timeout: SLOW_MS + 5000 })
      .toBe('loaded');
    expect({
      media: await media.boundingBox(),
      text: await card(page, slow).locator('.screen-text').boundingBox(),
    }).toEqual(before);
    await page.context().close();
  }, 20_000);

  it('never shows the image of a post that is not approved', async () => {
    const page = await open(
      { viewport: SIZES[0].viewport },
      `/e/${seeded.code}/screen${TEST_PACE}`,
    );
    await expect.poll(() => page.getByTestId('screen-post').count()).toBeGreaterThan(3);
    await settle(page);
    expect(await page.locator(`[data-post-id="${posts.held.id}"]`).count()).toBe(0);
    expect(await page.getByText('This talk is shit').count()).toBe(0);
    expect(await srcs(page, 'img')).not.toContain(imageUrl(base, 'held.svg'));
    await page.context().close();
  });
});

describe('post images on the attendee wall', () => {
  it('shows thumbnails under the text that open the image in a new tab', async () => {
    const page = await open(PHONE, `/e/${seeded.code}`);
    const item = page.locator(`[data-testid="wall-post"][data-post-id="${posts.coffee.id}"]`);
    await expect
      .poll(() => loaded(page, `[data-post-id="${posts.coffee.id}"] .post-thumb img`))
      .toBe(true);
    const link = item.locator('a.post-thumb');
    expect(await link.getAttribute('href')).toBe(imageUrl(base, 'coffee.svg'));
    expect(await link.getAttribute('target')).toBe('_blank');
    expect((await link.getAttribute('rel'))!.split(' ').sort()).toEqual(['noopener', 'noreferrer']);
    expect(await item.locator('img').getAttribute('referrerpolicy')).toBe('no-referrer');
    await expect
      .poll(() => page.locator(`[data-post-id="${posts.three.id}"] .post-thumb`).count())
      .toBe(3);

    const dead = page.locator(`[data-testid="wall-post"][data-post-id="${posts.dead.id}"]`);
    await dead.scrollIntoViewIfNeeded();
    await expect.poll(() => dead.locator('img, .post-thumb').count()).toBe(0);
    expect(await dead.textContent()).toContain('deserves a frame');
    expect(await page.locator(`[data-post-id="${posts.unsafe.id}"] img`).count()).toBe(0);
    await expectNoUnsafeImages(page);

    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'media-attendee-phone');
    await page.screenshot({
      path: join(ARTIFACTS, 'media-attendee-phone-full.png'),
      fullPage: true,
    });
    const [tab] = await Promise.all([page.context().waitForEvent('page'), link.tap()]);
    await tab!.waitForLoadState();
    expect(tab!.url()).toBe(imageUrl(base, 'coffee.svg'));
    await page.context().close();
    expect(realProblems()).toEqual([]);
  });
});

describe('post images in the moderator console', () => {
  it("loads a held post's images only when asked, larger on a click, and Esc closes it without leaving the keys stuck", async () => {
    const page = await open(LAPTOP, `/e/${seeded.code}/moderate#key=${seeded.moderatorKey}`);
    const held = page.locator(`[data-testid="mod-post"][data-post-id="${posts.held.id}"]`);
    // Approved posts' images load at once (the screens show them anyway)...
    await expect
      .poll(() => loaded(page, `[data-post-id="${posts.three.id}"] .mod-thumb img`))
      .toBe(true);
    // ...but the held post's image is not even requested: a tracking pixel would learn nothing.
    const requested = (name: string) =>
      page.evaluate(
        (file) =>
          performance.getEntriesByType('resource').some((entry) => entry.name.endsWith(file)),
        name,
      );
    await page.waitForTimeout(500);
    expect(await held.locator('img').count()).toBe(0);
    expect(await requested('held.svg')).toBe(false);
    expect(await held.getByTestId('mod-media-load').textContent()).toContain('Load the image');
    await screenshot(page, 'media-console-held');
    // The keyboard asks for them: focus the post, then i.
    await held.locator('.post-text').click();
    await expect.poll(() => held.getAttribute('aria-current')).toBe('true');
    await page.keyboard.press('i');
    await expect
      .poll(() => loaded(page, `[data-post-id="${posts.held.id}"] .mod-thumb img`))
      .toBe(true);
    await expect
      .poll(() => loaded(page, `[data-post-id="${posts.three.id}"] .mod-thumb img`))
      .toBe(true);
    expect(await page.locator(`[data-post-id="${posts.three.id}"] .mod-thumb`).count()).toBe(3);
    // A moderator must know there was an image they could not check.
    await expect
      .poll(() =>
        page.locator(`[data-post-id="${posts.dead.id}"]`).getByTestId('mod-media-failed').count(),
      )
      .toBe(1);
    expect(await page.locator(`[data-post-id="${posts.unsafe.id}"] img`).count()).toBe(0);
    await expectNoUnsafeImages(page);
    await screenshot(page, 'media-console');

    await held.locator('.mod-thumb').click();
    const overlay = page.getByTestId('media-overlay');
    await expect.poll(() => overlay.count()).toBe(1);
    await expect.poll(() => loaded(page, '[data-testid="media-overlay"] img')).toBe(true);
    await screenshot(page, 'media-console-overlay');

    // A key meant for the queue does nothing to the post under the overlay...
    await page.keyboard.press('a');
    await page.waitForTimeout(300);
    const status = async () => {
      const res = await fetch(`${base}/api/events/${seeded.eventId}/moderation/posts?limit=100`, {
        headers: bearer(seeded.moderatorKey),
      });
      return ((await res.json()) as { posts: Post[] }).posts.find((p) => p.id === posts.held.id)!
        .status;
    };
    expect(await status()).toBe('pending');
    // ...Esc closes it and gives the focus back to the thumbnail, and the keys work again.
    await page.keyboard.press('Escape');
    await expect.poll(() => overlay.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('mod-thumb'))).toBe(
      true,
    );
    expect(await held.getAttribute('aria-current')).toBe('true');
    await page.keyboard.press('r');
    await expect.poll(status).toBe('rejected');
    await page.context().close();
    expect(realProblems()).toEqual([]);
  });
});

describe('media URLs from the REST API', () => {
  it('refuses javascript: and data: media with a 400', async () => {
    for (const media of [
      ['javascript:alert(1)'],
      ['data:image/png;base64,iVBORw0KGgo='],
      ['JaVaScRiPt:alert(1)'],
    ]) {
      const res = await fetch(`${base}/api/events/${seeded.eventId}/posts`, {
        method: 'POST',
        headers: { ...bearer(seeded.apiKey), 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'with a picture', media }),
      });
      expect(res.status, media[0]).toBe(400);
      expect(((await res.json()) as { error: { id: string } }).error.id).toBe('validation_failed');
    }
  });
});
