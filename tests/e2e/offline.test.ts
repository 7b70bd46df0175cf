/**
 * An attendee on a phone loses the connection for longer than a command's 10 s timeout. A post
 * made meanwhile waits, marked "waiting to send", and is never given up on; tabs switched while
 * offline show what was loaded before, with when, never "Loading…"; once the connection is
 * back the post reaches the server exactly once.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  joinAttendee,
  listen,
  seedEvent,
  sleep,
  type SeededEvent,
  type TestApp,
} from '../helper.ts';
import { launch, openPage, PHONE, screenshot } from './browser.ts';
import {
  buildWithOwnClient,
  ingestPost,
  POST_TEXTS,
  QUESTION_TEXTS,
  seedQuestions,
} from './screen-support.ts';

let t: TestApp;
let base: string;
let seeded: SeededEvent;
let browser: Browser;

beforeAll(async () => {
  t = await buildWithOwnClient();
  base = await listen(t.app);
  seeded = seedEvent(t.app, {
    name: 'Offline Conf',
    hashtags: ['offlineconf'],
    settings: { postModeration: 'post' },
  });
  POST_TEXTS.slice(0, 3).forEach((text, i) => ingestPost(t.app, seeded.eventId, text, i));
  seedQuestions(
    t.app,
    seeded.eventId,
    seeded.sessionId,
    QUESTION_TEXTS.slice(0, 3),
    seeded.moderatorKey,
  );
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const postsWith = (text: string) =>
  t.app.domain.posts
    .moderationPage({ kind: 'moderator', eventId: seeded.eventId }, seeded.eventId, { limit: 100 })
    .posts.filter((post) => post.text === text);

const status = (page: Page) => page.getByTestId('connection-status').textContent();

/** The phone loses its network, and the server side of its socket goes with it. */
async function cutOff(page: Page) {
  await page.context().setOffline(true);
  for (const socket of t.app.io.of('/').sockets.values())
    if (socket.data.principal.kind === 'attendee') socket.disconnect(true);
  await expect.poll(() => status(page), { timeout: 15_000 }).toMatch(/Reconnecting/);
}

