import { marked } from 'marked';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mdInline, mdLines, mdListItem, mdTime } from '../../../server/exports/markdown.ts';
import { bearer, build, seedEvent, type TestApp } from '../../helper.ts';
import { HOSTILE, seedRecord, type ExportRecord } from './fixtures.ts';

let t: TestApp;
let r: ExportRecord;

beforeAll(async () => {
  t = await build();
  r = seedRecord(t.app);
});
afterAll(() => t.close());

/** What a GitHub-flavoured viewer makes of it (marked turns bare URLs into links, as GitHub does). */
const render = (markdown: string) => marked.parse(markdown, { async: false, gfm: true });
const tagsIn = (html: string) => [...html.matchAll(/<([a-z][a-z0-9]*)\b/g)].map((m) => m[1]);

const ATTACKS = [
  HOSTILE,
  '![pixel](https://evil.example/t.gif)',
  '<script>alert(1)</script>',
  '<a href="javascript:alert(1)">x</a>',
  '[ref]: https://evil.example',
  'https://evil.example and www.evil.example and ada@evil.example',
  '`code` and ```fence```',
  '**bold** _em_ ~~gone~~',
  '| a | b |',
  '&lt;img src=x onerror=alert(1)&gt; &#60;b&#62;',
  '\\[escaped\\](javascript:alert(1))',
];

describe('mdInline', () => {
  it('keeps attendee text as text: no link, image, HTML, code or emphasis in any viewer', () => {
    for (const attack of ATTACKS) {
      const html = render(mdInline(attack));
      expect(tagsIn(html), `${attack} -> ${html}`).toEqual(['p']);
    }
  });

  it('shows the characters it escapes as they were typed', () => {
    const html = render(mdInline('a*b_c [d] <e> #f |g| ~h~ `i` \\j &k !l'));
    expect(html).toBe('<p>a*b_c [d] &lt;e&gt; #f |g| ~h~ `i` \\j &amp;k !l</p>\n');
  });

  it('neutralises what would start a block at the start of a line', () => {
    for (const start of [
      '# Heading',
      '## Heading',
      '> quote',
      '- item',
      '+ item',
      '* item',
      '1. item',
      '2) item',
      '=====',
      '---',
      '***',
      '    code',
    ]) {
      expect(tagsIn(render(mdInline(start))), start).toEqual(['p']);
    }
  });

  it('folds line breaks into spaces', () => {
    expect(mdInline('one\ntwo\r\n  three')).toBe('one two three');
  });
});

describe('mdLines and mdListItem', () => {
  it('keep every line of a multi-line text inside one list item, whatever each line starts with', () => {
    const text =
      'Heading?\n===\n# Heading\n> quoted\n- listed\n1. numbered\n    indented\n\n<img src=x onerror=alert(1)>';
    const html = render(mdListItem(['meta', ...mdLines(text)]));
    expect(tagsIn(html)).toEqual(['ul', 'li', ...Array(8).fill('br')]);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('mdTime', () => {
  it('writes an ISO time to the minute on the clock of the zone it is given', () => {
    expect(mdTime('2025-05-01T10:07:59.000Z', 'UTC')).toBe('2025-05-01 10:07');
    expect(mdTime('2025-05-01T12:07:00+02:00', 'UTC')).toBe('2025-05-01 10:07');
    expect(mdTime('2025-05-01T10:07:00Z', 'Europe/Berlin')).toBe('2025-05-01 12:07');
    expect(mdTime('2025-01-01T02:30:00Z', 'America/New_York')).toBe('2024-12-31 21:30');
  });
});

describe('GET /api/events/:eventId/export.md', () => {
  async function report(eventId = r.event.eventId, token = r.event.moderatorKey) {
    const res = await t.app.inject({
      url: `/api/events/${eventId}/export.md`,
      headers: bearer(token),
    });
    expect(res.statusCode, res.body).toBe(200);
    return res;
  }

  it('is a Markdown download named after the event', async () => {
    const res = await report();
    expect(res.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="${r.event.code}-report.md"`,
    );
  });

  it('has the event, the totals, each session and the posts as its only headings, and no link, image or HTML', async () => {
    const html = render((await report()).body);
    expect([...html.matchAll(/<h(\d)>(.*?)<\/h\d>/g)].map((m) => `${m[1]} ${m[2]}`)).toEqual([
      '1 Export Conf',
      '2 Totals',
      '2 Keynote',
      '2 Second talk',
      '2 Posts',
    ]);
    expect(new Set(tagsIn(html))).toEqual(
      new Set([
        'h1',
        'p',
        'h2',
        'table',
        'thead',
        'tr',
        'th',
        'tbody',
        'td',
        'ul',
        'li',
        'br',
        'strong',
        'em',
      ]),
    );
    expect(html).toContain(
      '[click](javascript:alert(1)) &lt;img src=x onerror=alert(1)&gt; # Heading',
    );
  });

  it('lists each session’s questions best first with votes, marks the answered one and leaves the dismissed one out', async () => {
    const body = (await report()).body;
    const keynote = body.slice(body.indexOf('## Keynote'), body.indexOf('## Second talk'));
    expect(keynote).toBe(
      [
        '## Keynote',
        '',
        'Main hall',
        '',
        '- 3 votes · @bob\\',
        '  Great, "really" great\\',
        '  second line',
        '- 1 vote · *Anonymous*\\',
        '  Who am I?',
        '- 0 votes · **Answered** · Ada\\',
        '  Which one was answered?',
        '- 0 votes · *Never approved* · @bob\\',
        '  Never looked at?',
        '',
        '',
      ].join('\n'),
    );
    expect(body).not.toContain('Dismissed, off topic');
  });

  it('lists only the posts the wall showed, newest first, with author, source and time', async () => {
    const body = (await report()).body;
    const posts = body.slice(body.indexOf('## Posts'));
    const items = posts.split('\n').filter((line) => line.startsWith('- '));
    expect(items).toEqual([
      `- Ada · web · 2025-05-01 10:${String(r.posts.hostile % 60).padStart(2, '0')}\\`,
      `- @bob · web · 2025-05-01 10:${String(r.posts.formula % 60).padStart(2, '0')}\\`,
      `- Ada · web · 2025-05-01 10:${String(r.posts.tricky % 60).padStart(2, '0')}\\`,
      `- Ada · web · 2025-05-01 10:${String(r.posts.approved % 60).padStart(2, '0')}\\`,
    ]);
    for (const text of ['Still waiting', 'Rejected one', 'Taken down later'])
      expect(body).not.toContain(text);
  });

  it('says so when an event has no questions and no posts', async () => {
    const empty = seedEvent(t.app, { name: 'Quiet Conf' });
    const body = (await report(empty.eventId, empty.moderatorKey)).body;
    expect(body).toContain(
      '## Keynote\n\nMain hall\n\n*No questions.*\n\n## Posts\n\n*No posts.*\n',
    );
  });
});
