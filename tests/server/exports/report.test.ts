import { marked } from 'marked';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { mdHeading, mdInline, mdLines, mdTable } from '../../../server/exports/markdown.ts';
import type { Principal } from '../../../server/auth/principal.ts';
import { bearer, build, joinAttendee, seedEvent, seedSession, type TestApp } from '../../helper.ts';
import { seedRecord } from './fixtures.ts';

let t: TestApp;

beforeAll(async () => {
  t = await build();
});
afterAll(() => t.close());

const render = (markdown: string) => marked.parse(markdown, { async: false, gfm: true });
const tagsIn = (html: string) => [...html.matchAll(/<([a-z][a-z0-9]*)\b/g)].map((m) => m[1]);
/** The text a viewer shows, entities decoded. */
const shown = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();

describe('escaping only what Markdown needs', () => {
  it('leaves ordinary punctuation, handles, words with underscores, emoji and right-to-left text as typed', () => {
    for (const text of [
      'What about snake_case and file_name.txt?',
      'Is a < b, and is 3 > 2? (Yes!) Q&A: 100% — done.',
      'Thanks @bob, see #ask at 10:30',
      'Great talk 🎉🙏🏽 👩‍💻',
      'ما هو رأيك في هذا؟',
      'שלום עולם, מה שלומך?',
      'こんにちは、質問です。',
      'C:\\Users\\ada and a\\b',
    ]) {
      expect(mdInline(text), text).toBe(text);
      expect(shown(render(mdInline(text))), text).toBe(text);
    }
  });

  it('escapes emphasis, code, links, headings and table bars, and a viewer shows them as typed', () => {
    const cases: Array<[string, string]> = [
      ['*bold* and _em_', '\\*bold\\* and \\_em\\_'],
      ['__init__ of snake_case', '\\_\\_init\\_\\_ of snake_case'],
      ['# Not a heading', '\\# Not a heading'],
      ['## Two', '\\## Two'],
      ['use `rm -rf` here', 'use \\`rm -rf\\` here'],
      ['a | b | c', 'a \\| b \\| c'],
      ['[site](https://evil.example)', '\\[site](https\\://evil.example)'],
      ['<b>bold</b> &amp; &#60;', '\\<b>bold\\</b> \\&amp; \\&#60;'],
      ['mail ada@evil.example', 'mail ada\\@evil.example'],
      ['~~gone~~', '\\~\\~gone\\~\\~'],
      ['> quoted', '\\> quoted'],
      ['1. first', '1\\. first'],
      ['ends in a backslash \\', 'ends in a backslash \\\\'],
    ];
    for (const [text, escaped] of cases) {
      expect(mdInline(text), text).toBe(escaped);
      const html = render(mdInline(text));
      expect(tagsIn(html), `${text} -> ${html}`).toEqual(['p']);
      expect(shown(html), text).toBe(text);
    }
  });

  it('keeps a bar in a cell inside its cell', () => {
    const html = render(mdTable(['Session', 'Votes'], [[mdInline('A | B'), 3]]));
    expect(html.match(/<td[^>]*>/g)).toHaveLength(2);
    expect(html).toContain('A | B</td>');
    expect(html).toMatch(/<td align="right">3<\/td>/);
  });

  it('keeps a closing run of # in a heading', () => {
    expect(shown(render(`## ${mdHeading('Why C #')}`))).toBe('Why C #');
    expect(shown(render(`## ${mdHeading('# Hash talk')}`))).toBe('# Hash talk');
  });

  it('keeps every line of a text its own, whatever starts it', () => {
    const lines = mdLines('* star\n_under_\n| a | b |\n|---|---|\n```\nfence');
    expect(lines).toEqual([
      '\\* star',
      '\\_under\\_',
      '\\| a \\| b \\|',
      '\\|---\\|---\\|',
      '\\`\\`\\`',
      'fence',
    ]);
    expect(tagsIn(render(lines.join('\\\n')))).toEqual(['p', 'br', 'br', 'br', 'br', 'br']);
  });
});

const principal = (app: FastifyInstance, token: string): Principal =>
  app.domain.resolvePrincipal(token)!;

