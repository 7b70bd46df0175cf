/**
 * One moderator works a queue of flagged and clean posts from web, the API and X with the
 * keyboard only: next and previous, approve, reject, hide, pin, block and trust an author, undo
 * each of those, select and bulk approve or reject. After every key the server's own state is
 * read over REST, not the page's. Then the filters narrow the list by status, source and flags.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthorSummary } from '../../shared/schemas/moderation.ts';
import type { Post, PostPage, PostSource } from '../../shared/schemas/posts.ts';
import {
  bearer,
  build,
  joinAttendee,
  listen,
  seedEvent,
  type SeededEvent,
  type TestApp,
} from '../helper.ts';
import { launch, openPage, screenshot } from './browser.ts';

let t: TestApp;
let base: string;
let seeded: SeededEvent;
let browser: Browser;
let sourceIds = 0;

beforeAll(async () => {
  t = await build();
  base = await listen(t.app);
  seeded = seedEvent(t.app, { name: 'Keyboard Conf', hashtags: ['kbconf'] });
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

function ingest(
  source: PostSource,
  text: string,
  author: { name: string; handle?: string; attendeeId?: number },
): Post {
  return t.app.domain.posts.ingest({
    eventId: seeded.eventId,
    source,
    sourceId: source === 'web' ? null : `kb-${++sourceIds}`,
    text,
    author: {
      name: author.name,
      handle: author.handle ?? null,
      avatarUrl: null,
      attendeeId: author.attendeeId ?? null,
    },
    media: [],
  }).post;
}

async function rest<T>(path: string): Promise<T> {
  const res = await fetch(`${base}/api${path}`, { headers: bearer(seeded.moderatorKey) });
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

/** The post as the server has it now. */
async function onServer(id: number): Promise<Pick<Post, 'status' | 'pinned'>> {
  const { posts } = await rest<PostPage>(`/events/${seeded.eventId}/moderation/posts?limit=100`);
  const post = posts.find((p) => p.id === id);
  if (!post) throw new Error(`post ${id} is not on the server`);
  return { status: post.status, pinned: post.pinned };
}

async function ruleOf(authorKey: string): Promise<string | null> {
  const { authors } = await rest<{ authors: AuthorSummary[] }>(`/events/${seeded.eventId}/authors`);
  return authors.find((a) => a.authorKey === authorKey)?.rule ?? null;
}

const focusedId = (page: Page) =>
  page
    .locator('[data-testid="mod-post"][aria-current="true"]')
    .getAttribute('data-post-id', { timeout: 2000 })
    .then(Number);

async function listed(page: Page, attribute: string): Promise<string[]> {
  return page
    .getByTestId('mod-post')
    .evaluateAll((items, name) => items.map((item) => item.getAttribute(name) ?? ''), attribute);
}

