/**
 * The whole product loop across real browser contexts: attendee posts → moderator approves →
 * screen shows it; attendee asks → another attendee upvotes → speaker sees the count → marks it
 * answered → the asker sees it answered. Screenshots of every surface go to tests/artifacts/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, listen, seedEvent, type SeededEvent, type TestApp } from '../helper.ts';
import { LAPTOP, launch, openPage, PHONE, PROJECTOR, screenshot } from './browser.ts';

let t: TestApp;
let base: string;
let seeded: SeededEvent;
let browser: Browser;
const problems: string[][] = [];

async function surface(options: object, path: string): Promise<Page> {
  const context = await browser.newContext(options);
  const opened = await openPage(context, `${base}${path}`);
  problems.push(opened.problems);
  return opened.page;
}

beforeAll(async () => {
  t = await build();
  base = await listen(t.app);
  seeded = seedEvent(t.app, { name: 'Loop Conf', hashtags: ['loopconf'] });
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('the product loop in Chromium', () => {
  it('carries a post to the screen and a question to the speaker and back', async () => {
    const asker = await surface(PHONE, `/e/${seeded.code}`);
    const voter = await surface(PHONE, `/e/${seeded.code}`);
    const moderator = await surface(
      LAPTOP,
      `/e/${seeded.code}/moderate#key=${seeded.moderatorKey}`,
    );
    const screen = await surface(PROJECTOR, `/e/${seeded.code}/screen`);
    const speaker = await surface(
      LAPTOP,
      `/e/${seeded.code}/speaker#key=${seeded.sessionSpeakerKey}&session=${seeded.sessionId}`,
    );

    // Attendee posts; posts are pre-moderated by default, so it waits for a moderator.
    await asker.getByTestId('post-text').fill('Hello from row 12! #loopconf');
    await asker.getByTestId('post-submit').click();
    const mine = asker.getByTestId('wall-post').filter({ hasText: 'Hello from row 12!' });
    await expect.poll(() => mine.getAttribute('data-status')).toBe('pending');
    await expect.poll(() => screen.getByTestId('screen-post').count()).toBe(0);

    // Moderator approves it; it appears on the big screen without a reload.
    const queued = moderator.getByTestId('mod-post').filter({ hasText: 'Hello from row 12!' });
    await queued.getByTestId('approve').click();
    await expect
      .poll(() =>
        screen.getByTestId('screen-post').filter({ hasText: 'Hello from row 12!' }).count(),
      )
      .toBe(1);
    await expect.poll(() => mine.getAttribute('data-status')).toBe('approved');
    await screenshot(screen, 'loop-screen-1920x1080');
    await screenshot(moderator, 'loop-moderator');

    // Attendee asks; a second attendee upvotes; the speaker sees the count.
    await asker.getByTestId('tab-questions').click();
    await asker.getByTestId('question-text').fill('How does the vote counting stay exact?');
    await asker.getByTestId('question-submit').click();
    const asked = asker
      .getByTestId('question-item')
      .filter({ hasText: 'How does the vote counting stay exact?' });
    await expect.poll(() => asked.getAttribute('data-status')).toBe('approved');

    await voter.getByTestId('tab-questions').click();
    const theirs = voter
      .getByTestId('question-item')
      .filter({ hasText: 'How does the vote counting stay exact?' });
    await theirs.getByTestId('vote-button').click();
    await expect
      .poll(() => theirs.getByTestId('vote-button').getAttribute('aria-pressed'))
      .toBe('true');
    await expect.poll(() => theirs.getByTestId('vote-count').textContent()).toBe('1');
    await expect.poll(() => asked.getByTestId('vote-count').textContent()).toBe('1');

    const onLectern = speaker
      .getByTestId('speaker-question')
      .filter({ hasText: 'How does the vote counting stay exact?' });
    await expect.poll(() => onLectern.locator('.speaker-votes strong').textContent()).toBe('1');
    await screenshot(speaker, 'loop-speaker');
    await screenshot(voter, 'loop-attendee-voter');

    // The speaker marks it answered; the asker sees it answered.
    await onLectern.getByTestId('answer').click();
    await expect.poll(() => asked.getAttribute('data-status')).toBe('answered');
    const questionId = Number(await asked.getAttribute('data-question-id'));
    expect(t.app.domain.repos.questions.findById(questionId)?.status).toBe('answered');
    await screenshot(asker, 'loop-attendee-asker');

    // Nothing on any surface failed or popped a dialog along the way.
    expect(problems.flat()).toEqual([]);
  }, 120_000);
});
