/**
 * A moderator watching the keynote in the main hall sees that a question waits in Hall B: the
 * session picker counts it, the header counts it next to the posts, and the view of every live
 * session lists it under its room, where it is approved in place. Counts follow live as
 * questions arrive and are decided, an anonymous question shows no name, and another event's
 * questions never count.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../server/auth/principal.ts';
import {
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
let other: SeededEvent;
let hallB: number;
let browser: Browser;

beforeAll(async () => {
  t = await build();
  base = await listen(t.app);
  seeded = seedEvent(t.app, {
    name: 'Two Rooms Conf',
    settings: { questionModeration: 'pre', postModeration: 'pre', allowAnonymous: true },
  });
  hallB = seedSession(t.app, seeded.eventId, {
    title: 'Rust at scale',
    room: 'Hall B',
    live: true,
  }).sessionId;
  other = seedEvent(t.app, { name: 'Elsewhere Conf', settings: { questionModeration: 'pre' } });
  browser = await launch();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

function ask(event: SeededEvent, sessionId: number, text: string, name = 'Ada', anonymous = false) {
  const { token } = joinAttendee(t.app, event.eventId, name);
  const principal: Principal = t.app.domain.resolvePrincipal(token)!;
  return t.app.domain.questions.create(principal, sessionId, { text, anonymous }).question;
}

const questionsWaiting = (page: Page) =>
  page.getByTestId('questions-waiting').getAttribute('data-value').then(Number);
const optionWaiting = (page: Page, sessionId: number) =>
  page
    .locator(`[data-testid="session-select"] option[value="${sessionId}"]`)
    .getAttribute('data-waiting')
    .then(Number);
const statusOf = (id: number) => t.app.domain.repos.questions.findById(id)!.status;

describe('questions waiting in another room', () => {
  it('are counted in the picker and the header, listed by room, and approved from the all-rooms view', async () => {
    const inHallB = ask(seeded, hallB, 'How does the borrow checker scale?', 'Bo');
    const secret = ask(seeded, hallB, 'Is anyone else lost?', 'Secret Person', true);
    for (let i = 0; i < 4; i++) ask(other, other.sessionId, `Elsewhere question ${i}?`);

    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const { page, problems } = await openPage(
      context,
      `${base}/e/${seeded.code}/moderate#key=${seeded.moderatorKey}`,
    );
    const panel = page.getByTestId('questions-panel');
    const select = page.getByTestId('session-select');

    // The console opens on the keynote, which has nothing waiting; Hall B's two are counted.
    await expect
      .poll(() => select.inputValue(), { timeout: 30_000 })
      .toBe(String(seeded.sessionId));
    await expect.poll(() => questionsWaiting(page), { timeout: 30_000 }).toBe(2);
    expect(await optionWaiting(page, hallB)).toBe(2);
    expect(await optionWaiting(page, seeded.sessionId)).toBe(0);
    expect(await page.getByTestId('pending-count').textContent()).toContain(
      '0 posts · 2 questions',
    );
    expect(await select.locator(`option[value="${hallB}"]`).textContent()).toContain('2 waiting');
    expect(await page.getByTestId('waiting-option').textContent()).toBe(
      'Waiting in all 2 live sessions — 2 waiting',
    );
    expect(await panel.getByTestId('mod-question').count()).toBe(0);

    // A new question in Hall B moves every count live.
    const late = ask(seeded, hallB, 'What about async traits?', 'Cy');
    await expect.poll(() => questionsWaiting(page), { timeout: 15_000 }).toBe(3);
    await expect.poll(() => optionWaiting(page, hallB), { timeout: 15_000 }).toBe(3);

    // The header's count opens the view of every live session, Hall B's questions under its room.
    await page.getByTestId('questions-waiting').click();
    await expect.poll(() => panel.getAttribute('data-view')).toBe('waiting');
    expect(await select.inputValue()).toBe('waiting');
    const section = panel.getByTestId(`question-section-session-${hallB}`);
    await expect
      .poll(() => section.getByTestId('mod-question').count(), { timeout: 15_000 })
      .toBe(3);
    expect(await section.locator('h3').textContent()).toContain('Hall B · Rust at scale (3)');
    const ids = await section
      .getByTestId('mod-question')
      .evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-question-id'))));
    expect(ids).toEqual([inHallB.id, secret.id, late.id]);
    const anonymous = section.locator(`[data-question-id="${secret.id}"]`);
    expect(await anonymous.textContent()).toContain('Anonymous');
    expect(await panel.textContent()).not.toContain('Secret Person');
    expect(await panel.textContent()).not.toContain('Elsewhere question');
    await screenshot(page, 'waiting-questions-all-rooms');

    // Approved in place: it leaves the waiting list, and the counts drop everywhere.
    await section.locator(`[data-question-id="${inHallB.id}"]`).getByTestId('approve').click();
    await expect.poll(() => statusOf(inHallB.id), { timeout: 15_000 }).toBe('approved');
    await expect
      .poll(() => section.getByTestId('mod-question').count(), { timeout: 15_000 })
      .toBe(2);
    await expect.poll(() => questionsWaiting(page), { timeout: 15_000 }).toBe(2);
    await expect.poll(() => optionWaiting(page, hallB), { timeout: 15_000 }).toBe(2);
    expect(await page.getByTestId('question-message').textContent()).toContain(
      `Question ${inHallB.id} approved`,
    );

    // The click handed the questions the keys, on the next waiting one: d dismisses it.
    await expect.poll(() => panel.getAttribute('data-active')).toBe('true');
    await expect
      .poll(() =>
        panel.locator('[data-testid="mod-question"].focused').getAttribute('data-question-id'),
      )
      .toBe(String(secret.id));
    await page.keyboard.press('d');
    await expect.poll(() => statusOf(secret.id), { timeout: 15_000 }).toBe('dismissed');
    await expect.poll(() => questionsWaiting(page), { timeout: 15_000 }).toBe(1);
    await screenshot(page, 'waiting-questions-after-decisions');

    // Hall B's own list shows the approved one live, with the count in the picker.
    await select.selectOption(String(hallB));
    await expect.poll(() => panel.getAttribute('data-view')).toBe('session');
    await expect
      .poll(() => panel.locator(`[data-question-id="${inHallB.id}"]`).getAttribute('data-status'))
      .toBe('approved');
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);
});
