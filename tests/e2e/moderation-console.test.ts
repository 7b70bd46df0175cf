/**
 * Two moderators run one event at once. What one decides the other sees at once, and cannot
 * decide again by accident; the server's own refusals are shown as such. Around the queue: live
 * counters, switching a big screen's mode, the authors list, the log, the blocked words and the
 * X source's status. Screenshots at 1440×900 and at a narrow 1024 width.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthorSummary } from '../../shared/schemas/moderation.ts';
import type { Post, PostPage } from '../../shared/schemas/posts.ts';
import {
  bearer,
  build,
  listen,
  seedEvent,
  seedSession,
  type SeededEvent,
  type TestApp,
} from '../helper.ts';
import { launch, openPage, PHONE, PROJECTOR, screenshot } from './browser.ts';

let t: TestApp;
let base: string;
let seeded: SeededEvent;
let browser: Browser;
const problems: string[][] = [];

beforeAll(async () => {
  t = await build();
  base = await listen(t.app);
  seeded = seedEvent(t.app, { name: 'Console Conf', hashtags: ['consoleconf'] });
  seedSession(t.app, seeded.eventId, { title: 'Scaling SQLite', room: 'Hall B', live: true });
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function open(options: object, path: string): Promise<Page> {
  const opened = await openPage(await browser.newContext(options), `${base}${path}`);
  problems.push(opened.problems);
  return opened.page;
}

async function rest<T>(
  path: string,
  init: { method?: string; body?: unknown; token?: string } = {},
): Promise<T> {
  const res = await fetch(`${base}/api${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...bearer(init.token ?? seeded.moderatorKey),
      ...(init.body ? { 'content-type': 'application/json' } : {}),
    },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  expect(res.status, path).toBeLessThan(300);
  return (await res.json()) as T;
}

const apiPost = (text: string, name: string, handle: string) =>
  rest<Post>(`/events/${seeded.eventId}/posts`, {
    method: 'POST',
    token: seeded.apiKey,
    body: { text, author: { name, handle } },
  });
const statusOf = async (id: number) =>
  (await rest<PostPage>(`/events/${seeded.eventId}/moderation/posts?limit=100`)).posts.find(
    (p) => p.id === id,
  )?.status;
const ruleOf = async (authorKey: string) =>
  (await rest<{ authors: AuthorSummary[] }>(`/events/${seeded.eventId}/authors`)).authors.find(
    (a) => a.authorKey === authorKey,
  )?.rule ?? null;
const focusedId = (page: Page) =>
  page
    .locator('[data-testid="mod-post"][aria-current="true"]')
    .getAttribute('data-post-id', { timeout: 2000 })
    .then(Number);
/** Keys go to the page in front, as they would for a person with two windows. */
async function press(page: Page, key: string) {
  await page.bringToFront();
  await page.keyboard.press(key);
}
const counter = (page: Page, id: string) =>
  page.getByTestId(id).getAttribute('data-value').then(Number);