async function report(eventId: number, token: string): Promise<string> {
  const res = await t.app.inject({
    url: `/api/events/${eventId}/export.md`,
    headers: bearer(token),
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.body;
}

describe('the report', () => {
  it('writes every time on the event’s clock and says which one', async () => {
    const event = seedEvent(t.app, { name: 'Berlin Conf', timeZone: 'Europe/Berlin' });
    const ada = joinAttendee(t.app, event.eventId, 'Ada');
    const moderator: Principal = { kind: 'moderator', eventId: event.eventId };
    const id = t.app.domain.posts.create(principal(t.app, ada.token), event.eventId, {
      text: 'Hello',
    }).post.id;
    t.app.domain.posts.moderate(moderator, id, 'approve');
    t.app.db
      .prepare("UPDATE posts SET created_at = '2025-07-01T08:15:00.000Z' WHERE id = ?")
      .run(id);
    t.app.domain.repos.posts.forgetWallHeads();
    const body = await report(event.eventId, event.moderatorKey);
    expect(body).toContain('times in Europe/Berlin');
    expect(body).toContain('- Ada · web · 2025-07-01 10:15\\\n  Hello');
    expect(body).not.toContain('UTC');
  });

  it('opens with totals: posts by status and network, questions, votes and attendees per session', async () => {
    const r = seedRecord(t.app);
    const body = await report(r.event.eventId, r.event.moderatorKey);
    const totals = body.slice(body.indexOf('## Totals'), body.indexOf('## Keynote'));
    expect(totals).toContain(
      '5 attendees joined · 7 posts · 6 questions asked, 1 answered · 4 votes\n',
    );
    expect(totals).toContain(
      [
        '| Posts | Count |',
        '| --- | ---: |',
        '| Never moderated | 1 |',
        '| On the wall | 4 |',
        '| Rejected | 1 |',
        '| Taken down | 1 |',
        '| **All** | 7 |',
      ].join('\n'),
    );
    expect(totals).toContain(
      '| Network | Posts | On the wall |\n| --- | ---: | ---: |\n| web | 7 | 4 |',
    );
    expect(totals).toContain(
      [
        '| Session | Room | Asked | Answered | Waiting | Votes |',
        '| --- | --- | ---: | ---: | ---: | ---: |',
        '| Keynote | Main hall | 5 | 1 | 1 | 4 |',
        '| Second talk | Room B | 1 | 0 | 0 | 0 |',
        '| **All sessions** |  | 6 | 1 | 1 | 4 |',
      ].join('\n'),
    );
  });

  it('counts nothing of another event', async () => {
    const quiet = seedEvent(t.app, { name: 'Quiet Conf' });
    seedRecord(t.app);
    const body = await report(quiet.eventId, quiet.moderatorKey);
    expect(body).toContain(
      '0 attendees joined · 0 posts · 0 questions asked, 0 answered · 0 votes',
    );
    expect(body).toContain('| Keynote | Main hall | 0 | 0 | 0 | 0 |');
    expect(body).not.toContain('| Network |');
  });

  it('names an anonymous asker "Anonymous" and an unnamed one "Attendee", and keeps a session title with a bar in its cell', async () => {
    const event = seedEvent(t.app, { name: 'Names Conf' });
    const odd = seedSession(t.app, event.eventId, { title: 'A | B *talk*', room: 'Room_1' });
    const moderator: Principal = { kind: 'moderator', eventId: event.eventId };
    const named = joinAttendee(t.app, event.eventId, 'Secret Name');
    const unnamed = joinAttendee(t.app, event.eventId, null);
    const ask = (token: string, text: string, anonymous: boolean) => {
      const id = t.app.domain.questions.create(principal(t.app, token), odd.sessionId, {
        text,
        anonymous,
      }).question.id;
      t.app.domain.questions.moderate(moderator, id, 'approve');
    };
    ask(named.token, 'Asked without my name?', true);
    ask(unnamed.token, 'Asked with no name set?', false);
    const body = await report(event.eventId, event.moderatorKey);
    expect(body).not.toContain('Secret Name');
    expect(body).toContain('- 0 votes · *Anonymous*\\\n  Asked without my name?');
    expect(body).toContain('- 0 votes · Attendee\\\n  Asked with no name set?');
    expect(body).toContain('| A \\| B \\*talk\\* | Room_1 | 2 | 0 | 0 | 0 |');
    expect(body).toContain('## A \\| B \\*talk\\*\n');
    const html = render(body);
    expect(html).toContain('<h2>A | B *talk*</h2>');
    expect(html).toContain('<td>A | B *talk*</td>');
  });
});
