/**
 * Questions go through the same screening as posts. Under the default "questions shown at once",
 * a profane question (plain, dotted, or l33t) and one with the event's own blocked word are held:
 * the room's screen, watched for every text it ever renders, never shows them, while a clean
 * question reaches it at once. The moderator's questions panel shows each held one with why.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Question } from '../../shared/schemas/questions.ts';
import { joinAttendee, listen, seedEvent, type SeededEvent, type TestApp } from '../helper.ts';
import { launch, openPage, PROJECTOR, screenshot } from './browser.ts';
import { api, buildWithOwnClient, setScreenMode } from './screen-support.ts';

let t: TestApp;
let base: string;
let seeded: SeededEvent;
let browser: Browser;

beforeAll(async () => {
  t = await buildWithOwnClient();
  base = await listen(t.app);
  seeded = seedEvent(t.app, { name: 'Screened Conf', hashtags: ['screenedconf'] });
  await api(base, 'PUT', `/events/${seeded.eventId}/moderation/words`, seeded.moderatorKey, {
    words: ['durian'],
  });
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const ask = async (text: string) =>
  (await api(
    base,
    'POST',
    `/sessions/${seeded.sessionId}/questions`,
    joinAttendee(t.app, seeded.eventId, 'Asker').token,
    { text },
  )) as unknown as Question;

describe('a profane question under "questions shown at once"', () => {
  it('is held with its reason and never reaches the screen', async () => {
    expect(t.app.domain.repos.events.findById(seeded.eventId)!.question_moderation).toBe('post');
    await setScreenMode(base, seeded, 'main', 'questions');
    const screenContext = await browser.newContext(PROJECTOR);
    const { page: screen, problems } = await openPage(
      screenContext,
      `${base}/e/${seeded.code}/screen`,
    );
    await expect.poll(() => screen.getByTestId('screen-no-questions').count()).toBe(1);
    // Everything the screen ever renders, not only what is there at the end.
    await screen.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      new MutationObserver(() => seen.push(document.body.innerText)).observe(document.body, {
        subtree: true,
        childList: true,
        characterData: true,
      });
    });

    const held = [
      await ask('Why is this shit so slow on my laptop?'),
      await ask('Who wrote this sh1t code?'),
      await ask('Is the f.u.c.k.i.n.g demo ever going to work?'),
      await ask('Will there be durian at lunch?'),
    ];
    for (const question of held) expect(question.status).toBe('pending');
    const clean = await ask('How do you test the QR code on a projector?');
    expect(clean.status).toBe('approved');

    await expect
      .poll(() => screen.getByTestId('screen-question').allTextContents())
      .toEqual([expect.stringContaining('How do you test the QR code')]);
    await screen.waitForTimeout(800);
    const seen = await screen.evaluate(() =>
      (window as unknown as { seen: string[] }).seen.join('\n'),
    );
    expect(seen).toContain('How do you test the QR code');
    for (const word of ['shit', 'sh1t', 'f.u.c.k', 'durian']) expect(seen).not.toContain(word);
    await screenshot(screen, 'question-screening-screen');
    expect(problems).toEqual([]);

    const console = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const { page: moderator, problems: consoleProblems } = await openPage(
      console,
      `${base}/e/${seeded.code}/moderate#key=${seeded.moderatorKey}`,
    );
    const item = (id: number) =>
      moderator.locator(`[data-testid="mod-question"][data-question-id="${id}"]`);
    for (const question of held) {
      await expect.poll(() => item(question.id).getAttribute('data-status')).toBe('pending');
      expect(await item(question.id).getByTestId('question-flags').textContent()).toContain(
        'Held: profanity or a blocked word',
      );
    }
    expect(await item(clean.id).getByTestId('question-flags').count()).toBe(0);
    await item(held[0]!.id).scrollIntoViewIfNeeded();
    await screenshot(moderator, 'question-screening-console');
    expect(consoleProblems).toEqual([]);
  });
});
