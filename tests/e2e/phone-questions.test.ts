/**
 * An attendee on a phone (390×844) scans the room's QR code while the screen shows questions:
 * the page opens on the questions tab and its first screenful shows questions, not a form and a
 * repeat of their own questions, also after they asked two. Their own questions are marked in
 * the list itself ("yours · awaiting moderation", "yours · live").
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Question } from '../../shared/schemas/questions.ts';
import {
  bearer,
  build,
  joinAttendee,
  listen,
  seedEvent,
  type SeededEvent,
  type TestApp,
} from '../helper.ts';
import { launch, openPage, PHONE, PROJECTOR, screenshot } from './browser.ts';

let t: TestApp;
let base: string;
let seeded: SeededEvent;
let browser: Browser;

beforeAll(async () => {
  t = await build();
  base = await listen(t.app);
  seeded = seedEvent(t.app, {
    name: 'Pocket Conf',
    hashtags: ['pocketconf'],
    settings: { questionModeration: 'pre' },
  });
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function api<T>(path: string, token: string, body?: unknown, method = 'POST'): Promise<T> {
  const res = await fetch(`${base}/api${path}`, {
    method: body ? method : 'GET',
    headers: { ...bearer(token), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  expect(res.status, path).toBeLessThan(300);
  return (await res.json()) as T;
}

async function liveQuestion(text: string): Promise<Question> {
  const { token } = joinAttendee(t.app, seeded.eventId, 'Someone');
  const q = await api<Question>(`/sessions/${seeded.sessionId}/questions`, token, { text });
  await api(`/questions/${q.id}/moderation`, seeded.moderatorKey, { action: 'approve' });
  return q;
}

/** How many question cards sit wholly inside the first screenful. */
async function questionsInFirstScreen(page: Page): Promise<number> {
  return page.getByTestId('question-item').evaluateAll(
    (items) =>
      items.filter((item) => {
        const box = item.getBoundingClientRect();
        return box.top >= 0 && box.bottom <= window.innerHeight;
      }).length,
  );
}

describe('the questions tab on a phone', () => {
  it('opens from the QR code onto the question list, and keeps it in the first screenful after asking two', async () => {
    for (const text of [
      'Which part of the migration hurt the most?',
      'Would you pick the same database again today?',
      'How did you test the failover before the launch?',
    ])
      await liveQuestion(text);

    // The room's screen shows questions: its QR code opens the questions tab.
    await api(
      `/events/${seeded.eventId}/screens/main`,
      seeded.moderatorKey,
      { mode: 'questions' },
      'PUT',
    );
    const screenContext = await browser.newContext(PROJECTOR);
    const screen = await openPage(screenContext, `${base}/e/${seeded.code}/screen`);
    const qr = screen.page.getByTestId('screen-qr');
    await expect
      .poll(() => screen.page.getByTestId('screen').getAttribute('data-mode'))
      .toBe('questions');
    await expect
      .poll(() => qr.getAttribute('alt'))
      .toBe(`QR code for ${base}/e/${seeded.code}?tab=questions`);
    await screenContext.close();

    const context = await browser.newContext(PHONE);
    const { page, problems } = await openPage(context, `${base}/e/${seeded.code}?tab=questions`);
    await expect.poll(() => page.getByTestId('question-item').count()).toBe(3);
    expect(await page.getByTestId('tab-questions').getAttribute('aria-selected')).toBe('true');
    expect(await questionsInFirstScreen(page)).toBeGreaterThanOrEqual(2);
    await screenshot(page, 'phone-questions-newcomer');

    // The ask field is one line until it is used.
    const field = page.getByTestId('question-text');
    const closedHeight = (await field.boundingBox())!.height;
    expect(closedHeight).toBeLessThan(60);
    for (const text of ['Can we get the slides afterwards?', 'What would you do differently?']) {
      await field.fill(text);
      await page.getByTestId('question-submit').click();
      await expect
        .poll(() =>
          page
            .locator('[data-testid="question-item"][data-mine]')
            .filter({ hasText: text })
            .count(),
        )
        .toBe(1);
    }
    await page.getByRole('heading', { level: 1 }).click();
    await page.evaluate(() => window.scrollTo(0, 0));

    // Mine are in the list, marked, once each; no separate block repeats them.
    const mine = page.locator('[data-testid="question-item"][data-mine]');
    await expect.poll(() => mine.count()).toBe(2);
    expect(await mine.first().getByTestId('question-status').textContent()).toBe(
      'yours · awaiting moderation',
    );
    expect(await page.getByTestId('my-questions').count()).toBe(0);
    await screenshot(page, 'phone-questions-after-two');
    expect(await questionsInFirstScreen(page)).toBeGreaterThanOrEqual(3);

    // Approved: still one card each, now "yours · live" among the others.
    const [first] = await page
      .locator('[data-testid="question-item"][data-mine]')
      .evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-question-id'))));
    await api(`/questions/${first}/moderation`, seeded.moderatorKey, { action: 'approve' });
    const approved = page.locator(`[data-testid="question-item"][data-question-id="${first}"]`);
    await expect
      .poll(() => approved.getByTestId('question-status').textContent())
      .toBe('yours · live');
    expect(await approved.count()).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  });
});
