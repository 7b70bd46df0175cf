/**
 * The public archive in Chromium: read and navigated with JavaScript off (the search box too)
 * and on, hostile text shown as text with no script run, its feeds parsed as XML by the browser,
 * and axe's WCAG 2.1 A/AA audit of its pages in both themes.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../server/auth/principal.ts';
import { build, joinAttendee, listen, type TestApp } from '../helper.ts';
import {
  HIDDEN,
  PAYLOADS,
  SHOWN,
  seedArchive,
  type ArchiveRecord,
} from '../server/archive/fixtures.ts';
import { audit, COLOUR_RULES } from './axe-support.ts';
import { LAPTOP, launch, openPage, PHONE, screenshot } from './browser.ts';

let t: TestApp;
let base: string;
let record: ArchiveRecord;
let dark: ArchiveRecord;
let browser: Browser;
const TIMEOUT = 120_000;

beforeAll(async () => {
  t = await build();
  base = await listen(t.app);
  t.config.publicUrl = base;
  record = seedArchive(t.app, {}, { title: `Scaling talk ${PAYLOADS.script}` });
  const moderator: Principal = { kind: 'moderator', eventId: record.event.eventId };
  const poster = joinAttendee(t.app, record.event.eventId, PAYLOADS.img);
  const who = t.app.domain.resolvePrincipal(poster.token)!;
  t.app.domain.archive.setNamed(who, record.event.eventId, true);
  const hostile = `Zebra ${Object.values(PAYLOADS).join(' ')}`;
  const post = t.app.domain.posts.create(who, record.event.eventId, { text: hostile }).post;
  t.app.domain.posts.moderate(moderator, post.id, 'approve');
  t.app.domain.answers.create(who, record.ids.question, { text: `Reply ${hostile}` });
  dark = seedArchive(t.app, { branding: { theme: 'dark', accentColor: '#ffcc00' } });
  browser = await launch();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function readArchive(context: BrowserContext, code: string) {
  const { page, problems } = await openPage(context, `${base}/e/${code}/archive`);
  return { page, problems };
}

describe('the public archive in Chromium', () => {
  it(
    'reads, links and searches with JavaScript off',
    async () => {
      const context = await browser.newContext({ ...LAPTOP, javaScriptEnabled: false });
      const { page, problems } = await readArchive(context, record.event.code);
      expect(page.url()).toBe(`${base}/e/${record.event.code}/archive/`);
      await expect(page.locator('h1').textContent()).resolves.toBe('Archive Conf');
      await screenshot(page, 'archive-index-nojs');
      await page.getByRole('link', { name: /Scaling talk/ }).click();
      await page.waitForURL(/session-\d+\.html$/);
      const session = await page.locator('main').innerText();
      expect(session).toContain(SHOWN.question);
      expect(session).toContain(SHOWN.answer);
      expect(session).toContain(`Scaling talk ${PAYLOADS.script}`);
      for (const text of Object.values(HIDDEN)) expect(session).not.toContain(text.split(' ')[0]);
      await screenshot(page, 'archive-session-nojs');
      await page.getByRole('link', { name: 'Wall' }).click();
      await page.waitForURL(/posts\.html$/);
      expect(await page.locator('main').innerText()).toContain(PAYLOADS.img);
      await page.getByLabel('Search the archive').fill('zebra stripes');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.waitForURL(/search\?q=zebra\+stripes/);
      const marks = await page.locator('main mark').allTextContents();
      expect(marks.map((m) => m.toLowerCase())).toContain('zebra');
      await page.getByRole('link', { name: 'Read it in the archive' }).first().click();
      await page.waitForURL(/session-\d+\.html#(q|a)-\d+$/);
      await screenshot(page, 'archive-search-nojs');
      expect(problems, problems.join('\n')).toEqual([]);
      await context.close();
    },
    TIMEOUT,
  );

  it(
    'shows hostile text as text with JavaScript on: no script runs, no dialog opens',
    async () => {
      const context = await browser.newContext(PHONE);
      for (const path of ['', 'posts.html', `session-${record.event.sessionId}.html`]) {
        const { page, problems } = await openPage(
          context,
          `${base}/e/${record.event.code}/archive/${path}`,
        );
        const text = await page.locator('main').innerText();
        expect(text, path).toContain(PAYLOADS.script.slice(0, 10));
        expect(await page.locator('main script, main img[src="x"]').count(), path).toBe(0);
        expect(await page.evaluate(() => document.scripts.length), path).toBe(0);
        expect(problems, path).toEqual([]);
        if (path === '') await screenshot(page, 'archive-index-phone');
        await page.close();
      }
      await context.close();
    },
    TIMEOUT,
  );

  it(
    'serves feeds the browser parses as XML, with the hostile text back as plain text',
    async () => {
      const context = await browser.newContext(LAPTOP);
      const { page } = await openPage(context, `${base}/e/${record.event.code}/archive/`);
      const feedHref = await page
        .locator('link[rel="alternate"][type="application/atom+xml"]')
        .getAttribute('href');
      expect(feedHref).toBe('feed.atom');
      const parsed = await page.evaluate(async () => {
        const xml = await (await fetch('feed.atom')).text();
        const doc = new DOMParser().parseFromString(xml, 'application/xml');
        return {
          error: doc.querySelector('parsererror')?.textContent ?? null,
          root: doc.documentElement.localName,
          contents: [...doc.querySelectorAll('entry > content')].map((c) => c.textContent),
        };
      });
      expect(parsed.error).toBeNull();
      expect(parsed.root).toBe('feed');
      expect(parsed.contents.some((c) => c?.includes(PAYLOADS.script))).toBe(true);
      await context.close();
    },
    TIMEOUT,
  );

  it(
    'passes axe (WCAG 2.1 A and AA) on its pages, light and dark',
    async () => {
      const context = await browser.newContext(LAPTOP);
      const failing: string[] = [];
      for (const [name, code, session] of [
        ['light', record.event.code, record.event.sessionId],
        ['dark', dark.event.code, dark.event.sessionId],
      ] as const) {
        for (const path of [
          '',
          `session-${session}.html`,
          'posts.html',
          'search?q=zebra',
          'people.html',
          'people/dr_speaker.html',
          'topics/zebrascale.html',
        ]) {
          const { page } = await openPage(context, `${base}/e/${code}/archive/${path}`);
          // The dark scheme changes colours only: its pages need axe's colour rules, not all 90.
          const scope = name === 'dark' ? { rules: COLOUR_RULES } : {};
          failing.push(...(await audit(page, `archive ${name} ${path || 'index'}`, scope)));
          if (path === '' && name === 'dark') await screenshot(page, 'archive-index-dark');
          await page.close();
        }
      }
      expect(failing).toEqual([]);
      await context.close();
    },
    TIMEOUT * 2,
  );
});
