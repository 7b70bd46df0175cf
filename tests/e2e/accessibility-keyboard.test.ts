/**
 * The attendee app and the moderator console without a mouse, and the phone app with large
 * text: Tab reaches the controls in reading order and each shows where the focus is, with a
 * ring that stands out 3:1 from what is around it; at twice the text size nothing scrolls
 * sideways. Screenshots: tests/artifacts/a11y-keyboard-*, a11y-large-text-*.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SeededEvent } from '../helper.ts';
import {
  CONSOLE,
  focusedControl,
  rest,
  SCHEMES,
  startAudience,
  type Audience,
} from './a11y-support.ts';
import { PHONE, screenshot } from './browser.ts';
import { QUESTION_TEXTS } from './screen-support.ts';

let audience: Audience;
let base: string;
let open: Audience['open'];
let seeded: SeededEvent;

beforeAll(async () => {
  vi.setConfig({ expect: { poll: { timeout: 5000, interval: 50 } } });
  audience = await startAudience();
  ({ base, open, seeded } = audience);
}, 60_000);

afterAll(async () => {
  await audience?.close();
});

describe('the attendee app by keyboard alone', () => {
  for (const colorScheme of SCHEMES) {
    it(`joins by code, then reaches the tabs, the post box, the post button and the vote buttons in order, each with a visible focus ring (${colorScheme})`, async () => {
      const phone = await open({ ...PHONE, colorScheme }, '/');
      const seen: Array<NonNullable<Awaited<ReturnType<typeof focusedControl>>>> = [];
      /** Tabs (or Shift+Tabs) until the control with this test id has the focus, recording every stop. */
      async function tabTo(testId: string, limit = 15, key = 'Tab') {
        for (let i = 0; i < limit; i++) {
          await phone.keyboard.press(key);
          const focused = await focusedControl(phone);
          if (focused) seen.push(focused);
          if (focused?.id === testId) return;
        }
        throw new Error(`${key} never reached ${testId}: ${seen.map((s) => s.id).join(' → ')}`);
      }

      // In by the start page: the code field, then Enter.
      await phone.getByTestId('join-code').waitFor();
      await tabTo('join-submit', 1);
      await tabTo('join-code', 1, 'Shift+Tab');
      await phone.keyboard.type(seeded.code);
      await screenshot(phone, `a11y-keyboard-join-code-${colorScheme}`);
      await phone.keyboard.press('Enter');
      await expect.poll(() => phone.getByTestId('wall-post').count()).toBeGreaterThan(5);

      await tabTo('tab-wall');
      await tabTo('post-text');
      await phone.keyboard.type('Typed without a mouse');
      await tabTo('post-submit', 1);
      await screenshot(phone, `a11y-keyboard-post-submit-${colorScheme}`);

      // Back to the tabs, and into the questions.
      await tabTo('tab-questions', 2, 'Shift+Tab');
      await phone.keyboard.press('Enter');
      await expect
        .poll(() => phone.getByTestId('question-item').count())
        .toBeGreaterThanOrEqual(QUESTION_TEXTS.length);
      await tabTo('question-text');
      await screenshot(phone, `a11y-keyboard-question-text-${colorScheme}`);
      await tabTo('vote-button', 20);
      await screenshot(phone, `a11y-keyboard-vote-${colorScheme}`);
      await phone.keyboard.press('Space');
      await expect
        .poll(() => phone.getByTestId('vote-button').first().getAttribute('aria-pressed'))
        .toBe('true');

      const order = seen.map((s) => s.id);
      expect(order.indexOf('tab-wall')).toBeLessThan(order.indexOf('post-text'));
      expect(order.indexOf('post-text')).toBeLessThan(order.indexOf('post-submit'));
      expect(order.indexOf('question-text')).toBeLessThan(order.indexOf('vote-button'));
      const unringed = seen
        .filter((s) => !s.focusVisible || !s.ring)
        .map((s) => `${s.id} (${s.name}): ${s.style}`);
      expect(unringed).toEqual([]);
      await phone.context().close();
    });
  }
});

describe('the moderator console by keyboard', () => {
  it('shows a focus ring on every Tab stop: header, search, filters, the first posts, the side tabs and a panel', async () => {
    const console_ = await open(CONSOLE, `/e/${seeded.code}/moderate#key=${seeded.moderatorKey}`);
    await expect.poll(() => console_.getByTestId('mod-post').count()).toBeGreaterThan(0);
    const unringed: string[] = [];
    const visited = new Set<string>();
    const walk = async (stops: number) => {
      for (let i = 0; i < stops; i++) {
        await console_.keyboard.press('Tab');
        const focused = await focusedControl(console_);
        if (!focused) continue;
        visited.add(focused.id);
        if (!focused.focusVisible || !focused.ring)
          unringed.push(`${focused.id} (${focused.name}): ${focused.style}`);
        if (focused.id === 'search-input')
          await screenshot(console_, 'a11y-keyboard-console-search');
      }
    };
    await walk(30);
    // The side column comes after every post: start there, then on through the tabs into a panel.
    await console_.getByTestId('mod-tab-log').click();
    await console_.getByTestId('mod-tab-links').focus();
    await walk(2);
    await screenshot(console_, 'a11y-keyboard-console');
    await walk(1);
    expect(unringed).toEqual([]);
    expect([...visited]).toEqual(
      expect.arrayContaining([
        'search-input',
        'filter-pending',
        'select-post',
        'approve',
        'mod-tab-export',
        'mod-panel-log',
      ]),
    );
    await console_.context().close();
  });
});

describe('the attendee app with large text', () => {
  it('keeps the start page and both tabs in one column at twice the text size on a phone', async () => {
    const phone = await open(PHONE, '/');
    // Every size in the app is in rem: a root font size of 200% is the system's largest text.
    const sideways = async (shot: string) => {
      await phone.evaluate(() => (document.documentElement.style.fontSize = '200%'));
      await rest(phone);
      await screenshot(phone, shot);
      return phone.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
    };
    await phone.getByTestId('join-code').waitFor();
    expect(await sideways('a11y-large-text-start')).toBe(0);
    await phone.goto(`${base}/e/${seeded.code}`);
    await expect.poll(() => phone.getByTestId('wall-post').count()).toBeGreaterThan(5);
    expect(await sideways('a11y-large-text-wall')).toBe(0);
    await phone.getByTestId('tab-questions').click();
    await expect
      .poll(() => phone.getByTestId('question-item').count())
      .toBeGreaterThanOrEqual(QUESTION_TEXTS.length);
    expect(await sideways('a11y-large-text-questions')).toBe(0);
  });
});

describe('every page on the way', () => {
  it('threw no error and opened no dialog', () => {
    expect(audience.problems()).toEqual([]);
  });
});
