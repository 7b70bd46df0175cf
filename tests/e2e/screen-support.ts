/**
 * Fixtures for the big-screen tests: a conference with realistic posts from several sources,
 * questions with votes, moderator commands over REST, and the layout checks every mode must
 * pass (no scrollbars, text that fits its card at a size readable from the back of the hall).
 */
import type { FastifyInstance } from 'fastify';
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { CLIENT_DIR } from '../../server/app.ts';
import type { Post } from '../../shared/schemas/posts.ts';
import type { ScreenMode } from '../../shared/schemas/screens.ts';
import type { SeededEvent, TestApp } from '../helper.ts';
import { build, joinAttendee, sleep } from '../helper.ts';

/**
 * The real app serving its own copy of the built client. Other test runs on this machine may
 * rebuild client/dist meanwhile, and a rebuild deletes the old chunks that a page already open
 * for minutes (the long-run and reconnect tests) would still load.
 */
export async function buildWithOwnClient(env: Record<string, string> = {}): Promise<TestApp> {
  const clientDir = mkdtempSync(join(tmpdir(), 'backchannel-client-'));
  for (let attempt = 0; ; attempt++) {
    cpSync(CLIENT_DIR, clientDir, { recursive: true });
    const html = readFileSync(join(clientDir, 'index.html'), 'utf8');
    const assets = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1]!);
    if (assets.every((asset) => existsSync(join(clientDir, asset)))) break;
    if (attempt === 10) throw new Error('client/dist stayed incomplete: is a build running?');
    await sleep(500);
  }
  return build(env, { clientDir, cleanup: [clientDir] });
}

/**
 * Screens under test run the wall ten times faster (?pace=10, see client/src/screen/
 * wall-pacing.ts): a new post waits for a card that has been up 1.5 s, not 15 s.
 */
export const TEST_PACE = '?pace=10';

/** The grid cells the wall's cards fill: a long post's card takes two. */
export async function cellsUsed(page: Page): Promise<number> {
  const wall = page.getByTestId('screen-wall');
  const count = Number(await wall.getAttribute('data-count'));
  return count + Number((await wall.getAttribute('data-wide')) ?? 0);
}

export const SIZES = [
  { name: '1920x1080', viewport: { width: 1920, height: 1080 } },
  { name: '1280x720', viewport: { width: 1280, height: 720 } },
] as const;

const PEOPLE = [
  {
    name: 'Priya Raman',
    handle: 'priyacodes',
    avatarUrl: 'https://avatars.example.invalid/priya.jpg',
  },
  { name: 'Tomás Ferreira', handle: 'tferreira', avatarUrl: null },
  {
    name: 'Grace Okafor',
    handle: 'graceok',
    avatarUrl: 'https://avatars.example.invalid/grace.png',
  },
  { name: 'Lin Wei', handle: 'linwei_dev', avatarUrl: null },
  { name: 'Sam Whitaker', handle: null, avatarUrl: null },
  { name: 'Ana Lúcia', handle: 'analucia', avatarUrl: 'http://insecure.example.invalid/ana.jpg' },
];

/** What a hall actually posts: short cheers, links, and the occasional essay. */
export const POST_TEXTS = [
  'The live demo actually worked. First time I have seen that at a conference! 🎉',
  'Slides for the keynote are up already — great job by the organisers.',
  'Hot take: most of our "microservices" are a distributed monolith with extra latency.',
  'Coffee queue on level 2 is much shorter, you are welcome ☕',
  'Loving the point about measuring before optimising. We cut our p99 by 40% just by deleting a cache that never hit.',
  'Who else is here from Lisbon? Meet-up at the sponsor booth at lunch.',
  'The accessibility section should be mandatory viewing for every product team. Captions, contrast, keyboard paths: none of it is hard, all of it matters, and the audit tool she showed finds most of it in a minute. Bookmarking the repo now and sharing it with the whole team tomorrow morning.',
  'Q for later: how does this scale past one region?',
];

/** A long, ordinary post (about 480 characters): it must still fit its card. */
export const LONG_POST =
  'Really enjoyed the talk on incident reviews. Three things I am taking home: write the timeline first and argue about causes later; ' +
  'invite the people who were paged, not only their managers; and publish the review where everyone can read it, even when it is ' +
  'embarrassing. We started doing this last year and the number of repeat incidents went down noticeably. The template she shared ' +
  'is going straight into our wiki. Thank you!';

export const QUESTION_TEXTS = [
  'How do you decide when a feature flag has lived long enough to delete it?',
  'What would you do differently if you started this project again today?',
  'Is there a recording of the earlier workshop for those of us who could not get in?',
  'How do you keep the on-call load fair when the team is spread over three time zones and two of them overlap for only an hour a day?',
  'Which metric convinced management to fund the migration?',
  'Any advice for a team that has no tests at all?',
];