describe('the moderator console driven by the keyboard alone', () => {
  it('approves, rejects, hides, pins, blocks, trusts, undoes and bulk-approves, each reaching the server', async () => {
    const ada = joinAttendee(t.app, seeded.eventId, 'Ada');
    const ben = joinAttendee(t.app, seeded.eventId, 'Ben');
    const p1 = ingest('web', 'Loving the failover demo #kbconf', {
      name: 'Ada',
      attendeeId: ada.attendeeId,
    });
    const p2 = ingest('x', 'This talk is shit #kbconf', { name: 'Bob B', handle: 'bobb' });
    const p3 = ingest('api', '#kbconf #ai #web3 #crypto', { name: 'Spam Bot', handle: 'spammy' });
    const p4 = ingest('x', 'Slides please! #kbconf', { name: 'Carol', handle: 'carol' });
    const p5 = ingest('web', 'Where is the coffee?', { name: 'Ben', attendeeId: ben.attendeeId });
    const p6 = ingest('x', 'Bob again, sorry about that', { name: 'Bob B', handle: 'bobb' });
    const p7 = ingest('web', 'Can the mic be louder?', { name: 'Ada', attendeeId: ada.attendeeId });
    expect(p2.flags).toEqual(['profanity']);
    expect(p3.flags).toEqual(['hashbomb']);

    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const { page, problems } = await openPage(
      context,
      `${base}/e/${seeded.code}/moderate#key=${seeded.moderatorKey}`,
    );
    const key = (name: string) => page.keyboard.press(name);
    const item = (id: number) => page.locator(`[data-testid="mod-post"][data-post-id="${id}"]`);
    const message = page.getByTestId('mod-message');
    await expect.poll(() => page.getByTestId('mod-post').count(), { timeout: 15_000 }).toBe(7);

    // The reason a post was held is on the post, in words, and its source with the X handle.
    await expect
      .poll(() => item(p2.id).getByTestId('post-flags').textContent())
      .toContain('profanity');
    expect(await item(p3.id).getByTestId('post-flags').textContent()).toContain('only hashtags');
    expect(await item(p2.id).getByTestId('post-source').textContent()).toBe('X');
    expect(await item(p2.id).getByTestId('post-author').textContent()).toBe('Bob B @bobb');
    expect(await item(p3.id).getByTestId('post-source').textContent()).toBe('API');
    expect(await item(p1.id).getByTestId('post-source').textContent()).toBe('web');
    expect(await item(p1.id).getByTestId('post-flags').count()).toBe(0);

    // j picks the oldest waiting post; each decision moves on to the next.
    await key('j');
    expect(await focusedId(page)).toBe(p1.id);
    await key('a');
    await expect.poll(() => onServer(p1.id)).toEqual({ status: 'approved', pinned: false });
    expect(await focusedId(page)).toBe(p2.id);
    await key('r');
    await expect.poll(() => onServer(p2.id)).toEqual({ status: 'rejected', pinned: false });
    expect(await focusedId(page)).toBe(p3.id);
    await key('h');
    await expect.poll(() => onServer(p3.id)).toEqual({ status: 'hidden', pinned: false });
    expect(await focusedId(page)).toBe(p4.id);

    // Next and previous, with letters and with arrows.
    await key('j');
    expect(await focusedId(page)).toBe(p5.id);
    await key('k');
    expect(await focusedId(page)).toBe(p4.id);
    await key('ArrowDown');
    expect(await focusedId(page)).toBe(p5.id);
    await key('ArrowUp');
    expect(await focusedId(page)).toBe(p4.id);

    // Approve, then pin: pending (p5, p6, p7) come first, then the rest newest first (p4 …).
    await key('a');
    await expect.poll(() => onServer(p4.id)).toEqual({ status: 'approved', pinned: false });
    expect(await focusedId(page)).toBe(p5.id);
    await expect.poll(() => item(p4.id).getAttribute('data-status')).toBe('approved');
    for (let i = 0; i < 3; i += 1) await key('j');
    expect(await focusedId(page)).toBe(p4.id);
    await key('p');
    await expect.poll(() => onServer(p4.id)).toEqual({ status: 'approved', pinned: true });

    // Undo walks back: first the pin, then the approval (back to the queue).
    await key('u');
    await expect.poll(() => onServer(p4.id)).toEqual({ status: 'approved', pinned: false });
    await key('u');
    await expect.poll(() => onServer(p4.id)).toEqual({ status: 'pending', pinned: false });
    await expect.poll(() => message.textContent()).toContain('Undone: approve post');

    // Block an author from one of their posts: it goes down, so does the rule, with one undo.
    await expect.poll(() => item(p4.id).getAttribute('data-status')).toBe('pending');
    await item(p6.id).locator('.post-text').click();
    expect(await focusedId(page)).toBe(p6.id);
    await key('b');
    await expect.poll(() => ruleOf('x:bobb')).toBe('blocked');
    await expect.poll(() => onServer(p6.id)).toEqual({ status: 'rejected', pinned: false });
    await expect.poll(() => message.textContent()).toContain('Blocked Bob B');
    expect(await focusedId(page)).toBe(p7.id);
    await key('u');
    await expect.poll(() => ruleOf('x:bobb')).toBeNull();
    await expect.poll(() => onServer(p6.id)).toEqual({ status: 'pending', pinned: false });
    expect((await onServer(p2.id)).status).toBe('rejected');

    // Trust: the author's next post goes up at once; undo lifts the rule.
    await item(p5.id).locator('.post-text').click();
    await key('t');
    await expect.poll(() => ruleOf(`attendee:${ben.attendeeId}`)).toBe('trusted');
    expect(
      ingest('web', 'Found the coffee, thanks!', { name: 'Ben', attendeeId: ben.attendeeId })
        .status,
    ).toBe('approved');
    await key('u');
    await expect.poll(() => ruleOf(`attendee:${ben.attendeeId}`)).toBeNull();

    // Select two with x, approve both with A; undo puts both back; R rejects a selection.
    await item(p5.id).locator('.post-text').click();
    await key('x');
    await key('j');
    expect(await focusedId(page)).toBe(p6.id);
    await key('x');
    await expect.poll(() => page.getByTestId('bulk-bar').textContent()).toContain('2 selected');
    await key('Shift+A');
    await expect
      .poll(async () => [(await onServer(p5.id)).status, (await onServer(p6.id)).status])
      .toEqual(['approved', 'approved']);
    await expect.poll(() => page.getByTestId('bulk-bar').count()).toBe(0);
    await key('u');
    await expect
      .poll(async () => [(await onServer(p5.id)).status, (await onServer(p6.id)).status])
      .toEqual(['pending', 'pending']);
    await item(p7.id).locator('.post-text').click();
    await key('x');
    await key('Shift+R');
    await expect.poll(() => onServer(p7.id)).toEqual({ status: 'rejected', pinned: false });

    // ? lists every shortcut; Esc closes it.
    await key('?');
    const help = page.getByTestId('help-overlay');
    await expect.poll(() => help.textContent()).toContain('Block the author');
    expect(await help.textContent()).toContain('Approve every selected post');
    await screenshot(page, 'moderation-keyboard-help');
    await key('Escape');
    await expect.poll(() => help.count()).toBe(0);

    // Filters: status, then source, then flags, each narrowing what is listed.
    await page.getByTestId('filter-pending').click();
    const { posts: all } = await rest<PostPage>(
      `/events/${seeded.eventId}/moderation/posts?limit=100`,
    );
    const pendingIds = all.filter((p) => p.status === 'pending').map((p) => String(p.id));
    await expect
      .poll(() => listed(page, 'data-post-id').then((ids) => ids.sort()))
      .toEqual(pendingIds.sort());
    await page.getByTestId('filter-all').click();
    await page.getByTestId('source-x').click();
    await expect.poll(() => listed(page, 'data-post-id')).toHaveLength(3);
    expect(new Set(await listed(page, 'data-source'))).toEqual(new Set(['x']));
    await page.getByTestId('flagged-flagged').click();
    await expect.poll(() => listed(page, 'data-post-id')).toEqual([String(p2.id)]);
    await page.getByTestId('source-all').click();
    await expect
      .poll(() => listed(page, 'data-post-id').then((ids) => ids.sort()))
      .toEqual([String(p2.id), String(p3.id)].sort());
    await page.getByTestId('flagged-clean').click();
    await expect.poll(() => listed(page, 'data-post-id')).toHaveLength(all.length - 2);
    expect(await listed(page, 'data-flagged')).toEqual(Array(all.length - 2).fill(''));
    await page.getByTestId('flagged-all').click();
    await screenshot(page, 'moderation-keyboard-1440');

    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);
});
