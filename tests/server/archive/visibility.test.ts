import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asModerator, bearer, build, joinAttendee, seedEvent, type TestApp } from '../../helper.ts';
import { HIDDEN, NAMED, SHOWN, UNNAMED, seedArchive, type ArchiveRecord } from './fixtures.ts';

let t: TestApp;
let record: ArchiveRecord;

const get = (url: string) => t.app.inject({ method: 'GET', url });
const archive = (path = '') => get(`/e/${record.event.code}/archive/${path}`);

/** Every public surface of the archive, as the text a reader or a robot receives. */
async function everything(): Promise<Array<{ where: string; body: string }>> {
  const session = record.event.sessionId;
  const paths = [
    '',
    'index.html',
    `session-${session}.html`,
    'posts.html',
    'links.html',
    'feed.atom',
    `session-${session}.atom`,
    'search?q=zebra',
  ];
  const out = [];
  for (const path of paths) {
    const res = await archive(path);
    expect(res.statusCode, path).toBe(200);
    out.push({ where: path, body: res.body });
  }
  const api = await get(`/api/events/by-code/${record.event.code}/archive/search?q=zebra`);
  expect(api.statusCode).toBe(200);
  out.push({ where: 'search API', body: api.body });
  return out;
}

beforeAll(async () => {
  t = await build();
  record = seedArchive(t.app);
});
afterAll(() => t.close());

