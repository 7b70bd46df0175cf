/**
 * The speaker at the lectern marks a question answered too soon and takes it back: once from the
 * undo toast, once from the answered fold. The server's own state is read over REST after each.
 */
import type { Browser } from 'playwright-core';
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
import { launch, openPage, screenshot } from './browser.ts';

let t: TestApp;
let base: string;
let seeded: SeededEvent;
let browser: Browser;

beforeAll(async () => {
  t = await build();
  base = await listen(t.app);
  seeded = seedEvent(t.app, { name: 'Lectern Conf' });
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function ask(text: string): Promise<Question> {
  const { token } = joinAttendee(t.app, seeded.eventId, 'Ada');
  const res = await fetch(`${base}/api/sessions/${seeded.sessionId}/questions`, {
    method: 'POST',
    headers: { ...bearer(token), 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as Question;
}

async function statusOf(id: number): Promise<string | undefined> {
  const res = await fetch(`${base}/api/sessions/${seeded.sessionId}/moderation/questions`, {
    headers: bearer(seeded.moderatorKey),
  });
  const { questions } = (await res.json()) as QuestionList;
  return questions.find((q) => q.id === id)?.status;
}

describe('the speaker takes back "Mark answered"', () => {
  it('restores an answered question from the undo toast and from the answered fold', async () => {
    const question = await ask('How do you test pacing without waiting?');
    const context = await browser.newContext({ viewport: { width: 1180, height: 820 } });
    const { page, problems } = await openPage(
      context,
      `${base}/e/${seeded.code}/speaker#key=${seeded.sessionSpeakerKey}&session=${seeded.sessionId}`,
    );
    const card = page.locator(
      `[data-testid="speaker-question"][data-question-id="${question.id}"]`,
    );
    await card.getByTestId('answer').click();
    await expect.poll(() => statusOf(question.id)).toBe('answered');

    const toast = page.getByTestId('undo-toast');
    await expect.poll(() => toast.textContent()).toContain('How do you test pacing');
    await screenshot(page, 'speaker-undo-toast');
    await toast.getByTestId('undo-answer').click();
    await expect.poll(() => statusOf(question.id)).toBe('approved');
    await expect.poll(() => card.getAttribute('data-status')).toBe('approved');
    await expect.poll(() => toast.count()).toBe(0);

    // Answered again, then brought back from the fold after the toast is gone.
    await card.getByTestId('answer').click();
    await expect.poll(() => statusOf(question.id)).toBe('answered');
    await page.locator('.speaker-answered summary').click();
    await screenshot(page, 'speaker-answered-fold');
    await card.getByTestId('restore').click();
    await expect.poll(() => statusOf(question.id)).toBe('approved');
    await expect
      .poll(() => page.getByTestId('open-count').textContent())
      .toContain('1 open question');
    await screenshot(page, 'speaker-restored');
    expect(problems).toEqual([]);
    await context.close();
  });
});