describe('two moderators and the whole console', () => {
  it('share one queue live, and drive counters, screens, authors, log, words and sources', async () => {
    const q1 = await apiPost('First question from the stream', 'Quinn', 'quinn');
    const q2 = await apiPost('Second one, a bit longer', 'Rae', 'rae');
    const q3 = await apiPost('Third: buy cheap followers now', 'Spammer', 'spam4u');
    const modPath = `/e/${seeded.code}/moderate#key=${seeded.moderatorKey}`;
    const a = await open({ viewport: { width: 1440, height: 900 } }, modPath);
    const b = await open({ viewport: { width: 1440, height: 900 } }, modPath);
    for (const page of [a, b])
      await expect.poll(() => page.getByTestId('mod-post').count(), { timeout: 5000 }).toBe(3);
    const item = (page: Page, id: number) =>
      page.locator(`[data-testid="mod-post"][data-post-id="${id}"]`);

    // A approves the post B is on: B sees it at once, marked, and B's focus moves on.
    await press(b, 'j');
    await press(a, 'j');
    expect([await focusedId(a), await focusedId(b)]).toEqual([q1.id, q1.id]);
    await press(a, 'a');
    await expect.poll(() => item(b, q1.id).getAttribute('data-status')).toBe('approved');
    await expect
      .poll(() => item(b, q1.id).getByTestId('changed-elsewhere').textContent())
      .toBe('Approved by another moderator');
    await expect.poll(() => focusedId(b)).toBe(q2.id);
    expect(await b.getByTestId('mod-message').textContent()).toContain('another moderator');

    // B goes back to it: rejecting it is refused until pressed twice; approving again is a no-op.
    await item(b, q1.id).locator('.post-text').click();
    await press(b, 'r');
    const bMessage = b.getByTestId('mod-message');
    await expect.poll(() => bMessage.getAttribute('data-kind')).toBe('refusal');
    expect(await bMessage.textContent()).toContain(
      'already approved by another moderator. Press r again',
    );
    await press(b, 'a');
    await expect
      .poll(() => bMessage.textContent())
      .toContain('already approved by another moderator; nothing to do');
    expect(await statusOf(q1.id)).toBe('approved');

    // The server's own refusal reads as one: a pending post cannot be pinned.
    await item(b, q2.id).locator('.post-text').click();
    await press(b, 'p');
    await expect.poll(() => bMessage.getAttribute('data-kind')).toBe('error');
    expect(await bMessage.textContent()).toContain('The server refused to pin post');
    expect(await bMessage.textContent()).toContain('Only an approved post can be pinned');

    // A rejects with the mouse the post B is on; B moves on again.
    await item(a, q2.id).getByTestId('reject').click();
    await expect.poll(() => item(b, q2.id).getAttribute('data-status')).toBe('rejected');
    await expect.poll(() => focusedId(b)).toBe(q3.id);
    const log = await rest<{
      entries: Array<{ action: string; itemType: string; itemId: number | null }>;
    }>(`/events/${seeded.eventId}/moderation/log`);
    expect(
      log.entries.filter((e) => e.itemType === 'post' && e.itemId === q1.id).map((e) => e.action),
    ).toEqual(['post_approve']);

    // Counters: an attendee arrives (online), then posts (pending), from the stats broadcast.
    await expect.poll(() => counter(b, 'online-count'), { timeout: 5000 }).toBe(0);
    expect(await counter(b, 'pending-count')).toBe(1);
    const attendee = await open(PHONE, `/e/${seeded.code}`);
    await expect.poll(() => counter(b, 'online-count'), { timeout: 15_000 }).toBe(1);
    await attendee.getByTestId('post-text').fill('Hello from the back row #consoleconf');
    await attendee.getByTestId('post-submit').click();
    await expect.poll(() => counter(b, 'pending-count')).toBe(2);
    await expect.poll(() => counter(b, 'rate-count'), { timeout: 15_000 }).toBe(4);

    // Screens: the main screen and each session's room; switching one changes the open screen.
    const screen = await open(PROJECTOR, `/e/${seeded.code}/screen`);
    await expect
      .poll(() => screen.getByTestId('screen').getAttribute('data-mode'), { timeout: 5000 })
      .toBe('wall');
    await a.getByTestId('mod-tab-screens').click();
    const rows = a.getByTestId('screen-row');
    expect(
      await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-screen'))),
    ).toEqual(['main', 'Main hall', 'Hall B']);
    await a
      .locator('[data-testid="screen-row"][data-screen="main"]')
      .getByTestId('screen-mode-questions')
      .click();
    await expect
      .poll(() => screen.getByTestId('screen').getAttribute('data-mode'))
      .toBe('questions');
    expect(
      (
        await rest<{ screens: Array<{ name: string; mode: string }> }>(
          `/events/${seeded.eventId}/screens`,
        )
      ).screens,
    ).toEqual([{ name: 'main', mode: 'questions' }]);
    await b.getByTestId('mod-tab-screens').click();
    await expect
      .poll(() =>
        b.locator('[data-testid="screen-row"][data-screen="main"]').getAttribute('data-mode'),
      )
      .toBe('questions');

    // X is not configured here: its card says so. A status change is pushed live.
    const xCard = a.locator('[data-testid="source-status"][data-source="x"]');
    expect(await xCard.getAttribute('data-state')).toBe('off');
    expect(await xCard.textContent()).toContain('X_BEARER_TOKEN');
    const at = new Date().toISOString();
    t.app.domain.sources.update({
      mode: 'stream',
      state: 'backing_off',
      detail: 'rate limited by X',
      retryAt: at,
      lastError: { message: '429 Too Many Requests', at },
    });
    await expect.poll(() => xCard.getAttribute('data-state')).toBe('backing_off');
    expect(await xCard.getByTestId('source-error').textContent()).toContain(
      '429 Too Many Requests',
    );
    expect(
      await a.locator('[data-testid="source-pill"][data-source="x"]').getAttribute('data-state'),
    ).toBe('backing_off');
    await screenshot(a, 'moderation-console-screens-1440');

    // Authors: block the spammer from A (their pending post goes down), trust Quinn.
    await a.getByTestId('mod-tab-authors').click();
    const spammer = a.locator('[data-testid="author"][data-author-key="api:spam4u"]');
    await expect
      .poll(() => spammer.getByTestId('author-counts').textContent())
      .toContain('1 pending');
    await spammer.getByTestId('author-block').click();
    await expect.poll(() => ruleOf('api:spam4u')).toBe('blocked');
    await expect.poll(() => statusOf(q3.id)).toBe('rejected');
    await expect.poll(() => spammer.getAttribute('data-rule')).toBe('blocked');
    await a
      .locator('[data-testid="author"][data-author-key="api:quinn"]')
      .getByTestId('author-trust')
      .click();
    await expect.poll(() => ruleOf('api:quinn')).toBe('trusted');
    await b.getByTestId('mod-tab-authors').click();
    await expect
      .poll(
        () =>
          b
            .locator('[data-testid="author"][data-author-key="api:spam4u"]')
            .getAttribute('data-rule'),
        { timeout: 4000 },
      )
      .toBe('blocked');

    // Words: a new word holds a new post that uses it, with the reason shown to both.
    await a.getByTestId('mod-tab-settings').click();
    await a.getByTestId('words-input').fill('durian\nsmelly fruit');
    await a.getByTestId('words-save').click();
    await expect.poll(() => a.getByTestId('words-saved').textContent()).toContain('Saved 2 words');
    expect(await rest<{ words: string[] }>(`/events/${seeded.eventId}/moderation/words`)).toEqual({
      words: ['durian', 'smelly fruit'],
    });
    const held = await apiPost('Who brought the durian to the keynote?', 'Rae', 'rae');
    expect(held).toMatchObject({ status: 'pending', flags: ['profanity'] });
    await expect
      .poll(() => item(b, held.id).getByTestId('post-flags').textContent())
      .toContain('profanity or a blocked word');

    // Branding: the accent and theme reach the event, and the open screen takes the theme.
    await a.getByTestId('brand-accent').fill('#ff5500');
    await a.getByTestId('brand-theme').selectOption('light');
    await a.getByTestId('brand-save').click();
    await expect
      .poll(
        async () =>
          (await rest<{ event: { branding: object } }>(`/events/by-code/${seeded.code}`)).event
            .branding,
      )
      .toMatchObject({
        accentColor: '#ff5500',
        theme: 'light',
      });
    await expect.poll(() => screen.getByTestId('screen').getAttribute('data-theme')).toBe('light');

    // The log shows who did what, in words.
    await a.getByTestId('mod-tab-log').click();
    const entries = a.getByTestId('log-entry');
    await expect
      .poll(async () =>
        (await entries.evaluateAll((els) => els.map((el) => el.getAttribute('data-action')))).slice(
          0,
          7,
        ),
      )
      .toEqual([
        'update_settings',
        'update_word_list',
        'author_trust',
        'post_reject',
        'author_block',
        'screen_mode',
        'post_reject',
      ]);
    expect(await entries.nth(1).textContent()).toContain('saved the blocked words (2)');
    await screenshot(a, 'moderation-console-log-1440');
    await screenshot(b, 'moderation-console-second-1440');

    // At a narrow laptop width nothing spills sideways.
    await b.getByTestId('mod-tab-questions').click();
    await b.setViewportSize({ width: 1024, height: 768 });
    const spill = await b.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(spill).toBe(0);
    await screenshot(b, 'moderation-console-1024');
    await b.getByTestId('mod-tab-screens').click();
    await screenshot(b, 'moderation-console-screens-1024');

    expect(problems.flat()).toEqual([]);
  }, 60_000);
});
