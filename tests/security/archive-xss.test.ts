/**
 * Attacker-written text through every way into the public archive (a post, a question, a
 * staff answer, an attendee's reply, a session's title and speaker, a shared link): the pages and
 * feeds carry it escaped, and both stay well-formed (checked by htmlparser2, strict for XML).
 */
import { Parser } from 'htmlparser2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../server/auth/principal.ts';
import { ICON } from '../../server/archive/html/layout.ts';
import { bearer, build, joinAttendee, type TestApp } from '../helper.ts';
import { PAYLOADS, seedArchive, type ArchiveRecord } from '../server/archive/fixtures.ts';

const TEXT = Object.values(PAYLOADS).join(' ');

let t: TestApp;
let record: ArchiveRecord;
/** The public ids of the attendees with hostile names, affiliations and links. */
const people: string[] = [];

beforeAll(async () => {
  t = await build();
  record = seedArchive(t.app, {}, { title: `Talk ${PAYLOADS.script}`, speaker: PAYLOADS.attr });
  const moderator: Principal = { kind: 'moderator', eventId: record.event.eventId };
  const who = (token: string) => t.app.domain.resolvePrincipal(token)!;
  const author = joinAttendee(t.app, record.event.eventId, PAYLOADS.img);
  t.app.domain.archive.setNamed(who(author.token), record.event.eventId, true);
  const post = t.app.domain.posts.create(who(author.token), record.event.eventId, {
    text: `zz ${TEXT}`,
  }).post;
  t.app.domain.posts.moderate(moderator, post.id, 'approve');
  const asker = joinAttendee(t.app, record.event.eventId, PAYLOADS.script);
  t.app.domain.archive.setNamed(who(asker.token), record.event.eventId, true);
  const q = t.app.domain.questions.create(who(asker.token), record.event.sessionId, {
    text: `Q ${TEXT}`,
  }).question;
  t.app.domain.questions.moderate(moderator, q.id, 'approve');
  t.app.domain.answers.create(who(record.event.sessionSpeakerKey), q.id, {
    text: `A ${TEXT}`,
    markAnswered: true,
  });
  const reply = t.app.domain.answers.create(who(author.token), q.id, { text: `R ${TEXT}` }).answer;
  t.app.domain.answers.moderate(moderator, reply.id, 'approve');
  // Affiliations and links through the API, as an attendee would send them.
  const { eventId } = record.event;
  const profiles: Array<[string, object]> = [
    [
      author.token,
      { affiliation: PAYLOADS.script, link: 'https://example.org/"><script>alert(4)</script>' },
    ],
    [
      asker.token,
      { affiliation: PAYLOADS.attr, link: 'https://example.org/?q="onmouseover=alert(5)' },
    ],
  ];
  for (const [token, body] of profiles) {
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/events/${eventId}/attendees/me/profile`,
      headers: bearer(token),
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(200);
    people.push(res.json<{ person: string }>().person);
  }
  // And a link that got past the API somehow (an old row, a hand edit): never an href.
  const third = joinAttendee(t.app, eventId, PAYLOADS.entity);
  t.app.domain.archive.setNamed(who(third.token), eventId, true);
  const p3 = t.app.domain.posts.create(who(third.token), eventId, { text: 'zz third' }).post;
  t.app.domain.posts.moderate(moderator, p3.id, 'approve');
  t.app.db
    .prepare("UPDATE attendees SET link = 'javascript:alert(6)', affiliation = ? WHERE id = ?")
    .run(PAYLOADS.img, third.attendeeId);
  people.push(t.app.domain.people.profile(who(third.token), eventId).person!);
});
afterAll(() => t.close());

const VOID = new Set(['meta', 'link', 'img', 'br', 'input', 'hr', 'base']);

/** Structural problems: elements closed by implication (a missing or stray end tag), duplicate ids. */
function problems(markup: string, xml: boolean): string[] {
  const found: string[] = [];
  const ids = new Set<string>();
  const tags: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        tags.push(name);
        if (attrs.id) {
          if (ids.has(attrs.id)) found.push(`duplicate id ${attrs.id}`);
          ids.add(attrs.id);
        }
        if (Object.keys(attrs).some((a) => /^on/i.test(a)))
          found.push(`event handler attribute on <${name}>`);
        if (name === 'script') found.push('a <script> element');
        if (name === 'img' && !('alt' in attrs)) found.push('<img> without alt');
      },
      onclosetag(name, implied) {
        if (implied && !VOID.has(name) && !(xml && name === 'link'))
          found.push(`<${name}> closed by implication`);
      },
    },
    { xmlMode: xml, recognizeSelfClosing: true, decodeEntities: true },
  );
  parser.write(markup);
  parser.end();
  if (!xml && tags[0] !== 'html') found.push('no <html> root');
  return found;
}

async function fetch(path: string) {
  const res = await t.app.inject(`/e/${record.event.code}/archive/${path}`);
  expect(res.statusCode, path).toBe(200);
  return res.body;
}

describe('hostile text in the archive', () => {
  const pages = () => [
    '',
    `session-${record.event.sessionId}.html`,
    'posts.html',
    'links.html',
    `search?q=${encodeURIComponent('zz')}`,
    `search?q=${encodeURIComponent(PAYLOADS.script)}`,
    'people.html',
    // The speaker's page, named after the hostile speaker name: letters and digits only.
    'people/onmouseover_alert_2_x.html',
    ...people.map((id) => `people/${id}.html`),
    'topics/zebrascale.html',
    'topics/rustlang.html',
  ];

  it('is escaped in every page, which stays well-formed, with no script and no handler', async () => {
    for (const path of pages()) {
      const html = await fetch(path);
      expect(problems(html, false), path).toEqual([]);
      expect(html, path).not.toContain('<script');
      expect(html, path).not.toContain('<img src=x');
      expect(html, path).not.toContain('" onmouseover=');
      expect(html, path).not.toContain('href="javascript:');
    }
    const session = await fetch(`session-${record.event.sessionId}.html`);
    expect(session).toContain('Talk &lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;');
    expect(session).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(session).toContain('&amp;lt;b&amp;gt; &amp;amp; ]]&gt;');
  });

  it('is escaped in both feeds, which stay well-formed XML', async () => {
    for (const path of ['feed.atom', `session-${record.event.sessionId}.atom`]) {
      const xml = await fetch(path);
      expect(problems(xml, true), `${path}\n${xml}`).toEqual([]);
      expect(xml, path).not.toMatch(/<script|<img /);
      // In type="html" content the markup is escaped once more: a reader unescapes it back to
      // our markup, in which the user's text is still escaped.
      if (path.includes('session-')) expect(xml).toContain('&amp;lt;script&amp;gt;');
      else expect(xml).toContain('&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;');
    }
  });

  it('links only http and https addresses', async () => {
    for (const path of ['', 'people.html', ...people.map((id) => `people/${id}.html`)]) {
      // The page's own empty icon is the one data: address it may write (layout.ts says why).
      const html = (await fetch(path)).replace(String(ICON), '');
      for (const [, href] of html.matchAll(/href="([^"]*)"/g))
        expect(href, path).not.toMatch(/^\s*(javascript|data):/i);
    }
  });

  it("shows a person's affiliation escaped and their link percent-encoded, nofollow", async () => {
    const [author, asker, third] = await Promise.all(
      people.map((id) => fetch(`people/${id}.html`)),
    );
    expect(author).toContain('&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;');
    expect(author).toContain(
      '<a href="https://example.org/%22%3E%3Cscript%3Ealert(4)%3C/script%3E" rel="nofollow ugc noopener">',
    );
    expect(asker).toContain('&quot; onmouseover=&quot;alert(2)&quot; x=&quot;');
    expect(asker).toContain('href="https://example.org/?q=%22onmouseover=alert(5)"');
    expect(third).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(third).not.toContain('alert(6)');
  });
});