describe('what the archive shows', () => {
  it('shows approved posts, public questions and their approved answers, and the opted-in name', async () => {
    const all = (await everything()).map((page) => page.body).join('\n');
    for (const text of Object.values(SHOWN)) expect(all).toContain(text.split(' https')[0]);
    expect(all).toContain(NAMED);
    const session = (await archive(`session-${record.event.sessionId}.html`)).body;
    // Best first, the accepted answer before the reply, in the event's time zone (UTC+2 in May).
    expect(session.indexOf(SHOWN.answer)).toBeLessThan(session.indexOf(SHOWN.reply));
    expect(session).toContain('2026-05-04 09:30');
    expect(session).toContain('Dr. Speaker');
  });

  it('never shows a pending, rejected, hidden, dismissed or withdrawn item, anywhere', async () => {
    for (const page of await everything()) {
      for (const [kind, text] of Object.entries(HIDDEN)) {
        expect(page.body, `${kind} in ${page.where}`).not.toContain(text.split(' ')[0]);
      }
    }
  });

  it('never names an attendee who did not opt in, nor the asker of an anonymous question', async () => {
    for (const page of await everything()) {
      for (const name of Object.values(UNNAMED)) {
        expect(page.body, `${name} in ${page.where}`).not.toContain(name);
        expect(page.body, `${name} in ${page.where}`).not.toContain(name.split(' ')[0]);
      }
    }
  });

  it('finds nothing by the name of someone who is not public: search reads texts, not authors', async () => {
    for (const q of ['Shyhal', 'Secretsam', 'Quietly']) {
      const res = await get(`/api/events/by-code/${record.event.code}/archive/search?q=${q}`);
      expect(res.json()).toEqual({ q, hits: [], nextCursor: null });
    }
  });

  it('counts shared links once per text, and lists topics without the event hashtag', async () => {
    const index = (await archive()).body;
    expect(index).toContain('href="https://example.org/slides"');
    expect(index).toContain('shared 2 times');
    expect(index).toContain('#zebrascale');
    expect(index).toContain('#rustlang');
    expect(index).not.toMatch(/#testconf\b/);
  });

  it('links every feed from its page and sends valid Atom content types', async () => {
    expect((await archive()).body).toContain(
      '<link rel="alternate" type="application/atom+xml" title="Archive Conf: wall posts" href="feed.atom" />',
    );
    const feed = await archive('feed.atom');
    expect(feed.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(feed.body).toMatch(
      /^<\?xml version="1.0" encoding="utf-8"\?>\s*<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/,
    );
  });

  it('links its pages to each other by relative names that all resolve', async () => {
    const root = `/e/${record.event.code}/archive/`;
    const seen = new Set<string>();
    const queue = ['index.html'];
    while (queue.length > 0 && seen.size < 50) {
      const file = queue.shift()!;
      if (seen.has(file)) continue;
      seen.add(file);
      const res = await archive(file);
      expect(res.statusCode, file).toBe(200);
      // Resolved as a browser would: against the page's address, or its <base> (topic pages).
      const pageUrl = new URL(file, `http://archive.test${root}`);
      const baseHref = res.body.match(/<base href="([^"]+)"/)?.[1];
      const base = baseHref ? new URL(baseHref, pageUrl) : pageUrl;
      for (const [, href] of res.body.matchAll(/href="([^"#:]+)(?:#[^"]*)?"/g)) {
        const target = new URL(href!.replace(/&amp;/g, '&'), base);
        if (!target.pathname.startsWith(root)) continue; // the live event's app, not the archive
        const inArchive = target.pathname.slice(root.length) + target.search;
        if (!inArchive.startsWith('search')) queue.push(inArchive);
      }
    }
    expect([...seen]).toEqual(
      expect.arrayContaining([`session-${record.event.sessionId}.html`, 'posts.html', 'feed.atom']),
    );
  });

  it('redirects the folder without its slash, so relative links resolve', async () => {
    const res = await get(`/e/${record.event.code}/archive`);
    expect(res.statusCode).toBe(301);
    expect(res.headers.location).toBe(`/e/${record.event.code}/archive/`);
  });

  it('answers 404 for a page past the last, an unknown file or a session of another event', async () => {
    const other = seedEvent(t.app);
    for (const path of ['posts-p9.html', 'secrets.html', `session-${other.sessionId}.html`]) {
      expect((await archive(path)).statusCode, path).toBe(404);
    }
  });
});

describe('when the archive is open', () => {
  it('answers 404 for an event whose archive is off (the default), pages, feeds and search alike', async () => {
    const closed = seedEvent(t.app);
    for (const url of [
      `/e/${closed.code}/archive/`,
      `/e/${closed.code}/archive/feed.atom`,
      `/e/${closed.code}/archive/search?q=zebra`,
    ]) {
      expect((await get(url)).statusCode, url).toBe(404);
    }
    const api = await get(`/api/events/by-code/${closed.code}/archive/search?q=zebra`);
    expect(api.statusCode).toBe(404);
    expect(api.json().error.id).toBe('archive_not_found');
  });

  it('opens an after_end archive only once the last session has ended', async () => {
    const later = seedEvent(t.app, { settings: { archive: 'after_end' } });
    const moderator = asModerator(later.eventId);
    const hour = 3600_000;
    const at = (ms: number) => new Date(Date.now() + ms).toISOString();
    t.app.domain.sessions.update(moderator, later.sessionId, {
      startsAt: at(-2 * hour),
      endsAt: at(hour),
    });
    expect((await get(`/e/${later.code}/archive/`)).statusCode).toBe(404);
    t.app.domain.sessions.update(moderator, later.sessionId, { endsAt: at(-hour) });
    expect((await get(`/e/${later.code}/archive/`)).statusCode).toBe(200);
  });

  it('lets a moderator choose the setting through PATCH, and refuses an unknown value with 400', async () => {
    const event = seedEvent(t.app);
    const patch = (payload: object, token = event.moderatorKey) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/events/${event.eventId}`,
        headers: bearer(token),
        payload,
      });
    const bad = await patch({ settings: { archive: 'forever' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty(['body.settings.archive']);
    expect((await patch({ settings: { archive: 'now' } }, event.speakerKey)).statusCode).toBe(403);
    const ok = await patch({ settings: { archive: 'now' } });
    expect(ok.json().settings.archive).toBe('now');
    expect((await get(`/e/${event.code}/archive/`)).statusCode).toBe(200);
  });
});

describe('POST /api/events/:eventId/archive/withdrawn', () => {
  const withdraw = (payload: object, token?: string, eventId = record.event.eventId) =>
    t.app.inject({
      method: 'POST',
      url: `/api/events/${eventId}/archive/withdrawn`,
      headers: token ? bearer(token) : {},
      payload,
    });

  it('withdraws and restores an item, and logs both', async () => {
    const body = { kind: 'post', id: record.ids.post, withdrawn: true };
    const res = await withdraw(body, record.event.moderatorKey);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(body);
    expect((await archive('posts.html')).body).not.toContain('Zebra crossing notes');
    await withdraw({ ...body, withdrawn: false }, record.event.moderatorKey);
    expect((await archive('posts.html')).body).toContain('Zebra crossing notes');
    const log = await t.app.inject({
      url: `/api/events/${record.event.eventId}/moderation/log`,
      headers: bearer(record.event.moderatorKey),
    });
    const actions = log.json().entries.map((e: { action: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['withdraw_from_archive', 'restore_to_archive']),
    );
  });

  it('refuses callers who are not the event’s moderator (401/403), and changes nothing', async () => {
    const body = { kind: 'answer', id: record.ids.answer, withdrawn: true };
    expect((await withdraw(body)).statusCode).toBe(401);
    const attendee = joinAttendee(t.app, record.event.eventId);
    for (const token of [
      attendee.token,
      record.event.sessionSpeakerKey,
      seedEvent(t.app).moderatorKey,
    ])
      expect((await withdraw(body, token)).statusCode).toBe(403);
    expect((await archive(`session-${record.event.sessionId}.html`)).body).toContain(SHOWN.answer);
  });

  it('answers 404 for an item of another event, and 400 for a bad body', async () => {
    const other = seedEvent(t.app);
    const res = await withdraw(
      { kind: 'post', id: record.ids.post, withdrawn: true },
      other.moderatorKey,
      other.eventId,
    );
    expect(res.statusCode).toBe(404);
    expect(res.json().error.id).toBe('post_not_found');
    const bad = await withdraw({ kind: 'vote', id: 1, withdrawn: true }, record.event.moderatorKey);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.id).toBe('validation_failed');
  });
});

describe('PUT /api/events/:eventId/attendees/me/archive', () => {
  it('is off by default, and names the attendee in the archive once they opt in', async () => {
    const { token } = joinAttendee(t.app, record.event.eventId, 'Optin Olga');
    const url = `/api/events/${record.event.eventId}/attendees/me/archive`;
    expect((await t.app.inject({ url, headers: bearer(token) })).json()).toEqual({ named: false });
    const post = t.app.domain.posts.create(
      t.app.domain.resolvePrincipal(token)!,
      record.event.eventId,
      {
        text: 'Olga was here',
      },
    ).post;
    t.app.domain.posts.moderate(
      { kind: 'moderator', eventId: record.event.eventId },
      post.id,
      'approve',
    );
    expect((await archive('posts.html')).body).not.toContain('Optin Olga');
    const put = await t.app.inject({
      method: 'PUT',
      url,
      headers: bearer(token),
      payload: { named: true },
    });
    expect(put.json()).toEqual({ named: true });
    expect((await archive('posts.html')).body).toContain('Optin Olga');
    expect(
      t.app.domain.archive.named(t.app.domain.resolvePrincipal(token)!, record.event.eventId),
    ).toBe(true);
  });

  it('refuses a moderator key (403), no token (401) and a bad body (400)', async () => {
    const url = `/api/events/${record.event.eventId}/attendees/me/archive`;
    const put = (token: string | null, payload: object) =>
      t.app.inject({ method: 'PUT', url, headers: token ? bearer(token) : {}, payload });
    expect((await put(record.event.moderatorKey, { named: true })).statusCode).toBe(403);
    expect((await put(null, { named: true })).statusCode).toBe(401);
    const { token } = joinAttendee(t.app, record.event.eventId);
    expect((await put(token, { named: 'yes' })).statusCode).toBe(400);
  });
});
