/**
 * Classic XSS payloads submitted through every input path (attendee posts over a socket and the
 * form, API-key posts with hostile author fields, questions, display names, the event name,
 * session titles, speaker names and rooms) and rendered on every surface in Chromium. Nothing
 * may run, no payload may become markup, and long or strange text may not break the layout.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanLine, cleanParagraphs } from '../../shared/text.ts';
import {
  build,
  joinAttendee,
  listen,
  request,
  socketClients,
  solvedAltcha,
  type ClientSocket,
  type TestApp,
} from '../helper.ts';
import {
  ARTIFACTS,
  LAPTOP,
  launch,
  openPage,
  PHONE,
  PROJECTOR,
  screenshot,
} from '../e2e/browser.ts';

const longWord = (n: number) => 'W'.repeat(n);
/** Letters buried under combining marks. */
const zalgo = (letters: string, marks: number) =>
  [...letters]
    .map(
      (c, i) =>
        c +
        Array.from({ length: marks }, (_, j) =>
          String.fromCharCode(0x300 + ((i * 7 + j) % 0x70)),
        ).join(''),
    )
    .join('');
const BIDI = '\u202Egnp.exe\u202C looks like a png';

/** Each one sets window.__xss or opens a dialog if it ever runs. */
const MARKUP = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=1">',
  '<svg onload="window.__xss=1"><circle r=9></svg>',
  'javascript:window.__xss=1',
  '<a href="javascript:window.__xss=1">click me</a>',
  '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
  '<scr<script>ipt>window.__xss=1</scr</script>ipt>',
  '"><img src=x onerror=alert(1)>',
  "'-alert(1)-'",
  '{{constructor.constructor("window.__xss=1")()}}',
  '<details open ontoggle="window.__xss=1">x</details>',
  '<style>body{display:none}</style>',
];
const POST_TEXTS = [...MARKUP, BIDI, longWord(500), zalgo('ZALGO', 60)];
const QUESTION_TEXTS = [...MARKUP, BIDI, longWord(300), zalgo('WHY', 60)];
/** Display names and author fields: at most 60 characters. */
const NAMES = [
  '<img src=x onerror="window.__xss=1">',
  '<script>window.__xss=1</script>',
  '"><svg onload=alert(1)>',
  '\u202Eevil\u202C name',
  longWord(60),
  zalgo('NAME', 12),
];

let t: TestApp;
let base: string;
let browser: Browser;
let event: { id: number; code: string; moderatorKey: string; apiKey: string; speakerKey: string };
let live: { id: number; speakerKey: string };
/** What each surface should show, as the server stores it. */
const expected = {
  posts: [] as Array<{ id: number; text: string; author: string }>,
  questions: [] as string[],
  names: [] as string[],
  titles: [] as string[],
  /** Answers and approved replies to one question, with hostile repliers' names. */
  answers: [] as string[],
};
const clients = socketClients(() => ({ url: base, code: event.code }), { closeAfter: 'all' });

