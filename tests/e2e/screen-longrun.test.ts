/**
 * The big screen runs all day: 5,000 approved posts pushed at an open screen leave its DOM and
 * JS heap about where 200 left them, and a network drop (short enough for the server to replay
 * what was missed, or after a server-side disconnect that forces a fresh snapshot) ends with the
 * screen showing exactly the current state, without a reload.
 */
import type { Browser, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  joinAttendee,
  listen,
  seedEvent,
  seedSession,
  sleep,
  type SeededEvent,
  type TestApp,
} from '../helper.ts';
import { launch, openPage, PROJECTOR, screenshot } from './browser.ts';
import {
  buildWithOwnClient,
  ingestPost,
  moderatePost,
  POST_TEXTS,
  QUESTION_TEXTS,
  screenMode,
  seedQuestions,
  setScreenMode,
  settle,
  TEST_PACE,
} from './screen-support.ts';

let t: TestApp;
let base: string;
let seeded: SeededEvent;
let browser: Browser;
let made = 0;

beforeAll(async () => {
  vi.setConfig({ expect: { poll: { timeout: 8000, interval: 50 } } });
  t = await buildWithOwnClient();
  base = await listen(t.app);
  seeded = seedEvent(t.app, {
    name: 'All-Day Conf',
    hashtags: ['allday'],
    settings: { postModeration: 'post', questionModeration: 'post' },
  });
  browser = await launch();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function openScreen(path = ''): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext(PROJECTOR);
  context.setDefaultTimeout(10_000);
  const opened = await openPage(context, `${base}/e/${seeded.code}/screen${path}${TEST_PACE}`);
  await opened.page.evaluate(
    () => ((window as unknown as { __sameLoad: boolean }).__sameLoad = true),
  );
  return opened;
}

/**
 * One cell each: a long post would take two cells of the wall (see wall-pacing.ts), and these
 * tests count cards, not cells.
 */
const SHORT_TEXTS = POST_TEXTS.filter((text) => text.length < 200);

/** Approved posts through the ingest pipeline, in batches that leave the server time to flush. */
async function pushPosts(count: number, batch = 100): Promise<number> {
  let last = 0;
  for (let done = 0; done < count; done += batch) {
    for (let i = done; i < Math.min(count, done + batch); i++) {
      made += 1;
      last = ingestPost(
        t.app,
        seeded.eventId,
        `#${made} ${SHORT_TEXTS[made % SHORT_TEXTS.length]}`,
        made,
        `longrun-${made}`,
      ).id;
    }
    await sleep(20);
  }
  return last;
}

async function footprint(page: Page, cdp: CDPSession) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
  const dom = await page.evaluate(() => ({
    elements: document.getElementsByTagName('*').length,
    cards: document.querySelectorAll('[data-testid="screen-post"]').length,
  }));
  return {
    nodes: metric('Nodes'),
    heap: metric('JSHeapUsedSize'),
    listeners: metric('JSEventListeners'),
    ...dom,
  };
}

/** Whether a post has a card on the wall: the paced wall puts a new card in the place of the
 * longest-shown one, not always first. */
const onWall = (page: Page, id: number) =>
  page
    .getByTestId('screen-wall')
    .locator(`[data-testid="screen-post"][data-post-id="${id}"]`)
    .count();
const sameLoad = (page: Page) =>
  page.evaluate(() => (window as unknown as { __sameLoad?: boolean }).__sameLoad === true);

