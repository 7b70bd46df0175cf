/**
 * The console's source panel: a moderator turns Mastodon off and on for the event, adds an
 * extra hashtag and a write-only token, sees a refused instance explained, and watches each
 * source's state, items today and last item follow. Against the fake Mastodon, nothing public.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeMastodon, type FakeMastodon } from '../../server/sources/mastodon/fake/server.ts';
import type { SourceSettings } from '../../shared/schemas/sources.ts';
import { bearer, build, listen, seedEvent, type SeededEvent, type TestApp } from '../helper.ts';
import { launch, openPage, screenshot } from './browser.ts';

let fake: FakeMastodon;
let t: TestApp;
let base: string;
let seeded: SeededEvent;
let browser: Browser;
let problems: string[] = [];

beforeAll(async () => {
  fake = await startFakeMastodon();
  t = await build({
    MASTODON_INSTANCES: fake.url,
    MASTODON_POLL_SECONDS: '5',
    ALLOW_PRIVATE_SOURCE_ADDRESSES: 'true',
  });
  base = await listen(t.app);
  seeded = seedEvent(t.app, {
    name: 'Panel Conf',
    hashtags: ['panelconf'],
    settings: { postModeration: 'post' },
  });
  browser = await launch();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
  await fake?.close();
});

const card = (page: Page, source: string) =>
  page.locator(`[data-testid="source-status"][data-source="${source}"]`);

async function settings(): Promise<SourceSettings> {
  const res = await fetch(`${base}/api/events/${seeded.eventId}/sources/settings`, {
    headers: bearer(seeded.moderatorKey),
  });
  return (await res.json()) as SourceSettings;
}

describe('the source panel', () => {
  it('edits which networks the event takes posts from and shows each source as it runs', async () => {
    const opened = await openPage(
      await browser.newContext({ viewport: { width: 1440, height: 1100 } }),
      `${base}/e/${seeded.code}/moderate#key=${seeded.moderatorKey}`,
    );
    problems = opened.problems;
    const page = opened.page;
    await page.getByTestId('mod-tab-screens').click();
    const form = page.getByTestId('source-settings');
    const mastodon = card(page, 'mastodon');
    // The environment's instance is the default: polling, and Bluesky off for this event.
    await expect
      .poll(() => mastodon.getAttribute('data-state'), { timeout: 15_000 })
      .toBe('polling');
    expect(await card(page, 'bluesky').getAttribute('data-state')).toBe('off');
    expect(await form.getByTestId('source-instance-origin').inputValue()).toBe(fake.url);

    // Off for this event: the card says so at once.
    await form.getByTestId('source-mastodon-on').uncheck();
    await form.getByTestId('source-settings-save').click();
    await expect.poll(() => mastodon.getAttribute('data-state'), { timeout: 10_000 }).toBe('off');
    expect(await mastodon.textContent()).toContain('Off for this event');
    expect((await settings()).mastodon.enabled).toBe(false);

    // A refused instance is explained and changes nothing.
    await form.getByTestId('source-instance-add').click();
    await form.getByTestId('source-instance-origin').nth(1).fill('http://mastodon.example');
    await form.getByTestId('source-settings-save').click();
    await expect
      .poll(() => form.getByTestId('source-settings-error').textContent(), { timeout: 10_000 })
      .toContain('https');
    expect((await settings()).mastodon.instances).toHaveLength(1);
    await page.getByRole('button', { name: 'Remove instance http://mastodon.example' }).click();

    // On again, with an extra hashtag and a token: the token is kept, never shown.
    await form.getByTestId('source-mastodon-on').check();
    await form.getByTestId('source-extra-hashtags').fill('#hallway');
    await form.getByTestId('source-instance-token').fill('t'.repeat(43));
    await form.getByTestId('source-settings-save').click();
    await expect
      .poll(() => mastodon.getAttribute('data-state'), { timeout: 10_000 })
      .toBe('polling');
    const saved = await settings();
    expect(saved).toMatchObject({
      custom: true,
      mastodon: { enabled: true, instances: [{ origin: fake.url, tokenSet: true }] },
      extraHashtags: ['hallway'],
    });
    expect(JSON.stringify(saved)).not.toContain('ttttt');
    await expect.poll(() => form.textContent()).toContain('(set)');
    expect(await form.getByTestId('source-instance-token').inputValue()).toBe('');

    // A status under the extra hashtag arrives: items today and the last item follow.
    fake.post({
      account: { username: 'ada', displayName: 'Ada' },
      html: '<p>Coffee in the hallway #hallway</p>',
      tags: ['hallway'],
    });
    await expect
      .poll(() => mastodon.getByTestId('source-items-today').textContent(), { timeout: 20_000 })
      .toBe('1');
    expect(await mastodon.getByTestId('source-last-item').textContent()).not.toBe('none yet');
    await screenshot(page, 'source-settings');
    // The refused save above is the one 400 the browser saw, and the only problem.
    expect(problems.filter((p) => !p.includes('status of 400'))).toEqual([]);
  }, 120_000);
});