/** An approved post from one of several sources, made through the same ingest every source uses. */
export function ingestPost(
  app: FastifyInstance,
  eventId: number,
  text: string,
  i: number,
  sourceId = `seed-${i}-${Date.now()}`,
): Post {
  const person = PEOPLE[i % PEOPLE.length]!;
  const source = (['x', 'web', 'api', 'bluesky', 'mastodon'] as const)[i % 5]!;
  const { post } = app.domain.posts.ingest({
    eventId,
    source,
    sourceId,
    text,
    author: {
      name: person.name,
      handle: person.handle,
      avatarUrl: person.avatarUrl,
      attendeeId: null,
    },
    media: [],
  });
  return post;
}

/** Approved questions in a session, with falling vote counts from distinct attendees. */
export function seedQuestions(
  app: FastifyInstance,
  eventId: number,
  sessionId: number,
  texts: string[],
  moderatorKey: string,
) {
  const moderator = app.domain.resolvePrincipal(moderatorKey)!;
  const voters = Array.from({ length: texts.length + 2 }, (_, i) =>
    app.domain.resolvePrincipal(joinAttendee(app, eventId, `Voter ${i}`).token)!,
  );
  return texts.map((text, i) => {
    const asker = app.domain.resolvePrincipal(
      joinAttendee(app, eventId, i % 3 === 0 ? null : PEOPLE[i % PEOPLE.length]!.name).token,
    )!;
    let { question } = app.domain.questions.create(asker, sessionId, { text, anonymous: i === 2 });
    if (question.status === 'pending')
      question = app.domain.questions.moderate(moderator, question.id, 'approve');
    for (const voter of voters.slice(0, voters.length - i))
      app.domain.questions.vote(voter, question.id, true);
    return question.id;
  });
}

export async function api(
  base: string,
  method: string,
  path: string,
  token: string | null,
  body?: object,
) {
  const res = await fetch(`${base}/api${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (res.status >= 300)
    throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

export function setScreenMode(base: string, seeded: SeededEvent, name: string, mode: ScreenMode) {
  return api(
    base,
    'PUT',
    `/events/${seeded.eventId}/screens/${encodeURIComponent(name)}`,
    seeded.moderatorKey,
    { mode },
  );
}

export function moderatePost(base: string, seeded: SeededEvent, postId: number, action: string) {
  return api(base, 'POST', `/posts/${postId}/moderation`, seeded.moderatorKey, { action });
}

export const screenMode = (page: Page) => page.getByTestId('screen').getAttribute('data-mode');

/** Lets arrival animations and text fitting settle before measuring or taking a picture. */
export const settle = (page: Page) => page.waitForTimeout(900);

/**
 * Everything that would make a screen look broken from the back of the hall: a scrollbar, a
 * box sticking out of the viewport or out of its card, text cut off or shrunk below 1/60 of
 * the screen height (about 18 px at 1080p).
 */
export function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const doc = document.documentElement;
    if (doc.scrollWidth > vw || doc.scrollHeight > vh)
      problems.push(`page scrolls: ${doc.scrollWidth}x${doc.scrollHeight} in ${vw}x${vh}`);
    const label = (el: Element) => `${el.className}: ${(el.textContent ?? '').slice(0, 40)}`;
    for (const el of document.querySelectorAll<HTMLElement>(
      '.screen-header, .screen-main, .screen-footer, .screen-card',
    )) {
      const r = el.getBoundingClientRect();
      if (r.left < -1 || r.top < -1 || r.right > vw + 1 || r.bottom > vh + 1)
        problems.push(`outside the viewport: ${label(el)}`);
      if (el.scrollWidth > el.clientWidth + 1) problems.push(`wider than its box: ${label(el)}`);
    }
    for (const card of document.querySelectorAll<HTMLElement>('.screen-card')) {
      const box = card.getBoundingClientRect();
      for (const child of card.querySelectorAll<HTMLElement>('*')) {
        const r = child.getBoundingClientRect();
        if (r.height > 0 && (r.bottom > box.bottom + 1 || r.right > box.right + 1))
          problems.push(`sticks out of its card: ${label(child)}`);
      }
    }
    for (const el of document.querySelectorAll<HTMLElement>('[data-fit]')) {
      if (el.dataset.overflow === 'true' || el.scrollHeight > el.clientHeight + 1)
        problems.push(`text does not fit: ${label(el)}`);
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < vh / 60) problems.push(`text too small (${size.toFixed(1)}px): ${label(el)}`);
    }
    return problems;
  });
}
