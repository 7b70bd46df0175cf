import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExportDocument } from '../../../shared/schemas/exports.ts';
import {
  build,
  joinAttendee,
  listen,
  seedEvent,
  type SeededEvent,
  type TestApp,
} from '../../helper.ts';

/** An event the size of a big conference day: 50,000 posts, 2,000 questions. */
const POSTS = 50_000;
const QUESTIONS = 2_000;

let t: TestApp;
let url: string;
let event: SeededEvent;

beforeAll(async () => {
  t = await build();
  url = await listen(t.app);
  event = seedEvent(t.app);
  const insertPost = t.app.db.prepare(
    `INSERT INTO posts (event_id, source, text, author_name, status, author_key, created_at, updated_at)
     VALUES (?, 'api', ?, ?, ?, ?, ?, ?)`,
  );
  const insertQuestion = t.app.db.prepare(
    `INSERT INTO questions (event_id, session_id, text, author_name, status, created_at) VALUES (?, ?, ?, ?, 'approved', ?)`,
  );
  t.app.db.transaction(() => {
    for (let i = 1; i <= POSTS; i++) {
      const at = new Date(Date.UTC(2025, 4, 1) + i * 1000).toISOString();
      insertPost.run(
        event.eventId,
        `Post number ${i}, with "quotes" and é`,
        `Author ${i % 300}`,
        i % 10 === 0 ? 'pending' : 'approved',
        `api:a${i % 300}`,
        at,
        at,
      );
    }
    for (let i = 1; i <= QUESTIONS; i++)
      insertQuestion.run(
        event.eventId,
        event.sessionId,
        `Question ${i}?`,
        `Asker ${i}`,
        new Date().toISOString(),
      );
  })();
});
afterAll(() => t.close());

/** Downloads while timing the event loop: the longest it was kept from other work. */
async function timed(path: string, during?: () => void) {
  const start = performance.now();
  let last = start;
  let longest = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  const res = await fetch(`${url}/api/events/${event.eventId}/${path}`, {
    headers: { authorization: `Bearer ${event.moderatorKey}` },
  });
  const reader = res.body!.getReader();
  const chunks: Uint8Array[] = [];
  for (let first = true; ; first = false) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    if (first) during?.();
  }
  clearInterval(ticker);
  return {
    status: res.status,
    text: Buffer.concat(chunks).toString('utf8'),
    longest,
    total: performance.now() - start,
  };
}

describe('exports of a big event', () => {
  it('streams 50,000 posts as CSV, every row once and in order, without holding up other requests', async () => {
    const { status, text, longest, total } = await timed('export/posts.csv');
    expect(status).toBe(200);
    const rows = text.split('\r\n').slice(1, -1);
    expect(rows).toHaveLength(POSTS);
    const ids = rows.map((row) => Number(row.split(',')[0]));
    expect(ids.every((id, i) => i === 0 || id > ids[i - 1]!)).toBe(true);
    expect(rows[POSTS - 1]).toContain(`"Post number ${POSTS}, with ""quotes"" and é"`);
    // Page by page, other work runs between pages: the loop is never blocked for the export.
    expect(longest).toBeLessThan(total / 2);
  });

  it('streams the JSON document with every post and question', async () => {
    const { status, text } = await timed('export.json');
    expect(status).toBe(200);
    const doc = ExportDocument.parse(JSON.parse(text));
    expect(doc.posts).toHaveLength(POSTS);
    expect(doc.questions).toHaveLength(QUESTIONS);
    expect(new Set(doc.posts.map((p) => p.id)).size).toBe(POSTS);
  });

  it('writes the Markdown report with only the approved posts', async () => {
    const { status, text } = await timed('export.md');
    expect(status).toBe(200);
    const posts = text.slice(text.indexOf('## Posts'));
    expect(posts.split('\n').filter((line) => line.startsWith('- '))).toHaveLength(
      POSTS - POSTS / 10,
    );
  });

  it('lets the app write while an export is being sent', async () => {
    let written = 0;
    const { status, text } = await timed('export/posts.csv', () => {
      const { token } = joinAttendee(t.app, event.eventId, 'Late');
      t.app.domain.posts.create(t.app.domain.resolvePrincipal(token)!, event.eventId, {
        text: 'Written mid-export',
      });
      written += 1;
    });
    expect(status).toBe(200);
    expect(written).toBe(1);
    expect(text.split('\r\n').length).toBeGreaterThanOrEqual(POSTS + 2);
  });
});
