/**
 * The big screen in Chromium at 1920×1080 and 1280×720: the moderator switches it between the
 * wall, the top questions, one spotlighted question and the join card, over REST and over the
 * socket, and it follows live without a reload; nothing scrolls and all text fits its card.
 * Take-downs, branding and per-room screens apply live too. Screenshots: tests/artifacts/screen-*.
 */
import QRCode from 'qrcode';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ScreenMode } from '../../shared/schemas/screens.ts';
import {
  connectClient,
  listen,
  request,
  seedEvent,
  seedSession,
  type ClientSocket,
  type SeededEvent,
  type TestApp,
} from '../helper.ts';
import { launch, openPage, screenshot } from './browser.ts';
import {
  api,
  buildWithOwnClient,
  ingestPost,
  layoutProblems,
  LONG_POST,
  moderatePost,
  POST_TEXTS,
  QUESTION_TEXTS,
  screenMode,
  seedQuestions,
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
let moderator: ClientSocket;
let questionIds: number[];
let pinnedId: number;
const problems: string[][] = [];

async function openScreen(viewport: { width: number; height: number }, path = ''): Promise<Page> {
  const context = await browser.newContext({ viewport });
  context.setDefaultTimeout(10_000);
  const opened = await openPage(context, `${base}/e/${seeded.code}/screen${path}${TEST_PACE}`);
  problems.push(opened.problems);
  await opened.page.evaluate(
    () => ((window as unknown as { __sameLoad: boolean }).__sameLoad = true),
  );
  return opened.page;
}

const sameLoad = (page: Page) =>
  page.evaluate(() => (window as unknown as { __sameLoad?: boolean }).__sameLoad === true);

/** Switches over REST or over the moderator's socket: both must reach the screen. */
async function switchTo(mode: ScreenMode, via: 'rest' | 'socket', name = 'main') {
  if (via === 'rest') await setScreenMode(base, seeded, name, mode);
  else
    expect((await request(moderator, 'screen:set', { name, mode })).data).toEqual({ name, mode });
}

/** Failed avatar loads (this machine has no internet) are expected noise; nothing else is. */
const realProblems = () => problems.flat().filter((p) => !/Failed to load resource/.test(p));

beforeAll(async () => {
  // Live updates take a wall flush (300 ms) and a render; a busy machine may need more than 1 s.
  vi.setConfig({ expect: { poll: { timeout: 5000, interval: 50 } } });
  t = await buildWithOwnClient();
  base = await listen(t.app);
  seeded = seedEvent(t.app, {
    name: 'Northwind DevConf 2025',
    hashtags: ['devconf', 'nwdc25'],
    settings: { postModeration: 'post', questionModeration: 'post' },
    branding: { accentColor: '#4f8cff', theme: 'dark' },
  });
  [...POST_TEXTS, LONG_POST].forEach((text, i) => ingestPost(t.app, seeded.eventId, text, i));
  const pinned = ingestPost(
    t.app,
    seeded.eventId,
    'Welcome to Northwind DevConf! Wi-Fi: NWDC-Guest · password on your badge. Lunch is at 12:30 in the atrium.',
    99,
  );
  pinnedId = pinned.id;
  await moderatePost(base, seeded, pinnedId, 'pin');
  questionIds = seedQuestions(
    t.app,
    seeded.eventId,
    seeded.sessionId,
    QUESTION_TEXTS,
    seeded.moderatorKey,
  );
  ({ socket: moderator } = await connectClient(base, {
    eventCode: seeded.code,
    token: seeded.moderatorKey,
  }));
  browser = await launch();
}, 60_000);

afterAll(async () => {
  moderator?.close();
  await browser?.close();
  await t?.close();
});

async function expectClean(page: Page, shot: string) {
  await settle(page);
  await screenshot(page, shot);
  expect(await layoutProblems(page)).toEqual([]);
}

describe('the big screen', () => {
  for (const size of SIZES) {
    it(`shows each mode live at ${size.name}, without scrollbars and with every text fitting its card`, async () => {
      const page = await openScreen(size.viewport);

      // Wall: the pinned post featured beside the four newest posts, each with its avatar.
      await switchTo('wall', 'rest');
      await expect.poll(() => screenMode(page)).toBe('wall');
      await expect
        .poll(() => page.locator(`[data-post-id="${pinnedId}"][data-pinned]`).count())
        .toBe(1);
      await expect.poll(() => cellsUsed(page)).toBe(4);
      // No source glyph on the cards: who said it matters in a hall, not through which network.
      expect(await page.locator('[data-testid="screen-post"] .screen-source').count()).toBe(0);
      expect(await page.locator('.screen-avatar-initial').allTextContents()).not.toContain('');
      await expectClean(page, `screen-wall-${size.name}`);

      // Top questions of the live session, most votes first.
      await switchTo('questions', 'socket');
      await expect.poll(() => screenMode(page)).toBe('questions');
      await expect.poll(() => page.getByTestId('screen-question').count()).toBe(5);
      const votes = (
        await page.getByTestId('screen-question-votes').locator('strong').allTextContents()
      ).map(Number);
      expect(votes).toEqual([...votes].sort((a, b) => b - a));
      await expect
        .poll(() => page.getByTestId('screen-question').first().getAttribute('data-question-id'))
        .toBe(String(questionIds[0]));
      await expectClean(page, `screen-questions-${size.name}`);

      // One question, huge: the one the speaker sends to the screen.
      const chosen = questionIds[3]!;
      await api(base, 'POST', `/questions/${chosen}/moderation`, seeded.moderatorKey, {
        action: 'spotlight',
      });
      await switchTo('spotlight', 'rest');
      await expect.poll(() => screenMode(page)).toBe('spotlight');
      await expect
        .poll(() => page.getByTestId('screen-spotlight').getAttribute('data-question-id'))
        .toBe(String(chosen));
      const spotlightSize = await page
        .locator('.spotlight-text')
        .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      expect(spotlightSize).toBeGreaterThan(size.viewport.height / 22);
      await expectClean(page, `screen-spotlight-${size.name}`);
      await api(base, 'POST', `/questions/${chosen}/moderation`, seeded.moderatorKey, {
        action: 'unspotlight',
      });

      // The join card: a QR code of the join URL, big enough to scan from the back rows.
      await switchTo('join', 'socket');
      await expect.poll(() => screenMode(page)).toBe('join');
      const qr = page.getByTestId('screen-join-qr');
      await expect
        .poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
        .toBe(true);
      const expectedSvg = await QRCode.toString(`${base}/e/${seeded.code}`, {
        type: 'svg',
        margin: 2,
        errorCorrectionLevel: 'M',
        color: { dark: '#000000', light: '#ffffff' },
      });
      expect(decodeURIComponent((await qr.getAttribute('src'))!.split(',')[1]!)).toBe(expectedSvg);
      expect((await qr.boundingBox())!.height).toBeGreaterThan(size.viewport.height * 0.4);
      expect(await page.getByTestId('screen-join-code').textContent()).toBe(seeded.code);
      await expectClean(page, `screen-join-${size.name}`);

      // The footer with how to join stayed on screen through every mode; nothing reloaded.
      expect(await page.getByTestId('screen-footer').isVisible()).toBe(true);
      expect(await sameLoad(page)).toBe(true);
      await switchTo('wall', 'rest');
      await page.context().close();
      expect(realProblems()).toEqual([]);
    }, 40_000);
  }

  it('drops a post taken down by a moderator within a second, and gives the wall to the newest six without a pin', async () => {
    const page = await openScreen(SIZES[0].viewport);
    const doomed = [
      ingestPost(t.app, seeded.eventId, 'This one breaks the code of conduct', 200),
      ingestPost(t.app, seeded.eventId, 'And this one is spam', 201),
    ];
    for (const post of doomed)
      await expect.poll(() => page.locator(`[data-post-id="${post.id}"]`).count()).toBe(1);
    for (const [post, action] of [
      [doomed[0]!, 'hide'],
      [doomed[1]!, 'reject'],
    ] as const) {
      const started = Date.now();
      await moderatePost(base, seeded, post.id, action);
      await expect
        .poll(() => page.locator(`[data-post-id="${post.id}"]`).count(), {
          interval: 25,
          timeout: 1000,
        })
        .toBe(0);
      expect(Date.now() - started).toBeLessThan(1000);
    }
    // Without a pin the newest six share the whole wall.
    await moderatePost(base, seeded, pinnedId, 'unpin');
    await expect.poll(() => cellsUsed(page)).toBe(6);
    await expectClean(page, 'screen-wall-unpinned-1920x1080');
    await moderatePost(base, seeded, pinnedId, 'pin');
    await expect
      .poll(() => page.locator(`[data-post-id="${pinnedId}"][data-pinned]`).count())
      .toBe(1);
    expect(await sameLoad(page)).toBe(true);
    await page.context().close();
  });

  it('applies a new accent, the light theme and a logo live, and stays legible in every mode', async () => {
    const page = await openScreen(SIZES[0].viewport);
    await expect.poll(() => page.getByTestId('screen').getAttribute('data-theme')).toBe('dark');
    await api(base, 'PATCH', `/events/${seeded.eventId}`, seeded.moderatorKey, {
      branding: { accentColor: '#e4007c', theme: 'light', logoUrl: `${base}/favicon.svg` },
    });
    await expect.poll(() => page.getByTestId('screen').getAttribute('data-theme')).toBe('light');
    const screen = page.getByTestId('screen');
    expect(
      await screen.evaluate((el) => getComputedStyle(el).getPropertyValue('--accent').trim()),
    ).toBe('#e4007c');
    expect(
      await page
        .locator('.screen-card.featured')
        .evaluate((el) => getComputedStyle(el).borderTopColor),
    ).toBe('rgb(228, 0, 124)');
    expect(await screen.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
      'rgb(238, 241, 245)',
    );
    await expect
      .poll(() =>
        page
          .getByTestId('screen-logo')
          .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
      )
      .toBe(true);

    for (const mode of ['wall', 'questions', 'spotlight', 'join'] as const) {
      await switchTo(mode, 'rest');
      await expect.poll(() => screenMode(page)).toBe(mode);
      await expectClean(page, `screen-light-${mode}-1920x1080`);
    }
    // A yellow accent on white keeps its chips but not yellow words.
    await api(base, 'PATCH', `/events/${seeded.eventId}`, seeded.moderatorKey, {
      branding: { accentColor: '#ffd23f' },
    });
    await expect
      .poll(() => page.locator('.screen-code').evaluate((el) => getComputedStyle(el).color))
      .toBe('rgb(11, 13, 16)');
    expect(
      await page.locator('.screen-now').evaluate((el) => getComputedStyle(el).backgroundColor),
    ).toBe('rgb(255, 210, 63)');
    await screenshot(page, 'screen-light-yellow-join-1920x1080');
    await api(base, 'PATCH', `/events/${seeded.eventId}`, seeded.moderatorKey, {
      branding: { accentColor: '#4f8cff', theme: 'dark', logoUrl: null },
    });
    await expect.poll(() => page.getByTestId('screen').getAttribute('data-theme')).toBe('dark');
    expect(await page.getByTestId('screen-logo').count()).toBe(0);
    await switchTo('wall', 'rest');
    expect(await sameLoad(page)).toBe(true);
    await page.context().close();
  });

  it("shows a room's own live session on that room's screen, and says so when nothing is live there", async () => {
    const hallB = seedSession(t.app, seeded.eventId, {
      title: 'Scaling Postgres to a billion rows',
      room: 'Hall B',
      live: true,
    });
    const hallBTexts = [
      'Do you partition by time or by tenant?',
      'How long did the vacuum tuning take?',
    ];
    seedQuestions(t.app, seeded.eventId, hallB.sessionId, hallBTexts, seeded.moderatorKey);
    const room = await openScreen(SIZES[1].viewport, '/Hall%20B');
    const main = await openScreen(SIZES[0].viewport);
    await expect.poll(() => room.getByTestId('screen').getAttribute('data-screen')).toBe('Hall B');

    await switchTo('questions', 'socket', 'Hall B');
    await expect.poll(() => screenMode(room)).toBe('questions');
    await expect
      .poll(() => room.getByTestId('screen-question').locator('[data-fit]').allTextContents())
      .toEqual(hallBTexts);
    expect(await room.getByTestId('screen-session').textContent()).toContain('Scaling Postgres');
    await expectClean(room, 'screen-room-questions-1280x720');
    // The main screen keeps its own mode and its own session.
    expect(await screenMode(main)).toBe('wall');
    expect(await main.getByTestId('screen-session').textContent()).toContain('Keynote');

    // Hall C has no live session: the screen says so instead of showing another room's questions.
    const hallC = await openScreen(SIZES[1].viewport, '/Hall%20C');
    await switchTo('questions', 'rest', 'Hall C');
    await expect
      .poll(() => hallC.getByTestId('screen-no-session').textContent())
      .toContain('Hall C');
    await expectClean(hallC, 'screen-room-idle-1280x720');
    // Its session goes live: the questions screen picks it up without a reload.
    const hallCSession = seedSession(t.app, seeded.eventId, {
      title: 'Design systems at scale',
      room: 'Hall C',
    });
    await api(base, 'PATCH', `/sessions/${hallCSession.sessionId}`, seeded.moderatorKey, {
      live: true,
    });
    await expect.poll(() => hallC.getByTestId('screen-no-questions').count()).toBe(1);
    expect(await sameLoad(hallC)).toBe(true);
    expect(realProblems()).toEqual([]);
  });
});
