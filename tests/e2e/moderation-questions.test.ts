/**
 * A moderator runs a pre-moderated Q&A from the keyboard alone: q hands the keys to the questions
 * panel, where j and k walk the waiting questions oldest first, and a, d, n, s, e, r and u
 * approve, dismiss, mark answered, spotlight, edit, restore and undo. After every key the
 * server's own state is read over REST, not the page's. Another console's decision moves the
 * focus on; q again gives the keys back to the posts, where a approves a post and no question.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Post, PostPage } from '../../shared/schemas/posts.ts';
import type { Question, QuestionList } from '../../shared/schemas/questions.ts';
import {
  bearer,
  build,
  joinAttendee,
  listen,
  seedEvent,
  seedSession,
  type SeededEvent,
  type TestApp,
} from '../helper.ts';
import { launch, openPage, screenshot } from './browser.ts';

/** What GET /api/events/:id/moderation/log lists (its schema lives with the route). */
interface LogEntry {
  action: string;
  itemId: number | null;
  detail: Record<string, unknown>;
}

let t: TestApp;
let base: string;
let seeded: SeededEvent;
let browser: Browser;

beforeAll(async () => {
  t = await build();
  base = await listen(t.app);
  seeded = seedEvent(t.app, {
    name: 'Q&A Conf',
    hashtags: ['qaconf'],
    settings: { questionModeration: 'pre', postModeration: 'pre' },
  });
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function rest<T>(
  path: string,
  init: { method?: string; body?: unknown; token?: string; name?: string } = {},
): Promise<T> {
  const res = await fetch(`${base}/api${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...bearer(init.token ?? seeded.moderatorKey),
      ...(init.name ? { 'x-moderator-name': init.name } : {}),
      ...(init.body ? { 'content-type': 'application/json' } : {}),
    },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  expect(res.status, path).toBeLessThan(300);
  return (await res.json()) as T;
}

function ask(sessionId: number, name: string, text: string): Promise<Question> {
  const { token } = joinAttendee(t.app, seeded.eventId, name);
  return rest<Question>(`/sessions/${sessionId}/questions`, {
    method: 'POST',
    token,
    body: { text },
  });
}

const listOf = async (sessionId: number) =>
  (await rest<QuestionList>(`/sessions/${sessionId}/moderation/questions`)).questions;

/** The question as the server has it now. */
async function onServer(
  id: number,
  sessionId = seeded.sessionId,
): Promise<Pick<Question, 'status' | 'spotlighted' | 'text'>> {
  const question = (await listOf(sessionId)).find((q) => q.id === id);
  if (!question) throw new Error(`question ${id} is not on the server`);
  return { status: question.status, spotlighted: question.spotlighted, text: question.text };
}

const state = (status: Question['status'], spotlighted = false) =>
  expect.objectContaining({ status, spotlighted });

const focusedQuestion = (page: Page) =>
  page
    .locator('[data-testid="mod-question"][aria-current="true"]')
    .getAttribute('data-question-id', { timeout: 2000 })
    .then(Number);
const focusedPost = (page: Page) =>
  page
    .locator('[data-testid="mod-post"][aria-current="true"]')
    .getAttribute('data-post-id', { timeout: 2000 })
    .then(Number);
const listed = (page: Page) =>
  page
    .getByTestId('mod-question')
    .evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-question-id'))));

describe('the questions panel driven by the keyboard alone', () => {
  it('approves, dismisses, restores, spotlights, answers, edits and undoes questions, each reaching the server', async () => {
    // Another session in the same room has its question on the room's screen already.
    const panel = seedSession(t.app, seeded.eventId, { title: 'Closing panel', room: 'Main hall' });
    const earlier = await ask(panel.sessionId, 'Olga', 'Will the closing panel be recorded?');
    await rest(`/questions/${earlier.id}/moderation`, {
      method: 'POST',
      body: { action: 'approve' },
    });
    await rest(`/questions/${earlier.id}/moderation`, {
      method: 'POST',
      body: { action: 'spotlight' },
    });

    const q1 = await ask(seeded.sessionId, 'Ada', 'How does the failover pick a new leader?');
    const q2 = await ask(seeded.sessionId, 'Ben', 'Buy followers cheap at example dot com');
    const q3 = await ask(seeded.sessionId, 'Cleo', 'What is the p99 latancy under load?');
    const q4 = await ask(seeded.sessionId, 'Dev', 'Is the code open source?');
    const q5 = await ask(seeded.sessionId, 'Eve', 'Any plans for Postgres support?');
    for (const q of [q1, q2, q3, q4, q5]) expect(q.status).toBe('pending');
    const post = t.app.domain.posts.ingest({
      eventId: seeded.eventId,
      source: 'web',
      sourceId: null,
      text: 'Great keynote so far #qaconf',
      author: { name: 'Fay', handle: null, avatarUrl: null, attendeeId: null },
      media: [],
    }).post;
    expect(post.status).toBe('pending');

    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const { page, problems } = await openPage(
      context,
      `${base}/e/${seeded.code}/moderate#key=${seeded.moderatorKey}`,
    );
    const key = (name: string) => page.keyboard.press(name);
    const message = page.getByTestId('question-message');
    const questionsPanel = page.getByTestId('questions-panel');
    await expect.poll(() => page.getByTestId('mod-question').count(), { timeout: 15_000 }).toBe(5);
    await expect.poll(() => page.getByTestId('mod-post').count()).toBe(1);

    // q hands the keys to the questions, on the oldest waiting one; the hint line says so.
    expect(await page.getByTestId('shortcut-help').textContent()).toMatch(/q\squestions/);
    await screenshot(page, 'moderation-questions-posts-have-keys');
    await key('q');
    await expect.poll(() => questionsPanel.getAttribute('data-active')).toBe('true');
    expect(await page.getByTestId('question-keys').textContent()).toContain('back to posts');
    expect(await focusedQuestion(page)).toBe(q1.id);
    expect(await listed(page)).toEqual([q1.id, q2.id, q3.id, q4.id, q5.id]);

    // a approves and moves on; d dismisses and moves on.
    await key('a');
    await expect.poll(() => onServer(q1.id)).toEqual(state('approved'));
    expect(await focusedQuestion(page)).toBe(q2.id);
    await key('d');
    await expect.poll(() => onServer(q2.id)).toEqual(state('dismissed'));
    expect(await focusedQuestion(page)).toBe(q3.id);
    expect((await onServer(q3.id)).status).toBe('pending');

    // The server has no way back to "awaiting moderation": u says so instead of pretending.
    await key('u');
    await expect
      .poll(() => message.textContent())
      .toContain('cannot go back to awaiting moderation');
    expect(await message.getAttribute('data-kind')).toBe('refusal');
    expect(await onServer(q2.id)).toEqual(state('dismissed'));

    // The dismissed group opens when j walks into it; r restores, u dismisses it again, r again.
    for (let i = 0; i < 4; i += 1) await key('j');
    expect(await focusedQuestion(page)).toBe(q2.id);
    await key('r');
    await expect.poll(() => onServer(q2.id)).toEqual(state('approved'));
    await key('u');
    await expect.poll(() => onServer(q2.id)).toEqual(state('dismissed'));
    await expect.poll(() => message.textContent()).toContain('Undone: restore question');
    expect(await focusedQuestion(page)).toBe(q2.id);
    await key('r');
    await expect.poll(() => onServer(q2.id)).toEqual(state('approved'));

    // s spotlights: one question per room, so the other session's one leaves the screen.
    await expect
      .poll(() => page.locator(`[data-question-id="${q1.id}"]`).getAttribute('data-status'))
      .toBe('approved');
    await page.locator(`[data-question-id="${q1.id}"] .post-text`).click();
    await key('s');
    const spotlitInRoom = async () =>
      [...(await listOf(seeded.sessionId)), ...(await listOf(panel.sessionId))]
        .filter((q) => q.spotlighted)
        .map((q) => q.id);
    await expect.poll(spotlitInRoom).toEqual([q1.id]);
    expect(await focusedQuestion(page)).toBe(q1.id);
    // On another live question, s moves the spotlight; u puts the first one back.
    await key('j');
    expect(await focusedQuestion(page)).toBe(q2.id);
    await key('s');
    await expect.poll(spotlitInRoom).toEqual([q2.id]);
    await key('u');
    await expect.poll(spotlitInRoom).toEqual([q1.id]);
    await expect
      .poll(() => message.textContent())
      .toContain(`Question ${q1.id} is back on the screen`);

    // n marks answered (it stays on the screen); u takes the focus back to it and puts it back
    // live; n again.
    await page.locator(`[data-question-id="${q1.id}"] .post-text`).click();
    await key('n');
    await expect.poll(() => onServer(q1.id)).toEqual(state('answered', true));
    await key('u');
    expect(await focusedQuestion(page)).toBe(q1.id);
    await expect.poll(() => onServer(q1.id)).toEqual(state('approved', true));
    await key('n');
    await expect.poll(() => onServer(q1.id)).toEqual(state('answered', true));

    // e edits: letters typed into the editor are text, not shortcuts; Enter saves.
    const pendingNow = await listed(page);
    expect(pendingNow.slice(0, 3)).toEqual([q3.id, q4.id, q5.id]);
    for (let i = 0; i < 8; i += 1) await key('k');
    expect(await focusedQuestion(page)).toBe(q3.id);
    await key('e');
    const editor = page.locator('textarea[data-testid="mod-question-edit"]');
    await expect.poll(() => editor.evaluate((node) => node === document.activeElement)).toBe(true);
    await key('Control+a');
    await page.keyboard.type('What is the p99 latency under load, and as measured how?');
    await screenshot(page, 'moderation-questions-editing');
    await key('Enter');
    await expect
      .poll(() => onServer(q3.id).then((q) => q.text))
      .toBe('What is the p99 latency under load, and as measured how?');
    expect(await onServer(q3.id)).toEqual(state('pending'));
    const { entries } = await rest<{ entries: LogEntry[] }>(
      `/events/${seeded.eventId}/moderation/log`,
    );
    const edited = entries.find((e) => e.action === 'question_edit' && e.itemId === q3.id);
    expect(edited?.detail).toEqual({
      original: q3.text,
      text: 'What is the p99 latency under load, and as measured how?',
    });
    await expect
      .poll(() => message.textContent())
      .toContain('the moderation log keeps the original');
    // Esc in the editor cancels without saving, and the keys stay with the questions.
    await key('e');
    await expect.poll(() => editor.count()).toBe(1);
    await page.keyboard.type(' Never mind.');
    await key('Escape');
    await expect.poll(() => editor.count()).toBe(0);
    expect(await questionsPanel.getAttribute('data-active')).toBe('true');
    // u brings the original text back.
    await key('u');
    await expect.poll(() => onServer(q3.id).then((q) => q.text)).toBe(q3.text);

    // The server's refusal is shown in its words, with the key that would work; focus stays.
    expect(await focusedQuestion(page)).toBe(q3.id);
    await key('r');
    await expect.poll(() => message.textContent()).toContain('cannot be restored');
    expect(await message.textContent()).toContain('a approves it');
    expect(await focusedQuestion(page)).toBe(q3.id);
    expect(await onServer(q3.id)).toEqual(state('pending'));
    await screenshot(page, 'moderation-questions-1440');

    // Another console approves the question this one is on: the focus moves on, and says why.
    await rest(`/questions/${q3.id}/moderation`, {
      method: 'POST',
      body: { action: 'approve' },
      name: 'Bea',
    });
    await expect
      .poll(() => message.textContent())
      .toContain(`Question ${q3.id} was just made live by another console`);
    expect(await focusedQuestion(page)).toBe(q4.id);

    // A question asked now joins the end of the waiting ones: oldest first, nobody waits forever.
    const q6 = await ask(seeded.sessionId, 'Gus', 'Where are the slides?');
    await expect
      .poll(() => listed(page).then((ids) => ids.slice(0, 3)))
      .toEqual([q4.id, q5.id, q6.id]);
    expect(await focusedQuestion(page)).toBe(q4.id);

    // ? shows every key, questions included, from the questions panel too.
    await key('?');
    const help = page.getByTestId('help-overlay');
    await expect.poll(() => help.textContent()).toContain('Mark answered');
    await key('j');
    expect(await focusedQuestion(page)).toBe(q4.id);
    await screenshot(page, 'moderation-questions-help');
    await key('Escape');
    await expect.poll(() => help.count()).toBe(0);

    // Every a, r and u so far went to the questions: the post still waits.
    const postStatus = async () =>
      (await rest<PostPage>(`/events/${seeded.eventId}/moderation/posts?limit=100`)).posts.find(
        (p: Post) => p.id === post.id,
      )?.status;
    expect(await postStatus()).toBe('pending');

    // q gives the keys back to the posts: a approves the post, and no question moves.
    const before = await listOf(seeded.sessionId);
    await key('q');
    await expect.poll(() => questionsPanel.getAttribute('data-active')).toBeNull();
    await key('j');
    expect(await focusedPost(page)).toBe(post.id);
    await key('a');
    await expect.poll(postStatus).toBe('approved');
    for (const letter of ['d', 'n', 's', 'e']) await key(letter);
    expect(await listOf(seeded.sessionId)).toEqual(before);

    // Another tab takes the keys back to the posts; q brings the questions tab and its keys.
    await key('q');
    await expect.poll(() => questionsPanel.getAttribute('data-active')).toBe('true');
    await page.getByTestId('mod-tab-screens').click();
    await expect.poll(() => questionsPanel.getAttribute('data-active')).toBeNull();
    await key('q');
    await expect
      .poll(() => page.getByTestId('mod-tab-questions').getAttribute('aria-selected'))
      .toBe('true');
    expect(await questionsPanel.getAttribute('data-active')).toBe('true');

    // The session select switches the list from the keyboard too: arrows pick a session while it
    // has focus (no shortcut fires then), and Enter hands the keys back to the list.
    const select = page.getByTestId('session-select');
    await select.focus();
    await key('ArrowDown');
    await expect.poll(() => listed(page)).toEqual([earlier.id]);
    expect(await onServer(q4.id)).toEqual(state('pending'));
    await key('Enter');
    expect(await select.evaluate((node) => node === document.activeElement)).toBe(false);
    await key('j');
    expect(await focusedQuestion(page)).toBe(earlier.id);
    expect(await onServer(earlier.id, panel.sessionId)).toEqual(state('approved'));
    await select.focus();
    await key('ArrowUp');
    await key('Escape');
    await expect.poll(() => page.getByTestId('mod-question').count()).toBe(6);
    expect(await questionsPanel.getAttribute('data-active')).toBe('true');

    // A narrower laptop: the head of the panel wraps, and nothing spills sideways.
    await page.setViewportSize({ width: 1024, height: 768 });
    await key('j');
    expect(await questionsPanel.evaluate((node) => node.scrollWidth <= node.clientWidth)).toBe(
      true,
    );
    await screenshot(page, 'moderation-questions-1024');

    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);
});
