/**
 * A speaker marks a question answered while attendees keep voting: every screen ends with the
 * exact counts and the answered status, and nothing on any surface breaks.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  build,
  joinAttendee,
  listen,
  seedEvent,
  type SeededEvent,
  type TestApp,
} from '../helper.ts';
import { LAPTOP, launch, openPage, PHONE, screenshot } from './browser.ts';

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
  // Pages load and join (with a proof of work) beside another test file in CI: give each
  // poll more than the default second.
  vi.setConfig({ expect: { poll: { timeout: 8000, interval: 50 } } });
  t = await build();
  base = await listen(t.app);
  seeded = seedEvent(t.app, { name: 'Storm Conf' });
  // Questions asked beforehand by other attendees.
  for (const text of [
    'Which database do you use?',
    'How do you test realtime code?',
    'What broke in production?',
  ]) {
    const { token } = joinAttendee(t.app, seeded.eventId);
    const principal = t.app.domain.resolvePrincipal(token)!;
    t.app.domain.questions.create(principal, seeded.sessionId, { text });
  }
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('Q&A under votes', () => {
  it('shows an answered question and exact counts on every screen while attendees vote', async () => {
    const attendees = await Promise.all([0, 1, 2].map(() => surface(PHONE, `/e/${seeded.code}`)));
    for (const page of attendees) await page.getByTestId('tab-questions').click();
    for (const page of attendees)
      await expect.poll(() => page.getByTestId('question-item').count()).toBe(3);
    const speaker = await surface(
      LAPTOP,
      `/e/${seeded.code}/speaker#key=${seeded.sessionSpeakerKey}&session=${seeded.sessionId}`,
    );
    await expect.poll(() => speaker.getByTestId('speaker-question').count()).toBe(3);

    // Attendees vote on every question, in a different order each, while the speaker answers one.
    const target = 'How do you test realtime code?';
    const voting = attendees.map(async (page, i) => {
      const items = page.getByTestId('question-item');
      for (let k = 0; k < 3; k++) {
        const item = items.nth((i + k) % 3);
        const button = item.getByTestId('vote-button');
        if ((await button.getAttribute('aria-pressed')) !== 'true' && !(await button.isDisabled()))
          await button.click();
      }
    });
    const answering = (async () => {
      await speaker
        .getByTestId('speaker-question')
        .filter({ hasText: target })
        .getByTestId('answer')
        .click();
    })();
    await Promise.all([...voting, answering]);

    // Everyone converges on the database's truth.
    const truth = () =>
      Object.fromEntries(
        t.app.domain.repos.questions
          .listBySession(seeded.sessionId)
          .map((q) => [q.text, { votes: q.votes, status: q.status }]),
      );
    await expect.poll(() => truth()[target]?.status).toBe('answered');
    for (const page of attendees) {
      await expect
        .poll(async () => {
          const rows = await page.getByTestId('question-item').evaluateAll((nodes) =>
            nodes.map((node) => ({
              text: node.querySelector('.question-text')?.textContent ?? '',
              votes: Number(node.querySelector('[data-testid="vote-count"]')?.textContent),
              status: node.getAttribute('data-status'),
            })),
          );
          const now = truth();
          return (
            rows.every(
              (row) => now[row.text]?.votes === row.votes && now[row.text]?.status === row.status,
            ) && rows.length === 3
          );
        })
        .toBe(true);
    }
    await expect
      .poll(() => speaker.locator('.speaker-answered summary').textContent())
      .toContain('Answered (1)');
    await screenshot(speaker, 'qa-storm-speaker');
    await screenshot(attendees[0]!, 'qa-storm-attendee');
    expect(problems.flat()).toEqual([]);
  });
});
