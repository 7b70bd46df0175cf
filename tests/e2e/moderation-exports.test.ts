/**
 * A moderator at the end of the day: downloads the report, the questions and the posts from the
 * console and finds in the files what was said, tricky text included (commas, quotes, line
 * breaks, a would-be spreadsheet formula); then searches the whole record from the keyboard and
 * decides a post it found. The moderator key never appears in a URL the page requests.
 * Screenshots at 1440×900 and 1024×768.
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  POST_CSV_COLUMNS,
  QUESTION_CSV_COLUMNS,
  type ExportDocument,
} from '../../shared/schemas/exports.ts';
import type { Post, PostPage, PostSource } from '../../shared/schemas/posts.ts';
import type { Question } from '../../shared/schemas/questions.ts';
import {
  bearer,
  build,
  joinAttendee,
  listen,
  seedEvent,
  seedSession,
  type SeededEvent,
  type TestApp,
} from '../helper.ts';
import { launch, openPage, screenshot } from './browser.ts';

let t: TestApp;
let base: string;
let seeded: SeededEvent;
let sqliteSession: number;
let browser: Browser;
let sourceIds = 0;

beforeAll(async () => {
  t = await build();
  base = await listen(t.app);
  seeded = seedEvent(t.app, { name: 'Export Conf', hashtags: ['exportconf'] });
  sqliteSession = seedSession(t.app, seeded.eventId, {
    title: 'Scaling SQLite',
    room: 'Hall B',
    live: true,
  }).sessionId;
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

function ingest(text: string, name: string, source: PostSource = 'api'): Post {
  const author = { name, handle: name.toLowerCase(), avatarUrl: null, attendeeId: null };
  return t.app.domain.posts.ingest({
    eventId: seeded.eventId,
    source,
    sourceId: `ex-${++sourceIds}`,
    text,
    author,
    media: [],
  }).post;
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

const ask = (sessionId: number, token: string, text: string) =>
  rest<Question>(`/sessions/${sessionId}/questions`, { method: 'POST', token, body: { text } });
const statusOf = async (id: number) =>
  (await rest<PostPage>(`/events/${seeded.eventId}/moderation/posts?limit=100`)).posts.find(
    (p) => p.id === id,
  )?.status;

/** Clicks a download button and reads the file the browser saved. */
async function download(page: Page, kind: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId(`export-${kind}-download`).click(),
  ]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

/** Every URL the context asks for, web sockets included, from before the first navigation. */
function recordUrls(context: BrowserContext): string[] {
  const urls: string[] = [];
  context.on('request', (request) => urls.push(request.url()));
  context.on('page', (page) => page.on('websocket', (socket) => urls.push(socket.url())));
  return urls;
}

const ids = (page: Page, testId: string, attribute: string) =>
  page
    .getByTestId(testId)
    .evaluateAll((items, name) => items.map((item) => Number(item.getAttribute(name))), attribute);

const TRICKY_QUESTION = 'Does SQLite WAL help "many readers", really?\nAnd what about checkpoints?';
const FORMULA_QUESTION = "=cmd|' /C calc'!A0 how do backups work?";
const TRICKY_POST = 'Loved the "SQLite, everywhere" talk\nSlides please';
const FORMULA_POST = "=cmd|' /C calc'!A0";

