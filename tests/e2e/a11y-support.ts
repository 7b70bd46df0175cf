/**
 * The accessibility suites' shared ground: one busy event on the real app (posts from every
 * source, long ones, a picture, a flagged post, a morning of moderation, voted questions, two
 * sessions), pages opened without motion, and what a keyboard user sees on the focused control.
 */
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { listen, seedEvent, seedSession, type SeededEvent, type TestApp } from '../helper.ts';
import { launch, openPage } from './browser.ts';
import {
  buildWithOwnClient,
  ingestPost,
  LONG_POST,
  moderatePost,
  POST_TEXTS,
  QUESTION_TEXTS,
  seedQuestions,
} from './screen-support.ts';

export interface Audience {
  t: TestApp;
  base: string;
  seeded: SeededEvent;
  /**
   * A page in a fresh context. Colours are measured at rest, so pages run without arrival
   * animations and colour transitions (as for anyone who asks their system for less motion).
   */
  open(options: BrowserContextOptions, path: string): Promise<Page>;
  /** Uncaught errors, console errors and dialogs on any page opened; avatars that cannot load are expected. */
  problems(): string[];
  close(): Promise<void>;
}

export async function startAudience(): Promise<Audience> {
  const t = await buildWithOwnClient();
  const base = await listen(t.app);
  const seeded = seedEvent(t.app, {
    name: 'Northwind DevConf 2025',
    hashtags: ['devconf', 'nwdc25'],
    settings: { postModeration: 'pre', questionModeration: 'post' },
  });
  seedSession(t.app, seeded.eventId, {
    title: 'Scaling Postgres to a billion rows',
    room: 'Hall B',
  });
  // Posts from every source, long ones included; all approved but two, which wait in the queue.
  const posts = [...POST_TEXTS, LONG_POST].map((text, i) =>
    ingestPost(t.app, seeded.eventId, text, i),
  );
  const withImage = t.app.domain.posts.ingest({
    eventId: seeded.eventId,
    source: 'web',
    sourceId: 'with-image',
    text: 'The stage before the keynote',
    author: { name: 'Grace Okafor', handle: 'graceok', avatarUrl: null, attendeeId: null },
    media: [`${base}/favicon.svg`],
  }).post;
  for (const post of [...posts.slice(2), withImage])
    await moderatePost(base, seeded, post.id, 'approve');
  await moderatePost(base, seeded, posts.at(-1)!.id, 'pin');
  // A morning's worth of decisions: the log panel is longer than the console is high.
  for (const post of posts.slice(2, 8)) {
    await moderatePost(base, seeded, post.id, 'hide');
    await moderatePost(base, seeded, post.id, 'approve');
  }
  // A hashtag flood: held and flagged, so the console shows its flag.
  ingestPost(t.app, seeded.eventId, '#devconf #ai #web3 #crypto #nft #blockchain', 20);
  seedQuestions(t.app, seeded.eventId, seeded.sessionId, QUESTION_TEXTS, seeded.moderatorKey);

  const browser: Browser = await launch();
  const seen: string[][] = [];
  return {
    t,
    base,
    seeded,
    async open(options, path) {
      const context = await browser.newContext({ reducedMotion: 'reduce', ...options });
      context.setDefaultTimeout(10_000);
      const opened = await openPage(context, `${base}${path}`);
      seen.push(opened.problems);
      return opened.page;
    },
    problems: () => seen.flat().filter((p) => !/Failed to load resource/.test(p)),
    async close() {
      await browser.close();
      await t.close();
    },
  };
}

/** Lets text fitting and late layout settle; with reduced motion nothing else moves. */
export const rest = (page: Page) => page.waitForTimeout(250);

export const CONSOLE = { viewport: { width: 1440, height: 900 } };

/** Phones and laptops follow the system's light or dark setting. */
export const SCHEMES = ['light', 'dark'] as const;

/**
 * What a keyboard user sees on the focused element, and what it is (to check the Tab order by).
 * A ring counts when it is an opaque outline (or, on a text field, border plus a solid ring of
 * box-shadow in its colour) at least 2 px wide and 3:1 against the colour around the control
 * (WCAG 1.4.11): a faint halo alone does not.
 */
export function focusedControl(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const rgb = (colour: string) => {
      const m = /^rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?\)$/.exec(colour);
      return m
        ? { c: [m[1], m[2], m[3]].map(Number), a: m[4] === undefined ? 1 : Number(m[4]) }
        : null;
    };
    const luminance = ([r, g, b]: number[]) =>
      [r!, g!, b!]
        .map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4))
        .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i]!, 0);
    const contrast = (a: number[], b: number[]) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
      return (hi + 0.05) / (lo + 0.05);
    };
    let around = el.parentElement;
    while (around && (rgb(getComputedStyle(around).backgroundColor)?.a ?? 0) < 1)
      around = around.parentElement;
    const behind = rgb(getComputedStyle(around ?? document.body).backgroundColor)?.c ?? [
      255, 255, 255,
    ];
    const style = getComputedStyle(el);
    const ringOf = (width: string, lineStyle: string, colour: string) => {
      const parsed = rgb(colour);
      return lineStyle !== 'none' && parseFloat(width) >= 2 && parsed !== null && parsed.a === 1
        ? contrast(parsed.c, behind)
        : 0;
    };
    // Fields show focus in their border, thickened by a solid ring of box-shadow in the same
    // colour; on anything else a strong border is there unfocused too.
    const field =
      ['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName) &&
      !['checkbox', 'radio'].includes((el as HTMLInputElement).type);
    const shadow = /^(rgb\([^)]*\)) 0px 0px 0px (\d+(?:\.\d+)?)px/.exec(style.boxShadow);
    const thickened = shadow && shadow[1] === style.borderTopColor ? parseFloat(shadow[2]!) : 0;
    const edge = `${parseFloat(style.borderTopWidth) + thickened}px`;
    const ring = Math.max(
      ringOf(style.outlineWidth, style.outlineStyle, style.outlineColor),
      field ? ringOf(edge, style.borderTopStyle, style.borderTopColor) : 0,
    );
    return {
      id: el.dataset.testid || el.id || el.tagName.toLowerCase(),
      name: (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 60),
      focusVisible: el.matches(':focus-visible'),
      ring: ring >= 3,
      style: `outline ${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}; border ${style.borderTopWidth} ${style.borderTopColor}; shadow ${style.boxShadow}; ring ${ring.toFixed(2)}:1`,
    };
  });
}
