/**
 * Duplicate questions end to end. An attendee on a phone types a question already asked: the
 * form offers "upvote this instead?", one tap upvotes it, and asking anyway still works. Then a
 * moderator merges the two with the keyboard (m on the duplicate, m on its target) and the
 * server holds the merge with the votes combined, each voter once.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Question, QuestionList } from '../../shared/schemas/questions.ts';
import {
  bearer,
  build,
  joinAttendee,
  listen,
  seedEvent,
  type SeededEvent,
  type TestApp,
} from '../helper.ts';
import { launch, LAPTOP, openPage, PHONE, screenshot } from './browser.ts';

let t: TestApp;
let base: string;
let seeded: SeededEvent;
let browser: Browser;

beforeAll(async () => {
  t = await build();
  base = await listen(t.app);
  seeded = seedEvent(t.app, {
    name: 'Privacy Days',
    settings: { questionModeration: 'post', postModeration: 'post' },
  });
  browser = await launch();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function api<T>(path: string, token: string, body?: unknown, method = 'POST'): Promise<T> {
  const res = await fetch(`${base}/api${path}`, {
    method: body === undefined && method === 'POST' ? 'GET' : method,
    headers: { ...bearer(token), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  expect(res.status, path).toBeLessThan(300);
  return (await res.json()) as T;
}

async function onServer(id: number): Promise<Question> {
  const list = await api<QuestionList>(
    `/sessions/${seeded.sessionId}/moderation/questions`,
    seeded.moderatorKey,
  );
  return list.questions.find((q) => q.id === id)!;
}

const TARGET = 'How do you handle GDPR requests to delete user data?';
const DRAFT = 'How do you deal with GDPR deletion requests for user data?';

const focusedQuestion = (page: Page) =>
  page
    .locator('[data-testid="mod-question"][aria-current="true"]')
    .getAttribute('data-question-id', { timeout: 5000 })
    .then(Number);

describe('duplicate questions', () => {
  it('offers "upvote this instead?" to an attendee, and a moderator merges with the m key', async () => {
    const asker = joinAttendee(t.app, seeded.eventId, 'Grace');
    const target = await api<Question>(`/sessions/${seeded.sessionId}/questions`, asker.token, {
      text: TARGET,
    });
    const other = joinAttendee(t.app, seeded.eventId, 'Lin');
    await api<Question>(`/sessions/${seeded.sessionId}/questions`, other.token, {
      text: 'Will the slides be available after the talk?',
    });
    await api(`/questions/${target.id}/vote`, other.token, {}, 'PUT');

    const phone = await browser.newContext(PHONE);
    const { page, problems } = await openPage(phone, `${base}/e/${seeded.code}?tab=questions`);
    await expect.poll(() => page.getByTestId('question-item').count(), { timeout: 30_000 }).toBe(2);
    const field = page.getByTestId('question-text');
    await field.fill(DRAFT);
    const offered = page.getByTestId('similar-question');
    await expect.poll(() => offered.count(), { timeout: 15_000 }).toBe(1);
    expect(await offered.getAttribute('data-question-id')).toBe(String(target.id));
    expect(await page.getByTestId('similar-questions').textContent()).toContain(
      'Upvote this instead?',
    );
    await screenshot(page, 'duplicates-attendee-offered');

    // One tap upvotes the question already asked; the draft is done with.
    await page.getByTestId('similar-upvote').click();
    await expect.poll(async () => (await onServer(target.id)).votes, { timeout: 15_000 }).toBe(2);
    await expect.poll(() => field.inputValue()).toBe('');
    expect(await page.getByTestId('question-notice').textContent()).toContain('Upvoted instead');
    await screenshot(page, 'duplicates-attendee-upvoted');

    // Asking anyway still works: the suggestion shows as upvoted, the Ask button asks.
    await field.fill(DRAFT);
    await expect
      .poll(() => page.getByTestId('similar-upvote').textContent(), { timeout: 15_000 })
      .toContain('Upvoted');
    await page.getByTestId('question-submit').click();
    const mine = page.locator('[data-testid="question-item"][data-mine]');
    await expect.poll(() => mine.count(), { timeout: 15_000 }).toBe(1);
    const duplicateId = Number(await mine.getAttribute('data-question-id'));
    expect((await onServer(duplicateId)).text).toBe(DRAFT);
    // Lin upvotes the duplicate too: after the merge Lin counts once on the target.
    await api(`/questions/${duplicateId}/vote`, other.token, {}, 'PUT');

    const laptop = await browser.newContext(LAPTOP);
    const console_ = await openPage(
      laptop,
      `${base}/e/${seeded.code}/moderate#key=${seeded.moderatorKey}`,
    );
    const mod = console_.page;
    await expect.poll(() => mod.getByTestId('mod-question').count(), { timeout: 30_000 }).toBe(3);
    await mod.keyboard.press('q');
    const walkTo = async (id: number) => {
      for (let i = 0; i < 6 && (await focusedQuestion(mod)) !== id; i++)
        await mod.keyboard.press('j');
      if ((await focusedQuestion(mod)) !== id)
        for (let i = 0; i < 6 && (await focusedQuestion(mod)) !== id; i++)
          await mod.keyboard.press('k');
      expect(await focusedQuestion(mod)).toBe(id);
    };
    await walkTo(duplicateId);
    await mod.keyboard.press('m');
    await expect
      .poll(() => mod.getByTestId('question-message').textContent())
      .toContain(`Merging question ${duplicateId}`);
    await walkTo(target.id);
    await screenshot(mod, 'duplicates-console-merging');
    await mod.keyboard.press('m');

    await expect
      .poll(async () => (await onServer(duplicateId)).mergedInto, { timeout: 15_000 })
      .toBe(target.id);
    const merged = await onServer(target.id);
    // Lin voted for both and the phone upvoted the target: Lin counts once, so 2 stay 2.
    expect(merged.votes).toBe(2);
    expect((await onServer(duplicateId)).status).toBe('dismissed');
    await expect
      .poll(() =>
        mod
          .locator(`[data-testid="mod-question"][data-question-id="${duplicateId}"]`)
          .getByTestId('merged-into')
          .textContent(),
      )
      .toBe(`Merged into #${target.id}`);
    expect(await mod.getByTestId('question-message').textContent()).toContain('Press u to unmerge');
    await screenshot(mod, 'duplicates-console-merged');

    // The attendee's list drops the duplicate; their own card says it was merged.
    await expect
      .poll(() => page.locator(`[data-question-id="${duplicateId}"]`).textContent(), {
        timeout: 15_000,
      })
      .toContain('A moderator merged it into a similar question');
    expect(
      await page
        .locator(`[data-question-id="${duplicateId}"]`)
        .getByTestId('question-status')
        .textContent(),
    ).toBe('yours · merged');
    await screenshot(page, 'duplicates-attendee-merged');

    // u unmerges: the duplicate is live again with its own votes.
    await mod.keyboard.press('u');
    await expect
      .poll(async () => (await onServer(duplicateId)).status, { timeout: 15_000 })
      .toBe('approved');
    expect((await onServer(target.id)).votes).toBe(2);
    expect((await onServer(duplicateId)).votes).toBe(1);
    expect(problems).toEqual([]);
    expect(console_.problems).toEqual([]);
    await phone.close();
    await laptop.close();
  }, 180_000);

  it('lets a moderator set the event’s threshold in the console settings', async () => {
    const laptop = await browser.newContext(LAPTOP);
    const { page, problems } = await openPage(
      laptop,
      `${base}/e/${seeded.code}/moderate#key=${seeded.moderatorKey}`,
    );
    await page.getByTestId('mod-tab-settings').click();
    const slider = page.getByTestId('duplicate-threshold');
    expect(await slider.inputValue()).toBe('0.6');
    await slider.fill('0.75');
    await page.getByTestId('settings-save').click();
    await expect
      .poll(() => t.app.domain.repos.events.findById(seeded.eventId)!.duplicate_threshold, {
        timeout: 15_000,
      })
      .toBe(0.75);
    await screenshot(page, 'duplicates-console-threshold');
    expect(problems).toEqual([]);
    await laptop.close();
  }, 120_000);
});