describe('exports and search in the moderator console', () => {
  it('downloads every export with the key in a header, and searches and decides from the whole record', async () => {
    // One asker each: an attendee asking four in a row would meet the rate limit.
    const asker = (name: string) => joinAttendee(t.app, seeded.eventId, name).token;
    const q1 = await ask(sqliteSession, asker('Ada'), TRICKY_QUESTION);
    const q2 = await ask(sqliteSession, asker('Ben'), FORMULA_QUESTION);
    const q3 = await ask(seeded.sessionId, asker('Cy'), 'Will the keynote slides be shared?');
    const q4 = await ask(seeded.sessionId, asker('Di'), 'How big can an SQLite file get?');
    const p1 = ingest('SQLite in production: 100% worth it', 'Quinn');
    const p2 = ingest(TRICKY_POST, 'Rae');
    const p3 = ingest(FORMULA_POST, 'Mallory');
    const p4 = ingest('Coffee is 100 percent better today', 'Sam');
    const p5 = ingest('<img src=x onerror=alert(1)> backstage <b>pass</b>', 'Eve');
    const notes = Array.from({ length: 25 }, (_, i) =>
      ingest(`Room note ${i + 1}: the mic works`, 'Usher', 'x'),
    );
    await rest(`/posts/${p1.id}/moderation`, { method: 'POST', body: { action: 'approve' } });

    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      acceptDownloads: true,
    });
    const urls = recordUrls(context);
    const { page, problems } = await openPage(
      context,
      `${base}/e/${seeded.code}/moderate#key=${seeded.moderatorKey}`,
    );
    await expect.poll(() => page.getByTestId('mod-post').count(), { timeout: 5000 }).toBe(30);

    // Eight tabs: one row on a wide laptop.
    const tabRows = async () =>
      new Set(
        await page
          .getByRole('tab')
          .evaluateAll((tabs) => tabs.map((tab) => Math.round(tab.getBoundingClientRect().top))),
      ).size;
    expect(await page.getByRole('tab').count()).toBe(8);
    expect(await tabRows()).toBe(1);
    await page.getByTestId('mod-tab-export').click();

    // The report: the session and its question, in readable Markdown.
    const report = await download(page, 'report');
    expect(report.name).toBe(`${seeded.code}-report.md`);
    expect(report.text).toContain('Scaling SQLite');
    expect(report.text).toContain('Does SQLite WAL help "many readers", really?');
    expect(report.text).toContain('And what about checkpoints?');
    expect(await page.getByTestId('export-report-result').textContent()).toContain(
      `Saved ${seeded.code}-report.md`,
    );

    // Questions of one session: RFC 4180 quoting, and a formula that stays text.
    await page.getByTestId('export-session').selectOption(String(sqliteSession));
    const questions = await download(page, 'questions');
    expect(questions.name).toBe(`${seeded.code}-questions.csv`);
    expect(questions.text.startsWith(`\uFEFF${QUESTION_CSV_COLUMNS.join(',')}\r\n`)).toBe(true);
    expect(questions.text).toContain(
      '"Does SQLite WAL help ""many readers"", really?\nAnd what about checkpoints?"',
    );
    expect(questions.text).toContain(`,'${FORMULA_QUESTION},`);
    expect(questions.text).not.toContain('keynote slides');

    // Posts in one status: the approved one is left out.
    await page.getByTestId('export-status').selectOption('pending');
    const posts = await download(page, 'posts');
    expect(posts.name).toBe(`${seeded.code}-posts.csv`);
    expect(posts.text.startsWith(`\uFEFF${POST_CSV_COLUMNS.join(',')}\r\n`)).toBe(true);
    expect(posts.text).toContain('"Loved the ""SQLite, everywhere"" talk\nSlides please"');
    expect(posts.text).toContain(`,'${FORMULA_POST},`);
    expect(posts.text).not.toContain('100% worth it');
    expect(posts.text.trimEnd().split('\r\n')).toHaveLength(1 + 29);

    // Everything, while the console says it is preparing it.
    await page.route('**/export.json', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 500));
      await route.continue();
    });
    const everything = download(page, 'json');
    await expect
      .poll(() => page.getByTestId('export-json-download').textContent())
      .toBe('Preparing…');
    expect(await page.getByTestId('export-json-download').isDisabled()).toBe(true);
    const json = await everything;
    expect(json.name).toBe(`${seeded.code}-export.json`);
    const doc = JSON.parse(json.text) as ExportDocument;
    expect(doc.format).toBe('backchannel.export');
    expect(doc.posts.map((p) => p.id)).toEqual([p1, p2, p3, p4, p5, ...notes].map((p) => p.id));
    expect(doc.posts.find((p) => p.id === p2.id)?.text).toBe(TRICKY_POST);
    expect(doc.questions.map((q) => q.id)).toEqual([q1.id, q2.id, q3.id, q4.id]);
    expect(await page.getByTestId('export-json-download').textContent()).toBe(
      'Download everything',
    );

    // A refusal shows the server's own words.
    await page.route('**/export.md', (route) =>
      route.fulfill({
        status: 403,
        contentType: 'application/json',
        body: JSON.stringify({
          error: { id: 'forbidden', message: 'This key may not export the event.' },
        }),
      }),
    );
    await page.getByTestId('export-report-download').click();
    const failed = page.getByTestId('export-report-result');
    await expect.poll(() => failed.getAttribute('data-state')).toBe('failed');
    expect(await failed.textContent()).toBe('Could not export: This key may not export the event.');
    expect(await failed.getAttribute('role')).toBe('alert');
    await page.unrouteAll();
    await screenshot(page, 'moderation-exports-1440');

    // / goes to the search from anywhere outside a field; posts and questions of every session match.
    await page.locator('h1').click();
    await page.keyboard.press('/');
    const input = page.getByTestId('search-input');
    expect(await input.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('sqlite');
    const results = page.getByTestId('search-results');
    await expect.poll(() => results.getAttribute('data-settled')).toBe('true');
    // Best match first: bm25 ranks the shorter text with the word higher.
    expect((await ids(page, 'search-post', 'data-post-id')).sort()).toEqual([p1.id, p2.id].sort());
    // Requests wait for typing to pause: not one per key, and the last is for the whole word.
    const asked = urls
      .filter((url) => /\/moderation\/posts\?q=/.test(url))
      .map((url) => new URL(url).searchParams.get('q'));
    expect(asked.length).toBeLessThan('sqlite'.length);
    expect(asked.at(-1)).toBe('sqlite');
    expect((await ids(page, 'search-question', 'data-question-id')).sort()).toEqual(
      [q1.id, q4.id].sort(),
    );
    const sessionOf = (id: number) =>
      page
        .locator(`[data-testid="search-question"][data-question-id="${id}"]`)
        .getByTestId('search-question-session')
        .textContent();
    expect(await sessionOf(q1.id)).toBe('Scaling SQLite · Hall B');
    expect(await sessionOf(q4.id)).toBe('Keynote · Main hall');
    expect(await page.locator('[data-testid="search-post"] mark').first().textContent()).toBe(
      'SQLite',
    );
    expect(await page.getByTestId('mod-post').first().isVisible()).toBe(false);
    await screenshot(page, 'moderation-search-1440');

    // A phrase in quotes: the words in that order, not each anywhere.
    await input.fill('"100 percent"');
    await expect
      .poll(
        async () =>
          (await results.getAttribute('data-settled')) === 'true' &&
          (await ids(page, 'search-post', 'data-post-id')),
      )
      .toEqual([p4.id]);
    expect(await page.getByTestId('search-question').count()).toBe(0);
    // A prefix: prod* finds "production".
    await input.fill('prod*');
    await expect
      .poll(
        async () =>
          (await results.getAttribute('data-settled')) === 'true' &&
          (await ids(page, 'search-post', 'data-post-id')),
      )
      .toEqual([p1.id]);

    // More than a page: Load more follows the server's cursor.
    await input.fill('room note');
    await expect
      .poll(
        async () =>
          (await results.getAttribute('data-settled')) === 'true' &&
          (await page.getByTestId('search-post').count()),
      )
      .toBe(20);
    await page.getByTestId('search-posts-more').click();
    await expect.poll(() => page.getByTestId('search-post').count()).toBe(25);
    expect(await page.getByTestId('search-posts-more').count()).toBe(0);

    // Markup in a post found stays text, around the marked term too.
    await input.fill('backstage');
    await expect
      .poll(
        async () =>
          (await results.getAttribute('data-settled')) === 'true' &&
          (await ids(page, 'search-post', 'data-post-id')),
      )
      .toEqual([p5.id]);
    expect(await page.locator('[data-testid="search-post"] .post-text').textContent()).toBe(
      p5.text,
    );
    expect(
      await page
        .locator('[data-testid="search-results"] img, [data-testid="search-results"] b')
        .count(),
    ).toBe(0);

    // A new term cancels the old one still on its way: its late answer never shows.
    const cancelled: string[] = [];
    page.on('requestfailed', (request) => cancelled.push(request.url()));
    await page.route(/moderation\/posts\?q=mic/, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 800));
      await route.continue().catch(() => undefined);
    });
    const slow = page.waitForRequest(/moderation\/posts\?q=mic/);
    await input.fill('mic');
    await slow;
    await input.fill('Slides please');
    await expect.poll(() => cancelled.some((url) => url.includes('q=mic'))).toBe(true);
    await expect
      .poll(
        async () =>
          (await results.getAttribute('data-settled')) === 'true' &&
          (await ids(page, 'search-post', 'data-post-id')),
      )
      .toEqual([p2.id]);
    await new Promise((resolve) => setTimeout(resolve, 900));
    expect(await ids(page, 'search-post', 'data-post-id')).toEqual([p2.id]);
    await page.unrouteAll();

    // Deciding a post found: the server has it, and the result shows it.
    const hit = (id: number) => page.locator(`[data-testid="search-post"][data-post-id="${id}"]`);
    await hit(p2.id).getByTestId('approve').click();
    await expect.poll(() => statusOf(p2.id)).toBe('approved');
    await expect.poll(() => hit(p2.id).getAttribute('data-status')).toBe('approved');
    expect(await page.getByTestId('mod-message').textContent()).toBe(
      `Post ${p2.id} approved. Press u to undo.`,
    );

    // Another moderator rejects a post first: approving it from the search needs a second press.
    await input.fill('cmd');
    await expect
      .poll(
        async () =>
          (await results.getAttribute('data-settled')) === 'true' &&
          (await ids(page, 'search-post', 'data-post-id')),
      )
      .toEqual([p3.id]);
    await rest(`/posts/${p3.id}/moderation`, {
      method: 'POST',
      body: { action: 'reject', from: 'pending' },
    });
    await expect.poll(() => hit(p3.id).getAttribute('data-status')).toBe('rejected');
    await hit(p3.id).getByTestId('approve').click();
    const message = page.getByTestId('mod-message');
    await expect.poll(() => message.getAttribute('data-kind')).toBe('refusal');
    expect(await message.textContent()).toContain(
      `Post ${p3.id} was already rejected by another moderator. Click again`,
    );
    expect(await statusOf(p3.id)).toBe('rejected');

    // Queue keys do nothing while the queue is out of sight; Esc goes back to it.
    await page.locator('h1').click();
    await page.keyboard.press('a');
    await expect
      .poll(() => message.textContent())
      .toBe('Queue keys are off while you search: Esc goes back to the queue.');
    expect(await statusOf(p4.id)).toBe('pending');
    await page.keyboard.press('/');
    await page.keyboard.press('Escape');
    await expect.poll(() => results.count()).toBe(0);
    expect(await input.inputValue()).toBe('');
    expect(await page.getByTestId('mod-post').first().isVisible()).toBe(true);

    // At a narrow laptop width: two even rows of tabs, nothing spills sideways.
    await page.setViewportSize({ width: 1024, height: 768 });
    expect(await tabRows()).toBe(2);
    expect(
      await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      ),
    ).toBe(0);
    await screenshot(page, 'moderation-exports-1024');
    await input.fill('sqlite');
    await expect.poll(() => results.getAttribute('data-settled')).toBe('true');
    expect(
      await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      ),
    ).toBe(0);
    await screenshot(page, 'moderation-search-1024');

    // The key travelled in headers only.
    expect(urls.some((url) => url.endsWith(`/export/questions.csv?session=${sqliteSession}`))).toBe(
      true,
    );
    expect(urls.filter((url) => url.includes(seeded.moderatorKey))).toEqual([]);
    // The browser logs the refused export it was made to fetch; nothing else went wrong.
    expect(problems.filter((p) => !p.includes('status of 403'))).toEqual([]);
    expect(problems.length).toBeLessThanOrEqual(1);
  }, 60_000);
});