describe('an attendee through a long outage', () => {
  it('keeps a post made offline, sends it once on reconnect, and shows cached tabs meanwhile', async () => {
    const { token } = joinAttendee(t.app, seeded.eventId, 'Nadia');
    const context = await browser.newContext(PHONE);
    await context.addInitScript(
      ([key, value]) => window.localStorage.setItem(key!, value!),
      [`bc:attendee:${seeded.code}`, token],
    );
    const { page, problems } = await openPage(context, `${base}/e/${seeded.code}`);
    await expect.poll(() => status(page), { timeout: 30_000 }).toBe('Live');
    await expect.poll(() => page.getByTestId('wall-post').count()).toBe(3);
    // Both tabs seen once while online, as an attendee would.
    await page.getByTestId('tab-questions').click();
    await expect.poll(() => page.getByTestId('question-item').count()).toBe(3);
    await page.getByTestId('tab-wall').click();
    await expect.poll(() => page.getByTestId('wall-post').count()).toBe(3);

    await cutOff(page);
    const text = 'Posted from the basement, where the network never reaches';
    await page.getByTestId('post-text').fill(text);
    await page.getByTestId('post-submit').click();
    const unsent = page.getByTestId('unsent-post');
    await expect.poll(() => unsent.count()).toBe(1);
    await expect
      .poll(() => unsent.getByTestId('unsent-state').textContent())
      .toBe('yours · waiting to send');
    expect(await page.getByTestId('post-text').inputValue()).toBe('');

    // Longer than the 10 s a command waits for its answer: the post is still waiting.
    await sleep(12_000);
    expect(await unsent.getByTestId('unsent-state').textContent()).toBe('yours · waiting to send');
    expect(await page.getByTestId('post-error').count()).toBe(0);
    expect(postsWith(text)).toHaveLength(0);

    // The tabs show what was loaded, and when, not "Loading…".
    await page.getByTestId('tab-questions').click();
    await expect.poll(() => page.getByTestId('question-item').count()).toBe(3);
    expect(await page.getByText('Loading questions…').count()).toBe(0);
    expect(await page.getByTestId('offline-line').textContent()).toMatch(
      /^Offline — showing what was loaded at \d{1,2}:\d{2}/,
    );
    await screenshot(page, 'offline-questions-tab');
    await page.getByTestId('tab-wall').click();
    expect(await page.getByTestId('wall-post').count()).toBe(3);
    expect(await page.getByText('Loading the wall…').count()).toBe(0);
    expect(await page.getByTestId('offline-line').count()).toBe(1);
    await page.waitForTimeout(600); // the cards' arrival animation
    await screenshot(page, 'offline-wall-waiting-post');

    await context.setOffline(false);
    await expect.poll(() => status(page), { timeout: 30_000 }).toBe('Live');
    await expect.poll(() => unsent.count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => postsWith(text).length).toBe(1);
    await expect
      .poll(() => page.getByTestId('wall-post').filter({ hasText: text }).count())
      .toBe(1);
    expect(await page.getByTestId('offline-line').count()).toBe(0);
    // A while later, still once: nothing was left to send again.
    await sleep(2000);
    expect(postsWith(text)).toHaveLength(1);
    await screenshot(page, 'offline-wall-after-reconnect');
    expect(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|WebSocket/.test(p))).toEqual([]);
    await context.close();
  }, 120_000);

  it('opens on what it had after a reload with the server unreachable, keeps a waiting post across reloads, and sends it once', async () => {
    const { token } = joinAttendee(t.app, seeded.eventId, 'Omar');
    const context = await browser.newContext(PHONE);
    await context.addInitScript(
      ([key, value]) => window.localStorage.setItem(key!, value!),
      [`bc:attendee:${seeded.code}`, token],
    );
    // While `down`, the page itself still loads, but the API and the socket get nowhere.
    let down = false;
    await context.route('**/api/**', (route) => (down ? route.abort() : route.continue()));
    await context.route('**/socket.io/**', (route) => (down ? route.abort() : route.continue()));
    await context.routeWebSocket(/socket\.io/, (ws) => (down ? ws.close() : ws.connectToServer()));
    const { page } = await openPage(context, `${base}/e/${seeded.code}`);
    await expect.poll(() => status(page), { timeout: 30_000 }).toBe('Live');
    await expect.poll(() => page.getByTestId('wall-post').count()).toBeGreaterThanOrEqual(3);
    const seen = await page.getByTestId('wall-post').count();
    // Long enough for the copy in localStorage to catch up (it is written at most every 2 s).
    await sleep(2500);

    down = true;
    for (const socket of t.app.io.of('/').sockets.values())
      if (socket.data.principal.kind === 'attendee') socket.disconnect(true);
    await page.reload();
    await expect.poll(() => page.getByTestId('wall-post').count(), { timeout: 15_000 }).toBe(seen);
    expect(await page.getByText('Loading the wall…').count()).toBe(0);
    expect(await page.getByTestId('offline-line').textContent()).toMatch(
      /^Offline — showing what was loaded at \d{1,2}:\d{2}/,
    );

    const text = 'Typed in a dead zone, reloaded twice, sent once';
    await page.getByTestId('post-text').fill(text);
    await page.getByTestId('post-submit').click();
    await expect.poll(() => page.getByTestId('unsent-post').count()).toBe(1);
    await page.reload();
    const unsent = page.getByTestId('unsent-post');
    await expect.poll(() => unsent.filter({ hasText: text }).count(), { timeout: 15_000 }).toBe(1);
    expect(await unsent.getByTestId('unsent-state').textContent()).toBe('yours · waiting to send');
    await page.waitForTimeout(600);
    await screenshot(page, 'offline-after-reload');
    expect(postsWith(text)).toHaveLength(0);

    down = false;
    await expect.poll(() => status(page), { timeout: 30_000 }).toBe('Live');
    await expect.poll(() => unsent.count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => postsWith(text).length).toBe(1);
    await sleep(2000);
    expect(postsWith(text)).toHaveLength(1);
    await context.close();
  }, 120_000);
});
