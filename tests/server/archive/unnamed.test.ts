import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../../server/auth/principal.ts';
import { UNNAMED } from '../../../server/archive/html/pages.ts';
import {
  asModerator,
  build,
  joinAttendee,
  seedEvent,
  type SeededEvent,
  type TestApp,
} from '../../helper.ts';

/**
 * A name that is not public reads the same on every archive page, feed and search: an attendee
 * who did not choose to be named and the asker of an anonymous question (who did choose to be
 * named) must be told apart by nothing, or the wording would say which question is anonymous.
 */

let t: TestApp;
let event: SeededEvent;
const ids = { shy: 0, anonymous: 0 };
const TEXT = { shy: 'Kiwi question one?', anonymous: 'Kiwi question two?' };

const get = async (path: string) => {
  const res = await t.app.inject({ method: 'GET', url: path });
  expect(res.statusCode, path).toBe(200);
  return res.body;
};

/** The markup of the element that holds `text`, with what differs by nature made equal. */
function itemOf(body: string, text: string, open: RegExp, close: string): string {
  const at = body.indexOf(text);
  expect(at, text).toBeGreaterThan(-1);
  const starts = [...body.slice(0, at).matchAll(open)];
  const start = starts[starts.length - 1]!.index!;
  const end = body.indexOf(close, at);
  return body
    .slice(start, end)
    .replaceAll(text, 'TEXT')
    .replace(new RegExp(`\\b(${ids.shy}|${ids.anonymous})\\b`, 'g'), 'ID')
    .replace(/\d{4}-\d\d-\d\d[T ][\d:.]+Z?/g, 'WHEN');
}

beforeAll(async () => {
  t = await build();
  event = seedEvent(t.app, {
    settings: { postModeration: 'post', questionModeration: 'pre', archive: 'now' },
  });
  const moderator: Principal = asModerator(event.eventId);
  const who = (token: string) => t.app.domain.resolvePrincipal(token)!;
  const shy = joinAttendee(t.app, event.eventId, 'Shyhal Quietly');
  const sam = joinAttendee(t.app, event.eventId, 'Secretsam Masked');
  // Sam chose to be named, and asks anonymously; Shy did not choose to be, and asks by name.
  t.app.domain.archive.setNamed(who(sam.token), event.eventId, true);
  ids.shy = t.app.domain.questions.create(who(shy.token), event.sessionId, {
    text: TEXT.shy,
  }).question.id;
  ids.anonymous = t.app.domain.questions.create(who(sam.token), event.sessionId, {
    text: TEXT.anonymous,
    anonymous: true,
  }).question.id;
  const speaker = who(event.sessionSpeakerKey);
  for (const id of [ids.shy, ids.anonymous]) {
    t.app.domain.questions.moderate(moderator, id, 'approve');
    t.app.domain.answers.create(speaker, id, { text: 'Kiwis answer.', markAnswered: true });
  }
  t.app.domain.posts.create(who(shy.token), event.eventId, { text: 'Kiwi post by Shy' });
});
afterAll(() => t.close());

describe('a name that is not public', () => {
  it('reads the same for an anonymous question and an unnamed asker on the session page', async () => {
    const page = await get(`/e/${event.code}/archive/session-${event.sessionId}.html`);
    const shy = itemOf(page, TEXT.shy, /<li id="q-/g, '<ol class="answers"');
    expect(shy).toContain(`Asked by ${UNNAMED}`);
    expect(itemOf(page, TEXT.anonymous, /<li id="q-/g, '<ol class="answers"')).toBe(shy);
  });

  it('reads the same in the session feed', async () => {
    const feed = await get(`/e/${event.code}/archive/session-${event.sessionId}.atom`);
    const shy = itemOf(feed, TEXT.shy, /<entry>/g, '</entry>');
    expect(shy).not.toContain('<author>');
    expect(itemOf(feed, TEXT.anonymous, /<entry>/g, '</entry>')).toBe(shy);
  });

  it('reads the same in the search page and the search API', async () => {
    const html = await get(`/e/${event.code}/archive/search?q=kiwi+question`);
    const shy = itemOf(html, 'one?', /<li>/g, '</li>');
    expect(shy).toContain(`by ${UNNAMED}`);
    expect(itemOf(html, 'two?', /<li>/g, '</li>')).toBe(shy);
    const api = JSON.parse(
      await get(`/api/events/by-code/${event.code}/archive/search?q=kiwi+question`),
    ) as { hits: Array<Record<string, unknown>> };
    const strip = ({
      id: _id,
      href: _href,
      snippet: _snippet,
      createdAt: _at,
      ...rest
    }: Record<string, unknown>) => rest;
    expect(api.hits).toHaveLength(2);
    expect(strip(api.hits[0]!)).toEqual(strip(api.hits[1]!));
    expect(api.hits[0]!.author).toBeNull();
  });

  it('is worded the same on every page and feed, and never names either person', async () => {
    const pages = [
      '',
      `session-${event.sessionId}.html`,
      'posts.html',
      'feed.atom',
      `session-${event.sessionId}.atom`,
      'search?q=kiwi',
    ];
    for (const path of pages) {
      const body = await get(`/e/${event.code}/archive/${path}`);
      expect(body, path).not.toMatch(/Shyhal|Secretsam|An attendee|anonymous/i);
    }
    expect(await get(`/e/${event.code}/archive/posts.html`)).toContain(`Posted by ${UNNAMED}`);
  });
});