describe('the big screen over a long day', () => {
  it('keeps DOM nodes and JS heap bounded while 5,000 posts arrive', async () => {
    const { page, problems } = await openScreen();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const pinned = ingestPost(
      t.app,
      seeded.eventId,
      'Pinned all day: the schedule is on the back of your badge.',
      0,
      'longrun-pin',
    );
    await moderatePost(base, seeded, pinned.id, 'pin');

    const started = Date.now();
    let last = await pushPosts(200);
    await expect.poll(() => onWall(page, last)).toBe(1);
    await page.waitForTimeout(1000);
    const early = await footprint(page, cdp);

    last = await pushPosts(4800);
    await expect.poll(() => onWall(page, last)).toBe(1);
    await page.waitForTimeout(1000);
    const late = await footprint(page, cdp);
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `5,000 posts in ${seconds.toFixed(1)} s; after 200: ${JSON.stringify(early)}; after 5,000: ${JSON.stringify(late)}`,
    );
    await screenshot(page, 'screen-longrun-1920x1080');

    // The pin survived the flood, beside the four newest posts; nothing else stayed behind.
    expect(await page.locator(`[data-post-id="${pinned.id}"][data-pinned]`).count()).toBe(1);
    expect(late.cards).toBe(5);
    expect(late.elements).toBeLessThanOrEqual(early.elements * 1.2);
    expect(late.nodes).toBeLessThanOrEqual(early.nodes * 1.5);
    expect(late.listeners).toBeLessThanOrEqual(early.listeners * 1.5);
    expect(late.heap).toBeLessThanOrEqual(early.heap * 1.5);
    expect(problems.filter((p) => !/Failed to load resource/.test(p))).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('shows exactly the current state after a dead link, from what the server replays of the gap', async () => {
    await dropAndRestore('transport');
  }, 40_000);

  it('shows exactly the current state after the server let go, from a fresh snapshot', async () => {
    await dropAndRestore('server');
  }, 40_000);
});

/**
 * Drops the screen's link while changes happen (new posts, a take-down, a new pin, a mode switch,
 * a vote), restores it, and expects the screen to show what the server holds, without a reload.
 * 'transport': the connection dies; the server keeps the session and replays what was missed.
 * 'server': the server disconnects the socket; no replay, the client needs a fresh snapshot.
 */
async function dropAndRestore(drop: 'transport' | 'server') {
  const room = `Room-${drop}`;
  const session = seedSession(t.app, seeded.eventId, {
    title: `Reconnect ${drop}`,
    room,
    live: true,
  });
  const questionIds = seedQuestions(
    t.app,
    seeded.eventId,
    session.sessionId,
    QUESTION_TEXTS.slice(0, 3),
    seeded.moderatorKey,
  );
  await setScreenMode(base, seeded, room, 'wall');
  const { page, problems } = await openScreen(`/${room}`);
  const shown = await pushPosts(3);
  await expect.poll(() => onWall(page, shown)).toBe(1);
  const status = page.getByTestId('connection-status');

  /** What the server holds now, and what the screen shows. */
  const approved = () => t.app.domain.posts.approvedPage(seeded.eventId, undefined, 100).posts;
  const truth = () => ({
    mode: t.app.domain.screens.list(seeded.eventId).find((s) => s.name === room)?.mode ?? 'wall',
    posts: approved()
      .filter((p) => !p.pinned)
      .slice(0, 4)
      .map((p) => p.id),
    pinned: approved()
      .filter((p) => p.pinned)
      .map((p) => p.id),
  });
  const ids = (selector: string) =>
    page
      .locator(selector)
      .evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-post-id'))));
  const onScreen = async () => ({
    mode: await screenMode(page),
    posts: await ids('[data-testid="screen-wall"] [data-testid="screen-post"]'),
    pinned: await ids('[data-testid="screen-post"][data-pinned]'),
  });
  const screenSockets = () =>
    [...t.app.io.of('/').sockets.values()].filter((s) => s.data.principal.kind === 'anonymous');

  await page.context().setOffline(true);
  for (const socket of screenSockets()) {
    if (drop === 'transport') socket.conn.close();
    else socket.disconnect(true);
  }
  await expect.poll(() => status.textContent()).toMatch(/Reconnecting|Connecting/);

  const fresh = await pushPosts(2);
  const before = truth().posts;
  await moderatePost(base, seeded, before[2]!, 'hide');
  await moderatePost(base, seeded, fresh, 'pin');
  await setScreenMode(base, seeded, room, 'questions');
  const { token } = joinAttendee(t.app, seeded.eventId, null);
  t.app.domain.questions.vote(t.app.domain.resolvePrincipal(token)!, questionIds[2]!, true);
  await sleep(400);
  expect(screenSockets().filter((s) => s.connected)).toHaveLength(0);

  await page.context().setOffline(false);
  await expect.poll(() => screenMode(page), { timeout: 15_000 }).toBe('questions');
  const votes = new Map(
    t.app.domain.repos.questions.listBySession(session.sessionId).map((q) => [q.id, q.votes]),
  );
  const expected = questionIds
    .map((id) => [id, votes.get(id)!])
    .sort((a, b) => b[1]! - a[1]! || a[0]! - b[0]!);
  await expect
    .poll(() =>
      page
        .getByTestId('screen-question')
        .evaluateAll((els) =>
          els.map((el) => [
            Number(el.getAttribute('data-question-id')),
            Number(el.querySelector('.screen-vote-box strong')?.textContent),
          ]),
        ),
    )
    .toEqual(expected);
  await settle(page);
  await screenshot(page, `screen-reconnect-${drop}-questions`);

  // Back to the wall: the server's posts, the taken-down one gone, the new pin featured.
  await setScreenMode(base, seeded, room, 'wall');
  await expect.poll(onScreen).toEqual({ ...truth(), mode: 'wall' });
  expect((await onScreen()).posts).not.toContain(before[2]);
  expect(await status.count()).toBe(0);
  await settle(page);
  await screenshot(page, `screen-reconnect-${drop}-wall`);
  expect(await sameLoad(page)).toBe(true);
  expect(
    problems.filter((p) => !/Failed to load resource|WebSocket|ERR_INTERNET_DISCONNECTED/.test(p)),
  ).toEqual([]);
  await page.context().close();
}