async function api(method: string, path: string, token: string | null, body?: object) {
  const res = await fetch(`${base}/api${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test reads the shape it asked for
  return { status: res.status, json: (await res.json()) as Record<string, any> };
}

async function ok(method: string, path: string, token: string | null, body?: object) {
  const res = await api(method, path, token, body);
  if (res.status >= 300)
    throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json;
}

beforeAll(async () => {
  t = await build();
  base = await listen(t.app);
  browser = await launch();

  const created = await ok('POST', '/events', t.config.adminToken, {
    name: '<script>window.__xss=1</script> Conf',
    hashtags: ['xssconf'],
  });
  event = {
    id: created.event.id,
    code: created.event.code,
    moderatorKey: created.moderatorKey,
    apiKey: created.apiKey,
    speakerKey: created.speakerKey,
  };
  const eventName = '"><img src=x onerror="window.__xss=1"> \u202EfdP.exe <b>Conf</b>';
  await ok('PATCH', `/events/${event.id}`, event.moderatorKey, { name: eventName });
  expected.titles.push(cleanLine(eventName));

  const sessionBodies = [
    {
      title: '<img src=x onerror="window.__xss=1"> Keynote',
      speaker: '<script>window.__xss=1</script>',
      room: '<svg onload=alert(1)>',
      live: true,
    },
    { title: longWord(160), speaker: zalgo('SPK', 10), room: 'Room B' },
    { title: '<iframe srcdoc="<script>parent.__xss=1</script>">', room: 'Room C' },
  ];
  for (const body of sessionBodies) {
    const made = await ok('POST', `/events/${event.id}/sessions`, event.moderatorKey, body);
    if (body.live) live = { id: made.session.id, speakerKey: made.speakerKey };
    expected.titles.push(cleanLine(body.title));
  }

  // Attendees named with payloads, half at join and half by renaming.
  const attendees: Array<{ token: string; socket: ClientSocket }> = [];
  for (const [i, name] of NAMES.entries()) {
    const joined = await ok(
      'POST',
      `/events/by-code/${event.code}/attendees`,
      null,
      i % 2 === 0
        ? { displayName: name, altcha: await solvedAltcha(t.app, event.code) }
        : { altcha: await solvedAltcha(t.app, event.code) },
    );
    if (i % 2 === 1)
      await ok('PATCH', `/events/${event.id}/attendees/me`, joined.token, { displayName: name });
    const { socket } = await clients.attendee(joined.token);
    attendees.push({ token: joined.token, socket });
    expected.names.push(cleanLine(name));
  }
  for (const [i, text] of POST_TEXTS.entries()) {
    const attendee = attendees[i % attendees.length]!;
    const reply = await request(attendee.socket, 'post:create', {
      text,
      clientId: `xss-post-${i}`,
    });
    if (!reply.data) throw new Error(`post ${i}: ${JSON.stringify(reply.error)}`);
    expected.posts.push({
      id: reply.data.id,
      text: cleanParagraphs(text),
      author: reply.data.author.name,
    });
  }
  const apiAuthors = [
    { name: '<img src=x onerror=alert(1)>', handle: '<script>window.__xss=1</script>' },
    { name: longWord(60), handle: zalgo('HNDL', 10) },
    { name: '\u202Eevil\u202C bot', handle: '"><svg onload=alert(1)>' },
  ];
  for (const [i, author] of apiAuthors.entries()) {
    const post = await ok('POST', `/events/${event.id}/posts`, event.apiKey, {
      text: `<svg/onload=alert(${i})> via API`,
      author,
      sourceId: `xss-api-${i}`,
    });
    expected.posts.push({
      id: post.id,
      text: post.text,
      author: `${post.author.name} @${post.author.handle}`,
    });
  }
  for (const [i, text] of QUESTION_TEXTS.entries()) {
    const asker = attendees[i % attendees.length]!;
    const reply = await request(asker.socket, 'question:create', {
      sessionId: live.id,
      text,
      clientId: `xss-question-${i}`,
      anonymous: i === 3,
    });
    if (!reply.data) throw new Error(`question ${i}: ${JSON.stringify(reply.error)}`);
    expected.questions.push(reply.data.text);
  }
  const spotlight = (
    await ok('GET', `/sessions/${live.id}/moderation/questions`, event.moderatorKey)
  ).questions.find((q: { text: string }) => q.text === MARKUP[1]);
  await ok('POST', `/questions/${spotlight.id}/moderation`, event.moderatorKey, {
    action: 'spotlight',
  });
  // Answers by the speaker and a moderator, and attendees' replies (approved), to one question.
  const answered = (
    await ok('GET', `/sessions/${live.id}/moderation/questions`, event.moderatorKey)
  ).questions.find((q: { text: string }) => q.text === MARKUP[2]);
  for (const [i, text] of MARKUP.entries()) {
    const made = await ok(
      'POST',
      `/questions/${answered.id}/answers`,
      i % 2 === 0 ? live.speakerKey : event.moderatorKey,
      { text },
    );
    expected.answers.push(made.text);
  }
  for (const [i, name] of NAMES.slice(0, 3).entries()) {
    const { token } = joinAttendee(t.app, event.id, name);
    const reply = await ok('POST', `/questions/${answered.id}/answers`, token, {
      text: MARKUP[i + 4]!,
    });
    await ok('POST', `/answers/${reply.id}/moderation`, event.moderatorKey, {
      action: 'approve',
    });
    expected.answers.push(reply.author.name);
  }
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function approve(ids: number[]) {
  for (const id of ids) {
    const res = await api('POST', `/posts/${id}/moderation`, event.moderatorKey, {
      action: 'approve',
    });
    expect([200]).toContain(res.status);
  }
}

/** What an executed or injected payload would leave behind. */
function traces(page: Page) {
  return page.evaluate(() => ({
    xss: (window as unknown as { __xss?: unknown }).__xss ?? null,
    handlers: [...document.querySelectorAll('*')].flatMap((el) =>
      [...el.attributes]
        .filter((a) => /^on/i.test(a.name))
        .map((a) => `${el.tagName.toLowerCase()}[${a.name}]`),
    ),
    injected: [
      ...document.querySelectorAll(
        'body iframe, body object, body embed, body script, body style, img[src="x"], details, a[href^="javascript:" i]',
      ),
    ].map((el) => el.outerHTML.slice(0, 80)),
  }));
}

async function expectInert(page: Page, problems: string[]) {
  expect(await traces(page)).toEqual({ xss: null, handlers: [], injected: [] });
  expect(problems).toEqual([]);
}

/**
 * No horizontal scrollbar, and the given items stay inside the viewport. Measured against the
 * configured viewport width: a mobile browser widens its layout viewport to fit wide content,
 * so window.innerWidth alone would hide exactly the overflow this looks for.
 */
function overflow(page: Page, itemSelector: string) {
  const width = page.viewportSize()!.width;
  return page.evaluate(
    ([selector, width]) => ({
      page:
        document.documentElement.scrollWidth > width
          ? `${document.documentElement.scrollWidth} > ${width}`
          : null,
      items: [...document.querySelectorAll(selector as string)]
        .filter(
          (el) =>
            el.getBoundingClientRect().right > (width as number) + 1 ||
            el.scrollWidth > el.clientWidth + 1,
        )
        .map(
          (el) =>
            `${el.className}: right ${Math.round(el.getBoundingClientRect().right)}, scroll ${el.scrollWidth} > ${el.clientWidth}: ${(el.textContent ?? '').slice(0, 30)}`,
        ),
    }),
    [itemSelector, width] as const,
  );
}

/** Items that stick out of the panel they sit in (clipped, so their right edge is lost). */
function escapes(page: Page, itemSelector: string, panelSelector: string) {
  return page.evaluate(
    ([items, panels]) =>
      [...document.querySelectorAll(items!)]
        .filter((el) => {
          const panel = el.closest(panels!);
          if (!panel || (panel as HTMLElement).offsetParent === null) return false;
          const box = panel.getBoundingClientRect();
          const rect = el.getBoundingClientRect();
          return rect.right > box.right + 1 || rect.left < box.left - 1;
        })
        .map(
          (el) =>
            `${el.getAttribute('data-testid')} ${Math.round(el.getBoundingClientRect().width)}px wide in a ${Math.round(el.closest(panels!)!.getBoundingClientRect().width)}px panel: ${(el.textContent ?? '').slice(0, 40)}`,
        ),
    [itemSelector, panelSelector],
  );
}

const bodyText = (page: Page) => page.evaluate(() => document.body.textContent ?? '');

async function expectShown(page: Page, texts: string[], timeout = 8000) {
  await expect
    .poll(
      async () => {
        const text = await bodyText(page);
        return texts
          .filter((wanted) => !text.includes(wanted))
          .map((missing) => missing.slice(0, 60));
      },
      { timeout },
    )
    .toEqual([]);
}

/**
 * Every text shows up on the page at some point within the timeout. The paced wall (one change
 * at a time, a wide card for a long post) need not show a whole batch at once.
 */
async function expectSeen(page: Page, texts: string[], timeout = 15_000) {
  const unseen = new Set(texts);
  const until = Date.now() + timeout;
  while (unseen.size > 0 && Date.now() < until) {
    const text = await bodyText(page);
    for (const wanted of [...unseen]) if (text.includes(wanted)) unseen.delete(wanted);
    if (unseen.size > 0) await page.waitForTimeout(50);
  }
  expect([...unseen].map((missing) => missing.slice(0, 60))).toEqual([]);
}

describe('XSS payloads in Chromium', () => {
  it('stay text on the big screen, round after round of approvals, without a horizontal scrollbar', async () => {
    const context = await browser.newContext(PROJECTOR);
    const { page, problems } = await openPage(context, `${base}/e/${event.code}/screen?pace=10`);
    await expectShown(page, [
      expected.titles[0]!,
      expected.titles[1]!,
      cleanLine('<script>window.__xss=1</script>'),
    ]);
    await expectShown(page, [expected.questions[1]!]);
    // A featured item leaves four places in the grid: approve four at a time so each is seen.
    for (let round = 0; round * 4 < expected.posts.length; round++) {
      const batch = expected.posts.slice(round * 4, round * 4 + 4);
      await approve(batch.map((p) => p.id));
      await expectSeen(
        page,
        batch.flatMap((p) => [p.text, p.author]),
      );
      await page.waitForTimeout(200);
      await expectInert(page, problems);
      expect
        .soft(await overflow(page, '[data-testid="screen-post"]'))
        .toEqual({ page: null, items: [] });
      await screenshot(page, `xss-screen-round-${round + 1}`);
    }
    await context.close();
  }, 90_000);

  it('stay text on the attendee wall and questions tab, with long words kept inside a phone screen', async () => {
    await approve(expected.posts.map((p) => p.id));
    const context = await browser.newContext(PHONE);
    const { page, problems } = await openPage(context, `${base}/e/${event.code}`);
    await expectShown(page, [
      expected.titles[0]!,
      ...expected.posts.flatMap((p) => [p.text, p.author]),
    ]);
    await expectInert(page, problems);
    expect
      .soft(await overflow(page, '[data-testid="wall-post"], [data-testid="wall-post"] .post-text'))
      .toEqual({ page: null, items: [] });
    await screenshot(page, 'xss-attendee-wall');
    await page.screenshot({ path: join(ARTIFACTS, 'xss-attendee-wall-full.png'), fullPage: true });

    // The form is an input path too: what is typed comes back as text.
    const typed = '<img src=x onerror="window.__xss=1"> typed in the form';
    await page.getByTestId('post-text').fill(typed);
    await page.getByTestId('post-submit').click();
    await expectShown(page, [typed]);

    await page.getByTestId('tab-questions').click();
    await expectShown(page, [...expected.questions, ...expected.names]);
    await expectInert(page, problems);
    expect
      .soft(await overflow(page, '[data-testid="question-item"]'))
      .toEqual({ page: null, items: [] });
    await screenshot(page, 'xss-attendee-questions');
    await page.screenshot({
      path: join(ARTIFACTS, 'xss-attendee-questions-full.png'),
      fullPage: true,
    });
    await context.close();
  }, 60_000);

  it('stay text in the moderator console: post queue, questions, sessions and settings', async () => {
    const context = await browser.newContext(LAPTOP);
    const { page, problems } = await openPage(
      context,
      `${base}/e/${event.code}/moderate#key=${event.moderatorKey}`,
    );
    await expectShown(page, [
      expected.titles[0]!,
      ...expected.posts.flatMap((p) => [p.text, p.author]),
    ]);
    await expectShown(page, [...expected.questions, ...expected.answers]);
    await expectInert(page, problems);
    await screenshot(page, 'xss-moderator');
    // A long word must wrap inside its card, not widen the whole list past the panel's edge.
    expect
      .soft(await escapes(page, '[data-testid="mod-post"], [data-testid="mod-question"]', '.panel'))
      .toEqual([]);
    for (const tab of ['sessions', 'settings', 'links']) {
      await page.getByTestId(`mod-tab-${tab}`).click();
      if (tab === 'sessions') await expectShown(page, expected.titles.slice(1));
      await expectInert(page, problems);
      expect((await overflow(page, 'body')).page, tab).toBeNull();
    }
    await expect.poll(() => page.getByTestId('event-name').inputValue()).toBe(expected.titles[0]);
    await screenshot(page, 'xss-moderator-settings');
    await context.close();
  }, 60_000);

  it('stay text in the speaker view, with a session key and with the event-wide key that can choose a session', async () => {
    for (const [name, key] of [
      ['session', live.speakerKey],
      ['event', event.speakerKey],
    ] as const) {
      const context = await browser.newContext(LAPTOP);
      const { page, problems } = await openPage(
        context,
        `${base}/e/${event.code}/speaker#key=${key}&session=${live.id}`,
      );
      await expectShown(page, [expected.titles[1]!, ...expected.questions, ...expected.answers]);
      await expectInert(page, problems);
      expect
        .soft(await overflow(page, '[data-testid="speaker-question"]'), name)
        .toEqual({ page: null, items: [] });
      await screenshot(page, `xss-speaker-${name}-key`);
      await context.close();
    }
  }, 60_000);

  it('strips bidirectional overrides before storing, so no text can disguise itself', () => {
    const stored = [
      ...expected.titles,
      ...expected.names,
      ...expected.questions,
      ...expected.posts.flatMap((p) => [p.text, p.author]),
    ];
    expect(stored.filter((text) => /[\u202A-\u202E\u2066-\u2069]/.test(text))).toEqual([]);
  });

  it('refuses javascript: and data: URLs wherever a URL is accepted', async () => {
    const attempts = [
      [
        'POST',
        `/events/${event.id}/posts`,
        event.apiKey,
        { text: 'avatar', author: { name: 'A', avatarUrl: 'javascript:window.__xss=1' } },
      ],
      [
        'POST',
        `/events/${event.id}/posts`,
        event.apiKey,
        { text: 'avatar', author: { name: 'A', avatarUrl: 'JaVaScRiPt:alert(1)' } },
      ],
      [
        'POST',
        `/events/${event.id}/posts`,
        event.apiKey,
        { text: 'media', media: ['javascript:alert(1)'] },
      ],
      [
        'POST',
        `/events/${event.id}/posts`,
        event.apiKey,
        { text: 'media', media: ['data:text/html,<script>alert(1)</script>'] },
      ],
      [
        'PATCH',
        `/events/${event.id}`,
        event.moderatorKey,
        { branding: { logoUrl: 'javascript:alert(1)' } },
      ],
      [
        'PATCH',
        `/events/${event.id}`,
        event.moderatorKey,
        { branding: { logoUrl: ' javascript:alert(1)' } },
      ],
    ] as const;
    for (const [method, path, token, body] of attempts) {
      const res = await api(method, path, token, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.id).toBe('validation_failed');
    }
  });
});
